"""The flowchart data (macros/data/flowchart.py): each mistake is a FILE:LINE:COL problem; all scenarios reached."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.data.loader import load
from macros.site.flowchart_steps import links, render_compact, render_steps
from macros.site.flowchart_svg import render_svg
from tests.support.handbook import own
from tests.support.project import ROOT, fixture_data

SVG = "{http://www.w3.org/2000/svg}"


def flowchart_project(dest: Path) -> Path:
    """The four-scenario flowchart fixture (delta opts out) with the repo's own schemas."""
    return fixture_data(dest, "flowchart")


def line_of(text: str, needle: str, nth: int = 0) -> int:
    """The 1-based line of the nth occurrence of `needle` in `text`."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    return text.count("\n", 0, at) + 1


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    old: str
    new: str
    at: str  # text on the line the problem must point to (in the edited file)
    what: str
    fix: str
    nth: int = 0  # which occurrence of `at`


ANSWER_BETA = "      - label: The beta kind of news\n        scenario: beta\n"
CASES = [
    Case(
        "unknown scenario",
        "_flowchart.yml",
        "scenario: beta",
        "scenario: betta",
        "scenario: betta",
        "scenario 'betta' does not exist",
        "did you mean 'beta'?",
    ),
    Case(
        "unknown question",
        "_flowchart.yml",
        "next: news",
        "next: newz",
        "next: newz",
        "question 'newz' does not exist",
        "did you mean 'news'?",
    ),
    Case(
        "cycle",
        "_flowchart.yml",
        ANSWER_BETA,
        ANSWER_BETA + "      - label: Start again\n        next: first\n",
        "next: first",
        "this answer makes a loop: first → news → first",
        "a reader must always reach an end",
    ),
    Case(
        "unreachable question",
        "_flowchart.yml",
        ANSWER_BETA,
        ANSWER_BETA + "  - id: orphan\n    text: Nobody asks this?\n    answers:\n      - label: Alpha\n"
        "        scenario: alpha\n      - label: Beta\n        scenario: beta\n",
        "- id: orphan",
        "no answer leads to question 'orphan'",
        "add `next: orphan` to an answer",
    ),
    Case(
        "answer without label",
        "_flowchart.yml",
        ANSWER_BETA,
        "      - scenario: beta\n",
        "- scenario: beta",
        "answers[2] is missing the required field 'label'",
        "add a `label:` line",
    ),
    Case(
        "empty label",
        "_flowchart.yml",
        "label: The beta kind of news",
        'label: ""',
        'label: ""',
        "label is empty or too short",
        "write at least 2 characters",
    ),
    Case(
        "unreached scenario",
        "delta.yml",
        "flowchart: false\n",
        "",
        "id: delta",
        "no path in the flowchart leads to scenario 'delta'",
        "or add `flowchart: false` to this file",
    ),
    Case(
        "opted-out scenario in the chart",
        "_flowchart.yml",
        ANSWER_BETA,
        ANSWER_BETA + "      - label: Delta news\n        scenario: delta\n",
        "scenario: delta",
        "scenario 'delta' says `flowchart: false`",
        "remove `flowchart: false` from scenarios/delta.yml",
    ),
    Case(
        "timing the scenario has no messages for",
        "_flowchart.yml",
        "scenario: alpha\n",
        "scenario: alpha\n        timing: missed\n",
        "timing: missed",
        "scenario 'alpha' has no messages for timing 'missed'",
        "use one of: ahead, short-notice",
        nth=1,
    ),
    Case(
        "unknown timing",
        "_flowchart.yml",
        "timing: missed",
        "timing: tomorrow",
        "timing: tomorrow",
        "'tomorrow' is not one of the allowed values",
        "same-day",
    ),
    Case(
        "answer to both",
        "_flowchart.yml",
        "scenario: alpha\n",
        "scenario: alpha\n        next: news\n",
        "- label: The alpha",
        "leads both to a question and to a scenario",
        "either `next: QUESTION-ID`",
    ),
    Case(
        "answer to nowhere",
        "_flowchart.yml",
        "        scenario: alpha\n",
        "",
        "- label: The alpha",
        "this answer leads nowhere",
        "either `next: QUESTION-ID` or `scenario: SCENARIO-ID`",
    ),
    Case(
        "timing on a question answer",
        "_flowchart.yml",
        "next: news\n",
        "next: news\n        timing: ahead\n",
        "timing: ahead",
        "`timing` only applies to an answer that leads to a scenario",
        "remove the `timing:` line",
    ),
    Case(
        "unknown start",
        "_flowchart.yml",
        "start: first",
        "start: frist",
        "start: frist",
        "start question 'frist' does not exist",
        "did you mean 'first'?",
    ),
    Case(
        "duplicate question id",
        "_flowchart.yml",
        "  - id: news\n",
        "  - id: first\n",
        "  - id: first\n",
        "question id 'first' is used twice",
        "its own id",
        nth=1,
    ),
    Case(
        "same label twice",
        "_flowchart.yml",
        "label: The beta kind of news",
        "label: The alpha kind of news",
        "label: The alpha kind of news",
        "two answers to this question have the same label",
        "reword one",
        nth=1,
    ),
    Case(
        "one answer only",
        "_flowchart.yml",
        ANSWER_BETA,
        "",
        "- label: The alpha",
        "answers needs at least 2 item(s)",
        "add items",
    ),
    Case(
        "unknown key",
        "_flowchart.yml",
        "hint: Pick",
        "hnit: Pick",
        "hnit: Pick",
        "unknown field 'hnit'",
        "did you mean 'hint'?",
    ),
    Case(
        "no schema line",
        "_flowchart.yml",
        "# yaml-language-server: $schema=schema/flowchart.schema.json\n",
        "",
        "# A small flowchart",
        "the first line does not name the schema",
        "schema/flowchart.schema.json",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_flowchart_mistake_is_reported_with_its_place(tmp_path: Path, case: Case) -> None:
    project = flowchart_project(tmp_path)
    file = project / "scenarios" / case.file
    text = file.read_text(encoding="utf-8")
    assert case.old in text, f"the fixture no longer contains {case.old!r}"
    text = text.replace(case.old, case.new, 1)
    file.write_text(text, encoding="utf-8")

    handbook, problems = load(project)

    assert handbook is None
    expected_line = line_of(text, case.at, case.nth)
    matching = [p for p in problems if case.what in p.what]
    assert matching, f"no problem says {case.what!r}; got:\n" + "\n".join(map(str, problems))
    problem = matching[0]
    assert problem.path == f"scenarios/{case.file}"
    assert problem.line == expected_line, str(problem)
    assert case.fix in problem.fix, str(problem)
    assert str(problem).startswith(f"scenarios/{case.file}:{expected_line}:")


def test_fixture_loads_and_delta_may_opt_out(tmp_path: Path) -> None:
    handbook, problems = load(flowchart_project(tmp_path))
    assert problems == []
    assert handbook is not None and handbook.flowchart is not None
    assert handbook.flowchart.start == "first"
    assert [q.id for q in handbook.flowchart.questions] == ["first", "news"]
    assert {s for s, _ in links(handbook)} == {"alpha", "beta", "gamma"}


def test_missing_flowchart_file_means_no_flowchart(tmp_path: Path) -> None:
    project = flowchart_project(tmp_path)
    (project / "scenarios" / "_flowchart.yml").unlink()
    (project / "scenarios" / "delta.yml").write_text(
        (project / "scenarios" / "delta.yml").read_text().replace("flowchart: false\n", "")
    )
    handbook, problems = load(project)
    assert problems == [] and handbook is not None
    assert handbook.flowchart is None
    assert render_svg(handbook, lambda s, a: f"situations/{s}.html") == ""
    assert render_steps(handbook, lambda s, a: f"situations/{s}.html") == ""
    assert render_compact(handbook, lambda s, a: f"situations/{s}.html", lambda q: q, "flowchart.html") == ""


def test_flowchart_problems_come_with_every_other_problem(tmp_path: Path) -> None:
    project = flowchart_project(tmp_path)
    alpha = project / "scenarios" / "alpha.yml"
    alpha.write_text(alpha.read_text().replace("title: Alpha", "tilte: Alpha"))
    chart = project / "scenarios" / "_flowchart.yml"
    chart.write_text(chart.read_text().replace("scenario: beta", "scenario: nope"))
    _, problems = load(project)
    said = "\n".join(map(str, problems))
    assert "scenarios/alpha.yml:3:1: unknown field 'tilte'" in said
    assert "scenario 'nope' does not exist" in said
    # alpha's own file is broken: the chart's answer to it is not also reported as unknown.
    assert "scenario 'alpha' does not exist" not in said


def test_shipped_flowchart_reaches_every_scenario() -> None:
    handbook, problems = load(ROOT)
    assert problems == [], "\n".join(map(str, problems))
    assert handbook is not None and handbook.flowchart is not None, "scenarios/_flowchart.yml is missing"
    reached = {s for s, _ in links(handbook)}
    # Every scenario we ship is on the chart; a fork's own may opt out (`flowchart: false`, checked by the loader).
    assert {s.id for s in handbook.scenarios} - own() <= reached <= {s.id for s in handbook.scenarios}
