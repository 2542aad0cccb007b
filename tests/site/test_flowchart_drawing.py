"""The flowchart drawn for the site (macros/site/flowchart_*.py, textwidth.py): SVG, step list, home widget, links."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from macros import page_href
from macros.data.loader import load
from macros.data.model import Handbook
from macros.site.flowchart_steps import render_compact, render_steps
from macros.site.flowchart_svg import render_svg
from macros.site.textwidth import text_width, wrap
from tests.support.project import fixture_data

SVG = "{http://www.w3.org/2000/svg}"


def flowchart_project(dest: Path) -> Path:
    """The four-scenario flowchart fixture (delta opts out) with the repo's own schemas."""
    return fixture_data(dest, "flowchart")


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
    svg = render_svg(fixture_handbook, lambda s, a: f"/S/{s}" + (f"#{a}" if a else ""))
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
    svg = render_svg(replace(fixture_handbook, flowchart=bad), lambda s, a: f"{s}?a=1&b=2")
    assert "<script>" not in svg and "&lt;script&gt;x&lt;/script&gt; &amp; co" in svg
    assert 'href="alpha?a=1&amp;b=2"' in svg
    ET.fromstring(svg)  # still well-formed


def test_steps_list_every_question_in_order_with_real_timing_links(fixture_handbook: Handbook) -> None:
    html = render_steps(fixture_handbook, lambda s, a: f"situations/{s}.html" + (f"#{a}" if a else ""))
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
    html = render_compact(fixture_handbook, lambda s, a: f"s/{s}#{a}", lambda q: f"fc.html#fc-q-{q}", "fc.html")
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
        ("flowchart/", True, "flowchart.md", "./"),
        ("situations/work/", True, "situations/a.md", "../a/"),
        ("situations/work/index.html", False, "situations/index.md", "../index.html"),
    ],
)
def test_page_href_matches_mkdocs_urls(from_url: str, dirs: bool, to: str, expected: str) -> None:
    assert page_href(from_url, to, dirs) == expected


def test_wrap_never_exceeds_the_width() -> None:
    lines = wrap("Supercalifragilisticexpialidocious words and more words", 80, 14)
    assert all(text_width(line, 14) <= 80 for line in lines)
    assert "".join(lines).replace(" ", "") == "Supercalifragilisticexpialidocious words and more words".replace(" ", "")
