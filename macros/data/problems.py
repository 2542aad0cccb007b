"""Problems a user can cause in the data: values with a place and a fix, never tracebacks."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# A control character inside a message (a newline in a quoted value) is shown, not obeyed:
# every problem stays on one line of the report.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def one_line(text: str) -> str:
    """`text` with each control character written as an escape, like \\n."""
    return _CONTROL.sub(lambda m: repr(m.group(0))[1:-1], text)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, with where it is and how to fix it."""

    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based
    column: int  # 1-based
    what: str
    fix: str

    def __str__(self) -> str:
        return f"{one_line(self.path)}:{self.line}:{self.column}: {one_line(self.what)} — {one_line(self.fix)}"


class HandbookError(Exception):
    """Raised at the edge (build, check) when the data has problems; carries all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} {noun} in the handbook data; nothing was built. Fix them and build again.")
        return "\n".join(lines)


def suggest(word: str, choices: Iterable[str]) -> str:
    """The start of a fix for a misspelt name: "did you mean 'X'? " for the closest choice, or nothing."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'? " if close else ""


def rel(root: Path, file: Path) -> str:
    """`file` as a problem names it: relative to the project `root`, with forward slashes (as given if outside)."""
    try:
        return file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return file.as_posix()
