"""Findability: the phrases a stressed job seeker types reach the right situation in the site's search.

The phrases and their target pages live in tests/fixtures/search_phrases.yml. The browser test types each
one into Material's search box on the built handbook and checks that the target page is among the
first three result pages. Reproduce by hand: `make site`, open site/index.html, press "/" and type.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.handbook import phrase_list, published, published_phrases, shipped, switched_off

PHRASES = "search_phrases.yml"
MIN_PHRASES = 30
TOP = 3

# Material's search runs in a web worker: {type: 2, data: query} goes in, {type: 3, data: result}
# comes back, one answer per query, in order. Counting both lets the test wait for the answer to the
# last query it typed, rather than for a fixed time.
WORKER_PROBE = """
(() => {
  const Base = window.Worker;
  window.__ktbSearch = {sent: [], answered: 0, first: null};
  window.Worker = class extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (!event.data || event.data.type !== 3) return;
        const groups = event.data.data.items || [];
        window.__ktbSearch.first = groups.length ? groups[0][0].location : null;
        window.__ktbSearch.answered += 1;
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) window.__ktbSearch.sent.push(message.data);
      return super.postMessage(message, ...rest);
    }
  };
})();
"""

SEARCH_SETTLED = """
(query) => {
  const probe = window.__ktbSearch;
  if (!(probe.sent.length > 0 && probe.answered === probe.sent.length
        && probe.sent[probe.sent.length - 1] === query
        && document.querySelector("input.md-search__input").value === query)) return false;
  // The answer has arrived; wait until the result list on screen shows it, too.
  const link = document.querySelector(".md-search-result__item a");
  if (probe.first === null) return link === null;
  if (link === null) return false;
  const shown = new URL(link.href), expected = new URL(probe.first, document.baseURI);
  // Same page is enough: Material heads each group with the page itself, and adds a ?h= highlight.
  return shown.pathname === expected.pathname;
}
"""

SEARCH_CLEARED = """
() => {
  const probe = window.__ktbSearch;
  return probe.answered === probe.sent.length
    && document.querySelector("input.md-search__input").value === ""
    && document.querySelector(".md-search-result__item") === null;
}
"""

RESULT_PAGES = """
() => {
  const pages = [];
  for (const item of document.querySelectorAll(".md-search-result__item")) {
    const link = item.querySelector("a");
    if (!link) continue;
    const url = new URL(link.href);
    const path = url.pathname;
    if (!pages.includes(path)) pages.push(path);
  }
  return pages;
}
"""


def phrases() -> list[dict[str, str]]:
    """The listed phrases for the situations the site shows, and a fork's own scenarios' keywords."""
    return published_phrases(PHRASES, own_keywords=True)


def test_phrase_list_is_long_enough_and_names_real_scenarios() -> None:
    items = phrase_list(PHRASES)
    assert len(items) >= MIN_PHRASES, f"{len(items)} phrases; write at least {MIN_PHRASES}"
    queries = [item["query"] for item in items]
    assert len(set(queries)) == len(queries), "a phrase is listed twice"
    ids = {s.id for s in shipped().scenarios}
    unknown = {item["scenario"] for item in items} - ids
    assert not unknown, f"phrases point at scenarios that do not exist: {sorted(unknown)}"
    untested = ids - {item["scenario"] for item in items}
    assert not untested, f"no phrase reaches: {sorted(untested)}"
    unreached = {s.id for s in published().scenarios} - {item["scenario"] for item in phrases()}
    assert not unreached, f"no phrase or keyword reaches: {sorted(unreached)}"


def search_result_pages(page: Any, query: str) -> list[str]:
    """Clear the box, type the query, and wait for the search worker's answer to exactly that query."""
    box = page.locator("input.md-search__input")
    box.press("Control+A")
    box.press("Backspace")
    page.wait_for_function(SEARCH_CLEARED, timeout=15000)  # so the next list on screen is the new one
    # fill() sets the text without key events, which Material ignores; the last key, typed for real,
    # makes it search the whole phrase once instead of once per keystroke.
    box.fill(query[:-1])
    box.press_sequentially(query[-1])
    page.wait_for_function(SEARCH_SETTLED, arg=query, timeout=15000)
    if page.locator(".md-search-result__item").count() == 0:
        return []
    pages: list[str] = page.evaluate(RESULT_PAGES)
    return pages


@pytest.mark.browser
def test_each_phrase_finds_its_situation_in_the_top_three(browser: Any, site_url: str) -> None:
    context = browser.new_context()
    context.add_init_script(WORKER_PROBE)
    page = context.new_page()
    try:
        page.goto(site_url)
        page.locator("input.md-search__input").click()  # on a desktop-sized page the box is in the header
        misses: list[str] = []
        items = phrases()
        for item in items:
            found = search_result_pages(page, item["query"])
            target = f"/situations/{item['scenario']}.html"
            top = found[:TOP]
            if target not in top:
                rank = found.index(target) + 1 if target in found else None
                misses.append(f"{item['query']!r} -> {item['scenario']} (rank {rank}); top {TOP}: {top}")
        passed = len(items) - len(misses)
        print(f"\nfindability: {passed}/{len(items)} phrases reach their page in the top {TOP}")
        assert not misses, "\n".join(misses)
    finally:
        context.close()


# Phrases whose situation must be the very first result, not only in the top three (issue 14).
FIRST = [("no show", "missed-interview")]


@pytest.mark.browser
def test_some_phrases_find_their_situation_first(browser: Any, site_url: str) -> None:
    firsts = [(query, scenario) for query, scenario in FIRST if scenario not in switched_off()]
    if not firsts:
        pytest.skip(f"switched off in local/scenarios/_local.yml: {', '.join(s for _, s in FIRST)}")
    context = browser.new_context()
    context.add_init_script(WORKER_PROBE)
    page = context.new_page()
    try:
        page.goto(site_url)
        page.locator("input.md-search__input").click()
        for query, scenario in firsts:
            found = search_result_pages(page, query)
            assert found[:1] == [f"/situations/{scenario}.html"], f"{query!r}: {found[:3]}"
    finally:
        context.close()


def test_search_index_has_no_blank_entries_and_names_each_message_with_its_situation(built_site: Path) -> None:
    """No result leads to a panel of text boxes; a message result says which situation it is for."""
    import json

    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    blank = [d["location"] for d in docs if not d["text"].strip() and "#" in d["location"]]
    assert not blank, f"results with nothing under them: {blank[:5]} ({len(blank)})"
    assert not [d for d in docs if "your-details" in d["location"]], "the details panel is no search result"
    assert not [d for d in docs if "Remember on this device" in d["text"]], "form controls are kept out of search"
    handbook = published()
    by_location = {d["location"]: d["title"] for d in docs}
    for scenario in handbook.scenarios:
        for template in scenario.templates:
            title = by_location.get(f"situations/{scenario.id}.html#{template.id}")
            assert title and title.startswith(f"{scenario.title}: "), (template.id, title)
