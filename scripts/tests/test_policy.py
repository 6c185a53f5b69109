"""policy/: the templates filled in as scripts/deploy fills them, linted with parliament and
checked statement by statement (least privilege: nothing but the gateway's own needs)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from parliament import analyze_policy_string

ROOT = Path(__file__).resolve().parents[2]
RENDER = ROOT / "scripts" / "lib" / "deploy" / "render_policy.py"
POLICY = ROOT / "policy"

REGION, ACCOUNT, FUNCTION, DOMAIN = "eu-west-1", "123456789012", "esproxy", "surveys"
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/{FUNCTION}-role"


def render(template, **params):
    args = [sys.executable, str(RENDER), str(POLICY / template)] + [f"{k}={v}" for k, v in params.items()]
    proc = subprocess.run(args, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def render_fails(template, **params):
    args = [sys.executable, str(RENDER), str(POLICY / template)] + [f"{k}={v}" for k, v in params.items()]
    proc = subprocess.run(args, capture_output=True, text=True)
    assert proc.returncode != 0
    return proc.stderr


def trust():
    return render("lambda-trust.json")


def execution(indices="bigsurvey", post="_bulk"):
    return render("execution-policy.json", Region=REGION, AccountId=ACCOUNT, FunctionName=FUNCTION,
                  DomainName=DOMAIN, Index=indices, PostPath=post)


def domain_access(indices="bigsurvey", post="_bulk"):
    return render("domain-access-policy.json", Region=REGION, AccountId=ACCOUNT, DomainName=DOMAIN,
                  Index=indices, PostPath=post, RoleArn=ROLE_ARN)


def as_list(value):
    return value if isinstance(value, list) else [value]


def create_arns(*indices):
    return [f"arn:aws:es:{REGION}:{ACCOUNT}:domain/{DOMAIN}/{i}/_create/*" for i in indices]


def index_arn(index, path):
    return f"arn:aws:es:{REGION}:{ACCOUNT}:domain/{DOMAIN}/{index}/{path}"


def grants(document):
    return sorted((a, r) for s in document["Statement"] for a in as_list(s["Action"]) for r in as_list(s["Resource"]))


def findings(document):
    policy = analyze_policy_string(json.dumps(document), include_community_auditors=True)
    return [(f.issue, f.detail) for f in policy.findings]


def test_parliament_on_trust_policy_reports_only_the_missing_resource():
    """parliament reads every document as an identity policy; a role's trust policy has no Resource
    by IAM's grammar, so that one finding is expected and nothing else may appear."""
    assert findings(trust()) == [("MALFORMED", "Statement contains neither Resource nor NotResource")]


@pytest.mark.parametrize("document", [execution(), execution("bigsurvey,archive"), domain_access(),
                                      domain_access("bigsurvey,archive"),
                                      execution("surveys-*,archive", "_bulk,_doc"),
                                      domain_access("surveys-*,archive", "_bulk,_doc")],
                         ids=["execution", "execution-2-indices", "domain", "domain-2-indices",
                              "execution-pattern-doc", "domain-pattern-doc"])
def test_parliament_has_no_findings(document):
    assert findings(document) == []


def test_parliament_is_listening():
    """Control: the same linter flags a broken variant of our own policy."""
    broken = execution()
    broken["Statement"][1]["Action"] = "es:ESHttpPutt"
    broken["Statement"][0]["Resource"] = "arn:aws:logs:eu-west-1:ACCOUNT:log-group:/aws/lambda/esproxy:*"
    issues = {issue for issue, _ in findings(broken)}
    assert {"UNKNOWN_ACTION", "INVALID_ARN"} <= issues


def test_trust_policy_lets_only_lambda_assume_the_role():
    doc = trust()
    assert doc["Version"] == "2012-10-17"
    [statement] = doc["Statement"]
    assert statement["Effect"] == "Allow"
    assert statement["Principal"] == {"Service": "lambda.amazonaws.com"}
    assert as_list(statement["Action"]) == ["sts:AssumeRole"]


def test_execution_policy_is_own_logs_and_create_only():
    doc = execution()
    assert all(s["Effect"] == "Allow" for s in doc["Statement"])
    assert all("NotAction" not in s and "NotResource" not in s for s in doc["Statement"])
    grants = sorted((a, r) for s in doc["Statement"] for a in as_list(s["Action"]) for r in as_list(s["Resource"]))
    log_group = f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/aws/lambda/{FUNCTION}:*"
    assert grants == sorted([
        ("logs:CreateLogGroup", log_group),
        ("logs:CreateLogStream", log_group),
        ("logs:PutLogEvents", log_group),
        ("es:ESHttpPut", create_arns("bigsurvey")[0]),
        ("es:ESHttpPost", index_arn("bigsurvey", "_bulk")),
    ])


def test_batches_are_granted_per_index_never_at_the_domain_root():
    """POST /{index}/_bulk only: a root /_bulk would let action lines name any index."""
    for doc in (execution("bigsurvey,archive"), domain_access("bigsurvey,archive")):
        posts = sorted(r for a, r in grants(doc) if a == "es:ESHttpPost")
        assert posts == sorted([index_arn("bigsurvey", "_bulk"), index_arn("archive", "_bulk")])
        assert all(not r.endswith(f"domain/{DOMAIN}/_bulk") for _, r in grants(doc))


def test_domain_assigned_ids_add_post_doc_and_keep_the_rest():
    doc = execution("bigsurvey", "_bulk,_doc")
    es = [g for g in grants(doc) if g[0].startswith("es:")]
    assert es == sorted([("es:ESHttpPut", create_arns("bigsurvey")[0]),
                         ("es:ESHttpPost", index_arn("bigsurvey", "_bulk")),
                         ("es:ESHttpPost", index_arn("bigsurvey", "_doc"))])
    access = domain_access("bigsurvey", "_bulk,_doc")
    assert grants(access) == es
    assert all(s["Principal"] == {"AWS": ROLE_ARN} for s in access["Statement"])


def test_a_date_pattern_is_granted_on_its_prefix_only():
    doc = domain_access("surveys-*", "_bulk,_doc")
    assert grants(doc) == sorted([("es:ESHttpPut", index_arn("surveys-*", "_create/*")),
                                  ("es:ESHttpPost", index_arn("surveys-*", "_bulk")),
                                  ("es:ESHttpPost", index_arn("surveys-*", "_doc"))])


@pytest.mark.parametrize("post", ["_search", "_bulk,*", "_update/*"])
def test_only_bulk_and_doc_may_be_posted_to(post):
    assert "PostPath may only be _bulk or _doc" in render_fails(
        "execution-policy.json", Region=REGION, AccountId=ACCOUNT, FunctionName=FUNCTION, DomainName=DOMAIN,
        Index="bigsurvey", PostPath=post)


def test_each_configured_index_gets_its_own_create_path():
    doc = execution("bigsurvey,archive")
    es = [s for s in doc["Statement"] if "es:ESHttpPut" in as_list(s["Action"])]
    assert len(es) == 1
    assert as_list(es[0]["Resource"]) == create_arns("bigsurvey", "archive")
    assert all(not r.endswith(":*") and "/*/" not in r for r in as_list(es[0]["Resource"]))


def test_domain_policy_admits_only_the_role_and_only_create_and_bulk():
    doc = domain_access("bigsurvey,archive")
    statement, bulk = doc["Statement"]
    assert bulk["Effect"] == "Allow" and bulk["Principal"] == {"AWS": ROLE_ARN} and "Condition" not in bulk
    assert as_list(bulk["Action"]) == ["es:ESHttpPost"]
    assert statement["Effect"] == "Allow"
    assert statement["Principal"] == {"AWS": ROLE_ARN}
    assert as_list(statement["Action"]) == ["es:ESHttpPut"]
    assert as_list(statement["Resource"]) == create_arns("bigsurvey", "archive")
    assert "Condition" not in statement, "no IP conditions"


def test_templates_keep_placeholders_only_where_deploy_fills_them():
    for path in POLICY.glob("*.json"):
        json.loads(path.read_text())  # every template is valid JSON before filling in
    assert "${Index}" in (POLICY / "execution-policy.json").read_text()
    assert "${RoleArn}" in (POLICY / "domain-access-policy.json").read_text()


def test_missing_value_is_an_error():
    assert "no value for ${DomainName}" in render_fails(
        "execution-policy.json", Region=REGION, AccountId=ACCOUNT, FunctionName=FUNCTION, Index="bigsurvey",
        PostPath="_bulk")
    assert "no value for ${PostPath}" in render_fails(
        "execution-policy.json", Region=REGION, AccountId=ACCOUNT, FunctionName=FUNCTION, DomainName=DOMAIN,
        Index="bigsurvey")


def test_unused_value_is_an_error():
    assert "does not use: RoleArn" in render_fails(
        "execution-policy.json", Region=REGION, AccountId=ACCOUNT, FunctionName=FUNCTION, DomainName=DOMAIN,
        Index="bigsurvey", PostPath="_bulk", RoleArn=ROLE_ARN)


@pytest.mark.parametrize("index", ['big"survey', "", "a,,b", "big survey"])
def test_unsafe_values_are_refused(index):
    assert "unsafe or empty value for Index" in render_fails(
        "domain-access-policy.json", Region=REGION, AccountId=ACCOUNT, DomainName=DOMAIN, Index=index,
        PostPath="_bulk", RoleArn=ROLE_ARN)
