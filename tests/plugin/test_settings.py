"""The handbook plugin's options in mkdocs.yml, their environment overrides, and the pinned internals check."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config.base import ValidationError

from macros.plugin import internals
from macros.plugin.settings import HandbookConfig, PageProcesses, Switch
from tests.support.project import ROOT, fixture_project, run_build


@pytest.mark.parametrize(
    ("value", "on"),
    [(None, True), (True, True), (False, False), (1, True), (0, False), ("0", False), ("false", False),
     ("OFF", False), (" no ", False), ("yes", True), ("On", True)],
)  # fmt: skip
def test_a_switch_reads_what_an_environment_variable_brings(value: Any, on: bool) -> None:
    assert Switch(default=True).validate(value) is on


@pytest.mark.parametrize("value", ["maybe", "", 2, "disabled"])
def test_a_switch_refuses_anything_else_and_says_what_it_takes(value: Any) -> None:
    with pytest.raises(ValidationError, match=r"expected true or false \(or 1/0, yes/no, on/off\)"):
        Switch(default=True).validate(value)


@pytest.mark.parametrize(("value", "processes"), [(None, 0), ("auto", 0), ("AUTO", 0), (1, 1), ("2", 2)])
def test_page_processes_are_auto_one_or_two(value: Any, processes: int) -> None:
    assert PageProcesses().validate(value) == processes


@pytest.mark.parametrize("value", [0, 3, "8", "many"])
def test_page_processes_refuse_other_counts(value: Any) -> None:
    with pytest.raises(ValidationError, match="expected auto, 1 or 2"):
        PageProcesses().validate(value)


def test_the_defaults_build_everything() -> None:
    config = HandbookConfig()
    config.load_dict({})
    failed, warnings = config.validate()
    assert (failed, warnings) == ([], [])
    assert (config.pdf, config.page_processes, config.raw_html_stash) == (True, 0, True)


def test_the_shipped_mkdocs_yml_lists_every_option_with_its_environment_name() -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for option, env in (("pdf", "KTB_PDF"), ("page_processes", "KTB_JOBS"), ("raw_html_stash", "KTB_RAW_HTML")):
        assert f"{option}: !ENV [{env}," in text
    assert {key for key, _ in HandbookConfig._schema} == {"pdf", "page_processes", "raw_html_stash"}


def test_a_wrong_value_in_the_environment_stops_the_build_with_the_option_named(tmp_path: Path) -> None:
    project = fixture_project(tmp_path, "minimal")
    result = run_build(project, env={"KTB_PDF": "sometimes"})
    assert result.returncode != 0
    assert "Plugin 'keep-the-bridge' option 'pdf': expected true or false" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (project / "site").exists()


def test_pinned_internals_pass_and_any_other_version_stops_with_what_to_do() -> None:
    assert internals.version_problems(parallel=True) == [], "requirements.txt pins what internals.PINNED says"
    newer = {**internals.PINNED, "mkdocs-material": "9.9.0"}
    found = lambda package: newer[package]  # noqa: E731
    assert internals.version_problems(parallel=False, found=found) == [], "one process does not touch Material's"
    (problem,) = internals.version_problems(parallel=True, found=found)
    assert "mkdocs-material 9.8.2's internals, and mkdocs-material is 9.9.0" in problem
    assert "page_processes: 1 (KTB_JOBS=1)" in problem and "macros/plugin/internals.py" in problem

    def missing(package: str) -> str:
        raise PackageNotFoundError(package)

    assert len(internals.version_problems(parallel=True, found=missing)) == 3


def test_requirements_pin_the_versions_whose_internals_are_used() -> None:
    pins = (ROOT / "requirements.txt").read_text(encoding="utf-8").lower()
    for package, version in internals.PINNED.items():
        assert f"{package}=={version}" in pins
