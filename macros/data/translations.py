"""Translations: merge `scenarios/<lang>/*.yml` onto the English model by id, with every problem located.

Structure belongs to the English files; a translation holds only text, each unit stamped with `source:`
(a hash of the English it translates). Problems are *lag* (missing, unstamped, stale: English may stand
in, by `translation_fallback`) or *errors* (wrong placeholders, lists of another length: always fatal).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from .model import Guidance, Handbook, Scenario, Template
from .problems import Problem, rel
from .translation_file import Found, items_by_id, keyed, read_file, unit_text
from .translation_flowchart import flowchart, invented_reasons
from .translation_units import category_unit, field_unit, placeholders, scenario_unit, template_unit, unit_hash
from .yamlsource import DataPath, Source

# ---------------------------------------------------------------------------------------------------
# Merging: each part of the handbook, translated or (by the fallback setting) left in English.


def _scenario(root: Path, folder: Path, s: Scenario, found: Found) -> Scenario:
    file = folder / f"{s.id}.yml"
    if not file.exists():
        found.lag.append(
            Problem(
                rel(root, file),
                1,
                1,
                f"scenario '{s.id}' is not translated",
                f"copy the layout of another file in {folder.name}/ and translate scenarios/{s.id}.yml",
            )
        )
        found.untranslated.add(s.id)
        return s
    src = read_file(root, file, found)
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
    title = unit_text(src, ("title",), found, s.title)
    translated = replace(
        s,
        title=title,
        summary=" ".join(str(unit_text(src, ("summary",), found, s.summary)).split()),
        keywords=unit_text(src, ("keywords",), found, s.keywords),
        signals=unit_text(src, ("signals",), found, s.signals),
        guidance=Guidance(
            should_you_go=str(unit_text(src, ("guidance", "should_you_go"), found, g.should_you_go)).strip(),
            what_to_say=str(unit_text(src, ("guidance", "what_to_say"), found, g.what_to_say)).strip(),
            timing=str(unit_text(src, ("guidance", "timing"), found, g.timing)).strip(),
        ),
        do=unit_text(src, ("do",), found, s.do),
        dont=unit_text(src, ("dont",), found, s.dont),
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
    index = items_by_id(src, "templates", found, {t.id for t in s.templates}, "template", unknown_is_lag=True)
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
        body = str(unit_text(src, (*where, "body"), found, t.body))
        subject = unit_text(src, (*where, "subject"), found, t.subject, required=t.subject is not None)
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
        title = str(unit_text(src, (*where, "title"), found, t.title, required=bool(t.title)))
        out.append(replace(t, title=title, subject=subject, body=body.strip()) if fresh else t)
    return tuple(out), all_fresh


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
        text = " ".join(str(unit_text(src, (*where, "text"), found, english.text)).split())
        out.append(replace(english, text=text) if fresh else english)
        if not fresh:
            found.untranslated.add(s.id)
    return tuple(out)


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
                    rel(root, stray),
                    1,
                    1,
                    f"there is no English scenario '{stray.stem}'",
                    "remove the file, or name it after an English scenario id",
                )
            )
    found.errors += invented_reasons(root, base, found.sources)
    fields = keyed(
        root, base / "_fields.yml", "fields", [(f.id, field_unit(f)) for f in handbook.fields], found, "field"
    )
    categories = keyed(
        root,
        base / "_categories.yml",
        "categories",
        [(c.id, category_unit(c)) for c in handbook.categories],
        found,
        "category",
    )
    chart = handbook.flowchart
    if chart is not None:
        chart = flowchart(root, base, chart, found)
    translated = replace(
        handbook,
        scenarios=scenarios,
        fields=tuple(replace(f, **fields[f.id]) if f.id in fields else f for f in handbook.fields),
        categories=tuple(replace(c, **categories[c.id]) if c.id in categories else c for c in handbook.categories),
        flowchart=chart,
    )
    return translated, found
