"""Load every data file once, validate it, cross-check it and build the Handbook model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import flowchart as flowchart_data
from . import local, schema, wording
from .cache import files_under, while_unchanged
from .local import CATEGORIES_FILE
from .model import Category, Field, Flowchart, Guidance, Handbook, Scenario, Template
from .placeholders import FIELDS_FILE
from .problems import HandbookError, Problem, rel
from .scenario_checks import check_scenario, cross_check, taken_ids
from .yamlsource import Source, read

SCHEMA_LINE = "# yaml-language-server: $schema="


@dataclass(frozen=True)
class Reserved:
    """What the site keeps for its own pages and parts, which the data may not take (macros/site/reserved.py).

    The data room cannot know the site's pages and ids, so whoever loads for a site passes them in.
    """

    page_names: Callable[[Path], frozenset[str]]  # project -> names of the pages in docs/situations/
    template_problems: Callable[[list[Source], tuple[Field, ...], Path], list[Problem]]


# The data alone: no site around it, so no names are taken.
NOTHING_RESERVED = Reserved(page_names=lambda project: frozenset(), template_problems=lambda sources, fields, root: [])


@dataclass(frozen=True)
class DataFiles:
    """Where the data lives: the project root (for error paths) and the scenarios folder."""

    root: Path
    folder: Path

    def rel(self, file: Path) -> str:
        return rel(self.root, file)


def _read_checked(files: DataFiles, file: Path, schema_name: str) -> tuple[Source | None, list[Problem]]:
    path = files.rel(file)
    src, problems = read(file, path)
    if src is None:
        return None, problems
    first = src.text.splitlines()[0] if src.text else ""
    if not first.startswith(SCHEMA_LINE):
        problems.append(
            Problem(
                path,
                1,
                1,
                "the first line does not name the schema",
                f"start the file with `{SCHEMA_LINE}schema/{schema_name}` so editors can check it",
            )
        )
    problems.extend(schema.check(src, files.folder / schema.SCHEMA_DIR, schema_name))
    return src, problems


def _read_required(
    files: DataFiles, name: str, schema_name: str, what: str, why: str
) -> tuple[Source | None, list[Problem]]:
    """A data file the handbook cannot do without, read and checked; a missing one is a problem at its line 1."""
    file = files.folder / name
    if not file.exists():
        return None, [Problem(files.rel(file), 1, 1, f"the {what} file is missing", f"create it: {why}")]
    src, problems = _read_checked(files, file, schema_name)
    return (None, problems) if problems else (src, [])


def _load_fields(files: DataFiles) -> tuple[tuple[Field, ...], list[Problem]]:
    why = "it declares every {placeholder} the templates use"
    src, problems = _read_required(files, FIELDS_FILE, "fields.schema.json", "fields", why)
    if src is None:
        return (), problems
    fields = tuple(
        Field(
            id=key,
            label=value["label"],
            example=value["example"],
            hint=value["hint"],
            autocomplete=value.get("autocomplete"),
        )
        for key, value in src.data["fields"].items()
    )
    return fields, []


def _load_categories(files: DataFiles) -> tuple[tuple[Category, ...], list[Problem]]:
    why = "it lists the groups scenarios belong to"
    src, problems = _read_required(files, CATEGORIES_FILE, "categories.schema.json", "categories", why)
    if src is None:
        return (), problems
    seen: dict[str, int] = {}
    for index, item in enumerate(src.data["categories"]):
        if item["id"] in seen:
            problems.append(
                src.problem(
                    ("categories", index, "id"),
                    f"category id '{item['id']}' is used twice",
                    f"give each category its own id (the first is item {seen[item['id']] + 1})",
                )
            )
        seen.setdefault(item["id"], index)
    categories = tuple(Category(id=c["id"], title=c["title"], summary=c["summary"]) for c in src.data["categories"])
    return categories, problems


def scenario_files(folder: Path) -> list[Path]:
    """Scenario files: every .yml in the folder except the handbook-level `_` files."""
    return sorted(p for p in folder.glob("*.yml") if not p.name.startswith("_"))


def _build_scenario(src: Source, order: int) -> Scenario:
    data = src.data
    templates = tuple(
        Template(
            id=t["id"],
            scenario=data["id"],
            channel=t["channel"],
            audience=t["audience"],
            timing=t["timing"],
            title=t.get("title", ""),
            subject=t.get("subject"),
            body=t["body"].strip(),
        )
        for t in data["templates"]
    )
    g = data["guidance"]
    return Scenario(
        id=data["id"],
        title=data["title"],
        summary=" ".join(data["summary"].split()),
        category=data["category"],
        keywords=tuple(data["keywords"]),
        signals=tuple(data["signals"]),
        guidance=Guidance(
            should_you_go=g["should_you_go"].strip(), what_to_say=g["what_to_say"].strip(), timing=g["timing"].strip()
        ),
        do=tuple(data["do"]),
        dont=tuple(data["dont"]),
        related=tuple(data.get("related", [])),
        templates=templates,
        order=data.get("order", order),
        source=src.path,
        fallbacks=wording.build_fallbacks(data),
    )


def _load_flowchart(
    files: DataFiles, valid: list[Source], parsed_ids: set[str], merged: local.Merged | None = None
) -> tuple[Flowchart | None, list[Problem]]:
    """The decision flowchart, checked against the scenarios; a handbook without the file has no flowchart."""
    file = local.flowchart_file(files.root) or files.folder / flowchart_data.FLOWCHART_FILE
    if not file.exists():
        return None, []
    src, problems = _read_checked(files, file, flowchart_data.SCHEMA_NAME)
    if src is None or problems:
        return None, problems
    if merged is not None:
        src, problems = local.prune_flowchart(src, merged)  # answers leading to switched-off scenarios go
        if problems:
            return None, problems
    return flowchart_data.build(src, valid, parsed_ids)


def _load_reasons(files: DataFiles, valid: list[Source]) -> tuple[tuple[str, ...], list[Problem]]:
    """The invented-reason patterns (scenarios/_wording.yml, optional), and every message that matches one."""
    file = files.folder / wording.WORDING_FILE
    if not file.exists():
        return (), []
    src, problems = _read_checked(files, file, wording.SCHEMA_NAME)
    if src is None or problems:
        return (), problems
    patterns, problems = wording.reason_patterns(src)
    for scenario in valid:
        problems += wording.reason_problems(scenario, patterns)
    return patterns, problems


def _apply_local(
    files: DataFiles, valid: list[Source], parsed_ids: set[str], declared: set[str] | None, category_ids: set[str]
) -> tuple[local.Merged, list[Problem]]:
    """A fork's own folder (local/scenarios/): scenarios switched off, changed or added, merged by id."""
    merged = local.apply(files.root, files.folder / schema.SCHEMA_DIR, valid, parsed_ids)
    problems = list(merged.problems)
    for src in merged.to_check:
        found = check_scenario(src, declared, category_ids)
        if found:
            merged.sources = [s for s in merged.sources if s.data["id"] != src.data["id"]]
            problems += found
    return merged, problems


def load(
    root: Path, folder: str = "scenarios", reserved: Reserved = NOTHING_RESERVED
) -> tuple[Handbook | None, list[Problem]]:
    """Load and check the whole handbook; return the model, or None with every problem found.

    `reserved`: the pages and ids of the site the handbook is built into (a site build passes
    macros/site/reserved.py's RESERVED); the data alone reserves nothing.
    """
    files = DataFiles(root=root, folder=root / folder)
    if not files.folder.is_dir():
        return None, [Problem(folder, 1, 1, "the scenarios folder is missing", f"create {folder}/ with the data files")]
    fields, problems = _load_fields(files)
    fields_broken = bool(problems)
    categories, category_problems = _load_categories(files)
    problems += category_problems
    # A fork's own placeholders and categories (local/scenarios/_fields.yml, _categories.yml), merged by id.
    fields, categories, local_problems = local.extend(files.root, files.folder / schema.SCHEMA_DIR, fields, categories)
    problems += local_problems
    fields_broken = fields_broken or any(p.path.endswith(FIELDS_FILE) for p in local_problems)
    for stray in sorted(files.folder.glob("*.yaml")):
        problems.append(
            Problem(files.rel(stray), 1, 1, "this file ends in .yaml and would be ignored", "rename it to end in .yml")
        )
    declared = None if fields_broken else {f.id for f in fields}  # broken: not one "not declared" per placeholder
    category_ids = {c.id for c in categories}
    valid: list[Source] = []
    parsed_ids: set[str] = set()
    paths = scenario_files(files.folder)
    if not paths:
        problems.append(Problem(folder, 1, 1, "there are no scenario files", "add at least one scenario .yml file"))
    pages = reserved.page_names(files.root)
    for file in paths:
        src, file_problems = _read_checked(files, file, "scenario.schema.json")
        if src is not None and isinstance(src.data, dict) and isinstance(src.data.get("id"), str):
            parsed_ids.add(src.data["id"])
        if src is not None and not file_problems:
            file_problems = check_scenario(src, declared, category_ids) + taken_ids([src], pages)
            if not file_problems:
                valid.append(src)
        if file_problems:
            parsed_ids.add(file.stem)  # broken: references to it by its file name are not reported as well
        problems += file_problems
    merged, local_problems = _apply_local(files, valid, parsed_ids, declared, category_ids)
    valid, parsed_ids = merged.sources, merged.known_ids
    problems += local_problems
    problems += cross_check(valid, parsed_ids)
    problems += reserved.template_problems(valid, fields, files.root)
    reasons, reason_problems = _load_reasons(files, valid)
    problems += reason_problems
    flowchart, flowchart_problems = _load_flowchart(files, valid, parsed_ids, merged)
    problems += flowchart_problems
    if problems:
        return None, sorted(problems)
    scenarios = [_build_scenario(src, index) for index, src in enumerate(valid)]
    category_rank = {c.id: i for i, c in enumerate(categories)}
    scenarios.sort(key=lambda s: (category_rank[s.category], s.order, s.title))
    found = Handbook(
        scenarios=tuple(scenarios),
        categories=categories,
        fields=fields,
        flowchart=flowchart,
        switched_off=merged.switched_off,
        replaced_by=(*merged.replaced_by.items(),),
        invented_reasons=reasons,
    )
    return found, []


def load_or_raise(root: Path, folder: str = "scenarios", reserved: Reserved = NOTHING_RESERVED) -> Handbook:
    handbook, problems = load(root, folder, reserved)
    if handbook is None:
        raise HandbookError(problems)
    return handbook


def _data_files(root: Path, folder: str, reserved: Reserved) -> list[Path]:
    """Every file the handbook is read from: the data folder and a fork's local/ folder."""
    return files_under(root / folder) + files_under(root / local.LOCAL_DIR)


@while_unchanged(_data_files)
def _load_frozen(root: Path, folder: str, reserved: Reserved) -> tuple[Handbook | None, tuple[Problem, ...]]:
    handbook, problems = load(root, folder, reserved)
    return handbook, tuple(problems)


def load_cached(
    root: Path, folder: str = "scenarios", reserved: Reserved = NOTHING_RESERVED
) -> tuple[Handbook | None, tuple[Problem, ...]]:
    """Parse once per build: the hooks and the macros share one load while the files are unchanged."""
    return _load_frozen(root.resolve(), folder, reserved)
