"""The flowchart in the built site: every link in the chart, step list and home page lands on a real page and anchor."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.data.loader import load
from tests.support.handbook import own
from tests.support.project import ROOT

ID = re.compile(r'\sid="([^"]+)"')


class LinksIn(HTMLParser):
    """The hrefs of <a> elements inside every element whose class list holds `marker`."""

    def __init__(self, marker: str) -> None:
        super().__init__()
        self.marker = marker
        self.tag: str | None = None
        self.depth = 0
        self.hrefs: list[str] = []
        self.containers = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if self.depth == 0 and self.marker in (found.get("class") or "").split():
            self.tag, self.depth = tag, 1
            self.containers += 1
            return
        if self.depth and tag == self.tag:
            self.depth += 1
        if self.depth and tag == "a" and found.get("href") is not None:
            self.hrefs.append(found["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == self.tag:
            self.depth -= 1


def links_in(page: Path, marker: str) -> list[str]:
    parser = LinksIn(marker)
    parser.feed(page.read_text(encoding="utf-8"))
    assert parser.containers == 1, f"{page.name}: expected one .{marker}, found {parser.containers}"
    return parser.hrefs


def broken(site: Path, page: str, hrefs: list[str]) -> list[str]:
    """Links from `page` whose target file or anchor does not exist in the built site."""
    out = []
    for href in hrefs:
        path, _, anchor = href.partition("#")
        path = path.split("?")[0]
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
        file = site / target
        if not file.is_file():
            out.append(f"{page}: {href} -> {target} is not a built page")
        elif anchor and anchor not in ID.findall(file.read_text(encoding="utf-8")):
            out.append(f"{page}: {href} -> {target} has no id {anchor!r}")
    return out


@pytest.fixture(scope="module")
def scenario_ids() -> set[str]:
    handbook, problems = load(ROOT)
    assert handbook is not None, problems
    return {s.id for s in handbook.scenarios}


@pytest.mark.parametrize(
    ("page", "marker"),
    [
        ("flowchart.html", "ktb-flowchart"),
        ("flowchart.html", "ktb-steps"),
        ("index.html", "ktb-compact"),
    ],
)
def test_every_flowchart_link_lands_on_a_page_and_anchor(built_site: Path, page: str, marker: str) -> None:
    hrefs = links_in(built_site / page, marker)
    assert hrefs, f"{page} has no links in .{marker}"
    assert broken(built_site, page, hrefs) == []


def test_chart_and_list_reach_every_scenario_page(built_site: Path, scenario_ids: set[str]) -> None:
    for marker in ("ktb-flowchart", "ktb-steps"):
        pages = {re.sub(r"[#?].*", "", h) for h in links_in(built_site / "flowchart.html", marker)}
        reached = {posixpath.basename(p)[: -len(".html")] for p in pages if p.startswith("situations/")}
        # Every scenario we ship; a fork's own may stay off the chart (`flowchart: false`).
        assert scenario_ids - own() <= reached <= scenario_ids, f".{marker} misses {sorted(scenario_ids - reached)}"


def test_step_list_links_every_timing_section_a_scenario_has(built_site: Path) -> None:
    hrefs = links_in(built_site / "flowchart.html", "ktb-steps")
    handbook, _ = load(ROOT)
    assert handbook is not None
    for scenario in handbook.scenarios:
        linked = {h.partition("#")[2] for h in hrefs if h.startswith(f"situations/{scenario.id}.html#")}
        if not linked and scenario.id in own():
            continue  # a fork's own scenario off the chart
        assert linked and linked <= set(scenario.timings()), scenario.id
        assert len(linked) == 1 or linked == set(scenario.timings()), scenario.id


def test_chart_svg_is_inline_named_and_not_an_image(built_site: Path) -> None:
    html = (built_site / "flowchart.html").read_text(encoding="utf-8")
    svg = re.search(r"<svg\b[^>]*>", html)
    assert svg is not None, "the chart is drawn as inline SVG"
    assert 'role="img"' not in svg.group(0)
    assert '<title id="fc-title">' in html and '<desc id="fc-desc">' in html
    assert "mermaid" not in html.lower()


def test_flowchart_page_follows_start_here_in_the_nav(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    start, chart = html.find("Start here"), html.find("Find your situation")
    assert 0 <= start < chart, "nav: 'Find your situation' comes right after 'Start here'"
    assert 'href="flowchart.html"' in html
