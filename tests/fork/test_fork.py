"""A fork passes the upstream tests unedited: tests/fixtures/fork/local/ adds a scenario and switches two off.

The fork is a copy of this checkout with that folder as its `local/` (FORKING.md: a fork writes only
there, plus its brand). Its own copy of the tests runs in a fresh pytest, as `make test` runs in a fork.
Reproduce: cp -r tests/fixtures/fork/local local && .venv/bin/python -m pytest -m "not browser" tests/content ...
(then remove local/ again).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from macros.data.loader import load_or_raise
from tests.support.handbook import shipped
from tests.support.project import FIXTURES, ROOT

# What `cp -r` of a clone would not carry, or what the fork writes itself (its local/ comes from the fixture).
LEFT_BEHIND = {".git", ".venv", "node_modules", "site", "local", ".bench", "build", ".hypothesis"} | {
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
}
# The tests that read the data as published, so a fork's changes reach them. The others either build
# fixture projects of their own, or copy only scenarios/ (switching scenarios off there themselves).
DATA_DRIVEN = ["tests/content", "tests/data", "tests/site", "tests/print", "tests/gates", "tests/browser"]
# Of those, the ones that read no data of the fork's: the code's lint, and upstream's scenarios switched
# off in turn in copies without local/ (the fork's own switches are built by the shipped-site fixture).
NOT_THE_DATA = [
    "tests/gates/test_lint.py",
    "tests/site/test_guide_links.py::test_switching_off_each_scenario_in_turn_builds_strict",
]


def make_fork(dest: Path) -> Path:
    """This checkout copied to `dest`, with the fork fixture's local/ folder; node_modules linked, not copied."""
    shutil.copytree(
        ROOT,
        dest,
        ignore=lambda folder, names: (
            {n for n in names if n in LEFT_BEHIND} if Path(folder) == ROOT else {"__pycache__"} & set(names)
        ),
    )
    shutil.copytree(FIXTURES / "fork" / "local", dest / "local")
    if (ROOT / "node_modules").exists():
        (dest / "node_modules").symlink_to((ROOT / "node_modules").resolve())
    return dest


def test_the_fork_fixture_adds_one_scenario_and_switches_two_off(tmp_path: Path) -> None:
    upstream = {s.id for s in shipped().scenarios}
    fork = {s.id for s in load_or_raise(make_fork(tmp_path / "fork")).scenarios}
    assert len(upstream - fork) == 2 and len(fork - upstream) == 1, (sorted(upstream - fork), sorted(fork - upstream))


def test_a_fork_passes_the_upstream_tests_unedited(tmp_path: Path) -> None:
    fork = make_fork(tmp_path / "fork")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [
            *(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not browser", *DATA_DRIVEN),
            *(f"--deselect={test}" for test in NOT_THE_DATA),
        ],
        cwd=fork,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, f"in {fork}:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}"
