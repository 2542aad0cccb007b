"""The handbook of one build: the data loaded once, in this edition's language, with its problems."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..data import i18n, translations
from ..data.loader import load_cached
from ..data.model import Handbook
from ..data.problems import Problem
from ..site.reserved import RESERVED
from .editions import words


@dataclass(frozen=True)
class Loaded:
    """What a build knows of its data: the model (None when it has problems) and every problem found."""

    handbook: Handbook | None
    problems: tuple[Problem, ...]
    untranslated: frozenset[str] = field(default_factory=frozenset)  # scenario ids shown (partly) in English


def load(config: Any) -> Loaded:
    """Load (or reuse, if no file changed: macros/data/loader.py) the handbook at the start of a build."""
    project = Path(config["config_file_path"]).resolve().parent
    lang = str(config["extra"].get("ktb_language") or "en")
    handbook, problems = load_cached(project, reserved=RESERVED)
    untranslated: frozenset[str] = frozenset()
    if handbook is not None and lang != i18n.SOURCE_LANGUAGE:
        # Another language edition: the English model with scenarios/<lang>/ merged on (macros/data/translations.py).
        settings, _ = i18n.settings_from(config["extra"])
        handbook, found = translations.translate(project, handbook, lang)
        problems = tuple(i18n.fatal(found, settings))
        untranslated = frozenset(found.untranslated)
        if problems:
            handbook = None
    if handbook is not None and config["extra"].get("ktb_ui"):
        handbook = replace(handbook, words=words(config["extra"]["ktb_ui"]))
    return Loaded(handbook, tuple(problems), untranslated)
