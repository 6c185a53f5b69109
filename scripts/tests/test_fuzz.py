"""scripts/fuzz: the target list, argument errors, seed corpora, every seed through each
target's oracle in the plain (unsanitized) build, which replays files instead of fuzzing, and a
short run of each sanitized libFuzzer build."""

import importlib.machinery
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent
ROOT = SCRIPTS.parent
FUZZ = SCRIPTS / "fuzz"


def load_fuzz_module():
    loader = importlib.machinery.SourceFileLoader("esproxy_fuzz", str(FUZZ))
    spec = importlib.util.spec_from_loader("esproxy_fuzz", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


fuzz = load_fuzz_module()


def run_fuzz(*args):
    return subprocess.run([sys.executable, str(FUZZ), *args], cwd=ROOT, capture_output=True, text=True)


def test_list_names_every_fuzz_target_in_the_package():
    proc = run_fuzz("--list")
    assert proc.returncode == 0, proc.stderr
    listed = [line.split("\t")[0] for line in proc.stdout.splitlines()]
    on_disk = sorted(p.name for p in (ROOT / "Sources").iterdir() if p.name.startswith("fuzz-"))
    assert sorted(listed) == on_disk
    package = (ROOT / "Package.swift").read_text()
    for name in listed:
        assert f'.executableTarget(name: "{name}"' in package


def test_fuzz_targets_are_not_part_of_the_shipped_product():
    package = (ROOT / "Package.swift").read_text()
    bootstrap = next(line for line in package.splitlines() if '.executableTarget(name: "bootstrap"' in line)
    assert "fuzz" not in bootstrap


@pytest.mark.parametrize("args", [[], ["fuzz-nothing", "10"], ["fuzz-json"], ["fuzz-json", "ten"], ["fuzz-json", "0"]])
def test_bad_arguments_exit_2_with_usage(args):
    proc = run_fuzz(*args)
    assert proc.returncode == 2
    assert proc.stderr.strip(), "a usage error must say what is wrong"


def test_unknown_target_is_named_in_the_error():
    proc = run_fuzz("fuzz-nothing", "10")
    assert "fuzz-nothing" in proc.stderr and "fuzz-json" in proc.stderr


def corpora_or_skip():
    if not fuzz.CORPORA.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"corpora missing at {fuzz.CORPORA}")
        pytest.skip(f"SKIPPED: no corpora at {fuzz.CORPORA}")


@pytest.mark.parametrize("target", list(fuzz.TARGETS))
def test_seeds_exist_for_every_target(target):
    corpora_or_skip()
    seeds = list(fuzz.seeds_for(target))
    assert len(seeds) > 100
    assert all(isinstance(s, bytes) and s for s in seeds)


def test_validator_seeds_select_every_schema():
    corpora_or_skip()
    selectors = {s[0] % fuzz.VALIDATOR_SCHEMA_COUNT for s in fuzz.seeds_for("fuzz-validator")}
    assert selectors == set(range(fuzz.VALIDATOR_SCHEMA_COUNT))


def test_validator_schema_count_matches_the_swift_list():
    text = (ROOT / "Sources" / "fuzz-validator" / "InterestingSchemas.swift").read_text()
    # Each schema is introduced by a numbered comment: `// 0: ...`.
    numbered = [line for line in text.splitlines() if line.strip().split(":")[0].removeprefix("// ").isdigit()]
    assert len(numbered) == fuzz.VALIDATOR_SCHEMA_COUNT


def plain_build(target):
    proc = subprocess.run(["swift", "build", "-j", "2", "--product", target], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    return ROOT / ".build" / "debug" / target


@pytest.mark.parametrize("target", list(fuzz.TARGETS))
def test_every_seed_passes_the_oracle_in_the_plain_build(target, tmp_path):
    corpora_or_skip()
    exe = plain_build(target)
    files = []
    for i, seed in enumerate(sorted(set(fuzz.seeds_for(target)))):
        path = tmp_path / f"seed-{i:05d}"
        path.write_bytes(seed)
        files.append(str(path))
    # Chunks keep the command line short.
    for start in range(0, len(files), 500):
        proc = subprocess.run([str(exe), *files[start:start + 500]], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr[-4000:]
        assert proc.stdout.count("passed: ") == len(files[start:start + 500])


def test_replay_fails_on_an_unreadable_file(tmp_path):
    exe = plain_build("fuzz-json")
    proc = subprocess.run([str(exe), str(tmp_path / "missing")], capture_output=True, text=True)
    assert proc.returncode != 0
    assert "missing" in proc.stderr + proc.stdout


@pytest.mark.parametrize("target", list(fuzz.TARGETS))
def test_sanitized_target_builds_and_runs_briefly(target):
    proc = run_fuzz(target, "5", "-runs=2000")
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert f"{target}: no findings" in proc.stdout


def test_dictionary_holds_schema_keywords_in_libfuzzer_syntax(tmp_path, monkeypatch):
    corpora_or_skip()
    monkeypatch.setattr(fuzz, "SCRATCH", tmp_path)
    lines = fuzz.write_dictionary("fuzz-schema").read_text().splitlines()
    assert '"\\x22$ref\\x22"' in lines
    assert '"\\x22unevaluatedProperties\\x22"' in lines
    # Every entry is one quoted token with only printable ASCII inside.
    assert all(l.startswith('"') and l.endswith('"') and l.isascii() and l.isprintable() for l in lines)
