"""Tests of the `schema-check` command line: every flag, every exit status, the messages.

The binary is built with `swift build --product schema-check -j 2` in the package root, unless
ESPROXY_SCHEMA_CHECK names an already built one.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

GOOD = {"agree": True, "anumber": 4.5, "textblob": "hello", "ipaddr": "10.0.0.1"}


@pytest.fixture(scope="session")
def binary():
    given = os.environ.get("ESPROXY_SCHEMA_CHECK")
    if given:
        path = Path(given).resolve()  # the tests run the binary from temporary folders
        assert path.is_file() and os.access(path, os.X_OK), f"ESPROXY_SCHEMA_CHECK={given} is not an executable"
        return str(path)
    subprocess.run(["swift", "build", "--product", "schema-check", "-j", "2"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    bin_dir = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    path = Path(bin_dir) / "schema-check"
    assert path.is_file(), f"swift build did not produce {path}"
    return str(path)


@pytest.fixture
def run(binary, tmp_path):
    """Runs schema-check in tmp_path; returns (exit status, stdout lines, stderr)."""

    def go(*args, stdin=None):
        p = subprocess.run([binary, *args], cwd=tmp_path, input=stdin, capture_output=True, text=True, timeout=60)
        return p.returncode, p.stdout.splitlines(), p.stderr

    return go


def write(directory, name, content):
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


@pytest.fixture
def survey(tmp_path):
    """The shipped bigsurvey schema in tmp_path, as a relative name."""
    shipped = (ROOT / "schemas" / "bigsurvey.json").read_text()
    schema = json.loads(shipped)
    # The test data below assumes this shape; fail loudly if it changed.
    assert schema["required"] == ["anumber", "textblob", "ipaddr"]
    assert schema["properties"]["ipaddr"] == {"type": "string", "format": "ipv4"}
    assert schema["additionalProperties"] is False
    write(tmp_path, "survey.json", shipped)
    return "survey.json"


# --- usage and exit status 2 -------------------------------------------------------------------

def test_help_lists_every_option_and_exits_0(run):
    for flag in ("--help", "-h"):
        status, out, err = run(flag)
        assert status == 0, err
        text = "\n".join(out)
        assert text.startswith("usage: schema-check")
        for option in ("--lines", "--draft", "--no-format-assertion", "--no-strict", "--remote", "--output", "--repeat",
                       "exit status"):
            assert option in text


@pytest.mark.parametrize("args, complaint", [
    ([], "no schema given"),
    (["--bogus", "s.json"], "unknown option --bogus"),
    (["--draft", "5", "s.json"], '--draft wants 4, 7 or 2020-12, not "5"'),
    (["s.json", "--draft"], "--draft needs a value"),
    (["--repeat", "0", "s.json"], "--repeat wants a positive integer"),
    (["--repeat", "many", "s.json"], "--repeat wants a positive integer"),
    (["--output", "verbose", "s.json"], '--output supports only "basic"'),
    (["--remote", "nodirectory", "s.json"], "--remote wants BASEURL=DIR"),
    (["--remote", "=dir", "s.json"], "--remote wants BASEURL=DIR"),
    (["--lines"], "--lines needs a value"),
])
def test_bad_usage_exits_2_with_a_reason(run, tmp_path, args, complaint):
    write(tmp_path, "s.json", {})
    status, out, err = run(*args)
    assert status == 2
    assert out == []
    assert complaint in err
    assert "try --help" in err


def test_unreadable_schema_exits_2(run):
    status, out, err = run("missing.json")
    assert status == 2 and out == []
    assert "cannot read missing.json: No such file or directory" in err


def test_schema_that_is_a_directory_exits_2(run, tmp_path):
    (tmp_path / "dir").mkdir()
    status, _, err = run("dir")
    assert status == 2
    assert "cannot read dir: it is a directory" in err


def test_schema_that_is_not_json_exits_2_with_position(run, tmp_path):
    write(tmp_path, "s.json", '{"type": "object",}')
    status, out, err = run("s.json", "s.json")
    assert status == 2 and out == []
    assert "s.json: schema is not JSON:" in err
    assert "line 1, column" in err


@pytest.mark.parametrize("schema, complaint", [
    ({"type": 5}, '"type" must be'),
    ({"pattern": "("}, "s.json: invalid schema:"),
    ({"$ref": "#/definitions/nowhere"}, "s.json: invalid schema:"),
    ({"$ref": "https://example.test/other.json"}, "https://example.test/other.json"),
])
def test_schema_that_does_not_compile_exits_2(run, tmp_path, schema, complaint):
    write(tmp_path, "s.json", schema)
    write(tmp_path, "i.json", {})
    status, out, err = run("s.json", "i.json")
    assert status == 2 and out == []
    assert "s.json: invalid schema:" in err
    assert complaint in err


def test_schema_alone_is_only_compiled(run, survey):
    status, out, _ = run(survey)
    assert status == 0
    assert out == [f"{survey}: schema is valid"]


def test_unreadable_instance_exits_2_but_the_others_are_still_checked(run, tmp_path, survey):
    write(tmp_path, "good.json", GOOD)
    status, out, err = run(survey, "good.json", "absent.json", "good.json")
    assert status == 2
    assert out == ["good.json: valid", "good.json: valid"]
    assert "cannot read absent.json" in err


# --- documents: exit status 0 and 1, messages ---------------------------------------------------

def test_valid_document_exits_0(run, tmp_path, survey):
    write(tmp_path, "good.json", GOOD)
    assert run(survey, "good.json") == (0, ["good.json: valid"], "")


def test_invalid_ipv4_message(run, tmp_path, survey):
    write(tmp_path, "bad.json", {**GOOD, "ipaddr": "300.1.1.1"})
    assert run(survey, "bad.json") == (1, ['bad.json: /ipaddr: "300.1.1.1" is not a valid ipv4 address'], "")


def test_every_error_is_one_line(run, tmp_path, survey):
    write(tmp_path, "bad.json", {"agree": "yes", "anumber": "one", "ipaddr": "1.2.3", "extra": 1})
    status, out, _ = run(survey, "bad.json")
    assert status == 1
    assert all(line.startswith("bad.json: /") for line in out)
    joined = "\n".join(out)
    assert 'bad.json: /agree: "yes" is not of type "boolean"' in out
    assert 'bad.json: /anumber: "one" is not of type "number"' in out
    assert 'bad.json: /ipaddr: "1.2.3" is not a valid ipv4 address' in out
    assert 'bad.json: /: "textblob" is a required property' in out
    assert "/extra: additional property is not allowed" in joined
    assert len(out) == 5


def test_document_that_is_not_json_is_invalid_with_the_parse_error(run, tmp_path, survey):
    write(tmp_path, "broken.json", '{"anumber": 1,\n "textblob": tru}')
    status, out, err = run(survey, "broken.json")
    assert status == 1 and err == ""
    assert len(out) == 1
    assert out[0].startswith("broken.json: not JSON: ")
    assert "line 2, column" in out[0]


@pytest.mark.parametrize("content", ["", "   \n", "{} {}", '{"a": 1, "a": 2}', "\ufeff{}", "NaN"])
def test_strict_json_faults_are_reported_not_json(run, tmp_path, survey, content):
    write(tmp_path, "x.json", content)
    status, out, _ = run(survey, "x.json")
    assert status == 1
    assert len(out) == 1 and out[0].startswith("x.json: not JSON: ")


def test_several_documents_in_order_and_worst_status_wins(run, tmp_path, survey):
    write(tmp_path, "a.json", GOOD)
    write(tmp_path, "b.json", {**GOOD, "anumber": None})
    write(tmp_path, "c.json", GOOD)
    status, out, _ = run(survey, "a.json", "b.json", "c.json")
    assert status == 1
    assert out == ["a.json: valid", 'b.json: /anumber: null is not of type "number"', "c.json: valid"]


def test_standard_input_as_dash(run, survey):
    status, out, _ = run(survey, "-", stdin=json.dumps({**GOOD, "ipaddr": "1.1.1.256"}))
    assert status == 1
    assert out == ['-: /ipaddr: "1.1.1.256" is not a valid ipv4 address']


def test_double_dash_ends_options(run, tmp_path, survey):
    write(tmp_path, "--repeat", GOOD)
    assert run(survey, "--", "--repeat") == (0, ["--repeat: valid"], "")


def test_options_may_follow_operands(run, tmp_path, survey):
    write(tmp_path, "bad.json", {**GOOD, "ipaddr": "300.1.1.1"})
    assert run(survey, "bad.json", "--no-format-assertion") == (0, ["bad.json: valid"], "")


# --- --no-format-assertion and --draft ----------------------------------------------------------

def test_no_format_assertion_turns_formats_into_annotations(run, tmp_path, survey):
    write(tmp_path, "bad.json", {**GOOD, "ipaddr": "not an address"})
    assert run(survey, "bad.json")[0] == 1
    assert run("--no-format-assertion", survey, "bad.json") == (0, ["bad.json: valid"], "")


def test_formats_assert_by_default_in_2020_12_too(run, tmp_path):
    write(tmp_path, "s.json", {"$schema": "https://json-schema.org/draft/2020-12/schema", "format": "email"})
    write(tmp_path, "i.json", json.dumps("not-an-email"))
    assert run("s.json", "i.json") == (1, ['i.json: /: "not-an-email" is not a valid email address'], "")
    assert run("--no-format-assertion", "s.json", "i.json")[0] == 0


def test_draft_chooses_keyword_meanings(run, tmp_path):
    # "const" exists from draft 6 on; "dependentRequired" from 2019-09 on. Where a keyword does
    # not exist, strict mode (the default) refuses the schema; --no-strict ignores the keyword.
    write(tmp_path, "const.json", {"const": 1})
    write(tmp_path, "dep.json", {"dependentRequired": {"a": ["b"]}})
    write(tmp_path, "two.json", 2)
    write(tmp_path, "a.json", {"a": 1})
    assert run("--no-strict", "--draft", "4", "const.json", "two.json")[0] == 0
    assert run("--draft", "4", "const.json", "two.json") == (
        2, [], 'schema-check: const.json: invalid schema: "const": unknown keyword in draft-04 (it is a draft-06 keyword)'
        " (at json-schema:///#/const)\n")
    assert run("--draft", "7", "const.json", "two.json") == (1, ["two.json: /: 1 was expected, not 2"], "")
    assert run("--draft", "7", "--no-strict", "dep.json", "a.json")[0] == 0
    assert run("--draft", "7", "dep.json", "a.json")[0] == 2
    status, out, _ = run("--draft", "2020-12", "dep.json", "a.json")
    assert status == 1
    assert out == ['a.json: /: "b" is a required property when "a" is present']
    # Without --draft and without $schema the schema is read as 2020-12.
    assert run("dep.json", "a.json")[0] == 1


def test_draft_overrides_dollar_schema(run, tmp_path):
    write(tmp_path, "s.json", {"$schema": "http://json-schema.org/draft-04/schema#", "const": 1})
    write(tmp_path, "two.json", 2)
    assert run("--no-strict", "s.json", "two.json")[0] == 0
    assert run("--draft", "2020-12", "s.json", "two.json")[0] == 1


# --- --remote ------------------------------------------------------------------------------------

@pytest.fixture
def remote(tmp_path):
    write(tmp_path, "defs/positive.json", {"type": "integer", "minimum": 1})
    write(tmp_path, "more/name.json", {"type": "string", "maxLength": 3})
    write(tmp_path, "root.json", {
        "$id": "https://schemas.example.test/root.json",
        "properties": {
            "n": {"$ref": "defs/positive.json"},
            "s": {"$ref": "https://other.example.test/name.json"},
        },
    })
    write(tmp_path, "ok.json", {"n": 3, "s": "abc"})
    write(tmp_path, "bad.json", {"n": 0, "s": "abcd"})
    return ["--remote", "https://schemas.example.test/=.", "--remote", f"https://other.example.test/={tmp_path}/more"]


def test_remote_maps_base_urls_to_folders(run, remote):
    assert run(*remote, "root.json", "ok.json") == (0, ["ok.json: valid"], "")
    status, out, _ = run(*remote, "root.json", "bad.json")
    assert status == 1
    assert out == ["bad.json: /n: 0 is less than the minimum of 1", 'bad.json: /s: "abcd" is longer than 3 characters']


def test_without_remote_the_reference_is_unresolvable(run, remote):
    status, out, err = run(*remote[:2], "root.json", "ok.json")
    assert status == 2 and out == []
    assert "https://other.example.test/name.json" in err


def test_remote_file_that_is_not_json_exits_2(run, tmp_path, remote):
    write(tmp_path, "more/name.json", "{nope")
    status, _, err = run(*remote, "root.json", "ok.json")
    assert status == 2
    assert "is not valid JSON" in err


def test_remote_for_a_schema_without_id(run, tmp_path):
    write(tmp_path, "lib/positive.json", {"minimum": 1})
    write(tmp_path, "s.json", {"$ref": "lib/positive.json"})
    write(tmp_path, "zero.json", 0)
    assert run("--remote", "json-schema:///=.", "s.json", "zero.json") == (
        1, ["zero.json: /: 0 is less than the minimum of 1"], "")


# --- --output basic ------------------------------------------------------------------------------

def test_basic_output_for_valid_invalid_and_broken_documents(run, tmp_path, survey):
    write(tmp_path, "good.json", GOOD)
    write(tmp_path, "bad.json", {**GOOD, "ipaddr": "300.1.1.1", "x": 1})
    write(tmp_path, "broken.json", "[")
    status, out, _ = run("--output", "basic", survey, "good.json", "bad.json", "broken.json")
    assert status == 1
    units = [json.loads(line) for line in out]
    assert len(units) == 3
    assert units[0] == {"valid": True}
    assert units[1]["valid"] is False
    errors = {e["keywordLocation"]: e for e in units[1]["errors"]}
    assert set(errors) == {"/properties/ipaddr/format", "/additionalProperties"}
    ip = errors["/properties/ipaddr/format"]
    assert ip["instanceLocation"] == "/ipaddr"
    assert ip["absoluteKeywordLocation"].endswith("#/properties/ipaddr/format")
    assert ip["error"] == '"300.1.1.1" is not a valid ipv4 address'
    assert errors["/additionalProperties"]["instanceLocation"] == "/x"
    assert units[2]["valid"] is False
    assert units[2]["errors"][0]["error"].startswith("not JSON: ")


def test_basic_output_all_valid_exits_0(run, tmp_path, survey):
    write(tmp_path, "good.json", GOOD)
    assert run("--output", "basic", survey, "good.json") == (0, ['{"valid":true}'], "")


# --- --lines -------------------------------------------------------------------------------------

def jsonl(*docs):
    return "".join((d if isinstance(d, str) else json.dumps(d)) + "\n" for d in docs)


def test_lines_prints_true_or_false_per_line(run, tmp_path, survey):
    write(tmp_path, "in.jsonl", jsonl(GOOD, {**GOOD, "ipaddr": "300.1.1.1"}, "{not json", "", GOOD, "[1,"))
    status, out, err = run(survey, "--lines", "in.jsonl")
    assert status == 1 and err == ""
    assert out == ["true", "false", "false", "false", "true", "false"]


def test_lines_all_valid_exits_0_crlf_and_no_final_newline(run, tmp_path, survey):
    write(tmp_path, "in.jsonl", json.dumps(GOOD) + "\r\n" + json.dumps(GOOD))
    assert run(survey, "--lines", "in.jsonl") == (0, ["true", "true"], "")


def test_lines_empty_file_has_no_lines(run, tmp_path, survey):
    write(tmp_path, "empty.jsonl", "")
    assert run(survey, "--lines", "empty.jsonl") == (0, [], "")


def test_lines_with_basic_output(run, tmp_path, survey):
    write(tmp_path, "in.jsonl", jsonl(GOOD, {**GOOD, "anumber": "x"}, "nope"))
    status, out, _ = run("--output", "basic", survey, "--lines", "in.jsonl")
    assert status == 1
    units = [json.loads(line) for line in out]
    assert [u["valid"] for u in units] == [True, False, False]
    assert units[1]["errors"][0]["instanceLocation"] == "/anumber"
    assert units[2]["errors"][0]["error"].startswith("not JSON: ")


def test_lines_and_documents_keep_command_line_order(run, tmp_path, survey):
    write(tmp_path, "in.jsonl", jsonl(GOOD, {}))
    write(tmp_path, "good.json", GOOD)
    status, out, _ = run(survey, "good.json", "--lines", "in.jsonl", "good.json")
    assert status == 1
    assert out == ["good.json: valid", "true", "false", "good.json: valid"]


def test_unreadable_lines_file_exits_2(run, survey):
    status, out, err = run(survey, "--lines", "gone.jsonl")
    assert status == 2 and out == []
    assert "cannot read gone.jsonl" in err


# --- --repeat ------------------------------------------------------------------------------------

@pytest.mark.parametrize("extra", [[], ["--output", "basic"]])
def test_repeat_prints_only_the_last_result(run, tmp_path, survey, extra):
    write(tmp_path, "good.json", GOOD)
    write(tmp_path, "bad.json", {**GOOD, "ipaddr": "300.1.1.1"})
    once = run(*extra, survey, "good.json", "bad.json")
    many = run(*extra, "--repeat", "50", survey, "good.json", "bad.json")
    assert many == once
    assert once[0] == 1 and len(once[1]) == 2


def test_repeat_with_lines(run, tmp_path, survey):
    write(tmp_path, "in.jsonl", jsonl(GOOD, {}, "x"))
    assert run("--repeat", "7", survey, "--lines", "in.jsonl") == (1, ["true", "false", "false"], "")


# --- standard input and odd files ----------------------------------------------------------------

def test_lines_from_standard_input(run, survey):
    assert run(survey, "--lines", "-", stdin=jsonl(GOOD, {"anumber": 1})) == (1, ["true", "false"], "")


def test_schema_from_standard_input(run, tmp_path):
    write(tmp_path, "two.json", 2)
    assert run("-", "two.json", stdin=json.dumps({"maximum": 1})) == (
        1, ["two.json: /: 2 is greater than the maximum of 1"], "")


def test_instance_that_is_a_directory_exits_2(run, tmp_path, survey):
    (tmp_path / "dir").mkdir()
    status, out, err = run(survey, "dir")
    assert status == 2 and out == []
    assert "cannot read dir: it is a directory" in err


# --- strict mode (the default) and --no-strict -----------------------------------------------------

@pytest.mark.parametrize("schema, message", [
    ({"type": "object", "propertiez": {"a": {"type": "string"}}},
     '"propertiez": unknown keyword; did you mean "properties"? (at json-schema:///#/propertiez)'),
    ({"properties": {"ip": {"type": "string", "format": "ipv5"}}},
     '"format": unknown format "ipv5"; did you mean "ipv4"? (at json-schema:///#/properties/ip/format)'),
    ({"$id": "https://example.test/s.json", "$defs": {"propertiez": {"maxLenght": 3}}},
     '"maxLenght": unknown keyword; did you mean "maxLength"? (at https://example.test/s.json#/$defs/propertiez/maxLenght)'),
    ({"$schema": "http://json-schema.org/draft-07/schema#", "prefixItems": [True]},
     '"prefixItems": unknown keyword in draft-07 (it is a 2020-12 keyword) (at json-schema:///#/prefixItems)'),
])
def test_strict_refuses_unknown_keywords_and_formats(run, tmp_path, schema, message):
    write(tmp_path, "s.json", schema)
    write(tmp_path, "i.json", {"a": 1, "ip": "1.2.3.4"})
    assert run("s.json", "i.json") == (2, [], f"schema-check: s.json: invalid schema: {message}\n")
    # --no-strict ignores what it does not know, as the specification says.
    assert run("--no-strict", "s.json", "i.json") == (0, ["i.json: valid"], "")


def test_strict_allows_annotations_and_definition_names(run, tmp_path):
    write(tmp_path, "s.json", {
        "title": "t", "description": "d", "default": {}, "examples": [{}], "$comment": "c", "deprecated": False,
        "readOnly": False, "writeOnly": False,
        "$defs": {"propertiez": {"type": "string"}},
        "properties": {"typ": {"$ref": "#/$defs/propertiez"}},
    })
    write(tmp_path, "i.json", {"typ": 1})
    assert run("s.json", "i.json") == (1, ['i.json: /typ: 1 is not of type "string"'], "")


# --- the bundled metaschemas ----------------------------------------------------------------------

@pytest.mark.parametrize("uri", [
    "http://json-schema.org/draft-04/schema#", "https://json-schema.org/draft-04/schema",
    "http://json-schema.org/draft-06/schema#", "http://json-schema.org/draft-07/schema",
    "https://json-schema.org/draft-07/schema#", "https://json-schema.org/draft/2019-09/schema",
    "https://json-schema.org/draft/2020-12/schema", "https://json-schema.org/draft/2020-12/schema#",
])
def test_a_schema_may_refer_to_a_metaschema(run, tmp_path, uri):
    write(tmp_path, "s.json", {"$ref": uri})
    write(tmp_path, "good.json", {"type": "string", "maxLength": 3})
    write(tmp_path, "bad.json", {"type": "string", "maxLength": -3})
    assert run("s.json", "good.json") == (0, ["good.json: valid"], "")
    status, out, _ = run("s.json", "bad.json")
    assert status == 1 and out and all(line.startswith("bad.json: /maxLength: ") for line in out), out


def test_bundled_metaschemas_are_the_published_texts():
    """Each bundled text is byte for byte the jsonschema-specifications package's file."""
    try:
        import jsonschema_specifications
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("python package jsonschema-specifications is missing")
        pytest.skip("SKIPPED: python package jsonschema-specifications is not installed")
    import re
    package = Path(jsonschema_specifications.__file__).parent / "schemas"
    files = {p for p in package.rglob("*") if p.is_file() and "draft3" not in p.parts}
    bundled = {}
    for source in (ROOT / "Sources/JSONSchema/Metaschemas").glob("Metaschemas+*.swift"):
        for rel, text in re.findall(r'/// `[^`]*` \(([^ ]+) in the package\)\.\n    static let \w+ = ##"""\n(.*?)\n"""##',
                                    source.read_text(), re.S):
            bundled[rel] = text + "\n"
    assert {str(p.relative_to(package)) for p in files} == set(bundled)
    for p in files:
        assert bundled[str(p.relative_to(package))] == p.read_text(encoding="utf-8"), p


# --- the official suite's required tests, through --lines -----------------------------------------

SUITE = Path(os.environ.get("ESPROXY_CORPORA") or ROOT.parent / "shared" / "corpora") / "json-schema-test-suite"
# Each folder as a user would run it; 2020-12 also with --draft, which must keep honouring a custom
# metaschema's $vocabulary (vocabulary.json).
SUITE_RUNS = [("draft4", ["--draft", "4"]), ("draft7", ["--draft", "7"]), ("draft2020-12", []),
              ("draft2020-12", ["--draft", "2020-12"])]


def suite_or_skip():
    if not (SUITE / "COUNTS.tsv").is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"JSON-Schema-Test-Suite missing at {SUITE}")
        pytest.skip(f"SKIPPED: no JSON-Schema-Test-Suite at {SUITE}")


@pytest.mark.parametrize("folder, draft", SUITE_RUNS, ids=["draft4", "draft7", "draft2020-12", "draft2020-12-forced"])
def test_suite_required_tests_all_pass_through_lines(binary, tmp_path, folder, draft):
    """Every required test of the suite (the top-level files of the draft's folder), as a user
    runs it: the group's schema in a file, its test data one per line, the suite's remotes mapped
    with --remote and nothing else: the metaschemas are the built-in ones. Not strict (the suite
    uses unknown keywords on purpose), formats as annotations (required tests expect that)."""
    suite_or_skip()
    expected_counts = 0
    for line in (SUITE / "COUNTS.tsv").read_text().splitlines()[1:]:
        f = line.split("\t")
        if f[0] == folder and f[1] == "required":
            expected_counts += int(f[4])
    assert expected_counts > 0
    listed = [line for line in (ROOT / "Tests/JSONSchemaTests/expected-failures.tsv").read_text().splitlines()
              if line.startswith(folder + "\t") and "/" not in line.split("\t")[1]]
    assert listed == [], "required tests must not be listed as expected failures"
    ran, failures = 0, []
    for file in sorted((SUITE / "tests" / folder).glob("*.json")):
        for n, group in enumerate(json.loads(file.read_text(encoding="utf-8"))):
            write(tmp_path, "schema.json", json.dumps(group["schema"]))
            write(tmp_path, "data.jsonl", "".join(json.dumps(t["data"]) + "\n" for t in group["tests"]))
            p = subprocess.run([binary, "--no-strict", "--no-format-assertion", "--remote",
                                f"http://localhost:1234/={SUITE / 'remotes'}", *draft,
                                "schema.json", "--lines", "data.jsonl"],
                               cwd=tmp_path, capture_output=True, text=True, timeout=60)
            verdicts = p.stdout.splitlines()
            for i, test in enumerate(group["tests"]):
                ran += 1
                want = "true" if test["valid"] else "false"
                got = verdicts[i] if i < len(verdicts) else f"no answer (exit {p.returncode}: {p.stderr.strip()})"
                if got != want:
                    failures.append(f"{file.name} | {group['description']} | {test['description']}: want {want}, got {got}")
    assert ran == expected_counts, f"{folder}: ran {ran} required tests, COUNTS.tsv says {expected_counts}"
    assert failures == []
