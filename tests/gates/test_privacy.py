"""Privacy gate: the built site asks no third party for anything, and its pages log no error.

Two checks. A browser visits every page (and uses search and the personaliser) with every request
intercepted: zero requests leave 127.0.0.1, zero console errors (a CSP violation is one). A static
scan reads every built HTML, CSS and JS file for resource loads pointing at another host: what a
browser would fetch (scripts, styles, fonts, images, frames, workers, form targets), not every URL
string (Material's bundle names hosts for features this site leaves off; those are listed below,
each with the check that proves it stays off).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.support.pages import editions, html_pages

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}

# ---- Static scan ------------------------------------------------------------------------------

# An absolute or protocol-relative URL naming a host.
URL = r"""(?:(?:https?|wss?):)?//[A-Za-z0-9][A-Za-z0-9.-]*(?::\d+)?(?:[/?#][^"'`\s)]*)?"""
Q = r"""["'`]"""
# JavaScript that fetches what a string literal names.
JS_LOADS = [
    re.compile(p)
    for p in (
        rf"\b(?:importScripts|fetch|import|sendBeacon|Worker|SharedWorker|EventSource|WebSocket|Image|Audio|register)"
        rf"\s*\(\s*{Q}({URL}){Q}",
        rf"\.open\(\s*{Q}[A-Za-z]+{Q}\s*,\s*{Q}({URL}){Q}",  # XMLHttpRequest
        rf"\.(?:src|href|action|data|poster|srcset)\s*=\s*{Q}({URL}){Q}",
        rf"setAttribute\(\s*{Q}(?:src|href|action|data|poster|srcset){Q}\s*,\s*{Q}({URL}){Q}",
        rf"<(?:script|link|img|iframe|source|video|audio|embed|object|image|use)\b[^>]*?\b(?:src|href|data)\s*=\s*\\?[\"']({URL})",
        rf"\b[A-Za-z_$][\w$]*\(\s*{Q}({URL}){Q}\s*\)",  # a (minified) loader called with a URL and nothing else
    )
]
# CSS that fetches: url(...) (backgrounds, fonts, cursors) and @import.
CSS_LOADS = [re.compile(rf"url\(\s*\\?[\"']?({URL})"), re.compile(rf"@import\s+(?:url\(\s*)?\\?[\"']?({URL})")]

# Loads in Material's bundle that run only for features this site leaves off.
MATERIAL_BUNDLE = re.compile(r"(?:[a-z]{2,3}/)?assets/javascripts/bundle\.[0-9a-f]+\.min\.js")  # each edition's
MATERIAL_CONDITIONAL_LOADS = {
    # Only when a page has a ```mermaid block; our flowchart is inline SVG: no page has class "mermaid".
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "mermaid",
    # Only in a browser without ResizeObserver (none since 2020); the browser test sees no such request.
    "https://unpkg.com/resize-observer-polyfill": "resize-observer",
}
# Material features that call a third party when switched on: the repository widget (GitHub/GitLab
# API), Mermaid diagrams (CDN), the cookie consent form that comes with analytics.
FEATURES_THAT_CALL_OUT = {
    'data-md-component="source"': "repo_url (fetches api.github.com or gitlab.com)",
    'class="mermaid"': "Mermaid diagrams (fetched from unpkg.com)",
    'data-md-component="consent"': "analytics and its consent form",
}

# Elements and attributes through which HTML makes the browser fetch or send.
LOADING_ATTRIBUTES = {
    "script": {"src"},
    "img": {"src", "srcset"},
    "source": {"src", "srcset"},
    "video": {"src", "poster"},
    "audio": {"src"},
    "track": {"src"},
    "iframe": {"src"},
    "embed": {"src"},
    "object": {"data"},
    "input": {"src"},
    "image": {"href", "xlink:href"},
    "use": {"href", "xlink:href"},
    "form": {"action"},
}
LOADING_RELS = {
    "stylesheet",
    "preconnect",
    "dns-prefetch",
    "preload",
    "prefetch",
    "modulepreload",
    "prerender",
    "icon",
    "apple-touch-icon",
    "apple-touch-icon-precomposed",
    "mask-icon",
    "manifest",
}


def is_offsite(url: str) -> bool:
    """True when the URL names a host other than this machine (site_url is empty: all links are relative)."""
    parts = urlsplit(url.strip())
    return bool(parts.netloc) and (parts.hostname or "") not in LOCAL_HOSTS


class ResourceScan(HTMLParser):
    """Every off-site URL a page loads, with its line: tags, link rels, inline CSS and scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._inline: str | None = None  # "script" or "style" while inside one

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {name: value or "" for name, value in attrs}
        urls: list[str] = []
        for name in LOADING_ATTRIBUTES.get(tag, set()) & set(values):
            # srcset lists "URL width, URL width"
            urls += [c.split()[0] for c in values[name].split(",") if c.strip()] if name == "srcset" else [values[name]]
        if tag == "link" and LOADING_RELS & set(values.get("rel", "").lower().split()):
            urls.append(values.get("href", ""))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            urls.append(values.get("content", "").partition("url=")[2])
        self.found += [(line, f"<{tag}> loads {url.strip()}") for url in urls if is_offsite(url)]
        if "style" in values:
            self.found += [(line, f"style attribute loads {u}") for u in css_loads(values["style"])]
        self._inline = tag if tag in ("script", "style") and "src" not in values else None

    def handle_endtag(self, tag: str) -> None:
        self._inline = None

    def handle_data(self, data: str) -> None:
        line = self.getpos()[0]
        if self._inline == "style":
            self.found += [(line, f"<style> loads {u}") for u in css_loads(data)]
        elif self._inline == "script":
            self.found += [(line, f"inline <script> loads {u}") for u in js_loads(data)]


def css_loads(text: str) -> list[str]:
    """Off-site URLs that CSS fetches, each once."""
    found = [m.group(1) for pattern in CSS_LOADS for m in pattern.finditer(text)]
    return list(dict.fromkeys(url for url in found if is_offsite(url)))


def js_loads(text: str) -> list[str]:
    """Off-site URLs that JavaScript fetches (literal arguments of loading calls), each once."""
    found = [m.group(1) for pattern in JS_LOADS for m in pattern.finditer(text)]
    return list(dict.fromkeys(url for url in found if is_offsite(url)))


def line_of(text: str, needle: str) -> int:
    return text[: text.find(needle)].count("\n") + 1


def offsite_loads(site: Path) -> list[str]:
    """Every resource load of the built site that points at another host, as `file:line: what`."""
    found: list[str] = []
    for rel in html_pages(site):
        scan = ResourceScan()
        text = (site / rel).read_text(encoding="utf-8")
        scan.feed(text)
        scan.close()
        found += [f"{rel}:{line}: {what}" for line, what in scan.found]
        found += [
            f"{rel}:{line_of(text, marker)}: {feature} is switched on"
            for marker, feature in FEATURES_THAT_CALL_OUT.items()
            if marker in text
        ]
    for path in sorted(site.rglob("*.css")):
        rel, text = path.relative_to(site).as_posix(), path.read_text(encoding="utf-8", errors="replace")
        found += [f"{rel}:{line_of(text, url)}: loads {url}" for url in css_loads(text)]
    for path in sorted(site.rglob("*.js")):
        rel, text = path.relative_to(site).as_posix(), path.read_text(encoding="utf-8", errors="replace")
        allowed = MATERIAL_CONDITIONAL_LOADS if MATERIAL_BUNDLE.fullmatch(rel) else {}
        found += [f"{rel}:{line_of(text, url)}: loads {url}" for url in js_loads(text) if url not in allowed]
    return found


def test_no_built_file_loads_anything_from_another_host(built_site: Path) -> None:
    found = offsite_loads(built_site)
    assert not found, f"{len(found)} resource load(s) from another host:\n" + "\n".join(found)


def test_material_still_has_the_conditional_loads_we_account_for(built_site: Path) -> None:
    """If Material moves or renames these, the allowance above must be looked at again."""
    bundles = [p for p in built_site.rglob("*.js") if MATERIAL_BUNDLE.fullmatch(p.relative_to(built_site).as_posix())]
    assert bundles and len(bundles) == len(editions(built_site)), bundles  # one per language edition
    for bundle in bundles:
        loads = set(js_loads(bundle.read_text(encoding="utf-8")))
        assert loads == set(MATERIAL_CONDITIONAL_LOADS), (bundle, loads)


def test_the_scan_finds_each_kind_of_load(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<link rel="preconnect" href="https://fonts.gstatic.com">\n'
        '<link rel="alternate" href="https://example.org/feed">\n'  # a link, not a load
        '<script src="//cdn.example.com/x.js"></script>\n'
        '<img src="pic.png" srcset="a.png 1x, https://img.example.com/b.png 2x" alt="">\n'
        '<form action="https://forms.example.com/send"></form>\n'
        "<p style=\"background: url('https://bg.example.com/i.png')\">x</p>\n"
        '<script>new Worker("https://w.example.com/w.js"); var docs = "https://example.org/docs";</script>\n'
        '<a href="https://example.org/read-more">a link, not a load</a>\n',
        encoding="utf-8",
    )
    (tmp_path / "a.css").write_text(
        '@import "https://css.example.com/x.css";\nb{src:url(http://127.0.0.1:8000/f.woff)}'
    )
    (tmp_path / "a.js").write_text('fetch("https://api.example.com/track"); const home = "https://example.org";')
    found = offsite_loads(tmp_path)
    hosts = sorted(urlsplit(line.rsplit(" ", 1)[-1]).hostname or "" for line in found)
    assert hosts == [
        "api.example.com",
        "bg.example.com",
        "cdn.example.com",
        "css.example.com",
        "fonts.gstatic.com",
        "forms.example.com",
        "img.example.com",
        "w.example.com",
    ], found


# ---- In the browser ---------------------------------------------------------------------------

SEARCH_QUERY = "interview"
SEARCH_READY = """() => {
  const meta = document.querySelector('.md-search-result__meta');
  const config = JSON.parse(document.getElementById('__config').textContent);
  return !meta || meta.textContent.trim() === config.translations['search.result.placeholder'];
}"""


@pytest.mark.browser
def test_every_page_makes_no_offsite_request_and_logs_no_error(browser: Any, built_site: Path, site_url: str) -> None:
    context = browser.new_context()  # the site's own CSP stays on: a violation is a console error
    offsite: list[str] = []
    errors: list[str] = []
    current = {"page": ""}

    def only_local(route: Any) -> None:
        """Nothing leaves the machine, even if the site asked: the request event below records it."""
        if is_offsite(route.request.url):
            route.abort()
        else:
            route.continue_()

    def on_request(request: Any) -> None:
        if is_offsite(request.url):
            offsite.append(f"{current['page']}: {request.method} {request.url}")

    def on_console(message: Any) -> None:
        if message.type == "error":
            errors.append(f"{current['page']}: console error: {message.text} ({message.location.get('url', '')})")

    context.route("**/*", only_local)
    context.on("request", on_request)
    page = context.new_page()
    page.on("console", on_console)
    page.on("pageerror", lambda e: errors.append(f"{current['page']}: uncaught {e}"))
    page.on("websocket", lambda ws: offsite.append(f"{current['page']}: websocket {ws.url}"))
    try:
        pages = html_pages(built_site)
        for rel in pages:
            current["page"] = rel
            page.goto(site_url + rel)
            # What the page fetches after load: Material's search worker and index (ready when the
            # search box's placeholder result text shows).
            page.wait_for_function(SEARCH_READY)
        # What the site does on use: search (its worker and index), the palette switch.
        current["page"] = "index.html, searching"
        page.goto(site_url + "index.html")
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(SEARCH_QUERY, delay=10)
        page.locator(".md-search-result__item").first.wait_for()
        page.keyboard.press("Escape")
        current["page"] = "index.html, palette switched"
        page.locator("form[data-md-component=palette] label:not([hidden])").first.click()
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert len(pages) > 1
    assert not offsite, f"{len(offsite)} request(s) to another host:\n" + "\n".join(sorted(set(offsite)))
    assert not errors, f"{len(errors)} console error(s):\n" + "\n".join(errors)
