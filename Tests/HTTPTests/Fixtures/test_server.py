#!/usr/bin/env python3
"""HTTP/1.1 test server for HTTPTests (stdlib only).

Binds 127.0.0.1 on a free port, prints "PORT <n>" once it accepts connections, and exits when
its stdin closes, so a crashed test run never leaves it behind. Counts accepted connections,
hits per path and idle connections reset; GET /stats reports them.

Routes (any method):
  /echo            200, JSON: method, path, headers, body length, sha256 and (small) body text
  /status?code=N   status N with a short body
  /bytes?n=N       N bytes, byte i = i % 251
  /sleep?ms=N      waits N ms, then 200
  /close-after     200, then closes the connection without announcing it (no Connection: close)
  /idle-reset?ms=N 200, then resets the connection (RST) once it has been idle for N ms
  /truncate        announces 100 body bytes, sends 10, closes
  /drop            reads the request, closes without answering
  /multi           duplicate and oddly cased response headers, and an obs-folded one
  /redirect        302 to /echo
  /stats           JSON: connections accepted, hits per path, resets (idle-reset connections
                   closed with RST so far: a test waits for this instead of sleeping)
Optional TLS: --cert FILE --key FILE [--max-tls 1.1].
"""
import argparse
import hashlib
import http.server
import json
import os
import socket
import ssl
import struct
import sys
import threading
import time
import urllib.parse
import warnings

warnings.filterwarnings("ignore", category=DeprecationWarning)  # TLS 1.0/1.1 are, on purpose


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, tls_context):
        self.tls_context = tls_context
        self.lock = threading.Lock()
        self.connections = 0
        self.hits = {}
        self.resets = 0
        self.resetting = set()  # sockets whose close sends RST, counted once closed
        super().__init__(("127.0.0.1", 0), Handler)

    def get_request(self):
        sock, addr = super().get_request()
        with self.lock:
            self.connections += 1
        if self.tls_context is not None:
            sock = self.tls_context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, addr

    def shutdown_request(self, request):
        super().shutdown_request(request)
        with self.lock:
            if request in self.resetting:
                self.resetting.discard(request)
                self.resets += 1

    def handle_error(self, request, client_address):
        pass  # TLS failures and client resets are expected in some tests


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in separate writes

    def log_message(self, *args):
        pass

    def __getattr__(self, name):
        if name.startswith("do_"):
            return self.handle_any
        raise AttributeError(name)

    reset_on_close = False

    def finish(self):
        if self.reset_on_close:
            # Linger 0: close() sends RST instead of FIN, like a NAT or load balancer timing out.
            self.request.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            with self.server.lock:
                self.server.resetting.add(self.request)
        super().finish()

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        data = b""
        while len(data) < length:
            chunk = self.rfile.read(length - len(data))
            if not chunk:
                break
            data += chunk
        return data

    def reply(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        if status not in (204, 304):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.wfile.flush()

    def handle_any(self):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        path = url.path
        body = self.read_body()
        with self.server.lock:
            self.server.hits[path] = self.server.hits.get(path, 0) + 1
        if path == "/echo":
            doc = {
                "method": self.command,
                "path": self.path,
                "headers": [[k, v] for k, v in self.headers.items()],
                "bodyLength": len(body),
                "bodySHA256": hashlib.sha256(body).hexdigest(),
                "body": body.decode("latin-1") if len(body) <= 4096 else None,
            }
            self.reply(200, json.dumps(doc).encode(), [("Content-Type", "application/json")])
        elif path == "/status":
            code = int(query.get("code", "200"))
            self.reply(code, b"" if code in (204, 304) else ("status %d" % code).encode())
        elif path == "/bytes":
            n = int(query.get("n", "0"))
            pattern = bytes(i % 251 for i in range(251))
            data = (pattern * (n // 251 + 1))[:n]
            self.reply(200, data, [("Content-Type", "application/octet-stream")])
        elif path == "/sleep":
            time.sleep(int(query.get("ms", "1000")) / 1000.0)
            self.reply(200, b"slept")
        elif path == "/close-after":
            self.reply(200, b"bye")
            self.close_connection = True
        elif path == "/idle-reset":
            self.reply(200, b"idle")
            # handle_one_request treats the read timeout as the end of the connection.
            self.request.settimeout(int(query.get("ms", "100")) / 1000.0)
            self.reset_on_close = True
        elif path == "/truncate":
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            self.wfile.write(b"0123456789")
            self.wfile.flush()
            self.close_connection = True
        elif path == "/drop":
            self.close_connection = True
        elif path == "/drop-once":
            # The first request of each ?id= is read and dropped unanswered; later ones get 200.
            with self.server.lock:
                seen = self.server.hits.get(path + "?" + query.get("id", ""), 0)
                self.server.hits[path + "?" + query.get("id", "")] = seen + 1
            if seen == 0:
                self.close_connection = True
            else:
                self.reply(200, b"second")
        elif path == "/multi":
            self.send_response(201)
            self.send_header("X-Dup", "first")
            self.send_header("x-dup", "second")
            self.send_header("X-Folded", "part one\r\n  part two")
            self.send_header("X-Spaces", "   padded   ")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")
        elif path == "/redirect":
            self.reply(302, b"moved", [("Location", "/echo")])
        elif path == "/stats":
            with self.server.lock:
                doc = {"connections": self.server.connections, "hits": dict(self.server.hits),
                       "resets": self.server.resets}
            self.reply(200, json.dumps(doc).encode(), [("Content-Type", "application/json")])
        else:
            self.reply(404, b"no such route")


def exit_when_stdin_closes():
    try:
        while sys.stdin.buffer.read(1):
            pass
    finally:
        os._exit(0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--max-tls", choices=["1.1"], help="offer nothing newer than TLS 1.1")
    args = parser.parse_args()
    context = None
    if args.cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.cert, args.key)
        if args.max_tls == "1.1":
            context.set_ciphers("DEFAULT:@SECLEVEL=0")
            context.minimum_version = ssl.TLSVersion.TLSv1
            context.maximum_version = ssl.TLSVersion.TLSv1_1
    server = Server(context)
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
