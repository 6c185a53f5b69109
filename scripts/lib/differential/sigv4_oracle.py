"""botocore's `SigV4Auth` as the oracle for our signer, with the signing time frozen."""

import datetime
from unittest import mock

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def _request(case):
    host = next(v for n, v in case["headers"] if n.lower() == "host").strip()
    url = f"https://{host}{case['path']}" + (f"?{case['query']}" if case["query"] else "")
    request = AWSRequest(method=case["method"], url=url, data=bytes.fromhex(case["body_hex"]))
    for name, value in case["headers"]:
        request.headers[name] = value  # HTTPHeaders appends: repeated names stay repeated
    return request


def _auth(case):
    credentials = Credentials(case["access_key"], case["secret_key"], case["token"])
    return SigV4Auth(credentials, case["service"], case["region"])


def sign(case):
    """Canonical request, string to sign, signature and Authorization, computed by the steps of
    `SigV4Auth.add_auth` with the timestamp set instead of read from the clock."""
    moment = datetime.datetime.fromtimestamp(case["time"], datetime.timezone.utc).replace(tzinfo=None)
    auth, request = _auth(case), _request(case)
    request.context["timestamp"] = moment.strftime("%Y%m%dT%H%M%SZ")
    auth._modify_request_before_signing(request)
    canonical = auth.canonical_request(request)
    string_to_sign = auth.string_to_sign(request, canonical)
    signature = auth.signature(string_to_sign, request)
    auth._inject_signature_to_request(request, signature)
    out = {"canonical_request": canonical, "string_to_sign": string_to_sign, "signature": signature,
           "authorization": request.headers["Authorization"]}
    # The replay above must be add_auth itself: check against the real thing with a frozen clock.
    replay = _request(case)
    with mock.patch("botocore.auth.get_current_datetime", return_value=moment):
        _auth(case).add_auth(replay)
    assert replay.headers["Authorization"] == out["authorization"], "add_auth replay diverged"
    return out
