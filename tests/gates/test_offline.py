"""The built site works from any static host and straight from disk: navigation and search, no network."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.handbook import published, published_phrases

pytestmark = pytest.mark.browser


def searches() -> list[tuple[str, str]]:
    """Two phrases and the pages they find, from tests/fixtures/search_phrases.yml (the findability test holds
    each to the top three), for two situations the site shows."""
    found: dict[str, str] = {}
    for item in published_phrases("search_phrases.yml", own_keywords=False):
        found.setdefault(item["scenario"], item["query"])
    assert len(found) >= 2, "fewer than two situations are published"
    return [(query, f"situations/{scenario}.html") for scenario, query in list(found.items())[:2]]


def search(page, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Type into Material's search (it ignores fill()) and return the result links."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    return [h.split("#")[0].split("?")[0] for h in hrefs]


def test_search_and_navigation_work_from_disk_with_the_network_blocked(browser, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    blocked: list[str] = []

    def only_files(route):  # type: ignore[no-untyped-def]
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_files)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    query, expected = searches()[0]
    title = published().scenario(Path(expected).stem).title
    page.goto((built_site / "index.html").as_uri())
    results = search(page, query)
    assert any(href.endswith(expected) for href in results[:3]), results
    page.keyboard.press("Escape")
    page.locator(f'.md-content a[href="{expected}"]').first.click()
    page.wait_for_url(f"**/{expected}")
    assert page.locator("h1").first.inner_text().startswith(title)
    assert blocked == [], f"the site asked the network for: {blocked}"
    assert errors == []
    context.close()


def test_search_works_over_http_on_localhost(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url)
    query, expected = searches()[1]
    results = search(page, query)
    assert any(href.endswith(expected) for href in results[:3]), results
    context.close()
