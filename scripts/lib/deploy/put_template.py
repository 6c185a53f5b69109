#!/usr/bin/env python3
"""PUTs an index template on a domain, SigV4-signed with the caller's own credentials.

Usage: put_template.py ENDPOINT TEMPLATE_NAME BODY_FILE REGION SERVICE

ENDPOINT is the domain's URL (https://search-...es.amazonaws.com, or http://127.0.0.1:PORT for the
local domain); SERVICE is `es` (OpenSearch Service) or `aoss` (Serverless). The credentials are
botocore's usual chain (environment, ~/.aws, instance role...), the same the AWS CLI uses, so the
request is made as the person running scripts/deploy, never as the function's role. Exit status 0
on a 2xx answer; anything else prints the status and the domain's answer and exits 1.
"""
import sys
import urllib.error
import urllib.request

import botocore.session
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest


def put_template(endpoint, name, body, region, service, timeout=60):
    """(status, answer text) of the signed PUT /_index_template/NAME."""
    credentials = botocore.session.Session().get_credentials()
    if credentials is None:
        raise RuntimeError("no AWS credentials found (the AWS CLI's chain: environment, ~/.aws, role)")
    url = endpoint.rstrip("/") + "/_index_template/" + name
    request = AWSRequest(method="PUT", url=url, data=body, headers={"Content-Type": "application/json"})
    SigV4Auth(credentials.get_frozen_credentials(), service, region).add_auth(request)
    prepared = urllib.request.Request(url, data=body, method="PUT", headers=dict(request.headers.items()))
    try:
        with urllib.request.urlopen(prepared, timeout=timeout) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def main(argv):
    if len(argv) != 6:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    endpoint, name, body_file, region, service = argv[1:]
    with open(body_file, "rb") as f:
        body = f.read()
    try:
        status, text = put_template(endpoint, name, body, region, service)
    except (OSError, RuntimeError) as error:
        print(f"put_template: PUT /_index_template/{name} on {endpoint} failed: {error}", file=sys.stderr)
        return 1
    if not 200 <= status < 300:
        print(f"put_template: PUT /_index_template/{name} on {endpoint} answered {status}: {text.strip()[:2000]}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
