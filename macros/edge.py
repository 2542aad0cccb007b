"""The few facts the MkDocs hooks and macros share: which command runs, and the handbook for a config."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .loader import load_cached
from .model import Handbook
from .problems import HandbookError, Problem

# Set by the hooks' on_startup; `serve` shows data problems in the page instead of stopping.
COMMAND: str | None = None
SITE_DIR: Path | None = None
PROJECT_DIR: Path | None = None


def handbook_for(config: Any) -> tuple[Handbook | None, tuple[Problem, ...]]:
    """The handbook of the project whose mkdocs.yml is `config` (loaded once while files are unchanged)."""
    global SITE_DIR, PROJECT_DIR
    PROJECT_DIR = Path(config["config_file_path"]).resolve().parent
    SITE_DIR = Path(config["site_dir"]).resolve()
    return load_cached(PROJECT_DIR)


def report(problems: tuple[Problem, ...] | list[Problem]) -> str:
    return HandbookError(list(problems)).report()
