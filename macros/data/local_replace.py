"""A fork's `replace:` in local/scenarios/_local.yml: which scenario takes the place of one it switched off.

    switch_off: [missed-interview]
    replace:
      missed-interview: our-missed-interview

Links from our guides to `missed-interview` then point to `our-missed-interview` instead of going
with their sentence, and so do the `related` lists of other scenarios.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from .problems import Problem, suggest
from .yamlsource import Source


def read(
    settings: Source | None, switched_off: Collection[str], ids: Collection[str]
) -> tuple[dict[str, str], list[Problem]]:
    """The replacements, each checked: what it replaces is switched off, what replaces it is in the handbook."""
    raw = settings.data.get("replace") if settings is not None and isinstance(settings.data, dict) else None
    if settings is None or raw is None:
        return {}, []
    if not isinstance(raw, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in raw.items()):
        return {}, [
            settings.problem(
                ("replace",),
                "replace should be a mapping of `switched-off-id: replacing-id` lines",
                "write one `old-id: new-id` line for each scenario, indented under replace:",
            )
        ]
    problems: list[Problem] = []
    for old, new in raw.items():
        if old not in switched_off:
            problems.append(
                settings.problem(
                    ("replace", old),
                    f"'{old}' is not switched off, so nothing needs replacing",
                    f"{suggest(old, sorted(switched_off))}add it to switch_off, or remove this line",
                    key=True,
                )
            )
        if new not in ids:
            problems.append(
                settings.problem(
                    ("replace", old),
                    f"there is no scenario '{new}' to point to",
                    f"{suggest(new, sorted(ids))}use the id of a scenario that is not switched off",
                )
            )
    return (dict(raw), problems) if not problems else ({}, problems)


def related(ids: tuple[str, ...] | list[str], replaced_by: Mapping[str, str], own_id: str) -> list[str]:
    """A `related` list with replaced scenarios swapped for their replacements (each once, never itself)."""
    swapped = [replaced_by.get(r, r) for r in ids]
    return [r for r in dict.fromkeys(swapped) if r != own_id]
