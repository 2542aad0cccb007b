"""Text in the data stays text: no markup in titles, no unsafe links, no outside images, no attribute lists.

Every string of every data file passes through here once, as the parser reads it, so a new field
or a new file is covered without being listed. Prose is escaped when it is rendered, but Markdown
syntax still works in it, so what Markdown would turn into a link, an image or an attribute is
checked here; the parser (macros/data/yamlsource.py) gives each finding its place in the file.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

# Fields shown as titles and names: MkDocs and the theme treat them as HTML, so markup is refused.
PLAIN_KEYS = frozenset({"title", "name", "tagline", "description", "label", "heading", "subject", "keywords"})
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# The address runs to the closing bracket: a tab or a space inside it must not hide a scheme.
LINK = re.compile(r"(?P<image>!?)\[(?:[^\[\]\n]|\[[^\]\n]*\])*\]\(\s*<?(?P<url>[^)\n>]*)")
REFERENCE = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(?P<url>\S+?)>?(?:[ \t]|$)", re.M)
# Python-Markdown's attr_list: `{: #id .class key=value }`, `{#id}`, `{.class}`, `{ onclick=... }`.
ATTR_LIST = re.compile(r"\{:?[ \t]*[#.][^{}\n]*\}|\{:[^{}\n]*\}|\{[^{}\n]*=[^{}\n]*\}")
MARKUP = re.compile(r"[<>]")
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see in `url` (entities decoded, invisible characters dropped), or None."""
    cleaned = INVISIBLE.sub("", html.unescape(url))
    match = SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def url_problem(url: str, *, image: bool = False) -> str | None:
    """Why `url` may not be used in a link (or an image) from the data, or None when it may."""
    scheme = url_scheme(url)
    if image and (scheme is not None or url.lstrip().startswith(("/", "\\"))):
        return "is an image from outside the handbook; images in the data must be files in the repository"
    if scheme is not None and scheme not in ALLOWED_SCHEMES:
        return (
            f"uses '{scheme}:', which is not allowed; links may be https:, http:, mailto:, tel: or a page of the site"
        )
    return None


@dataclass(frozen=True)
class Finding:
    """One unsafe piece of a string: the text to point at (the parser finds its place), what is wrong, the fix."""

    text: str
    what: str
    fix: str


_FIX = "use an https:// address, a mailto: or tel: link, or a page of the handbook"


def _findings_in(key: str, text: str) -> Iterator[Finding]:
    # Each regex runs only on text that has the character it starts from.
    links = LINK.finditer(text) if "](" in text else ()
    for match in links:
        why = url_problem(match.group("url"), image=bool(match.group("image")))
        if why:
            yield Finding(match.group(0), f"the link '{match.group('url')}' {why}", _FIX)
    for match in REFERENCE.finditer(text) if "]:" in text else ():
        why = url_problem(match.group("url"))
        if why:
            yield Finding(match.group(0).strip(), f"the link '{match.group('url')}' {why}", _FIX)
    for match in ATTR_LIST.finditer(text) if "{" in text else ():
        yield Finding(
            match.group(0),
            f"'{match.group(0)}' is a Markdown attribute list, which the data may not use",
            "remove it: ids, classes and attributes come from the page layout, not the data",
        )
    found = MARKUP.search(text) if key in PLAIN_KEYS else None
    if found:
        yield Finding(
            found.group(0),
            f"the {key} has a '{found.group(0)}' in it; a {key} is plain text, not HTML",
            "remove the angle brackets (write 'under' or 'over' in words if that is what you mean)",
        )


def text_findings(where: Sequence[str | int], text: str) -> list[Finding]:
    """Every unsafe piece of one string of a parsed file, `where` its place (the parser calls this for each string)."""
    # Most text holds nothing the regexes could find: a 1,000-scenario load reads 68,000 strings.
    if "](" not in text and "]:" not in text and "{" not in text and "<" not in text and ">" not in text:
        return []
    key = next((part for part in reversed(where) if isinstance(part, str)), "")
    return list(_findings_in(key, text))
