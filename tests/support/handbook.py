"""The handbook under test as data: what upstream ships in scenarios/, and what the site publishes with local/.

Editorial expectations come from here, not from lists of ids in the tests, so a fork's data passes them:
a fork never edits scenarios/ (FORKING.md), so `shipped()` is upstream's whole set in a fork too, and
`published()` is what its site shows: the shipped scenarios it did not switch off, changed as it changed
them, and its own.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.data.loader import load, load_or_raise
from macros.data.model import Handbook
from tests.support.project import FIXTURES, ROOT


@cache
def shipped() -> Handbook:
    """The handbook from scenarios/ alone, as upstream ships it: no fork's local/ folder."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROOT / "scenarios", Path(tmp) / "scenarios")
        return load_or_raise(Path(tmp))


@cache
def published() -> Handbook:
    """The handbook the site is built from: scenarios/ with the project's local/ folder merged in."""
    return load_or_raise(ROOT)


def published_ids() -> list[str]:
    """The published scenario ids, for parametrizing at collection; empty if the data does not load.

    A test's `handbook` fixture then reports the data's problems, instead of an error while collecting.
    """
    handbook, _ = load(ROOT)
    return sorted(s.id for s in handbook.scenarios) if handbook is not None else []


def switched_off() -> frozenset[str]:
    """Shipped scenarios the project switches off (local/scenarios/_local.yml)."""
    return frozenset(s.id for s in shipped().scenarios) - {s.id for s in published().scenarios}


def own() -> frozenset[str]:
    """Scenarios the project adds in local/scenarios/: none upstream, a fork's own in a fork."""
    return frozenset(s.id for s in published().scenarios) - {s.id for s in shipped().scenarios}


def changed() -> frozenset[str]:
    """Shipped scenarios the project changes in local/scenarios/ (a file with the same id).

    Links to switched-off scenarios, which the loader drops, do not count as a change.
    """
    ours = {s.id: replace(s, related=()) for s in shipped().scenarios}
    return frozenset(s.id for s in published().scenarios if s.id in ours and replace(s, related=()) != ours[s.id])


def require_published(*scenario_ids: str) -> None:
    """Skips the calling test when the project switched one of these shipped scenarios off; fails on a typo.

    For expectations about one named situation (its advice, a journey that ends there): they hold
    wherever the situation is published, and name nothing when a fork took the page away.
    """
    unknown = set(scenario_ids) - {s.id for s in shipped().scenarios}
    assert not unknown, f"no shipped scenario {sorted(unknown)} in scenarios/: update the test's table"
    gone = sorted(set(scenario_ids) & switched_off())
    if gone:
        pytest.skip(f"switched off in local/scenarios/_local.yml: {', '.join(gone)}")


def phrase_list(name: str) -> list[dict[str, Any]]:
    """tests/fixtures/NAME as written: what a job seeker types, and the shipped situation it must reach."""
    data: dict[str, Any] = yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))
    return list(data["phrases"])


def published_phrases(name: str, *, own_keywords: bool) -> list[dict[str, Any]]:
    """The phrases whose situation the site publishes; with `own_keywords`, each keyword of the project's own
    scenarios too (a fork's pages must be found by the words its author gave them)."""
    shown = {s.id for s in published().scenarios}
    items = [item for item in phrase_list(name) if item["scenario"] in shown]
    if own_keywords:
        items += [{"query": k, "scenario": s.id} for s in published().scenarios if s.id in own() for k in s.keywords]
    return items
