"""Files in a fork's local/ folder that the build would silently ignore: one warning naming each.

A fork's changes live in local/scenarios/ under a few fixed names. A typo there (`_locals.yml`,
`x.yaml`, `local/scenario/`) would leave the fork's change out without a word; these are warnings,
not errors, because nothing in the upstream data is wrong.
"""

from __future__ import annotations

from pathlib import Path

from .flowchart import FLOWCHART_FILE
from .local import CATEGORIES_FILE, LOCAL_DIR, SETTINGS_FILE
from .placeholders import FIELDS_FILE
from .problems import Problem, suggest

KNOWN_FILES = (SETTINGS_FILE, FLOWCHART_FILE, FIELDS_FILE, CATEGORIES_FILE)


def _warning(path: str, what: str, fix: str) -> Problem:
    return Problem(path, 1, 1, f"ignored: {what}", fix)


def stray_files(root: Path) -> list[Problem]:
    """Everything under local/ that the build does not read, with what it probably should be called."""
    top_name, folder_name = LOCAL_DIR.split("/", 1)
    top = root / top_name
    if not top.is_dir():
        return []
    found: list[Problem] = []
    for entry in sorted(top.iterdir()):
        # local/ also holds a fork's brand files: only a near miss of `scenarios` is a typo.
        if entry.name == folder_name or not entry.is_dir() or not suggest(entry.name.lower(), [folder_name]):
            continue
        found.append(
            _warning(
                f"{top_name}/{entry.name}",
                f"scenario changes are read only from {LOCAL_DIR}/",
                f"did you mean '{folder_name}'? rename the folder",
            )
        )
    folder = root / LOCAL_DIR
    for entry in sorted(folder.iterdir()) if folder.is_dir() else ():
        path = f"{LOCAL_DIR}/{entry.name}"
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            found.append(_warning(path, "folders inside local/scenarios/ are not read", "move its files up one level"))
        elif entry.suffix != ".yml":
            fix = "rename it to end in .yml" if entry.suffix.lower() in (".yaml", ".yml") else "delete it or rename it"
            found.append(_warning(path, f"only .yml files are read, and this one ends in '{entry.suffix}'", fix))
        elif entry.name.startswith("_") and entry.name not in KNOWN_FILES:
            found.append(
                _warning(
                    path,
                    "a file starting with _ must be one of " + ", ".join(KNOWN_FILES),
                    f"{suggest(entry.name, KNOWN_FILES)}rename it",
                )
            )
    return found
