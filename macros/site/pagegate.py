"""The last check on each finished page: no script, handler or link that neither the theme nor the project wrote.

The loader refuses unsafe data with its file and line; this gate catches whatever reaches a page by
another road (a hand-written page, a plugin, a field nobody thought of) and stops the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..data.textcheck import ALLOWED_SCHEMES, url_scheme
from . import csp

SCRIPT_BODY = re.compile(r"(<script\b[^>]*>).*?(</script\s*>)", re.S | re.I)
TAG = re.compile(r"<[A-Za-z][^\s/>]*(?:\s[^>]*)?>", re.S)
# One attribute of a tag: its name, and its value quoted either way or bare.
ATTRIBUTE = re.compile(r"""\s([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset"})
# Quick, whole-page versions of the checks (they may over-match: a match only triggers the full look).
QUICK_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
QUICK_IMAGE = re.compile(r"""<img\b[^>]*?\ssrc(?:set)?\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//)""", re.I)
QUICK_URL = re.compile(
    r"""\s(?:href|src|action|formaction|xlink:href|poster|data|srcset)\s*=\s*["']?([^"'>:&]*[:&][^"'>]*)""", re.I
)
# The theme's own "share search" button is `href="javascript:void(0)"`; nothing else may use a script URL.
THEME_URLS = frozenset({"javascript:void(0)"})


@dataclass(frozen=True)
class Finding:
    """One thing in a page that must not be published."""

    what: str
    excerpt: str

    def __str__(self) -> str:
        return f"{self.what}: {self.excerpt[:100]}"


def findings(html: str, allowed: csp.Trusted) -> list[Finding]:
    """Everything in `html` that would run code or load from elsewhere without the project having written it."""
    found = [
        Finding("an inline script the theme and project do not ship", s) for s in csp.untrusted_scripts(html, allowed)
    ]
    if not _suspicious(html):  # one pass at C speed; the tag-by-tag look below is for pages that need it
        return found
    bare = SCRIPT_BODY.sub(r"\1\2", html)  # script text is not markup
    for tag in TAG.finditer(bare):
        text = tag.group(0)
        for match in ATTRIBUTE.finditer(text, len(text.split(None, 1)[0])):
            name, value = match.group(1).lower(), (match.group(2) or "").strip("\"'")
            if name.startswith("on"):
                found.append(Finding(f"an event-handler attribute ({name}=)", text))
            elif name in URL_ATTRIBUTES and value not in THEME_URLS:
                found += _url_findings(text, name, value)
    return found


def _suspicious(html: str) -> bool:
    """Whether any tag might hold a handler, an unsafe address or an outside image."""
    if QUICK_HANDLER.search(html) or QUICK_IMAGE.search(html):
        return True
    values = (v for v in QUICK_URL.findall(html) if v not in THEME_URLS)
    return any(url_scheme(value) not in (None, *ALLOWED_SCHEMES) for value in values)


def _url_findings(tag: str, name: str, value: str) -> list[Finding]:
    scheme = url_scheme(value)
    if scheme is not None and scheme not in ALLOWED_SCHEMES:
        return [Finding(f"a '{scheme}:' address in {name}=", tag)]
    external = scheme is not None or value.startswith("//")
    if external and tag[1:4].lower() == "img" and name in ("src", "srcset"):
        return [Finding("an image from another site", tag)]
    return []
