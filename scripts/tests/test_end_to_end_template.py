"""The index template end to end (issue 14, part 3): `schema-check --opensearch-template` makes the
template from the shipped schema, it is PUT (signed by botocore, as an operator would) on the local
domain, and then the built bootstrap under the runtime emulator writes through it. With the
template `anumber` is a double from the first document on, so a later 1.5 stays 1.5 (with dynamic
mapping a first 1 makes it a long, and OpenSearch truncates 1.5 in the index); a document a looser
route's schema accepts but the mapping cannot take is the gateway's 400 `rejected_by_domain` with
the domain's `mapper_parsing_exception` reason.

OpenSearch behaviour relied on: https://docs.opensearch.org/latest/im-plugin/index-templates/ (a
new index takes the matching template's mappings) and
https://docs.opensearch.org/latest/mappings/supported-field-types/ip/ (an ip field takes IPv4 or
IPv6 addresses only).
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lib"))
from esproxy_stack import ACCESS_KEY, REGION, SECRET_KEY, SESSION_TOKEN, Stack, http  # noqa: E402
from test_schema_template import binary  # noqa: E402,F401  (the schema-check fixture)

ROOT = Path(__file__).resolve().parents[2]
BLOG = {"agree": True, "anumber": 1, "textblob": "abc sdf", "ipaddr": "192.168.10.10"}


def signed(stack, method, path, body=b""):
    """(status, parsed body) of a request to the domain signed with the stack's credentials."""
    url = stack.domain_info["url"] + path
    headers = {"Content-Type": "application/json"} if body else {}
    request = AWSRequest(method=method, url=url, data=body, headers=headers)
    SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN), "es", REGION).add_auth(request)
    status, _, raw = http(method, url, body or None, dict(request.headers.items()))
    return status, json.loads(raw) if raw else None


@pytest.fixture(scope="module")
def templated(bootstrap, binary):  # noqa: F811
    """A stack with two routes onto `bigsurvey` (the shipped schema on `/`, a schema that takes any
    object on `/loose`) and the template from the shipped schema on the domain."""
    with tempfile.TemporaryDirectory() as d:
        Path(d, "loose.json").write_text('{"type": "object"}')
        Path(d, "routes").write_text(f"POST / -> schemas/bigsurvey.json -> bigsurvey\n"
                                     f"POST /loose -> {d}/loose.json -> bigsurvey\n")
        made = subprocess.run([binary, "--opensearch-template", "bigsurvey*", "schemas/bigsurvey.json"], cwd=ROOT,
                              capture_output=True, timeout=60)
        assert made.returncode == 0, made.stderr
        with Stack(bootstrap, function_env={"ROUTES_FILE": f"{d}/routes"}) as s:
            assert signed(s, "PUT", "/_index_template/bigsurvey", made.stdout) == (200, {"acknowledged": True})
            yield s


def test_the_index_gets_the_templates_mapping_and_1_5_stays_1_5(templated):
    s = templated
    status, _, first = s.post("/", BLOG)
    assert status == 201, first
    status, _, second = s.post("/", dict(BLOG, anumber=1.5))
    assert status == 201, second
    stored = s.documents()
    assert stored[first["id"]]["anumber"] == 1 and stored[second["id"]]["anumber"] == 1.5
    assert '"anumber":1.5' in s.raw_document(second["id"])
    status, doc = signed(s, "GET", f"/bigsurvey/_doc/{second['id']}")
    assert status == 200 and doc["_source"]["anumber"] == 1.5
    status, mapping = signed(s, "GET", "/bigsurvey/_mapping")
    assert status == 200
    props = mapping["bigsurvey"]["mappings"]["properties"]
    # The first document had anumber 1: dynamic mapping would have made it a long.
    assert props["anumber"] == {"type": "double"}
    assert props["ipaddr"] == {"type": "ip"} and props["agree"] == {"type": "boolean"}
    assert props["@timestamp"] == {"type": "date"}  # and the gateway's stamp parsed as one
    assert props["textblob"] == {"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 256}}}


@pytest.mark.parametrize("document,field,kind", [
    (dict(BLOG, anumber="lots"), "anumber", "double"),
    (dict(BLOG, ipaddr="999.1.1.1"), "ipaddr", "ip"),
    (dict(BLOG, agree="yes"), "agree", "boolean"),
    (dict(BLOG, textblob={"nested": "object"}), "textblob", "text"),
])
def test_what_the_mapping_refuses_is_rejected_by_domain(templated, document, field, kind):
    s = templated
    before = len(s.documents())
    status, _, answer = s.post("/loose", document)
    assert (status, answer["error"]) == (400, "rejected_by_domain"), answer
    assert "mapper_parsing_exception" in answer["message"]
    assert f"failed to parse field [{field}] of type [{kind}]" in answer["message"]
    assert "127.0.0.1" not in json.dumps(answer)
    assert len(s.documents()) == before
    # The strict route refuses the same document itself, before the domain sees it.
    requests = s.stats()["requests"]
    status, _, answer = s.post("/", document)
    assert (status, answer["error"]) == (400, "validation_failed")
    assert s.stats()["requests"] == requests


def test_the_loose_route_writes_what_the_mapping_takes(templated):
    # A numeric string and "true" are what OpenSearch coerces (docs: mapping-parameters/coerce,
    # supported-field-types/boolean), so the loose route stores them.
    status, _, answer = templated.post("/loose", dict(BLOG, anumber="2.5", agree="true", extra=[1, 2]))
    assert status == 201, answer
    assert templated.documents()[answer["id"]]["anumber"] == "2.5"


def test_batch_items_the_mapping_refuses_are_rejected_by_domain_alone(templated):
    # Issue 12: a batch through the looser route, two items the mapping refuses, in both forms.
    s = templated
    items = [BLOG, dict(BLOG, ipaddr="not an ip"), dict(BLOG, anumber="many"), dict(BLOG, textblob="batch ok")]
    for body, content_type in ((json.dumps(items).encode(), "application/json"),
                               ("\n".join(json.dumps(i) for i in items).encode(), "application/x-ndjson")):
        status, _, answer = s.post("/loose", body, content_type=content_type)
        assert status == 207, answer
        assert [i["status"] for i in answer["items"]] == [201, 400, 400, 201]
        assert [i.get("error") for i in answer["items"]] == [None, "rejected_by_domain", "rejected_by_domain", None]
        assert all("mapper_parsing_exception" in answer["items"][n]["message"] for n in (1, 2))
        stored = s.documents()
        assert answer["items"][0]["id"] in stored and answer["items"][3]["id"] in stored
