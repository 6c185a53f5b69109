"""End-to-end tests of scripts/local-domain: each test starts the server on 127.0.0.1 port 0 in a
temporary directory, talks to it over real sockets (http.client, botocore-signed), and stops it."""

import datetime
import hashlib
import http.client
import json
import os
import socket
import ssl
import subprocess
import sys
import threading
from pathlib import Path
from unittest import mock

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

SCRIPT = Path(__file__).resolve().parents[1] / "local-domain"
sys.path.insert(0, str(SCRIPT.parent / "lib"))

from local_domain.api import Api  # noqa: E402
from local_domain.sigv4 import AuthFailure, Verifier  # noqa: E402
from local_domain.store import OpenSearchError, Store, field_type  # noqa: E402

KEY, SECRET, TOKEN = "AKIDTESTLOCALDOMAIN", "test-secret-key-for-local-domain", "test-session-token"
CREDS = Credentials(KEY, SECRET)


class Domain:
    """A running local-domain process and a small signing client for it."""

    def __init__(self, data, *extra, env=None):
        self.data = data
        self.proc = subprocess.Popen([sys.executable, str(SCRIPT), "--port", "0", "--data", str(data),
                                      *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, env=env)
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"local-domain did not start: {self.proc.stderr.read()}")
        self.info = json.loads(line)
        self.port = self.info["port"]
        self.creds, self.region, self.service = CREDS, "us-east-1", "es"

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
        self.log = self.proc.stderr.read()
        self.proc.stdout.close()
        self.proc.stderr.close()

    def connect(self, timeout=10):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def signed_headers(self, method, path, body=b"", headers=None, creds=None, region=None,
                       service=None, payload_header=False):
        """Headers botocore signs for this request; the signed AWSRequest is kept as `last`."""
        headers = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if body:
            headers.setdefault("Content-Type", "application/json")
        if payload_header:
            headers["X-Amz-Content-SHA256"] = hashlib.sha256(body).hexdigest()
        request = AWSRequest(method=method, url=f"http://127.0.0.1:{self.port}{path}", data=body,
                             headers=headers)
        SigV4Auth(creds or self.creds, service or self.service, region or self.region).add_auth(request)
        self.last = request
        return dict(request.headers.items())

    def call(self, method, path, body=None, sign=True, conn=None, headers=None, **signing):
        """(status, parsed JSON body, response headers); one fresh connection unless given one."""
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        body = body or b""
        if sign:
            headers = self.signed_headers(method, path, body, headers, **signing)
        own = conn is None
        conn = conn or self.connect()
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            raw = response.read()
            return response.status, (json.loads(raw) if raw else None), dict(response.getheaders())
        finally:
            if own:
                conn.close()

    def control(self, method, path, body=None):
        return self.call(method, path, body, sign=False)[:2]


@pytest.fixture
def domain(tmp_path):
    d = Domain(tmp_path / "data", "--access-key", KEY, "--secret-key", SECRET)
    yield d
    d.stop()


@pytest.fixture
def open_domain(tmp_path):
    d = Domain(tmp_path / "data", "--no-auth")
    yield d
    d.stop()


def canonical(signed, body=None, **extra_headers):
    """The canonical request of a signed AWSRequest (same X-Amz-Date), optionally with another
    body or more headers: what the domain should say a correct client signs."""
    headers = {k: v for k, v in signed.headers.items() if k.lower() != "authorization"}
    headers.update(extra_headers)
    request = AWSRequest(method=signed.method, url=signed.url,
                         data=signed.body if body is None else body, headers=headers)
    request.context["timestamp"] = signed.context["timestamp"]
    return SigV4Auth(CREDS, "es", "us-east-1").canonical_request(request)


# -- startup ----------------------------------------------------------------------------------------

def test_first_line_names_the_chosen_port(domain):
    assert domain.port > 0
    assert domain.info["url"] == f"http://127.0.0.1:{domain.port}"
    assert domain.info["auth"] is True and domain.info["access_key"] == KEY


def test_built_in_fake_credentials_are_announced(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    d = Domain(tmp_path / "data", env=env)
    try:
        assert "secret_key" in d.info
        d.creds = Credentials(d.info["access_key"], d.info["secret_key"])
        assert d.call("GET", "/")[0] == 200
    finally:
        d.stop()


def test_concurrent_writes_are_all_kept(open_domain):
    statuses = []  # list.append is atomic; assertions inside threads would not fail the test

    def writer(worker):
        conn = open_domain.connect()
        try:
            for n in range(25):
                statuses.append(open_domain.call("PUT", f"/logs/_doc/{worker}-{n}", {"n": n},
                                                 sign=False, conn=conn)[0])
        finally:
            conn.close()
    threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [201] * 100
    assert open_domain.call("GET", "/logs/_count", sign=False)[1]["count"] == 100
    lines = (open_domain.data / "logs.jsonl").read_text().splitlines()
    seq = [json.loads(line)["_seq_no"] for line in lines[1:]]
    assert sorted(seq) == list(range(100))


def test_refuses_unknown_service(tmp_path):
    result = subprocess.run([sys.executable, str(SCRIPT), "--port", "0", "--data", str(tmp_path),
                             "--service", "s3"], capture_output=True, text=True, timeout=30)
    assert result.returncode != 0 and "invalid choice" in result.stderr


def test_credentials_come_from_the_environment(tmp_path):
    env = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDFROMENV", AWS_SECRET_ACCESS_KEY="env-secret")
    env.pop("AWS_SESSION_TOKEN", None)
    d = Domain(tmp_path / "data", env=env)
    try:
        assert d.info["access_key"] == "AKIDFROMENV"
        d.creds = Credentials("AKIDFROMENV", "env-secret")
        assert d.call("GET", "/")[0] == 200
        d.creds = CREDS
        assert d.call("GET", "/")[0] == 403
    finally:
        d.stop()


# -- SigV4 ------------------------------------------------------------------------------------------

def test_signed_put_is_accepted(domain):
    status, answer, _ = domain.call("PUT", "/logs/_doc/1", {"message": "hi"})
    assert status == 201, answer
    assert answer["result"] == "created"


def test_signed_requests_with_query_and_encoded_path_are_accepted(domain):
    assert domain.call("PUT", "/logs/_doc/a%20b%2Fc", {"n": 1})[0] == 201
    status, answer, _ = domain.call("GET", "/logs/_doc/a%20b%2Fc")
    assert status == 200 and answer["_id"] == "a b/c"
    status, answer, _ = domain.call("GET", "/logs/_search?size=1&from=0&q=a%20b")
    assert status == 200 and answer["hits"]["total"]["value"] == 1


def test_signed_user_agent_header_is_honoured(domain):
    # botocore never signs User-Agent itself, but a client may: the check must use exactly the
    # headers the client names in SignedHeaders.
    class SignEverything(SigV4Auth):
        def headers_to_sign(self, req):
            return {k.lower(): v for k, v in req.headers.items()}

        def canonical_headers(self, headers):
            return "\n".join(f"{k}:{headers[k]}" for k in sorted(headers))

    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    headers = {"Host": f"127.0.0.1:{domain.port}", "User-Agent": "curl/8", "X-Amz-Date": stamp}
    request = AWSRequest(method="GET", url=f"http://127.0.0.1:{domain.port}/", headers=headers)
    request.context["timestamp"] = stamp
    signer = SignEverything(CREDS, "es", "us-east-1")
    canonical = signer.canonical_request(request)
    assert "\nhost;user-agent;x-amz-date\n" in canonical
    signature = signer.signature(signer.string_to_sign(request, canonical), request)
    headers["Authorization"] = (f"AWS4-HMAC-SHA256 Credential={KEY}/{stamp[:8]}/us-east-1/es/"
                                f"aws4_request, SignedHeaders=host;user-agent;x-amz-date, "
                                f"Signature={signature}")
    assert domain.call("GET", "/", sign=False, headers=headers)[0] == 200
    headers["User-Agent"] = "curl/9"
    assert domain.call("GET", "/", sign=False, headers=headers)[0] == 403


def test_missing_authorization_is_refused(domain):
    status, answer, headers = domain.call("GET", "/", sign=False)
    assert status == 403
    assert answer == {"message": "Missing Authentication Token"}
    assert headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException"


def assert_signature_mismatch(status, answer, canonical=None):
    assert status == 403, answer
    message = answer["message"]
    assert message.startswith("The request signature we calculated does not match the signature "
                              "you provided.")
    assert "The Canonical String for this request should have been\n'" in message
    assert "The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n" in message
    if canonical is not None:
        assert f"should have been\n'{canonical}'\n" in message
    return message


def test_tampered_signature_is_refused_with_canonical_request(domain):
    body = json.dumps({"n": 1}).encode()
    headers = domain.signed_headers("PUT", "/logs/_doc/1", body)
    last = headers["Authorization"][-1]
    headers["Authorization"] = headers["Authorization"][:-1] + ("0" if last != "0" else "1")
    status, answer, _ = domain.call("PUT", "/logs/_doc/1", body, sign=False, headers=headers)
    assert_signature_mismatch(status, answer, canonical(domain.last))
    assert domain.control("GET", "/_stats")[1]["auth_failures"] == 1
    assert domain.call("GET", "/logs/_count")[0] == 404  # nothing was written


def test_tampered_body_is_refused(domain):
    headers = domain.signed_headers("PUT", "/logs/_doc/1", b'{"n": 1}')
    status, answer, _ = domain.call("PUT", "/logs/_doc/1", b'{"n": 2}', sign=False, headers=headers)
    assert_signature_mismatch(status, answer, canonical(domain.last, body=b'{"n": 2}'))


def test_wrong_secret_is_refused(domain):
    status, answer, _ = domain.call("PUT", "/logs/_doc/1", b'{"n": 1}', creds=Credentials(KEY, "wrong"))
    assert_signature_mismatch(status, answer, canonical(domain.last))


def test_wrong_region_is_refused(domain):
    status, answer, _ = domain.call("GET", "/", region="eu-west-1")
    message = assert_signature_mismatch(status, answer, canonical(domain.last))
    assert "/us-east-1/es/aws4_request\n" in message


def test_wrong_service_is_refused(domain):
    status, answer, _ = domain.call("GET", "/", service="aoss")
    message = assert_signature_mismatch(status, answer, canonical(domain.last))
    assert "/us-east-1/es/aws4_request\n" in message


def test_unknown_access_key_is_refused(domain):
    status, answer, headers = domain.call("GET", "/", creds=Credentials("AKIDOTHER", SECRET))
    assert status == 403
    assert answer == {"message": "The security token included in the request is invalid."}
    assert headers["x-amzn-ErrorType"] == "UnrecognizedClientException"


def test_expired_signature_is_refused(domain):
    old = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) - datetime.timedelta(hours=1)
    with mock.patch("botocore.auth.get_current_datetime", return_value=old):
        status, answer, _ = domain.call("GET", "/")
    assert status == 403
    assert answer["message"].startswith("Signature expired: " + old.strftime("%Y%m%dT%H%M%SZ"))


def test_malformed_authorization_is_refused(domain):
    headers = {"Authorization": "AWS4-HMAC-SHA256 Credential=x", "X-Amz-Date": "20260101T000000Z"}
    status, answer, _ = domain.call("GET", "/", sign=False, headers=headers)
    assert status == 403
    assert "requires 'Signature' parameter" in answer["message"]


def test_bad_payload_hash_is_refused(domain):
    body, other = b'{"n": 1}', b'{"n": 2}'
    headers = domain.signed_headers("PUT", "/logs/_doc/1", body, payload_header=True)
    assert headers["X-Amz-Content-SHA256"] == hashlib.sha256(body).hexdigest()
    status, answer, _ = domain.call("PUT", "/logs/_doc/1", other, sign=False, headers=headers)
    # What a correct client signs for this body: the header carrying the real hash of it.
    real = hashlib.sha256(other).hexdigest()
    expected = canonical(domain.last, body=other, **{"X-Amz-Content-SHA256": real})
    assert expected.endswith("\n" + real)
    message = assert_signature_mismatch(status, answer, expected)
    assert f"x-amz-content-sha256:{real}" in message


def test_good_payload_hash_is_accepted(domain):
    assert domain.call("PUT", "/logs/_doc/1", b'{"n": 1}', payload_header=True)[0] == 201


@pytest.fixture
def token_domain(tmp_path):
    d = Domain(tmp_path / "data", "--access-key", KEY, "--secret-key", SECRET, "--session-token", TOKEN)
    d.creds = Credentials(KEY, SECRET, TOKEN)
    yield d
    d.stop()


def test_session_token_is_accepted_when_signed(token_domain):
    status, _, _ = token_domain.call("GET", "/")
    assert status == 200


def test_missing_session_token_is_refused_with_canonical_request(token_domain):
    status, answer, _ = token_domain.call("GET", "/", creds=CREDS)
    assert "X-Amz-Security-Token" not in token_domain.last.headers
    expected = canonical(token_domain.last, **{"X-Amz-Security-Token": TOKEN})
    message = assert_signature_mismatch(status, answer, expected)
    assert f"x-amz-security-token:{TOKEN}\n" in message
    assert "host;x-amz-date;x-amz-security-token\n" in message


def test_wrong_session_token_is_refused(token_domain):
    status, answer, _ = token_domain.call("GET", "/", creds=Credentials(KEY, SECRET, "other-token"))
    assert status == 403
    assert answer["message"] == "The security token included in the request is invalid."


def test_token_sent_to_a_domain_without_one_is_refused(domain):
    status, answer, _ = domain.call("GET", "/", creds=Credentials(KEY, SECRET, TOKEN))
    assert status == 403 and "security token" in answer["message"]


def test_aoss_requires_payload_hash(tmp_path):
    d = Domain(tmp_path / "data", "--access-key", KEY, "--secret-key", SECRET, "--service", "aoss")
    d.service = "aoss"
    try:
        body = b'{"n": 1}'
        status, answer, _ = d.call("PUT", "/logs/_doc/1", body)
        expected = canonical(d.last, **{"X-Amz-Content-SHA256": hashlib.sha256(body).hexdigest()})
        assert_signature_mismatch(status, answer, expected)
        assert d.call("PUT", "/logs/_doc/1", body, payload_header=True)[0] == 201
    finally:
        d.stop()


def test_no_auth_accepts_unsigned_requests(open_domain):
    assert open_domain.info["auth"] is False
    assert open_domain.call("PUT", "/logs/_doc/1", {"n": 1}, sign=False)[0] == 201


def test_control_endpoints_skip_auth(domain):
    assert domain.control("GET", "/_stats")[0] == 200
    assert domain.control("POST", "/_fault", {"status": 503})[0] == 200
    assert domain.control("DELETE", "/_fault")[0] == 200


# -- document API shapes ----------------------------------------------------------------------------

def test_cluster_info(domain):
    status, answer, headers = domain.call("GET", "/")
    assert status == 200
    assert answer["version"]["distribution"] == "opensearch"
    assert answer["version"]["number"].startswith("2.")
    assert headers["Content-Type"].startswith("application/json")


def test_index_document_created_then_updated(domain):
    status, answer, _ = domain.call("PUT", "/logs/_doc/7", {"n": 1})
    assert status == 201
    assert answer == {"_index": "logs", "_id": "7", "_version": 1, "result": "created",
                      "_shards": {"total": 2, "successful": 1, "failed": 0}, "_seq_no": 0,
                      "_primary_term": 1}
    status, answer, _ = domain.call("POST", "/logs/_doc/7", {"n": 2})
    assert status == 200
    assert (answer["result"], answer["_version"], answer["_seq_no"]) == ("updated", 2, 1)


def test_post_without_id_makes_one(domain):
    ids = set()
    for n in range(3):
        status, answer, _ = domain.call("POST", "/logs/_doc", {"n": n})
        assert status == 201 and answer["result"] == "created"
        assert len(answer["_id"]) == 20
        ids.add(answer["_id"])
    assert len(ids) == 3
    assert domain.call("GET", "/logs/_count")[1]["count"] == 3


def test_put_without_id_is_405(domain):
    status, answer, headers = domain.call("PUT", "/logs/_doc", {"n": 1})
    assert status == 405
    assert "allowed: [POST]" in answer["error"] and headers["Allow"] == "POST"


def test_create_twice_conflicts(domain):
    assert domain.call("PUT", "/logs/_create/x", {"n": 1})[0] == 201
    status, answer, _ = domain.call("POST", "/logs/_create/x", {"n": 2})
    assert status == 409
    error = answer["error"]
    assert answer["status"] == 409
    assert error["type"] == "version_conflict_engine_exception"
    assert error["reason"] == "[x]: version conflict, document already exists (current version [1])"
    assert error["root_cause"][0]["type"] == "version_conflict_engine_exception"
    assert (error["index"], error["shard"]) == ("logs", "0") and error["index_uuid"]
    assert domain.call("GET", "/logs/_doc/x")[1]["_source"] == {"n": 1}
    assert domain.call("PUT", "/logs/_doc/x?op_type=create", {"n": 3})[0] == 409


def test_get_document(domain):
    domain.call("PUT", "/logs/_doc/1", {"msg": "a"})
    status, answer, _ = domain.call("GET", "/logs/_doc/1")
    assert status == 200
    assert answer == {"_index": "logs", "_id": "1", "_version": 1, "_seq_no": 0, "_primary_term": 1,
                      "found": True, "_source": {"msg": "a"}}
    status, answer, _ = domain.call("GET", "/logs/_doc/2")
    assert status == 404 and answer == {"_index": "logs", "_id": "2", "found": False}
    status, answer, _ = domain.call("GET", "/nothing/_doc/1")
    assert status == 404 and answer["error"]["type"] == "index_not_found_exception"


def test_delete_document(domain):
    domain.call("PUT", "/logs/_doc/1", {"msg": "a"})
    status, answer, _ = domain.call("DELETE", "/logs/_doc/1")
    assert status == 200 and answer["result"] == "deleted" and answer["_version"] == 2
    assert domain.call("GET", "/logs/_doc/1")[0] == 404
    status, answer, _ = domain.call("DELETE", "/logs/_doc/1")
    assert status == 404 and answer["result"] == "not_found"
    assert domain.call("PUT", "/logs/_doc/1", {"msg": "b"})[1]["_version"] == 4


def test_search_newest_first_with_sizes(domain):
    for n in range(12):
        domain.call("PUT", f"/logs/_doc/d{n}", {"n": n})
    domain.call("PUT", "/logs/_doc/d3", {"n": 33})  # an update makes d3 the newest
    status, answer, _ = domain.call("GET", "/logs/_search")
    assert status == 200
    assert answer["timed_out"] is False and answer["_shards"]["failed"] == 0
    hits = answer["hits"]
    assert hits["total"] == {"value": 12, "relation": "eq"}
    assert [h["_id"] for h in hits["hits"]] == ["d3", "d11", "d10", "d9", "d8", "d7", "d6", "d5",
                                                "d4", "d2"]
    assert hits["hits"][0] == {"_index": "logs", "_id": "d3", "_score": 1.0, "_source": {"n": 33}}
    assert len(domain.call("GET", "/logs/_search?size=3")[1]["hits"]["hits"]) == 3
    answer = domain.call("POST", "/logs/_search", {"size": 2, "query": {"match_all": {}}})[1]
    assert [h["_id"] for h in answer["hits"]["hits"]] == ["d3", "d11"]
    answer = domain.call("GET", "/logs/_search?size=2&from=1")[1]
    assert [h["_id"] for h in answer["hits"]["hits"]] == ["d11", "d10"]
    assert domain.call("GET", "/_search?size=100")[1]["hits"]["total"]["value"] == 12


def test_search_errors(domain):
    status, answer, _ = domain.call("GET", "/missing/_search")
    assert status == 404 and answer["error"]["type"] == "index_not_found_exception"
    domain.call("PUT", "/logs/_doc/1", {"n": 1})
    status, answer, _ = domain.call("GET", "/logs/_search?size=abc")
    assert status == 400 and answer["error"]["type"] == "illegal_argument_exception"
    status, answer, _ = domain.call("POST", "/logs/_search", b"{not json")
    assert status == 400 and answer["error"]["type"] == "parse_exception"
    status, answer, _ = domain.call("GET", "/logs/_search?size=-1")
    assert status == 400


def test_count(domain):
    assert domain.call("GET", "/logs/_count")[0] == 404
    for n in range(4):
        domain.call("PUT", f"/logs/_doc/{n}", {"n": n})
    domain.call("DELETE", "/logs/_doc/0")
    status, answer, _ = domain.call("GET", "/logs/_count")
    assert status == 200
    assert answer == {"count": 3, "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0}}


def ndjson(*lines):
    return "".join(json.dumps(line) + "\n" for line in lines).encode()


def test_bulk(domain):
    domain.call("PUT", "/logs/_doc/taken", {"n": 0})
    body = ndjson({"index": {"_id": "a"}}, {"n": 1},
                  {"create": {"_id": "taken"}}, {"n": 2},
                  {"create": {"_index": "other"}}, {"n": 3},
                  {"delete": {"_id": "a"}},
                  {"index": {"_id": "b"}}, {"n": "not a number"})
    status, answer, _ = domain.call("POST", "/logs/_bulk", body,
                                    headers={"Content-Type": "application/x-ndjson"})
    assert status == 200
    assert answer["errors"] is True and isinstance(answer["took"], int)
    items = answer["items"]
    assert [next(iter(i)) for i in items] == ["index", "create", "create", "delete", "index"]
    assert items[0]["index"] == {"_index": "logs", "_id": "a", "_version": 1, "result": "created",
                                 "_shards": {"total": 2, "successful": 1, "failed": 0},
                                 "_seq_no": 1, "_primary_term": 1, "status": 201}
    assert items[1]["create"]["status"] == 409
    assert items[1]["create"]["error"]["type"] == "version_conflict_engine_exception"
    assert items[2]["create"]["status"] == 201 and items[2]["create"]["_index"] == "other"
    assert items[3]["delete"]["result"] == "deleted" and items[3]["delete"]["status"] == 200
    assert items[4]["index"]["status"] == 400
    assert items[4]["index"]["error"]["type"] == "mapper_parsing_exception"
    assert domain.call("GET", "/logs/_count")[1]["count"] == 1
    assert domain.call("GET", "/other/_count")[1]["count"] == 1


def test_bulk_without_errors_and_top_level_errors(domain):
    status, answer, _ = domain.call("POST", "/_bulk", ndjson({"index": {"_index": "logs"}}, {"n": 1}))
    assert status == 200 and answer["errors"] is False
    status, answer, _ = domain.call("POST", "/_bulk", b'{"index":{"_index":"logs"}}\n{"n":1}')
    assert status == 400 and "terminated by a newline" in answer["error"]["reason"]
    status, answer, _ = domain.call("POST", "/_bulk", ndjson({"explode": {}}))
    assert status == 400 and "Malformed action/metadata line [1]" in answer["error"]["reason"]


def test_invalid_json_is_mapper_parsing_exception(domain):
    status, answer, _ = domain.call("PUT", "/logs/_doc/1", b'{"n": ')
    assert status == 400
    assert answer["error"]["type"] == "mapper_parsing_exception"
    assert answer["error"]["root_cause"][0]["type"] == "mapper_parsing_exception"
    assert answer["status"] == 400
    status, answer, _ = domain.call("PUT", "/logs/_doc/1", b'[1, 2]')
    assert status == 400 and answer["error"]["type"] == "mapper_parsing_exception"
    status, answer, _ = domain.call("PUT", "/logs/_doc/1", b"")
    assert status == 400 and answer["error"]["type"] == "parse_exception"


def test_field_type_change_is_mapper_parsing_exception(domain):
    assert domain.call("PUT", "/logs/_doc/1", {"anumber": 1, "tags": ["a"], "empty": None})[0] == 201
    assert domain.call("PUT", "/logs/_doc/2", {"anumber": 2.5, "tags": "b", "empty": "now text"})[0] == 201
    status, answer, _ = domain.call("PUT", "/logs/_doc/3", {"anumber": "one"})
    assert status == 400
    assert answer["error"]["type"] == "mapper_parsing_exception"
    assert "failed to parse field [anumber] of type [long]" in answer["error"]["reason"]
    status, answer, _ = domain.call("PUT", "/logs/_doc/3", {"tags": {"nested": True}})
    assert status == 400
    assert domain.call("GET", "/logs/_doc/3")[0] == 404
    # Mappings are per index.
    assert domain.call("PUT", "/other/_doc/3", {"anumber": "one"})[0] == 201


@pytest.mark.parametrize("name,why", [("Logs", "must be lowercase"),
                                      ("_logs", "must not start with '_', '-', or '+'"),
                                      ("-logs", "must not start with"),
                                      ("lo*gs", "must not contain the following characters"),
                                      ("lo%3Ags", "must not contain ':'"),
                                      ("..", "must not be '.' or '..'")])
def test_invalid_index_names(domain, name, why):
    status, answer, _ = domain.call("PUT", f"/{name}/_doc/1", {"n": 1})
    assert status == 400, answer
    assert answer["error"]["type"] == "invalid_index_name_exception"
    assert why in answer["error"]["reason"]


def test_unknown_routes(domain):
    status, answer, _ = domain.call("GET", "/logs/_frobnicate")
    assert status == 400
    assert answer["error"] == "no handler found for uri [/logs/_frobnicate] and method [GET]"
    status, answer, headers = domain.call("PATCH", "/logs/_doc/1")
    assert status == 405
    assert headers["Allow"] == "DELETE,GET,HEAD,POST,PUT"
    status, answer, _ = domain.call("GET", "/nope")
    assert status == 404 and answer["error"]["type"] == "index_not_found_exception"


def test_index_create_get_delete(domain):
    status, answer, _ = domain.call("PUT", "/fresh")
    assert status == 200 and answer == {"acknowledged": True, "shards_acknowledged": True,
                                        "index": "fresh"}
    assert domain.call("PUT", "/fresh")[1]["error"]["type"] == "resource_already_exists_exception"
    domain.call("PUT", "/fresh/_doc/1", {"n": 1, "s": "x"})
    props = domain.call("GET", "/fresh")[1]["fresh"]["mappings"]["properties"]
    assert props["n"] == {"type": "long"} and props["s"]["type"] == "text"
    assert domain.call("DELETE", "/fresh")[1] == {"acknowledged": True}
    assert domain.call("GET", "/fresh/_count")[0] == 404
    assert not (domain.data / "fresh.jsonl").exists()


# -- persistence ------------------------------------------------------------------------------------

@pytest.mark.parametrize("fsync", [True, False])
def test_fsync_per_write_unless_turned_off(tmp_path, fsync):
    store = Store(str(tmp_path), fsync=fsync)
    with mock.patch("local_domain.store.os.fsync") as synced:
        store.write("logs", "a", {"n": 1})
        store.write("logs", "b", {"n": 2})
    store.close()
    assert synced.call_count == (3 if fsync else 0)  # create_index, then one per write
    assert [d for d, _ in Store(str(tmp_path)).indices["logs"].live()] == ["a", "b"]


def test_no_fsync_option_still_persists(tmp_path):
    args = ("--access-key", KEY, "--secret-key", SECRET)
    first = Domain(tmp_path / "data", *args, "--no-fsync")
    try:
        assert first.call("PUT", "/logs/_doc/1", {"n": 1})[0] == 201
    finally:
        first.stop()
    second = Domain(tmp_path / "data", *args)
    try:
        assert second.call("GET", "/logs/_doc/1")[1]["_source"] == {"n": 1}
    finally:
        second.stop()


def test_documents_survive_a_restart(tmp_path):
    args = ("--access-key", KEY, "--secret-key", SECRET)
    first = Domain(tmp_path / "data", *args)
    try:
        for n in range(3):
            first.call("PUT", f"/logs/_doc/{n}", {"n": n})
        first.call("PUT", "/logs/_doc/1", {"n": 11})
        first.call("DELETE", "/logs/_doc/2")
        first.call("POST", "/_bulk", ndjson({"index": {"_index": "other", "_id": "z"}}, {"s": "x"}))
        before = first.call("GET", "/logs/_search")[1]["hits"]
    finally:
        first.stop()
    second = Domain(tmp_path / "data", *args)
    try:
        after = second.call("GET", "/logs/_search")[1]["hits"]
        assert after == before
        assert [h["_id"] for h in after["hits"]] == ["1", "0"]
        assert second.call("GET", "/logs/_doc/1")[1]["_version"] == 2
        assert second.call("GET", "/other/_doc/z")[1]["_source"] == {"s": "x"}
        # Versions, sequence numbers and learned field types carry on.
        status, answer, _ = second.call("PUT", "/logs/_doc/2", {"n": 2})
        assert (status, answer["_version"], answer["_seq_no"]) == (201, 3, 5)
        assert second.call("PUT", "/logs/_doc/9", {"n": "text now"})[0] == 400
        assert second.call("PUT", "/logs/_create/0", {"n": 0})[0] == 409
    finally:
        second.stop()


def test_torn_last_line_is_skipped_on_load(tmp_path):
    first = Domain(tmp_path / "data", "--no-auth")
    try:
        first.call("PUT", "/logs/_doc/1", {"n": 1}, sign=False)
    finally:
        first.stop()
    with open(tmp_path / "data" / "logs.jsonl", "a") as f:
        f.write('{"op":"index","_id":"2","_ver')
    second = Domain(tmp_path / "data", "--no-auth")
    try:
        assert second.call("GET", "/logs/_count", sign=False)[1]["count"] == 1
    finally:
        second.stop()
    assert "skipping a line that is not JSON" in second.log


def test_writes_are_on_disk_before_the_answer(open_domain):
    open_domain.call("PUT", "/logs/_doc/1", {"n": 1}, sign=False)
    lines = (open_domain.data / "logs.jsonl").read_text().splitlines()
    assert json.loads(lines[-1])["_source"] == {"n": 1}


# -- TLS --------------------------------------------------------------------------------------------

@pytest.fixture
def tls_domain(tmp_path):
    d = Domain(tmp_path / "data", "--tls", "--no-auth")
    yield d
    d.stop()


def test_tls_with_generated_ca(tls_domain):
    assert tls_domain.info["url"] == f"https://127.0.0.1:{tls_domain.port}"
    context = ssl.create_default_context(cafile=tls_domain.info["ca"])
    for host in ("127.0.0.1", "localhost"):
        conn = http.client.HTTPSConnection(host, tls_domain.port, context=context, timeout=10)
        try:
            conn.request("GET", "/")
            response = conn.getresponse()
            assert response.status == 200
            assert json.loads(response.read())["version"]["distribution"] == "opensearch"
        finally:
            conn.close()


def test_tls_with_system_cas_fails(tls_domain):
    conn = http.client.HTTPSConnection("127.0.0.1", tls_domain.port,
                                       context=ssl.create_default_context(), timeout=10)
    with pytest.raises(ssl.SSLCertVerificationError):
        conn.request("GET", "/")
    conn.close()
    # The failed handshake must not take the server down.
    context = ssl.create_default_context(cafile=tls_domain.info["ca"])
    conn = http.client.HTTPSConnection("127.0.0.1", tls_domain.port, context=context, timeout=10)
    conn.request("GET", "/")
    assert conn.getresponse().status == 200
    conn.close()


def test_tls_signed_requests(tmp_path):
    d = Domain(tmp_path / "data", "--tls", "--access-key", KEY, "--secret-key", SECRET)
    try:
        body = b'{"n": 1}'
        headers = d.signed_headers("PUT", "/logs/_doc/1", body)
        context = ssl.create_default_context(cafile=d.info["ca"])
        conn = http.client.HTTPSConnection("127.0.0.1", d.port, context=context, timeout=10)
        conn.request("PUT", "/logs/_doc/1", body=body, headers=headers)
        assert conn.getresponse().status == 201
        conn.close()
    finally:
        d.stop()


# -- fault injection --------------------------------------------------------------------------------

def test_status_fault_fails_the_next_requests(domain):
    status, answer = domain.control("POST", "/_fault", {"status": 503, "count": 2})
    assert status == 200 and answer["fault"] == {"status": 503, "count": 2}
    for _ in range(2):
        status, answer, _ = domain.call("PUT", "/logs/_doc/1", {"n": 1})
        assert status == 503
        assert answer["status"] == 503 and answer["error"]["root_cause"][0]["type"]
    assert domain.control("GET", "/_fault")[1] == {"fault": None}
    assert domain.call("GET", "/logs/_count")[0] == 404  # the failed writes did nothing
    assert domain.call("PUT", "/logs/_doc/1", {"n": 1})[0] == 201
    assert domain.control("GET", "/_stats")[1]["faults"]["status"] == 2


def test_status_fault_answers_before_auth(domain):
    domain.control("POST", "/_fault", {"status": 429})
    status, answer, _ = domain.call("GET", "/", sign=False)
    assert status == 429 and answer["error"]["type"] == "es_rejected_execution_exception"
    assert domain.call("GET", "/", sign=False)[0] == 403


def test_drop_before_closes_without_doing_anything(domain):
    domain.control("POST", "/_fault", {"drop": "before", "count": 1})
    with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)):
        domain.call("PUT", "/logs/_doc/1", {"n": 1})
    assert domain.call("GET", "/logs/_doc/1")[0] == 404
    stats = domain.control("GET", "/_stats")[1]
    assert stats["faults"]["drop_before"] == 1
    assert stats["requests"] == 1  # only the GET above was read


def test_drop_after_performs_the_write_but_never_answers(domain):
    domain.control("POST", "/_fault", {"drop": "after", "count": 2})
    for n in range(2):
        with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
            domain.call("PUT", f"/logs/_doc/{n}", {"n": n})
    status, answer, _ = domain.call("GET", "/logs/_search")
    assert status == 200
    assert sorted(h["_id"] for h in answer["hits"]["hits"]) == ["0", "1"]
    assert domain.control("GET", "/_stats")[1]["faults"]["drop_after"] == 2


def test_drop_on_a_kept_alive_connection(open_domain):
    conn = open_domain.connect()
    try:
        assert open_domain.call("GET", "/", sign=False, conn=conn)[0] == 200
        open_domain.control("POST", "/_fault", {"drop": "after"})
        with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
            open_domain.call("PUT", "/logs/_doc/1", {"n": 1}, sign=False, conn=conn)
    finally:
        conn.close()
    assert open_domain.call("GET", "/logs/_doc/1", sign=False)[1]["found"] is True


def test_latency_fault_delays_but_answers(domain):
    domain.control("POST", "/_fault", {"latency_ms": 50, "count": 1})
    assert domain.call("PUT", "/logs/_doc/1", {"n": 1})[0] == 201
    assert domain.control("GET", "/_fault")[1] == {"fault": None}
    assert domain.control("GET", "/_stats")[1]["faults"]["latency"] == 1


def test_latency_with_status(domain):
    domain.control("POST", "/_fault", {"latency_ms": 10, "status": 500, "count": 1})
    assert domain.call("GET", "/")[0] == 500
    faults = domain.control("GET", "/_stats")[1]["faults"]
    assert (faults["latency"], faults["status"]) == (1, 1)


def test_delete_fault_clears(domain):
    domain.control("POST", "/_fault", {"status": 503, "count": 5})
    assert domain.call("GET", "/")[0] == 503
    assert domain.control("GET", "/_fault")[1] == {"fault": {"status": 503, "count": 4}}
    assert domain.control("DELETE", "/_fault") == (200, {"acknowledged": True})
    assert domain.call("GET", "/")[0] == 200


@pytest.mark.parametrize("body", [{}, {"status": 200}, {"status": 503, "drop": "after"},
                                  {"drop": "sideways"}, {"latency_ms": -1}, {"status": 503, "count": 0},
                                  {"status": 503, "colour": "red"}, [1]])
def test_bad_fault_bodies_are_refused(domain, body):
    status, answer = domain.control("POST", "/_fault", body)
    assert status == 400 and "bad /_fault body" in answer["error"]["reason"]
    assert domain.control("GET", "/_fault")[1] == {"fault": None}


def test_control_requests_are_never_faulted(domain):
    domain.control("POST", "/_fault", {"drop": "before", "count": 3})
    assert domain.control("GET", "/_stats")[0] == 200
    assert domain.control("GET", "/_fault")[1]["fault"]["count"] == 3


# -- connection statistics --------------------------------------------------------------------------

def test_stats_count_connections_over_keep_alive(domain):
    control = domain.connect()
    try:
        assert domain.call("DELETE", "/_stats", sign=False, conn=control)[0] == 200
        conn = domain.connect()
        try:
            for n in range(5):
                assert domain.call("PUT", f"/logs/_doc/{n}", {"n": n}, conn=conn)[0] == 201
            # Error answers keep the connection open too.
            assert domain.call("GET", "/logs/_doc/missing", conn=conn)[0] == 404
            assert domain.call("GET", "/", sign=False, conn=conn)[0] == 403
        finally:
            conn.close()
        stats = domain.call("GET", "/_stats", sign=False, conn=control)[1]
        assert (stats["connections"], stats["requests"], stats["auth_failures"]) == (1, 7, 1)
        for _ in range(3):
            domain.call("GET", "/")
        stats = domain.call("GET", "/_stats", sign=False, conn=control)[1]
        assert (stats["connections"], stats["requests"]) == (4, 10)
        assert stats["control_requests"] == 2
    finally:
        control.close()


def test_connection_close_is_honoured(open_domain):
    conn = open_domain.connect()
    try:
        status, _, headers = open_domain.call("GET", "/", sign=False, conn=conn,
                                              headers={"Connection": "close"})
        assert status == 200 and headers["Connection"] == "close"
    finally:
        conn.close()


def test_chunked_request_body(open_domain):
    sock = socket.create_connection(("127.0.0.1", open_domain.port), timeout=10)
    try:
        body = b'{"n": 1}'
        sock.sendall(b"PUT /logs/_doc/1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                     b"Connection: close\r\n\r\n" + f"{len(body):x}\r\n".encode() + body
                     + b"\r\n0\r\n\r\n")
        reply = b""
        while chunk := sock.recv(4096):
            reply += chunk
    finally:
        sock.close()
    assert reply.startswith(b"HTTP/1.1 201 ")
    assert open_domain.call("GET", "/logs/_doc/1", sign=False)[1]["_source"] == {"n": 1}


def test_one_log_line_per_request(tmp_path):
    d = Domain(tmp_path / "data", "--no-auth")
    try:
        d.call("GET", "/", sign=False)
        d.call("PUT", "/logs/_doc/1", {"n": 1}, sign=False)
    finally:
        d.stop()
    lines = [line for line in d.log.splitlines() if " GET / " in line or " PUT /logs/_doc/1 " in line]
    assert len(lines) == 2
    assert " 200 " in lines[0] and " 201 " in lines[1]


# -- pure cores, no sockets -------------------------------------------------------------------------

def signed_at(when, method="GET", path="/", body=b""):
    """Headers of a request botocore signs at `when` (a UTC datetime)."""
    request = AWSRequest(method=method, url=f"http://127.0.0.1:9200{path}", data=body,
                         headers={"Host": "127.0.0.1:9200"})
    with mock.patch("botocore.auth.get_current_datetime", return_value=when):
        SigV4Auth(CREDS, "es", "us-east-1").add_auth(request)
    return {k.lower(): v for k, v in request.headers.items()}


def test_verifier_clock_window():
    when = datetime.datetime(2026, 1, 2, 3, 4, 5)
    now = when.replace(tzinfo=datetime.timezone.utc).timestamp()
    headers = signed_at(when)
    for offset in (-14 * 60, 0, 14 * 60):
        Verifier(KEY, SECRET, None, "us-east-1", "es", clock=lambda: now + offset).verify(
            "GET", "/", "", headers, b"")
    with pytest.raises(AuthFailure, match="Signature not yet current: 20260102T030405Z"):
        Verifier(KEY, SECRET, None, "us-east-1", "es", clock=lambda: now - 16 * 60).verify(
            "GET", "/", "", headers, b"")
    with pytest.raises(AuthFailure, match="Signature expired: 20260102T030405Z"):
        Verifier(KEY, SECRET, None, "us-east-1", "es", clock=lambda: now + 16 * 60).verify(
            "GET", "/", "", headers, b"")


def test_verifier_checks_path_and_query():
    when = datetime.datetime(2026, 1, 2, 3, 4, 5)
    verifier = Verifier(KEY, SECRET, None, "us-east-1", "es",
                        clock=lambda: when.replace(tzinfo=datetime.timezone.utc).timestamp())
    headers = signed_at(when, path="/logs/_search?size=1")
    verifier.verify("GET", "/logs/_search", "size=1", headers, b"")
    with pytest.raises(AuthFailure, match="should have been\n'GET\n/logs/_search\nsize=2\n"):
        verifier.verify("GET", "/logs/_search", "size=2", headers, b"")
    with pytest.raises(AuthFailure, match="does not match"):
        verifier.verify("GET", "/logs/_count", "size=1", headers, b"")


def test_field_types():
    assert [field_type(v) for v in (1, 1.5, "a", True, {"a": 1}, None, [], [None, 2], ["x"])] == \
        ["long", "float", "text", "boolean", "object", None, None, "long", "text"]


def test_api_routes_without_sockets(tmp_path):
    api = Api(Store(str(tmp_path)))
    assert api.handle("PUT", "/logs/_doc/1", {}, b'{"n": 1}')[0] == 201
    assert api.handle("GET", "/logs/_count", {}, b"")[1]["count"] == 1
    status, answer, headers = api.handle("DELETE", "/logs/_search", {}, b"")
    assert status == 405 and headers["Allow"] == "GET,POST"
    assert api.handle("GET", "/a/b/c/d", {}, b"")[0] == 400
    with pytest.raises(OpenSearchError, match="must not contain control characters") as caught:
        api.handle("PUT", "/lo%01gs/_doc/1", {}, b'{"n": 1}')
    assert caught.value.status == 400
    assert not any(name.startswith("lo") and name != "logs.jsonl" for name in os.listdir(tmp_path))


# -- index templates and explicit mappings ------------------------------------------------------
# What OpenSearch does, from its documentation (expected values below come from these pages):
# templates https://docs.opensearch.org/latest/im-plugin/index-templates/ ; coercion of numbers
# https://docs.opensearch.org/latest/mappings/mapping-parameters/coerce/ ; numeric ranges
# https://docs.opensearch.org/latest/mappings/supported-field-types/numeric/ ; booleans
# https://docs.opensearch.org/latest/mappings/supported-field-types/boolean/ ; ip
# https://docs.opensearch.org/latest/mappings/supported-field-types/ip/ ; dates
# https://docs.opensearch.org/latest/mappings/supported-field-types/date/ and
# https://docs.opensearch.org/latest/mappings/mapping-parameters/format/

SURVEY_TEMPLATE = {
    "index_patterns": ["bigsurvey*"], "priority": 100,
    "template": {"mappings": {"properties": {
        "@timestamp": {"type": "date"}, "agree": {"type": "boolean"}, "anumber": {"type": "double"},
        "textblob": {"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 256}}},
        "ipaddr": {"type": "ip"}}}},
}

FIELDS = {
    "l": {"type": "long"}, "d": {"type": "double"}, "b": {"type": "boolean"}, "ip": {"type": "ip"},
    "t": {"type": "date", "format": "strict_date_optional_time"}, "day": {"type": "date", "format": "strict_date"},
    "ts": {"type": "date"}, "txt": {"type": "text"}, "kw": {"type": "keyword"},
    "obj": {"properties": {"n": {"type": "long"}}},
}

# (field, value): OpenSearch indexes these.
ACCEPTED = [
    ("l", 1), ("l", -9223372036854775808), ("l", "10"), ("l", 1.5), ("l", "10.5"), ("l", [1, "2"]),
    ("l", "9223372036854775807.9"), ("l", "1e3"),
    ("d", 1.5), ("d", 1), ("d", "1.5"), ("d", "-2e3"),
    ("b", True), ("b", False), ("b", "true"), ("b", "false"), ("b", ""),
    ("ip", "192.168.10.10"), ("ip", "::1"), ("ip", "2001:db8::8a2e:370:7334"), ("ip", "::ffff:10.0.0.1"),
    ("t", "2026-12-08T00:41:39.123Z"), ("t", "2026-12-08"), ("t", "2026-12-08T00:41:39+01:00"), ("t", "2024-02-29T23:59"),
    ("day", "2024-02-29"), ("ts", "2026-12-08T00:41:39.123Z"), ("ts", 1700000000000),
    ("txt", "abc"), ("txt", 5), ("txt", True), ("kw", "abc"), ("kw", 1.5),
    ("obj", {"n": 3, "other": "dynamic"}), ("obj", [{"n": 1}, {"n": "2"}]), ("l", None), ("unmapped", {"x": 1}),
]

# (field, value, reported field, caused_by type): OpenSearch refuses these.
REFUSED = [
    ("l", "x", "l", "illegal_argument_exception"),
    ("l", "1.5.1", "l", "illegal_argument_exception"),
    ("l", 1e30, "l", "input_coercion_exception"),
    ("l", "9223372036854775808", "l", "illegal_argument_exception"),
    ("l", "1e999999999", "l", "illegal_argument_exception"),
    ("l", True, "l", "json_parse_exception"),
    ("l", {"a": 1}, "l", "json_parse_exception"),
    ("l", [1, "x"], "l", "illegal_argument_exception"),
    ("d", "x", "d", "number_format_exception"),
    ("d", "", "d", "number_format_exception"),
    ("d", "NaN", "d", "illegal_argument_exception"),
    ("d", False, "d", "json_parse_exception"),
    ("b", "yes", "b", "illegal_argument_exception"),
    ("b", "True", "b", "illegal_argument_exception"),
    ("b", 1, "b", "json_parse_exception"),
    ("ip", "999.1.1.1", "ip", "illegal_argument_exception"),
    ("ip", "10.0.0", "ip", "illegal_argument_exception"),
    ("ip", "fe80::1::2", "ip", "illegal_argument_exception"),
    ("ip", 5, "ip", "illegal_argument_exception"),
    ("t", "yesterday", "t", "illegal_argument_exception"),
    ("t", "2026-13-01", "t", "illegal_argument_exception"),
    ("t", "2023-02-29", "t", "illegal_argument_exception"),
    ("t", "2026-12-08 00:41:39", "t", "illegal_argument_exception"),
    ("day", "2026-12-08T00:00:00Z", "day", "illegal_argument_exception"),
    ("day", "2026-1-8", "day", "illegal_argument_exception"),
    ("txt", {"a": "b"}, "txt", "illegal_state_exception"),
    ("kw", {"a": "b"}, "kw", "illegal_state_exception"),
    ("obj", {"n": "x"}, "obj.n", "illegal_argument_exception"),
]


@pytest.fixture
def typed(domain):
    """The domain with a template over `typed-*` holding FIELDS."""
    status, answer, _ = domain.call("PUT", "/_index_template/typed",
                                    {"index_patterns": ["typed-*"], "template": {"mappings": {"properties": FIELDS}}})
    assert (status, answer) == (200, {"acknowledged": True})
    return domain


@pytest.mark.parametrize("field,value", ACCEPTED, ids=[f"{f}={json.dumps(v)}" for f, v in ACCEPTED])
def test_mapped_field_takes_what_opensearch_takes(typed, field, value):
    status, answer, _ = typed.call("PUT", "/typed-1/_doc/1", {field: value})
    assert status == 201, answer
    # _source is the document as sent, whatever the index made of it.
    assert typed.call("GET", "/typed-1/_doc/1")[1]["_source"] == {field: value}


@pytest.mark.parametrize("field,value,path,cause", REFUSED, ids=[f"{f}={json.dumps(v)}" for f, v, _, _ in REFUSED])
def test_mapped_field_refuses_what_opensearch_refuses(typed, field, value, path, cause):
    status, answer, _ = typed.call("PUT", "/typed-1/_doc/d1", {"ok": 1, field: value})
    assert status == 400, answer
    error = answer["error"]
    assert error["type"] == "mapper_parsing_exception" and answer["status"] == 400
    assert error["root_cause"] == [{"type": "mapper_parsing_exception", "reason": error["reason"]}]
    kind = {**FIELDS, "obj.n": {"type": "long"}}[path]["type"]
    assert error["reason"].startswith(f"failed to parse field [{path}] of type [{kind}] in document with id 'd1'. "
                                      f"Preview of field's value: '")
    assert error["caused_by"]["type"] == cause
    assert typed.call("GET", "/typed-1/_doc/d1")[0] == 404


def test_refusal_has_opensearchs_exact_shape(domain):
    assert domain.call("PUT", "/_index_template/survey", SURVEY_TEMPLATE)[0] == 200
    status, answer, _ = domain.call("PUT", "/bigsurvey/_doc/abc", {"anumber": "x", "textblob": "t", "ipaddr": "10.0.0.1"})
    reason = "failed to parse field [anumber] of type [double] in document with id 'abc'. Preview of field's value: 'x'"
    assert (status, answer) == (400, {
        "error": {"root_cause": [{"type": "mapper_parsing_exception", "reason": reason}],
                  "type": "mapper_parsing_exception", "reason": reason,
                  "caused_by": {"type": "number_format_exception", "reason": 'For input string: "x"'}},
        "status": 400})


def test_concrete_value_in_an_object_field(typed):
    status, answer, _ = typed.call("PUT", "/typed-1/_doc/1", {"obj": "flat"})
    assert status == 400
    assert answer["error"]["reason"] == ("object mapping for [obj] tried to parse field [obj] as object, "
                                         "but found a concrete value")


def test_template_round_trip_and_persistence(tmp_path):
    d = Domain(tmp_path / "data", "--access-key", KEY, "--secret-key", SECRET)
    try:
        assert d.call("GET", "/_index_template")[1] == {"index_templates": []}
        assert d.call("PUT", "/_index_template/survey", SURVEY_TEMPLATE)[:2] == (200, {"acknowledged": True})
        status, answer, _ = d.call("GET", "/_index_template/survey")
        assert status == 200
        [entry] = answer["index_templates"]
        assert entry["name"] == "survey"
        assert entry["index_template"]["index_patterns"] == ["bigsurvey*"]
        assert entry["index_template"]["template"] == SURVEY_TEMPLATE["template"]
        assert d.call("PUT", "/_index_template/survey?create=true", SURVEY_TEMPLATE)[0] == 400
    finally:
        d.stop()
    d = Domain(tmp_path / "data", "--access-key", KEY, "--secret-key", SECRET)
    try:
        assert d.call("GET", "/_index_template/surv*")[1]["index_templates"][0]["name"] == "survey"
        assert d.call("GET", "/_index_template/nothing*")[:2] == (200, {"index_templates": []})
        assert d.call("PUT", "/bigsurvey-2026/_doc/1", {"ipaddr": "nope"})[0] == 400
        assert d.call("DELETE", "/_index_template/survey")[:2] == (200, {"acknowledged": True})
        status, answer, _ = d.call("DELETE", "/_index_template/survey")
        assert status == 404 and answer["error"]["type"] == "index_template_missing_exception"
        status, answer, _ = d.call("GET", "/_index_template/survey")
        assert status == 404 and answer["error"]["type"] == "resource_not_found_exception"
        # An index keeps the mappings it was made with (changing a template leaves it alone) ...
        assert d.call("PUT", "/bigsurvey-2026/_doc/2", {"ipaddr": "nope"})[0] == 400
        # ... and a new one, with no template left, is dynamic again.
        assert d.call("PUT", "/bigsurvey-2027/_doc/1", {"ipaddr": "nope"})[0] == 201
    finally:
        d.stop()


def test_new_index_takes_the_mappings_and_shows_them(domain):
    assert domain.call("PUT", "/_index_template/survey", SURVEY_TEMPLATE)[0] == 200
    assert domain.call("PUT", "/bigsurvey/_doc/1", {"anumber": 1, "extra": "x"})[0] == 201
    status, answer, _ = domain.call("GET", "/bigsurvey/_mapping")
    expected = dict(SURVEY_TEMPLATE["template"]["mappings"]["properties"])
    expected["extra"] = {"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 256}}}
    assert (status, answer) == (200, {"bigsurvey": {"mappings": {"properties": expected}}})
    # With the template the field is a double: a first 1 does not make it a long, 1.5 is taken as sent.
    assert domain.call("PUT", "/bigsurvey/_doc/2", {"anumber": 1.5})[0] == 201
    assert domain.call("GET", "/bigsurvey/_doc/2")[1]["_source"] == {"anumber": 1.5}
    # An index the patterns do not match stays dynamic: no checks beyond the learned types.
    assert domain.call("PUT", "/survey/_doc/1", {"ipaddr": "nope", "anumber": 1})[0] == 201
    assert domain.call("GET", "/survey/_mapping")[1] == {"survey": {"mappings": {"properties": {
        "anumber": {"type": "long"},
        "ipaddr": {"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 256}}}}}}}
    assert domain.call("GET", "/nope/_mapping")[0] == 404


def test_explicitly_created_index_takes_the_template_too(domain):
    assert domain.call("PUT", "/_index_template/survey", SURVEY_TEMPLATE)[0] == 200
    assert domain.call("PUT", "/bigsurvey-x")[0] == 200
    props = domain.call("GET", "/bigsurvey-x")[1]["bigsurvey-x"]["mappings"]["properties"]
    assert props["ipaddr"] == {"type": "ip"}


def test_highest_priority_template_wins(domain):
    low = {"index_patterns": ["logs-*"], "priority": 1, "template": {"mappings": {"properties": {"n": {"type": "ip"}}}}}
    high = {"index_patterns": ["logs-app-*"], "priority": 5, "template": {"mappings": {"properties": {"n": {"type": "long"}}}}}
    assert domain.call("PUT", "/_index_template/low", low)[0] == 200
    assert domain.call("PUT", "/_index_template/high", high)[0] == 200
    assert domain.call("PUT", "/logs-app-1/_doc/1", {"n": 7})[0] == 201
    assert domain.call("PUT", "/logs-web-1/_doc/1", {"n": 7})[0] == 400  # not an ip
    assert domain.call("GET", "/logs-app-1/_mapping")[1]["logs-app-1"]["mappings"]["properties"]["n"] == {"type": "long"}


def test_same_priority_overlapping_templates_are_refused(domain):
    a = {"index_patterns": ["logs-*"], "template": {"mappings": {"properties": {"n": {"type": "long"}}}}}
    b = {"index_patterns": ["*-app"], "template": {}}
    assert domain.call("PUT", "/_index_template/a", a)[0] == 200
    status, answer, _ = domain.call("PUT", "/_index_template/b", b)  # logs-app matches both
    assert status == 400 and "the same priority [0]" in answer["error"]["reason"]
    assert domain.call("PUT", "/_index_template/b", {**b, "priority": 1})[0] == 200
    assert domain.call("PUT", "/_index_template/c", {"index_patterns": ["metrics-*"]})[0] == 200


@pytest.mark.parametrize("name,body,error", [
    ("t", {"template": {}}, "action_request_validation_exception"),
    ("t", {"index_patterns": []}, "action_request_validation_exception"),
    ("t", {"index_patterns": ["x*"], "bogus": 1}, "x_content_parse_exception"),
    ("t", {"index_patterns": ["x*"], "template": {"mappings": {"properties": {"f": {"type": "nonsense"}}}}},
     "mapper_parsing_exception"),
    ("T", {"index_patterns": ["x*"]}, "invalid_index_template_exception"),
    ("_t", {"index_patterns": ["x*"]}, "invalid_index_template_exception"),
    ("a%2Fb", {"index_patterns": ["x*"]}, "invalid_index_template_exception"),
])
def test_bad_templates_are_refused(domain, name, body, error):
    status, answer, _ = domain.call("PUT", f"/_index_template/{name}", body)
    assert status == 400 and answer["error"]["type"] == error, answer
    assert not (domain.data / "_index_template" / "a").exists()
    assert domain.call("GET", "/_index_template")[1] == {"index_templates": []}


def test_bulk_items_are_checked_against_the_mapping(domain):
    assert domain.call("PUT", "/_index_template/survey", SURVEY_TEMPLATE)[0] == 200
    body = ndjson({"index": {"_index": "bigsurvey", "_id": "good"}}, {"anumber": 1.5, "ipaddr": "10.0.0.1"},
                  {"create": {"_index": "bigsurvey", "_id": "bad"}}, {"anumber": 1, "ipaddr": "10.0.0.256"},
                  {"create": {"_index": "bigsurvey", "_id": "worse"}}, {"agree": "maybe"})
    status, answer, _ = domain.call("POST", "/_bulk", body, headers={"Content-Type": "application/x-ndjson"})
    assert status == 200 and answer["errors"] is True
    good, bad, worse = (next(iter(i.values())) for i in answer["items"])
    assert good["status"] == 201
    assert bad["status"] == 400 and bad["_id"] == "bad"
    assert bad["error"]["type"] == "mapper_parsing_exception"
    assert bad["error"]["reason"] == ("failed to parse field [ipaddr] of type [ip] in document with id 'bad'. "
                                      "Preview of field's value: '10.0.0.256'")
    assert worse["status"] == 400 and "field [agree] of type [boolean]" in worse["error"]["reason"]
    assert domain.call("GET", "/bigsurvey/_count")[1]["count"] == 1
