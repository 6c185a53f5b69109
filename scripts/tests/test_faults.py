"""Faults beyond test_end_to_end.py, injected through the built bootstrap, the runtime emulator and
the local domain. For each: the client gets the documented status, and the domain's data file holds
exactly one copy of every acknowledged document and none of the refused ones. Where a fault makes
the outcome unknowable to the gateway (a lost answer, a timeout), the test says so and checks the
weaker promise that holds: never two copies.

Also tests what the fault tests added to the test doubles: fault sequences, `/_requests` and
`--no-fsync` in the local domain, the Runtime API control of the emulator."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lib"))
from ci_required import require_module  # noqa: E402
from esproxy_stack import SCRIPTS, Stack, http, wait_until  # noqa: E402
from local_domain.server import Faults  # noqa: E402
from local_domain.store import OpenSearchError, Store  # noqa: E402

BLOG = {"agree": True, "anumber": 1, "textblob": "abc sdf", "ipaddr": "192.168.10.10"}


def created(stack, answer):
    status, _, body = answer
    assert status == 201, body
    return body["id"]


def copies(stack, marker):
    """How many writes in the data file carry `marker` as their textblob."""
    return sum(1 for r in stack._writes("bigsurvey") if r["_source"].get("textblob") == marker)


def refused(stack, answer, status, code, marker):
    got, _, body = answer
    assert (got, body["error"]) == (status, code), body
    assert "127.0.0.1" not in json.dumps(body), "no endpoint in an error"
    assert copies(stack, marker) == 0


# --- the domain answers with an error ------------------------------------------------------------

def test_domain_500_is_not_retried_and_is_502(stack, domain_fault):
    before = stack.stats()["requests"]
    domain_fault({"status": 500, "count": 5})
    refused(stack, stack.post("/", dict(BLOG, textblob="500")), 502, "domain_unavailable", "500")
    assert stack.stats()["requests"] == before + 1, "a 500 is the domain's decision: no retry"


def test_domain_413_is_payload_too_large_and_not_retried(stack, domain_fault):
    # A domain's own request-size limit (smaller instance types take 10 MiB, some proxies less).
    before = stack.stats()["requests"]
    domain_fault({"status": 413, "count": 5})
    refused(stack, stack.post("/", dict(BLOG, textblob="413")), 413, "payload_too_large", "413")
    assert stack.stats()["requests"] == before + 1


def test_429_throttling_then_success_stores_one_copy(stack, domain_fault):
    before = stack.stats()
    domain_fault({"status": 429, "count": 3})
    doc_id = created(stack, stack.post("/", dict(BLOG, textblob="throttled")))
    after = stack.stats()
    assert after["faults"]["status"] - before["faults"]["status"] == 3
    assert after["requests"] - before["requests"] == 4, "three throttled attempts, then the write"
    assert stack.write_count(doc_id) == 1 and copies(stack, "throttled") == 1


def test_503_mixed_with_drops_stores_one_copy(stack, domain_fault):
    # The first answer is lost after the domain stored the document; the later attempts meet
    # unavailability and dropped connections, and the last one a 409 for our own id.
    domain_fault([{"drop": "after", "count": 1}, {"status": 503, "count": 1}, {"drop": "before", "count": 2},
                  {"status": 503, "count": 1}, {"drop": "after", "count": 1}])
    doc_id = created(stack, stack.post("/", dict(BLOG, textblob="mixed")))
    assert stack.write_count(doc_id) == 1 and copies(stack, "mixed") == 1
    assert stack.stats()["faults"]["drop_before"] >= 2
    assert stack._domain("GET", "/_fault")[1] == {"fault": None}, "every fault was met"


def test_many_drops_before_the_request_was_read_store_one_copy(stack, domain_fault):
    domain_fault({"drop": "before", "count": 4})
    doc_id = created(stack, stack.post("/", dict(BLOG, textblob="dropped before x4")))
    assert stack.write_count(doc_id) == 1


def test_many_drops_after_the_request_was_read_store_one_copy(stack, domain_fault):
    domain_fault({"drop": "after", "count": 3})
    doc_id = created(stack, stack.post("/", dict(BLOG, textblob="dropped after x3")))
    assert stack.write_count(doc_id) == 1


def test_persistent_drops_before_reading_are_502_and_nothing_stored(bootstrap):
    with Stack(bootstrap, function_env={"ES_TIMEOUT_MS": "1500"}) as s:
        s.fault({"drop": "before", "count": 100000})
        refused(s, s.post("/", dict(BLOG, textblob="never read")), 502, "domain_unavailable", "never read")
        assert s.stats()["faults"]["drop_before"] > 2, "it retried"


def test_every_answer_lost_is_502_and_at_most_one_copy(bootstrap):
    # Not a refusal the gateway can be sure of: the domain stored the document on the first
    # attempt and every answer (the later 409s too) was lost. The client hears 502; the promise
    # that holds is "never two copies".
    with Stack(bootstrap, function_env={"ES_TIMEOUT_MS": "1500"}) as s:
        s.fault({"drop": "after", "count": 100000})
        status, _, body = s.post("/", dict(BLOG, textblob="answers lost"))
        assert (status, body["error"]) == (502, "domain_unavailable")
        assert s.stats()["faults"]["drop_after"] > 2, "it retried"
        assert copies(s, "answers lost") == 1


# --- the domain is slow: the gateway answers before Lambda's deadline ----------------------------

def lambda_deadline_stack(bootstrap):
    # Lambda gives the function 2 s; the gateway's own budget (10 s by default) is longer, so
    # only the invocation's deadline can stop the write.
    return Stack(bootstrap, timeout=2.0)


def test_latency_past_the_lambda_deadline_is_the_functions_504(bootstrap):
    with lambda_deadline_stack(bootstrap) as s:
        created(s, s.post("/", dict(BLOG, textblob="warm")))
        before = s.function_state()
        s.fault({"latency_ms": 5000, "status": 503, "count": 100})
        status, _, body = s.post("/", dict(BLOG, textblob="too slow"))
        # The function's own answer (error code, request id), not the emulator's "Endpoint
        # request timed out": it answered before Lambda would have killed it.
        assert (status, body["error"]) == (504, "domain_timeout"), body
        assert body["requestId"]
        after = s.function_state()
        assert (after["pid"], after["spawns"], after["exits"]) == (before["pid"], before["spawns"], before["exits"])
        assert "timed out; killing" not in s.function_log()
        s.clear_fault()
        # The slow request ends at the domain with its 503 (the status fault is counted then).
        assert wait_until(lambda: s.stats()["faults"]["status"] == 1, seconds=15)
        assert copies(s, "too slow") == 0
        created(s, s.post("/", dict(BLOG, textblob="after the slow one")))


def test_latency_past_the_deadline_never_stores_two_copies(bootstrap):
    # After a 504 the write may still land (the domain read it, then was slow): once, never twice.
    with lambda_deadline_stack(bootstrap) as s:
        s.fault({"latency_ms": 3000, "count": 100})
        status, _, body = s.post("/", dict(BLOG, textblob="late write"))
        assert (status, body["error"]) == (504, "domain_timeout"), body
        # The gateway's own account, logged once it gave up: one attempt and no retry (the first
        # one used the time up to the deadline's answer margin).
        assert wait_until(lambda: s.log_records("invocation"))
        [record] = s.log_records("invocation")
        assert (record["requestId"], record["status"], record["retries"]) == (body["requestId"], 504, 0), record
        # The domain held exactly that one request (it met the latency fault once) ...
        stats = s.stats()
        assert (stats["requests"], stats["faults"]["latency"]) == (1, 1), stats
        s.clear_fault()
        # ... which it had read: the write lands after the 504, once.
        assert wait_until(lambda: copies(s, "late write") == 1, seconds=15)
        assert s.stats()["requests"] == 1, "nothing after the invocation ended"


# --- TLS -----------------------------------------------------------------------------------------

def test_tls_domain_without_its_ca_is_502_not_retried(bootstrap):
    # SSL_CERT_FILE unset: the function trusts only the system bundle, which lacks the test CA.
    with Stack(bootstrap, domain_args=["--tls"], function_env={"SSL_CERT_FILE": None}) as s:
        refused(s, s.post("/", dict(BLOG, textblob="untrusted")), 502, "domain_unavailable", "untrusted")
        assert s.stats()["requests"] == 0, "no request was sent over the untrusted connection"
        assert wait_until(lambda: "TLS handshake failed" in s.function_log())
        assert s.function_log().count("TLS handshake failed") == 1, "a TLS failure is not retried"
        assert wait_until(lambda: "TLS to the domain failed" in s.function_log())


# --- the Runtime API goes away and comes back ----------------------------------------------------

def test_runtime_api_going_away_and_coming_back(bootstrap):
    with Stack(bootstrap) as s:
        first = created(s, s.post("/", dict(BLOG, textblob="before the outage")))
        state = s.function_state()
        assert state["runtime_api"] == "up" and state["spawns"] == 1 and state["exits"] == []
        old_pid = state["pid"]

        assert s.runtime_api(up=False) == {"runtime_api": "down", "changed": True}
        assert s.runtime_api(up=False)["changed"] is False
        # The bootstrap retries /next (10, 50, 250 ms), then exits non-zero; not restarted while down.
        assert wait_until(lambda: s.function_state()["exits"] != [], seconds=20)
        state = s.function_state()
        assert state["exits"] == [1] and state["pid"] is None and state["runtime_api"] == "down"
        assert wait_until(lambda: "runtimeAPIUnreachable" in s.function_log())
        assert "4 attempts" in s.function_log()
        time.sleep(0.5)
        assert s.function_state()["spawns"] == 1, "no restart loop while the API is down"

        assert s.runtime_api(up=True) == {"runtime_api": "up", "changed": True}
        second = created(s, s.post("/", dict(BLOG, textblob="after the outage")))
        state = s.function_state()
        assert state["spawns"] == 2 and state["pid"] not in (None, old_pid)
        assert s.write_count(first) == 1 and s.write_count(second) == 1
        assert len(s.documents()) == 2


def test_runtime_api_outage_while_idle_is_ridden_over_by_a_fresh_runtime(bootstrap):
    # A second outage right after a restart: the same again, the documents stay exact.
    with Stack(bootstrap) as s:
        ids = []
        for round_ in range(2):
            ids.append(created(s, s.post("/", dict(BLOG, textblob=f"round {round_}"))))
            s.runtime_api(up=False)
            assert wait_until(lambda: len(s.function_state()["exits"]) == round_ + 1, seconds=20)
            s.runtime_api(up=True)
        ids.append(created(s, s.post("/", dict(BLOG, textblob="last"))))
        assert s.function_state()["exits"] == [1, 1]
        assert all(s.write_count(i) == 1 for i in ids) and len(s.documents()) == 3


# --- what the fault tests added to the doubles ---------------------------------------------------

def test_fault_sequences_are_taken_in_order():
    faults = Faults()
    faults.arm([{"status": 503, "count": 2}, {"drop": "before"}, {"latency_ms": 5, "drop": "after"}])
    assert faults.describe() == {"fault": {"status": 503, "count": 2},
                                 "then": [{"drop": "before", "count": 1}, {"latency_ms": 5, "drop": "after", "count": 1}]}
    assert faults.take(before_reading=True) is None, "a status fault waits until the request is read"
    assert faults.take(before_reading=False) == {"status": 503}
    assert faults.take(before_reading=False) == {"status": 503}
    assert faults.take(before_reading=False) is None, "the drop-before fault is next"
    assert faults.take(before_reading=True) == {"drop": "before"}
    assert faults.take(before_reading=False) == {"latency_ms": 5, "drop": "after"}
    assert faults.describe() == {"fault": None}


@pytest.mark.parametrize("body", [[], [{"status": 503}, {"status": 200}], [{"status": 503}, "x"]])
def test_bad_fault_sequences_arm_nothing(body):
    faults = Faults()
    faults.arm({"status": 503})
    with pytest.raises(OpenSearchError) as e:
        faults.arm(body)
    assert e.value.status == 400 and "bad /_fault body" in e.value.reason
    assert faults.describe() == {"fault": {"status": 503, "count": 1}}, "the armed fault stays"


@pytest.mark.parametrize("fsync,expected", [(True, 2), (False, 0)])
def test_store_fsync_can_be_skipped(monkeypatch, tmp_path, fsync, expected):
    calls = []
    monkeypatch.setattr(os, "fsync", lambda fd: calls.append(fd))
    store = Store(str(tmp_path), fsync=fsync)
    store.write("ix", "a", {"n": 1})  # the index line, then the document line
    store.close()
    assert len(calls) == expected
    lines = (tmp_path / "ix.jsonl").read_text().splitlines()
    assert json.loads(lines[-1])["_source"] == {"n": 1}, "written and flushed either way"


def test_no_fsync_flag_keeps_writes_and_reloads_them(tmp_path):
    cmd = [sys.executable, str(SCRIPTS / "local-domain"), "--port", "0", "--data", str(tmp_path), "--no-auth"]
    for round_ in range(2):
        proc = subprocess.Popen([*cmd, "--no-fsync"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        try:
            url = json.loads(proc.stdout.readline())["url"]
            if round_ == 0:
                status, _, _ = http("PUT", url + "/ix/_create/one", b'{"n": 1}', {"Content-Type": "application/json"})
                assert status == 201
            else:
                status, _, raw = http("GET", url + "/ix/_doc/one")
                assert status == 200 and json.loads(raw)["_source"] == {"n": 1}
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    bad = subprocess.run([*cmd, "--no-fsync=yes"], capture_output=True, text=True, timeout=30)
    assert bad.returncode == 2 and "--no-fsync" in bad.stderr


def test_domain_records_the_requests_it_received(stack):
    doc_id = created(stack, stack.post("/", dict(BLOG, textblob="recorded")))
    last = stack.domain_requests()[-1]
    assert last["method"] == "PUT" and last["path"] == f"/bigsurvey/_create/{doc_id}"
    names = {n.lower() for n, _ in last["headers"]}
    assert {"authorization", "x-amz-date", "x-amz-security-token", "host", "content-type"} <= names
    assert all(r["path"] not in ("/_stats", "/_requests") for r in stack.domain_requests()), "control calls are not kept"
    assert stack._domain("DELETE", "/_requests")[0] == 200
    assert stack.domain_requests() == []


def test_emulator_trace_id_option_fixes_the_trace_header(tmp_path):
    require_module("awslambdaric", "awslambdaric", "the emulator's --trace-id test against AWS's client")
    fixtures = Path(__file__).resolve().parent / "fixtures"
    trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0"

    def traces(*extra):
        cmd = [sys.executable, str(SCRIPTS / "runtime-emulator"), "--runtime-port", "0", "--invoke-port", "0",
               "--http-port", "0", "--task-root", str(fixtures), *extra,
               "--bootstrap", sys.executable, "-m", "awslambdaric", "handler.fn"]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=str(fixtures))
        try:
            port = json.loads(proc.stdout.readline())["invoke_port"]
            url = f"http://127.0.0.1:{port}/2015-03-31/functions/function/invocations"
            event = json.dumps({"action": "env", "names": ["_X_AMZN_TRACE_ID"]}).encode()
            return [json.loads(http("POST", url, event)[2])["_X_AMZN_TRACE_ID"] for _ in range(2)]
        finally:
            proc.terminate()
            proc.wait(timeout=10)

    assert traces("--trace-id", trace) == [trace, trace]
    fresh = traces()
    assert fresh[0] != fresh[1] and trace not in fresh


def test_emulator_control_refuses_unknown_paths(stack):
    base = f"http://127.0.0.1:{stack.ports['invoke_port']}/_emulator"
    assert http("GET", base + "/nothing")[0] == 404
    assert http("POST", base + "/runtime-api/pause", b"")[0] == 404
    assert stack.function_state()["runtime_api"] == "up"
