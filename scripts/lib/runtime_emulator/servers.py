"""The three HTTP servers: Runtime API (for the bootstrap), invoke endpoint, HTTP front."""

import json
import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from http_body import read_body

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
    # Headers and body go out in two writes; with Nagle's algorithm the body would wait for the
    # peer's delayed ACK (~40 ms) on every keep-alive exchange.
    disable_nagle_algorithm = True

    def log_message(self, fmt, *args):  # quiet: the function's own log is what matters
        pass

    def read_body(self):
        return read_body(self.headers, self.rfile)

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


class RuntimeAPIServer(Server):
    """Keeps the open connections, so that going away can cut them like a torn-down sandbox."""

    def __init__(self, port, function):
        self.connections = set()
        self.connections_lock = threading.Lock()
        self.gone = False
        super().__init__(port, RuntimeAPIHandler, function)

    def process_request(self, request, client_address):
        with self.connections_lock:
            self.connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        with self.connections_lock:
            self.connections.discard(request)
        super().shutdown_request(request)

    def go_away(self):
        """Stops listening and cuts every open connection without an answer (a blocked `/next`
        included): the runtime sees the API vanish, as when Lambda tears the sandbox down."""
        self.gone = True
        self.shutdown()
        self.server_close()
        with self.connections_lock:
            open_now = list(self.connections)
        for conn in open_now:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.stopping.set()


class RuntimeAPI:
    """The Runtime API on a fixed port, which can go away and come back (`stop`, `start`)."""

    def __init__(self, port, function):
        self.function = function
        self.lock = threading.Lock()
        self.server = self._serve(port)
        self.port = self.server.server_address[1]

    def _serve(self, port):
        server = RuntimeAPIServer(port, self.function)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
        return server

    @property
    def up(self):
        return self.server is not None

    def stop(self):
        """Goes away; the function is not restarted while the API is down. False if already down."""
        with self.lock:
            server, self.server = self.server, None
            if server is None:
                return False
            self.function.set_runtime_api_up(False)
            server.go_away()
            return True

    def start(self):
        """Comes back on the same port; the next invocation starts a fresh runtime if none runs."""
        with self.lock:
            if self.server is not None:
                return False
            self.server = self._serve(self.port)
            self.function.set_runtime_api_up(True)
            return True

    def close(self):
        with self.lock:
            server, self.server = self.server, None
        if server is not None:
            server.stopping.set()
            server.shutdown()
            server.server_close()


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
            if self.server.gone:  # the API went away: no answer at all
                self.close_connection = True
                return
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


CONTROL = "/_emulator"


class InvokeHandler(_Base):
    """The invoke endpoint, plus the emulator's control API under /_emulator (see --help)."""

    def do_GET(self):
        path = self.path.split("?")[0]
        if path != f"{CONTROL}/function":
            return self.send(404, b'{"message":"not found"}')
        state = self.server.function.describe()
        state["runtime_api"] = "up" if self.server.runtime_api.up else "down"
        self.send(200, json.dumps(state).encode())

    def do_POST(self):
        if self.path in (f"{CONTROL}/runtime-api/stop", f"{CONTROL}/runtime-api/start"):
            self.read_body()
            api = self.server.runtime_api
            changed = api.stop() if self.path.endswith("/stop") else api.start()
            answer = {"runtime_api": "up" if api.up else "down", "changed": changed}
            return self.send(200, json.dumps(answer).encode())
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
