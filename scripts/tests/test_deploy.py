"""scripts/deploy and scripts/destroy against moto in server mode (127.0.0.1, fake credentials).

Each test uses its own function name, so they share one moto server. A deploy makes ~25 AWS CLI
calls, so this module takes a few minutes.
"""
import base64
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import boto3
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_schema_template import binary  # noqa: E402,F401  (the schema-check fixture)

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "scripts" / "deploy"
DESTROY = ROOT / "scripts" / "destroy"
RENDER = ROOT / "scripts" / "lib" / "deploy" / "render_policy.py"
REGION = "eu-west-1"
ACCOUNT = "123456789012"  # moto's default account
ENDPOINT = "https://search-big-survey-abcdefghijklmnopqrstuvwxyz.eu-west-1.es.amazonaws.com"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def moto(tmp_path_factory):
    server = shutil.which("moto_server")
    if server is None:
        pytest.fail("moto_server is not installed: pip install 'moto[server]'")
    if shutil.which("aws") is None:
        pytest.fail("the AWS CLI is not installed: pip install awscli")
    port = _free_port()
    workdir = tmp_path_factory.mktemp("moto")
    log = open(workdir / "moto.log", "w")
    proc = subprocess.Popen([server, "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "MOTO_RECORDER_FILEPATH": str(workdir / "recording")})
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/moto-api/", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail("moto_server exited at start")
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("moto_server did not answer")
    yield url
    proc.terminate()
    proc.wait(timeout=10)
    log.close()


@pytest.fixture(scope="module")
def env(moto, tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ES_"))}
    clean.update({
        "HOME": str(home),  # no ~/.aws of the machine
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": REGION, "AWS_ENDPOINT_URL": moto,
        "AWS_CONFIG_FILE": str(home / "none"), "AWS_SHARED_CREDENTIALS_FILE": str(home / "none"),
    })
    return clean


@pytest.fixture(scope="module")
def small_zip(tmp_path_factory):
    path = tmp_path_factory.mktemp("zip") / "esproxy-lambda.zip"
    with zipfile.ZipFile(path, "w") as z:
        info = zipfile.ZipInfo("bootstrap")
        info.external_attr = 0o755 << 16
        z.writestr(info, "#!/bin/sh\necho stand-in\n")
        z.writestr("schemas/bigsurvey.json", (ROOT / "schemas" / "bigsurvey.json").read_text())
    return path


@pytest.fixture(scope="module")
def aws(moto):
    def client(service):
        return boto3.client(service, region_name=REGION, endpoint_url=moto,
                            aws_access_key_id="testing", aws_secret_access_key="testing")
    return client


def run(script, env, *args, ok=True):
    proc = subprocess.run([str(script), *args], env=env, capture_output=True, text=True, timeout=900)
    if ok:
        assert proc.returncode == 0, f"{script.name} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc


def rendered(template, **params):
    args = [sys.executable, str(RENDER), str(ROOT / "policy" / template)] + [f"{k}={v}" for k, v in params.items()]
    return json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)


def policy_doc(value):
    return json.loads(value) if isinstance(value, str) else value


def inventory(aws, name):
    """Everything deploy could have made for `name`, as counts and ids."""
    iam, lam, logs = aws("iam"), aws("lambda"), aws("logs")
    roles = [r for r in iam.list_roles()["Roles"] if r["RoleName"] == f"{name}-role"]
    functions = [f for f in lam.list_functions()["Functions"] if f["FunctionName"] == name]
    rest = [a for a in aws("apigateway").get_rest_apis()["items"] if a["name"] == name]
    http = [a for a in aws("apigatewayv2").get_apis()["Items"] if a["Name"] == name]
    groups = [g for g in logs.describe_log_groups()["logGroups"] if g["logGroupName"] == f"/aws/lambda/{name}"]
    tag = {"esproxy": name}
    plans = [p for p in aws("apigateway").get_usage_plans()["items"] if p.get("tags") == tag or p["name"] == name]
    keys = [k for k in aws("apigateway").get_api_keys()["items"]
            if k.get("tags") == tag or k["name"].startswith(f"{name}-")]
    domains = []
    for d in aws("opensearch").list_domain_names()["DomainNames"]:
        arn = f"arn:aws:es:{REGION}:{ACCOUNT}:domain/{d['DomainName']}"
        tags = aws("opensearch").list_tags(ARN=arn)["TagList"]
        if {"Key": "esproxy", "Value": name} in tags:
            domains.append(d["DomainName"])
    return {"roles": roles, "functions": functions, "rest": rest, "http": http, "groups": groups,
            "plans": plans, "keys": keys, "domains": domains}


def permission_statements(aws, name):
    policy = json.loads(aws("lambda").get_policy(FunctionName=name)["Policy"])
    return policy["Statement"]


def assert_nothing_left(aws, name):
    left = {k: v for k, v in inventory(aws, name).items() if v}
    assert left == {}, f"destroy left: {left}"


def check_role(aws, name, domain, indices, post="_bulk"):
    iam = aws("iam")
    role = iam.get_role(RoleName=f"{name}-role")["Role"]
    assert policy_doc(role["AssumeRolePolicyDocument"]) == rendered("lambda-trust.json")
    assert iam.list_role_policies(RoleName=f"{name}-role")["PolicyNames"] == [f"{name}-execution"]
    doc = iam.get_role_policy(RoleName=f"{name}-role", PolicyName=f"{name}-execution")["PolicyDocument"]
    assert policy_doc(doc) == rendered("execution-policy.json", Region=REGION, AccountId=ACCOUNT,
                                       FunctionName=name, DomainName=domain, Index=indices, PostPath=post)
    assert iam.list_attached_role_policies(RoleName=f"{name}-role")["AttachedPolicies"] == []
    return role["Arn"]


def check_function(aws, name, zip_path, runtime, timeout, variables):
    fn = aws("lambda").get_function_configuration(FunctionName=name)
    assert fn["Runtime"] == runtime
    assert fn["Architectures"] == ["x86_64"]
    assert fn["MemorySize"] == 128
    assert fn["Timeout"] == timeout
    assert fn["Handler"] == "bootstrap"
    assert fn["Role"] == f"arn:aws:iam::{ACCOUNT}:role/{name}-role"
    assert fn["Environment"]["Variables"] == variables
    digest = base64.b64encode(hashlib.sha256(zip_path.read_bytes()).digest()).decode()
    assert fn["CodeSha256"] == digest
    tags = aws("lambda").list_tags(Resource=fn["FunctionArn"])["Tags"]
    assert tags.get("esproxy") == name
    return fn["FunctionArn"]


def recorder(moto, action):
    """Drives moto's request recorder: reset-recording, start-recording, stop-recording, download-recording."""
    req = urllib.request.Request(f"{moto}/moto-api/recorder/{action}", method="POST")
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.read().decode()


def recorded_logging_configs(moto, name):
    """The LoggingConfig sent by each recorded create-function and update-function-configuration of
    `name`, in order: moto accepts it but does not keep it, so get-function-configuration cannot tell."""
    configs = []
    for line in recorder(moto, "download-recording").splitlines():
        entry = json.loads(line)
        request = (entry["method"], urllib.parse.urlparse(entry["url"]).path)
        if request == ("POST", "/2015-03-31/functions"):
            kind = "create"
        elif request == ("PUT", f"/2015-03-31/functions/{name}/configuration"):
            kind = "update"
        else:
            continue
        doc = json.loads(base64.b64decode(entry["body"]) if entry["body_encoded"] else entry["body"])
        if doc.get("FunctionName", name) == name:
            configs.append((kind, doc.get("LoggingConfig")))
    return configs


def check_permission(aws, name, api_id):
    statements = permission_statements(aws, name)
    assert len(statements) == 1, statements
    [s] = statements
    assert s["Sid"] == f"{name}-apigateway"
    assert s["Action"] == "lambda:InvokeFunction"
    assert s["Principal"] == {"Service": "apigateway.amazonaws.com"}
    assert s["Condition"]["ArnLike"]["AWS:SourceArn"] == f"arn:aws:execute-api:{REGION}:{ACCOUNT}:{api_id}/*"


def test_rest_deploy_twice_updates_and_destroy_cleans_up(env, small_zip, aws):
    name = "esp-rest"
    first = run(DEPLOY, env, "--name", name, "--zip", str(small_zip), "--endpoint", ENDPOINT,
                "--env", "MAX_BODY_BYTES=65536")
    second_env = dict(env, DOC_ID="uuid7")  # passed through from the caller's environment
    second = run(DEPLOY, second_env, "--name", name, "--zip", str(small_zip), "--endpoint", ENDPOINT,
                 "--timeout", "12", "--extra-index", "archive", "--env", "MAX_BODY_BYTES=65536")
    assert "creating function" in first.stderr and "updating function" in second.stderr

    inv = inventory(aws, name)
    assert [len(inv[k]) for k in ("roles", "functions", "rest", "http", "groups")] == [1, 1, 1, 0, 1]
    check_role(aws, name, "big-survey", "bigsurvey,archive")
    fn_arn = check_function(aws, name, small_zip, "provided.al2", 12, {
        "ES_ENDPOINT": ENDPOINT, "ES_INDEX": "bigsurvey", "ES_SIGNING": "es",
        "MAX_BODY_BYTES": "65536", "DOC_ID": "uuid7"})
    assert inv["groups"][0].get("retentionInDays") == 30

    api = inv["rest"][0]
    assert api["tags"] == {"esproxy": name}
    resources = {r["path"]: r for r in aws("apigateway").get_resources(restApiId=api["id"])["items"]}
    assert set(resources) == {"/", "/{proxy+}"}
    uri = f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{fn_arn}/invocations"
    for path in ("/", "/{proxy+}"):
        assert set(resources[path]["resourceMethods"]) == {"ANY"}
        method = aws("apigateway").get_method(restApiId=api["id"], resourceId=resources[path]["id"], httpMethod="ANY")
        assert method["authorizationType"] == "NONE"
        integration = method["methodIntegration"]
        assert (integration["type"], integration["httpMethod"], integration["uri"]) == ("AWS_PROXY", "POST", uri)
    stages = aws("apigateway").get_stages(restApiId=api["id"])["item"]
    assert [s["stageName"] for s in stages] == ["api"]
    check_permission(aws, name, api["id"])

    url = f"https://{api['id']}.execute-api.{REGION}.amazonaws.com/api"
    assert f"url: {url}" in second.stdout
    assert f"curl -sS -i -X POST '{url}/'" in second.stdout

    run(DESTROY, env, "--name", name)
    assert_nothing_left(aws, name)
    again = run(DESTROY, env, "--name", name)  # nothing to do is not an error
    assert "deleting" not in again.stderr


def test_http_api_variant(env, small_zip, aws):
    name = "esp-http"
    args = ["--name", name, "--zip", str(small_zip), "--endpoint", ENDPOINT, "--api", "http",
            "--runtime", "provided.al2023", "--index", "surveys"]
    run(DEPLOY, env, *args)
    out = run(DEPLOY, env, *args).stdout

    inv = inventory(aws, name)
    assert [len(inv[k]) for k in ("roles", "functions", "rest", "http")] == [1, 1, 0, 1]
    fn_arn = check_function(aws, name, small_zip, "provided.al2023", 10, {
        "ES_ENDPOINT": ENDPOINT, "ES_INDEX": "surveys", "ES_SIGNING": "es"})
    check_role(aws, name, "big-survey", "surveys")
    api = inv["http"][0]
    assert api["ProtocolType"] == "HTTP" and api["Tags"] == {"esproxy": name}
    v2 = aws("apigatewayv2")
    integrations = v2.get_integrations(ApiId=api["ApiId"])["Items"]
    assert len(integrations) == 1
    [integration] = integrations
    assert integration["IntegrationType"] == "AWS_PROXY"
    assert integration["IntegrationUri"] == fn_arn
    assert integration["PayloadFormatVersion"] == "2.0"
    routes = v2.get_routes(ApiId=api["ApiId"])["Items"]
    assert [(r["RouteKey"], r["Target"]) for r in routes] == [("$default", f"integrations/{integration['IntegrationId']}")]
    stages = v2.get_stages(ApiId=api["ApiId"])["Items"]
    assert [(s["StageName"], s["AutoDeploy"]) for s in stages] == [("$default", True)]
    assert stages[0]["DefaultRouteSettings"] == {"ThrottlingRateLimit": 50.0, "ThrottlingBurstLimit": 100}
    assert aws("lambda").get_function_concurrency(FunctionName=name).get("ReservedConcurrentExecutions") == 10
    check_permission(aws, name, api["ApiId"])
    assert f"url: https://{api['ApiId']}.execute-api.{REGION}.amazonaws.com" in out

    # Switching the front door replaces the HTTP API with a REST API: still exactly one API.
    run(DEPLOY, env, "--name", name, "--zip", str(small_zip), "--endpoint", ENDPOINT, "--index", "surveys")
    inv = inventory(aws, name)
    assert (len(inv["rest"]), len(inv["http"])) == (1, 0)
    check_permission(aws, name, inv["rest"][0]["id"])

    run(DESTROY, env, "--name", name)
    assert_nothing_left(aws, name)


def stage_throttling(aws, api_id, stage="api"):
    settings = aws("apigateway").get_stage(restApiId=api_id, stageName=stage)["methodSettings"]
    return settings["*/*"]["throttlingRateLimit"], settings["*/*"]["throttlingBurstLimit"]


def api_key_required(aws, api_id):
    gw = aws("apigateway")
    return {r["path"]: gw.get_method(restApiId=api_id, resourceId=r["id"], httpMethod="ANY")["apiKeyRequired"]
            for r in gw.get_resources(restApiId=api_id)["items"] if r["path"] in ("/", "/{proxy+}")}


def reserved_concurrency(aws, name):
    return aws("lambda").get_function_concurrency(FunctionName=name).get("ReservedConcurrentExecutions")


def test_rest_protections_throttling_concurrency_and_api_keys(env, small_zip, aws):
    name = "esp-keys"
    gw = aws("apigateway")
    common = ["--name", name, "--zip", str(small_zip), "--endpoint", ENDPOINT]
    first = run(DEPLOY, env, *common, "--api-key", "partner", "--api-key", "backup")

    inv = inventory(aws, name)
    api_id = inv["rest"][0]["id"]
    # Defaults from the issue: 50 requests/s, burst 100, 10 reserved executions.
    assert stage_throttling(aws, api_id) == (50.0, 100)
    assert reserved_concurrency(aws, name) == 10
    assert api_key_required(aws, api_id) == {"/": True, "/{proxy+}": True}
    [plan] = inv["plans"]
    assert plan["name"] == name and plan["tags"] == {"esproxy": name}
    assert plan["apiStages"] == [{"apiId": api_id, "stage": "api"}]
    keys = {k["name"]: k for k in inv["keys"]}
    assert set(keys) == {f"{name}-partner", f"{name}-backup"}
    assert all(k["enabled"] and k["tags"] == {"esproxy": name} for k in keys.values())
    plan_keys = gw.get_usage_plan_keys(usagePlanId=plan["id"])["items"]
    assert sorted(k["id"] for k in plan_keys) == sorted(k["id"] for k in keys.values())
    # Each value (moto's, read back with includeValue) is on stdout once and in no log line.
    values = {}
    for short in ("partner", "backup"):
        value = gw.get_api_key(apiKey=keys[f"{name}-{short}"]["id"], includeValue=True)["value"]
        values[short] = value
        assert first.stdout.count(value) == 1 and f"api key {short}: {value}\n" in first.stdout
        assert value not in first.stderr
    assert "-H 'x-api-key: " in first.stdout

    # A second run updates: same plan, same partner key (value not shown again), backup revoked,
    # new rate, burst and concurrency.
    second = run(DEPLOY, env, *common, "--api-key", "partner", "--rate-limit", "20", "--burst", "30",
                 "--max-concurrency", "5")
    inv = inventory(aws, name)
    assert [p["id"] for p in inv["plans"]] == [plan["id"]]
    assert [(k["id"], k["name"]) for k in inv["keys"]] == [(keys[f"{name}-partner"]["id"], f"{name}-partner")]
    assert [k["id"] for k in gw.get_usage_plan_keys(usagePlanId=plan["id"])["items"]] == [keys[f"{name}-partner"]["id"]]
    assert inv["plans"][0]["apiStages"] == [{"apiId": api_id, "stage": "api"}]
    assert all(v not in second.stdout + second.stderr for v in values.values())
    assert stage_throttling(aws, api_id) == (20.0, 30)
    assert reserved_concurrency(aws, name) == 5
    assert [s["stageName"] for s in gw.get_stages(restApiId=api_id)["item"]] == ["api"]

    # Without --api-key the routes are open again and the plan and keys are gone; 0 turns the
    # throttling off (-1 is API Gateway's "not throttled") and removes the reservation.
    run(DEPLOY, env, *common, "--rate-limit", "0", "--max-concurrency", "0")
    inv = inventory(aws, name)
    assert (inv["plans"], inv["keys"]) == ([], [])
    assert api_key_required(aws, api_id) == {"/": False, "/{proxy+}": False}
    assert stage_throttling(aws, api_id) == (-1.0, -1)
    assert reserved_concurrency(aws, name) is None
    fn_arn = aws("lambda").get_function_configuration(FunctionName=name)["FunctionArn"]
    uri = f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{fn_arn}/invocations"
    for r in gw.get_resources(restApiId=api_id)["items"]:  # the re-created methods kept their integration
        integration = gw.get_method(restApiId=api_id, resourceId=r["id"], httpMethod="ANY")["methodIntegration"]
        assert (integration["type"], integration["uri"]) == ("AWS_PROXY", uri)

    # Keys again, then destroy: a dry run names the plan and key deletions, the real run leaves nothing.
    run(DEPLOY, env, *common, "--api-key", "partner")
    inv = inventory(aws, name)
    [plan] = inv["plans"]
    [key] = inv["keys"]
    dry = run(DESTROY, env, "--name", name, "--dry-run").stdout.splitlines()
    cli = f"aws --region {REGION}"
    assert dry[:3] == [
        f"{cli} apigateway update-usage-plan --usage-plan-id {plan['id']} --patch-operations "
        f"op=remove,path=/apiStages,value={inv['rest'][0]['id']}:api",
        f"{cli} apigateway delete-usage-plan --usage-plan-id {plan['id']}",
        f"{cli} apigateway delete-api-key --api-key {key['id']}"]
    run(DESTROY, env, "--name", name)
    assert_nothing_left(aws, name)


def test_dry_run_shows_the_protections_and_no_key_value(env, small_zip, aws):
    name = "esp-dry-keys"
    out = run(DEPLOY, env, "--name", name, "--zip", str(small_zip), "--endpoint", ENDPOINT,
              "--api-key", "partner", "--rate-limit", "7", "--burst", "9", "--max-concurrency", "3", "--dry-run")
    for call in ("lambda put-function-concurrency --function-name esp-dry-keys --reserved-concurrent-executions 3",
                 "apigateway put-method --rest-api-id '<api-id>' --resource-id '<root-resource-id>' --http-method ANY "
                 "--authorization-type NONE --api-key-required",
                 "apigateway update-stage --rest-api-id '<api-id>' --stage-name api --patch-operations "
                 "'op=replace,path=/*/*/throttling/rateLimit,value=7' 'op=replace,path=/*/*/throttling/burstLimit,value=9'",
                 "apigateway create-usage-plan --name esp-dry-keys",
                 "apigateway create-api-key --name esp-dry-keys-partner",
                 "apigateway create-usage-plan-key --usage-plan-id '<usage-plan-id>' --key-id '<api-key-id>'"):
        assert call in out.stdout, call
    assert "api key partner:" not in out.stdout + out.stderr
    assert_nothing_left(aws, name)


def test_http_api_own_rate_and_no_reservation(env, small_zip, aws):
    name = "esp-http-rate"
    args = ["--name", name, "--zip", str(small_zip), "--endpoint", ENDPOINT, "--api", "http",
            "--rate-limit", "7", "--burst", "9", "--max-concurrency", "0"]
    run(DEPLOY, env, *args)
    # The same values again is no change: no update-stage call (moto has none for HTTP APIs).
    second = run(DEPLOY, env, *args)
    assert "throttling stage $default to 7 requests/s, burst 9" in second.stderr
    [api] = inventory(aws, name)["http"]
    [stage] = aws("apigatewayv2").get_stages(ApiId=api["ApiId"])["Items"]
    assert stage["DefaultRouteSettings"] == {"ThrottlingRateLimit": 7.0, "ThrottlingBurstLimit": 9}
    assert reserved_concurrency(aws, name) is None
    run(DESTROY, env, "--name", name)
    assert_nothing_left(aws, name)


def test_help_lists_the_protection_flags(env):
    out = run(DEPLOY, env, "--help").stdout
    for flag in ("--rate-limit N", "--burst N", "--max-concurrency N", "--api-key NAME", "--cors-origin ORIGIN",
                 "--alarm-email ADDRESS", "--rejected-threshold P", "--apply-template"):
        assert f"  {flag}  " in out, flag


def test_create_domain_variant(env, small_zip, aws):
    name = "esp-dom"
    domain = "esp-dom-surveys"
    run(DEPLOY, env, "--name", name, "--zip", str(small_zip), "--create-domain", domain)

    status = aws("opensearch").describe_domain(DomainName=domain)["DomainStatus"]
    assert status["EncryptionAtRestOptions"]["Enabled"] is True
    assert status["NodeToNodeEncryptionOptions"]["Enabled"] is True
    assert status["DomainEndpointOptions"]["EnforceHTTPS"] is True
    assert status["DomainEndpointOptions"]["TLSSecurityPolicy"] == "Policy-Min-TLS-1-2-2019-07"
    assert status["AdvancedOptions"].get("rest.action.multi.allow_explicit_index") == "false"
    role_arn = check_role(aws, name, domain, "bigsurvey")
    assert policy_doc(status["AccessPolicies"]) == rendered(
        "domain-access-policy.json", Region=REGION, AccountId=ACCOUNT, DomainName=domain, Index="bigsurvey",
        PostPath="_bulk", RoleArn=role_arn)
    check_function(aws, name, small_zip, "provided.al2", 10, {
        "ES_ENDPOINT": f"https://{status['Endpoint']}", "ES_INDEX": "bigsurvey", "ES_SIGNING": "es"})

    # A second run updates the domain instead of creating another one.
    run(DEPLOY, env, "--name", name, "--zip", str(small_zip), "--create-domain", domain, "--extra-index", "archive")
    assert inventory(aws, name)["domains"] == [domain]
    # The update sets the option too (a domain made by hand or by an older deploy gets it).
    aws("opensearch").update_domain_config(DomainName=domain,
                                           AdvancedOptions={"rest.action.multi.allow_explicit_index": "true"})
    run(DEPLOY, env, "--name", name, "--zip", str(small_zip), "--create-domain", domain, "--extra-index", "archive")
    config = aws("opensearch").describe_domain_config(DomainName=domain)["DomainConfig"]
    assert config["AdvancedOptions"]["Options"].get("rest.action.multi.allow_explicit_index") == "false"
    status = aws("opensearch").describe_domain(DomainName=domain)["DomainStatus"]
    create, bulk = policy_doc(status["AccessPolicies"])["Statement"]
    assert create["Resource"] == [f"arn:aws:es:{REGION}:{ACCOUNT}:domain/{domain}/{i}/_create/*" for i in ("bigsurvey", "archive")]
    assert (bulk["Action"], bulk["Resource"]) == (
        "es:ESHttpPost", [f"arn:aws:es:{REGION}:{ACCOUNT}:domain/{domain}/{i}/_bulk" for i in ("bigsurvey", "archive")])

    kept = run(DESTROY, env, "--name", name, "--keep-domain")
    assert "domain" not in kept.stderr.replace("--keep-domain", "")
    assert inventory(aws, name)["domains"] == [domain]
    run(DESTROY, env, "--name", name)
    assert_nothing_left(aws, name)


def test_dry_run_prints_calls_and_makes_nothing(env, small_zip, aws):
    name = "esp-dry"
    no_credentials = {k: v for k, v in env.items() if k not in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")}
    out = run(DEPLOY, no_credentials, "--name", name, "--zip", str(small_zip), "--create-domain", "esp-dry-dom",
              "--dry-run").stdout
    for call in ("aws --region eu-west-1 iam create-role --role-name esp-dry-role",
                 "opensearch create-domain --domain-name esp-dry-dom",
                 "iam put-role-policy --role-name esp-dry-role",
                 "lambda create-function --function-name esp-dry",
                 "apigateway create-rest-api --name esp-dry",
                 "apigateway put-integration", "apigateway create-deployment",
                 "lambda add-permission --function-name esp-dry"):
        assert call in out, call
    assert "EnforceHTTPS=true,TLSSecurityPolicy=Policy-Min-TLS-1-2-2019-07" in out
    assert "--advanced-options rest.action.multi.allow_explicit_index=false" in out
    assert_nothing_left(aws, name)


def test_dry_run_without_a_zip_shows_the_packaging_step(env, aws):
    name = "esp-dry-pkg"
    dist_zip = ROOT / "dist" / "esproxy-lambda.zip"

    def built():
        return dist_zip.stat().st_mtime_ns if dist_zip.exists() else None

    before = built()
    out = run(DEPLOY, env, "--name", name, "--endpoint", ENDPOINT, "--dry-run").stdout.splitlines()
    assert out[0] == f"scripts/package --output {dist_zip}"  # before any AWS call
    [create] = [line for line in out if " lambda create-function " in line]
    assert f"--zip-file fileb://{dist_zip}" in create
    assert built() == before  # printed, not run
    assert_nothing_left(aws, name)


def test_logging_options_set_the_logging_config_and_the_retention(env, small_zip, aws, moto):
    name = "esp-logs"
    common = ["--name", name, "--zip", str(small_zip), "--endpoint", ENDPOINT]
    recorder(moto, "reset-recording")
    recorder(moto, "start-recording")
    try:
        run(DEPLOY, env, *common, "--log-format", "JSON", "--log-level", "DEBUG", "--log-retention", "7")
        assert [g.get("retentionInDays") for g in inventory(aws, name)["groups"]] == [7]
        run(DEPLOY, env, *common, "--log-format", "Text", "--log-retention", "14")
        assert [g.get("retentionInDays") for g in inventory(aws, name)["groups"]] == [14]
        run(DEPLOY, env, *common)
    finally:
        recorder(moto, "stop-recording")
    # Without --log-format the function logs JSON, the format the README's log queries expect.
    assert recorded_logging_configs(moto, name) == [
        ("create", {"LogFormat": "JSON", "ApplicationLogLevel": "DEBUG"}), ("update", {"LogFormat": "Text"}),
        ("update", {"LogFormat": "JSON"})]
    # Lambda derives AWS_LAMBDA_LOG_FORMAT and AWS_LAMBDA_LOG_LEVEL from that config: deploy sets no variable.
    check_function(aws, name, small_zip, "provided.al2", 10, {
        "ES_ENDPOINT": ENDPOINT, "ES_INDEX": "bigsurvey", "ES_SIGNING": "es"})
    run(DESTROY, env, "--name", name)
    assert_nothing_left(aws, name)


def test_destroy_dry_run_prints_the_deletions_and_deletes_nothing(env, small_zip, aws):
    name = "esp-keep"
    domain = "esp-keep-dom"
    run(DEPLOY, env, "--name", name, "--zip", str(small_zip), "--create-domain", domain)
    try:
        before = inventory(aws, name)
        dry = run(DESTROY, env, "--name", name, "--dry-run")
        cli = f"aws --region {REGION}"
        assert dry.stdout.splitlines() == [
            f"{cli} apigateway delete-rest-api --rest-api-id {before['rest'][0]['id']}",
            f"{cli} lambda delete-function --function-name {name}",
            f"{cli} logs delete-log-group --log-group-name /aws/lambda/{name}",
            f"{cli} iam delete-role-policy --role-name {name}-role --policy-name {name}-execution",
            f"{cli} iam delete-role --role-name {name}-role",
            f"{cli} opensearch delete-domain --domain-name {domain}",
        ]
        assert "dry run complete: nothing was changed" in dry.stderr
        assert inventory(aws, name) == before
        assert aws("iam").list_role_policies(RoleName=f"{name}-role")["PolicyNames"] == [f"{name}-execution"]
    finally:
        run(DESTROY, env, "--name", name)
    assert_nothing_left(aws, name)


def test_destroy_leaves_an_untagged_api_of_the_same_name(env, aws):
    name = "esp-foreign"
    api_id = aws("apigateway").create_rest_api(name=name)["id"]
    try:
        out = run(DESTROY, env, "--name", name)
        assert "left alone" in out.stderr
        assert [a["id"] for a in aws("apigateway").get_rest_apis()["items"] if a["name"] == name] == [api_id]
    finally:
        aws("apigateway").delete_rest_api(restApiId=api_id)


@pytest.mark.parametrize("args, message", [
    (["--api", "soap"], "--api must be rest or http"),
    (["--runtime", "nodejs20.x"], "--runtime must be provided.al2 or provided.al2023"),
    (["--signing", "basic"], "--signing must be es, aoss or none"),
    (["--memory", "64"], "--memory must be 128..10240 MB"),
    (["--index", "Big Survey"], "index names are lowercase"),
    (["--index", "surveys-{yyyy.mm}"], "index names are lowercase"),
    (["--index", "{yyyy.MM}"], "index names are lowercase"),
    (["--extra-index", "surveys-{yyyy.MM"], "index names are lowercase"),
    (["--extra-index", "surveys-{yyyy/MM}"], "index names are lowercase"),
    (["--log-format", "Text", "--log-level", "DEBUG"], "--log-level needs --log-format JSON"),
    (["--log-format", "json"], "--log-format must be JSON or Text"),
    (["--name", "1bad"], "--name must start with a letter"),
    (["--create-domain", "X"], "--create-domain NAME"),
    (["--frobnicate"], "unknown argument: --frobnicate"),
    (["--api", "http", "--api-key", "partner"], "HTTP APIs have no API keys"),
    (["--rate-limit", "-5"], "--rate-limit must be a whole number"),
    (["--rate-limit", "fast"], "--rate-limit must be a whole number"),
    (["--burst", "0"], "--burst must be at least 1"),
    (["--max-concurrency", "ten"], "--max-concurrency must be a whole number"),
    (["--api-key", "a b"], "--api-key NAME"),
    (["--api-key", "p", "--api-key", "p"], "--api-key names must differ"),
    (["--cors-origin", "survey.example.org"], "--cors-origin wants scheme://host[:port]"),
    (["--cors-origin", "https://survey.example.org/form"], "--cors-origin wants scheme://host[:port]"),
    (["--cors-origin", "*", "--cors-origin", "https://a.example"], "give it alone"),
    (["--env", "CORS_ALLOW_ORIGINS=https://a.example"], "use --cors-origin"),
    (["--alarm-email", "ops"], "--alarm-email wants an email address"),
    (["--alarm-email", "ops@example.org", "--rejected-threshold", "100"], "--rejected-threshold must be"),
    (["--rejected-threshold", "half"], "--rejected-threshold must be"),
])
def test_bad_arguments_are_refused_before_any_call(env, small_zip, aws, args, message):
    proc = run(DEPLOY, env, "--name", "esp-bad", "--zip", str(small_zip), "--endpoint", ENDPOINT, *args, ok=False)
    assert proc.returncode != 0
    assert message in proc.stderr
    assert_nothing_left(aws, "esp-bad")


def test_endpoint_is_required_and_its_domain_must_be_known(env, small_zip, aws):
    proc = run(DEPLOY, env, "--name", "esp-bad", "--zip", str(small_zip), ok=False)
    assert "no endpoint" in proc.stderr
    proc = run(DEPLOY, env, "--name", "esp-bad", "--zip", str(small_zip), "--endpoint", "https://es.example.org",
               ok=False)
    assert "pass --domain-name NAME" in proc.stderr
    assert_nothing_left(aws, "esp-bad")


def test_routes_file_decides_the_indices_in_the_policies(env, aws, tmp_path):
    name = "esp-routes"
    zip_path = tmp_path / "routes.zip"
    with zipfile.ZipFile(zip_path, "w") as z:
        info = zipfile.ZipInfo("bootstrap")
        info.external_attr = 0o755 << 16
        z.writestr(info, "#!/bin/sh\n")
        z.writestr("routes.txt", "# survey answers\nPOST /a -> schemas/a.json -> surveys\n\n"
                                 "POST /b -> schemas/b.json -> feedback\nPOST /c -> schemas/c.json -> surveys\n")
    run(DEPLOY, env, "--name", name, "--zip", str(zip_path), "--endpoint", ENDPOINT, "--env", "ROUTES_FILE=routes.txt")
    try:
        check_role(aws, name, "big-survey", "surveys,feedback")
        variables = aws("lambda").get_function_configuration(FunctionName=name)["Environment"]["Variables"]
        assert variables["ROUTES_FILE"] == "routes.txt"
    finally:
        run(DESTROY, env, "--name", name)
    assert_nothing_left(aws, name)


def es_grants(document):
    """(action, resource) of every es: grant of a policy document."""
    return sorted((a, r) for st in document["Statement"] for a in ([st["Action"]] if isinstance(st["Action"], str) else st["Action"])
                  for r in ([st["Resource"]] if isinstance(st["Resource"], str) else st["Resource"]) if a.startswith("es:"))


def test_date_patterns_and_domain_assigned_ids_in_the_policies(env, small_zip, aws):
    """--index surveys-{yyyy.MM.dd}: granted on surveys-* (create, bulk, and _doc with DOC_ID=none),
    never on the domain's root; an exact --extra-index stays exact."""
    name = "esp-pattern"
    run(DEPLOY, env, "--name", name, "--zip", str(small_zip), "--create-domain", "esp-pattern-dom",
        "--index", "surveys-{yyyy.MM.dd}", "--extra-index", "logs-{xxxx.ww}", "--extra-index", "surveys-{yyyy.MM}",
        "--extra-index", "archive", "--env", "DOC_ID=none")
    try:
        arn = f"arn:aws:es:{REGION}:{ACCOUNT}:domain/esp-pattern-dom"
        expected = sorted([(action, f"{arn}/{index}/{path}") for index in ("surveys-*", "logs-*", "archive")
                           for action, path in (("es:ESHttpPut", "_create/*"), ("es:ESHttpPost", "_bulk"),
                                                ("es:ESHttpPost", "_doc"))])
        doc = aws("iam").get_role_policy(RoleName=f"{name}-role", PolicyName=f"{name}-execution")["PolicyDocument"]
        assert es_grants(policy_doc(doc)) == expected
        status = aws("opensearch").describe_domain(DomainName="esp-pattern-dom")["DomainStatus"]
        assert es_grants(policy_doc(status["AccessPolicies"])) == expected
        variables = aws("lambda").get_function_configuration(FunctionName=name)["Environment"]["Variables"]
        assert (variables["ES_INDEX"], variables["DOC_ID"]) == ("surveys-{yyyy.MM.dd}", "none")
        # The caller's DOC_ID=none counts too; without it no _doc.
        run(DEPLOY, dict(env, DOC_ID="none"), "--name", name, "--zip", str(small_zip), "--endpoint", ENDPOINT)
        check_role(aws, name, "big-survey", "bigsurvey", "_bulk,_doc")
        run(DEPLOY, env, "--name", name, "--zip", str(small_zip), "--endpoint", ENDPOINT)
        check_role(aws, name, "big-survey", "bigsurvey", "_bulk")
    finally:
        run(DESTROY, env, "--name", name)
    assert_nothing_left(aws, name)


def test_routes_file_missing_from_the_zip_is_an_error(env, small_zip, aws):
    proc = run(DEPLOY, env, "--name", "esp-bad", "--zip", str(small_zip), "--endpoint", ENDPOINT,
               "--env", "ROUTES_FILE=routes.txt", ok=False)
    assert "ROUTES_FILE=routes.txt is not in" in proc.stderr
    assert_nothing_left(aws, "esp-bad")


def cors_gateway_responses(aws, api_id):
    """The customised DEFAULT_4XX/DEFAULT_5XX gateway responses, type -> response parameters."""
    items = aws("apigateway").get_gateway_responses(restApiId=api_id)["items"]
    return {i["responseType"]: i.get("responseParameters") for i in items
            if not i.get("defaultResponse") and i["responseType"] in ("DEFAULT_4XX", "DEFAULT_5XX")}


def test_cors_origins_on_a_rest_api(env, small_zip, aws):
    name = "esp-cors"
    common = ["--name", name, "--zip", str(small_zip), "--endpoint", ENDPOINT]
    run(DEPLOY, env, *common, "--cors-origin", "https://survey.example.org")
    [api] = inventory(aws, name)["rest"]
    # One origin: API Gateway names it, as a quoted literal (its mapping syntax for a static value).
    one = {"gatewayresponse.header.Access-Control-Allow-Origin": "'https://survey.example.org'",
           "gatewayresponse.header.Vary": "'Origin'",
           "gatewayresponse.header.Access-Control-Expose-Headers": "'Idempotent-Replayed'"}
    assert cors_gateway_responses(aws, api["id"]) == {"DEFAULT_4XX": one, "DEFAULT_5XX": one}
    variables = aws("lambda").get_function_configuration(FunctionName=name)["Environment"]["Variables"]
    assert variables["CORS_ALLOW_ORIGINS"] == "https://survey.example.org"

    # Several origins: the request's own Origin header is echoed.
    run(DEPLOY, env, *common, "--cors-origin", "https://survey.example.org", "--cors-origin", "http://localhost:8080")
    several = dict(one, **{"gatewayresponse.header.Access-Control-Allow-Origin": "method.request.header.origin"})
    assert cors_gateway_responses(aws, api["id"]) == {"DEFAULT_4XX": several, "DEFAULT_5XX": several}
    variables = aws("lambda").get_function_configuration(FunctionName=name)["Environment"]["Variables"]
    assert variables["CORS_ALLOW_ORIGINS"] == "https://survey.example.org,http://localhost:8080"
    assert [a["id"] for a in inventory(aws, name)["rest"]] == [api["id"]]

    # Without the flag the gateway responses and the variable are gone; a response someone else
    # customised without CORS headers is left alone.
    aws("apigateway").put_gateway_response(restApiId=api["id"], responseType="THROTTLED",
                                           responseParameters={"gatewayresponse.header.Retry-After": "'1'"})
    run(DEPLOY, env, *common)
    assert cors_gateway_responses(aws, api["id"]) == {}
    assert "THROTTLED" in [i["responseType"] for i in aws("apigateway").get_gateway_responses(restApiId=api["id"])["items"]
                           if not i.get("defaultResponse")]
    variables = aws("lambda").get_function_configuration(FunctionName=name)["Environment"]["Variables"]
    assert "CORS_ALLOW_ORIGINS" not in variables
    run(DESTROY, env, "--name", name)
    assert_nothing_left(aws, name)


def test_cors_origins_on_an_http_api(env, small_zip, aws):
    name = "esp-cors-http"
    common = ["--name", name, "--zip", str(small_zip), "--endpoint", ENDPOINT, "--api", "http"]
    expected = {"AllowOrigins": ["https://survey.example.org", "http://localhost:8080"], "AllowMethods": ["POST"],
                "AllowHeaders": ["content-type", "idempotency-key"], "ExposeHeaders": ["Idempotent-Replayed"],
                "MaxAge": 600}
    run(DEPLOY, env, *common, "--cors-origin", "https://survey.example.org", "--cors-origin", "http://localhost:8080")
    [api] = inventory(aws, name)["http"]
    v2 = aws("apigatewayv2")
    assert v2.get_api(ApiId=api["ApiId"])["CorsConfiguration"] == expected
    # A second run (update-api) with one origin, then one without: no CORS configuration left.
    run(DEPLOY, env, *common, "--cors-origin", "https://survey.example.org")
    assert v2.get_api(ApiId=api["ApiId"])["CorsConfiguration"] == dict(expected, AllowOrigins=["https://survey.example.org"])
    run(DEPLOY, env, *common)
    assert "CorsConfiguration" not in v2.get_api(ApiId=api["ApiId"])
    assert [a["ApiId"] for a in inventory(aws, name)["http"]] == [api["ApiId"]]
    run(DESTROY, env, "--name", name)
    assert_nothing_left(aws, name)


def test_dry_run_shows_the_cors_calls(env, small_zip, aws):
    rest = run(DEPLOY, env, "--name", "esp-dry-cors", "--zip", str(small_zip), "--endpoint", ENDPOINT,
               "--cors-origin", "https://survey.example.org", "--dry-run").stdout
    params = ('{"gatewayresponse.header.Access-Control-Allow-Origin":"\'https://survey.example.org\'",'
              '"gatewayresponse.header.Vary":"\'Origin\'",'
              '"gatewayresponse.header.Access-Control-Expose-Headers":"\'Idempotent-Replayed\'"}')
    for kind in ("DEFAULT_4XX", "DEFAULT_5XX"):
        line = [l for l in rest.splitlines() if f"put-gateway-response --rest-api-id '<api-id>' --response-type {kind}" in l]
        assert len(line) == 1
        assert subprocess.run(["bash", "-c", f"printf '%s\\n' {line[0].split('--response-parameters ', 1)[1]}"],
                              capture_output=True, text=True).stdout.strip() == params
    http = run(DEPLOY, env, "--name", "esp-dry-cors", "--zip", str(small_zip), "--endpoint", ENDPOINT, "--api", "http",
               "--cors-origin", "https://survey.example.org", "--dry-run").stdout
    assert "apigatewayv2 create-api --name esp-dry-cors" in http and "--cors-configuration" in http
    assert_nothing_left(aws, "esp-dry-cors")


def alarm_state(aws, name):
    """The topic, its email subscriptions and the two alarms deploy makes for `name`."""
    sns, cw = aws("sns"), aws("cloudwatch")
    topics = [t["TopicArn"] for t in sns.list_topics()["Topics"] if t["TopicArn"].endswith(f":{name}-alarms")]
    subs = []
    for t in topics:
        subs += [(s["Protocol"], s["Endpoint"]) for s in sns.list_subscriptions_by_topic(TopicArn=t)["Subscriptions"]]
    alarms = {a["AlarmName"]: a for a in cw.describe_alarms(AlarmNamePrefix=f"{name}-")["MetricAlarms"]}
    return topics, subs, alarms


def test_alarm_email_topic_and_two_alarms(env, small_zip, aws):
    name = "esp-alarms"
    common = ["--name", name, "--zip", str(small_zip), "--endpoint", ENDPOINT]
    run(DEPLOY, env, *common, "--alarm-email", "ops@example.org")
    topic = f"arn:aws:sns:{REGION}:{ACCOUNT}:{name}-alarms"
    topics, subs, alarms = alarm_state(aws, name)
    assert topics == [topic] and subs == [("email", "ops@example.org")]
    assert aws("sns").list_tags_for_resource(ResourceArn=topic)["Tags"] == [{"Key": "esproxy", "Value": name}]
    assert set(alarms) == {f"{name}-domain-errors", f"{name}-rejected-share"}
    errors = alarms[f"{name}-domain-errors"]
    assert (errors["Namespace"], errors["MetricName"], errors["Dimensions"]) == (
        "ESProxy", "DomainErrors", [{"Name": "FunctionName", "Value": name}])
    assert (errors["Statistic"], errors["Period"], errors["EvaluationPeriods"], errors["Threshold"],
            errors["ComparisonOperator"], errors["TreatMissingData"], errors["AlarmActions"]) == (
        "Sum", 300, 1, 0.0, "GreaterThanThreshold", "notBreaching", [topic])
    share = alarms[f"{name}-rejected-share"]
    metrics = {m["Id"]: m for m in share["Metrics"]}
    [expression] = [m for m in share["Metrics"] if m.get("ReturnData")]
    # Rejected / (Documents + Rejected) in percent, from the two Sum series of 15 minutes.
    ids = {m["MetricStat"]["Metric"]["MetricName"]: i for i, m in metrics.items() if "MetricStat" in m}
    assert expression["Expression"].replace(" ", "") == f"100*{ids['Rejected']}/({ids['Documents']}+{ids['Rejected']})"
    for metric in ("Rejected", "Documents"):
        stat = metrics[ids[metric]]["MetricStat"]
        assert stat == {"Metric": {"Namespace": "ESProxy", "MetricName": metric,
                                   "Dimensions": [{"Name": "FunctionName", "Value": name}]},
                        "Period": 900, "Stat": "Sum"}
    assert (share["Threshold"], share["ComparisonOperator"], share["EvaluationPeriods"], share["AlarmActions"]) == (
        50.0, "GreaterThanThreshold", 1, [topic])
    for alarm in alarms.values():
        assert aws("cloudwatch").list_tags_for_resource(ResourceARN=alarm["AlarmArn"])["Tags"] == [
            {"Key": "esproxy", "Value": name}]

    # A second run updates (new address, threshold, namespace) and duplicates nothing.
    run(DEPLOY, env, *common, "--alarm-email", "oncall@example.org", "--rejected-threshold", "20",
        "--env", "METRICS_NAMESPACE=Surveys")
    topics, subs, alarms = alarm_state(aws, name)
    assert topics == [topic] and subs == [("email", "oncall@example.org")]
    assert len(alarms) == 2
    assert alarms[f"{name}-rejected-share"]["Threshold"] == 20.0
    assert alarms[f"{name}-domain-errors"]["Namespace"] == "Surveys"
    assert {m["MetricStat"]["Metric"]["Namespace"] for m in alarms[f"{name}-rejected-share"]["Metrics"]
            if "MetricStat" in m} == {"Surveys"}
    run(DEPLOY, env, *common, "--alarm-email", "oncall@example.org", "--rejected-threshold", "20",
        "--env", "METRICS_NAMESPACE=Surveys")
    assert alarm_state(aws, name)[:2] == ([topic], [("email", "oncall@example.org")])

    # Destroy removes alarms, subscription and topic (its dry run lists them first).
    dry = run(DESTROY, env, "--name", name, "--dry-run").stdout.splitlines()
    cli = f"aws --region {REGION}"
    assert dry[:2] == [f"{cli} cloudwatch delete-alarms --alarm-names {name}-domain-errors",
                       f"{cli} cloudwatch delete-alarms --alarm-names {name}-rejected-share"]
    assert dry[2].startswith(f"{cli} sns unsubscribe --subscription-arn {topic}:")
    assert dry[3] == f"{cli} sns delete-topic --topic-arn {topic}"
    run(DESTROY, env, "--name", name)
    assert alarm_state(aws, name) == ([], [], {})
    assert aws("sns").list_subscriptions()["Subscriptions"] == [] or all(
        not s["TopicArn"].endswith(f":{name}-alarms") for s in aws("sns").list_subscriptions()["Subscriptions"])
    assert_nothing_left(aws, name)


def test_a_run_without_alarm_email_removes_the_alarms(env, small_zip, aws):
    name = "esp-alarms-off"
    common = ["--name", name, "--zip", str(small_zip), "--endpoint", ENDPOINT]
    run(DEPLOY, env, *common, "--alarm-email", "ops@example.org")
    assert len(alarm_state(aws, name)[2]) == 2
    run(DEPLOY, env, *common)
    assert alarm_state(aws, name) == ([], [], {})
    run(DESTROY, env, "--name", name)
    assert_nothing_left(aws, name)


def test_dry_run_shows_the_alarm_calls(env, small_zip, aws):
    name = "esp-dry-alarms"
    out = run(DEPLOY, env, "--name", name, "--zip", str(small_zip), "--endpoint", ENDPOINT,
              "--alarm-email", "ops@example.org", "--rejected-threshold", "30", "--dry-run").stdout
    topic = f"arn:aws:sns:{REGION}:{ACCOUNT}:{name}-alarms"
    for call in (f"sns create-topic --name {name}-alarms --tags Key=esproxy,Value={name}",
                 f"sns subscribe --topic-arn {topic} --protocol email --notification-endpoint ops@example.org",
                 f"cloudwatch put-metric-alarm --alarm-name {name}-domain-errors",
                 f"cloudwatch put-metric-alarm --alarm-name {name}-rejected-share"):
        assert call in out, call
    assert "--threshold 30 " in out
    assert alarm_state(aws, name) == ([], [], {})
    assert_nothing_left(aws, name)


@pytest.fixture
def local_domain(tmp_path):
    """The project's local domain on 127.0.0.1, verifying SigV4 (botocore's rules) against the
    credentials the deploy tests give the AWS CLI, in the tests' region."""
    proc = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "local-domain"), "--port", "0", "--data",
                             str(tmp_path / "domain"), "--access-key", "testing", "--secret-key", "testing",
                             "--region", REGION], stdout=subprocess.PIPE, stderr=open(tmp_path / "domain.log", "w"))
    info = json.loads(proc.stdout.readline())
    yield info["url"]
    proc.terminate()
    proc.wait(timeout=10)


def domain_get(url, path):
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
    request = AWSRequest(method="GET", url=url + path)
    SigV4Auth(Credentials("testing", "testing"), "es", REGION).add_auth(request)
    try:
        with urllib.request.urlopen(urllib.request.Request(url + path, headers=dict(request.headers.items())),
                                    timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, None


def test_apply_template_puts_the_schema_check_templates_before_the_function(env, small_zip, aws, local_domain,
                                                                            binary, tmp_path):
    name = "esp-tpl"
    tenv = dict(env, ESPROXY_SCHEMA_CHECK=binary)
    common = ["--name", name, "--zip", str(small_zip), "--endpoint", local_domain, "--domain-name", "local"]

    # The dry run prints the template steps and stores nothing.
    dry = run(DEPLOY, tenv, *common, "--apply-template", "--index", "surveys-{yyyy.MM.dd}", "--dry-run").stdout
    [line] = [l for l in dry.splitlines() if "put_template.py" in l]
    assert f"{binary} --opensearch-template 'surveys-*' " in line
    assert f"put_template.py {local_domain} esproxy-{name}-surveys /dev/stdin {REGION} es" in line
    assert domain_get(local_domain, f"/_index_template/esproxy-{name}-surveys")[0] == 404

    # Wrong credentials: the domain answers 403, deploy stops before the function exists.
    failed = run(DEPLOY, dict(tenv, AWS_SECRET_ACCESS_KEY="not-the-domains"), *common, "--apply-template",
                 "--index", "surveys-{yyyy.MM.dd}", ok=False)
    assert failed.returncode != 0
    assert f"PUT /_index_template/esproxy-{name}-surveys on {local_domain} answered 403" in failed.stderr
    assert "_index_template/*" in failed.stderr
    assert inventory(aws, name)["functions"] == []

    run(DEPLOY, tenv, *common, "--apply-template", "--index", "surveys-{yyyy.MM.dd}", "--extra-index", "archive")
    try:
        schema = ROOT / "schemas" / "bigsurvey.json"
        for template, pattern in ((f"esproxy-{name}-surveys", "surveys-*"), (f"esproxy-{name}-archive", "archive")):
            made = subprocess.run([binary, "--opensearch-template", pattern, str(schema)], capture_output=True,
                                  check=True, timeout=60)
            status, body = domain_get(local_domain, f"/_index_template/{template}")
            assert status == 200
            [stored] = body["index_templates"]
            assert stored["name"] == template
            expected = json.loads(made.stdout)
            assert stored["index_template"]["index_patterns"] == [pattern] == expected["index_patterns"]
            assert stored["index_template"]["template"]["mappings"] == expected["template"]["mappings"]
        assert inventory(aws, name)["functions"] != []
    finally:
        run(DESTROY, env, "--name", name)
    assert_nothing_left(aws, name)


def test_apply_template_takes_each_routes_schema(env, aws, local_domain, binary, tmp_path):
    name = "esp-tpl-routes"
    schemas = {"a": {"type": "object", "properties": {"n": {"type": "number"}}},
               "b": {"type": "object", "properties": {"addr": {"type": "string", "format": "ipv4"}}}}
    zip_path = tmp_path / "routes.zip"
    with zipfile.ZipFile(zip_path, "w") as z:
        info = zipfile.ZipInfo("bootstrap")
        info.external_attr = 0o755 << 16
        z.writestr(info, "#!/bin/sh\n")
        for key, schema in schemas.items():
            z.writestr(f"schemas/{key}.json", json.dumps(schema))
        z.writestr("routes.txt", "POST /a -> schemas/a.json -> numbers-{yyyy.MM}\nPOST /b -> schemas/b.json -> hosts\n"
                                 "POST /c -> schemas/b.json -> hosts\n")
        z.writestr("clash.txt", "POST /a -> schemas/a.json -> hosts\nPOST /b -> schemas/b.json -> hosts\n")
    tenv = dict(env, ESPROXY_SCHEMA_CHECK=binary)
    common = ["--name", name, "--zip", str(zip_path), "--endpoint", local_domain, "--domain-name", "local",
              "--apply-template"]
    try:
        clash = run(DEPLOY, tenv, *common, "--env", "ROUTES_FILE=clash.txt", ok=False)
        assert clash.returncode != 0 and "one template needs one schema" in clash.stderr
        run(DEPLOY, tenv, *common, "--env", "ROUTES_FILE=routes.txt")
        for key, template, pattern in (("a", f"esproxy-{name}-numbers", "numbers-*"),
                                       ("b", f"esproxy-{name}-hosts", "hosts")):
            schema = tmp_path / f"{key}.json"
            schema.write_text(json.dumps(schemas[key]))
            made = json.loads(subprocess.run([binary, "--opensearch-template", pattern, str(schema)],
                                             capture_output=True, check=True, timeout=60).stdout)
            status, body = domain_get(local_domain, f"/_index_template/{template}")
            assert status == 200
            [stored] = body["index_templates"]
            assert stored["index_template"]["index_patterns"] == [pattern]
            assert stored["index_template"]["template"]["mappings"] == made["template"]["mappings"]
        assert len(domain_get(local_domain, "/_index_template")[1]["index_templates"]) == 2
    finally:
        run(DESTROY, env, "--name", name)
    assert_nothing_left(aws, name)
