"""Printing one page from the browser (Ctrl+P): docs/assets/stylesheets/print.css hides the chrome and prints black."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader


@pytest.mark.browser
def test_printing_one_page_from_the_browser_is_clean(browser, site_url: str, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    scenario = sorted(p for p in (built_site / "situations").glob("*.html") if p.name != "index.html")[0]
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(site_url + scenario.relative_to(built_site).as_posix())
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
        page.emulate_media(media="print")
        for hidden in (".md-header", ".md-sidebar--primary", ".md-search", ".ktb-pdf-download", ".md-footer"):
            assert not page.locator(hidden).first.is_visible(), f"{hidden} shows on paper"
        facts = page.evaluate(
            """() => {
              const body = document.querySelector('.md-typeset');
              const blank = document.querySelector('.ktb-blank:not([data-filled])');
              const link = document.createElement('a');
              link.href = 'https://example.org/more';
              link.textContent = 'more';
              body.append(link);
              const after = getComputedStyle(link, '::after').content;
              link.remove();
              const b = getComputedStyle(blank);
              return {colour: getComputedStyle(body).color, after, border: b.borderTopStyle,
                      background: b.backgroundColor, label: blank.textContent};
            }"""
        )
        assert facts["colour"] == "rgb(0, 0, 0)", "the dark palette must not print light text"
        assert "https://example.org/more" in facts["after"], "a link's address is written out on paper"
        assert facts["border"] == "solid" and facts["background"] in ("rgba(0, 0, 0, 0)", "transparent")
        assert facts["label"].startswith("[")
        printed = page.pdf(format="A4")
    finally:
        context.close()
    text = " ".join(PdfReader(io.BytesIO(printed)).pages[0].extract_text().split())
    assert "Download the handbook" not in text and "Skip to content" not in text
