"""What both differential tests need: the esproxy-bench binary and the Python oracles' packages."""

import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from ci_required import missing

ROOT = Path(__file__).resolve().parents[3]


def esproxy_bench():
    """ESPROXY_BENCH if set, else `swift build --product esproxy-bench` (a no-op after scripts/test's build)."""
    given = os.environ.get("ESPROXY_BENCH")
    if given:
        return str(Path(given).resolve())
    if shutil.which("swift") is None:
        missing("swift is not on PATH and ESPROXY_BENCH is not set: the differential test did NOT run")
    subprocess.run(["swift", "build", "--product", "esproxy-bench", "-j", "2"], cwd=ROOT, check=True,
                   stdout=sys.stderr, timeout=1800)
    out = subprocess.run(["swift", "build", "--product", "esproxy-bench", "--show-bin-path"], cwd=ROOT,
                         check=True, capture_output=True, text=True).stdout.strip()
    return str(Path(out) / "esproxy-bench")


def require(*modules):
    """The oracle's packages: skip loudly without them in a user's clone, fail under CI. A missing
    optional format package would silently turn a Python format check off, so they are required."""
    absent = []
    for module, package in modules:
        try:
            importlib.import_module(module)
        except ImportError:
            absent.append(package)
    if absent:
        missing(f"MISSING (pip install {' '.join(absent)}): the differential test did NOT run")
