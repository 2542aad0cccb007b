"""The handbook's rules on what messages say: no invented reasons, and a fallback wherever a channel is missing."""

from __future__ import annotations

import re
from typing import Any

from .model import AUDIENCES, RECOMMENDED_CHANNELS, TIMINGS, Fallback
from .problems import Problem
from .yamlsource import Source

WORDING_FILE = "_wording.yml"
SCHEMA_NAME = "wording.schema.json"


# --- Invented reasons ---------------------------------------------------------------


def reason_patterns(src: Source) -> tuple[tuple[str, ...], list[Problem]]:
    """The invented-reason patterns of scenarios/_wording.yml, each compiled and tried on its own example."""
    patterns: list[str] = []
    problems: list[Problem] = []
    for index, entry in enumerate(src.data["invented_reasons"]):
        where = ("invented_reasons", index)
        try:
            compiled = re.compile(entry["pattern"], re.I)
        except re.error as err:
            problems.append(
                src.problem((*where, "pattern"), f"this pattern is not a valid regular expression ({err})", "fix it")
            )
            continue
        if not compiled.search(entry["example"]):
            problems.append(
                src.problem(
                    (*where, "example"),
                    "the pattern does not match its own example",
                    "change the pattern so that it catches the example, or give an example it catches",
                )
            )
        patterns.append(entry["pattern"])
    return tuple(patterns), problems


def invented_reason(text: str, patterns: tuple[str, ...]) -> str | None:
    """The first words of `text` that claim a reason the reader may not have, or None."""
    for pattern in patterns:
        found = re.search(pattern, text, re.I)
        if found:
            return found.group(0)
    return None


def reason_problems(src: Source, patterns: tuple[str, ...]) -> list[Problem]:
    """Every subject or body in a scenario file that puts a reason in the reader's mouth."""
    problems: list[Problem] = []
    for index, tpl in enumerate(src.data["templates"]):
        for part in ("subject", "body"):
            words = invented_reason(tpl.get(part, ""), patterns)
            if words:
                mark = src.mark_of_text(("templates", index, part), words)
                problems.append(
                    Problem(
                        src.path,
                        mark.line,
                        mark.column,
                        f"'{words}' claims a reason the reader may not have (scenarios/{WORDING_FILE})",
                        "leave the reason out, or offer it as the optional {what_happened} blank",
                    )
                )
    return problems


# --- Channels and fallbacks -------------------------------------------------------


def _missing(data: dict[str, Any], timing: str) -> list[str]:
    """Audiences the scenario writes to that have no message in the channel `timing` calls for."""
    templates = data["templates"]
    named = {t["audience"] for t in templates}
    covered = {
        t["audience"] for t in templates if t["timing"] == timing and t["channel"] in RECOMMENDED_CHANNELS[timing]
    }
    return [a for a in AUDIENCES if a in named and a not in covered]


def fallback_problems(src: Source) -> list[Problem]:
    """A fallback must belong to a timing the scenario has, and stand in only for a missing message."""
    problems: list[Problem] = []
    timings = {t["timing"] for t in src.data["templates"]}
    named = {t["audience"] for t in src.data["templates"]}
    for index, fallback in enumerate(src.data.get("fallbacks", [])):
        where = ("fallbacks", index)
        timing = fallback["timing"]
        if timing not in timings:
            problems.append(
                src.problem(
                    (*where, "timing"),
                    f"no message has the timing '{timing}', so there is no tab to show this fallback in",
                    "use one of: " + ", ".join(t for t in TIMINGS if t in timings),
                )
            )
            continue
        missing = _missing(src.data, timing)
        for position, audience in enumerate(fallback.get("audiences", [])):
            if audience not in named:
                fix = "remove it, or add a message for that audience"
                what = f"no message in this scenario is for '{audience}'"
            elif audience not in missing:
                fix = "remove it from `audiences`: the page already has a message in the right channel for them"
                what = f"'{audience}' already has a {' or '.join(sorted(RECOMMENDED_CHANNELS[timing]))} for '{timing}'"
            else:
                continue
            problems.append(src.problem((*where, "audiences", position), what, fix))
        if "audiences" not in fallback and not missing:
            problems.append(
                src.problem(
                    where,
                    f"every audience already has a message in the right channel for '{timing}'",
                    "remove this fallback",
                )
            )
    return problems


def build_fallbacks(data: dict[str, Any]) -> tuple[Fallback, ...]:
    """The fallbacks of a checked scenario; one without `audiences` covers each audience that lacks a message."""
    return tuple(
        Fallback(
            timing=f["timing"],
            audiences=tuple(f.get("audiences") or _missing(data, f["timing"])),
            text=" ".join(f["text"].split()),
        )
        for f in data.get("fallbacks", [])
    )
