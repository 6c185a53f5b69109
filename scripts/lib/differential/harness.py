"""What both differential tests need: the esproxy-bench binary and the Python oracles' packages."""

import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def esproxy_bench():
    """ESPROXY_BENCH if set, else `swift build --product esproxy-bench` (a no-op after scripts/test's build)."""
    given = os.environ.get("ESPROXY_BENCH")
    if given:
        return str(Path(given).resolve())
    if shutil.which("swift") is None:
        pytest.skip("swift not installed and ESPROXY_BENCH not set")
    subprocess.run(["swift", "build", "--product", "esproxy-bench", "-j", "2"], cwd=ROOT, check=True,
                   stdout=sys.stderr, timeout=1800)
    out = subprocess.run(["swift", "build", "--product", "esproxy-bench", "--show-bin-path"], cwd=ROOT,
                         check=True, capture_output=True, text=True).stdout.strip()
    return str(Path(out) / "esproxy-bench")


def require(*modules):
    """The oracle's packages: skip loudly without them in a user's clone, fail under CI. A missing
    optional format package would silently turn a Python format check off, so they are required."""
    missing = []
    for module, package in modules:
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(package)
    if missing:
        message = f"MISSING (pip install {' '.join(missing)}): the differential test did NOT run"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
