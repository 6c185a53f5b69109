"""The checked-in list of deliberate differences between our implementations and the Python
oracles used by the differential tests. A mismatch the tests find must match an entry here (its
`matches` predicate) or the test fails; every entry says why the difference is deliberate."""

# Inputs the schema generator never produces, because Python's jsonschema is not a faithful oracle
# for them (the difference lies in the oracle, not in the JSON Schema semantics under test).
SCHEMA_GENERATOR_RESTRICTIONS = [
    ("regex-dialect",
     "Patterns are simple ones on which ECMA-262 (the dialect JSON Schema specifies, which our engine "
     "implements) and Python `re` agree: no \\d \\w \\s (Unicode-aware in Python, ASCII in ECMA), no "
     "lookbehind or \\u escapes; instances hold no line terminators, since Python's `.` matches \\r, "
     "U+2028 and U+2029 and its `$` matches before a final \\n, ECMA's do not."),
    ("format-hostname",
     "Not generated: Python checks `hostname` only with the `fqdn` package, which is not installed "
     "(and implements FQDN rules, not RFC 1123), so `hostname` is silently unchecked on the Python side."),
    ("format-per-draft",
     "Each draft gets only the formats it defines (draft-04: ipv4 ipv6 date-time email; draft-07 adds "
     "date; 2020-12 adds uuid): `jsonschema.FormatChecker()` checks every format in every draft, our "
     "engine leaves formats unknown to the draft unchecked, as the drafts say."),
]

# How the Python oracle is configured, and why.
SCHEMA_ORACLE_ADJUSTMENTS = [
    ("decimal-numbers",
     "Schemas and instances are parsed with `parse_float=Decimal`: with binary floats Python finds "
     "0.3 not a multipleOf 0.1 and rounds long decimals; our engine compares decimal digits exactly, "
     "which JSON Schema asks for (numbers are decimal values)."),
    ("integer-zero-fraction",
     "`integer` accepts any number with a zero fractional part (1.0, 1e2) in every draft, ours and the "
     "oracle's (whose draft-04 type checker otherwise rejects floats). Project decision: draft-04 "
     "calls an integer a JSON number without a fractional part, and the later drafts say so plainly."),
]

import re


def rewrite_strings(value, rewrite):
    """`value` with `rewrite` applied to every string in it (member names excluded)."""
    if isinstance(value, str):
        return rewrite(value)
    if isinstance(value, list):
        return [rewrite_strings(v, rewrite) for v in value]
    if isinstance(value, dict):
        return {k: rewrite_strings(v, rewrite) for k, v in value.items()}
    return value


def explained_by(rewrite, schema_must_contain):
    """A predicate for a mismatch that disappears (Python then agrees with our verdict) once
    `rewrite` removes one specific feature from the instance's strings: that feature is the whole
    cause. `rewrite` returns a string unchanged where the feature is absent. The direction of the
    mismatch is not fixed, since the format may sit under `not`, `oneOf` or `if`."""
    def matches(case):
        if schema_must_contain not in case.schema_text:
            return False
        changed = rewrite_strings(case.instance, rewrite)
        return changed != case.instance and case.python(changed) == case.ours
    return matches


# Addresses every RFC 5321 reading accepts (dot-atom local part, letter-led LDH labels): a
# mismatch on one of these is never excused as Python's laxness.
PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                           r"@([A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?")


def _email_lax(text):
    if "@" not in text or PLAIN_ADDRESS.fullmatch(text):
        return text
    return text.replace("@", "_")


# A leap second where RFC 3339 allows one: 23:59:60 in UTC, whatever the local offset.
LEAP_SECOND = re.compile(r"T(\d\d):(\d\d):60(\.\d+)?([Zz]|([+-])(\d\d):(\d\d))$")


def _leap_second(text):
    m = LEAP_SECOND.search(text)
    if not m:
        return text
    minutes = int(m.group(1)) * 60 + int(m.group(2))
    if m.group(5):
        offset = int(m.group(6)) * 60 + int(m.group(7))
        minutes -= offset if m.group(5) == "+" else -offset
    if minutes % 1440 != 23 * 60 + 59:
        return text
    return text[:m.start()] + f"T{m.group(1)}:{m.group(2)}:59" + text[m.start() + 9:]


def _uuid_braces(text):
    # A brace is then as wrong to Python as to us: any non-hex character is.
    return text.replace("{", "g").replace("}", "g")


def _year_zero(text):
    # 2000, like 0000, is a leap year, so the rewrite keeps 02-29 as valid as it was.
    return "2000-" + text[5:] if text.startswith("0000-") else text


# Mismatches found by the schema test and accepted. `matches(case)` gets the draft, schema,
# schema_text, instance, python_valid, ours and `python(instance)` (the oracle on another instance).
SCHEMA_KNOWN_MISMATCHES = [
    {"id": "email-lax",
     "reason": "Python's `email` check is only `\"@\" in value`; ours is RFC 5321, so a string with '@' "
               "that is no address is valid for Python only. Explained when the string is "
               "not a plain dot-atom address (PLAIN_ADDRESS), and replacing '@' by '_' makes Python agree.",
     "matches": explained_by(_email_lax, '"format":"email"')},
    {"id": "leap-second",
     "reason": "rfc3339-validator (Python's date-time check) rejects a seconds value of 60; RFC 3339 "
               "section 5.7 allows leap seconds, and the JSON-Schema-Test-Suite (optional/format/date-time) "
               "requires 23:59:60Z to be valid. Explained when the 60 is at 23:59 UTC, and "
               ":60 -> :59 makes Python agree.",
     "matches": explained_by(_leap_second, '"format":"date-time"')},
    {"id": "year-zero",
     "reason": "Python's date/date-time checks reject year 0000 (datetime starts at year 1; "
               "rfc3339-validator refuses it explicitly); RFC 3339's date-fullyear is any 4DIGIT. "
               "Explained when 0000- -> 2000- makes Python agree.",
     "matches": explained_by(_year_zero, '"format":"date')},
    {"id": "uuid-braces",
     "reason": "Python's uuid check is `uuid.UUID(value)` plus dashes at 8, 13, 18, 23; `uuid.UUID` strips "
               "'{' and '}' (and 'urn:uuid:'), so '…16380}' passes. RFC 9562's string form (the format's "
               "definition) has no braces. Explained when braces -> 'g' (a non-hex digit) makes Python agree.",
     "matches": explained_by(_uuid_braces, '"format":"uuid"')},
]


# Inputs the SigV4 generator never produces, and why.
SIGV4_GENERATOR_RESTRICTIONS = [
    ("hop-by-hop-headers",
     "No Connection, Keep-Alive, TE, Trailer, Transfer-Encoding, Upgrade or Proxy-* headers: botocore "
     "never signs them, aws-c-auth skips only some, and ours signs them; the gateway sends none. "
     "User-Agent, X-Amzn-Trace-Id and Expect (unsigned by ours and botocore alike) are generated."),
    ("date-and-content-sha256-headers",
     "No Date or X-Amz-Content-SHA256 request header: botocore then signs a Date header instead of "
     "X-Amz-Date, or takes the header as the payload hash; the gateway sends neither."),
    ("header-value-whitespace",
     "Header values hold only space and tab as whitespace, and printable characters otherwise: "
     "botocore trims with Python's str.split(), which also splits on \\v \\f \\x1c-\\x1f, U+0085, U+00A0 "
     "and other Unicode spaces; SigV4 (and ours) trims spaces and tabs (and CR/LF of folded lines)."),
    ("well-formed-percent-encoding",
     "Paths and queries are percent-encoded correctly ('%' only before two hex digits): aws-c-auth "
     "fails on malformed escapes, botocore passes them through, ours keeps the '%' literally."),
    ("no-s3",
     "Services are `es`, `aoss` and the vectors' `service`: S3 signs the path without double encoding "
     "or normalisation (botocore's S3SigV4Auth), a SigningOptions choice ours leaves to the caller."),
]


def _split_query(query):
    return query.split("&") if query else []


def _canonical_query_encoding(case):
    """The query as SigV4 itself encodes it: each name and value percent-decoded, then encoded
    with only A-Z a-z 0-9 - _ . ~ left bare (upper-case hex); empty pieces kept."""
    from urllib.parse import quote, unquote_to_bytes

    pieces = []
    for piece in _split_query(case["query"]):
        if not piece:
            pieces.append(piece)
            continue
        name, eq, value = piece.partition("=")
        pieces.append(quote(unquote_to_bytes(name), safe="-_.~") + eq + quote(unquote_to_bytes(value), safe="-_.~"))
    return {**case, "query": "&".join(pieces)}


def _without_empty_pieces(case):
    return {**case, "query": "&".join(p for p in _split_query(case["query"]) if p)}


# Mismatches found by the SigV4 test and accepted. Each is a rewrite of the request that removes
# one feature; a mismatch is explained by a set of these when botocore, given the rewritten request,
# computes exactly what ours computed for the original.
SIGV4_KNOWN_MISMATCHES = [
    {"id": "query-reencoded",
     "reason": "botocore signs the query exactly as it appears on the request line; AWS decodes each "
               "name and value and re-encodes them with SigV4's rules before signing (aws-c-auth "
               "s_append_canonical_query_string: 'we decode and then re-encode the params'), and so do "
               "we. For a query in another valid encoding (lower-case hex, %7E, raw sub-delims, '+') "
               "botocore's signature would be rejected by AWS; ours matches AWS.",
     "rewrite": _canonical_query_encoding},
    {"id": "query-empty-piece",
     "reason": "botocore turns an empty piece of the query ('a=1&&b=2') into a parameter '=' with "
               "empty name and value; AWS skips blank entries (aws-c-common "
               "aws_uri_query_string_next_param: 'Blank entries are skipped'), and so do we.",
     "rewrite": _without_empty_pieces},
]
