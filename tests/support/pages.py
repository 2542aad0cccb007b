"""Finds the pages of a built handbook and runs axe-core on them: shared by the quality-gate tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.project import ROOT

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
# Palette name -> (Playwright's prefers-color-scheme, Material's data-md-color-scheme).
PALETTES = {"light": ("light", "default"), "dark": ("dark", "slate")}

# axe.run is started without waiting (window.__ktbAxe holds the promise), so that pages in other
# browser contexts, which run in their own renderer processes, can be checked at the same time.
_AXE_START = """(tags) => {
  window.__ktbAxe = axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
    .then(result => result.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => ({
      target: n.target.join(' '), summary: (n.failureSummary || '').replace(/\\s+/g, ' ').trim()}))})));
}"""
_AXE_RESULT = "() => window.__ktbAxe"


def editions(site: Path) -> list[str]:
    """The prefix of each language edition in the built site: "" for the root, "es/" for /es/."""
    return ["", *sorted(f"{p.parent.name}/" for p in site.glob("*/index.html") if (p.parent / "search").is_dir())]


def html_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as paths relative to site/ (404.html included: visitors see it)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def require_tool(path: Path) -> Path:
    """The npm tool at `path`, or a failure that says how to install it (never a silent skip)."""
    if not path.exists():
        raise AssertionError(f"{path.relative_to(ROOT)} is missing: run `npm ci` (or `make test`) in {ROOT}")
    return path


def start_axe(page: Any) -> None:
    """Starts axe-core (WCAG 2.0/2.1/2.2 A and AA) on the page; `axe_result` collects what it found."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(require_tool(AXE_JS)))
    page.evaluate(_AXE_START, AXE_TAGS)


def axe_result(page: Any, where: str) -> list[str]:
    """The violations of the run `start_axe` began: one `where: rule at target — why` line per node."""
    violations = page.evaluate(_AXE_RESULT)
    return [
        f"{where}: {v['id']} at `{node['target']}` — {v['help']}. {node['summary']}"
        for v in violations
        for node in v["nodes"]
    ]


def axe_violations(page: Any, where: str) -> list[str]:
    """Runs axe-core on the page and waits for it: one line per failing node."""
    start_axe(page)
    return axe_result(page, where)


def axe_report(failures: list[str]) -> str:
    """Failures grouped by rule and target, each with the pages and states it was found on."""
    groups: dict[str, list[str]] = {}
    for line in failures:
        where, _, problem = line.partition(": ")
        groups.setdefault(problem, []).append(where)
    lines = [f"- {problem}\n    on {len(wheres)}: {', '.join(wheres)}" for problem, wheres in groups.items()]
    return f"{len(failures)} axe-core violation(s), {len(groups)} distinct:\n" + "\n".join(lines)


def wait_for_palette(page: Any, scheme: str) -> None:
    """Waits until Material has applied the palette (its JS picks it from prefers-color-scheme)."""
    page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s", arg=scheme)
