"""Fixtures shared by the script tests that drive the built bootstrap."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lib"))
from esproxy_stack import Stack, build_bootstrap  # noqa: E402


@pytest.fixture(scope="session")
def bootstrap():
    """The debug bootstrap, built once per run (or ESPROXY_BOOTSTRAP)."""
    return build_bootstrap()


@pytest.fixture(scope="module")
def stack(bootstrap):
    """One running stack (local domain, emulator, bootstrap) per test file."""
    with Stack(bootstrap) as s:
        yield s


@pytest.fixture
def domain_fault(stack):
    """`domain_fault(spec)` arms a fault on the shared stack's domain (see local-domain /_fault);
    it is cleared after the test whether the test passed or not, so a failure cannot leave it
    armed for the next test on the same stack."""
    yield stack.fault
    stack.clear_fault()
