"""Placeholders in message texts: each {name} declared in _fields.yml, no Jinja braces, no lone braces."""

from __future__ import annotations

import re

from .problems import Problem, suggest
from .yamlsource import Source, offset_to_mark

FIELDS_FILE = "_fields.yml"
ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # what the schemas allow as an id
PLACEHOLDER = re.compile(r"\{([^{}\n]*)\}")


def placeholder_problems(
    src: Source, where: tuple[str | int, ...], text: str, declared: set[str] | None
) -> list[Problem]:
    """Undeclared placeholders, Jinja braces and lone braces in one message text.

    `declared` is None when the fields file itself is broken: every placeholder would then look
    undeclared, and that one problem is already reported where it is.
    """
    problems: list[Problem] = []
    if "{{" in text or "}}" in text:
        problems.append(
            Problem(
                src.path,
                *_at(src, where, "{{"),
                "double braces {{ }} are not placeholders here (Jinja reads them)",
                "use single braces, like {recruiter_name}",
            )
        )
        return problems
    for match in PLACEHOLDER.finditer(text):
        name = match.group(1)
        if declared is not None and name not in declared:
            hint = suggest(name, sorted(declared))
            problems.append(
                Problem(
                    src.path,
                    *_at(src, where, match.group(0)),
                    f"placeholder {{{name}}} is not declared",
                    f"{hint}declare it in scenarios/{FIELDS_FILE}, or use one of: " + ", ".join(sorted(declared)),
                )
            )
    stray = PLACEHOLDER.sub("", text)
    for brace in "{}":
        if brace in stray:
            problems.append(
                Problem(
                    src.path,
                    *_stray_at(src, where, brace),
                    f"a lone '{brace}' is not a placeholder",
                    "close the placeholder, like {company}, or remove the brace",
                )
            )
    return problems


def _stray_at(src: Source, where: tuple[str | int, ...], brace: str) -> tuple[int, int]:
    """The place of a brace that is not part of a {placeholder}, in the source text."""
    span = src.spans.get(where)
    if span is None:
        return _at(src, where, brace)
    masked = PLACEHOLDER.sub(lambda m: " " * len(m.group(0)), src.text[span[0] : span[1]])
    found = masked.find(brace)
    if found < 0:
        return _at(src, where, brace)
    mark = offset_to_mark(src.text, span[0] + found)
    return mark.line, mark.column


def _at(src: Source, where: tuple[str | int, ...], needle: str) -> tuple[int, int]:
    mark = src.mark_of_text(where, needle)
    return mark.line, mark.column
