"""Batches end to end (issue 12): our bootstrap under the emulator writing to the local domain with
one _bulk per batch, in REST (payload 1.0) and HTTP API (payload 2.0) events."""
import json
import sys
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lib"))
from esproxy_stack import Stack  # noqa: E402

BLOG = {"agree": True, "anumber": 1, "textblob": "abc sdf", "ipaddr": "192.168.10.10"}
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:esproxy:idempotency-key")


def docs(n, marker):
    return [dict(BLOG, textblob=f"{marker} {i}", anumber=i) for i in range(n)]


def bulk_requests(stack):
    return [r for r in stack.domain_requests() if r["path"].endswith("/_bulk")]


def assert_all_created(stack, answer, sent, marker):
    status, _, body = answer
    assert status == 201, body
    assert body["created"] == len(sent) and body["failed"] == 0
    assert [i["status"] for i in body["items"]] == [201] * len(sent)
    stored = stack.documents()
    for item, doc in zip(body["items"], sent):
        got = dict(stored[item["id"]])
        stamp = got.pop("@timestamp")
        assert got == doc
    stamps = {stored[i["id"]]["@timestamp"] for i in body["items"]}
    assert len(stamps) == 1, "one gateway @timestamp per batch"
    assert len([d for d in stored.values() if d["textblob"].startswith(marker + " ")]) == len(sent), "each stored once"


@pytest.fixture(scope="module", params=["1.0", "2.0"])
def stack(bootstrap, request):
    with Stack(bootstrap, payload=request.param, timeout=30.0) as s:
        yield s


@pytest.mark.parametrize("n", [1, 500])
def test_arrays_of_1_and_500_go_in_one_bulk(stack, n):
    marker = f"array-{n}-{uuid.uuid4()}"
    before = len(bulk_requests(stack))
    sent = docs(n, marker)
    assert_all_created(stack, stack.post("/", sent), sent, marker)
    bulks = bulk_requests(stack)
    assert len(bulks) == before + 1
    assert bulks[-1]["path"] == "/bigsurvey/_bulk"
    headers = {k.lower(): v for k, v in bulks[-1]["headers"]}
    assert headers["content-type"] == "application/x-ndjson"
    assert headers["authorization"].startswith("AWS4-HMAC-SHA256 ")


def test_ndjson_with_crlf(stack):
    marker = f"ndjson-{uuid.uuid4()}"
    sent = docs(3, marker)
    body = "\r\n".join(json.dumps(d) for d in sent).encode() + b"\r\n"
    assert_all_created(stack, stack.post("/", body, content_type="application/x-ndjson"), sent, marker)


def test_mixed_valid_and_invalid_items(stack):
    marker = f"mixed-{uuid.uuid4()}"
    good = docs(2, marker)
    items = [good[0], {"anumber": "one"}, 42, dict(good[1], **{"@timestamp": "x"}), good[1]]
    status, _, body = stack.post("/", items)
    assert status == 207
    assert [i["status"] for i in body["items"]] == [201, 400, 400, 400, 201]
    assert [i.get("error") for i in body["items"]] == [None, "validation_failed", "not_an_object", "validation_failed", None]
    assert (body["created"], body["failed"]) == (2, 3)
    stored = stack.documents()
    assert {stored[body["items"][0]["id"]]["textblob"], stored[body["items"][4]["id"]]["textblob"]} == \
        {good[0]["textblob"], good[1]["textblob"]}
    line = [json.loads(l) for l in stack.function_log().splitlines() if '"items":5' in l][-1]
    assert (line["items"], line["created"], line["failed"], line["validationFailures"]) == (5, 2, 3, 2)


def test_a_per_item_429_succeeds_on_retry(stack):
    marker = f"throttled-{uuid.uuid4()}"
    sent = docs(5, marker)
    before = stack.stats()
    stack.fault({"items": {"1": 429, "3": 503}, "count": 1})
    try:
        answer = stack.post("/", sent)
    finally:
        stack.clear_fault()
    assert_all_created(stack, answer, sent, marker)
    after = stack.stats()
    assert after["requests"] - before["requests"] == 2, "the bulk, then one retry of the two failed items"
    assert after["faults"]["items"] - before["faults"]["items"] == 1
    line = [json.loads(l) for l in stack.function_log().splitlines() if '"items":5' in l][-1]
    assert line["retries"] == 1


def test_a_lost_answer_after_the_domain_stored_the_batch_stores_each_once(stack):
    marker = f"lost-{uuid.uuid4()}"
    sent = docs(4, marker)
    stack.fault({"drop": "after", "count": 1})
    try:
        answer = stack.post("/", sent)
    finally:
        stack.clear_fault()
    assert_all_created(stack, answer, sent, marker)


def test_a_keyed_batch_replays(stack):
    key = str(uuid.uuid4())
    marker = f"keyed-{uuid.uuid4()}"
    sent = docs(3, marker)
    status, _, first = stack.post("/", sent, headers={"Idempotency-Key": key})
    assert status == 201
    assert [i["id"] for i in first["items"]] == [str(uuid.uuid5(NAMESPACE, f"bigsurvey\n{key}\n{p}")) for p in range(3)]
    status, _, again = stack.post("/", sent, headers={"Idempotency-Key": key})
    assert status == 201
    assert [(i["status"], i.get("result")) for i in again["items"]] == [(200, "exists")] * 3
    assert again["existing"] == 3
    assert len([d for d in stack.documents().values() if d["textblob"].startswith(marker)]) == 3


@pytest.mark.parametrize("body,content_type,status,code", [
    (b"[]", "application/json", 400, "empty_batch"),
    (b"", "application/x-ndjson", 400, "empty_batch"),
    (b'[{"a":1},', "application/json", 400, "invalid_json"),
])
def test_whole_batch_refusals_write_nothing(stack, body, content_type, status, code):
    before = stack.stats()["requests"]
    got, _, answer = stack.post("/", body, content_type=content_type)
    assert (got, answer["error"]) == (status, code)
    assert stack.stats()["requests"] == before


# --- MAX_BATCH_ITEMS and hostile batches --------------------------------------------------------

@pytest.fixture(scope="module")
def big_stack(bootstrap):
    env = {"MAX_BATCH_ITEMS": "10000", "MAX_BODY_BYTES": "6291456", "ES_TIMEOUT_MS": "25000"}
    with Stack(bootstrap, function_env=env, timeout=60.0) as s:
        yield s


def test_a_batch_of_max_batch_items_and_one_more(big_stack):
    marker = f"max-{uuid.uuid4()}"
    sent = docs(10000, marker)
    assert_all_created(big_stack, big_stack.post("/", sent), sent, marker)
    before = big_stack.stats()["requests"]
    status, _, body = big_stack.post("/", [BLOG] * 10001)
    assert (status, body["error"]) == (413, "too_many_items")
    assert big_stack.stats()["requests"] == before


def test_ten_thousand_empty_objects(big_stack):
    status, headers, body = big_stack.post("/", [{}] * 10000)
    assert status == 207
    assert body["failed"] == 10000 and body["detailsTruncated"] is True
    assert all(i["error"] == "validation_failed" for i in body["items"])


def test_hostile_items_are_refused_alone_in_ndjson(big_stack):
    marker = f"hostile-{uuid.uuid4()}"
    deep = "[" * 100000 + "]" * 100000
    lines = [json.dumps(dict(BLOG, textblob=marker)), deep, '{"anumber": 1, "anumber": 2}', json.dumps(dict(BLOG, textblob=marker))]
    status, _, body = big_stack.post("/", "\n".join(lines).encode(), content_type="application/x-ndjson")
    assert status == 207
    assert [i["status"] for i in body["items"]] == [201, 400, 400, 201]
    assert [i.get("error") for i in body["items"]] == [None, "invalid_json", "invalid_json", None]
    assert "deeper" in body["items"][1]["message"] and "duplicate" in body["items"][2]["message"].lower()


def test_a_deep_or_duplicate_item_in_an_array_refuses_the_whole_array(big_stack):
    before = big_stack.stats()["requests"]
    for body in [b"[{}, " + b"[" * 100000 + b"]" * 100000 + b"]", b'[{"a": 1, "a": 2}]']:
        status, _, answer = big_stack.post("/", body)
        assert (status, answer["error"]) == (400, "invalid_json")
    assert big_stack.stats()["requests"] == before


def test_a_six_megabyte_item_and_six_megabytes_of_fragments(big_stack):
    big = dict(BLOG, textblob="x" * 6_000_000)
    status, _, body = big_stack.post("/", [big])
    assert status in (201, 207), body
    assert len(json.dumps(body)) < 100_000
    before = big_stack.stats()["requests"]
    status, _, body = big_stack.post("/", b"[" + b"[]," * 2_000_000 + b"[]]")
    assert (status, body["error"]) == (413, "too_many_items")
    assert big_stack.stats()["requests"] == before
