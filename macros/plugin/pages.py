"""The pages made from the data: one per scenario, per category and (for a large handbook) per library part.

Each generated page's Markdown is made from the model when MkDocs reads the page, not before: with two
processes, each renders only its own. Generated pages skip the macros plugin (`render_macros: false`):
compiling a one-line Jinja template per page cost more than the page.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..data.model import Handbook
from ..site import rawhtml, render
from ..site.render import category_src, library_parts, scenario_src


class GeneratedPages:
    """This build's generated pages: their files in MkDocs' list, their Markdown made on demand."""

    def __init__(self) -> None:
        self.makers: dict[str, Callable[[], str]] = {}

    def add(self, files: Files, config: Any, handbook: Handbook) -> None:
        """Scenario pages, category pages and (for a large handbook) library parts, made from the model."""
        self.makers.clear()

        def add(src: str, make: Callable[[], str], front: str = "") -> None:
            self.makers[src] = make
            files.append(File.generated(config, src, content=f"---\n{front}render_macros: false\n---\n"))

        # In Spanish, "entrevista" is in most titles and the home page's guide repeats each situation in a
        # few words: a situation page needs a little more weight to come first (tests/browser/test_findability_es.py).
        boost = 2 if config.extra.get("ktb_language", "en") == "en" else 3
        for scenario in handbook.scenarios:
            # The keywords go into the page's `tags`, which Material's search indexes (not shown on the page).
            # A situation page is what a searcher needs most: it outranks a guide that only mentions the
            # words ("no show" finds the missed-interview page, not a guide whose title starts with "no").
            tags = "tags: " + json.dumps(list(scenario.keywords)) + f"\nsearch:\n  boost: {boost}\n"
            add(scenario_src(scenario.id), functools.partial(render.scenario_page, handbook, scenario), tags)
        for part in library_parts(handbook):
            add(part.src, functools.partial(render.library_part_page, handbook, part))
        for category in handbook.categories:
            if handbook.in_category(category.id):
                add(category_src(category.id), functools.partial(render.category_page, handbook, category.id))

    def markdown(self, page: Page) -> str | None:
        """The Markdown of a generated page; None for a hand-written one."""
        make = self.makers.get(page.file.src_uri)
        return make() if make is not None else None


class RawHtmlStep:
    """Finished HTML blocks leave the Markdown before the parser sees it and come back after
    (macros/site/rawhtml.py). Added to MkDocs' plugins by the handbook plugin when `raw_html_stash` is on;
    it runs after every other plugin's Markdown step, so what it sets aside is the page's final HTML."""

    def __init__(self) -> None:
        self.blocks: dict[str, list[str]] = {}

    @event_priority(-110)
    def on_page_markdown(self, markdown: str, *, page: Page, config: Any, files: Files) -> str:
        markdown, self.blocks[page.file.src_uri] = rawhtml.stash(markdown)
        return markdown

    @event_priority(100)
    def on_page_content(self, html: str, *, page: Page, config: Any, files: Files) -> str:
        blocks = self.blocks.pop(page.file.src_uri, [])
        if not blocks:
            return html
        try:
            html = rawhtml.restore(html, blocks)
        except ValueError as error:
            raise PluginError(
                f"{page.file.src_uri}: {error}. Build with KTB_RAW_HTML=0 (raw_html_stash: false) and report it."
            ) from None
        page.present_anchor_ids = (page.present_anchor_ids or set()) | rawhtml.anchor_ids(blocks)
        return html
