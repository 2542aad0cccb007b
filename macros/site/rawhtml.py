"""Keep finished HTML blocks away from the Markdown parser: the page is the same, made in a third less time.

Scenario and library pages are mostly raw HTML (message cards, the timing tabs, the details panel).
Python-Markdown's md_in_html feeds every raw block through an HTML parser only to copy it out again
unchanged, and that was a third of the Markdown time of a page. `stash` swaps each self-contained
block for a one-word paragraph before the conversion, `restore` swaps it back after, and `anchor_ids`
gives the ids inside, which the link checker would otherwise no longer see.

A block is stashed only when Python-Markdown would copy it out unchanged anyway: it starts a paragraph
at column 0 with a block-level tag, carries no `markdown` attribute, closes that tag at its end with
every nested tag of the same name closed too, and holds nothing the parser or MkDocs rewrites (tabs,
carriage returns, its own placeholder characters, blank-looking lines, links to `.md` files). Inside a
`markdown` section md_in_html would have re-serialised such a block (attributes sorted, newlines
moved); the restored block is the same HTML as written, which tests/site/test_rawhtml.py checks element by
element against a plain conversion.
"""

from __future__ import annotations

import re

BLOCK_TAGS = frozenset({"div", "section", "aside", "nav", "figure", "form", "table", "ul", "ol", "dl", "details"})
_OPEN = re.compile(r"<([a-z]+)[\s>]")
_MARKDOWN_ATTR = re.compile(r"<[a-z][^>]*\smarkdown(?:\s|=|>)")
_ID = re.compile(r"""\sid=["']([^"']+)["']""")
_A_NAME = re.compile(r"""<a\s[^>]*?\bname=["']([^"']+)["']""")
_TOKEN = "KTBRAWBLOCK{:06d}X"
_TOKEN_FIND = re.compile(r"(<p>)?(KTBRAWBLOCK\d{6}X)(</p>)?")
_REWRITTEN = re.compile(r"[\t\r\x02\x03]|\n[ ]+\n")
_MD_LINK = re.compile(r"""\s(?:href|src)=["'][^"'#:]*\.md\b""")  # MkDocs rewrites these inside md_in_html


def _self_contained(chunk: str) -> bool:
    if not chunk.startswith("<"):
        return False
    opened = _OPEN.match(chunk)
    if opened is None or opened.group(1) not in BLOCK_TAGS:
        return False
    tag = opened.group(1)
    if not chunk.endswith(f"</{tag}>") or _MARKDOWN_ATTR.search(chunk) or _REWRITTEN.search(chunk):
        return False
    if _MD_LINK.search(chunk):
        return False
    return len(re.findall(rf"<{tag}[\s>]", chunk)) == chunk.count(f"</{tag}>")


def stash(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each self-contained HTML block replaced by a token, and the blocks in order."""
    if "KTBRAWBLOCK" in markdown:  # a page that quotes our own token is left alone
        return markdown, []
    blocks: list[str] = []
    chunks = markdown.split("\n\n")
    for index, chunk in enumerate(chunks):
        body = chunk.rstrip("\n")  # the page's last chunk ends with its newline
        if _self_contained(body):
            chunks[index] = _TOKEN.format(len(blocks)) + chunk[len(body) :]
            blocks.append(body)
    return ("\n\n".join(chunks), blocks) if blocks else (markdown, [])


def restore(html: str, blocks: list[str]) -> str:
    """The converted page with every token swapped back for its block (as Markdown would have put it)."""
    if not blocks:
        return html
    found: set[int] = set()

    def swap(match: re.Match[str]) -> str:
        number = int(match.group(2)[11:17])
        found.add(number)
        block = blocks[number]
        if match.group(1) and match.group(3):
            return block  # a paragraph of its own: the block replaces the paragraph
        return (match.group(1) or "") + block + (match.group(3) or "")

    restored = _TOKEN_FIND.sub(swap, html)
    missing = sorted(set(range(len(blocks))) - found)
    if missing:
        raise ValueError(f"{len(missing)} raw HTML block(s) did not come back from the Markdown conversion")
    return restored


def anchor_ids(blocks: list[str]) -> set[str]:
    """Every id inside the stashed blocks: targets that links from other pages may point at."""
    found = {anchor for block in blocks for anchor in _ID.findall(block)}
    return found | {anchor for block in blocks for anchor in _A_NAME.findall(block)}
