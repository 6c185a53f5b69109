"""The bootstrap's invocation log lines, as CloudWatch would get them, against the documented log
schema (fixtures/invocation-log.schema.json, README "Logs"), checked with Python's jsonschema."""
import json
import time
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


# --- Embedded Metric Format ---------------------------------------------------------------------

from emf_check import problems  # noqa: E402


def test_the_checker_refuses_what_the_specification_refuses():
    good = {"_aws": {"Timestamp": 1, "CloudWatchMetrics": [{"Namespace": "N", "Dimensions": [["F"]],
                                                            "Metrics": [{"Name": "M", "Unit": "Count"}]}]},
            "F": "f", "M": 1}
    assert problems(json.dumps(good)) == []
    bad = [
        {**good, "M": "1"},                       # a metric value that is no number
        {k: v for k, v in good.items() if k != "F"},  # a dimension without its member
        {**good, "_aws": {**good["_aws"], "Timestamp": "now"}},
        {**good, "_aws": {"CloudWatchMetrics": [{"Namespace": "N", "Dimensions": [["F"]],
                                                 "Metrics": [{"Name": "M", "Unit": "Counts"}]}], "Timestamp": 1}},
        {**good, "_aws": {"Timestamp": 1, "CloudWatchMetrics": [{"Namespace": "", "Dimensions": [], "Metrics": []}]}},
        {**good, "_aws": {"Timestamp": 1, "CloudWatchMetrics": [{"Namespace": "N", "Dimensions": [[f"d{i}" for i in range(31)]],
                                                                 "Metrics": []}]}, **{f"d{i}": "x" for i in range(31)}},
    ]
    for line in bad:
        assert problems(json.dumps(line)), line


def emf_lines(log):
    return [line[line.find("{"):] for line in log.splitlines()
            if '"message":"invocation"' in line and "_aws" in line]


def test_every_invocation_line_carries_valid_metrics(bootstrap):
    env = {"AWS_LAMBDA_LOG_FORMAT": "JSON", "METRICS_NAMESPACE": "SurveyGateway", "ES_TIMEOUT_MS": "1000"}
    with Stack(bootstrap, function_env=env) as s:
        s.post("/", BLOG)                                    # Documents 1
        s.post("/", {"anumber": "one"})                      # Rejected 1
        s.post("/", [BLOG, BLOG, {"anumber": "x"}])          # Documents 2, Rejected 1
        s.post("/nope", BLOG)                                # Rejected 1, Route "-"
        s.fault({"status": 503, "count": 100})
        try:
            s.post("/", BLOG)                                # DomainErrors 1, Retries > 0
        finally:
            s.clear_fault()
        assert wait_until(lambda: len(emf_lines(s.function_log())) == 5), s.function_log()
        lines = [json.loads(l) for l in emf_lines(s.function_log())]
        for line in emf_lines(s.function_log()):
            assert problems(line) == [], line
        directive = lines[0]["_aws"]["CloudWatchMetrics"][0]
        assert directive["Namespace"] == "SurveyGateway"
        assert directive["Dimensions"] == [["FunctionName", "Route"], ["FunctionName"]]
        assert {m["Name"]: m["Unit"] for m in directive["Metrics"]} == {
            "Documents": "Count", "Rejected": "Count", "DomainErrors": "Count", "Retries": "Count",
            "DomainLatency": "Milliseconds"}
        counts = [(l["Documents"], l["Rejected"], l["DomainErrors"], l["Route"]) for l in lines]
        assert counts == [(1, 0, 0, "/"), (0, 1, 0, "/"), (2, 1, 0, "/"), (0, 1, 0, "-"), (0, 0, 1, "/")]
        assert lines[4]["Retries"] >= 1 and lines[4]["DomainLatency"] > 0
        assert "DomainLatency" not in lines[1], "no latency without a domain call"
        assert all(l["FunctionName"] == "esproxy" for l in lines)
        assert all(abs(l["_aws"]["Timestamp"] - time.time() * 1000) < 60_000 for l in lines)


def test_no_metrics_when_off_or_in_text(bootstrap):
    for env in ({"METRICS": "off"}, {"AWS_LAMBDA_LOG_FORMAT": "Text"}):
        with Stack(bootstrap, function_env=env) as s:
            assert s.post("/", BLOG)[0] == 201
            assert wait_until(lambda: "invocation" in s.function_log())
            assert "_aws" not in s.function_log(), env
