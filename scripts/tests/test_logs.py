"""The bootstrap's invocation log lines, as CloudWatch would get them, against the documented log
schema (fixtures/invocation-log.schema.json, README "Logs"), checked with Python's jsonschema."""
import json
import sys
from pathlib import Path

import jsonschema

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lib"))
from esproxy_stack import Stack, wait_until  # noqa: E402

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "invocation-log.schema.json").read_text())
BLOG = {"agree": True, "anumber": 1, "textblob": "abc sdf", "ipaddr": "192.168.10.10"}


def invocation_lines(log):
    lines = []
    for line in log.splitlines():
        start = line.find("{")
        if start < 0:
            continue
        try:
            record = json.loads(line[start:])
        except ValueError:
            continue
        if record.get("message") == "invocation":
            lines.append(record)
    return lines


def test_every_invocation_line_matches_the_documented_schema(bootstrap):
    with Stack(bootstrap) as s:
        s.post("/", BLOG)
        s.post("/", {"anumber": "one"})
        s.post("/", b"{", content_type="application/json")
        s.post("/nope", BLOG)
        s.post("/", BLOG, method="GET")
        s.invoke({"httpMethod": "POST", "path": "/", "headers": {}, "body": "!!", "isBase64Encoded": True})
        assert wait_until(lambda: len(invocation_lines(s.function_log())) == 6), s.function_log()
        lines = invocation_lines(s.function_log())
        validator = jsonschema.Draft202012Validator(SCHEMA)
        for record in lines:
            assert list(validator.iter_errors(record)) == [], record
        assert [r["status"] for r in lines] == [201, 400, 400, 404, 405, 502]
        assert lines[-1]["error"] == "Runtime.InvalidBase64" and lines[-1]["level"] == "ERROR"
