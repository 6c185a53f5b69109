"""Explicit mappings of the local domain: composable index templates and the checks OpenSearch makes
when it indexes a document into mapped fields.

What OpenSearch documents, and what this mimics (the subset of field types a template from
`schema-check --opensearch-template` uses):
- templates: https://docs.opensearch.org/latest/im-plugin/index-templates/ (a new index takes the
  mappings of the matching template with the highest priority; `*` is the wildcard in
  `index_patterns`; changing a template leaves existing indices alone)
- numbers: https://docs.opensearch.org/latest/mappings/mapping-parameters/coerce/ (coerce is on by
  default: "10" becomes 10, a float in an integer field is truncated: 10.5 becomes 10) and
  https://docs.opensearch.org/latest/mappings/supported-field-types/numeric/ (ranges; double is
  finite only)
- boolean: https://docs.opensearch.org/latest/mappings/supported-field-types/boolean/ (true, false,
  "true", "false", and "" as false)
- ip: https://docs.opensearch.org/latest/mappings/supported-field-types/ip/ (IPv4 or IPv6)
- date: https://docs.opensearch.org/latest/mappings/supported-field-types/date/ (default format
  strict_date_time_no_millis||strict_date_optional_time||epoch_millis) and
  https://docs.opensearch.org/latest/mappings/mapping-parameters/format/
- a value OpenSearch cannot index is a 400 mapper_parsing_exception "failed to parse field [f] of
  type [t] in document with id 'i'. Preview of field's value: 'v'", caused by the parser's own
  exception (their texts here follow OpenSearch's XContent parser and mappers).
Fields a mapping does not name stay dynamic and unchecked (beyond the store's top-level checks).
"""

import datetime
import ipaddress
import json
import math
import re
from decimal import Decimal
from functools import lru_cache

from .store import OpenSearchError

NUMERIC = {"long": (-2**63, 2**63 - 1), "integer": (-2**31, 2**31 - 1), "short": (-2**15, 2**15 - 1),
           "byte": (-2**7, 2**7 - 1)}
FLOATS = ("double", "float", "half_float")
LEAF_TYPES = set(NUMERIC) | set(FLOATS) | {"boolean", "ip", "date", "keyword", "text"}
TEMPLATE_KEYS = {"index_patterns", "template", "composed_of", "priority", "version", "_meta", "data_stream"}
DEFAULT_DATE_FORMAT = "strict_date_time_no_millis||strict_date_optional_time||epoch_millis"

# Java's Long.parseLong, BigDecimal(String) and Double.parseDouble grammars (decimal only).
JAVA_LONG = re.compile(r"[+-]?[0-9]+\Z")
JAVA_BIGDECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\Z")
JAVA_DOUBLE = re.compile(r"\s*[+-]?(NaN|Infinity|(([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?)[fFdD]?)\s*\Z")
# strict_date_optional_time: a year, then optional -MM, -dd, T, HH, :mm, :ss, fraction, zone.
OPTIONAL_TIME = re.compile(
    r"(?P<y>[0-9]{4})(-(?P<mo>[0-9]{2})(-(?P<d>[0-9]{2})(T((?P<h>[0-9]{2})(:(?P<mi>[0-9]{2})"
    r"(:(?P<s>[0-9]{2})([.,][0-9]{1,9})?)?)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?)?)?\Z")
STRICT_DATE = re.compile(r"(?P<y>[0-9]{4})-(?P<mo>[0-9]{2})-(?P<d>[0-9]{2})\Z")
EPOCH = re.compile(r"-?[0-9]+(\.[0-9]+)?\Z")


# -- templates -------------------------------------------------------------------------------

def validate_template_name(name):
    """OpenSearch's rules for an index template name (MetadataIndexTemplateService.validate)."""
    def bad(cause):
        return OpenSearchError(400, "invalid_index_template_exception",
                               f"index_template [{name}] invalid, cause [{cause}]")
    if not name:
        raise bad("name must not be empty")
    for c, why in ((" ", "name must not contain a space"), (",", "name must not contain a ','"),
                   ("#", "name must not contain a '#'"), ("*", "name must not contain a '*'")):
        if c in name:
            raise bad(why)
    if any(c in name for c in '\\/?"<>|') or any(ord(c) < 0x20 for c in name):
        raise bad('name must not contain the following characters [\\, /, ?, ", <, >, |]')
    if name.startswith("_"):
        raise bad("name must not start with '_'")
    if name in (".", ".."):
        raise bad("name must not be '.' or '..'")
    if name != name.lower():
        raise bad("name must be lower cased")


def validate_template(body):
    """The template body as stored (index_patterns always a list), or OpenSearch's 400."""
    if not isinstance(body, dict):
        raise OpenSearchError(400, "parse_exception", "request body must be a JSON object")
    for key in body:
        if key not in TEMPLATE_KEYS:
            raise OpenSearchError(400, "x_content_parse_exception", f"[1:2] [index_template] unknown field [{key}]")
    patterns = body.get("index_patterns")
    if isinstance(patterns, str):
        patterns = [patterns]
    if not patterns or not isinstance(patterns, list) or not all(isinstance(p, str) and p for p in patterns):
        raise OpenSearchError(400, "action_request_validation_exception",
                              "Validation Failed: 1: index patterns are missing;")
    priority = body.get("priority", 0)
    if isinstance(priority, bool) or not isinstance(priority, int) or priority < 0:
        raise OpenSearchError(400, "illegal_argument_exception", f"priority must be a non-negative integer, not [{priority}]")
    template = body.get("template", {})
    if not isinstance(template, dict):
        raise OpenSearchError(400, "x_content_parse_exception", "[template] must be an object")
    mappings = template.get("mappings", {})
    if not isinstance(mappings, dict):
        raise OpenSearchError(400, "mapper_parsing_exception", "Failed to parse mapping: mappings must be an object")
    validate_properties(mappings.get("properties", {}), "")
    return {**body, "index_patterns": patterns}


def validate_properties(properties, prefix):
    if not isinstance(properties, dict):
        raise OpenSearchError(400, "mapper_parsing_exception", "Failed to parse mapping: properties must be an object")
    for name, field in properties.items():
        path = prefix + name
        if not isinstance(field, dict):
            raise OpenSearchError(400, "mapper_parsing_exception",
                                  f"Expected map for property [fields] on field [{path}] but got a {type(field).__name__}")
        kind = field.get("type", "object" if "properties" in field else None)
        if kind in ("object", "nested"):
            validate_properties(field.get("properties", {}), path + ".")
        elif kind is None:
            raise OpenSearchError(400, "mapper_parsing_exception", f"No type specified for field [{path}]")
        elif kind not in LEAF_TYPES:
            raise OpenSearchError(400, "mapper_parsing_exception", f"No handler for type [{kind}] declared on field [{path}]")


def pattern_matches(pattern, name):
    """OpenSearch's Regex.simpleMatch: `*` matches any run of characters, nothing else is special."""
    return re.fullmatch(".*".join(re.escape(part) for part in pattern.split("*")), name, re.S) is not None


def patterns_overlap(a, b):
    """Whether some index name matches both `*` patterns."""
    @lru_cache(maxsize=None)
    def go(i, j):
        if i == len(a):
            return all(c == "*" for c in b[j:])
        if j == len(b):
            return all(c == "*" for c in a[i:])
        if a[i] == "*":
            return go(i + 1, j) or go(i, j + 1)
        if b[j] == "*":
            return go(i, j + 1) or go(i + 1, j)
        return a[i] == b[j] and go(i + 1, j + 1)
    return go(0, 0)


def best_template(templates, index_name):
    """(name, body) of the highest-priority template whose patterns match `index_name`, or None.
    Hidden-by-default names (starting with `.`) match only patterns that start with `.` too, as
    OpenSearch skips global templates for them."""
    found = [(body.get("priority", 0), name, body) for name, body in templates.items()
             if any(pattern_matches(p, index_name) for p in body["index_patterns"])
             and not (index_name.startswith(".") and not any(p.startswith(".") for p in body["index_patterns"]))]
    if not found:
        return None
    found.sort(key=lambda t: (-t[0], t[1]))
    return found[0][1], found[0][2]


def same_priority_conflict(templates, name, body):
    """OpenSearch refuses a template whose patterns overlap another's at the same priority."""
    priority = body.get("priority", 0)
    clashes = {other: o["index_patterns"] for other, o in sorted(templates.items())
               if other != name and o.get("priority", 0) == priority
               and any(patterns_overlap(p, q) for p in body["index_patterns"] for q in o["index_patterns"])}
    if not clashes:
        return
    listed = ", ".join(f"{k} => [{', '.join(v)}]" for k, v in clashes.items())
    raise OpenSearchError(400, "illegal_argument_exception",
                          f"index template [{name}] has index patterns [{', '.join(body['index_patterns'])}] matching "
                          f"patterns from existing templates [{', '.join(clashes)}] with patterns ({listed}) that have "
                          f"the same priority [{priority}], multiple index templates may not match during index "
                          f"creation, please use a different priority")


# -- documents against a mapping -------------------------------------------------------------

def check_document(properties, source, doc_id):
    """Raises the mapper_parsing_exception OpenSearch gives the first value of `source` that its
    mapped field cannot take; fields not in `properties` are not looked at."""
    _check_object(properties, source, "", doc_id)


def _check_object(properties, obj, prefix, doc_id):
    for name, value in obj.items():
        mapping = properties.get(name)
        if mapping is not None:
            _check_value(prefix + name, mapping, value, doc_id)


def _check_value(path, mapping, value, doc_id):
    if value is None:
        return
    if isinstance(value, list):
        # An array is several values of the same field.
        for item in value:
            _check_value(path, mapping, item, doc_id)
        return
    kind = mapping.get("type", "object" if "properties" in mapping else None)
    if kind in ("object", "nested"):
        if not isinstance(value, dict):
            leaf = path.rsplit(".", 1)[-1]
            raise OpenSearchError(400, "mapper_parsing_exception",
                                  f"object mapping for [{path}] tried to parse field [{leaf}] as object, "
                                  f"but found a concrete value")
        _check_object(mapping.get("properties", {}), value, path + ".", doc_id)
        return
    cause = _leaf_problem(kind, mapping, value)
    if cause is not None:
        reason = (f"failed to parse field [{path}] of type [{kind}] in document with id '{doc_id}'. "
                  f"Preview of field's value: '{_preview(value)}'")
        raise OpenSearchError(400, "mapper_parsing_exception", reason, caused_by=cause)


def _leaf_problem(kind, mapping, value):
    """None when a field of this type takes `value`, else the caused_by object."""
    if kind in NUMERIC:
        return _integer_problem(kind, value)
    if kind in FLOATS:
        return _float_problem(kind, value)
    if kind == "boolean":
        if isinstance(value, bool) or value in ("true", "false", ""):
            return None
        if isinstance(value, str):
            return _iae(f"Failed to parse value [{value}] as only [true] or [false] are allowed.")
        return _json_parse(f"Current token ({_token(value)}) not of boolean type")
    # text, keyword, ip and date read the value's text, which a number or a boolean has too.
    if isinstance(value, dict):
        return {"type": "illegal_state_exception", "reason": "Can't get text on a START_OBJECT"}
    text = value if isinstance(value, str) else _json_text(value)
    if kind == "ip":
        try:
            ipaddress.ip_address(text)
            return None
        except ValueError:
            return _iae(f"'{text}' is not an IP string literal.")
    if kind == "date":
        fmt = mapping.get("format", DEFAULT_DATE_FORMAT)
        if any(_date_parses(f.strip(), text) for f in fmt.split("||")):
            return None
        return {**_iae(f"failed to parse date field [{text}] with format [{fmt}]"),
                "caused_by": {"type": "date_time_parse_exception",
                              "reason": "Failed to parse with all enclosed parsers"}}
    return None


def _integer_problem(kind, value):
    low, high = NUMERIC[kind]
    word = "an integer" if kind == "integer" else f"a {kind}"
    if isinstance(value, bool) or isinstance(value, dict):
        return _json_parse(f"Current token ({_token(value)}) not numeric, can not use numeric value accessors")
    if isinstance(value, str):
        if not (JAVA_LONG.match(value) or JAVA_BIGDECIMAL.match(value)):
            return _iae(f'For input string: "{value}"')
        # Compared before truncating, as OpenSearch does, so "1e999999999" costs nothing.
        if not low - 1 < Decimal(value) < high + 1:
            return _iae(f"Value [{value}] is out of range for {word}")
        return None
    if isinstance(value, float):
        if not math.isfinite(value) or not low <= math.trunc(value) <= high:
            return {"type": "input_coercion_exception",
                    "reason": f"Numeric value ({_json_text(value)}) out of range of {kind}"}
        return None  # coerce: the indexed value is truncated, _source keeps what was sent
    if not low <= value <= high:
        return {"type": "input_coercion_exception", "reason": f"Numeric value ({value}) out of range of {kind}"}
    return None


def _float_problem(kind, value):
    if isinstance(value, bool) or isinstance(value, dict):
        return _json_parse(f"Current token ({_token(value)}) not numeric, can not use numeric value accessors")
    if isinstance(value, str):
        if not JAVA_DOUBLE.match(value):
            return {"type": "number_format_exception",
                    "reason": "empty String" if not value.strip() else f'For input string: "{value}"'}
        number = float(value.strip().rstrip("fFdD").replace("Infinity", "inf"))
    else:
        number = float(value)
    limit = {"double": 1.7976931348623157e308, "float": 3.4028234663852886e38, "half_float": 65504.0}[kind]
    if not math.isfinite(number) or abs(number) > limit:
        shown = "Infinity" if number > 0 else "-Infinity" if number < 0 else "NaN"
        return _iae(f"[{kind}] supports only finite values, but got [{shown}]")
    return None


def _date_parses(fmt, text):
    if fmt in ("strict_date_optional_time", "date_optional_time", "strict_date_time", "date_time",
               "strict_date_time_no_millis", "date_time_no_millis"):
        m = OPTIONAL_TIME.match(text)
    elif fmt in ("strict_date", "date", "strict_year_month_day", "year_month_day"):
        m = STRICT_DATE.match(text)
    elif fmt in ("epoch_millis", "epoch_second"):
        return EPOCH.match(text) is not None
    else:
        return True  # a format this stand-in does not know: not checked
    if m is None:
        return False
    g = m.groupdict()
    try:
        datetime.datetime(int(g["y"]), int(g["mo"] or 1), int(g["d"] or 1), int(g.get("h") or 0),
                          int(g.get("mi") or 0), int(g.get("s") or 0))
        return True
    except ValueError:
        return False  # a month, day or time of day that does not exist


def _iae(reason):
    return {"type": "illegal_argument_exception", "reason": reason}


def _json_parse(reason):
    return {"type": "json_parse_exception", "reason": reason}


def _token(value):
    if isinstance(value, bool):
        return "VALUE_TRUE" if value else "VALUE_FALSE"
    if isinstance(value, dict):
        return "START_OBJECT"
    if isinstance(value, str):
        return "VALUE_STRING"
    return "VALUE_NUMBER_INT" if isinstance(value, int) else "VALUE_NUMBER_FLOAT"


def _json_text(value):
    return json.dumps(value)


def _preview(value):
    """The value as OpenSearch previews it: the text of a scalar, Java's Map/List toString for
    containers."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={_preview(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_preview(v) for v in value) + "]"
    if value is None:
        return "null"
    if isinstance(value, str):
        return value
    return _json_text(value)
