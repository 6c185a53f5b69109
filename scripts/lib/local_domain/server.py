"""HTTP/1.1 keep-alive server of the local domain, with its test-only control API.

Control endpoints (no auth, never faulted, not counted as requests):
  GET /_stats            {"connections", "requests", "auth_failures", "control_requests", "faults"}
  DELETE /_stats         zero the counters
  GET /_requests         {"requests": [{"method", "path", "headers": [[name, value], ...]}, ...]}: the
                         last 100 requests as received, oldest first (tests check what reached us)
  DELETE /_requests      forget them
  GET /_fault            the armed fault, if any
  POST|PUT /_fault       arm one fault for the next `count` requests (replaces the armed one):
                         {"status": 503} | {"drop": "before"|"after"} | {"latency_ms": M}
                         | {"items": {"0": 429, "3": 503}} (a _bulk request: those items, by
                         position from 0, are not executed and answer that status)
                         ("latency_ms" may be combined with "status" or "drop"); a list of
                         such objects arms them in a row, each for its own `count`
  DELETE /_fault         disarm
"""

import json
import socket
import ssl
import sys
import threading
import time
import traceback
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

from http_body import read_body

from .sigv4 import AuthFailure
from .store import FAULT_TYPES, OpenSearchError

CONTROL_PATHS = ("/_fault", "/_stats", "/_requests")
RECENT_REQUESTS = 100


class Faults:
    """Armed faults, consumed one request at a time; a list arms several to happen in order."""

    def __init__(self):
        self.lock = threading.Lock()
        self.queue = []  # [spec, remaining] pairs, the head applies now

    def arm(self, spec):
        specs = spec if isinstance(spec, list) else [spec]
        if not specs:
            raise OpenSearchError(400, "illegal_argument_exception", "bad /_fault body: empty list")
        checked = [_validate_fault(s) for s in specs]
        with self.lock:
            self.queue = [[s, s.pop("count")] for s in checked]
        return self.describe()

    def clear(self):
        with self.lock:
            self.queue = []

    def describe(self):
        with self.lock:
            faults = [dict(s, count=n) for s, n in self.queue]
        answer = {"fault": faults[0] if faults else None}
        if len(faults) > 1:
            answer["then"] = faults[1:]
        return answer

    def take(self, before_reading):
        """The fault for this request, if one applies at this stage (dropping before reading is
        decided on the request line alone; everything else once the request has been read)."""
        with self.lock:
            if not self.queue or (self.queue[0][0].get("drop") == "before") != before_reading:
                return None
            head = self.queue[0]
            head[1] -= 1
            if head[1] <= 0:
                self.queue.pop(0)
            return head[0]


def _validate_fault(spec):
    def bad(why):
        return OpenSearchError(400, "illegal_argument_exception", f"bad /_fault body: {why}")
    if not isinstance(spec, dict):
        raise bad("expected a JSON object")
    unknown = set(spec) - {"status", "drop", "latency_ms", "items", "count"}
    if unknown:
        raise bad(f"unknown fields {sorted(unknown)}")
    if not {"status", "drop", "latency_ms", "items"} & set(spec):
        raise bad('needs "status", "drop", "latency_ms" or "items"')
    items = spec.get("items", {})
    if not isinstance(items, dict) or not all(
            k.isdigit() and isinstance(v, int) and not isinstance(v, bool) and 400 <= v <= 599 for k, v in items.items()):
        raise bad('"items" maps item positions ("0", "1", ...) to HTTP error statuses (400-599)')
    if "status" in spec and "drop" in spec:
        raise bad('"status" and "drop" exclude each other')
    status = spec.get("status")
    if status is not None and (not isinstance(status, int) or isinstance(status, bool)
                               or not 400 <= status <= 599):
        raise bad('"status" must be an HTTP error status (400-599)')
    if "drop" in spec and spec["drop"] not in ("before", "after"):
        raise bad('"drop" must be "before" or "after"')
    latency = spec.get("latency_ms", 0)
    if not isinstance(latency, (int, float)) or isinstance(latency, bool) or latency < 0:
        raise bad('"latency_ms" must be a non-negative number')
    count = spec.get("count", 1)
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        raise bad('"count" must be a positive integer')
    return dict(spec, count=count)


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.values = {"connections": 0, "requests": 0, "auth_failures": 0, "control_requests": 0,
                       "faults": {"status": 0, "drop_before": 0, "drop_after": 0, "latency": 0, "items": 0}}

    def bump(self, name, fault=False):
        with self.lock:
            if fault:
                self.values["faults"][name] += 1
            else:
                self.values[name] += 1

    def snapshot(self):
        with self.lock:
            return json.loads(json.dumps(self.values))


class DomainServer(ThreadingHTTPServer):
    """The listening server: owns the API, the verifier (None = no auth), faults and stats."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, api, verifier, ssl_context=None, log_stream=sys.stderr):
        self.api, self.verifier, self.ssl_context = api, verifier, ssl_context
        self.faults, self.stats = Faults(), Stats()
        self.recent, self.recent_lock = deque(maxlen=RECENT_REQUESTS), threading.Lock()
        self.log_stream = log_stream
        self.log_lock = threading.Lock()
        super().__init__(address, Handler)

    def log(self, message):
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        with self.log_lock:
            self.log_stream.write(f"{stamp} local-domain {message}\n")
            self.log_stream.flush()

    def handle_error(self, request, client_address):
        # A client hanging up mid-answer is routine for a test double: one line, no traceback.
        error = sys.exc_info()[1]
        detail = repr(error) if isinstance(error, OSError) else traceback.format_exc().rstrip()
        self.log(f"{client_address[0]}:{client_address[1]} connection error: {detail}")

    def process_request(self, request, client_address):
        self.stats.bump("connections")
        super().process_request(request, client_address)

    def finish_request(self, request, client_address):
        if self.ssl_context is None:
            return super().finish_request(request, client_address)
        request.settimeout(10)  # a client that never finishes the handshake must not pin a thread
        try:
            tls = self.ssl_context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError) as e:
            self.log(f"{client_address[0]}:{client_address[1]} TLS handshake failed: {e}")
            return
        try:
            tls.settimeout(Handler.timeout)
            self.RequestHandlerClass(tls, client_address, self)
        finally:
            tls.close()

    def control(self, method, path, body):
        if path == "/_requests":
            with self.recent_lock:
                if method == "GET":
                    return 200, {"requests": list(self.recent)}
                if method == "DELETE":
                    self.recent.clear()
                    return 200, {"acknowledged": True}
            return 405, {"error": f"Incorrect HTTP method for uri [{path}] and method [{method}], "
                                  f"allowed: [DELETE, GET]", "status": 405}
        if path == "/_stats":
            if method == "GET":
                return 200, self.stats.snapshot()
            if method == "DELETE":
                self.stats.reset()
                return 200, {"acknowledged": True}
            return 405, {"error": f"Incorrect HTTP method for uri [{path}] and method [{method}], "
                                  f"allowed: [DELETE, GET]", "status": 405}
        if method == "GET":
            return 200, self.faults.describe()
        if method == "DELETE":
            self.faults.clear()
            return 200, {"acknowledged": True}
        if method in ("POST", "PUT"):
            try:
                spec = json.loads(body or b"null")
            except ValueError as e:
                return 400, OpenSearchError(400, "parse_exception", str(e)).body()
            try:
                return 200, {"acknowledged": True, **self.faults.arm(spec)}
            except OpenSearchError as e:
                return e.status, e.body()
        return 405, {"error": f"Incorrect HTTP method for uri [{path}] and method [{method}], "
                              f"allowed: [DELETE, GET, POST, PUT]", "status": 405}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body leave in two writes; with Nagle on, the body waits for the client's delayed
    # ACK (40 ms on Linux). OpenSearch itself sets TCP_NODELAY.
    disable_nagle_algorithm = True
    server_version = "local-domain"
    sys_version = ""
    timeout = 300  # idle keep-alive connections end after this many seconds

    def handle_one_request(self):
        self.started = time.monotonic()
        try:
            self.raw_requestline = self.rfile.readline(65537)
        except (OSError, ssl.SSLError):
            self.close_connection = True
            return
        if not self.raw_requestline:
            self.close_connection = True
            return
        if len(self.raw_requestline) > 65536:
            self.requestline, self.request_version, self.command = "", "", ""
            self.send_error(414)
            return
        words = self.raw_requestline.decode("latin-1").split()
        target = words[1] if len(words) > 1 else ""
        path = target.partition("?")[0]
        control = path in CONTROL_PATHS
        if not control and self.server.faults.take(before_reading=True):
            self.server.stats.bump("drop_before", fault=True)
            self._drop(f"{' '.join(words[:2])} dropped before reading (fault)")
            return
        if not self.parse_request():
            return
        try:
            body = self._read_body()
        except OSError:  # the client went away in the middle of its body
            self.close_connection = True
            return
        except ValueError as e:
            self.close_connection = True
            self._send(400, {"error": {"root_cause": [{"type": "illegal_argument_exception",
                                                       "reason": str(e)}],
                                       "type": "illegal_argument_exception", "reason": str(e)},
                             "status": 400})
            return
        path, _, query = self.path.partition("?")
        if not control:
            with self.server.recent_lock:
                self.server.recent.append({"method": self.command, "path": self.path,
                                           "headers": [[n, v] for n, v in self.headers.items()]})
        if control:
            self.server.stats.bump("control_requests")
            status, answer = self.server.control(self.command, path, body)
            self._send(status, answer)
            return
        self._serve(path, query, body)

    def _serve(self, path, query, body):
        server = self.server
        server.stats.bump("requests")
        fault = server.faults.take(before_reading=False) or {}
        if fault.get("latency_ms"):
            server.stats.bump("latency", fault=True)
            time.sleep(fault["latency_ms"] / 1000)
        if "status" in fault:
            server.stats.bump("status", fault=True)
            status = fault["status"]
            error = OpenSearchError(status, FAULT_TYPES.get(status, "exception"),
                                    "injected by local-domain /_fault")
            self._send(status, error.body(), note="fault")
            return
        headers, note = {}, ""
        try:
            if server.verifier is not None:
                server.verifier.verify(self.command, path, query, self._header_map(), body,
                                       scheme="https" if server.ssl_context else "http")
            item_faults = {int(k): v for k, v in fault.get("items", {}).items()}
            if item_faults:
                server.stats.bump("items", fault=True)
            status, answer, headers = server.api.handle(self.command, path, _query_dict(query), body,
                                                        item_faults=item_faults)
        except AuthFailure as e:
            server.stats.bump("auth_failures")
            status, answer, headers = e.status, e.body(), {"x-amzn-ErrorType": e.error_type}
            note = e.error_type
        except OpenSearchError as e:
            status, answer = e.status, e.body()
        except Exception as e:  # a bug here must still answer, and show up in the log
            server.log(traceback.format_exc().rstrip())
            status, answer = 500, OpenSearchError(500, "exception", str(e)).body()
        if fault.get("drop") == "after":
            server.stats.bump("drop_after", fault=True)
            self._drop(f"{self.command} {self.path} {status} dropped after handling (fault)")
            return
        self._send(status, answer, headers, note)

    def _header_map(self):
        headers = {}
        for name, value in self.headers.items():
            key = name.lower()
            headers[key] = f"{headers[key]},{value}" if key in headers else value
        return headers

    def _read_body(self):
        return read_body(self.headers, self.rfile)

    def _send(self, status, answer, headers=None, note=""):
        payload = json.dumps(answer, separators=(",", ":")).encode()
        # Logged before answering so that the line is there once the client has the answer.
        self._log(f"{self.command} {self.path} {status} {len(payload)}B {note}".rstrip())
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)
        self.wfile.flush()

    def _drop(self, what):
        self._log(what)
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _log(self, what):
        elapsed = (time.monotonic() - self.started) * 1000
        self.server.log(f"{self.client_address[0]}:{self.client_address[1]} {what} {elapsed:.1f}ms")

    def log_request(self, code="-", size="-"):
        pass  # _send logs one line per request itself

    def log_message(self, format, *args):
        self.server.log(f"{self.client_address[0]}:{self.client_address[1]} {format % args}")


def _query_dict(query):
    return dict(parse_qsl(query, keep_blank_values=True))
