"""The few facts the MkDocs hooks and macros share: which command runs, and the handbook for a config."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..data.loader import load_cached
from ..data.model import Handbook
from ..data.problems import HandbookError, Problem

# Set by the hooks' on_startup; `serve` shows data problems in the page instead of stopping.
COMMAND: str | None = None
DIRTY = False  # `mkdocs build --dirty` / `serve --dirty`: only changed pages are rebuilt
SITE_DIR: Path | None = None
PROJECT_DIR: Path | None = None
UNTRANSLATED: set[str] = set()  # scenario ids shown (partly) in English in this language edition


# The load made at the start of the current build, per mkdocs.yml: pages reuse it instead of
# looking at every data file again (which made a 1,000-scenario build quadratic).
_BUILD: dict[str, tuple[Handbook | None, tuple[Problem, ...]]] = {}


def refresh(config: Any) -> tuple[Handbook | None, tuple[Problem, ...]]:
    """Load (or reuse, if no file changed) the handbook at the start of a build."""
    global SITE_DIR, PROJECT_DIR
    PROJECT_DIR = Path(config["config_file_path"]).resolve().parent
    SITE_DIR = Path(config["site_dir"]).resolve()
    lang = str(config["extra"].get("ktb_language") or "en")
    handbook, problems = load_cached(PROJECT_DIR)
    UNTRANSLATED.clear()
    if handbook is not None and lang != "en":
        # Another language edition: the English model with scenarios/<lang>/ merged on (macros/data/translations.py).
        from ..data import i18n, translations

        settings, _ = i18n.settings_from(config["extra"])
        handbook, found = translations.translate(PROJECT_DIR, handbook, lang)
        problems = tuple(i18n.fatal(found, settings))
        UNTRANSLATED.update(found.untranslated)
        if problems:
            handbook = None
    if handbook is not None and config["extra"].get("ktb_ui"):
        from dataclasses import replace

        from .editions import words

        handbook = replace(handbook, words=words(config["extra"]["ktb_ui"]))
    _BUILD[config["config_file_path"]] = (handbook, problems)
    return _BUILD[config["config_file_path"]]


def handbook_for(config: Any) -> tuple[Handbook | None, tuple[Problem, ...]]:
    """The handbook of the project whose mkdocs.yml is `config`, as loaded when this build started."""
    found = _BUILD.get(config["config_file_path"])
    return found if found is not None else refresh(config)


def switched_on(name: str, environ: Mapping[str, str] = os.environ) -> bool:
    """An on-by-default switch: off when the variable is 0, false, no or off."""
    return environ.get(name, "1").strip().lower() not in {"0", "false", "no", "off"}


def report(problems: tuple[Problem, ...] | list[Problem]) -> str:
    return HandbookError(list(problems)).report()
