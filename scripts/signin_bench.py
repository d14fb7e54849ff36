"""Sign-in round trip under concurrency: each of N clients has its own account and signs
in repeatedly (form POST, as a browser without JavaScript does); p50/p95/p99.

    signin_bench.py BASE CLIENTS PER_CLIENT [THINK_SECONDS]

With THINK_SECONDS 0 (the default) every client signs in again the moment its last
sign-in returns: the server's worst case. With THINK_SECONDS > 0 each client waits a
random time averaging that long between sign-ins (people, not a loop)."""
import random
import http.client
import sys
import threading
import time
import urllib.parse
from urllib.parse import urlparse

base, clients, per_client = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
think = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
url = urlparse(base)
PASSWORD = "kopi tubruk pagi hari"


def post(conn, path, fields):
    body = urllib.parse.urlencode(fields)
    conn.request("POST", path, body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "text/html",
        "Referer": f"{base}/masuk",
        "Origin": base,
    })
    resp = conn.getresponse()
    resp.read()
    return resp


# One account per client (sign-up needs no verification to sign in).
setup = http.client.HTTPConnection(url.hostname, url.port)
stamp = int(time.time())
emails = [f"bench{stamp}.{i}@salatiga.go.id" for i in range(clients)]
for i, email in enumerate(emails):
    post(setup, "/api/sign_up", {"name": f"Bench {i}", "email": email, "password": PASSWORD})

times, errors, lock = [], [0], threading.Lock()


def worker(email):
    conn = http.client.HTTPConnection(url.hostname, url.port)
    mine = []
    for _ in range(per_client):
        if think > 0:
            time.sleep(random.expovariate(1.0 / think))
        t0 = time.perf_counter()
        resp = post(conn, "/api/sign_in", {"email": email, "password": PASSWORD})
        mine.append((time.perf_counter() - t0) * 1000)
        if resp.status not in (302, 303) or "sayembara_session=" not in (resp.getheader("Set-Cookie") or ""):
            errors[0] += 1
    with lock:
        times.extend(mine)


start = time.perf_counter()
threads = [threading.Thread(target=worker, args=(e,)) for e in emails]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.perf_counter() - start
times.sort()
pct = lambda p: times[min(len(times) - 1, int(len(times) * p))]
print(
    f"POST /api/sign_in: {len(times)} sign-ins, {clients} concurrent clients"
    f"{f', think time {think:g} s' if think > 0 else ', no think time'}, {len(times) / elapsed:.0f}/s, "
    f"p50 {pct(0.50):.0f} ms, p95 {pct(0.95):.0f} ms, p99 {pct(0.99):.0f} ms, failures {errors[0]}"
)
