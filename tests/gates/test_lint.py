"""The code stays clean: ruff (lint and format) and mypy over macros/, tests/ and scripts/, as `make lint` runs them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.support.project import ROOT

CHECKS = {
    "ruff check": [sys.executable, "-m", "ruff", "check", "macros", "tests", "scripts"],
    "ruff format": [sys.executable, "-m", "ruff", "format", "--check", "macros", "tests", "scripts"],
    "mypy": [sys.executable, "-m", "mypy"],
}


@pytest.mark.parametrize("name", list(CHECKS))
def test_code_passes(name: str) -> None:
    result = subprocess.run(CHECKS[name], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{name} failed (run `make lint`):\n{result.stdout}\n{result.stderr}"
