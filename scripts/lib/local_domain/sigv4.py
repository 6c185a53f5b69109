"""Independent SigV4 check of incoming requests, computed with botocore.

The request is rebuilt from what arrived: only the headers the client says it signed (plus those
the domain insists on: host, the session token, the real payload hash), the client's own
X-Amz-Date, and the domain's region and service. botocore then gives the canonical request,
string to sign and signature that a correct client must have produced; on mismatch they go back
in AWS's message so a client author can diff them against their own.
"""

import calendar
import hashlib
import hmac
import re
import time
from urllib.parse import unquote

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.compat import HTTPHeaders
from botocore.credentials import Credentials

SKEW_SECONDS = 15 * 60
AMZ_DATE = re.compile(r"^\d{8}T\d{6}Z$")
MISMATCH = ("The request signature we calculated does not match the signature you provided. "
            "Check your AWS Secret Access Key and signing method. Consult the service "
            "documentation for details.")
INVALID_TOKEN = "The security token included in the request is invalid."


class AuthFailure(Exception):
    """A refused request: 403 with AWS's body {"message": ...} and x-amzn-ErrorType."""

    def __init__(self, error_type, message, status=403):
        super().__init__(message)
        self.status, self.error_type, self.message = status, error_type, message

    def body(self):
        return {"message": self.message}


class _ExactHeaders(SigV4Auth):
    # botocore drops some headers (user-agent, expect, ...) from signing when it signs; a verifier
    # must sign exactly the headers the client named, which are the only ones in the rebuilt request.
    def headers_to_sign(self, request):
        headers = HTTPHeaders()
        for name, value in request.headers.items():
            headers[name.lower()] = value
        return headers


class Verifier:
    """Checks requests against one set of credentials for one region and service."""

    def __init__(self, access_key, secret_key, token, region, service, clock=time.time):
        self.access_key, self.token = access_key, token
        self.region, self.service = region, service
        self.clock = clock
        self.signer = _ExactHeaders(Credentials(access_key, secret_key, token), service, region)

    def verify(self, method, path, query, headers, body, scheme="http"):
        """Raises AuthFailure unless the request is correctly signed. `headers` maps lowercase
        names to values (repeated headers joined with ','), `path` and `query` are raw (encoded)."""
        authorization = headers.get("authorization")
        if not authorization:
            raise AuthFailure("MissingAuthenticationTokenException", "Missing Authentication Token")
        access_key, scope, signed, signature = self._parse(authorization, headers)
        if access_key != self.access_key:
            raise AuthFailure("UnrecognizedClientException", INVALID_TOKEN)
        amz_date = headers["x-amz-date"]
        self._check_time(amz_date)
        expected_headers = self._expected_headers(signed, headers, body)

        request = AWSRequest(method=method, url=f"{scheme}://{headers.get('host', '')}{path or '/'}",
                             headers=expected_headers, data=body, params=_query_pairs(query))
        request.context["timestamp"] = amz_date
        canonical = self.signer.canonical_request(request)
        string_to_sign = self.signer.string_to_sign(request, canonical)
        wanted = self.signer.signature(string_to_sign, request)
        if not hmac.compare_digest(wanted, signature):
            message = (f"{MISMATCH}\n\nThe Canonical String for this request should have been\n"
                       f"'{canonical}'\n\nThe String-to-Sign should have been\n'{string_to_sign}'\n")
            raise AuthFailure("InvalidSignatureException", message)
        return scope

    def _parse(self, authorization, headers):
        algorithm, _, rest = authorization.strip().partition(" ")
        if algorithm != "AWS4-HMAC-SHA256":
            raise AuthFailure("IncompleteSignatureException",
                              f"Authorization header requires 'Credential' parameter. Authorization "
                              f"header requires 'Signature' parameter. Authorization header requires "
                              f"'SignedHeaders' parameter. Authorization={authorization}")
        params = {}
        for part in rest.split(","):
            key, eq, value = part.strip().partition("=")
            if eq:
                params[key] = value
        problems = [f"Authorization header requires '{p}' parameter."
                    for p in ("Credential", "Signature", "SignedHeaders") if not params.get(p)]
        if "x-amz-date" not in headers:
            problems.append("Authorization header requires existence of either a 'X-Amz-Date' or "
                            "a 'Date' header.")
        if problems:
            raise AuthFailure("IncompleteSignatureException",
                              " ".join(problems) + f" Authorization={authorization}")
        credential = params["Credential"].split("/")
        if len(credential) != 5 or credential[4] != "aws4_request":
            raise AuthFailure("IncompleteSignatureException",
                              f"Credential should be scoped to a valid region, service and "
                              f"terminator 'aws4_request'. Credential={params['Credential']}")
        signed = [h.strip().lower() for h in params["SignedHeaders"].split(";") if h.strip()]
        return credential[0], "/".join(credential[1:]), signed, params["Signature"]

    def _check_time(self, amz_date):
        if not AMZ_DATE.match(amz_date):
            raise AuthFailure("IncompleteSignatureException",
                              f"Date must be in ISO-8601 'basic format'. Got '{amz_date}'. See "
                              f"http://en.wikipedia.org/wiki/ISO_8601")
        signed_at = calendar.timegm(time.strptime(amz_date, "%Y%m%dT%H%M%SZ"))
        now = self.clock()
        stamp = lambda t: time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(t))  # noqa: E731
        if signed_at < now - SKEW_SECONDS:
            raise AuthFailure("InvalidSignatureException",
                              f"Signature expired: {amz_date} is now earlier than "
                              f"{stamp(now - SKEW_SECONDS)} ({stamp(now)} - 15 min.)")
        if signed_at > now + SKEW_SECONDS:
            raise AuthFailure("InvalidSignatureException",
                              f"Signature not yet current: {amz_date} is still later than "
                              f"{stamp(now + SKEW_SECONDS)} ({stamp(now)} + 15 min.)")

    def _expected_headers(self, signed, headers, body):
        expected = HTTPHeaders()
        chosen = {name: headers.get(name, "") for name in signed}
        chosen.setdefault("host", headers.get("host", ""))
        sent_token = headers.get("x-amz-security-token")
        if self.token is None and sent_token is not None:
            raise AuthFailure("UnrecognizedClientException", INVALID_TOKEN)
        if self.token is not None:
            if sent_token is not None and sent_token != self.token:
                raise AuthFailure("UnrecognizedClientException", INVALID_TOKEN)
            chosen["x-amz-security-token"] = self.token
        actual = hashlib.sha256(body).hexdigest()
        claimed = headers.get("x-amz-content-sha256")
        if (claimed is not None and claimed != actual) or (claimed is None and self.service == "aoss"):
            chosen["x-amz-content-sha256"] = actual
        for name, value in chosen.items():
            expected[name] = value
        return expected


def _query_pairs(query):
    """Decoded (name, value) pairs; botocore re-encodes them the way SigV4 wants."""
    pairs = []
    for part in query.split("&") if query else []:
        if part:
            name, _, value = part.partition("=")
            pairs.append((unquote(name), unquote(value)))
    return pairs
