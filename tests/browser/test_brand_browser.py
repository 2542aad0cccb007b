"""Each brand's pages in Chromium: no request to the agency's hosts, header, call to action and footer axe-clean."""

from __future__ import annotations

import pytest

from tests.support.brands import Built, situation_page
from tests.support.pages import AXE_JS


@pytest.mark.browser
def test_branded_pages_ask_no_other_host_for_anything(two_brands: tuple[Built, Built], browser) -> None:  # type: ignore[no-untyped-def]
    """The brands link to their agency's sites, but loading a page fetches nothing from them (or anyone)."""
    for built in two_brands:
        context = browser.new_context()
        try:
            page = context.new_page()
            requested: list[str] = []
            page.on("request", lambda request, seen=requested: seen.append(request.url))
            for path in ("index.html", situation_page()):
                page.goto((built.site / path).as_uri(), wait_until="load")
                assert page.locator(".ktb-cta .md-button").inner_text().strip() == built.brand.cta.label
        finally:
            context.close()
        outside = [url for url in requested if not url.startswith(("file://", "data:", "blob:"))]
        assert requested and not outside, f"{built.brand.name}: requests to other hosts: {outside}"


@pytest.mark.browser
def test_hreflang_links_stay_only_at_the_published_address(two_brands: tuple[Built, Built], browser) -> None:  # type: ignore[no-untyped-def]
    """A brand with site_url names each edition's home in absolute hreflang links. Opened from disk they are
    dropped before Material's script could fetch a sitemap beside them; at the published address they stay,
    and the sitemaps come from that same host (served here from the built folder)."""
    (built,) = [b for b in two_brands if b.brand.site_url]
    origin = built.brand.site_url.rstrip("/")
    html = (built.site / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="alternate" href="{origin}/es/index.html" hreflang="es">' in html
    context = browser.new_context()
    try:
        page = context.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto((built.site / "index.html").as_uri(), wait_until="load")
        assert page.locator('link[rel="alternate"][hreflang]').count() == 0
        assert page.locator(".md-select__link[hreflang]").count() == 2, "the language switcher stays"

        def from_the_folder(route) -> None:  # type: ignore[no-untyped-def]
            path = route.request.url.removeprefix(origin).split("#")[0].split("?")[0].lstrip("/") or "index.html"
            file = built.site / path
            if file.is_file():
                route.fulfill(path=str(file))
            else:
                route.fulfill(status=404, body="")

        page.route(f"{origin}/**", from_the_folder)
        requested.clear()
        page.goto(f"{origin}/index.html", wait_until="networkidle")
        assert page.locator('link[rel="alternate"][hreflang]').count() == 2
        assert f"{origin}/es/sitemap.xml" in requested
        assert all(url.startswith(origin) or url.startswith(("data:", "blob:")) for url in requested), requested
    finally:
        context.close()


@pytest.mark.browser
def test_the_brand_blocks_pass_axe_in_light_and_dark(two_brands: tuple[Built, Built], browser) -> None:  # type: ignore[no-untyped-def]
    """Header, call to action and footer in each brand's colours meet WCAG 2.2 AA (axe-core), in both schemes."""
    axe = AXE_JS
    if not axe.exists():
        pytest.skip("axe-core is not installed (npm ci)")
    script = """async () => {
      const r = await axe.run({include: [['.ktb-cta'], ['.md-footer'], ['.md-header']]},
                              {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']});
      return r.violations.map(v => v.id + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '));
    }"""
    problems: list[str] = []
    for built in two_brands:
        for scheme in ("light", "dark"):
            context = browser.new_context(color_scheme=scheme, bypass_csp=True)  # to inject axe only
            try:
                page = context.new_page()
                for path in ("index.html", situation_page()):
                    page.goto((built.site / path).as_uri(), wait_until="load")
                    page.add_script_tag(path=str(axe))
                    problems += [f"{built.brand.name} {scheme} {path}: {v}" for v in page.evaluate(script)]
            finally:
                context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 360, 390])
def test_the_brand_title_fits_a_phone_header(two_brands: tuple[Built, Built], browser, width: int) -> None:  # type: ignore[no-untyped-def]
    """Each brand's whole title shows in the phone header: wrapped if it must be, never cut to "…"."""
    problems: list[str] = []
    for built in two_brands:
        context = browser.new_context(viewport={"width": width, "height": 800})
        try:
            page = context.new_page()
            page.goto((built.site / "index.html").as_uri(), wait_until="load")
            title = page.locator(".md-header__topic:first-child .md-ellipsis")
            assert " ".join(title.inner_text().split()) == built.brand.title
            box = title.evaluate(
                "e => { const r = e.getBoundingClientRect(), h = e.closest('.md-header').getBoundingClientRect();"
                " return {cut: e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1,"
                " top: r.top, bottom: r.bottom, headerBottom: h.bottom, right: r.right,"
                " next: e.closest('.md-header__title').nextElementSibling.getBoundingClientRect().left}; }"
            )
            if box["cut"] or box["bottom"] > box["headerBottom"] or box["top"] < 0 or box["right"] > box["next"] + 1:
                problems.append(f"{built.brand.name} at {width} px: {box}")
        finally:
            context.close()
    assert not problems, "\n".join(problems)
