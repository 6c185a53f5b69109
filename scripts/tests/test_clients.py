"""The clients that really send (issue 11), end to end through the emulator and the local domain,
in REST (payload 1.0) and HTTP API (payload 2.0) events: browsers on other origins (CORS), clients
that retry (Idempotency-Key) and collections that assign ids (DOC_ID=none)."""
import json
import sys
import threading
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lib"))
from esproxy_stack import Stack  # noqa: E402

PAGE = "https://survey.example.com"
BLOG = {"agree": True, "anumber": 1, "textblob": "abc sdf", "ipaddr": "192.168.10.10"}
# The gateway's key-derived ids, computed independently: RFC 9562 version 5 in our namespace.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:esproxy:idempotency-key")


def key_id(index, key):
    return str(uuid.uuid5(NAMESPACE, f"{index}\n{key}"))


def lower(headers):
    return {k.lower(): v for k, v in headers.items()}


@pytest.fixture(scope="module", params=["1.0", "2.0"])
def cors_stack(bootstrap, request):
    with Stack(bootstrap, payload=request.param, function_env={"CORS_ALLOW_ORIGINS": PAGE, "CORS_MAX_AGE": "120"}) as s:
        yield s


# --- CORS ---------------------------------------------------------------------------------------

def test_preflight_from_the_page_is_204_and_never_reaches_the_domain(cors_stack):
    before = cors_stack.stats()["requests"]
    status, headers, body = cors_stack.post("/", b"", content_type=None, method="OPTIONS", headers={
        "Origin": PAGE, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,idempotency-key"})
    h = lower(headers)
    assert status == 204, body
    assert h["access-control-allow-origin"] == PAGE
    assert h["access-control-allow-methods"] == "POST"
    assert h["access-control-allow-headers"] == "content-type, idempotency-key"
    assert h["access-control-max-age"] == "120"
    assert h["vary"] == "Origin"
    assert cors_stack.stats()["requests"] == before
    assert '"method":"OPTIONS"' in cors_stack.function_log()


@pytest.mark.parametrize("origin,method,headers,code", [
    ("https://evil.example", "POST", None, "origin_not_allowed"),
    (PAGE, "DELETE", None, "header_not_allowed"),
    (PAGE, "POST", "x-api-key", "header_not_allowed"),
])
def test_refused_preflights_are_403_without_cors_headers(cors_stack, origin, method, headers, code):
    h = {"Origin": origin, "Access-Control-Request-Method": method}
    if headers:
        h["Access-Control-Request-Headers"] = headers
    status, got, body = cors_stack.post("/", b"", content_type=None, method="OPTIONS", headers=h)
    assert (status, body["error"]) == (403, code)
    assert not [k for k in lower(got) if k.startswith("access-control-")]


def test_options_on_an_unknown_path_is_404(cors_stack):
    status, _, body = cors_stack.post("/nowhere", b"", content_type=None, method="OPTIONS",
                                      headers={"Origin": PAGE, "Access-Control-Request-Method": "POST"})
    assert (status, body["error"]) == (404, "not_found")


@pytest.mark.parametrize("path,body,status", [("/", BLOG, 201), ("/", {"anumber": "x"}, 400), ("/nope", BLOG, 404)])
def test_every_answer_to_the_page_is_readable(cors_stack, path, body, status):
    got, headers, answer = cors_stack.post(path, body, headers={"Origin": PAGE})
    h = lower(headers)
    assert got == status, answer
    assert h["access-control-allow-origin"] == PAGE
    assert h["vary"] == "Origin"
    assert "Idempotent-Replayed" in h["access-control-expose-headers"]


def test_a_post_from_another_origin_writes_nothing(cors_stack):
    marker = f"evil-{uuid.uuid4()}"
    status, headers, body = cors_stack.post("/", dict(BLOG, textblob=marker), headers={"Origin": "https://evil.example"})
    assert (status, body["error"]) == (403, "origin_not_allowed")
    assert "access-control-allow-origin" not in lower(headers)
    assert not [d for d in cors_stack.documents().values() if d.get("textblob") == marker]


def test_clients_without_origin_are_unaffected(cors_stack):
    status, headers, _ = cors_stack.post("/", BLOG)
    assert status == 201
    assert "access-control-allow-origin" not in lower(headers)


# --- Idempotency-Key ----------------------------------------------------------------------------

@pytest.fixture(scope="module", params=["1.0", "2.0"])
def stack_by_payload(bootstrap, request):
    with Stack(bootstrap, payload=request.param) as s:
        yield s


def test_a_repeat_stores_nothing_and_answers_the_first_id(stack_by_payload):
    s = stack_by_payload
    key = str(uuid.uuid4())
    status, headers, first = s.post("/", BLOG, headers={"Idempotency-Key": f'"{key}"'})
    assert status == 201 and first["id"] == key_id("bigsurvey", key), first
    assert "idempotent-replayed" not in lower(headers)
    status, headers, again = s.post("/", BLOG, headers={"Idempotency-Key": key})
    assert status == 200
    assert again == {"id": first["id"], "index": "bigsurvey", "result": "exists"}
    assert lower(headers)["idempotent-replayed"] == "true"
    assert s.write_count(first["id"]) == 1
    log = s.function_log()
    assert key not in log, "the key is never logged"
    assert '"replayed":true' in log


def test_an_invalid_repeat_is_400_and_stores_nothing(stack_by_payload):
    s = stack_by_payload
    key = str(uuid.uuid4())
    assert s.post("/", BLOG, headers={"Idempotency-Key": key})[0] == 201
    status, _, body = s.post("/", {"anumber": "one"}, headers={"Idempotency-Key": key})
    assert (status, body["error"]) == (400, "validation_failed")
    assert s.write_count(key_id("bigsurvey", key)) == 1


@pytest.mark.parametrize("value", ['"unterminated', "has space", "x" * 256, '"a";param=1'])
def test_malformed_keys_are_400_and_write_nothing(stack_by_payload, value):
    before = stack_by_payload.stats()["requests"]
    status, _, body = stack_by_payload.post("/", BLOG, headers={"Idempotency-Key": value})
    assert (status, body["error"]) == (400, "invalid_idempotency_key")
    assert stack_by_payload.stats()["requests"] == before


def test_two_concurrent_requests_with_one_key_store_one_document(stack_by_payload):
    s = stack_by_payload
    key = str(uuid.uuid4())
    answers = []
    threads = [threading.Thread(target=lambda: answers.append(s.post("/", BLOG, headers={"Idempotency-Key": key})))
               for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(a[0] for a in answers) == [200, 201]
    assert {a[2]["id"] for a in answers} == {key_id("bigsurvey", key)}
    assert s.write_count(key_id("bigsurvey", key)) == 1


def test_a_replay_after_the_answer_was_lost_stores_one_copy(stack_by_payload):
    # The domain stores the document and the connection drops before its answer. The resend (the
    # HTTP layer's, unseen, or the gateway's retry) meets 409 for the key's id: 201, or 200 "exists"
    # when libcurl resent before the gateway saw a failure. Either way one copy under the key's id,
    # and the client's own later replay gets "exists".
    s = stack_by_payload
    key = str(uuid.uuid4())
    s.fault({"drop": "after", "count": 1})
    try:
        status, _, first = s.post("/", BLOG, headers={"Idempotency-Key": key})
    finally:
        s.clear_fault()
    assert status in (200, 201) and first["id"] == key_id("bigsurvey", key), first
    status, _, again = s.post("/", BLOG, headers={"Idempotency-Key": key})
    assert (status, again["result"], again["id"]) == (200, "exists", first["id"])
    assert s.write_count(first["id"]) == 1


# --- DOC_ID=none --------------------------------------------------------------------------------

@pytest.fixture(scope="module", params=["1.0", "2.0"])
def assigned_stack(bootstrap, request):
    with Stack(bootstrap, payload=request.param, function_env={"DOC_ID": "none"}) as s:
        yield s


def test_the_domain_assigns_the_id(assigned_stack):
    status, _, body = assigned_stack.post("/", BLOG)
    assert status == 201, body
    assert body["id"] in assigned_stack.documents()
    writes = [r for r in assigned_stack.domain_requests() if r.get("path", "").endswith("/_doc")]
    assert writes and writes[-1]["method"] == "POST"


def test_a_key_on_a_route_without_our_ids_is_400(assigned_stack):
    before = assigned_stack.stats()["requests"]
    status, _, body = assigned_stack.post("/", BLOG, headers={"Idempotency-Key": "k"})
    assert (status, body["error"]) == (400, "idempotency_unsupported")
    assert assigned_stack.stats()["requests"] == before


def test_a_lost_answer_is_not_retried_without_our_ids(assigned_stack):
    # The document may or may not be stored; resending could store it twice, so the client gets 502.
    before = assigned_stack.stats()["requests"]
    marker = f"lost-{uuid.uuid4()}"
    assigned_stack.fault({"drop": "after", "count": 1})
    try:
        status, _, body = assigned_stack.post("/", dict(BLOG, textblob=marker))
    finally:
        assigned_stack.clear_fault()
    assert (status, body["error"]) == (502, "domain_unavailable")
    assert assigned_stack.stats()["requests"] == before + 1
    assert len([d for d in assigned_stack.documents().values() if d.get("textblob") == marker]) == 1
