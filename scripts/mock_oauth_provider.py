"""A stand-in OAuth2 authorization server for the browser tests (loopback only):
authorization code with PKCE S256 and a client secret, and a userinfo endpoint.
Usage: mock_oauth_provider.py PORT"""
import base64
import hashlib
import json
import secrets
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

CLIENT_ID, CLIENT_SECRET = "sayembara-browser", "rahasia-browser"
USER = {"sub": "andi", "email": "andi.sso@pontianak.go.id", "email_verified": True, "name": "Andi Pratama"}
codes, tokens = {}, set()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body=None, headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        data = json.dumps(body).encode() if body is not None else b""
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlparse(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/authorize":
            if q.get("client_id") != CLIENT_ID or q.get("code_challenge_method") != "S256":
                return self.reply(400, {"error": "invalid_request"})
            code = secrets.token_urlsafe(16)
            codes[code] = (q["code_challenge"], q["redirect_uri"])
            target = q["redirect_uri"] + "?" + urlencode({"code": code, "state": q["state"]})
            return self.reply(302, headers=[("Location", target)])
        if url.path == "/userinfo":
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            return self.reply(200, USER) if token in tokens else self.reply(401, {"error": "invalid_token"})
        self.reply(404, {"error": "not_found"})

    def do_POST(self):
        if urlparse(self.path).path != "/token":
            return self.reply(404, {"error": "not_found"})
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode()).items()}
        expected = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if self.headers.get("Authorization") != expected:
            return self.reply(401, {"error": "invalid_client"})
        challenge, redirect_uri = codes.pop(form.get("code", ""), (None, None))
        verifier = form.get("code_verifier", "").encode()
        computed = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=").decode()
        if challenge is None or computed != challenge or form.get("redirect_uri") != redirect_uri:
            return self.reply(400, {"error": "invalid_grant"})
        token = secrets.token_urlsafe(16)
        tokens.add(token)
        self.reply(200, {"access_token": token, "token_type": "bearer", "expires_in": 3600})


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
