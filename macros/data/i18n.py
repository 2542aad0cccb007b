"""Language editions: the settings in mkdocs.yml, the `source:` stamper and the translation check.

Settings (mkdocs.yml, under `extra:`):

    languages: [en, es]          # the first is the edition at the site's root; the others go to /<lang>/
    translation_fallback: fail   # or `english`: a missing or stale translation shows the English, with a note

A fork adds a language with `scenarios/<lang>/`, `docs/<lang>/` and its code in `languages`; it ships
one language by listing only that one.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .loader import NOTHING_RESERVED, Reserved, load_cached
from .model import Handbook
from .problems import Problem
from .translation_file import Found
from .translations import translate
from .yamlsource import DataPath, Source

SOURCE_LANGUAGE = "en"  # the language of scenarios/*.yml and docs/*.md
FALLBACKS = ("fail", "english")
CHILD_ENV = "KTB_LANGUAGE"  # set for the build of one language edition started by the root build


@dataclass(frozen=True)
class Settings:
    languages: tuple[str, ...] = (SOURCE_LANGUAGE,)
    fallback: str = "fail"

    @property
    def root(self) -> str:
        return self.languages[0]

    @property
    def others(self) -> tuple[str, ...]:
        return self.languages[1:]


def settings_from(extra: Any) -> tuple[Settings, list[Problem]]:
    """The language settings from mkdocs.yml's `extra:` (checked: a wrong value stops the build)."""
    problems: list[Problem] = []
    languages = extra.get("languages") or [SOURCE_LANGUAGE]
    if isinstance(languages, str):  # from the environment (`!ENV [KTB_LANGUAGES, ...]`): "en" or "en,es"
        languages = [code for code in re.split(r"[\s,\[\]]+", languages) if code]
    if not isinstance(languages, list) or not all(
        isinstance(x, str) and x.isalpha() and x.islower() for x in languages
    ):
        problems.append(
            Problem(
                "mkdocs.yml",
                1,
                1,
                f"extra.languages {languages!r} is not a list of language codes",
                "write for example `languages: [en, es]`",
            )
        )
        languages = [SOURCE_LANGUAGE]
    fallback = extra.get("translation_fallback", "fail")
    if fallback not in FALLBACKS:
        problems.append(
            Problem(
                "mkdocs.yml",
                1,
                1,
                f"extra.translation_fallback {fallback!r} is not allowed",
                "write `fail` or `english`",
            )
        )
        fallback = "fail"
    return Settings(tuple(dict.fromkeys(languages)), str(fallback)), problems


def project_settings(root: Path) -> tuple[Settings, list[Problem]]:
    """The settings from the project's mkdocs.yml, for `python -m macros check` and the stamper."""
    from mkdocs.utils.yaml import get_yaml_loader  # reads !ENV like a build does

    config = root / "mkdocs.yml"
    if not config.exists():
        return Settings(), []
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=get_yaml_loader()) or {}
    return settings_from(data.get("extra") or {})


def child_language() -> str | None:
    """The language of this build when the root build started it for one edition, else None."""
    return os.environ.get(CHILD_ENV) or None


def handbook_in(
    root: Path, lang: str, reserved: Reserved = NOTHING_RESERVED
) -> tuple[Handbook | None, Found | None, tuple[Problem, ...]]:
    """The handbook in `lang` (English model, translated); problems of the English data come first."""
    handbook, problems = load_cached(root, reserved=reserved)
    if handbook is None or lang == SOURCE_LANGUAGE:
        return handbook, None, problems
    translated, found = translate(root, handbook, lang)
    return translated, found, ()


def fatal(found: Found, settings: Settings) -> list[Problem]:
    """The problems that stop a build: errors always, missing and stale translations unless English may stand in."""
    return sorted(found.errors + (found.lag if settings.fallback == "fail" else []))


# ---------------------------------------------------------------------------------------------------
# `python -m macros translations stamp <lang>`: write each unit's `source:` hash, editing only those lines.


def stamp(root: Path, lang: str, reserved: Reserved = NOTHING_RESERVED) -> tuple[list[str], list[Problem]]:
    """Fill or refresh `source:` in every translation file of `lang`; return the files changed."""
    handbook, found, problems = handbook_in(root, lang, reserved)
    if handbook is None or found is None:
        return [], list(problems)
    changed: list[str] = []
    for rel, units in found.stamps.items():
        src = found.sources[rel]
        text = stamped_text(src, units)
        if text != src.text:
            (root / rel).write_text(text, encoding="utf-8")
            changed.append(rel)
    return changed, sorted(found.errors)


def stamped_text(src: Source, units: list[tuple[DataPath, str]]) -> str:
    """The file's text with `source: <hash>` set for each unit: other lines are left byte for byte."""
    lines = src.text.split("\n")
    edits: list[tuple[int, int, str | None, str]] = []  # (line index, order, replace-or-insert, text)
    for where, value in units:
        value = f'"{value}"' if value.isdigit() else value  # YAML would read 0123 as a number
        node: Any = src.data
        for step in where:
            node = node[step]
        if "source" in node:
            mark = src.mark((*where, "source"))
            line = lines[mark.line - 1]
            edits.append((mark.line - 1, 0, "replace", line[: mark.column - 1] + value))
            continue
        first = next(iter(node))
        mark = src.mark((*where, first), key=True)
        line = lines[mark.line - 1]
        indent = " " * (mark.column - 1)
        after = first == "id" or line[: mark.column - 1].strip() == "-"
        edits.append((mark.line - 1 + (1 if after else 0), 1, None, f"{indent}source: {value}"))
    for index, _, kind, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        if kind == "replace":
            lines[index] = new
        else:
            lines.insert(index, new)
    return "\n".join(lines)


def check_report(root: Path, reserved: Reserved = NOTHING_RESERVED) -> tuple[list[str], bool]:
    """Lines for `python -m macros check`: each language's problems; True when the build would stop."""
    settings, problems = project_settings(root)
    lines = [str(p) for p in problems]
    failed = bool(problems)
    for lang in settings.languages:
        if lang == SOURCE_LANGUAGE:
            continue
        _, found, base = handbook_in(root, lang, reserved)
        if found is None:
            failed = failed or bool(base)
            continue
        stopping = fatal(found, settings)
        failed = failed or bool(stopping)
        for problem in sorted(found.errors + found.lag):
            prefix = "" if problem in stopping else "warning (English shown instead): "
            lines.append(prefix + str(problem))
        if not found.errors and not found.lag:
            lines.append(f"OK: the '{lang}' translation is complete and current.")
    return lines, failed
