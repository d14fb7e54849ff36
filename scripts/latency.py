"""Latency of one path under N concurrent clients (keep-alive), p50/p95/p99."""
import http.client
import sys
import threading
import time
from urllib.parse import urlparse

base, path, clients, total = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
url = urlparse(base)
per_client = total // clients
times = []
lock = threading.Lock()
errors = [0]


def worker():
    conn = http.client.HTTPConnection(url.hostname, url.port)
    mine = []
    for _ in range(per_client):
        t0 = time.perf_counter()
        conn.request("GET", path, headers={"Accept-Encoding": "br"})
        resp = conn.getresponse()
        resp.read()
        mine.append((time.perf_counter() - t0) * 1000)
        if resp.status != 200:
            errors[0] += 1
    with lock:
        times.extend(mine)


start = time.perf_counter()
threads = [threading.Thread(target=worker) for _ in range(clients)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.perf_counter() - start
times.sort()


def pct(p):
    return times[min(len(times) - 1, int(len(times) * p))]


print(
    f"GET {path}: {len(times)} requests, {clients} clients, {len(times) / elapsed:.0f} req/s, "
    f"p50 {pct(0.50):.1f} ms, p95 {pct(0.95):.1f} ms, p99 {pct(0.99):.1f} ms, errors {errors[0]}"
)
