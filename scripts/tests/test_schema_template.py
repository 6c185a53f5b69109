"""Tests of `schema-check --opensearch-template INDEX_PATTERN SCHEMA`: one schema per row of the rule
table (README "Operating it", the index template; issue 14 part 3), the fields left to dynamic
mapping, the shipped bigsurvey schema, the exit statuses.

Expected mappings are OpenSearch's, written out from its documentation, not from our output:
- field types: https://docs.opensearch.org/latest/mappings/supported-field-types/index
  (boolean, long, double, ip, date, keyword, text)
- a dynamically mapped string is `text` with a `keyword` subfield that ignores values over 256
  characters: https://docs.opensearch.org/latest/mappings/ (dynamic mapping)
- date formats `strict_date_optional_time` and `strict_date`:
  https://docs.opensearch.org/latest/mappings/mapping-parameters/format/
- the template body (`index_patterns`, `template.mappings`, `priority`, `_meta`):
  https://docs.opensearch.org/latest/im-plugin/index-templates/

The binary is built with `swift build --product schema-check -j 2` unless ESPROXY_SCHEMA_CHECK
names a built one.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEXT = {"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 256}}}
TIMESTAMP = {"type": "date"}


@pytest.fixture(scope="session")
def binary():
    given = os.environ.get("ESPROXY_SCHEMA_CHECK")
    if given:
        path = Path(given).resolve()
        assert path.is_file() and os.access(path, os.X_OK), f"ESPROXY_SCHEMA_CHECK={given} is not an executable"
        return str(path)
    subprocess.run(["swift", "build", "--product", "schema-check", "-j", "2"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    bin_dir = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    return str(Path(bin_dir) / "schema-check")


@pytest.fixture
def template(binary, tmp_path):
    """template(schema, pattern="logs-*") -> (exit status, parsed body or None, stderr lines)."""

    def go(schema, pattern="logs-*", *extra):
        path = tmp_path / "schema.json"
        path.write_text(schema if isinstance(schema, str) else json.dumps(schema))
        p = subprocess.run([binary, *extra, "--opensearch-template", pattern, str(path)], capture_output=True,
                           text=True, timeout=60)
        body = json.loads(p.stdout) if p.returncode == 0 else None
        return p.returncode, body, p.stderr.splitlines()

    return go


def properties(template, props, **schema_extra):
    """The mapped properties of a schema with these `properties`, and its stderr lines."""
    status, body, err = template({"type": "object", "properties": props, **schema_extra})
    assert status == 0, err
    mapped = body["template"]["mappings"]["properties"]
    assert mapped.pop("@timestamp") == TIMESTAMP
    return mapped, err


# --- one row of the rule table each ---------------------------------------------------------

ROWS = [
    ("boolean", {"type": "boolean"}, {"type": "boolean"}),
    ("integer", {"type": "integer"}, {"type": "long"}),
    ("number", {"type": "number"}, {"type": "double"}),
    ("ipv4", {"type": "string", "format": "ipv4"}, {"type": "ip"}),
    ("ipv6", {"type": "string", "format": "ipv6"}, {"type": "ip"}),
    ("date-time", {"type": "string", "format": "date-time"}, {"type": "date", "format": "strict_date_optional_time"}),
    ("date", {"type": "string", "format": "date"}, {"type": "date", "format": "strict_date"}),
    ("enum", {"type": "string", "enum": ["red", "green"]}, {"type": "keyword"}),
    ("const", {"type": "string", "const": "fixed"}, {"type": "keyword"}),
    ("untyped string enum", {"enum": ["a", "b"]}, {"type": "keyword"}),
    ("uuid", {"type": "string", "format": "uuid"}, {"type": "keyword"}),
    ("email", {"type": "string", "format": "email"}, {"type": "keyword"}),
    ("hostname", {"type": "string", "format": "hostname"}, {"type": "keyword"}),
    ("uri", {"type": "string", "format": "uri"}, {"type": "keyword"}),
    ("plain string", {"type": "string"}, TEXT),
    ("string of another format", {"type": "string", "format": "regex"}, TEXT),
    ("nullable string", {"type": ["string", "null"]}, TEXT),
    ("integer or number", {"type": ["integer", "number"]}, {"type": "double"}),
    ("object", {"type": "object", "properties": {"n": {"type": "integer"}, "s": {"type": "string"}}},
     {"properties": {"n": {"type": "long"}, "s": TEXT}}),
    ("object without properties", {"type": "object"}, {"type": "object"}),
    ("array of integers", {"type": "array", "items": {"type": "integer"}}, {"type": "long"}),
    ("array of objects", {"type": "array", "items": {"type": "object", "properties": {"ip": {"type": "string", "format": "ipv6"}}}},
     {"properties": {"ip": {"type": "ip"}}}),
    ("prefixItems of one type", {"type": "array", "prefixItems": [{"type": "boolean"}, {"type": "boolean"}]}, {"type": "boolean"}),
    ("oneOf of the same type", {"oneOf": [{"type": "string", "format": "ipv4"}, {"type": "string", "format": "ipv6"}]}, {"type": "ip"}),
]


@pytest.mark.parametrize("schema,expected", [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_rule(template, schema, expected):
    mapped, err = properties(template, {"field": schema})
    assert mapped == {"field": expected}
    assert err == []


def test_ref_to_definitions_draft4(template):
    schema = {"$schema": "http://json-schema.org/draft-04/schema#", "type": "object",
              "definitions": {"addr": {"type": "string", "format": "ipv4"}},
              "properties": {"from": {"$ref": "#/definitions/addr"}, "to": {"$ref": "#/definitions/addr"}}}
    status, body, err = template(schema)
    assert status == 0, err
    assert body["template"]["mappings"]["properties"] == {"@timestamp": TIMESTAMP, "from": {"type": "ip"}, "to": {"type": "ip"}}


def test_ref_to_defs_with_escaped_pointer_and_chained_refs(template):
    # RFC 6901: "~1" is "/", "~0" is "~"; in a URI fragment "%25" is "%".
    schema = {"type": "object",
              "$defs": {"a/b": {"$ref": "#/$defs/c~0d"}, "c~d": {"type": "integer"}, "p%q": {"type": "boolean"},
                        "point": {"type": "object", "properties": {"x": {"type": "number"}}}},
              "properties": {"n": {"$ref": "#/$defs/a~1b"}, "b": {"$ref": "#/$defs/p%25q"},
                             "where": {"$ref": "#/$defs/point"}}}
    mapped, err = properties(template, schema["properties"], **{"$defs": schema["$defs"]})
    assert mapped == {"n": {"type": "long"}, "b": {"type": "boolean"}, "where": {"properties": {"x": {"type": "double"}}}}
    assert err == []


def test_root_ref_is_followed(template):
    schema = {"$ref": "#/$defs/doc", "$defs": {"doc": {"type": "object", "properties": {"ok": {"type": "boolean"}}}}}
    status, body, err = template(schema)
    assert status == 0, err
    assert body["template"]["mappings"]["properties"] == {"@timestamp": TIMESTAMP, "ok": {"type": "boolean"}}


def test_all_of_members_add_their_properties(template):
    schema = {"$defs": {"base": {"type": "object", "properties": {"id": {"type": "string", "format": "uuid"}}}},
              "allOf": [{"$ref": "#/$defs/base"}, {"properties": {"n": {"type": "integer"}}}],
              "type": "object", "properties": {"flag": {"type": "boolean"}}}
    status, body, err = template(schema)
    assert status == 0 and err == []
    assert body["template"]["mappings"]["properties"] == {
        "@timestamp": TIMESTAMP, "flag": {"type": "boolean"}, "id": {"type": "keyword"}, "n": {"type": "long"}}


def test_root_ref_to_another_resource_is_listed(template):
    schema = {"$ref": "http://example.com/doc.json",
              "$defs": {"doc": {"$id": "http://example.com/doc.json", "type": "object",
                                "properties": {"ok": {"type": "boolean"}}}}}
    status, body, err = template(schema)
    assert status == 0
    assert body["template"]["mappings"]["properties"] == {"@timestamp": TIMESTAMP}
    assert err == ['schema-check: /: left to dynamic mapping: $ref "http://example.com/doc.json" is not a local "#/..." pointer (not followed)']


def test_recursive_ref_stops_and_is_listed(template):
    node = {"type": "object", "properties": {"name": {"type": "string", "format": "hostname"},
                                             "child": {"$ref": "#/$defs/node"}}}
    mapped, err = properties(template, {"tree": {"$ref": "#/$defs/node"}}, **{"$defs": {"node": node}})
    assert mapped == {"tree": {"properties": {"name": {"type": "keyword"}}}}
    assert err == ['schema-check: /tree/child: left to dynamic mapping: recursive $ref "#/$defs/node" (cycle not followed)']


# --- what the template leaves to dynamic mapping ----------------------------------------------

UNPINNED = [
    ("no type", {"minLength": 1}, 'no "type"'),
    ("true schema", True, 'no "type" (the schema is true)'),
    ("oneOf of different types", {"oneOf": [{"type": "string"}, {"type": "integer"}]}, "oneOf of different types"),
    ("anyOf of different types", {"anyOf": [{"type": "boolean"}, {"type": "number"}]}, "anyOf of different types"),
    ("several types", {"type": ["string", "integer"]}, '"type" is several types: string, integer'),
    ("only null", {"type": "null"}, '"type" allows only null'),
    ("mixed enum", {"enum": ["a", 1]}, 'no "type", and the enum/const values are of several types'),
    ("array without items", {"type": "array"}, 'array without an "items" schema'),
    ("ref to another resource", {"$ref": "http://example.com/other.json"},
     '$ref "http://example.com/other.json" is not a local "#/..." pointer (not followed)'),
    ("ref to an anchor", {"$ref": "#num"}, '$ref "#num" is not a local "#/..." pointer (not followed)'),
]

# The schema compiles, so the referenced resource and anchor exist; the template does not chase them.
REF_TARGETS = {"other": {"$id": "http://example.com/other.json", "type": "integer"},
               "num": {"$anchor": "num", "type": "integer"}}


@pytest.mark.parametrize("schema,reason", [r[1:] for r in UNPINNED], ids=[r[0] for r in UNPINNED])
def test_unpinned_field_is_left_out_and_listed(template, schema, reason):
    mapped, err = properties(template, {"kept": {"type": "boolean"}, "odd/~name": schema}, **{"$defs": REF_TARGETS})
    assert mapped == {"kept": {"type": "boolean"}}
    assert err == [f"schema-check: /odd~1~0name: left to dynamic mapping: {reason}"]


def test_pattern_properties_are_listed_and_fixed_properties_kept(template):
    mapped, err = properties(template, {"labels": {"type": "object", "properties": {"env": {"type": "string", "enum": ["a"]}},
                                                   "patternProperties": {"^x-": {"type": "string"}}}})
    assert mapped == {"labels": {"properties": {"env": {"type": "keyword"}}}}
    assert err == ['schema-check: /labels/*: left to dynamic mapping: members matching patternProperties "^x-" have no fixed name']


def test_false_property_is_neither_mapped_nor_listed(template):
    mapped, err = properties(template, {"never": False, "n": {"type": "integer"}})
    assert mapped == {"n": {"type": "long"}}
    assert err == []


def test_several_unpinned_fields_are_listed_in_schema_order(template):
    mapped, err = properties(template, {"a": {}, "b": {"type": "integer"}, "c": {"type": "object", "properties": {"d": {}}}})
    assert mapped == {"b": {"type": "long"}, "c": {"type": "object"}}
    assert err == ['schema-check: /a: left to dynamic mapping: no "type"',
                   'schema-check: /c/d: left to dynamic mapping: no "type"']


# --- the shipped schema and the body's shape -------------------------------------------------

def test_bigsurvey_template(binary):
    p = subprocess.run([binary, "--opensearch-template", "bigsurvey*", "schemas/bigsurvey.json"], cwd=ROOT,
                       capture_output=True, text=True, timeout=60)
    assert (p.returncode, p.stderr) == (0, "")
    body = json.loads(p.stdout)
    assert body["index_patterns"] == ["bigsurvey*"]
    assert set(body) == {"index_patterns", "template", "priority", "_meta"}
    assert isinstance(body["priority"], int) and body["priority"] > 0
    assert body["_meta"]["schema"] == "schemas/bigsurvey.json"
    assert body["template"] == {"mappings": {"properties": {
        "@timestamp": {"type": "date"},
        "agree": {"type": "boolean"},
        "anumber": {"type": "double"},
        "textblob": {"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 256}}},
        "ipaddr": {"type": "ip"},
    }}}


def test_timestamp_is_a_date_even_when_the_schema_types_it(template):
    mapped, _ = properties(template, {"n": {"type": "integer"}})
    assert mapped == {"n": {"type": "long"}}
    status, body, _ = template({"type": "object", "properties": {"@timestamp": {"type": "string"}}})
    assert status == 0 and body["template"]["mappings"]["properties"] == {"@timestamp": TIMESTAMP}


# --- exit statuses --------------------------------------------------------------------------

@pytest.mark.parametrize("pattern", ["Logs-*", "logs/*", "_logs", "a,b", "", "a b", "x#"])
def test_an_index_pattern_opensearch_refuses_is_a_usage_error(template, pattern):
    status, _, err = template({"type": "object"}, pattern)
    assert status == 2
    assert err[0].startswith("schema-check: --opensearch-template: the index pattern")


def test_schema_not_json_is_2(template):
    status, _, err = template("{not json")
    assert status == 2 and "schema is not JSON" in err[0]


def test_schema_that_does_not_compile_is_2(template):
    status, _, err = template({"type": "object", "properties": {"a": {"pattern": "("}}})
    assert status == 2 and "invalid schema" in err[0]


def test_dangling_ref_is_an_invalid_schema(template):
    status, _, err = template({"type": "object", "properties": {"a": {"$ref": "#/$defs/none"}}})
    assert status == 2 and "invalid schema" in err[0]


def test_missing_schema_file_is_2(binary, tmp_path):
    p = subprocess.run([binary, "--opensearch-template", "x", str(tmp_path / "none.json")], capture_output=True, text=True)
    assert p.returncode == 2 and "cannot read" in p.stderr and p.stdout == ""


def test_flag_without_value_or_with_instances_is_a_usage_error(binary, tmp_path):
    p = subprocess.run([binary, "--opensearch-template"], capture_output=True, text=True)
    assert p.returncode == 2 and "--opensearch-template needs a value" in p.stderr
    (tmp_path / "s.json").write_text("{}")
    p = subprocess.run([binary, "--opensearch-template", "x", str(tmp_path / "s.json"), str(tmp_path / "s.json")],
                       capture_output=True, text=True)
    assert p.returncode == 2 and "no instances" in p.stderr and p.stdout == ""


def test_help_names_the_flag(binary):
    p = subprocess.run([binary, "--help"], capture_output=True, text=True)
    assert p.returncode == 0 and "--opensearch-template PATTERN" in p.stdout
