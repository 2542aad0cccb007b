"""Load every data file once, validate it, cross-check it and build the Handbook model."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import flowchart as flowchart_data
from . import local, schema
from .model import Category, Field, Flowchart, Guidance, Handbook, Scenario, Template
from .problems import HandbookError, Problem
from .yamlsource import Source, offset_to_mark, read

FIELDS_FILE = "_fields.yml"
CATEGORIES_FILE = "_categories.yml"
SCHEMA_LINE = "# yaml-language-server: $schema="

# Anchors the scenario page uses itself; a template id must not take one of them.
RESERVED_ANCHORS = frozenset(
    {
        "tldr",
        "signals",
        "should-you-go",
        "what-to-say",
        "timing",
        "do-and-dont",
        "messages",
        "related",
        "ahead",
        "short-notice",
        "same-day",
        "missed",
    }
)
PLACEHOLDER = re.compile(r"\{([^{}\n]*)\}")


@dataclass(frozen=True)
class DataFiles:
    """Where the data lives: the project root (for error paths) and the scenarios folder."""

    root: Path
    folder: Path

    def rel(self, file: Path) -> str:
        try:
            return file.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return file.as_posix()


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


def _placeholder_problems(src: Source, where: tuple[str | int, ...], text: str, declared: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    if "{{" in text or "}}" in text:
        problems.append(
            Problem(
                src.path,
                *_at(src, where, "{{"),
                "double braces {{ }} are not placeholders here (Jinja reads them)",
                "use single braces, like {recruiter_name}",
            )
        )
        return problems
    for match in PLACEHOLDER.finditer(text):
        name = match.group(1)
        if name not in declared:
            hint = _suggestion(name, sorted(declared))
            problems.append(
                Problem(
                    src.path,
                    *_at(src, where, match.group(0)),
                    f"placeholder {{{name}}} is not declared",
                    f"{hint}declare it in scenarios/{FIELDS_FILE}, or use one of: " + ", ".join(sorted(declared)),
                )
            )
    stray = PLACEHOLDER.sub("", text)
    for brace in "{}":
        if brace in stray:
            problems.append(
                Problem(
                    src.path,
                    *_stray_at(src, where, brace),
                    f"a lone '{brace}' is not a placeholder",
                    "close the placeholder, like {company}, or remove the brace",
                )
            )
    return problems


def _stray_at(src: Source, where: tuple[str | int, ...], brace: str) -> tuple[int, int]:
    """The place of a brace that is not part of a {placeholder}, in the source text."""
    span = src.spans.get(where)
    if span is None:
        return _at(src, where, brace)
    masked = PLACEHOLDER.sub(lambda m: " " * len(m.group(0)), src.text[span[0] : span[1]])
    found = masked.find(brace)
    if found < 0:
        return _at(src, where, brace)
    mark = offset_to_mark(src.text, span[0] + found)
    return mark.line, mark.column


def _at(src: Source, where: tuple[str | int, ...], needle: str) -> tuple[int, int]:
    mark = src.mark_of_text(where, needle)
    return mark.line, mark.column


def _suggestion(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'? " if close else ""


def _load_fields(files: DataFiles) -> tuple[tuple[Field, ...], list[Problem]]:
    file = files.folder / FIELDS_FILE
    if not file.exists():
        return (), [
            Problem(
                files.rel(file),
                1,
                1,
                "the fields file is missing",
                "create it: it declares every {placeholder} the templates use",
            )
        ]
    src, problems = _read_checked(files, file, "fields.schema.json")
    if src is None or problems:
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
    file = files.folder / CATEGORIES_FILE
    if not file.exists():
        return (), [
            Problem(
                files.rel(file),
                1,
                1,
                "the categories file is missing",
                "create it: it lists the groups scenarios belong to",
            )
        ]
    src, problems = _read_checked(files, file, "categories.schema.json")
    if src is None or problems:
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


def _check_scenario(src: Source, declared: set[str], categories: set[str]) -> list[Problem]:
    data: dict[str, Any] = src.data
    problems: list[Problem] = []
    if categories and data["category"] not in categories:
        problems.append(
            src.problem(
                ("category",),
                f"category '{data['category']}' is not declared",
                f"{_suggestion(data['category'], sorted(categories))}use one of: "
                + ", ".join(sorted(categories))
                + f" (scenarios/{CATEGORIES_FILE})",
            )
        )
    for index, tpl in enumerate(data["templates"]):
        where = ("templates", index)
        if tpl["id"] in RESERVED_ANCHORS:
            problems.append(
                src.problem(
                    (*where, "id"),
                    f"template id '{tpl['id']}' is reserved by the page layout",
                    f"prefix it with the scenario id, like '{data['id']}-{tpl['id']}'",
                )
            )
        if tpl["channel"] == "email" and "subject" not in tpl:
            problems.append(
                src.problem(
                    where, "an email template has no subject", "add a `subject:` line with a short, clear subject"
                )
            )
        if tpl["channel"] != "email" and "subject" in tpl:
            problems.append(
                src.problem(
                    (*where, "subject"),
                    f"a {tpl['channel']} template has a subject",
                    "remove the subject: only emails have one",
                    key=True,
                )
            )
        if not tpl["body"].strip():
            problems.append(src.problem((*where, "body"), "the template body is blank", "write the message"))
        for part in ("subject", "body"):
            if part in tpl:
                problems.extend(_placeholder_problems(src, (*where, part), tpl[part], declared))
    return problems


def _cross_check(sources: list[Source], known_ids: set[str]) -> list[Problem]:
    """Ids unique across files, template ids unique, related references resolve.

    `known_ids` holds the ids of every file that parsed, valid or not, so that one broken
    file does not also make every reference to it look wrong.
    """
    problems: list[Problem] = []
    first_scenario: dict[str, Source] = {}
    first_template: dict[str, Source] = {}
    for src in sources:
        sid = src.data["id"]
        if sid in first_scenario:
            problems.append(
                src.problem(
                    ("id",),
                    f"scenario id '{sid}' is already used by {first_scenario[sid].path}",
                    "give this scenario its own id (ids become page addresses)",
                )
            )
        first_scenario.setdefault(sid, src)
        for index, tpl in enumerate(src.data["templates"]):
            tid = tpl["id"]
            if tid in first_template:
                problems.append(
                    src.problem(
                        ("templates", index, "id"),
                        f"template id '{tid}' is already used in {first_template[tid].path}",
                        "make it unique, for example by starting it with the scenario id",
                    )
                )
            first_template.setdefault(tid, src)
    known = sorted(known_ids | set(first_scenario))
    for src in sources:
        for index, ref in enumerate(src.data.get("related", [])):
            if ref == src.data["id"]:
                problems.append(
                    src.problem(("related", index), "a scenario lists itself as related", "remove it from `related`")
                )
            elif ref not in known:
                problems.append(
                    src.problem(
                        ("related", index),
                        f"related scenario '{ref}' does not exist",
                        f"{_suggestion(ref, known)}use the id of a scenario in scenarios/",
                    )
                )
    return problems


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


def _apply_local(
    files: DataFiles, valid: list[Source], parsed_ids: set[str], declared: set[str], category_ids: set[str]
) -> tuple[local.Merged, list[Problem]]:
    """A fork's own folder (local/scenarios/): scenarios switched off, changed or added, merged by id."""
    merged = local.apply(files.root, files.folder / schema.SCHEMA_DIR, valid, parsed_ids)
    problems = list(merged.problems)
    for src in merged.to_check:
        found = _check_scenario(src, declared, category_ids)
        if found:
            merged.sources = [s for s in merged.sources if s.data["id"] != src.data["id"]]
            problems += found
    return merged, problems


def load(root: Path, folder: str = "scenarios") -> tuple[Handbook | None, list[Problem]]:
    """Load and check the whole handbook; return the model, or None with every problem found."""
    files = DataFiles(root=root, folder=root / folder)
    if not files.folder.is_dir():
        return None, [Problem(folder, 1, 1, "the scenarios folder is missing", f"create {folder}/ with the data files")]
    fields, problems = _load_fields(files)
    categories, category_problems = _load_categories(files)
    problems += category_problems
    # A fork's own placeholders and categories (local/scenarios/_fields.yml, _categories.yml), merged by id.
    fields, categories, local_problems = local.extend(files.root, files.folder / schema.SCHEMA_DIR, fields, categories)
    problems += local_problems
    for stray in sorted(files.folder.glob("*.yaml")):
        problems.append(
            Problem(files.rel(stray), 1, 1, "this file ends in .yaml and would be ignored", "rename it to end in .yml")
        )
    declared = {f.id for f in fields}
    category_ids = {c.id for c in categories}
    valid: list[Source] = []
    parsed_ids: set[str] = set()
    paths = scenario_files(files.folder)
    if not paths:
        problems.append(Problem(folder, 1, 1, "there are no scenario files", "add at least one scenario .yml file"))
    for file in paths:
        src, file_problems = _read_checked(files, file, "scenario.schema.json")
        if src is not None and isinstance(src.data, dict) and isinstance(src.data.get("id"), str):
            parsed_ids.add(src.data["id"])
        if src is not None and not file_problems:
            file_problems = _check_scenario(src, declared, category_ids)
            if not file_problems:
                valid.append(src)
        problems += file_problems
    merged, local_problems = _apply_local(files, valid, parsed_ids, declared, category_ids)
    valid, parsed_ids = merged.sources, merged.known_ids
    problems += local_problems
    problems += _cross_check(valid, parsed_ids)
    flowchart, flowchart_problems = _load_flowchart(files, valid, parsed_ids, merged)
    problems += flowchart_problems
    if problems:
        return None, sorted(problems)
    scenarios = [_build_scenario(src, index) for index, src in enumerate(valid)]
    category_rank = {c.id: i for i, c in enumerate(categories)}
    scenarios.sort(key=lambda s: (category_rank[s.category], s.order, s.title))
    found = Handbook(
        tuple(scenarios), categories, fields, flowchart, merged.switched_off, (*merged.replaced_by.items(),)
    )
    return found, []


def load_or_raise(root: Path, folder: str = "scenarios") -> Handbook:
    handbook, problems = load(root, folder)
    if handbook is None:
        raise HandbookError(problems)
    return handbook


def _stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """What the data looks like on disk: changes whenever any data file changes."""
    if not folder.is_dir():
        return ()
    return tuple(
        sorted((p.as_posix(), p.stat().st_mtime_ns, p.stat().st_size) for p in folder.rglob("*") if p.is_file())
    )


@lru_cache(maxsize=4)
def _load_stamped(
    root: Path, folder: str, stamp: tuple[tuple[str, int, int], ...]
) -> tuple[Handbook | None, tuple[Problem, ...]]:
    handbook, problems = load(root, folder)
    return handbook, tuple(problems)


def load_cached(root: Path, folder: str = "scenarios") -> tuple[Handbook | None, tuple[Problem, ...]]:
    """Parse once per build: the hooks and the macros share one load while the files are unchanged."""
    root = root.resolve()
    return _load_stamped(root, folder, _stamp(root / folder) + _stamp(root / local.LOCAL_DIR))
