"""Accessibility gate: axe-core finds no WCAG 2.2 A/AA violation on any built page, in any state we ship.

States checked, in the light and the dark palette: every page as loaded; search open with results
(one result focused, "more on this page" expanded); a page opened from a search result, with its
highlights; a phone-sized window with the navigation drawer open; and the personaliser filled in.
Failures print rule id, target selector and message, each with the pages and states it was found
on, so each is fixable. Every page is found by walking site/ (404.html included: visitors see it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.pages import (
    AXE_JS,
    PALETTES,
    axe_report,
    axe_result,
    axe_violations,
    editions,
    html_pages,
    require_tool,
    start_axe,
    wait_for_palette,
)

pytestmark = pytest.mark.browser

SEARCH_QUERY = "interview"  # every scenario is about an interview, so results always show
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
PERSONALISER = "[data-ktb-details]"  # the "Your details" panel of personalise.js
SAMPLE_VALUES = ("Sam Rivera", "Alex Morgan", "Northwind Ltd", "Monday 3 March", "sam@example.org")


@pytest.fixture(scope="module")
def palettes(browser: Any) -> Iterator[dict[str, Any]]:
    """One browser context per palette for the whole module, each with one page; axe is preloaded."""
    contexts, pages = [], {}
    # Top frame only: Material's search worker runs in an iframe, which has nothing to check.
    axe_source = "if (window === window.top) {\n" + require_tool(AXE_JS).read_text(encoding="utf-8") + "\n}"
    for name, (media, scheme) in sorted(PALETTES.items()):
        # bypass_csp: the site's CSP (rightly) refuses the test's injected axe-core script.
        context = browser.new_context(color_scheme=media, viewport=DESKTOP, bypass_csp=True)
        context.add_init_script(script=axe_source)
        page = context.new_page()
        page.set_default_timeout(15000)
        page.scheme = scheme
        contexts.append(context)
        pages[name] = page
    try:
        yield pages
    finally:
        for context in contexts:
            context.close()


def visit(page: Any, url: str) -> None:
    """Opens a page and waits until Material has applied the palette under test."""
    page.goto(url)
    wait_for_palette(page, page.scheme)


def open_search(page: Any) -> None:
    """Types the query into Material's search (it ignores fill()) and waits for the results."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(SEARCH_QUERY, delay=10)
    page.locator(".md-search-result__item").first.wait_for()


def phone_pages(site: Path) -> list[str]:
    """Home, a scenario page and the flowchart of each language edition: the layouts that change most on a phone."""
    out: list[str] = []
    for prefix in editions(site):
        others = {e.rstrip("/") for e in editions(site) if e}
        pages = [p for p in html_pages(site) if p.startswith(prefix) and (prefix or p.split("/")[0] not in others)]
        pages = [p.removeprefix(prefix) for p in pages]
        flowchart = [
            rel for rel in pages if 'class="ktb-flowchart' in (site / prefix / rel).read_text(encoding="utf-8")
        ]
        out += [prefix + rel for rel in ["index.html", first_scenario(pages), *flowchart[:1]]]
    return out


def first_scenario(pages: list[str]) -> str:
    """A scenario page: the pages whose layout differs most from the home page."""
    scenarios = [p for p in pages if p.startswith("situations/") and not p.endswith("index.html")]
    assert scenarios, f"no scenario page in the built site: {pages}"
    return scenarios[0]


def test_every_page_has_no_violations(palettes: dict[str, Any], built_site: Path, site_url: str) -> None:
    pages = html_pages(built_site)
    assert "index.html" in pages
    failures: list[str] = []
    for rel in pages:
        # Both palettes at once: each context renders in its own process, so axe runs in parallel.
        for page in palettes.values():
            visit(page, site_url + rel)
            start_axe(page)
        for name, page in palettes.items():
            failures += axe_result(page, f"{rel} [{name}]")
    assert not failures, axe_report(failures)


@pytest.mark.parametrize("name", sorted(PALETTES))
def test_search_open_with_results_has_no_violations(palettes: dict[str, Any], site_url: str, name: str) -> None:
    page = palettes[name]
    visit(page, site_url + "index.html")
    open_search(page)
    # axe files a nameless dialog under best practice only; WCAG 4.1.2 wants a name, so check it here.
    assert page.get_by_role("dialog", name="Search").count() == 1, "the search dialog has no accessible name"
    failures = axe_violations(page, f"index.html [{name}, search open]")
    # A result under the keyboard, and every "N more on this page" list opened.
    page.keyboard.press("ArrowDown")
    for more in page.locator(".md-search-result__more > summary").all():
        more.click()
    failures += axe_violations(page, f"index.html [{name}, search result focused, more expanded]")
    # Following a result highlights the query on the page it opens (feature search.highlight).
    href = page.locator(".md-search-result__item > a").first.get_attribute("href")
    assert href and "h=" in href, f"search.highlight should add ?h= to result links, got {href!r}"
    page.keyboard.press("Escape")
    visit(page, href if href.startswith("http") else site_url + href)
    assert page.locator(".md-content mark").count() > 0, f"no search highlight on {href}"
    failures += axe_violations(page, f"{href} [{name}, search highlights]")
    assert not failures, axe_report(failures)


@pytest.mark.parametrize("name", sorted(PALETTES))
def test_phone_with_navigation_drawer_open_has_no_violations(
    palettes: dict[str, Any], built_site: Path, site_url: str, name: str
) -> None:
    page = palettes[name]
    page.set_viewport_size(PHONE)
    failures: list[str] = []
    try:
        for rel in phone_pages(built_site):
            visit(page, site_url + rel)
            failures += axe_violations(page, f"{rel} [{name}, phone]")
            page.locator("label.md-header__button[for='__drawer']").click()
            page.locator(".md-sidebar--primary").wait_for(state="visible")
            page.wait_for_function("() => document.getElementById('__drawer').checked")
            failures += axe_violations(page, f"{rel} [{name}, phone, navigation drawer open]")
    finally:
        page.set_viewport_size(DESKTOP)
    assert not failures, axe_report(failures)


def personaliser_pages(site: Path) -> list[str]:
    """The message library (every message) and the first scenario page that carry the personaliser.

    One component, so two pages cover it: the library has every blank, a scenario page its layout.
    """
    marker = PERSONALISER.strip("[]")
    carrying = [rel for rel in html_pages(site) if marker in (site / rel).read_text(encoding="utf-8")]
    chosen = [rel for rel in carrying if rel == "library.html"]
    chosen += [rel for rel in carrying if rel.startswith("situations/")][:1]
    return chosen or carrying[:1]


def fill_personaliser(page: Any) -> int:
    """Fills every text field of the personaliser the way a user does; returns how many were filled."""
    page.locator(PERSONALISER).wait_for()  # shown by personalise.js (hidden without JavaScript)
    fields = page.locator(f"{PERSONALISER} input[data-field]").all()
    for index, field in enumerate(fields):
        field.fill(SAMPLE_VALUES[index % len(SAMPLE_VALUES)])
    return len(fields)


@pytest.mark.parametrize("name", sorted(PALETTES))
def test_personaliser_filled_has_no_violations(
    palettes: dict[str, Any], built_site: Path, site_url: str, name: str
) -> None:
    page = palettes[name]
    pages = personaliser_pages(built_site)
    assert pages, f"no page carries the personaliser ({PERSONALISER})"
    failures: list[str] = []
    for rel in pages:
        visit(page, site_url + rel)
        assert fill_personaliser(page) > 0, f"{rel}: the personaliser has no field to fill"
        page.wait_for_selector(".ktb-blank[data-filled]")
        remember = page.locator(f"{PERSONALISER} [data-ktb-remember]")
        if remember.count():
            remember.check()  # shows its status line too
        failures += axe_violations(page, f"{rel} [{name}, personaliser filled]")
        page.evaluate("() => { sessionStorage.clear(); localStorage.clear(); }")  # later pages start empty
    assert not failures, axe_report(failures)


@pytest.mark.parametrize("name", sorted(PALETTES))
def test_guide_landing_with_a_message_form_filled_has_no_violations(
    palettes: dict[str, Any], built_site: Path, site_url: str, name: str
) -> None:
    """Where the guide lands (issue 14): "What to do now", a call script, a message with its blanks form open."""
    page = palettes[name]
    rel = first_scenario(html_pages(built_site))
    page.set_viewport_size(PHONE)
    failures: list[str] = []
    try:
        for timing in re.findall(r'<input id="([a-z-]+)" name="__tabbed_timing"', (built_site / rel).read_text())[:2]:
            visit(page, f"{site_url}{rel}?audience=agency#{timing}")
            page.locator("#for-you [data-ktb-fill]:not([hidden])").wait_for()
            failures += axe_violations(page, f"{rel}#{timing} [{name}, guide landing]")
            boxes = page.locator("#for-you [data-ktb-fill] input[data-field]").all()
            for index, box in enumerate(boxes[:-1]):  # one blank left empty: "1 blank is still empty"
                box.fill(SAMPLE_VALUES[index % len(SAMPLE_VALUES)])
            page.locator("#for-you").get_by_role("button", name="Copy message").first.click()
            page.locator("#for-you .ktb-actions__status").filter(has_text="still empty").first.wait_for()
            failures += axe_violations(page, f"{rel}#{timing} [{name}, guide landing, form filled]")
            page.evaluate("() => { sessionStorage.clear(); localStorage.clear(); }")
    finally:
        page.set_viewport_size(DESKTOP)
    assert not failures, axe_report(failures)
