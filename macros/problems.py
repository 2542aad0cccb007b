"""Problems a user can cause in the data: values with a place and a fix, never tracebacks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, with where it is and how to fix it."""

    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based
    column: int  # 1-based
    what: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.what} — {self.fix}"


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
