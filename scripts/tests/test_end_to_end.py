"""The product end to end: our built bootstrap under the runtime emulator, writing to the local
domain, which checks every SigV4 signature with botocore. Nothing here is faked: a 201 means a
signed document is on the domain's disk."""

import base64
import csv
import datetime
import json
import os
import tempfile
import time
from pathlib import Path

import pytest

import sys
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lib"))
from ci_required import require_module  # noqa: E402
from esproxy_stack import Stack, wait_until  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_EVENT = ROOT / "scripts" / "events" / "post-bigsurvey.json"
CORPORA = Path(os.environ.get("ESPROXY_CORPORA") or Path(__file__).resolve().parents[3] / "shared" / "corpora")
BLOG = {"agree": True, "anumber": 1, "textblob": "abc sdf", "ipaddr": "192.168.10.10"}
BAD = {"agree": True, "anumber": "one", "textblob": "abc sdf", "ipaddr": "999.1.1.1"}


def created(stack, answer):
    status, headers, body = answer
    assert status == 201, body
    assert headers["Content-Type"] == "application/json"
    assert set(body) == {"id", "index", "result"} and body["result"] == "created" and body["index"] == "bigsurvey"
    return body["id"]


# --- the blog's test drive ---------------------------------------------------------------------

@pytest.mark.parametrize("payload", ["1.0", "2.0"])
def test_blog_test_drive_is_stored_signed_and_stamped(bootstrap, payload):
    with Stack(bootstrap, payload=payload) as s:
        sent = time.time()
        doc_id = created(s, s.post("/", BLOG))
        answered = time.time()
        stored = s.documents()[doc_id]
        stamp = stored.pop("@timestamp")
        assert stored == BLOG
        assert len(stamp) == 24 and stamp.endswith("Z") and stamp[10] == "T"
        # The gateway's clock at the write: between the request and its answer (milliseconds
        # truncated; a second of slack either way for the clocks' granularity).
        stamped = datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc)
        assert sent - 1 <= stamped.timestamp() <= answered + 1, (stamp, sent, answered)
        assert s.stats()["auth_failures"] == 0


def test_blog_bad_request_lists_both_errors_and_stores_nothing(stack):
    before = len(stack.documents())
    status, _, body = stack.post("/", BAD)
    assert status == 400
    assert body["error"] == "validation_failed"
    assert {d["instanceLocation"] for d in body["details"]} == {"/anumber", "/ipaddr"}
    assert any("ipv4" in d["message"] for d in body["details"])
    assert body["requestId"]
    assert len(stack.documents()) == before


def test_values_are_stored_exactly(stack):
    raw = '{"anumber": 123456789012345678901234567890.50, "textblob": "caf\\u00e9 \\ud83d\\ude00 \\"q\\" \\u0000 \\u05d0", "ipaddr": "10.0.0.1"}'
    doc_id = created(stack, stack.post("/", raw.encode()))
    line = stack.raw_document(doc_id)
    assert '"anumber":123456789012345678901234567890.50' in line
    assert '"textblob":"café 😀 \\"q\\" \\u0000 א"' in line, line
    stored = json.loads(line)
    assert stored["textblob"] == "caf\u00e9 \U0001F600 \"q\" \u0000 \u05d0"


def test_readme_sample_event_is_written_through_the_invoke_endpoint(stack):
    """README's "By hand" posts scripts/events/post-bigsurvey.json, byte for byte, to the invoke endpoint."""
    raw = SAMPLE_EVENT.read_bytes()
    event = json.loads(raw)
    assert event["httpMethod"] == "POST" and event["path"] == "/" and "version" not in event, "a REST API event"
    document = json.loads(event["body"])
    # Valid for the default schema by an independent validator, so a 201 is the right answer.
    jsonschema = require_module("jsonschema", "jsonschema", "the check of the README's sample event")
    schema = json.loads((ROOT / "schemas" / "bigsurvey.json").read_text())
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER).validate(document)
    status, _, result = stack.invoke(raw)
    assert status == 200, result
    answer = json.loads(result)
    assert answer["statusCode"] == 201, answer
    body = json.loads(answer["body"])
    assert body["index"] == "bigsurvey" and body["result"] == "created"
    stored = dict(stack.documents()[body["id"]])
    stored.pop("@timestamp")
    assert stored == document


# --- every recorded event kind, with a valid body put in ---------------------------------------

def recorded_events():
    index = CORPORA / "events" / "INDEX.tsv"
    if not index.exists():
        message = f"CORPUS MISSING: {index} — the recorded-event end-to-end tests did NOT run"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    kinds = {"apigw-v1-rest-request", "apigw-v2-http-request", "function-url-request", "alb-request"}
    with open(index, newline="") as f:
        return [(r["path"], r["kind"]) for r in csv.DictReader(f, delimiter="\t") if r["kind"] in kinds]


def as_post(event, kind, body, base64_body=False):
    """The recorded event turned into `POST /` with a JSON body, keeping everything else."""
    text = base64.b64encode(body).decode() if base64_body else body.decode()
    event["body"], event["isBase64Encoded"] = text, base64_body

    def set_header(field):
        headers = event.get(field)
        if not isinstance(headers, dict):
            return
        for k in [k for k in headers if k.lower() == "content-type"]:
            del headers[k]
        headers["Content-Type"] = ["application/json"] if field == "multiValueHeaders" else "application/json"

    if kind in ("apigw-v1-rest-request", "alb-request"):
        event["httpMethod"], event["path"] = "POST", "/"
        if isinstance(event.get("requestContext"), dict):
            event["requestContext"]["httpMethod"] = "POST"
        if event.get("headers") is None and not event.get("multiValueHeaders"):
            event["headers"] = {}
        set_header("headers")
        set_header("multiValueHeaders")
    else:
        event["rawPath"] = "/"
        http = event.setdefault("requestContext", {}).setdefault("http", {})
        http["method"], http["path"] = "POST", "/"
        stage = event["requestContext"].get("stage")
        if stage and stage != "$default":
            http["path"] = event["rawPath"] = f"/{stage}"
        if event.get("headers") is None:
            event["headers"] = {}
        set_header("headers")
    return event


def test_every_recorded_event_kind_is_written(stack):
    events = recorded_events()
    assert len(events) >= 180
    by_kind = {}
    for n, (path, kind) in enumerate(events):
        event = json.loads((CORPORA / "events" / path).read_text(encoding="utf-8-sig"))
        doc = dict(BLOG, textblob=f"event {n}: {path}")
        status, _, result = stack.invoke(as_post(event, kind, json.dumps(doc).encode(), base64_body=n % 3 == 0))
        assert status == 200, (path, result)
        answer = json.loads(result)
        assert answer.get("statusCode") == 201, (path, answer)
        doc_id = json.loads(answer["body"])["id"]
        stored = stack.documents()[doc_id]
        assert stored["textblob"] == doc["textblob"], path
        by_kind[kind] = by_kind.get(kind, 0) + 1
    assert by_kind.keys() == {"apigw-v1-rest-request", "apigw-v2-http-request", "function-url-request", "alb-request"}
    print("recorded events written per kind:", by_kind)


# --- refusals: nothing reaches the domain ------------------------------------------------------

INVALID_BODIES = [
    (b'{"anumber": 1, "textblob": "a", "ipaddr": "1.1.1.1",}', "invalid_json"),
    (b'{"anumber": 1, "anumber": 2, "textblob": "a", "ipaddr": "1.1.1.1"}', "invalid_json"),
    (b'\xef\xbb\xbf{"anumber": 1, "textblob": "a", "ipaddr": "1.1.1.1"}', "invalid_json"),
    (b'{"anumber": 1, "textblob": "\xff", "ipaddr": "1.1.1.1"}', "invalid_json"),
    (b'{"anumber": NaN, "textblob": "a", "ipaddr": "1.1.1.1"}', "invalid_json"),
    (b'{"anumber": 01, "textblob": "a", "ipaddr": "1.1.1.1"}', "invalid_json"),
    (b'// comment\n{}', "invalid_json"),
    (b'{"x": ' + b"[" * 100000, "invalid_json"),
    (b"", "invalid_json"),
    (b'"just a string"', "not_an_object"),
    (b"1.5", "not_an_object"),
    (b'{"textblob": "a", "ipaddr": "1.1.1.1"}', "validation_failed"),
    (b'{"anumber": 1, "textblob": "a", "ipaddr": "1.1.1.1", "extra": 1}', "validation_failed"),
    (b'{"anumber": 1, "textblob": "a", "ipaddr": "1.1.1.1", "@timestamp": "2001-01-01T00:00:00Z"}', "validation_failed"),
    (b'{"anumber": 1, "textblob": "a", "ipaddr": "01.1.1.1"}', "validation_failed"),
    (b'{"anumber": 1, "textblob": "a", "ipaddr": "1.1.1.1", "agree": "yes"}', "validation_failed"),
    (b'{"anumber": true, "textblob": 5, "ipaddr": null}', "validation_failed"),
]


@pytest.mark.parametrize("body,code", INVALID_BODIES, ids=[c + str(i) for i, (_, c) in enumerate(INVALID_BODIES)])
def test_invalid_bodies_are_refused(stack, body, code):
    before = stack.stats()["requests"]
    status, _, answer = stack.post("/", body)
    assert (status, answer["error"]) == (400, code), answer
    assert stack.stats()["requests"] == before, "nothing reached the domain"


REQUESTS = [
    ("POST", "/other", "application/json", 404, "not_found"),
    ("POST", "/bigsurvey/_doc/1", "application/json", 404, "not_found"),
    ("GET", "/", "application/json", 405, "method_not_allowed"),
    ("PUT", "/", "application/json", 405, "method_not_allowed"),
    ("DELETE", "/", None, 405, "method_not_allowed"),
    ("POST", "/", "text/plain", 415, "unsupported_media_type"),
    ("POST", "/", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
    ("POST", "/", "application/json; charset=iso-8859-1", 415, "unsupported_media_type"),
    ("POST", "/", None, 415, "unsupported_media_type"),
]


@pytest.mark.parametrize("method,path,ctype,status,code", REQUESTS)
def test_wrong_methods_paths_and_types(stack, method, path, ctype, status, code):
    before = stack.stats()["requests"]
    got, headers, answer = stack.post(path, BLOG, content_type=ctype, method=method)
    assert (got, answer["error"]) == (status, code)
    if status == 405:
        assert headers["Allow"] == "POST"
    assert stack.stats()["requests"] == before


def test_accepted_json_media_types(stack):
    for ctype in ["application/json; charset=utf-8", "application/vnd.survey+json"]:
        created(stack, stack.post("/", BLOG, content_type=ctype))


def test_oversized_body(bootstrap):
    with Stack(bootstrap, function_env={"MAX_BODY_BYTES": "200"}) as s:
        status, _, answer = s.post("/", dict(BLOG, textblob="x" * 300))
        assert (status, answer["error"]) == (413, "payload_too_large")
        created(s, s.post("/", BLOG))
        assert len(s.documents()) == 1


# --- the domain misbehaves --------------------------------------------------------------------

def test_retries_after_503_store_one_copy(stack, domain_fault):
    domain_fault({"status": 503, "count": 2})
    doc_id = created(stack, stack.post("/", dict(BLOG, textblob="after 503")))
    assert stack.write_count(doc_id) == 1


def test_lost_acknowledgement_stores_one_copy(stack, domain_fault):
    domain_fault({"drop": "after", "count": 1})
    doc_id = created(stack, stack.post("/", dict(BLOG, textblob="lost ack")))
    assert stack.write_count(doc_id) == 1


def test_connection_dropped_before_the_request_was_read(stack, domain_fault):
    domain_fault({"drop": "before", "count": 1})
    doc_id = created(stack, stack.post("/", dict(BLOG, textblob="dropped before")))
    assert stack.write_count(doc_id) == 1


def test_persistent_503_is_502_and_nothing_stored(bootstrap):
    with Stack(bootstrap, function_env={"ES_TIMEOUT_MS": "1500"}) as s:
        s.fault({"status": 503, "count": 1000})
        status, _, answer = s.post("/", BLOG)
        assert (status, answer["error"]) == (502, "domain_unavailable")
        assert s.documents() == {}
        assert s.stats()["requests"] > 2, "it retried"


def test_latency_past_the_budget_is_504(bootstrap):
    with Stack(bootstrap, function_env={"ES_TIMEOUT_MS": "800"}) as s:
        s.fault({"latency_ms": 3000, "count": 1000})
        status, _, answer = s.post("/", BLOG)
        assert (status, answer["error"]) == (504, "domain_timeout")


def test_mapping_conflict_is_400_with_the_domains_reason(bootstrap):
    with tempfile.TemporaryDirectory() as d:
        Path(d, "free.json").write_text('{"type": "object"}')
        Path(d, "routes").write_text(f"POST /free -> {d}/free.json -> freeform\nPOST / -> schemas/bigsurvey.json -> bigsurvey\n")
        with Stack(bootstrap, function_env={"ROUTES_FILE": f"{d}/routes"}) as s:
            status, _, answer = s.post("/free", {"n": 1})
            assert status == 201 and answer["index"] == "freeform"
            status, _, answer = s.post("/free", {"n": "text"})
            assert (status, answer["error"]) == (400, "rejected_by_domain")
            assert "mapper_parsing_exception" in answer["message"]
            assert "127.0.0.1" not in json.dumps(answer)
            created(s, s.post("/", BLOG))


def test_wrong_credentials_are_502_with_an_operator_hint(bootstrap):
    with Stack(bootstrap, function_env={"AWS_SECRET_ACCESS_KEY": "not-the-secret"}) as s:
        status, _, answer = s.post("/", BLOG)
        assert (status, answer["error"]) == (502, "domain_unavailable")
        assert s.documents() == {}
        assert wait_until(lambda: "es:ESHttpPut" in s.function_log())
        assert "not-the-secret" not in s.function_log()


def test_connection_is_reused_across_writes(stack):
    stack.post("/", BLOG)
    before = stack.stats()["connections"]
    for i in range(200):
        created(stack, stack.post("/", dict(BLOG, anumber=i)))
    # Each stats call opens a connection of its own: the second one is the only new one.
    assert stack.stats()["connections"] == before + 1


# --- TLS ----------------------------------------------------------------------------------------

def test_tls_domain_with_its_ca(bootstrap):
    with Stack(bootstrap, domain_args=["--tls"]) as s:
        assert s.domain_info["url"].startswith("https://")
        doc_id = created(s, s.post("/", BLOG))
        assert doc_id in s.documents()


def test_tls_domain_with_the_wrong_ca_is_refused(bootstrap):
    with Stack(bootstrap, domain_args=["--tls"], function_env={"SSL_CERT_FILE": "/etc/ssl/certs/ca-certificates.crt"}) as s:
        status, _, answer = s.post("/", BLOG)
        assert (status, answer["error"]) == (502, "domain_unavailable")
        assert s.documents() == {}
        # Refused because certificate verification failed (libcurl's CURLE_PEER_FAILED_VERIFICATION,
        # OpenSSL's "unable to get local issuer certificate"), not for any other reason a 502 has;
        # the domain saw the handshake end with the client's unknown_ca alert and no request.
        url = s.domain_info["url"]
        assert wait_until(lambda: any(r.get("message", "").startswith(
            f"TLS to the domain failed (TLS: certificate verify failed for {url}/bigsurvey/_create/")
            for r in s.log_records()))
        [tls] = [r for r in s.log_records() if r.get("message", "").startswith("TLS to the domain failed")]
        assert tls["level"] == "ERROR" and "unable to get local issuer certificate" in tls["message"], tls
        assert wait_until(lambda: "TLSV1_ALERT_UNKNOWN_CA" in s.function_log()), "the domain's log of the handshake"
        assert s.stats()["requests"] == 0
        assert wait_until(lambda: s.log_records("invocation"))
        [invocation] = s.log_records("invocation")
        assert (invocation["requestId"], invocation["status"], invocation["retries"]) == (answer["requestId"], 502, 0)


# --- init errors reach /runtime/init/error ------------------------------------------------------

def test_unsigned_writes_need_no_region(bootstrap):
    # A self-run cluster: ES_SIGNING=none starts and writes with no region at all.
    env = {"ES_SIGNING": "none", "AWS_REGION": "", "AWS_DEFAULT_REGION": ""}
    with Stack(bootstrap, function_env=env, domain_args=("--no-auth",)) as s:
        status, _, body = s.post("/", {"agree": True, "anumber": 1, "textblob": "x", "ipaddr": "10.0.0.1"})
        assert status == 201, body
        assert s.write_count(body["id"]) == 1


@pytest.mark.parametrize("env,needle", [
    ({"ES_ENDPOINT": None}, "ES_ENDPOINT"),
    ({"ES_ENDPOINT": "http://search.example.com"}, "ES_ENDPOINT"),
    ({"SCHEMA_FILE": "schemas/missing.json"}, "SCHEMA_FILE"),
    ({"SCHEMA_FILE": "README.md"}, "SCHEMA_FILE"),
    ({"SCHEMA_FILE": "scripts/tests/fixtures/invalid-schema.json"}, "SCHEMA_FILE"),
    ({"SCHEMA_FILE": "scripts/tests/fixtures/typo-schema.json"}, 'did you mean "properties"'),
    ({"ES_SIGNING": "sigv2"}, "ES_SIGNING"),
    ({"AWS_SECRET_ACCESS_KEY": "", "AWS_ACCESS_KEY_ID": ""}, "AWS_ACCESS_KEY_ID"),
    ({"AWS_REGION": "", "AWS_DEFAULT_REGION": ""}, "AWS_REGION"),
    ({"AWS_REGION": "EU West"}, "AWS_REGION"),
])
def test_init_errors_are_reported(bootstrap, env, needle):
    with Stack(bootstrap, function_env=env) as s:
        status, _, result = s.invoke({"version": "2.0", "rawPath": "/", "requestContext": {"http": {"method": "POST", "path": "/"}}})
        assert status == 502
        error = json.loads(result)
        assert needle in error["errorMessage"], error
        assert wait_until(lambda: "init error reported" in s.function_log())
