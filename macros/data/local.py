"""A fork's own changes, merged by id from local/scenarios/: scenarios switched off, changed or added.

Upstream files are never edited, so pulling upstream updates cannot conflict with a fork's changes:
- `local/scenarios/_local.yml` with `switch_off: [scenario-id, ...]` removes scenarios everywhere;
- `local/scenarios/ID.yml` whose `id` is an upstream scenario changes it: the fields it gives replace
  upstream's (`guidance` key by key, `templates` by template id; `remove_templates` drops some);
- `local/scenarios/ID.yml` with a new `id` adds a whole scenario, written like any in scenarios/;
- `local/scenarios/_fields.yml` and `_categories.yml` add placeholders and categories (or reword ours), by id;
- `local/scenarios/_flowchart.yml`, if present, is used instead of scenarios/_flowchart.yml.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import local_replace, schema
from .cache import while_unchanged
from .flowchart import FLOWCHART_FILE
from .model import Category, Field
from .placeholders import FIELDS_FILE
from .problems import Problem, rel, suggest
from .yamlsource import DataPath, Mark, Source, read

if TYPE_CHECKING:  # imported when a fork has local/scenarios, not on every build
    import jsonschema

LOCAL_DIR = "local/scenarios"
SETTINGS_FILE = "_local.yml"
CATEGORIES_FILE = "_categories.yml"
SCENARIO_SCHEMA = "scenario.schema.json"


@dataclass
class Merged:
    """The scenarios after a fork's changes, and what the loader still has to check."""

    sources: list[Source]
    known_ids: set[str]
    switched_off: frozenset[str] = frozenset()
    to_check: list[Source] = field(default_factory=list)  # changed or added: checked like any scenario
    problems: list[Problem] = field(default_factory=list)
    settings: Source | None = None
    replaced_by: dict[str, str] = field(default_factory=dict)  # switched-off id -> the scenario in its place


# --- Schemas -------------------------------------------------------------------


@while_unchanged(lambda schema_file: [schema_file])
def _override_validator(schema_file: Path) -> jsonschema.Draft7Validator:
    """The scenario schema with nothing required but ids, plus `remove_templates`: what a change file may hold."""
    import jsonschema

    derived = copy.deepcopy(json.loads(schema_file.read_text(encoding="utf-8")))
    derived["required"] = ["id"]
    derived["properties"]["remove_templates"] = {
        "description": "Ids of upstream templates to drop from this scenario.",
        "type": "array",
        "uniqueItems": True,
        "items": {"type": "string", "minLength": 1},
    }
    if "guidance" in derived["properties"]:
        derived["properties"]["guidance"].pop("required", None)
    derived["definitions"]["template"]["required"] = ["id"]
    return jsonschema.Draft7Validator(derived)


def _override_problems(src: Source, schema_dir: Path) -> list[Problem]:
    problems: list[Problem] = []
    for error in _override_validator(schema_dir / SCENARIO_SCHEMA).iter_errors(src.data):
        problems.extend(schema.problems_for(src, error, SCENARIO_SCHEMA))
    return problems


def _template_required(schema_dir: Path) -> list[str]:
    data = json.loads((schema_dir / SCENARIO_SCHEMA).read_text(encoding="utf-8"))
    return list(data["definitions"]["template"]["required"])


# --- Settings: switching scenarios off -----------------------------------------


def _settings(root: Path, folder: Path, upstream_ids: list[str]) -> tuple[Source | None, frozenset[str], list[Problem]]:
    file = folder / SETTINGS_FILE
    if not file.is_file():
        return None, frozenset(), []
    src, problems = read(file, rel(root, file))
    if src is None:
        return None, frozenset(), problems
    if not isinstance(src.data, dict):
        return (
            None,
            frozenset(),
            [
                src.problem(
                    (),
                    "this file should be a mapping of `key: value` lines",
                    "write `switch_off:` and a list of scenario ids under it",
                )
            ],
        )
    for key in src.data:
        if key not in ("switch_off", "replace"):
            problems.append(
                src.problem(
                    (key,),
                    f"unknown field '{key}'",
                    f"{suggest(key, ['switch_off', 'replace'])}the fields are switch_off and replace",
                    key=True,
                )
            )
    ids = src.data.get("switch_off") or []
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        problems.append(
            src.problem(
                ("switch_off",),
                "switch_off should be a list of scenario ids",
                "write each id on its own line, starting with `- `",
            )
        )
        return src, frozenset(), problems
    for index, sid in enumerate(ids):
        if sid not in upstream_ids:
            problems.append(
                src.problem(
                    ("switch_off", index),
                    f"there is no scenario '{sid}' to switch off",
                    f"{suggest(sid, upstream_ids)}use the id of a scenario in scenarios/",
                )
            )
    return src, frozenset(ids), problems


# --- Changing a scenario --------------------------------------------------------


def _merge(upstream: Source, change: Source) -> tuple[Source, list[Problem]]:
    """Upstream's scenario with the change file's fields on top; marks point into the change file."""
    up, new = upstream.data, change.data
    merged: dict[str, Any] = dict(up)
    problems: list[Problem] = []
    for key, value in new.items():
        if key == "guidance":
            merged["guidance"] = {**up["guidance"], **value}
        elif key not in ("templates", "remove_templates"):
            merged[key] = value
    up_ids = [t["id"] for t in up["templates"]]
    removed = new.get("remove_templates", [])
    for index, tid in enumerate(removed):
        if tid not in up_ids:
            problems.append(
                change.problem(
                    ("remove_templates", index),
                    f"scenario '{up['id']}' has no template '{tid}'",
                    f"{suggest(tid, up_ids)}use one of: {', '.join(up_ids)}",
                )
            )
    templates = [dict(t) for t in up["templates"] if t["id"] not in removed]
    moved: dict[int, int] = {}  # change file's template index -> merged index
    for index, tpl in enumerate(new.get("templates", [])):
        at = next((i for i, t in enumerate(templates) if t["id"] == tpl["id"]), None)
        if at is None:
            templates.append(dict(tpl))
            moved[index] = len(templates) - 1
        else:
            templates[at] = {**templates[at], **tpl}
            moved[index] = at
    merged["templates"] = templates
    if not templates:
        problems.append(
            change.problem(
                ("remove_templates",),
                f"this removes every template of '{up['id']}'",
                "keep at least one, or switch the scenario off in _local.yml",
            )
        )
    return _moved_source(change, merged, moved), problems


def _moved_source(change: Source, data: dict[str, Any], moved: dict[int, int]) -> Source:
    def move(where: DataPath) -> DataPath:
        if len(where) >= 2 and where[0] == "templates" and isinstance(where[1], int) and where[1] in moved:
            return ("templates", moved[where[1]], *where[2:])
        return where

    values: dict[DataPath, Mark] = {move(k): v for k, v in change.values.items()}
    keys: dict[DataPath, Mark] = {move(k): v for k, v in change.keys.items()}
    spans: dict[DataPath, tuple[int, int]] = {move(k): v for k, v in change.spans.items()}
    return Source(path=change.path, text=change.text, data=data, values=values, keys=keys, spans=spans)


def _new_templates_complete(change: Source, upstream: Source, required: list[str]) -> list[Problem]:
    up_ids = {t["id"] for t in upstream.data["templates"]}
    problems: list[Problem] = []
    for index, tpl in enumerate(change.data.get("templates", [])):
        if tpl["id"] in up_ids:
            continue
        for name in required:
            if name not in tpl:
                problems.append(
                    change.problem(
                        ("templates", index),
                        f"template '{tpl['id']}' is new ('{upstream.data['id']}' has no template with this id), "
                        f"so it needs '{name}'",
                        f"add a `{name}:` line, or use the id of the upstream template you mean to change",
                    )
                )
    return problems


# --- The whole step -------------------------------------------------------------


def _prune_related(src: Source, gone: frozenset[str], replaced_by: dict[str, str]) -> Source:
    related = src.data.get("related")
    if not related or not gone.intersection(related):
        return src
    swapped = local_replace.related(related, replaced_by, src.data["id"])
    return replace(src, data={**src.data, "related": [r for r in swapped if r not in gone]})


def apply(root: Path, schema_dir: Path, upstream: list[Source], known_ids: set[str]) -> Merged:
    """Switch off, change and add scenarios from local/scenarios/; upstream sources are never modified."""
    folder = root / LOCAL_DIR
    if not folder.is_dir():
        return Merged(sources=list(upstream), known_ids=set(known_ids))
    by_id = {s.data["id"]: s for s in upstream}
    settings, switched_off, problems = _settings(root, folder, sorted(known_ids))
    sources = dict(by_id)
    result = Merged(
        sources=[], known_ids=set(known_ids), switched_off=switched_off, problems=problems, settings=settings
    )
    required = _template_required(schema_dir)
    for file in sorted(p for p in folder.glob("*.yml") if not p.name.startswith("_")):
        src, file_problems = read(file, rel(root, file))
        if src is None or file_problems:
            result.problems += file_problems
            continue
        sid = src.data.get("id") if isinstance(src.data, dict) else None
        if not isinstance(sid, str):
            result.problems.append(
                src.problem(
                    (),
                    "this file has no `id:`",
                    "give the id of the upstream scenario to change, or a new id to add one",
                )
            )
            continue
        if sid in switched_off:
            result.problems.append(
                src.problem(
                    ("id",),
                    f"scenario '{sid}' is switched off in {SETTINGS_FILE} and changed here",
                    "remove it from switch_off, or delete this file",
                )
            )
        elif sid in by_id:
            more = _override_problems(src, schema_dir) or _new_templates_complete(src, by_id[sid], required)
            if not more:
                merged, more = _merge(by_id[sid], src)
                if not more:
                    sources[sid] = merged
                    result.to_check.append(merged)
            result.problems += more
        elif sid in sources:
            result.problems.append(
                src.problem(
                    ("id",),
                    f"scenario id '{sid}' is already used by {sources[sid].path}",
                    "give this scenario its own id (ids become page addresses)",
                )
            )
        else:
            more = schema.check(src, schema_dir, SCENARIO_SCHEMA)
            result.known_ids.add(sid)
            if not more:
                sources[sid] = src
                result.to_check.append(src)
            result.problems += more
    kept = [sid for sid in sources if sid not in switched_off]
    result.replaced_by, more = local_replace.read(settings, switched_off, kept)
    result.problems += more
    result.sources = [_prune_related(sources[sid], switched_off, result.replaced_by) for sid in kept]
    result.known_ids -= switched_off
    return result


# --- Placeholders and categories ------------------------------------------------------


def _read_checked(root: Path, file: Path, schema_dir: Path, schema_name: str) -> tuple[Source | None, list[Problem]]:
    if not file.is_file():
        return None, []
    src, problems = read(file, rel(root, file))
    if src is None or problems:
        return None, problems
    problems = schema.check(src, schema_dir, schema_name)
    return (None, problems) if problems else (src, [])


def extend(
    root: Path, schema_dir: Path, fields: tuple[Field, ...], categories: tuple[Category, ...]
) -> tuple[tuple[Field, ...], tuple[Category, ...], list[Problem]]:
    """A fork's own placeholders and categories, merged by id: a known id rewords ours, a new one is added."""
    folder = root / LOCAL_DIR
    fields_src, problems = _read_checked(root, folder / FIELDS_FILE, schema_dir, "fields.schema.json")
    if fields_src is not None:
        mine = {
            key: Field(
                id=key, label=v["label"], example=v["example"], hint=v["hint"], autocomplete=v.get("autocomplete")
            )
            for key, v in fields_src.data["fields"].items()
        }
        fields = tuple(mine.pop(f.id, f) for f in fields) + tuple(mine.values())
    categories_src, more = _read_checked(root, folder / CATEGORIES_FILE, schema_dir, "categories.schema.json")
    problems += more
    if categories_src is not None:
        added: dict[str, Category] = {}
        for index, c in enumerate(categories_src.data["categories"]):
            if c["id"] in added:
                problems.append(
                    categories_src.problem(
                        ("categories", index, "id"), f"category id '{c['id']}' is used twice", "keep one of them"
                    )
                )
            added[c["id"]] = Category(id=c["id"], title=c["title"], summary=c["summary"])
        categories = tuple(added.pop(c.id, c) for c in categories) + tuple(added.values())
    return fields, categories, problems


# --- The flowchart ----------------------------------------------------------------


def flowchart_file(root: Path) -> Path | None:
    """The fork's own flowchart, used instead of upstream's when it exists."""
    file = root / LOCAL_DIR / FLOWCHART_FILE
    return file if file.is_file() else None


def prune_flowchart(src: Source, merged: Merged) -> tuple[Source, list[Problem]]:
    """Drop the flowchart's answers that lead to switched-off scenarios; a question needs two answers left."""
    if not merged.switched_off or not isinstance(src.data, dict):
        return src, []
    data = copy.deepcopy(src.data)
    problems: list[Problem] = []
    for question in data.get("questions", []):
        answers = question.get("answers", [])
        kept = [a for a in answers if a.get("scenario") not in merged.switched_off]
        if len(kept) < len(answers) and len(kept) < 2 and merged.settings is not None:
            gone = next(a["scenario"] for a in answers if a.get("scenario") in merged.switched_off)
            index = merged.settings.data["switch_off"].index(gone)
            problems.append(
                merged.settings.problem(
                    ("switch_off", index),
                    f"switching off '{gone}' leaves the flowchart question '{question.get('id')}' "
                    f"with {len(kept)} answer(s)",
                    f"copy {src.path} to {LOCAL_DIR}/{FLOWCHART_FILE} and change that question",
                )
            )
        question["answers"] = kept
    return replace(src, data=data), problems
