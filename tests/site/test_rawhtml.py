"""Raw HTML blocks set aside during the Markdown conversion come back as the same page, element by element."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import markdown
import pytest
import yaml

from macros.data.loader import load_or_raise
from macros.site import rawhtml, render
from tests.support.project import ROOT

Token = tuple[Any, ...]


class _Tokens(HTMLParser):
    """A page as a list of tags (attributes sorted) and text (spaces collapsed): what a browser builds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[Token] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(("start", tag, tuple(sorted((k, v or "") for k, v in attrs))))

    def handle_endtag(self, tag: str) -> None:
        self.tokens.append(("end", tag))

    def handle_data(self, data: str) -> None:
        if text := " ".join(data.split()):
            self.tokens.append(("text", text))


def tokens(html: str) -> list[Token]:
    parser = _Tokens()
    parser.feed(html)
    parser.close()
    return parser.tokens


def convert(source: str) -> str:
    """Markdown to HTML with the extensions and settings mkdocs.yml gives the site."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    names, settings = [], {}
    for item in config["markdown_extensions"]:
        name = item if isinstance(item, str) else next(iter(item))
        names.append(name)
        if isinstance(item, dict):
            settings[name] = item[name] or {}
    return markdown.Markdown(extensions=names, extension_configs=settings).convert(source)


def pages() -> list[tuple[str, str]]:
    handbook = load_or_raise(ROOT)
    found = [(s.id, render.scenario_page(handbook, s)) for s in handbook.scenarios]
    found.append(("library", render.template_library(handbook, "library.md")))
    return found


@pytest.mark.parametrize(("name", "source"), pages(), ids=[name for name, _ in pages()])
def test_stashed_blocks_give_the_same_page(name: str, source: str) -> None:
    stashed, blocks = rawhtml.stash(source)
    assert blocks and sum(map(len, blocks)) > len(source) / 2, "a generated page is mostly finished HTML blocks"
    assert len(stashed) < len(source) / 2, "the parser sees a fraction of the page"
    assert tokens(rawhtml.restore(convert(stashed), blocks)) == tokens(convert(source))


def test_ids_inside_the_blocks_stay_link_targets() -> None:
    handbook = load_or_raise(ROOT)
    scenario = handbook.scenarios[0]
    _, blocks = rawhtml.stash(render.scenario_page(handbook, scenario))
    ids = rawhtml.anchor_ids(blocks)
    assert {t.timing for t in scenario.templates} <= ids, "the timing tabs (#ahead, #same-day ...)"
    assert {t.id for t in scenario.templates} <= ids, "each message's heading"
    assert rawhtml.anchor_ids(['<div><a name="old-style">x</a></div>']) == {"old-style"}


@pytest.mark.parametrize(
    "chunk",
    [
        '<div class="x" markdown>\n\n## A heading\n\n</div>',  # Markdown inside: the parser must see it
        "<div>\n<div>unclosed</div>",  # the outer tag does not close here
        "<div>a</div>\n<p>trailing</p>",  # does not end with its own closing tag
        "<span>inline</span>",  # not a block-level tag: it starts a paragraph
        "<div>\ta tab the parser expands</div>",
        '<div><a href="other.md">a link MkDocs rewrites</a></div>',
        "    <div>indented: code or a list item</div>",
        "Text first <div>x</div>",
    ],
)
def test_blocks_the_parser_would_change_are_left_for_it(chunk: str) -> None:
    source = f"# Title\n\n{chunk}\n\nAfter.\n"
    assert rawhtml.stash(source) == (source, [])


def test_a_page_that_quotes_the_token_is_left_alone() -> None:
    source = "KTBRAWBLOCK000000X\n\n<div>block</div>\n"
    assert rawhtml.stash(source) == (source, [])


def test_nested_blocks_of_the_same_tag_are_one_block() -> None:
    chunk = '<div class="outer"><div class="inner">x</div>\n<div>y</div></div>'
    stashed, blocks = rawhtml.stash(f"Intro.\n\n{chunk}\n\nEnd.\n")
    assert blocks == [chunk]
    assert rawhtml.restore(convert(stashed), blocks) == f"<p>Intro.</p>\n{chunk}\n<p>End.</p>"


def test_a_block_lost_in_the_conversion_is_an_error_not_a_silent_gap() -> None:
    stashed, blocks = rawhtml.stash("<div>one</div>\n\n<div>two</div>\n")
    html = convert(stashed).replace("KTBRAWBLOCK000001X", "")
    with pytest.raises(ValueError, match="1 raw HTML block"):
        rawhtml.restore(html, blocks)
