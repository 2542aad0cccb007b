"""Keyboard gate: Tab (and Shift+Tab) reaches every control, focus is always visible, never under the header.

Pages: the home page, plus every page that carries the flowchart or the personaliser. "Every control"
is each element the browser would put in the tab order (links, buttons, fields, summaries, tabindex
>= 0) that is rendered; a radio group counts once. Checked at desktop and phone width.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.pages import editions, html_pages

pytestmark = pytest.mark.browser

# Markers of the interactive pages besides the home page (flowchart SVG, a message's blanks form).
INTERACTIVE_MARKERS = ("data-ktb-fill", 'class="ktb-flowchart')
# "narrow" is the smallest phone in use (320 px): the timing tabs must still all be reachable and seen.
VIEWPORTS = {
    "desktop": {"width": 1280, "height": 800},
    "phone": {"width": 390, "height": 844},
    "narrow": {"width": 320, "height": 640},
}

# Transitions and smooth scrolling are settled at once, so each stop is measured as the eye sees it
# when movement stops (and fast): the end states are the ones the page's CSS gives.
SETTLE_CSS = (
    "*, *::before, *::after { transition-duration: 0s !important; transition-delay: 0s !important;"
    " animation-duration: 0s !important; animation-delay: 0s !important; scroll-behavior: auto !important; }"
)

# Shared JS: a stable id per element, a short description, and what the user sees of its focus.
_HELPERS = """
window.__ktb = window.__ktb || (() => {
  const ids = new WeakMap(); let next = 0;
  const id = el => { if (!ids.has(el)) ids.set(el, ++next); return ids.get(el); };
  const describe = el => {
    const text = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('title') || '')
      .replace(/\\s+/g, ' ').trim().slice(0, 40);
    const cls = el.classList.length ? '.' + [...el.classList].filter(c => c !== 'focus-visible').join('.') : '';
    const ref = el.getAttribute('href') || el.id || el.getAttribute('name') || '';
    return `<${el.tagName.toLowerCase()}${cls}${ref ? ' ' + ref : ''}> "${text}"`;
  };
  const hidden = el => { const r = el.getBoundingClientRect(); const cs = getComputedStyle(el);
    return r.width < 2 || r.height < 2 || cs.opacity === '0' || cs.clipPath !== 'none'; };
  // A visually hidden input shows its focus on its label (Material: input:focus + label).
  const shown = el => {
    if (!hidden(el)) return el;
    const candidates = [el.nextElementSibling, ...(el.labels || [])].filter(l => l && l.tagName === 'LABEL');
    return candidates.find(l => !hidden(l) && l.checkVisibility({visibilityProperty: true})) || el;
  };
  const alpha = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return c === 'transparent' ? 0 : 1;
    const p = m[1].split(/[ ,/]+/).filter(Boolean); return p.length > 3 ? parseFloat(p[3]) : 1; };
  const indicator = el => { const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 && alpha(cs.outlineColor) > 0;
    return outline || (cs.boxShadow !== 'none' && cs.boxShadow !== ''); };
  // For a hidden input, its label or a box around the labels inside the same widget may show focus
  // (pymdownx tabs: the ring goes round .tabbed-labels).
  const focusShown = (el, target) => {
    for (let node = target; node && node !== el.parentElement; node = node.parentElement) {
      if (indicator(node)) return true;
      if (node === el) break;
    }
    return false;
  };
  // A radio group is one stop in the tab order: it is known by its first radio.
  const group = el => (el.type === 'radio' && el.name)
    ? [...document.querySelectorAll('input[type=radio]')].filter(r => r.name === el.name) : [el];
  const key = el => id(group(el)[0]);
  const tabbable = el => {
    if (el.tabIndex < 0 || el.disabled || el.closest('[inert], [hidden]')) return false;
    if (!el.checkVisibility({visibilityProperty: true})) return false;
    if (el.tagName === 'SUMMARY' && el.parentElement.tagName !== 'DETAILS') return false;
    return group(el)[0] === el;
  };
  // What is drawn on top of the target's centre, if it is not the target itself.
  const cover = target => {
    const r = target.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!hit || target.contains(hit) || hit.contains(target)) return null;
    if (target.tagName === 'LABEL' && target.control && target.control.contains(hit)) return null;
    return hit.closest('.md-header') ? 'the sticky header' : describe(hit);
  };
  return {id, key, describe, hidden, shown, indicator, focusShown, tabbable, cover};
})();
"""

_CONTROLS = (
    "() => {"
    + _HELPERS
    + """
  const sel = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, iframe, ' +
    '[tabindex], [contenteditable=""], [contenteditable=true], audio[controls], video[controls]';
  return [...document.querySelectorAll(sel)].filter(__ktb.tabbable).map(el => [__ktb.key(el), __ktb.describe(el)]);
}"""
)

_FOCUS = (
    "async () => {"
    + _HELPERS
    + """
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const target = __ktb.shown(el);
  const r = target.getBoundingClientRect();
  const offscreen = r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth;
  return {id: __ktb.key(el), what: __ktb.describe(el), invisible: __ktb.hidden(target),
    indicator: __ktb.focusShown(el, target), coveredBy: offscreen ? null : __ktb.cover(target),
    offscreen,
    rect: [Math.round(r.top), Math.round(r.bottom)]};
}"""
)


def keyboard_pages(site: Path) -> list[str]:
    """In each language edition: the home page, then the first page with each interactive part.

    A scenario page is preferred to the message library: same controls, a tenth of the tab stops.
    """
    pages: list[str] = []
    for prefix in editions(site):
        pages.append(f"{prefix}index.html")
        for marker in INTERACTIVE_MARKERS:
            carrying = [
                rel
                for rel in html_pages(site)
                if rel.startswith(prefix)
                and (prefix or rel.split("/")[0] not in {e.rstrip("/") for e in editions(site)})
                and marker in (site / rel).read_text(encoding="utf-8")
            ]
            carrying.sort(key=lambda rel: not rel.startswith(f"{prefix}situations/"))
            assert carrying, f"no built page of the {prefix or 'root'} edition carries {marker!r}"
            pages += [carrying[0]] if carrying[0] not in pages else []
    return pages


def walk(page: Any, key: str, limit: int) -> tuple[list[dict[str, Any]], bool]:
    """Presses `key` until focus comes back to the first control; returns each stop and whether it cycled."""
    stops: list[dict[str, Any]] = []
    first: int | None = None
    for _ in range(limit):
        page.keyboard.press(key)
        state = page.evaluate(_FOCUS)
        if state is None:  # focus left the page for the browser's own UI
            continue
        if state["id"] == first:
            return stops, True
        first = first or state["id"]
        stops.append(state)
    return stops, False


def problems_on(page: Any, where: str, key: str) -> list[str]:
    """Every keyboard problem on the loaded page, walking the tab order with `key`."""
    controls = dict(page.evaluate(_CONTROLS))
    stops, cycled = walk(page, key, limit=2 * len(controls) + 10)
    found: list[str] = []
    if not cycled:
        found.append(f"{where} {key}: focus never came back to where it started (a keyboard trap?)")
    reached = {stop["id"] for stop in stops}
    found += [f"{where} {key}: never reached {what}" for cid, what in controls.items() if cid not in reached]
    for stop in stops:
        at = f"{where} {key}: focus on {stop['what']}"
        if stop["invisible"]:
            found.append(f"{at} lands on something that is not visible")
        elif not stop["indicator"]:
            found.append(f"{at} has no visible focus indicator (outline or box-shadow)")
        if stop["coveredBy"]:
            found.append(f"{at} is hidden under {stop['coveredBy']} (top/bottom {stop['rect']})")
        elif stop["offscreen"] and not stop["invisible"]:
            found.append(f"{at} is outside the window (top/bottom {stop['rect']})")
    return found


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_tab_order_reaches_every_control_with_visible_focus(
    browser: Any, built_site: Path, site_url: str, viewport: str
) -> None:
    context = browser.new_context(viewport=VIEWPORTS[viewport], bypass_csp=True)  # to add SETTLE_CSS
    page = context.new_page()
    problems: list[str] = []
    try:
        for rel in keyboard_pages(built_site):
            for key in ("Tab", "Shift+Tab"):
                page.goto(site_url + rel)
                page.add_style_tag(content=SETTLE_CSS)
                problems += problems_on(page, f"{rel} [{viewport}]", key)
    finally:
        context.close()
    assert not problems, f"{len(problems)} keyboard problem(s):\n" + "\n".join(problems)


def test_on_a_phone_the_keyboard_opens_the_navigation_drawer(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    try:
        page.goto(site_url + "index.html")
        menu = page.locator(".md-header label[for='__drawer']")
        for _ in range(10):  # the menu button comes early in the header
            page.keyboard.press("Tab")
            if menu.evaluate("el => el === document.activeElement"):
                break
        else:
            raise AssertionError("Tab never reaches the menu button that opens the navigation drawer")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.getElementById('__drawer').checked")
        for _ in range(10):  # past the header's search and palette controls, into the drawer
            page.keyboard.press("Tab")
            if page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')"):
                break
        else:
            raise AssertionError("after the drawer opens, Tab never reaches its links")
    finally:
        context.close()
