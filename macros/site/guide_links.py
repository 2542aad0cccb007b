"""Hand-written pages lose their links to scenarios a fork switched off, with the sentence or list item around them.

A guide says "The page on [a missed interview](../situations/missed-interview.md) has messages you
can use." If a fork switches `missed-interview` off, that sentence would point nowhere and the strict
build would fail, yet the fork must never edit our guides. So, before Markdown is converted, each such
link goes with its sentence; a sentence that is a whole list item or paragraph takes the item or
paragraph with it. Where no sentence can go (a heading, a table row), the link becomes plain text;
in a code block it is left as it is.
A fork that names a replacement (`replace:` in local/scenarios/_local.yml) gets the link pointed there.
Links to scenarios that were never there are left alone, so MkDocs still reports a mistyped one.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Mapping

SITUATIONS_DIR = "situations"
LINK = re.compile(r"(?<!!)\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
ITEM = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d+[.)])\s+")
# The end of a sentence: . ! or ? (and a closing quote or bracket), then space and a capital, a quote,
# a link or emphasis. Good enough for plain English prose; a missed boundary only drops a bit more.
SENTENCE_END = re.compile(r"[.!?][\"”’)]*(?=\s+[A-Z\"“\[*_(])")


def linked_scenario(target: str, page_src: str) -> str | None:
    """The scenario id a link target points at (`../situations/ID.md#x` from `guides/page.md`), if any."""
    path = target.split("#", 1)[0]
    if not path or "://" in path or path.startswith(("/", "mailto:", "tel:")):
        return None
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page_src), path))
    folder, _, name = resolved.rpartition("/")
    if folder != SITUATIONS_DIR or not name.endswith(".md") or name == "index.md":
        return None
    return name[: -len(".md")]


def prune(
    markdown: str, page_src: str, gone: Collection[str], replaced_by: Mapping[str, str] | None = None
) -> tuple[str, list[str]]:
    """The page without links to `gone` scenarios, or with links to their replacements; the ids it removed."""
    removed: list[str] = []
    if not gone:
        return markdown, removed
    while True:
        match = next(
            (
                m
                for m in LINK.finditer(markdown)
                if linked_scenario(m.group("target"), page_src) in gone and not _fenced(markdown, m.start())
            ),
            None,
        )
        if match is None:
            return markdown, removed
        sid = str(linked_scenario(match.group("target"), page_src))
        if replaced_by and sid in replaced_by:
            markdown = _pointed(markdown, match, sid, replaced_by[sid])
            continue
        removed.append(sid)
        markdown = _without(markdown, match)


def _pointed(markdown: str, link: re.Match[str], old: str, new: str) -> str:
    """The link aimed at the scenario that replaces `old`, at the same place in that page."""
    start, end = link.span("target")
    target = re.sub(rf"(^|/){re.escape(old)}\.md(?=#|$)", rf"\g<1>{new}.md", link.group("target"))
    return markdown[:start] + target + markdown[end:]


def _without(markdown: str, link: re.Match[str]) -> str:
    """`markdown` without the sentence, list item or paragraph that holds `link`."""
    lines = markdown.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    at = max(i for i, s in enumerate(starts[:-1]) if s <= link.start())
    first_char = lines[at].lstrip()[:1]
    if first_char in ("#", "|"):
        return markdown[: link.start()] + link.group("text") + markdown[link.end() :]
    first, last = _unit(lines, at)
    unit_start = starts[first] + len(_marker(lines[first]))
    unit_end = starts[last] + len(lines[last])
    unit = markdown[unit_start:unit_end]
    begin, end = _sentence(unit, link.start() - unit_start, link.end() - unit_start)
    if not unit[:begin].strip() and not unit[end:].strip():
        return _drop_lines(lines, first, last)
    if unit[end:].strip():
        end = len(unit) - len(unit[end:].lstrip())  # take the space after it too
    else:
        begin = len(unit[:begin].rstrip())  # the last sentence: take the space before it
    return markdown[: unit_start + begin] + markdown[unit_start + end :]


def _marker(line: str) -> str:
    found = ITEM.match(line)
    return found.group(0) if found else ""


def _fenced(markdown: str, offset: int) -> bool:
    """Whether `offset` is inside a fenced code block, where a link is only text."""
    before = markdown[:offset].split("\n")[:-1]
    return sum(1 for line in before if line.lstrip().startswith(("```", "~~~"))) % 2 == 1


def _unit(lines: list[str], at: int) -> tuple[int, int]:
    """The first and last line of the list item or paragraph that holds line `at`."""
    first = at
    while first > 0 and lines[first - 1].strip() and not ITEM.match(lines[first]):
        first -= 1
    last = at
    while last + 1 < len(lines) and lines[last + 1].strip() and not ITEM.match(lines[last + 1]):
        last += 1
    return first, last


def _sentence(text: str, link_start: int, link_end: int) -> tuple[int, int]:
    """Where the sentence around [link_start, link_end) begins and ends in `text`."""
    begin, end = 0, len(text)
    for found in SENTENCE_END.finditer(text):
        if found.end() <= link_start and not _inside_link(text, found.start()):
            begin = found.end()
        elif found.start() >= link_end and not _inside_link(text, found.start()):
            end = found.end()
            break
    return begin + len(text[begin:]) - len(text[begin:].lstrip()), end


def _inside_link(text: str, index: int) -> bool:
    return any(m.start() < index < m.end() for m in LINK.finditer(text))


def _drop_lines(lines: list[str], first: int, last: int) -> str:
    """The Markdown without lines first..last, and without the blank line a removed paragraph leaves."""
    kept = lines[:first] + lines[last + 1 :]
    paragraph = not ITEM.match(lines[first])
    if paragraph and 0 < first < len(kept) and not kept[first].strip() and not kept[first - 1].strip():
        del kept[first]
    return "\n".join(kept)
