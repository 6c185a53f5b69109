"""What a script test does when a tool or package it needs is missing: a loud skip in a user's
clone, a failure under CI (`CI=true`), so CI never passes with a test that did not run."""

import importlib
import os

import pytest


def missing(message):
    """Fails under CI, else skips; either way with `message`, which says what did not run."""
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def require_module(module, package, what):
    """Imports `module` (pip package `package`) or reports through `missing` that `what` did not run."""
    try:
        return importlib.import_module(module)
    except ImportError:
        missing(f"{package} MISSING (pip install {package}): {what} did NOT run")
