"""Collapse the indentation and blank lines theme templates leave in every page, keeping what matters.

Material's templates indent every nested tag, which is about a fifth of a page's bytes. Outside
<pre>, <textarea>, <script> and <style>, a run of newlines and indentation means the same to a
browser as one newline, so it is folded to one; those four elements are left exactly as they are
(scripts also keep their Content-Security-Policy hashes).
"""

from __future__ import annotations

import re

_KEEP = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.IGNORECASE | re.DOTALL)
_RUN = re.compile(r"[ \t]*\n[ \t\n]*")


def html(page: str) -> str:
    """The page with every newline-plus-indentation run outside kept elements folded to one newline."""
    pieces = _KEEP.split(page)
    out: list[str] = []
    # split() with two groups yields: text, whole kept element, its tag name, text, ...
    for index in range(0, len(pieces), 3):
        out.append(_RUN.sub("\n", pieces[index]))
        if index + 1 < len(pieces):
            out.append(pieces[index + 1])
    return "".join(out)
