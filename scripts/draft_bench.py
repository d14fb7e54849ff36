"""Draft saves under concurrency, and the memory an upload takes.

    draft_bench.py BASE WRITERS SAVES_PER_WRITER THINK_SECONDS [SERVER_PID]

Each writer is a person who leads their own team in the demo competition and saves the
title of its proposal over and over through the autosave endpoint (`/api/autosave_part`,
what the editor calls as one types), each save starting from the version the last one
returned, waiting a random time averaging THINK_SECONDS between saves (0: back to back,
the server's saturation). Prints p50/p95/p99; every save must succeed and the versions each writer gets
back must run 1, 2, 3, … with no gap (no lost update).

With SERVER_PID, one writer then uploads a 1 MB and a 10 MB PDF while the server's
resident memory (VmRSS) is sampled every few milliseconds: streamed uploads do not grow it
by the file's size."""
import http.client
import json
import random
import re
import sys
import threading
import time
import urllib.parse
from urllib.parse import urlparse

base, writers, per_writer = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
think = float(sys.argv[4])
pid = sys.argv[5] if len(sys.argv) > 5 else None
url = urlparse(base)
PASSWORD = "kopi tubruk pagi hari"
SLUG = "kipp-daerah-2027"


def request(conn, method, path, fields=None, cookie=None, accept="text/html", body=None, ctype=None):
    headers = {"Accept": accept, "Origin": base, "Referer": f"{base}/"}
    if fields is not None:
        body = urllib.parse.urlencode(fields)
        ctype = "application/x-www-form-urlencoded"
    if ctype:
        headers["Content-Type"] = ctype
    if cookie:
        headers["Cookie"] = cookie
    conn.request(method, path, body=body, headers=headers)
    resp = conn.getresponse()
    data = resp.read()
    return resp, data


def session(conn, email, name):
    request(conn, "POST", "/api/sign_up", {"name": name, "email": email, "password": PASSWORD})
    resp, _ = request(conn, "POST", "/api/sign_in", {"email": email, "password": PASSWORD})
    cookie = resp.getheader("Set-Cookie") or ""
    match = re.search(r"sayembara_session=[^;]+", cookie)
    if not match:
        sys.exit(f"sign-in failed for {email}: {resp.status}")
    return match.group(0)


stamp = int(time.time())
setup = http.client.HTTPConnection(url.hostname, url.port)
teams = []
choices = None
for i in range(writers):
    cookie = session(setup, f"draft{stamp}.{i}@salatiga.go.id", f"Penulis {i}")
    if choices is None:
        _, page = request(setup, "GET", f"/kompetisi/{SLUG}/daftar-tim", cookie=cookie)
        page = page.decode()
        category = re.search(r'name="category".*?<option value="(\d+)"', page, re.S).group(1)
        group = re.search(r'name="group".*?<option value="(\d+)"', page, re.S).group(1)
        choices = (category, group)
    resp, _ = request(setup, "POST", "/api/register_team", {
        "slug": SLUG, "name": f"Tim Bench {stamp} {i}", "agency": "Pemerintah Kota Salatiga",
        "region": "", "category": choices[0], "group": choices[1],
    }, cookie=cookie)
    location = resp.getheader("Location") or ""
    match = re.match(r"/tim/(\d+)", location)
    if not match:
        sys.exit(f"team registration failed: {resp.status} {location}")
    teams.append((cookie, match.group(1)))

times, failures, gaps, lock = [], [0], [0], threading.Lock()
barrier = threading.Barrier(writers)


def writer(cookie, team):
    conn = http.client.HTTPConnection(url.hostname, url.port)
    mine, version = [], 0
    barrier.wait()
    for n in range(per_writer):
        if think > 0:
            time.sleep(random.expovariate(1.0 / think))
        body = f"Judul inovasi versi {n + 1}: layanan adminduk sekali klik untuk warga"
        t0 = time.perf_counter()
        resp, data = request(conn, "POST", "/api/autosave_part", {
            "team": team, "part": "title", "base": str(version), "body": body,
        }, cookie=cookie, accept="application/json")
        mine.append((time.perf_counter() - t0) * 1000)
        if resp.status != 200:
            failures[0] += 1
            continue
        got = json.loads(data)["version"]
        if got != version + 1:
            gaps[0] += 1
        version = got
    with lock:
        times.extend(mine)


start = time.perf_counter()
threads = [threading.Thread(target=writer, args=t) for t in teams]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.perf_counter() - start
times.sort()
pct = lambda p: times[min(len(times) - 1, int(len(times) * p))]
print(
    f"POST /api/autosave_part (one section): {len(times)} saves, {writers} concurrent writers"
    f"{f', think time {think:g} s' if think > 0 else ', no think time'}, "
    f"{len(times) / elapsed:.0f}/s, p50 {pct(0.50):.1f} ms, p95 {pct(0.95):.1f} ms, "
    f"p99 {pct(0.99):.1f} ms, failures {failures[0]}, version gaps (lost updates) {gaps[0]}"
)

if pid:
    def rss():
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])  # kB
        return 0

    cookie, team = teams[0]

    def upload(size):
        boundary = "----sayembarabench"
        payload = b"%PDF-1.7\n" + b"x" * (size - 9)
        body = (
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.pdf\"\r\n"
            f"Content-Type: application/pdf\r\n\r\n"
        ).encode() + payload + f"\r\n--{boundary}--\r\n".encode()
        peak, done = [rss()], [False]

        def sample():
            while not done[0]:
                peak[0] = max(peak[0], rss())
                time.sleep(0.002)

        sampler = threading.Thread(target=sample)
        before = rss()
        sampler.start()
        conn = http.client.HTTPConnection(url.hostname, url.port)
        t0 = time.perf_counter()
        resp, _ = request(conn, "POST", f"/tim/{team}/proposal/lampiran", cookie=cookie,
                          body=body, ctype=f"multipart/form-data; boundary={boundary}")
        ms = (time.perf_counter() - t0) * 1000
        done[0] = True
        sampler.join()
        ok = "tersimpan=lampiran" in (resp.getheader("Location") or "")
        return ms, ok, before / 1024, (peak[0] - before) / 1024

    for size in (1, 10):
        ms, ok, before, growth = upload(size * 1024 * 1024)
        print(
            f"Upload {size} MB PDF: {ms:.0f} ms ({'stored' if ok else 'FAILED'}); server RSS "
            f"{before:.1f} MB before, peak growth during the upload {growth:.1f} MB"
        )
