"""Flowchart data and renderers: each mistake is a FILE:LINE:COL problem; every answer links; all scenarios reached."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.data.loader import load
from macros.data.model import Handbook
from macros.site import flowchart as fc
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
    assert {s for s, _ in fc.links(handbook)} == {"alpha", "beta", "gamma"}


def test_missing_flowchart_file_means_no_flowchart(tmp_path: Path) -> None:
    project = flowchart_project(tmp_path)
    (project / "scenarios" / "_flowchart.yml").unlink()
    (project / "scenarios" / "delta.yml").write_text(
        (project / "scenarios" / "delta.yml").read_text().replace("flowchart: false\n", "")
    )
    handbook, problems = load(project)
    assert problems == [] and handbook is not None
    assert handbook.flowchart is None
    link = fc.page_link("flowchart.html", False)
    assert fc.render_svg(handbook, link) == ""
    assert fc.render_steps(handbook, link) == ""
    assert fc.render_compact(handbook, link, lambda q: q, "flowchart.html") == ""


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
    reached = {s for s, _ in fc.links(handbook)}
    # Every scenario we ship is on the chart; a fork's own may opt out (`flowchart: false`, checked by the loader).
    assert {s.id for s in handbook.scenarios} - own() <= reached <= {s.id for s in handbook.scenarios}


# --- Renderers ----------------------------------------------------------------------


@pytest.fixture()
def fixture_handbook(tmp_path: Path) -> Handbook:
    handbook, problems = load(flowchart_project(tmp_path))
    assert handbook is not None, problems
    return handbook


def find(element: ET.Element, path: str) -> ET.Element:
    found = element.find(path)
    assert found is not None, f"no {path} in {ET.tostring(element)[:200]!r}"
    return found


def test_svg_is_accessible_and_every_box_links(fixture_handbook: Handbook) -> None:
    svg = fc.render_svg(fixture_handbook, lambda s, a: f"/S/{s}" + (f"#{a}" if a else ""))
    root = ET.fromstring(svg)
    assert root.get("role") is None, "an SVG that holds links must not be role=img"
    assert find(root, f"{SVG}title").text == "Find your situation"
    assert "What happened?" in (find(root, f"{SVG}desc").text or "")
    assert root.get("aria-labelledby") == "fc-title" and root.get("aria-describedby") == "fc-desc"
    hrefs = [a.get("href") for a in root.iter(f"{SVG}a")]
    assert hrefs == ["#fc-q-first", "#fc-q-news", "/S/alpha", "/S/beta", "/S/gamma#missed"]
    for a in root.iter(f"{SVG}a"):
        assert a.find(f"{SVG}rect") is not None and a.find(f"{SVG}text") is not None


def test_svg_escapes_text_from_the_data(fixture_handbook: Handbook) -> None:
    flow = fixture_handbook.flowchart
    assert flow is not None
    from dataclasses import replace

    bad = replace(flow, title="<script>x</script> & co")
    svg = fc.render_svg(replace(fixture_handbook, flowchart=bad), lambda s, a: f"{s}?a=1&b=2")
    assert "<script>" not in svg and "&lt;script&gt;x&lt;/script&gt; &amp; co" in svg
    assert 'href="alpha?a=1&amp;b=2"' in svg
    ET.fromstring(svg)  # still well-formed


def test_steps_list_every_question_in_order_with_real_timing_links(fixture_handbook: Handbook) -> None:
    html = fc.render_steps(fixture_handbook, lambda s, a: f"situations/{s}.html" + (f"#{a}" if a else ""))
    root = ET.fromstring(html)
    sections = root.findall("section")
    assert [s.get("id") for s in sections] == ["fc-q-first", "fc-q-news"]
    assert next(find(sections[0], "h3").itertext()) == "Question 1."
    first = sections[0].findall("ul/li")
    assert first[0].get("data-next") == "news" and find(first[0], "a").get("href") == "#fc-q-news"
    assert first[1].get("data-timing") == "missed"
    assert find(first[1], "a").get("href") == "situations/gamma.html#missed"
    alpha = sections[1].findall("ul/li")[0]
    timings = [(a.get("href"), a.get("data-audiences")) for a in alpha.iter("a") if a.get("data-timing")]
    assert timings == [("situations/alpha.html#ahead", "in-house"), ("situations/alpha.html#short-notice", "agency")]
    assert find(sections[1], "p").text == "Pick the closest one."


def test_compact_shows_the_first_question(fixture_handbook: Handbook) -> None:
    html = fc.render_compact(fixture_handbook, lambda s, a: f"s/{s}#{a}", lambda q: f"fc.html#fc-q-{q}", "fc.html")
    root = ET.fromstring(html)
    assert find(root, "h2").text == "What happened?"
    assert [a.get("href") for a in root.iter("a")] == ["fc.html#fc-q-news", "s/gamma#missed", "fc.html"]


@pytest.mark.parametrize(
    ("from_url", "dirs", "to", "expected"),
    [
        ("flowchart.html", False, "situations/a.md", "situations/a.html"),
        ("situations/b.html", False, "situations/a.md", "a.html"),
        ("situations/b.html", False, "flowchart.md", "../flowchart.html"),
        ("index.html", False, "index.md", "index.html"),
        ("flowchart/", True, "situations/a.md", "../situations/a/"),
        ("", True, "flowchart.md", "flowchart/"),
        ("situations/a/", True, "index.md", "../../"),
    ],
)
def test_page_href_matches_mkdocs_urls(from_url: str, dirs: bool, to: str, expected: str) -> None:
    assert fc.page_href(from_url, to, dirs) == expected


def test_wrap_never_exceeds_the_width() -> None:
    lines = fc.wrap("Supercalifragilisticexpialidocious words and more words", 80, 14)
    assert all(fc.text_width(line, 14) <= 80 for line in lines)
    assert "".join(lines).replace(" ", "") == "Supercalifragilisticexpialidocious words and more words".replace(" ", "")
