"""The checks of scenario files beyond their schema: each scenario's own rules, and the references between them."""

from __future__ import annotations

from typing import Any

from . import wording
from .local import CATEGORIES_FILE
from .placeholders import ID, placeholder_problems
from .problems import Problem, suggest
from .yamlsource import Source


def check_scenario(src: Source, declared: set[str] | None, categories: set[str]) -> list[Problem]:
    """One schema-valid scenario's own rules: its category declared, its messages whole, its placeholders declared."""
    data: dict[str, Any] = src.data
    problems: list[Problem] = []
    if categories and data["category"] not in categories:
        problems.append(
            src.problem(
                ("category",),
                f"category '{data['category']}' is not declared",
                f"{suggest(data['category'], sorted(categories))}use one of: "
                + ", ".join(sorted(categories))
                + f" (scenarios/{CATEGORIES_FILE})",
            )
        )
    for index, tpl in enumerate(data["templates"]):
        where = ("templates", index)
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
                problems.extend(placeholder_problems(src, (*where, part), tpl[part], declared))
    return problems + wording.fallback_problems(src)


def cross_check(sources: list[Source], known_ids: set[str]) -> list[Problem]:
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
    well_formed = [k for k in known if ID.fullmatch(k)]  # never suggest an id that is itself wrong
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
                        f"{suggest(ref, well_formed)}use the id of a scenario in scenarios/",
                    )
                )
    return problems


def taken_ids(sources: list[Source], taken: frozenset[str]) -> list[Problem]:
    """A scenario id that names a page the site already has (`index` would replace the Situations overview)."""
    return [
        src.problem(
            ("id",),
            f"scenario id '{src.data['id']}' is the name of a page the site already has",
            "choose another id (it becomes the page address situations/ID.html)",
        )
        for src in sources
        if src.data["id"] in taken
    ]
