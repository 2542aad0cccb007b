"""Under `mkdocs serve`: what the running server cannot show by itself, as problems for the terminal and the pages.

A broken brand file leaves the pages unbranded, and the server keeps running the Python it started
with, so a syntax error in macros/ or a changed module would go unseen. Each rebuild checks them.
"""

from __future__ import annotations

import time
from html import escape
from pathlib import Path
from typing import Final

from ..data.problems import Problem, rel

PACKAGE = Path(__file__).resolve().parents[1]
# When this process imported the handbook's code: a module saved after that is not what runs.
LOADED_AT: Final = time.time()


def code_problems(project: Path, package: Path = PACKAGE, loaded_at: float = LOADED_AT) -> list[Problem]:
    """A syntax error in any module of macros/, with its place; a module changed since the server started."""
    problems: list[Problem] = []
    for file in sorted(package.rglob("*.py")):
        path = rel(project, file)
        source = file.read_text(encoding="utf-8", errors="replace")
        try:
            compile(source, str(file), "exec", dont_inherit=True)
        except SyntaxError as error:
            problems.append(
                Problem(
                    path,
                    error.lineno or 1,
                    error.offset or 1,
                    f"Python syntax error: {error.msg}",
                    "fix it and save; until then the server runs the code it started with",
                )
            )
            continue
        if file.stat().st_mtime > loaded_at:
            problems.append(
                Problem(
                    path,
                    1,
                    1,
                    "this module changed after `mkdocs serve` started, and the server still runs the old code",
                    "stop the server (Ctrl+C) and start it again to run the new code",
                )
            )
    return problems


def banner(problems: list[str]) -> str:
    """The problems as an HTML notice at the top of every page the server shows."""
    items = "".join(f"<li>{escape(p, quote=False)}</li>" for p in problems)
    return (
        '<div class="admonition failure" role="alert"><p class="admonition-title">'
        f"The site has {len(problems)} problem(s) this preview cannot show correctly</p>"
        f"<p>Fix these and save; the page reloads.</p><ul>{items}</ul></div>"
    )
