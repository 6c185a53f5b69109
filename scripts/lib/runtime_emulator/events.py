"""HTTP request -> API Gateway proxy event, and the function's answer -> HTTP response.

Follows what API Gateway sends for a `{proxy+}` REST API (payload 1.0) and an HTTP API `$default`
route (payload 2.0), like `sam local start-api`. Bodies that are valid UTF-8 go as text, others
base64-encoded with `isBase64Encoded: true`.
"""

import base64
import json
import time
import uuid
from urllib.parse import parse_qsl, urlsplit

ACCOUNT_ID = "123456789012"
API_ID = "emulator"


def _body_fields(body):
    if not body:
        return None, False
    try:
        return body.decode("utf-8"), False
    except UnicodeDecodeError:
        return base64.b64encode(body).decode("ascii"), True


def build_event(payload, method, target, headers, body, source_ip):
    """`headers` is a list of (name, value) as received; returns the event as bytes."""
    parts = urlsplit(target)
    path = parts.path or "/"
    query = parse_qsl(parts.query, keep_blank_values=True)
    text, is_b64 = _body_fields(body)
    now = time.time()
    request_id = str(uuid.uuid4())
    if payload == "1.0":
        single, multi = {}, {}
        for name, value in headers:
            single[name] = value
            multi.setdefault(name, []).append(value)
        qs, mqs = {}, {}
        for name, value in query:
            qs[name] = value
            mqs.setdefault(name, []).append(value)
        event = {
            "resource": "/{proxy+}",
            "path": path,
            "httpMethod": method,
            "headers": single or None,
            "multiValueHeaders": multi or None,
            "queryStringParameters": qs or None,
            "multiValueQueryStringParameters": mqs or None,
            "pathParameters": {"proxy": path.lstrip("/")},
            "stageVariables": None,
            "requestContext": {
                "accountId": ACCOUNT_ID, "apiId": API_ID, "resourceId": "proxy", "resourcePath": "/{proxy+}",
                "stage": "local", "requestId": request_id, "httpMethod": method, "path": "/local" + path,
                "protocol": "HTTP/1.1", "requestTimeEpoch": int(now * 1000),
                "identity": {"sourceIp": source_ip, "userAgent": _first(headers, "user-agent")},
            },
            "body": text,
            "isBase64Encoded": is_b64,
        }
    else:
        joined = {}
        cookies = []
        for name, value in headers:
            key = name.lower()
            if key == "cookie":
                cookies.extend(c.strip() for c in value.split(";") if c.strip())
                continue
            joined[key] = joined[key] + "," + value if key in joined else value
        qs = {}
        for name, value in query:
            qs[name] = qs[name] + "," + value if name in qs else value
        event = {
            "version": "2.0",
            "routeKey": "$default",
            "rawPath": path,
            "rawQueryString": parts.query,
            "headers": joined,
            "requestContext": {
                "accountId": ACCOUNT_ID, "apiId": API_ID, "domainName": joined.get("host", "localhost"),
                "domainPrefix": API_ID, "requestId": request_id, "routeKey": "$default", "stage": "$default",
                "time": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(now)), "timeEpoch": int(now * 1000),
                "http": {"method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": source_ip,
                         "userAgent": joined.get("user-agent", "")},
            },
            "isBase64Encoded": is_b64,
        }
        if cookies:
            event["cookies"] = cookies
        if qs:
            event["queryStringParameters"] = qs
        if text is not None:
            event["body"] = text
    return json.dumps(event).encode()


def _first(headers, wanted):
    for name, value in headers:
        if name.lower() == wanted:
            return value
    return None


class BadResponse(Exception):
    pass


def parse_response(payload, result):
    """Returns (status, [(name, value)], body bytes); raises BadResponse like API Gateway's 502."""
    try:
        doc = json.loads(result)
    except ValueError:
        if payload == "2.0":
            return 200, [("Content-Type", "application/json")], result
        raise BadResponse("function result is not JSON")
    if payload == "2.0" and not (isinstance(doc, dict) and "statusCode" in doc):
        # HTTP API infers a response from any other JSON value.
        return 200, [("Content-Type", "application/json")], result
    if not isinstance(doc, dict) or not isinstance(doc.get("statusCode"), int):
        raise BadResponse("function result has no integer statusCode")
    headers = []
    for name, value in (doc.get("headers") or {}).items():
        headers.append((name, str(value)))
    for name, values in (doc.get("multiValueHeaders") or {}).items():
        for value in values or []:
            headers.append((name, str(value)))
    for cookie in doc.get("cookies") or []:
        headers.append(("Set-Cookie", str(cookie)))
    body = doc.get("body") or ""
    if not isinstance(body, str):
        raise BadResponse("body is not a string")
    if doc.get("isBase64Encoded"):
        try:
            data = base64.b64decode(body, validate=True)
        except ValueError:
            raise BadResponse("body is not valid base64")
    else:
        data = body.encode("utf-8")
    return doc["statusCode"], headers, data
