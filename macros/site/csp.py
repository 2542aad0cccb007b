"""Content-Security-Policy: allow, by hash, the inline scripts and styles the theme and the project ship.

overrides/main.html writes the policy (same-origin scripts and styles only). Material puts a few
small inline scripts in every page, and one of them differs with the page's depth (it holds the
relative base URL). Which inline code may run is decided from the templates, before any data goes
in: each `<script>` of the theme's and the project's templates becomes a pattern whose `{{ }}`
holes accept a relative URL only. An inline script in a finished page that matches none of them
came from somewhere else; it is not hashed, so the browser would not run it, and the build says so.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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


# A `{{ … }}` hole in a theme script holds a relative URL such as `../..` (base_url), never quotes or tags.
JINJA_HOLE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
HOLE_VALUE = r"[A-Za-z0-9_./-]*"


@dataclass(frozen=True)
class Trusted:
    """The inline scripts and styles the templates can emit, as whole-text patterns."""

    scripts: tuple[re.Pattern[str], ...]
    styles: tuple[re.Pattern[str], ...]

    def script(self, text: str) -> bool:
        return any(p.fullmatch(text) for p in self.scripts)

    def style(self, text: str) -> bool:
        return any(p.fullmatch(text) for p in self.styles)


def _pattern(body: str) -> re.Pattern[str]:
    parts = JINJA_HOLE.split(body)
    return re.compile(HOLE_VALUE.join(re.escape(part) for part in parts), re.S)


@lru_cache(maxsize=8)
def trusted(template_dirs: tuple[str, ...]) -> Trusted:
    """What the theme's and the project's templates put inline (MkDocs' `config.theme.dirs`)."""
    scripts: dict[str, re.Pattern[str]] = {}
    styles: dict[str, re.Pattern[str]] = {}
    for folder in template_dirs:
        for file in sorted(Path(folder).rglob("*.html")):
            text = file.read_text(encoding="utf-8")
            for body in inline_scripts(text):
                if body.strip():
                    scripts.setdefault(body, _pattern(body))
            for body in inline_styles(text):
                styles.setdefault(body, _pattern(body))
    return Trusted(scripts=tuple(scripts.values()), styles=tuple(styles.values()))


def untrusted_scripts(html: str, allowed: Trusted) -> list[str]:
    """Inline scripts in a finished page that no template ships: injected, or added by hand."""
    return [s for s in inline_scripts(html) if not allowed.script(s)]


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


def add_hashes(html: str, allowed: Trusted) -> str:
    """The page with the hashes of its trusted inline scripts and styles in its CSP; others stay blocked.

    Pages without a CSP meta are returned as is.
    """
    meta = META.search(html)
    if not meta:
        return html
    policy = meta.group(2).replace("&#39;", "'")
    scripts = [source_hash(s) for s in inline_scripts(html) if allowed.script(s)]
    policy = with_sources(policy, "script-src", scripts)
    policy = with_sources(policy, "style-src", [source_hash(s) for s in inline_styles(html) if allowed.style(s)])
    return html[: meta.start(2)] + policy + html[meta.end(2) :]
