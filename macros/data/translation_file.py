"""One translation file: read it, record each unit's `source:` stamp, and take its text checked against the English.

The merging (macros/data/translations.py, translation_flowchart.py) asks this module for each unit; what
it finds wrong is recorded on `Found`, as lag (English may stand in) or as an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .problems import Problem, rel
from .translation_units import unit_hash
from .yamlsource import DataPath, Source, read

STAMP_FIX = "check it against the English, then run `python -m macros translations stamp {lang}`"


@dataclass
class Found:
    """What checking a language found: lag (missing/stale), errors, and where each unit's `source:` goes."""

    lang: str
    lag: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    stamps: dict[str, list[tuple[DataPath, str]]] = field(default_factory=dict)  # file -> (unit path, hash)
    sources: dict[str, Source] = field(default_factory=dict)
    untranslated: set[str] = field(default_factory=set)  # scenario ids shown (partly) in English

    def unit(self, src: Source, where: DataPath, expected: str, label: str) -> bool:
        """Record a unit; True when its `source:` matches the English (else a lag problem)."""
        self.stamps.setdefault(src.path, []).append((where, expected))
        node = _get(src.data, where)
        stamp = node.get("source") if isinstance(node, dict) else None
        if stamp is None:
            at = src.mark(where)
            self.lag.append(
                Problem(
                    src.path, at.line, at.column, f"{label} has no `source:` stamp", STAMP_FIX.format(lang=self.lang)
                )
            )
            return False
        if stamp != expected:
            at = src.mark((*where, "source"))
            self.lag.append(
                Problem(
                    src.path,
                    at.line,
                    at.column,
                    f"{label} is stale: the English changed since it was translated",
                    "update the translation to the new English, then run "
                    f"`python -m macros translations stamp {self.lang}`",
                )
            )
            return False
        return True


def _get(data: Any, where: DataPath) -> Any:
    for step in where:
        data = data[step]
    return data


def read_file(root: Path, file: Path, found: Found) -> Source | None:
    path = rel(root, file)
    src, problems = read(file, path)
    found.errors += problems
    if src is None or problems:
        return None
    if not isinstance(src.data, dict):
        found.errors.append(
            Problem(path, 1, 1, "a translation file must be a mapping", "see scenarios/es/ for the layout")
        )
        return None
    found.sources[path] = src
    return src


def items_by_id(
    src: Source, key: str, found: Found, known: set[str], kind: str, unknown_is_lag: bool = False
) -> dict[str, int]:
    """The index of each item of the list `key`, by id; unknown (lag if `unknown_is_lag`) and repeated ids."""
    items = src.data.get(key) or []
    index: dict[str, int] = {}
    if not isinstance(items, list):
        found.errors.append(src.problem((key,), f"`{key}` must be a list", f"write one `- id: …` item per {kind}"))
        return index
    for number, item in enumerate(items):
        item_id = item.get("id") if isinstance(item, dict) else None
        if item_id not in known:
            (found.lag if unknown_is_lag else found.errors).append(
                src.problem(
                    (key, number), f"there is no English {kind} '{item_id}'", f"use one of: {', '.join(sorted(known))}"
                )
            )
        elif item_id in index:
            found.errors.append(src.problem((key, number, "id"), f"{kind} '{item_id}' is translated twice", "keep one"))
        else:
            index[item_id] = number
    return index


def unit_text(src: Source, where: DataPath, found: Found, english: Any, *, required: bool = True) -> Any:
    """A translated value where the English has one: same kind, and lists of the same length."""
    try:
        value = _get(src.data, where)
    except (KeyError, IndexError, TypeError):
        if required and english not in (None, "", [], ()):
            found.errors.append(src.problem(where[:-1], f"`{where[-1]}` is not translated", f"add `{where[-1]}:`"))
        return english
    if isinstance(english, (list, tuple)):
        if not isinstance(value, list) or (where[-1] != "keywords" and len(value) != len(english)):
            count = len(value) if isinstance(value, list) else 0
            found.errors.append(
                src.problem(
                    where,
                    f"`{where[-1]}` has {count} items, the English has {len(english)}",
                    "translate each English item, one for one, in the same order",
                )
            )
            return english
        return tuple(str(v) for v in value)
    if english is not None and not isinstance(value, str):
        found.errors.append(src.problem(where, f"`{where[-1]}` must be text", "write it as text"))
        return english
    return value


def keyed(
    root: Path, file: Path, key: str, english: list[tuple[str, dict[str, Any]]], found: Found, kind: str
) -> dict[str, dict[str, Any]]:
    """Translated text of fields, categories or questions, by id; English where missing or stale."""
    path = rel(root, file)
    if not file.exists():
        found.lag.append(
            Problem(path, 1, 1, f"the {kind}s are not translated", f"create {path} (see the English file beside it)")
        )
        return {}
    src = read_file(root, file, found)
    if src is None:
        return {}
    out: dict[str, dict[str, Any]] = {}
    if key == "fields":
        items = src.data.get("fields") or {}
        for extra in sorted(set(items) - {i for i, _ in english}):
            found.errors.append(
                src.problem(
                    ("fields", extra),
                    f"there is no English field '{extra}'",
                    "remove it, or check its spelling",
                    key=True,
                )
            )
        positions = {i: ("fields", i) for i in items}
    else:
        index = items_by_id(src, key, found, {i for i, _ in english}, kind)
        positions = {i: (key, n) for i, n in index.items()}
    for item_id, unit in english:
        where = positions.get(item_id)
        if where is None:
            at = src.mark((key,), key=True)
            found.lag.append(
                Problem(
                    src.path,
                    at.line,
                    at.column,
                    f"{kind} '{item_id}' is not translated",
                    f"add '{item_id}' with its translation",
                )
            )
            continue
        if found.unit(src, where, unit_hash(unit), f"{kind} '{item_id}'"):
            # (a question's answers are matched one for one by _flowchart, by the English targets)
            out[item_id] = {
                k: unit_text(src, (*where, k), found, v, required=v is not None)
                for k, v in unit.items()
                if k != "answers"
            }
    return out
