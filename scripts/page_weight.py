"""First-load weight of pages: the HTML and every asset it references, as sent
over the wire with `Accept-Encoding: br` (what a current browser asks for)."""
import re
import sys
import urllib.request

BASE = sys.argv[1]
BUDGET = 150 * 1024


def fetch(path):
    req = urllib.request.Request(BASE + path, headers={"Accept-Encoding": "br, gzip"})
    with urllib.request.urlopen(req) as resp:
        body = resp.read()  # urllib does not decompress: this is the wire size
        return body, resp.headers.get("Content-Encoding", "identity")


for page in sys.argv[2:]:
    html, enc = fetch(page)
    # The HTML is compressed; read its links from a plain copy.
    plain = urllib.request.urlopen(BASE + page).read().decode()
    assets = sorted(set(re.findall(r'(?:href|src)="(/pkg/[^"]+)"', plain)))
    total = len(html)
    rows = [(page, enc, len(html))]
    for asset in assets:
        body, aenc = fetch(asset)
        total += len(body)
        rows.append((asset, aenc, len(body)))
    print(f"{page}: {total / 1024:.1f} KB total ({'within' if total <= BUDGET else 'OVER'} the 150 KB budget)")
    for name, e, size in rows:
        print(f"    {size / 1024:8.1f} KB  {e:8}  {name}")
