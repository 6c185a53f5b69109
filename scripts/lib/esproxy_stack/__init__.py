"""The whole local stack — the local domain, the runtime emulator and our bootstrap — started on
127.0.0.1 on free ports and stopped together. Used by scripts/demo, scripts/bench and the
end-to-end tests, so all three run the same thing."""

import base64
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCRIPTS = ROOT / "scripts"
INVOKE_PATH = "/2015-03-31/functions/function/invocations"

# Test credentials shared by the domain (which verifies) and the function (which signs).
ACCESS_KEY = "AKIDESPROXYLOCAL"
SECRET_KEY = "esproxy/local/secret/key/for/tests/only"
SESSION_TOKEN = "esproxy-local-session-token"
REGION = "us-east-1"


def build_bootstrap(release=False):
    """Builds `bootstrap` (unless ESPROXY_BOOTSTRAP names a built one) and returns its path. A
    release build links the Swift runtime statically, as we ship it (and as the bench, the soak
    and the package build it, so they share one build)."""
    given = os.environ.get("ESPROXY_BOOTSTRAP")
    if given:
        return given
    config = ["-c", "release", "--static-swift-stdlib"] if release else []
    subprocess.run(["swift", "build", *config, "--product", "bootstrap", "-j", "2"], cwd=ROOT, check=True,
                   stdout=sys.stderr)
    out = subprocess.run(["swift", "build", *config, "--product", "bootstrap", "--show-bin-path"], cwd=ROOT,
                         check=True, capture_output=True, text=True).stdout.strip()
    return str(Path(out) / "bootstrap")


def http(method, url, body=None, headers=None, timeout=30, context=None):
    """(status, headers, body) of one request; HTTP errors are answers, not exceptions."""
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout, context=context) as resp:
            return resp.status, dict(resp.headers.items()), resp.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers.items()), e.read()


def _start(cmd, env=None, stderr=None):
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=stderr, env={**os.environ, **(env or {})})
    line = proc.stdout.readline()
    if not line:
        proc.wait(timeout=10)
        raise RuntimeError(f"{cmd[1]} did not start (exit {proc.returncode})")
    return proc, json.loads(line)


def stop_process(proc):
    """Terminates proc if it still runs (killed after 10 s) and reaps it."""
    if proc and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Stack:
    """Context manager: `with Stack(bootstrap) as s: s.post("/", doc)`.

    function_env: extra variables for the function (they override the defaults below).
    domain_args: extra local-domain arguments (e.g. ["--tls"]); domain_env likewise.
    payload: the HTTP front's API Gateway payload format.
    bootstrap: the runtime's path, or a list (path and arguments).
    """

    def __init__(self, bootstrap, function_env=None, domain_args=(), payload="2.0", timeout=6.0,
                 data_dir=None, log=None, emulator_args=()):
        self.bootstrap = bootstrap
        self.function_env = function_env or {}
        self.domain_args = list(domain_args)
        self.payload = payload
        self.timeout = timeout
        self.emulator_args = list(emulator_args)
        self._tmp = None if data_dir else tempfile.TemporaryDirectory(prefix="esproxy-stack-")
        self.data_dir = data_dir or self._tmp.name
        self.log_path = log or os.path.join(self.data_dir, "stack.log")
        self.domain = self.emulator = None

    def __enter__(self):
        self._log = open(self.log_path, "ab")
        try:
            self.domain, self.domain_info = _start(
                [sys.executable, str(SCRIPTS / "local-domain"), "--port", "0", "--data",
                 os.path.join(self.data_dir, "domain"), "--access-key", ACCESS_KEY, "--secret-key", SECRET_KEY,
                 "--session-token", SESSION_TOKEN, "--region", REGION, *self.domain_args], stderr=self._log)
            env = {"ES_ENDPOINT": self.domain_info["url"], "AWS_ACCESS_KEY_ID": ACCESS_KEY,
                   "AWS_SECRET_ACCESS_KEY": SECRET_KEY, "AWS_SESSION_TOKEN": SESSION_TOKEN}
            if "ca" in self.domain_info:
                env["SSL_CERT_FILE"] = self.domain_info["ca"]
            env.update(self.function_env)
            args = [a for k, v in env.items() if v is not None for a in ("--env", f"{k}={v}")]
            self.emulator, self.ports = _start(
                [sys.executable, str(SCRIPTS / "runtime-emulator"), "--runtime-port", "0", "--invoke-port", "0",
                 "--http-port", "0", "--payload", self.payload, "--timeout", str(self.timeout), "--region", REGION,
                 "--task-root", str(ROOT), *self.emulator_args, *args, "--bootstrap",
                 *([self.bootstrap] if isinstance(self.bootstrap, (str, os.PathLike)) else self.bootstrap)],
                stderr=self._log)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc):
        stop_process(self.emulator)
        stop_process(self.domain)
        self._log.close()
        if self._tmp:
            self._tmp.cleanup()

    # --- the function, through the emulator ---

    @property
    def url(self):
        return f"http://127.0.0.1:{self.ports['http_port']}"

    def post(self, path, body, content_type="application/json", method="POST", headers=None):
        """Through the HTTP front, as a client of API Gateway would: (status, headers, parsed body)."""
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        h = {"Content-Type": content_type} if content_type else {}
        h.update(headers or {})
        status, hdrs, raw = http(method, self.url + path, data, h)
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = raw
        return status, hdrs, parsed

    def invoke(self, event, timeout=30):
        """A raw event through the invoke endpoint: (status, headers, result bytes)."""
        data = event if isinstance(event, bytes) else json.dumps(event).encode()
        return http("POST", f"http://127.0.0.1:{self.ports['invoke_port']}{INVOKE_PATH}", data, timeout=timeout)

    # --- the emulator's control API ---

    def _emulator(self, method, path):
        status, _, raw = http(method, f"http://127.0.0.1:{self.ports['invoke_port']}/_emulator{path}",
                              b"" if method == "POST" else None)
        assert status == 200, (path, status, raw)
        return json.loads(raw)

    def function_state(self):
        """{"pid", "spawns", "exits", "ready", "runtime_api"} of the supervised bootstrap."""
        return self._emulator("GET", "/function")

    def runtime_api(self, up):
        """Makes the Runtime API go away (up=False) or come back (up=True)."""
        return self._emulator("POST", "/runtime-api/start" if up else "/runtime-api/stop")

    # --- the domain, directly (its control API needs no signature) ---

    def _domain(self, method, path, body=None):
        ctx = None
        if "ca" in self.domain_info:
            import ssl
            ctx = ssl.create_default_context(cafile=self.domain_info["ca"])
        status, _, raw = http(method, self.domain_info["url"] + path, body, {"Content-Type": "application/json"},
                              context=ctx)
        return status, json.loads(raw) if raw else None

    def fault(self, spec):
        return self._domain("POST", "/_fault", json.dumps(spec).encode())

    def clear_fault(self):
        return self._domain("DELETE", "/_fault")

    def stats(self):
        return self._domain("GET", "/_stats")[1]

    def domain_requests(self):
        """The last requests the domain received: [{"method", "path", "headers": [[n, v], ...]}]."""
        return self._domain("GET", "/_requests")[1]["requests"]

    def _writes(self, index):
        """The write records of `index` in the domain's data file, in order."""
        path = Path(self.data_dir, "domain", f"{index}.jsonl")
        if not path.exists():
            return []
        records = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
        return [r for r in records if r.get("op") == "index"]

    def documents(self, index="bigsurvey"):
        """Every stored document of `index` as {id: source}, read from the domain's data file."""
        return {r["_id"]: r["_source"] for r in self._writes(index)}

    def write_count(self, doc_id, index="bigsurvey"):
        """How many times document `doc_id` was written (1 for every acknowledged document)."""
        return sum(1 for r in self._writes(index) if r["_id"] == doc_id)

    def raw_document(self, doc_id, index="bigsurvey"):
        """The body of `doc_id` exactly as the domain received it."""
        return next(r["_raw"] for r in reversed(self._writes(index)) if r["_id"] == doc_id)

    def function_log(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def log_records(self, message=None):
        """The function's JSON log lines as dicts (the log's other lines are the domain's and the
        emulator's text), only those with `message` when given."""
        records = []
        for line in self.function_log().splitlines():
            if line.startswith("{"):
                try:
                    records.append(json.loads(line))
                except ValueError:
                    continue
        return [r for r in records if message is None or r.get("message") == message]


def http_event(method="POST", path="/", body=b"", headers=None, base64_body=False, raw_body=None):
    """An API Gateway HTTP API (payload 2.0) event, as the emulator's HTTP front would build it;
    `raw_body` puts a string into "body" unchanged (e.g. text that is not base64 at all)."""
    headers = {"content-type": "application/json"} if headers is None else headers
    event = {"version": "2.0", "routeKey": "$default", "rawPath": path, "rawQueryString": "", "headers": headers,
             "requestContext": {"accountId": "123456789012", "apiId": "emulator", "domainName": "localhost",
                                "requestId": "soak", "routeKey": "$default", "stage": "$default",
                                "http": {"method": method, "path": path, "protocol": "HTTP/1.1",
                                         "sourceIp": "127.0.0.1", "userAgent": "esproxy-tests"}},
             "isBase64Encoded": base64_body}
    if raw_body is not None:
        event["body"] = raw_body
    elif body:
        event["body"] = base64.b64encode(body).decode() if base64_body else body.decode("utf-8")
    return event


def wait_until(predicate, seconds=10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()
