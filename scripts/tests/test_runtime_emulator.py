"""scripts/runtime-emulator against a runtime client we did not write (awslambdaric) and against
our Swift bootstrap. Every server involved listens on 127.0.0.1 on a free port."""

import base64
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from ci_required import require_module
from esproxy_stack import stop_process

SCRIPTS = Path(__file__).resolve().parent.parent
ROOT = SCRIPTS.parent
EMULATOR = SCRIPTS / "runtime-emulator"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
INVOKE = "/2015-03-31/functions/function/invocations"


class Emulator:
    def __init__(self, proc, ports):
        self.proc = proc
        self.ports = ports

    def request(self, port_name, method, path, body=None, headers=None, timeout=30):
        url = f"http://127.0.0.1:{self.ports[port_name]}{path}"
        req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.status, dict(resp.headers.items()), resp.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers.items()), e.read()

    def invoke(self, event, **kw):
        data = event if isinstance(event, bytes) else json.dumps(event).encode()
        return self.request("invoke_port", "POST", INVOKE, data, **kw)

    def stderr_text(self):
        return self.proc.stderr.read().decode("utf-8", "replace") if self.proc.stderr else ""


@contextmanager
def emulator(*args, env=None, cwd=None):
    cmd = [sys.executable, str(EMULATOR), "--runtime-port", "0", "--invoke-port", "0", "--http-port", "0", *args]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})}, cwd=cwd)
    try:
        line = proc.stdout.readline()
        assert line, f"emulator did not start: {proc.stderr.read().decode()}"
        yield Emulator(proc, json.loads(line))
    finally:
        stop_process(proc)


def require_awslambdaric():
    """AWS's runtime client is the independent check of the emulator: skip loudly without it in
    a user's clone, fail under CI."""
    require_module("awslambdaric", "awslambdaric", "the emulator tests against AWS's client")


def python_function(*extra, env=None):
    require_awslambdaric()
    bootstrap = ["--bootstrap", sys.executable, "-m", "awslambdaric", "handler.fn"]
    return emulator("--task-root", str(FIXTURES), *extra, *bootstrap, env=env, cwd=str(FIXTURES))


# --- CLI -------------------------------------------------------------------------------------

def test_cli_refuses_bad_options():
    for args in (["--no-spawn", "--env", "NOEQUALS"], ["--no-spawn", "--payload", "3.0"], []):
        r = subprocess.run([sys.executable, str(EMULATOR), *args], capture_output=True, timeout=30)
        assert r.returncode == 2, args
        assert r.stderr


def test_help_shows_the_default_ports_and_the_deploy_timeout():
    # README's "By hand" relies on these ports; the timeout must be the deployed function's.
    deploy_timeout = re.search(r"^name=.* timeout=(\d+) ", (SCRIPTS / "deploy").read_text(), re.M).group(1)
    assert deploy_timeout == "10"
    r = subprocess.run([sys.executable, str(EMULATOR), "--help"], capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    text = " ".join(r.stdout.split())  # argparse wraps the help column
    for option, port in (("--runtime-port", 9001), ("--invoke-port", 9000), ("--http-port", 3000)):
        assert re.search(rf"{option} PORT [^-]*\(default {port};", text), (option, port, text)
    assert re.search(rf"--timeout TIMEOUT function timeout in seconds \(default {deploy_timeout},", text), text
    # The defaults themselves, not only their description (not started: others may hold the ports).
    from runtime_emulator.cli import parse_args
    args = parse_args(["--no-spawn"])
    assert (args.runtime_port, args.invoke_port, args.http_port) == (9001, 9000, 3000)
    assert args.timeout == float(deploy_timeout)


# --- with AWS's Python runtime client --------------------------------------------------------

def test_invoke_round_trip_with_awslambdaric():
    with python_function() as emu:
        status, _, body = emu.invoke({"hello": ["world", 1]})
        assert status == 200
        doc = json.loads(body)
        assert doc["echo"] == {"hello": ["world", 1]}
        assert len(doc["request_id"]) == 36


def test_function_environment():
    names = ["AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
             "AWS_REGION", "AWS_DEFAULT_REGION", "LAMBDA_TASK_ROOT", "_HANDLER", "AWS_ACCESS_KEY_ID",
             "ES_ENDPOINT", "SCHEMA_FILE", "EXTRA", "LD_LIBRARY_PATH", "UNRELATED", "AWS_LAMBDA_RUNTIME_API"]
    caller = {"ES_ENDPOINT": "https://search.example", "SCHEMA_FILE": "/x/schema.json", "UNRELATED": "no",
              "LD_LIBRARY_PATH": "/opt/lib", "AWS_ACCESS_KEY_ID": "", "AWS_REGION": "eu-west-1"}
    with python_function("--function-name", "fixture", "--memory", "256", "--env", "EXTRA=a=b", env=caller) as emu:
        status, _, body = emu.invoke({"action": "env", "names": names})
        assert status == 200
        env = json.loads(body)
        assert env["AWS_LAMBDA_FUNCTION_NAME"] == "fixture"
        assert env["AWS_LAMBDA_FUNCTION_VERSION"] == "$LATEST"
        assert env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] == "256"
        assert env["AWS_REGION"] == env["AWS_DEFAULT_REGION"] == "eu-west-1"
        assert env["LAMBDA_TASK_ROOT"] == str(FIXTURES)
        assert env["_HANDLER"] == "bootstrap"
        assert env["AWS_ACCESS_KEY_ID"] == "AKIAEMULATOREXAMPLE"
        assert env["ES_ENDPOINT"] == "https://search.example"
        assert env["SCHEMA_FILE"] == "/x/schema.json"
        assert env["EXTRA"] == "a=b"
        assert env["LD_LIBRARY_PATH"] is None
        assert env["UNRELATED"] is None
        assert env["AWS_LAMBDA_RUNTIME_API"] == f"127.0.0.1:{emu.ports['runtime_port']}"


@pytest.mark.parametrize("payload", ["1.0", "2.0"])
def test_http_front_with_awslambdaric(payload):
    with python_function("--payload", payload) as emu:
        status, headers, body = emu.request("http_port", "POST", "/things/7?a=1&a=2", b'{"n":1}',
                                            {"Content-Type": "application/json"})
        assert status == 201
        assert headers["X-Fixture"] == "yes"
        doc = json.loads(body)
        assert doc == {"method": "POST", "path": "/things/7", "body": '{"n":1}', "isBase64Encoded": False,
                       "remaining_ms_positive": True}
        # A body that is not UTF-8 arrives base64-encoded.
        status, _, body = emu.request("http_port", "PUT", "/bin", b"\xff\x00\xfe")
        doc = json.loads(body)
        assert (status, doc["isBase64Encoded"], base64.b64decode(doc["body"])) == (201, True, b"\xff\x00\xfe")


def test_handler_exception_is_a_function_error():
    with python_function("--payload", "2.0") as emu:
        status, headers, body = emu.invoke({"action": "raise"})
        assert status == 200
        assert headers["X-Amz-Function-Error"] == "Unhandled"
        doc = json.loads(body)
        assert doc["errorType"] == "ValueError"
        assert doc["errorMessage"] == "fixture was asked to fail"
        status, _, body = emu.request("http_port", "GET", "/raise")
        assert status == 502
        assert json.loads(body) == {"message": "Internal server error"}
        # The function lives on.
        assert emu.invoke({"after": "error"})[0] == 200


def test_timeout_kills_and_respawns():
    with python_function("--timeout", "1") as emu:
        status, _, body = emu.invoke({"action": "sleep", "seconds": 30})
        assert status == 504
        assert json.loads(body)["errorType"] == "Sandbox.Timedout"
        status, _, body = emu.invoke({"after": "timeout"})
        assert status == 200
        assert json.loads(body)["echo"] == {"after": "timeout"}
        status, _, body = emu.request("http_port", "GET", "/sleep")
        assert status == 504


def test_default_timeout_lets_a_function_run_past_three_seconds():
    # The old default (3 s) answered 504 here; the deployed function has 10 s.
    with python_function() as emu:
        status, _, body = emu.invoke({"action": "sleep", "seconds": 3.5})
        assert status == 200, body


def stats(emu):
    status, _, body = emu.request("invoke_port", "GET", "/_emulator/function")
    assert status == 200
    return json.loads(body)


def test_stats_record_each_cold_start_and_the_running_pid():
    with python_function() as emu:
        assert emu.invoke({"warm": "up"})[0] == 200
        first = stats(emu)
        assert first["spawns"] == 1 and len(first["cold_starts_ms"]) == 1
        assert first["cold_starts_ms"][0] > 0
        with open(f"/proc/{first['pid']}/cmdline", "rb") as f:
            assert b"awslambdaric" in f.read()
        # Killed while waiting in /next: the dead processes' waiters must not take the next event.
        pid = first["pid"]
        for n in range(2, 5):
            os.kill(pid, 9)
            deadline = time.monotonic() + 20
            while len(stats(emu)["cold_starts_ms"]) < n and time.monotonic() < deadline:
                time.sleep(0.02)
            now = stats(emu)
            assert now["spawns"] == n and len(now["cold_starts_ms"]) == n
            assert now["pid"] != pid
            pid = now["pid"]
        status, _, body = emu.invoke({"after": "kill"}, timeout=15)
        assert status == 200 and json.loads(body)["echo"] == {"after": "kill"}
        assert emu.request("invoke_port", "GET", "/_emulator/other")[0] == 404


def test_crash_during_an_invocation_is_502_and_the_runtime_is_respawned():
    with python_function() as emu:
        assert emu.invoke({"warm": "up"})[0] == 200
        before = stats(emu)
        status, headers, body = emu.invoke({"action": "crash"})
        assert status == 502
        assert headers["X-Amz-Function-Error"] == "Unhandled"
        doc = json.loads(body)
        assert doc["errorType"] == "Runtime.ExitError"
        assert doc["errorMessage"].endswith("Error: Runtime exited with status 3")
        after = stats(emu)
        assert after["exits"] == [3]
        assert after["spawns"] == before["spawns"] + 1 and after["pid"] != before["pid"]
        status, _, body = emu.invoke({"after": "crash"})
        assert status == 200 and json.loads(body)["echo"] == {"after": "crash"}
        assert stats(emu)["pid"] == after["pid"]
        # Through the HTTP front: API Gateway's 502, and again a fresh runtime for the next request.
        status, _, body = emu.request("http_port", "GET", "/crash")
        assert status == 502
        assert json.loads(body) == {"message": "Internal server error"}
        again = stats(emu)
        assert again["exits"] == [3, 3]
        assert again["spawns"] == after["spawns"] + 1 and again["pid"] != after["pid"]
        assert emu.request("http_port", "GET", "/echo")[0] == 201
        assert stats(emu)["pid"] == again["pid"]


def test_init_that_never_finishes_is_a_timeout():
    with python_function("--init-timeout", "1", "--env", "FIXTURE_HANG_INIT=1") as emu:
        status, _, body = emu.invoke({"x": 1})
        assert status == 504
        assert "init limit" in json.loads(body)["errorMessage"]


def test_no_runtime_started_by_hand_is_a_timeout():
    with emulator("--no-spawn", "--init-timeout", "0.5") as emu:
        status, _, body = emu.invoke({"x": 1})
        assert status == 504
        assert json.loads(body)["errorType"] == "Sandbox.Timedout"


def test_oversized_result_is_413():
    with python_function() as emu:
        status, _, body = emu.invoke({"action": "big"})
        assert status == 413
        assert json.loads(body)["errorType"] == "Function.ResponseSizeTooLarge"
        assert emu.invoke({"after": "big"})[0] == 200


def test_init_error_reported_to_callers():
    with python_function("--env", "FIXTURE_FAIL_INIT=1") as emu:
        status, headers, body = emu.invoke({"x": 1})
        assert status == 502
        assert "fixture init failure requested" in json.loads(body)["errorMessage"]


def test_exit_on_init_error():
    with python_function("--exit-on-init-error", "--env", "FIXTURE_FAIL_INIT=1") as emu:
        assert emu.proc.wait(timeout=60) == 1
        log = emu.stderr_text()
        assert "init error reported" in log
        assert "fixture init failure requested" in log


# --- with our Swift bootstrap ----------------------------------------------------------------

# The gateway answers these requests before it would reach a domain, so none is needed here
# (the end-to-end tests run it against the local domain).
GATEWAY_ENV = ["--task-root", str(ROOT), "--env", "ES_ENDPOINT=http://127.0.0.1:9", "--env", "ES_SIGNING=none"]


def swift_function(path, *extra):
    return emulator(*GATEWAY_ENV, *extra, "--bootstrap", path)


def test_swift_gateway_via_invoke(bootstrap):
    invalid = b'{"anumber": "one", "textblob": "\xe2\x9c\x93", "ipaddr": "1.2.3.4"}'
    event = {"version": "2.0", "routeKey": "$default", "rawPath": "/", "rawQueryString": "",
             "headers": {"content-type": "application/json"},
             "requestContext": {"http": {"method": "POST", "path": "/", "sourceIp": "10.0.0.1"},
                                "requestId": "r1", "stage": "$default"},
             "body": base64.b64encode(invalid).decode(), "isBase64Encoded": True}
    with swift_function(bootstrap) as emu:
        status, headers, body = emu.invoke(event)
        assert status == 200, body
        assert "X-Amz-Function-Error" not in headers
        doc = json.loads(body)
        assert doc["statusCode"] == 400
        answer = json.loads(doc["body"])
        assert answer["error"] == "validation_failed"
        assert [d["instanceLocation"] for d in answer["details"]] == ["/anumber"]
        # Not an API Gateway event: a function error naming the problem, and the runtime lives on.
        status, headers, body = emu.invoke(b"[1,2]")
        assert (status, headers.get("X-Amz-Function-Error")) == (200, "Unhandled")
        assert "unsupportedEvent" in json.loads(body)["errorMessage"]
        # The runtime named the error type in Lambda-Runtime-Function-Error-Type too.
        assert stats(emu)["error_types"] == ["Runtime.UnsupportedEvent"]
        event["requestContext"]["http"]["method"] = "PUT"
        doc = json.loads(emu.invoke(event)[2])
        assert doc["statusCode"] == 405
        assert doc["headers"]["Allow"] == "POST"


@pytest.mark.parametrize("payload", ["1.0", "2.0"])
def test_swift_gateway_via_http_front(bootstrap, payload):
    with swift_function(bootstrap, "--payload", payload) as emu:
        status, headers, body = emu.request("http_port", "POST", "/ingest/logs?x=1", b'{"a":1}',
                                            {"Content-Type": "application/json"})
        assert status == 404, body
        assert headers["Content-Type"] == "application/json"
        assert json.loads(body)["error"] == "not_found"
        status, _, body = emu.request("http_port", "POST", "/", b'{"a":1}', {"Content-Type": "text/plain"})
        assert (status, json.loads(body)["error"]) == (415, "unsupported_media_type")


def test_swift_runtime_client_ignores_proxy_variables(bootstrap):
    # A dead proxy in every variable libcurl reads: the Runtime API on 127.0.0.1 is still reached
    # directly (HTTPClientProxyTests shows the same variables do divert a client that honours them).
    dead = "http://127.0.0.1:9"
    proxies = [a for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY") for a in ("--env", f"{name}={dead}")]
    with swift_function(bootstrap, *proxies) as emu:
        status, _, body = emu.invoke({"httpMethod": "GET", "path": "/", "headers": {}, "body": None,
                                      "isBase64Encoded": False, "requestContext": {"requestId": "r"}})
        assert status == 200, body
        assert json.loads(body)["statusCode"] == 405
        assert stats(emu)["spawns"] == 1


def test_swift_init_error(bootstrap):
    with swift_function(bootstrap, "--exit-on-init-error", "--env", "AWS_REGION=EU West") as emu:
        assert emu.proc.wait(timeout=60) == 1
        log = emu.stderr_text()
        assert "init error reported" in log
        assert "AWS_REGION" in log


def test_swift_init_error_reaches_caller(bootstrap):
    with swift_function(bootstrap, "--env", "AWS_REGION=EU West") as emu:
        status, _, body = emu.invoke({"x": 1})
        assert status == 502
        assert "AWS_REGION" in json.loads(body)["errorMessage"]


def test_bootstrap_started_by_hand_with_a_base_path(bootstrap):
    with emulator("--no-spawn") as emu:
        env = {"PATH": os.environ.get("PATH", ""), "AWS_REGION": "eu-west-1", "LAMBDA_TASK_ROOT": str(ROOT),
               "ES_ENDPOINT": "http://127.0.0.1:9", "ES_SIGNING": "none",
               "AWS_LAMBDA_RUNTIME_API": f"http://127.0.0.1:{emu.ports['runtime_port']}/base"}
        runtime = subprocess.Popen([bootstrap], env=env, stderr=subprocess.PIPE)
        try:
            status, _, body = emu.request("http_port", "DELETE", "/", None)
            assert status == 405, body
            assert json.loads(body)["error"] == "method_not_allowed"
        finally:
            runtime.kill()
            runtime.wait()


def test_swift_init_error_of_a_bootstrap_started_by_hand(bootstrap):
    with emulator("--no-spawn", "--exit-on-init-error") as emu:
        env = {"AWS_REGION": "Not A Region", "ES_ENDPOINT": "http://127.0.0.1:9", "ES_SIGNING": "none",
               "AWS_LAMBDA_RUNTIME_API": f"127.0.0.1:{emu.ports['runtime_port']}"}
        runtime = subprocess.run([bootstrap], env=env, capture_output=True, timeout=60)
        assert runtime.returncode == 1
        assert b"AWS_REGION" in runtime.stderr
        assert emu.proc.wait(timeout=60) == 1
        log = emu.stderr_text()
        assert "init error reported: ConfigError" in log
        assert "not a region name" in log


def test_bootstrap_without_runtime_api_exits_non_zero(bootstrap):
    runtime = subprocess.run([bootstrap], env={"AWS_REGION": "eu-west-1"}, capture_output=True, timeout=60)
    assert runtime.returncode == 1
    assert b"AWS_LAMBDA_RUNTIME_API is not set" in runtime.stderr


def test_bootstrap_gives_up_when_the_runtime_api_goes_away(bootstrap):
    with emulator("--no-spawn") as emu:
        port = emu.ports["runtime_port"]
    # The emulator is gone: the port is closed.
    env = {"AWS_REGION": "eu-west-1", "AWS_LAMBDA_RUNTIME_API": f"127.0.0.1:{port}", "LAMBDA_TASK_ROOT": str(ROOT),
           "ES_ENDPOINT": "http://127.0.0.1:9", "ES_SIGNING": "none"}
    runtime = subprocess.run([bootstrap], env=env, capture_output=True, timeout=60)
    assert runtime.returncode == 1
    assert b"runtimeAPIUnreachable" in runtime.stderr
    assert b"4 attempts" in runtime.stderr


# --- the HTTP front's event building and response mapping, without I/O ------------------------

def _events_module():
    sys.path.insert(0, str(SCRIPTS / "lib"))
    from runtime_emulator import events
    return events


def test_build_event_payload_2_0():
    events = _events_module()
    headers = [("Host", "x"), ("X-A", "1"), ("x-a", "2"), ("Cookie", "a=1; b=2")]
    doc = json.loads(events.build_event("2.0", "PATCH", "/p/q?k=1&k=2&e", headers, b"\xff", "10.1.2.3"))
    assert doc["version"] == "2.0"
    assert (doc["rawPath"], doc["rawQueryString"]) == ("/p/q", "k=1&k=2&e")
    assert doc["headers"] == {"host": "x", "x-a": "1,2"}
    assert doc["cookies"] == ["a=1", "b=2"]
    assert doc["queryStringParameters"] == {"k": "1,2", "e": ""}
    assert doc["requestContext"]["http"] == {"method": "PATCH", "path": "/p/q", "protocol": "HTTP/1.1",
                                             "sourceIp": "10.1.2.3", "userAgent": ""}
    assert (doc["body"], doc["isBase64Encoded"]) == ("/w==", True)


def test_build_event_payload_1_0():
    events = _events_module()
    doc = json.loads(events.build_event("1.0", "GET", "/a?x=1&x=2", [("X-A", "1"), ("X-A", "2")], b"", "10.0.0.9"))
    assert (doc["httpMethod"], doc["path"], doc["resource"]) == ("GET", "/a", "/{proxy+}")
    assert doc["headers"] == {"X-A": "2"}
    assert doc["multiValueHeaders"] == {"X-A": ["1", "2"]}
    assert doc["queryStringParameters"] == {"x": "2"}
    assert doc["multiValueQueryStringParameters"] == {"x": ["1", "2"]}
    assert doc["requestContext"]["identity"]["sourceIp"] == "10.0.0.9"
    assert (doc["body"], doc["isBase64Encoded"]) == (None, False)


def test_parse_response():
    events = _events_module()
    status, headers, body = events.parse_response("2.0", json.dumps({
        "statusCode": 302, "headers": {"Location": "/x"}, "cookies": ["s=1"], "body": "aGk=", "isBase64Encoded": True}))
    assert (status, headers, body) == (302, [("Location", "/x"), ("Set-Cookie", "s=1")], b"hi")
    status, headers, body = events.parse_response("1.0", json.dumps({
        "statusCode": 200, "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"]}, "body": "ok"}))
    assert (status, headers, body) == (200, [("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")], b"ok")
    # HTTP API infers a 200 JSON answer from any other JSON; REST APIs refuse it.
    assert events.parse_response("2.0", b'{"any":"thing"}') == (200, [("Content-Type", "application/json")], b'{"any":"thing"}')
    for bad in (b'{"any":"thing"}', b"not json", b'{"statusCode":"200"}'):
        with pytest.raises(events.BadResponse):
            events.parse_response("1.0", bad)
    with pytest.raises(events.BadResponse):
        events.parse_response("2.0", json.dumps({"statusCode": 200, "body": "%%%", "isBase64Encoded": True}))
