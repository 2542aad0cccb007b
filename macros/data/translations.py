"""Translations: merge `scenarios/<lang>/*.yml` onto the English model by id, with every problem located.

Structure belongs to the English files; a translation holds only text, each unit stamped with `source:`
(a hash of the English it translates). Problems are *lag* (missing, unstamped, stale: English may stand
in, by `translation_fallback`) or *errors* (wrong placeholders, lists of another length: always fatal).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .model import Guidance, Handbook, Scenario, Template
from .problems import Problem
from .translation_units import (
    category_unit,
    field_unit,
    placeholders,
    scenario_unit,
    template_unit,
    unit_hash,
)
from .yamlsource import DataPath, Source, read

PLACEHOLDER = re.compile(r"\{([^{}\n]*)\}")
HASH_LENGTH = 10
STAMP_FIX = "check it against the English, then run `python -m macros translations stamp {lang}`"


# ---------------------------------------------------------------------------------------------------
# One translation file: its parsed source, and each translated unit's expected hash and place.


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


def _read(root: Path, file: Path, found: Found) -> Source | None:
    rel = file.relative_to(root).as_posix()
    src, problems = read(file, rel)
    found.errors += problems
    if src is None or problems:
        return None
    if not isinstance(src.data, dict):
        found.errors.append(
            Problem(rel, 1, 1, "a translation file must be a mapping", "see scenarios/es/ for the layout")
        )
        return None
    found.sources[rel] = src
    return src


def _missing(rel: str, what: str, fix: str) -> Problem:
    return Problem(rel, 1, 1, what, fix)


def _items_by_id(
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


def _text(src: Source, where: DataPath, found: Found, english: Any, *, required: bool = True) -> Any:
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


def _same_placeholders(src: Source, where: DataPath, english: str | None, text: str | None, found: Found) -> None:
    theirs, ours = placeholders(english), placeholders(text)
    if theirs != ours:
        extra, lacking = sorted(ours - theirs), sorted(theirs - ours)
        said = "; ".join(
            part
            for part in (
                "adds " + ", ".join(f"{{{n}}}" for n in extra) if extra else "",
                "lacks " + ", ".join(f"{{{n}}}" for n in lacking) if lacking else "",
            )
            if part
        )
        found.errors.append(
            src.problem(
                where,
                f"the placeholders differ from the English: the translation {said}",
                "use exactly the English placeholders, spelt as in English, inside the translated text",
            )
        )


# ---------------------------------------------------------------------------------------------------
# Merging: each part of the handbook, translated or (by the fallback setting) left in English.


def _scenario(root: Path, folder: Path, s: Scenario, found: Found) -> Scenario:
    file = folder / f"{s.id}.yml"
    rel = file.relative_to(root).as_posix()
    if not file.exists():
        found.lag.append(
            _missing(
                rel,
                f"scenario '{s.id}' is not translated",
                f"copy the layout of another file in {folder.name}/ and translate scenarios/{s.id}.yml",
            )
        )
        found.untranslated.add(s.id)
        return s
    src = _read(root, file, found)
    if src is None:
        found.untranslated.add(s.id)
        return s
    if src.data.get("id") != s.id:
        found.errors.append(
            src.problem(("id",), f"the id is not '{s.id}'", f"write `id: {s.id}`, the id of the English file")
        )
    for key in ("category", "order", "related", "flowchart"):
        if key in src.data:
            found.errors.append(
                src.problem(
                    (key,), f"`{key}` is not translated", f"remove it: the English file decides {key}", key=True
                )
            )
    fresh = found.unit(src, (), unit_hash(scenario_unit(s)), f"scenario '{s.id}'")
    g = s.guidance
    title = _text(src, ("title",), found, s.title)
    translated = replace(
        s,
        title=title,
        summary=" ".join(str(_text(src, ("summary",), found, s.summary)).split()),
        keywords=_text(src, ("keywords",), found, s.keywords),
        signals=_text(src, ("signals",), found, s.signals),
        guidance=Guidance(
            should_you_go=str(_text(src, ("guidance", "should_you_go"), found, g.should_you_go)).strip(),
            what_to_say=str(_text(src, ("guidance", "what_to_say"), found, g.what_to_say)).strip(),
            timing=str(_text(src, ("guidance", "timing"), found, g.timing)).strip(),
        ),
        do=_text(src, ("do",), found, s.do),
        dont=_text(src, ("dont",), found, s.dont),
    )
    if not fresh:
        found.untranslated.add(s.id)
        translated = replace(s, keywords=(*s.keywords, *translated.keywords))
    templates, fresh_templates = _templates(src, s, found)
    fallbacks = _fallbacks(src, s, found)
    if not fresh_templates:
        found.untranslated.add(s.id)
    return replace(translated, templates=templates, fallbacks=fallbacks)


def _templates(src: Source, s: Scenario, found: Found) -> tuple[tuple[Template, ...], bool]:
    index = _items_by_id(src, "templates", found, {t.id for t in s.templates}, "template", unknown_is_lag=True)
    out: list[Template] = []
    all_fresh = True
    for t in s.templates:
        number = index.get(t.id)
        if number is None:
            at = src.mark(("templates",), key=True) if "templates" in src.data else src.mark(())
            found.lag.append(
                Problem(
                    src.path,
                    at.line,
                    at.column,
                    f"template '{t.id}' is not translated",
                    f"add `- id: {t.id}` under `templates:` with its translation",
                )
            )
            out.append(t)
            all_fresh = False
            continue
        where: DataPath = ("templates", number)
        body = str(_text(src, (*where, "body"), found, t.body))
        subject = _text(src, (*where, "subject"), found, t.subject, required=t.subject is not None)
        expected = unit_hash(template_unit(t))
        stamp = src.data["templates"][number].get("source")
        fresh = found.unit(src, where, expected, f"template '{t.id}'")
        # A stale translation is English's lag (a fork's local/ change, too), not a translator's mistake:
        # it is reported as stale and the English is shown, so its placeholders and subject go unchecked.
        if stamp is None or str(stamp) == expected:
            if t.subject is None and subject is not None:
                found.errors.append(
                    src.problem(
                        (*where, "subject"), "the English message has no subject", "remove `subject:`", key=True
                    )
                )
            _same_placeholders(src, (*where, "body"), t.body, body, found)
            if t.subject is not None:
                _same_placeholders(src, (*where, "subject"), t.subject, subject, found)
        all_fresh = all_fresh and fresh
        title = str(_text(src, (*where, "title"), found, t.title, required=bool(t.title)))
        out.append(replace(t, title=title, subject=subject, body=body.strip()) if fresh else t)
    return tuple(out), all_fresh


def _fallbacks(src: Source, s: Scenario, found: Found) -> tuple[Any, ...]:
    given = src.data.get("fallbacks") or []
    if len(given) != len(s.fallbacks):
        found.errors.append(
            src.problem(
                ("fallbacks",),
                f"{len(given)} fallbacks, the English has {len(s.fallbacks)}",
                "translate each English fallback, in the same order",
            )
        )
        return s.fallbacks
    out = []
    for number, (english, item) in enumerate(zip(s.fallbacks, given, strict=True)):
        where: DataPath = ("fallbacks", number)
        if not isinstance(item, dict) or item.get("timing") != english.timing:
            found.errors.append(
                src.problem(
                    where,
                    f"fallback {number + 1} is not for timing '{english.timing}'",
                    f"write `timing: {english.timing}` as in English, in the same order",
                )
            )
            out.append(english)
            continue
        fresh = found.unit(src, where, unit_hash({"text": english.text}), f"fallback {number + 1} ({english.timing})")
        text = " ".join(str(_text(src, (*where, "text"), found, english.text)).split())
        out.append(replace(english, text=text) if fresh else english)
        if not fresh:
            found.untranslated.add(s.id)
    return tuple(out)


def _keyed(
    root: Path, file: Path, key: str, english: list[tuple[str, dict[str, Any]]], found: Found, kind: str
) -> dict[str, dict[str, Any]]:
    """Translated text of fields, categories or questions, by id; English where missing or stale."""
    rel = file.relative_to(root).as_posix()
    if not file.exists():
        found.lag.append(
            _missing(rel, f"the {kind}s are not translated", f"create {rel} (see the English file beside it)")
        )
        return {}
    src = _read(root, file, found)
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
        index = _items_by_id(src, key, found, {i for i, _ in english}, kind)
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
                k: _text(src, (*where, k), found, v, required=v is not None) for k, v in unit.items() if k != "answers"
            }
    return out


def translate(root: Path, handbook: Handbook, lang: str, folder: str = "scenarios") -> tuple[Handbook, Found]:
    """The handbook in `lang`: translated where the translation is present and current, English elsewhere."""
    base = root / folder / lang
    found = Found(lang=lang)
    scenarios = tuple(_scenario(root, base, s, found) for s in handbook.scenarios)
    for stray in sorted(base.glob("*.yml")) if base.is_dir() else ():
        known = {s.id for s in handbook.scenarios} | set(handbook.switched_off)
        if not stray.name.startswith("_") and stray.stem not in known:
            found.errors.append(
                Problem(
                    stray.relative_to(root).as_posix(),
                    1,
                    1,
                    f"there is no English scenario '{stray.stem}'",
                    "remove the file, or name it after an English scenario id",
                )
            )
    from .translation_flowchart import invented_reasons

    found.errors += invented_reasons(root, base, found.sources)
    fields = _keyed(
        root, base / "_fields.yml", "fields", [(f.id, field_unit(f)) for f in handbook.fields], found, "field"
    )
    categories = _keyed(
        root,
        base / "_categories.yml",
        "categories",
        [(c.id, category_unit(c)) for c in handbook.categories],
        found,
        "category",
    )
    chart = handbook.flowchart
    if chart is not None:
        from .translation_flowchart import flowchart

        chart = flowchart(root, base, chart, found)
    translated = replace(
        handbook,
        scenarios=scenarios,
        fields=tuple(replace(f, **fields[f.id]) if f.id in fields else f for f in handbook.fields),
        categories=tuple(replace(c, **categories[c.id]) if c.id in categories else c for c in handbook.categories),
        flowchart=chart,
    )
    return translated, found
