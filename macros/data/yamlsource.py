"""Parse one YAML file strictly and remember where every value came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import textcheck
from .problems import Problem

# A JSON-pointer-like path into the parsed data: keys and list indexes.
DataPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column in a source file."""

    line: int
    column: int


@dataclass
class Source:
    """The parsed data of one file, with the place of each value and each mapping key."""

    path: str
    text: str
    data: Any
    values: dict[DataPath, Mark] = field(default_factory=dict)
    keys: dict[DataPath, Mark] = field(default_factory=dict)
    # Character offsets of each scalar in the text, to find a word inside a long value.
    spans: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    # Nodes already walked (by identity), to catch aliases before they expand.
    seen: set[int] = field(default_factory=set, repr=False)

    def mark(self, where: DataPath, *, key: bool = False) -> Mark:
        """Where a value (or its key) starts; falls back to the nearest enclosing value."""
        table = self.keys if key else self.values
        if where in table:
            return table[where]
        for cut in range(len(where) - 1, -1, -1):
            if where[:cut] in self.values:
                return self.values[where[:cut]]
        return Mark(1, 1)

    def mark_of_text(self, where: DataPath, needle: str) -> Mark:
        """Where `needle` first appears inside the scalar at `where`, or the scalar's start."""
        span = self.spans.get(where)
        if span is not None:
            found = self.text.find(needle, span[0], max(span[1], span[0] + len(needle)))
            if found >= 0:
                return offset_to_mark(self.text, found)
        return self.mark(where)

    def problem(self, where: DataPath, what: str, fix: str, *, key: bool = False) -> Problem:
        at = self.mark(where, key=key)
        return Problem(self.path, at.line, at.column, what, fix)


def offset_to_mark(text: str, offset: int) -> Mark:
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return Mark(line, offset - start + 1)


# libyaml's parser is several times faster than the pure-Python one; both give the same marks.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # type: ignore[assignment]


class _StrictLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """The safe loader; duplicate keys are caught while walking the composed nodes."""


def _check_duplicates(node: yaml.MappingNode, path: str) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, yaml.Node] = {}
    for key_node, _ in node.value:
        key = str(key_node.value)
        if key in seen:
            first = seen[key].start_mark
            problems.append(
                Problem(
                    path,
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                    f"duplicate key '{key}' (first set on line {first.line + 1})",
                    "keep one of the two; YAML would silently use the last",
                )
            )
        else:
            seen[key] = key_node
    return problems


# Handbook data is small and flat: these bounds stop a hostile or broken file long before it costs
# time or memory (a 441-byte file of nested aliases once took 68 s and 4.4 GB to expand).
MAX_BYTES = 1_000_000
MAX_DEPTH = 32
MAX_STRING = 20_000


class _Stop(Exception):
    """Raised inside the walk when a file must not be read any further; carries the one problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _first_alias(text: str) -> tuple[int, int, str]:
    """Where the first alias (*name) is: only looked for once a node turned out to be shared."""
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
            return event.start_mark.line + 1, event.start_mark.column + 1, str(event.anchor)
    return 1, 1, ""


def _walk(loader: _StrictLoader, node: yaml.Node, where: DataPath, src: Source, problems: list[Problem]) -> Any:
    at = Mark(node.start_mark.line + 1, node.start_mark.column + 1)
    src.values[where] = at
    if id(node) in src.seen:  # the composer hands an alias back as the very node it names
        line, column, name = _first_alias(src.text)
        raise _Stop(
            Problem(
                src.path,
                line,
                column,
                f"a YAML alias (*{name}) repeats another part of the file",
                "write the value out in full: handbook data does not use anchors (&) and aliases (*)",
            )
        )
    src.seen.add(id(node))
    if len(where) > MAX_DEPTH:
        raise _Stop(
            Problem(
                src.path,
                at.line,
                at.column,
                f"the data is nested more than {MAX_DEPTH} levels deep here",
                "handbook files are a few levels deep; check the indentation and brackets above this line",
            )
        )
    if isinstance(node, yaml.MappingNode):
        problems.extend(_check_duplicates(node, src.path))
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(
                    Problem(
                        src.path,
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        "a key must be plain text",
                        "write the key as a single word, like `title:`",
                    )
                )
                continue
            key = str(key_node.value)
            child = (*where, key)
            src.keys[child] = Mark(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _walk(loader, value_node, child, src, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_walk(loader, item, (*where, index), src, problems) for index, item in enumerate(node.value)]
    src.spans[where] = (node.start_mark.index, node.end_mark.index)
    if len(node.value) > MAX_STRING:
        raise _Stop(
            Problem(
                src.path,
                at.line,
                at.column,
                f"this value is {len(node.value):,} characters long, over the limit of {MAX_STRING:,}",
                "shorten it: a page section or a message is a few hundred words at most",
            )
        )
    value = loader.construct_object(node, deep=True)
    if isinstance(value, str):  # markup in titles, unsafe links, outside images, attribute lists
        for found in textcheck.text_findings(where, value):
            at = src.mark_of_text(where, found.text)
            problems.append(Problem(src.path, at.line, at.column, found.what, found.fix))
    return value


_SYNTAX_HINTS = (
    ("found duplicate anchor", "give each anchor (&name) a different name"),
    (
        "could not find expected ':'",
        "each line of a mapping needs `key: value`; check for a missing colon, or quote a value that contains `: `",
    ),
    (
        "mapping values are not allowed",
        "a value contains `: `; put the whole value in quotes, or fix the indentation of this line",
    ),
    (
        "did not find expected key",
        "this line is indented differently from the keys around it; line it up with its siblings",
    ),
    (
        "did not find expected '-' indicator",
        "this list item is indented differently from the items around it; line it up",
    ),
    ("found undefined alias", "define the anchor (&name) before using *name, or remove the *"),
    (
        "found unknown escape character",
        "in double quotes a backslash starts an escape; double it (\\\\) or use single quotes",
    ),
    (
        "found character that cannot start any token",
        "quote this value (it starts with a character YAML reserves, like ` @ % or `)",
    ),
)


def _syntax_problem(path: str, error: yaml.MarkedYAMLError, text: str = "") -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = " ".join(str(error.problem or error.context or "invalid YAML").split())
    fix = "check the indentation and quoting on this line and the one above"
    source_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    if "\t" in source_line[: len(source_line) - len(source_line.lstrip())] or "'\\t'" in message:
        return Problem(
            path,
            line,
            column,
            f"YAML syntax error: {message} (a tab)",
            "YAML does not allow tabs; indent with spaces only",
        )
    for needle, hint in _SYNTAX_HINTS:
        if needle in message:
            fix = hint
            break
    return Problem(path, line, column, f"YAML syntax error: {message}", fix)


def parse(text: str, path: str) -> tuple[Source | None, list[Problem]]:
    """Parse YAML text; return the source with marks, or None and the problems."""
    if not text.strip() or all(ln.strip().startswith("#") or not ln.strip() for ln in text.splitlines()):
        return None, [
            Problem(path, 1, 1, "the file is empty", "fill it in (copy an existing file as a start), or delete it")
        ]
    loader = _StrictLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(path, error, text)]
    except yaml.reader.ReaderError as error:  # a control character, at its own place
        at = offset_to_mark(text, error.position)
        code = ord(error.character) if isinstance(error.character, str) else int(error.character)
        return None, [
            Problem(
                path,
                at.line,
                at.column,
                f"the character U+{code:04X} is a control character, which YAML does not allow",
                "delete it (it is invisible in most editors: retype the text around this place)",
            )
        ]
    except yaml.YAMLError as error:
        return None, [Problem(path, 1, 1, f"not readable as YAML: {error}", "save the file as plain UTF-8 text")]
    finally:
        loader.dispose()
    src = Source(path=path, text=text, data=None)
    problems: list[Problem] = []
    try:
        src.data = _walk(loader, root, (), src, problems)
    except yaml.constructor.ConstructorError as error:
        return None, [_syntax_problem(path, error, text)]
    except _Stop as stop:
        return None, [stop.problem]
    src.seen.clear()
    return src, problems


def read(file: Path, path: str) -> tuple[Source | None, list[Problem]]:
    """Read a file as UTF-8 and parse it; a bad byte is a problem with its place."""
    size = file.stat().st_size
    if size > MAX_BYTES:
        return None, [
            Problem(
                path,
                1,
                1,
                f"the file is {size:,} bytes, over the limit of {MAX_BYTES:,}",
                "a handbook file is a few kilobytes; split it, or check that it is the right file",
            )
        ]
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [
            Problem(
                path,
                line,
                column,
                f"byte 0x{raw[error.start]:02x} is not UTF-8 text",
                "save the file with UTF-8 encoding (most editors: File → Save with encoding → UTF-8)",
            )
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    return parse(text, path)
