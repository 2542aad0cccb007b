"""An SVG image from the brand is a picture only: no scripts, no event handlers, nothing fetched from elsewhere.

The site serves the logo as a file of its own origin, so a script inside it would run there when
someone opens the image's address. Rather than rewrite the file, this says what to remove, and where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

# Elements that run code, embed other documents or change links while the image plays.
FORBIDDEN = frozenset({"script", "foreignobject", "iframe", "embed", "object", "handler", "listener", "set"})
LINK_ATTRIBUTES = frozenset({"href", "xlink:href", "src"})
OUTSIDE_CSS = re.compile(r"@import|url\(\s*['\"]?(?!#)", re.I)


@dataclass
class _Finder:
    """Collects the first problem expat shows us, with its line in the SVG."""

    parser: expat.XMLParserType
    found: list[tuple[int, str]] = field(default_factory=list)
    in_style: bool = False

    def note(self, what: str) -> None:
        self.found.append((self.parser.CurrentLineNumber, what))

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = name.rsplit(" ", 1)[-1].lower()
        if tag in FORBIDDEN:
            self.note(f"a <{tag}> element")
        for key, value in attrs.items():
            attr = key.rsplit(" ", 1)[-1].lower()
            if attr.startswith("on"):
                self.note(f"an event handler ({attr}=)")
            elif (attr in LINK_ATTRIBUTES or attr.endswith(":href")) and not value.strip().startswith("#"):
                self.note(f'a link to another file ({attr}="{value[:40]}")')
            elif attr == "style" and OUTSIDE_CSS.search(value):
                self.note("a style that loads something from elsewhere")
            elif attr == "attributename" and value.lower().endswith("href"):
                self.note("an animation that changes a link")
        self.in_style = tag == "style"

    def text(self, data: str) -> None:
        if self.in_style and OUTSIDE_CSS.search(data):
            self.note("a <style> that loads something from elsewhere")

    def end(self, name: str) -> None:
        self.in_style = False


def svg_problem(file: Path) -> str | None:
    """What in the SVG file is not a plain picture (with its line), or None when it is safe to publish."""
    finder = _Finder(expat.ParserCreate(namespace_separator=" "))
    parser = finder.parser
    parser.StartElementHandler = finder.start
    parser.EndElementHandler = finder.end
    parser.CharacterDataHandler = finder.text
    parser.StartDoctypeDeclHandler = lambda *_: finder.note("a DOCTYPE (entities can pull in other files)")
    parser.EntityDeclHandler = lambda *_: finder.note("an entity declaration")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(file.read_bytes(), True)
    except expat.ExpatError as error:
        return f"is not well-formed XML (line {error.lineno}: {expat.ErrorString(error.code)})"
    if not finder.found:
        return None
    line, what = finder.found[0]
    return f"contains {what} on line {line}"
