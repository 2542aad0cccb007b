"""Content-Security-Policy: add the hashes of a page's inline scripts and styles to its <meta> policy.

overrides/main.html writes the policy (same-origin scripts and styles only). Material puts a few
small inline scripts in every page, and one of them differs with the page's depth (it holds the
relative base URL), so their hashes are computed here, from the final HTML, page by page. Anything
inline that is not hashed here does not run: that is the point.
"""

from __future__ import annotations

import base64
import hashlib
import re

META = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")')
SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
STYLE = re.compile(r"<style\b[^>]*>(?P<body>.*?)</style\s*>", re.S | re.I)
TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
SRC = re.compile(r"\bsrc\s*=", re.I)
# Script types a browser runs; anything else (application/json, text/plain) is data, not code.
JS_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript", "text/ecmascript"}


def source_hash(text: str) -> str:
    """A CSP hash source for the exact text between the tags."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run."""
    found = []
    for match in SCRIPT.finditer(html):
        attrs = match.group("attrs")
        kind = TYPE.search(attrs)
        if SRC.search(attrs) or (kind and kind.group(1).lower() not in JS_TYPES):
            continue
        found.append(match.group("body"))
    return found


def inline_styles(html: str) -> list[str]:
    return [m.group("body") for m in STYLE.finditer(html)]


def with_sources(policy: str, directive: str, sources: list[str]) -> str:
    """The policy with `sources` appended to `directive` (each once), other directives untouched."""
    if not sources:
        return policy
    parts = [p.strip() for p in policy.split(";") if p.strip()]
    for index, part in enumerate(parts):
        name, *values = part.split()
        if name == directive:
            extra = [s for s in dict.fromkeys(sources) if s not in values]
            parts[index] = " ".join([name, *values, *extra])
            break
    else:
        raise ValueError(f"the Content-Security-Policy has no {directive} directive to add hashes to")
    return "; ".join(parts)


def without_policy(html: str) -> str:
    """The page with no CSP <meta>: for `mkdocs serve`, whose live-reload script is inline and new on each request."""
    return re.sub(r'\s*<meta http-equiv="Content-Security-Policy" content="[^"]*">', "", html, count=1)


def add_hashes(html: str) -> str:
    """The page with its inline scripts' and styles' hashes in its CSP; pages without a CSP meta are returned as is."""
    meta = META.search(html)
    if not meta:
        return html
    policy = meta.group(2).replace("&#39;", "'")
    policy = with_sources(policy, "script-src", [source_hash(s) for s in inline_scripts(html)])
    policy = with_sources(policy, "style-src", [source_hash(s) for s in inline_styles(html)])
    return html[: meta.start(2)] + policy + html[meta.end(2) :]
