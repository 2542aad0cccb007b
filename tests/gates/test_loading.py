"""How pages load (issue 14, Lighthouse): no script holds up the first paint, and the web font's swap moves nothing.

Reproduce by hand: `make site`, then `.venv/bin/python scripts/lighthouse.py --site site --runs 3`;
open a situation page with the .woff2 files blocked to see the stand-in font at work.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from font_fallbacks import WEB_FONT, descriptors, letter_counts

from tests.support.handbook import published_ids
from tests.support.project import ROOT

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.I)
# Resolves once two more frames are drawn: whatever changed before is styled, laid out and reported by then.
TWO_FRAMES = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
STAND_INS = ("Atkinson fallback Arial", "Atkinson fallback Roboto", "Atkinson fallback DejaVu")


def script_files(html: str) -> list[tuple[str, bool]]:
    """Each script file of a page, in order: (its name, whether it is deferred)."""
    found = []
    for attrs in SCRIPT_TAG.findall(html):
        src = re.search(r'\bsrc="([^"]+)"', attrs)
        if src:
            found.append((src.group(1).rsplit("/", 1)[-1], bool(re.search(r"\bdefer\b", attrs))))
    return found


@pytest.mark.parametrize("rel", ["index.html", "a situation page", "es/library.html", "404.html"])
def test_every_script_file_is_deferred_and_the_search_shim_runs_first(built_site: Path, rel: str) -> None:
    if rel == "a situation page":  # the first one this site publishes (a fork may switch any off)
        rel = f"situations/{published_ids()[0]}.html"
    html = (built_site / rel).read_text(encoding="utf-8")
    files = script_files(html)
    assert [name for name, deferred in files if not deferred] == [], "a script file would hold up the first paint"
    names = [name for name, _ in files]
    # Deferred scripts run in document order: the guard that drops another host's hreflang links and the
    # file:// search shim before Material's bundle, which fetches beside those links and creates the search
    # worker; the bundle before ours, which read KTBMessage in that order.
    assert names[:3] == ["ktb-alternates.js", "iframe-worker.js", names[2]] and names[2].startswith("bundle.")
    assert names[3:] == ["ktb-message.js", "personalise.js", "library.js", "guide.js"]


def test_stand_in_numbers_are_measured_from_the_fonts(built_site: Path) -> None:
    # The web font against itself: nothing to scale, and its own line metrics (Atkinson: 0.984 and 0.316 em).
    counts = letter_counts(built_site)
    assert counts["e"] > counts["z"] > 0 and "¿" not in counts, "English pages only (es/ left out), weighted by use"
    assert descriptors(WEB_FONT[400], counts).endswith(
        "size-adjust: 100.00%; ascent-override: 98.40%; descent-override: 31.60%; line-gap-override: 0.00%;"
    )


def test_each_stand_in_is_declared_for_regular_and_bold() -> None:
    css = (ROOT / "docs" / "assets" / "stylesheets" / "fonts.css").read_text(encoding="utf-8")
    faces = re.findall(r"@font-face\s*{([^}]*)}", css)
    for family in STAND_INS:
        mine = [face for face in faces if f'font-family: "{family}";' in face]
        assert sorted(re.findall(r"font-weight: (\d+);", "".join(mine))) == ["400", "700"], family
        for face in mine:
            assert "src: local(" in face and "url(" not in face, "a stand-in is a font already on the device"
            for descriptor in ("size-adjust", "ascent-override", "descent-override", "line-gap-override"):
                assert re.search(rf"{descriptor}: \d+(\.\d+)?%;", face), (family, descriptor)


@pytest.mark.browser
def test_the_text_font_stack_puts_the_stand_ins_right_after_the_web_font(browser: Any, site_url: str) -> None:
    # Material sets its own stack on <body>; one set on :root never reached the text.
    page = browser.new_page()
    try:
        page.goto(site_url + f"situations/{published_ids()[0]}.html")
        stack = page.evaluate("getComputedStyle(document.querySelector('.md-typeset p')).fontFamily")
        families = [name.strip().strip('"') for name in stack.split(",")]
        assert families[:4] == ["Atkinson Hyperlegible Next", *STAND_INS], stack
        declared = page.evaluate(
            "[...document.fonts].filter(f => f.family.includes('fallback'))"
            ".map(f => [f.family, f.weight, f.sizeAdjust])"
        )
        assert sorted((family.strip('"'), weight) for family, weight, _ in declared) == sorted(
            (family, weight) for family in STAND_INS for weight in ("400", "700")
        )
        assert all(adjust.endswith("%") and adjust != "100%" for _, _, adjust in declared), declared
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize(("media", "palette", "scheme"), [("light", "default", "light"), ("dark", "slate", "dark")])
def test_a_first_visit_is_drawn_in_the_palette_of_the_system_without_waiting_for_material(
    browser: Any, site_url: str, media: str, palette: str, scheme: str
) -> None:
    """No palette stored yet: the page is drawn in the system's palette before Material's script runs, and the
    root element's colour scheme says the same."""
    context = browser.new_context(color_scheme=media)
    try:
        page = context.new_page()
        page.route("**/assets/javascripts/bundle.*.js", lambda route: route.abort())  # Material's script never runs
        page.goto(site_url + f"situations/{published_ids()[0]}.html", wait_until="load")
        assert page.evaluate("document.documentElement.className.split(' ')") == ["no-js", "ktb-js"], (
            "Material's script did not run (ours marked the page ktb-js)"
        )
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == palette
        assert page.evaluate("getComputedStyle(document.documentElement).colorScheme") == scheme
        shown = page.locator("[data-md-component=palette] label:not([hidden])")
        assert shown.count() == 1 and shown.get_attribute("for") == (
            "__palette_1" if media == "light" else "__palette_0"
        )
    finally:
        context.close()


@pytest.mark.browser
def test_material_changes_no_colour_on_load_and_the_root_follows_each_switch(browser: Any, site_url: str) -> None:
    """Material's script finds the palette already set: no colour changes as it starts, so nothing fades (its
    own color-scheme meta comes second, and is not read). A switch of palette reaches the root element too."""
    context = browser.new_context(color_scheme="dark")
    try:
        page = context.new_page()
        page.add_init_script(
            "window.ktbFades = []; document.addEventListener('transitionrun', e => "
            "/color/.test(e.propertyName) && ktbFades.push(e.target.outerHTML.slice(0, 80)), true);"
        )
        page.goto(site_url + f"situations/{published_ids()[0]}.html", wait_until="load")
        page.wait_for_function("document.querySelectorAll('meta[name=color-scheme]').length === 2")
        page.evaluate(TWO_FRAMES)  # Material's script ran; a fade it started has been announced by now
        assert page.evaluate("window.ktbFades") == [], "a colour changed while the page loaded"
        root = "getComputedStyle(document.documentElement).colorScheme"
        assert page.evaluate(root) == "dark"
        page.locator("[data-md-component=palette] label:not([hidden])").click()
        page.wait_for_function(f"{root} === 'light'")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("rel", ["index.html", "a situation page", "library.html", "es/library.html"])
def test_nothing_moves_while_a_page_loads_on_a_phone(browser: Any, site_url: str, rel: str) -> None:
    """The parts that only work with scripts are drawn from the first paint (overrides/partials/ktb-js.html):
    revealed later, the library's filters and details panel pushed the page down by a layout shift of 1.1."""
    if rel == "a situation page":
        rel = f"situations/{published_ids()[0]}.html"
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.add_init_script(
            "window.ktbShifts = []; new PerformanceObserver(list => { for (const e of list.getEntries()) "
            "ktbShifts.push([e.value, e.sources.map(s => s.node && s.node.nodeName)]); })"
            ".observe({type: 'layout-shift', buffered: true});"
        )
        page.goto(site_url + rel, wait_until="load")  # every script ran, and Material's on DOMContentLoaded
        page.evaluate(TWO_FRAMES)  # the frames that would show a shift have been drawn and reported
        shifts = page.evaluate("window.ktbShifts")
        assert sum(value for value, _ in shifts) < 0.01, shifts
        assert (
            page.locator("[data-ktb-filters], [data-ktb-details]").evaluate_all(
                "els => els.filter(e => e.hidden).length"
            )
            == 0
        ), "the scripts revealed their panels"
    finally:
        context.close()
