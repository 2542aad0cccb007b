"""mkdocs-macros entry point: wires the page macros to the handbook model, nothing more."""

from __future__ import annotations

from typing import Any

from . import render
from .edge import handbook_for


def define_env(env: Any) -> None:
    """Register the macros that hand-written and generated pages call."""

    def current() -> tuple[Any, str]:
        handbook, problems = handbook_for(env.conf)
        notice = render.problems_notice([str(p) for p in problems]) if problems else ""
        return handbook, notice

    def here() -> str:
        return str(env.page.file.src_uri)

    @env.macro
    def scenario_page(scenario_id: str) -> str:
        handbook, notice = current()
        return notice or render.scenario_page(handbook, handbook.scenario(scenario_id))

    @env.macro
    def situations_index(level: int = 2) -> str:
        handbook, notice = current()
        return notice or render.situations_index(handbook, here(), level)

    @env.macro
    def template_library() -> str:
        handbook, notice = current()
        return notice or render.template_library(handbook, here())

    @env.macro
    def handbook_counts() -> dict[str, int]:
        handbook, _ = current()
        if handbook is None:
            return {"scenarios": 0, "templates": 0}
        return {"scenarios": len(handbook.scenarios), "templates": len(handbook.templates())}
