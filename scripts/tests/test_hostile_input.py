"""Hostile input through the built bootstrap, the emulator and the local domain, for the classes
test_end_to_end.py does not already cover (the README's "Hardening" lists every class and where
it is tested). Every refusal is checked to leave the domain untouched."""

import json
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lib"))
from esproxy_stack import Stack, http_event, wait_until  # noqa: E402

BLOG = {"agree": True, "anumber": 1, "textblob": "abc sdf", "ipaddr": "192.168.10.10"}
MAX_BODY = 1_048_576


def call(stack, event):
    """One event through the invoke endpoint: (statusCode, headers, parsed body), or
    ("function error", errorType, errorMessage) when the function reported an error."""
    status, headers, raw = stack.invoke(event)
    assert status == 200, raw
    answer = json.loads(raw)
    if headers.get("X-Amz-Function-Error"):
        return "function error", answer["errorType"], answer["errorMessage"]
    return answer["statusCode"], answer.get("headers") or {}, json.loads(answer["body"])


def refused(stack, event, status, code):
    before = stack.stats()["requests"]
    got_status, _, body = call(stack, event)
    assert (got_status, body.get("error")) == (status, code), body
    assert body["requestId"] and "127.0.0.1" not in json.dumps(body)
    assert stack.stats()["requests"] == before, "nothing reached the domain"
    return body


def stored_raw(stack, event):
    status, _, body = call(stack, event)
    assert status == 201, body
    return stack.raw_document(body["id"])


def doc(**fields):
    return json.dumps(dict(BLOG, **fields), ensure_ascii=False).encode()


# --- deep nesting --------------------------------------------------------------------------------

@pytest.mark.parametrize("depth", [257, 300, 100_000])
def test_deep_nesting_closed_is_invalid_json(stack, depth):
    body = b'{"anumber": 1, "textblob": "a", "ipaddr": "1.1.1.1", "x": ' + b"[" * depth + b"]" * depth + b"}"
    refused(stack, http_event(body=body), 400, "invalid_json")


def test_deep_nesting_of_objects_is_invalid_json(stack):
    body = b'{"a":' * 100_000 + b"1" + b"}" * 100_000
    refused(stack, http_event(body=body), 400, "invalid_json")


def test_nesting_within_the_bound_reaches_the_schema(stack):
    # 200 levels parse; the schema then refuses the unknown property (not a parse error).
    body = b'{"anumber": 1, "textblob": "a", "ipaddr": "1.1.1.1", "x": ' + b"[" * 200 + b"]" * 200 + b"}"
    refused(stack, http_event(body=body), 400, "validation_failed")


# --- huge numbers and strings --------------------------------------------------------------------

def number_doc(number):
    return b'{"anumber": ' + number.encode() + b', "textblob": "n", "ipaddr": "1.1.1.1"}'


@pytest.mark.parametrize("number", ["1e400", "-1e400", "1" * 500, "-" + "9" * 500 + "." + "9" * 500, "1e-400",
                                    "123456789012345678901234567890e99999999", "1E+100000000"],
                         ids=["1e400", "-1e400", "500-digit-integer", "1001-digit-decimal", "1e-400", "30-digits-e99999999",
                              "1E+100000000"])
def test_huge_numbers_are_stored_with_every_digit(stack, number):
    raw = stored_raw(stack, http_event(body=number_doc(number)))
    assert f'"anumber":{number}' in raw


@pytest.mark.parametrize("number", ["1e100000001", "1e-100000001", "1e" + "9" * 400],
                         ids=["1e100000001", "1e-100000001", "400-digit-exponent"])
def test_exponents_beyond_the_parsers_bound_are_invalid_json(stack, number):
    body = refused(stack, http_event(body=number_doc(number)), 400, "invalid_json")
    assert "exponent" in body["message"]


def test_a_one_megabyte_string_within_the_limit_is_stored_exactly(stack):
    text = "é" * ((MAX_BODY - 100) // 2)  # two bytes each: just under MAX_BODY_BYTES in all
    body = doc(textblob=text)
    assert len(body) <= MAX_BODY
    raw = stored_raw(stack, http_event(body=body))
    assert json.loads(raw)["textblob"] == text


def test_a_body_one_byte_over_the_default_limit_is_413(stack):
    body = doc(textblob="")
    body = body.replace(b'"textblob": ""', b'"textblob": "' + b"x" * (MAX_BODY + 1 - len(body)) + b'"')
    assert len(body) == MAX_BODY + 1
    refused(stack, http_event(body=body), 413, "payload_too_large")


# --- duplicate keys, Unicode, byte-order marks ---------------------------------------------------

@pytest.mark.parametrize("body", [
    b'{"anumber": 1, "textblob": "a", "ipaddr": "1.1.1.1", "\\u0061numb\\u0065r": 2}',  # same key, escaped
    b'{"anumber": 1, "textblob": "a", "ipaddr": "1.1.1.1", "agree": true, "agree": true}',
    b'{"anumber": 1, "textblob": "a", "ipaddr": "1.1.1.1", "x": {"k": 1, "k": 1}}',
], ids=["escaped-same-key", "same-value-twice", "nested"])
def test_duplicate_keys_are_invalid_json(stack, body):
    refused(stack, http_event(body=body), 400, "invalid_json")


@pytest.mark.parametrize("bad", [b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80", b"\xe2\x82"],
                         ids=["overlong", "encoded-surrogate", "above-U+10FFFF", "lone-continuation", "truncated"])
def test_invalid_utf8_is_invalid_json(stack, bad):
    # Overlong, encoded surrogate, above U+10FFFF, lone continuation, truncated: API Gateway sends
    # such bodies base64-encoded, and so does the emulator's HTTP front.
    body = b'{"anumber": 1, "textblob": "' + bad + b'", "ipaddr": "1.1.1.1"}'
    status, _, answer = stack.post("/", body)
    assert (status, answer["error"]) == (400, "invalid_json")
    refused(stack, http_event(body=body, base64_body=True), 400, "invalid_json")


@pytest.mark.parametrize("escape", ["\\ud800", "\\udc00", "\\ud800\\u0041"])
def test_lone_surrogate_escapes_are_invalid_json(stack, escape):
    body = b'{"anumber": 1, "textblob": "' + escape.encode() + b'", "ipaddr": "1.1.1.1"}'
    refused(stack, http_event(body=body), 400, "invalid_json")


@pytest.mark.parametrize("bom", [b"\xef\xbb\xbf", b"\xfe\xff", b"\xff\xfe"], ids=["utf-8", "utf-16be", "utf-16le"])
def test_byte_order_marks_are_invalid_json(stack, bom):
    refused(stack, http_event(body=bom + doc(), base64_body=True), 400, "invalid_json")


# --- content types -------------------------------------------------------------------------------

@pytest.mark.parametrize("ctype", ["application/jsonx", "application/json; charset=utf-16", "json",
                                   "application/json\r\nX-Injected: yes", "", "application/ json"],
                         ids=["jsonx", "utf-16", "bare-json", "crlf-injected", "empty", "space-in-type"])
def test_wrong_content_types_are_415(stack, ctype):
    refused(stack, http_event(body=doc(), headers={"content-type": ctype}), 415, "unsupported_media_type")


# --- base64 garbage ------------------------------------------------------------------------------

@pytest.mark.parametrize("garbage", ["!!not base64!!", "abc", "Zm9v=YmFy", "é", "Zm9v\x00"])
def test_base64_garbage_is_a_function_error_and_nothing_is_stored(stack, garbage):
    # API Gateway only ever sends valid base64; an event with garbage is not a client request, so
    # it is refused as a malformed event (Lambda reports it; API Gateway would answer 502).
    before = stack.stats()["requests"]
    kind, error_type, message = call(stack, http_event(raw_body=garbage, base64_body=True))
    assert (kind, error_type) == ("function error", "Runtime.InvalidBase64"), message
    assert "isBase64Encoded" in message
    assert stack.stats()["requests"] == before


# --- header injection ----------------------------------------------------------------------------

INJECTED = "yes\r\nX-Injected: 1\r\n\r\nGET /_all HTTP/1.1"


def test_crlf_in_client_headers_is_forwarded_nowhere(stack):
    requests_before = len(stack.domain_requests())
    headers = {"content-type": "application/json", "x-evil": INJECTED, "x-amz-date": INJECTED,
               "authorization": INJECTED, "host": "evil\r\nX-Injected: 1"}
    status, response_headers, body = call(stack, http_event(body=doc(textblob="crlf header"), headers=headers))
    assert status == 201, body
    seen = stack.domain_requests()[requests_before:]
    assert len(seen) == 1
    for name, value in seen[0]["headers"]:
        assert "X-Injected" not in name and "\r" not in value and "\n" not in value and "evil" not in value
    assert "authorization" in {n.lower() for n, _ in seen[0]["headers"]}, "our own signature, not theirs"
    assert stack.stats()["auth_failures"] == 0
    assert all("X-Injected" not in k and "X-Injected" not in str(v) for k, v in response_headers.items())
    assert "X-Injected" not in stack.function_log()


@pytest.mark.parametrize("log_format", ["JSON", "Text"])
def test_crlf_in_the_path_does_not_forge_log_lines(bootstrap, log_format):
    with Stack(bootstrap, function_env={"AWS_LAMBDA_LOG_FORMAT": log_format}) as s:
        path = "/nope\r\n2026-01-01T00:00:00.000Z INFO forged line\n{\"level\":\"INFO\",\"message\":\"forged\"}"
        refused(s, http_event(path=path, body=doc()), 404, "not_found")
        assert wait_until(lambda: "not_found" in s.function_log())
        lines = s.function_log().splitlines()
        assert not any(line.startswith("2026-01-01T00:00:00.000Z INFO forged") for line in lines), lines[-3:]
        assert not any(line.startswith('{"level":"INFO","message":"forged"}') for line in lines), lines[-3:]


# --- unknown routes and what the client cannot choose --------------------------------------------

@pytest.mark.parametrize("path", ["/../bigsurvey/_create/x", "/%2F", "/bigsurvey", "/_bulk", "/" + "a" * 100_000,
                                  "/\u0000", "/%00"],
                         ids=["dot-dot", "encoded-slash", "index-name", "bulk", "100kB-path", "nul", "encoded-nul"])
def test_unknown_routes_are_404(stack, path):
    refused(stack, http_event(path=path, body=doc()), 404, "not_found")


def test_query_strings_never_reach_the_domain(stack):
    before = len(stack.domain_requests())
    status, _, body = stack.post("/?refresh=true&op_type=index&pipeline=evil&routing=x", dict(BLOG, textblob="query"))
    assert status == 201, body
    seen = stack.domain_requests()[before:]
    assert [r["path"] for r in seen] == [f"/bigsurvey/_create/{body['id']}"]


# --- @timestamp spoofing -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def freeform(bootstrap):
    # A schema that allows any property: only the gateway's own check stands against a spoof.
    with tempfile.TemporaryDirectory() as d:
        Path(d, "free.json").write_text('{"type": "object"}')
        Path(d, "routes").write_text(f"POST /free -> {d}/free.json -> freeform\n")
        with Stack(bootstrap, function_env={"ROUTES_FILE": f"{d}/routes"}) as s:
            yield s


@pytest.mark.parametrize("body", [
    b'{"@timestamp": "2001-01-01T00:00:00.000Z"}',
    b'{"\\u0040timestamp": "2001-01-01T00:00:00.000Z"}',
    b'{"@timestamp": null}',
    b'{"n": 1, "@timestamp": {"nested": true}}',
], ids=["plain", "escaped-at-sign", "null", "object"])
def test_timestamp_spoofing_is_refused_even_when_the_schema_allows_it(freeform, body):
    answer = refused(freeform, http_event(path="/free", body=body), 400, "validation_failed")
    assert [d["instanceLocation"] for d in answer["details"]] == ["/@timestamp"]


def test_lookalike_timestamp_keys_are_ordinary_fields(freeform):
    # Not the same key: stored as sent, next to the gateway's own @timestamp.
    status, _, body = call(freeform, http_event(path="/free", body='{"@Timestamp": 1, "@timestamp ": 2}'.encode()))
    assert status == 201, body
    stored = freeform.documents("freeform")[body["id"]]
    assert stored["@Timestamp"] == 1 and stored["@timestamp "] == 2 and stored["@timestamp"].endswith("Z")
