"""A short soak for CI (the full one is `scripts/soak`, 100,000 invocations, release build), and
the soak's own checks tested on made-up data so that a broken checker cannot pass a bad run."""

import importlib.machinery
import importlib.util
import io
import json
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(SCRIPTS / "lib"))
from esproxy_stack import build_bootstrap  # noqa: E402


def load_soak():
    loader = importlib.machinery.SourceFileLoader("soak", str(SCRIPTS / "soak"))
    spec = importlib.util.spec_from_loader("soak", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


soak = load_soak()

# The short run samples every 500 invocations; RSS may move by allocator noise (the mix has
# megabyte bodies) but not by a steady leak of a few hundred bytes per invocation.
SHORT_RUN, EVERY, SHORT_BOUND_KB = 2_000, 500, 2_048


@pytest.fixture(scope="module")
def report():
    out = io.StringIO()
    result = soak.run(build_bootstrap(), SHORT_RUN, every=EVERY, seed=7, out=out, flat_bound_kb=SHORT_BOUND_KB)
    print(out.getvalue())
    print(json.dumps({k: v for k, v in result.items() if k != "samples"}, indent=1))
    return result


def test_short_soak_has_no_failures(report):
    assert report["failures"] == []


def test_short_soak_stores_every_valid_document_once_and_no_invalid_one(report):
    assert report["valid"] + report["invalid"] == SHORT_RUN
    assert report["acknowledged"] == report["valid"] == report["stored"]
    assert report["by_outcome"]["201"] == report["valid"]


def test_short_soak_refused_every_kind_of_bad_request(report):
    kinds = set(report["by_outcome"]) - {"201"}
    assert {"400 invalid_json", "400 validation_failed", "400 not_an_object", "404 not_found",
            "405 method_not_allowed", "415 unsupported_media_type", "None Runtime.InvalidBase64"} <= kinds
    assert 0.6 < report["valid"] / SHORT_RUN < 0.8


def test_short_soak_ran_one_process_with_flat_memory(report):
    samples = report["samples"]
    assert [s["invocations"] for s in samples] == list(range(EVERY, SHORT_RUN + 1, EVERY))
    assert all(s["rss_kb"] > 0 and s["hwm_kb"] >= s["rss_kb"] for s in samples)
    assert report["rss_growth_kb"] <= SHORT_BOUND_KB and report["flat"]


# --- the checks themselves -----------------------------------------------------------------------

def write(i, doc_id, mark=soak.VALID_MARK):
    return {"op": "index", "_id": doc_id, "_source": {"textblob": f"{mark}{i} words"}}


def test_storage_check_accepts_an_exact_store():
    assert soak.storage_problems([write(0, "a"), write(2, "b")], {0: "a", 2: "b"}) == []


@pytest.mark.parametrize("writes,acknowledged,needle", [
    ([write(0, "a"), write(0, "a")], {0: "a"}, "stored as ['a', 'a']"),
    ([], {0: "a"}, "stored as []"),
    ([write(0, "b")], {0: "a"}, "stored as ['b']"),
    ([write(0, "a"), write(1, "c")], {0: "a"}, "without a 201"),
    ([write(0, "a"), write(5, "x", soak.INVALID_MARK)], {0: "a"}, "an invalid document was stored"),
    ([{"op": "index", "_id": "z", "_source": {"n": 1}}], {}, "did not send"),
])
def test_storage_check_finds_every_kind_of_mistake(writes, acknowledged, needle):
    problems = soak.storage_problems(writes, acknowledged)
    assert len(problems) == 1 and needle in problems[0], problems


def test_rss_judgement():
    flat = [{"rss_kb": 20_000}, {"rss_kb": 25_000}, {"rss_kb": 21_000}]
    assert soak.rss_is_flat(flat)
    assert not soak.rss_is_flat(flat + [{"rss_kb": 21_025}])
    assert soak.rss_is_flat(flat + [{"rss_kb": 21_025}], bound_kb=2_048)
    assert not soak.rss_is_flat(flat[:1]), "one sample proves nothing"


def test_request_mix_is_deterministic_and_marks_every_invalid_body():
    first = list(soak.requests(500, seed=3))
    assert first == list(soak.requests(500, seed=3))
    assert first != list(soak.requests(500, seed=4))
    for i, valid, event, expected in first:
        decoded = json.loads(event)
        if valid:
            assert expected == (201, None) and f"{soak.VALID_MARK}{i} " in decoded["body"]
        elif decoded.get("body") and expected[1] in ("validation_failed", "method_not_allowed", "not_found",
                                                     "unsupported_media_type"):
            assert f"{soak.INVALID_MARK}{i}" in decoded["body"], "a stored refusal would be found"
