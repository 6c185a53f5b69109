"""The three HTTP servers: Runtime API (for the bootstrap), invoke endpoint, HTTP front."""

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import events
from .function import MAX_RESPONSE_BYTES

API = "/2018-06-01/runtime"
INVOKE_PATH = re.compile(r"^/2015-03-31/functions/[^/]+/invocations$")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port, handler, function, **extra):
        self.function = function
        self.stopping = threading.Event()
        self.__dict__.update(extra)
        super().__init__(("127.0.0.1", port), handler)


class _Base(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as Lambda's own clients expect

    def log_message(self, fmt, *args):  # quiet: the function's own log is what matters
        pass

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        return self.rfile.read(length) if length else b""

    def send(self, status, body=b"", headers=()):
        self.send_response(status)
        names = set()
        for name, value in headers:
            self.send_header(name, value)
            names.add(name.lower())
        if "content-type" not in names and body:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _api_path(path):
    """The path from the API version on: a runtime may put a base path in front of it."""
    at = path.find(API + "/")
    return path[at:] if at >= 0 else path


class RuntimeAPIHandler(_Base):
    def do_GET(self):
        if _api_path(self.path) != f"{API}/invocation/next":
            return self.send(404, b'{"errorType":"NotFound"}')
        inv = self.server.function.next_invocation(self.server.stopping)
        if inv is None:
            return self.send(503, b'{"errorType":"ShuttingDown"}')
        f = self.server.function
        self.send(200, inv.event, [
            ("Lambda-Runtime-Aws-Request-Id", inv.request_id),
            ("Lambda-Runtime-Deadline-Ms", str(inv.deadline_ms)),
            ("Lambda-Runtime-Invoked-Function-Arn", f.function_arn),
            ("Lambda-Runtime-Trace-Id", inv.trace_id),
            ("Content-Type", "application/json"),
        ])

    def do_POST(self):
        body = self.read_body()
        f = self.server.function
        error_type = self.headers.get("Lambda-Runtime-Function-Error-Type")
        path = _api_path(self.path)
        m = re.match(rf"^{API}/invocation/([^/]+)/(response|error)$", path)
        if m:
            if m.group(2) == "response":
                status, answer = f.post_response(m.group(1), body)
            else:
                status, answer = f.post_error(m.group(1), error_type, body)
            return self.send(status, answer)
        if path == f"{API}/init/error":
            status, answer = f.post_init_error(error_type, body)
            return self.send(status, answer)
        self.send(404, b'{"errorType":"NotFound"}')


def _outcome_for_invoke(outcome):
    """Invoke endpoint: like Lambda's Invoke API, a function error is 200 plus X-Amz-Function-Error."""
    if outcome.kind == "ok":
        return 200, outcome.body, []
    if outcome.kind == "error":
        return 200, outcome.body, [("X-Amz-Function-Error", "Unhandled")]
    status = {"timeout": 504, "too_large": 413, "crash": 502, "init_error": 502}[outcome.kind]
    return status, outcome.body, [("X-Amz-Function-Error", "Unhandled")]


class InvokeHandler(_Base):
    def do_POST(self):
        if not INVOKE_PATH.match(self.path.split("?")[0]):
            return self.send(404, b'{"message":"not found"}')
        event = self.read_body() or b"{}"
        status, body, headers = _outcome_for_invoke(self.server.function.invoke(event))
        self.send(status, body, headers)


class HTTPFrontHandler(_Base):
    """Any method, any path: one API Gateway proxy event per request."""

    def handle_any(self):
        body = self.read_body()
        event = events.build_event(self.server.payload, self.command, self.path,
                                   list(self.headers.items()), body, self.client_address[0])
        outcome = self.server.function.invoke(event)
        if outcome.kind == "ok":
            try:
                status, headers, data = events.parse_response(self.server.payload, outcome.body)
            except events.BadResponse as e:
                self.server.function.log(f"HTTP front: {e}")
                return self.send(502, b'{"message":"Internal server error"}')
            return self.send(status, data, headers)
        status, message = {
            "timeout": (504, "Endpoint request timed out"),
            "too_large": (413, f"Response larger than {MAX_RESPONSE_BYTES} bytes"),
        }.get(outcome.kind, (502, "Internal server error"))
        self.send(status, json.dumps({"message": message}).encode())

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_HEAD = handle_any
