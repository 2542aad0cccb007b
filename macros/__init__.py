"""mkdocs-macros entry point: wires the page macros to the handbook model, nothing more."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .site.flowchart_steps import Link, QuestionLink


def define_env(env: Any) -> None:
    """Register the macros that hand-written and generated pages call."""
    # Imported here, not above: `import macros.data…` (the checker, the tests) need not load MkDocs.
    from .plugin.plugin import plugin_of
    from .site import home, render
    from .site.flowchart_steps import NO_FLOWCHART, render_compact, render_steps, step_link
    from .site.flowchart_steps import PAGE as CHART_PAGE
    from .site.flowchart_svg import render_svg

    _explain_undefined_names(env)

    def current() -> tuple[Any, str]:
        loaded = plugin_of(env.conf).loaded
        handbook, problems = loaded.handbook, loaded.problems
        notice = render.problems_notice([str(p) for p in problems]) if problems else ""
        return handbook, notice

    def here() -> str:
        return str(env.page.file.src_uri)

    @env.macro
    def scenario_page(scenario_id: str) -> str:
        handbook, notice = current()
        return notice or render.scenario_page(handbook, handbook.scenario(scenario_id))

    @env.macro
    def situations_index(level: int = 2, limit: int | None = None) -> str:
        handbook, notice = current()
        return notice or render.situations_index(handbook, here(), level, limit)

    @env.macro
    def category_page(category_id: str) -> str:
        handbook, notice = current()
        return notice or render.category_page(handbook, category_id)

    @env.macro
    def template_library() -> str:
        handbook, notice = current()
        if notice:
            return notice
        parts = render.library_parts(handbook)
        if parts:
            return render.library_overview(handbook, here(), parts)
        return render.template_library(handbook, here())

    @env.macro
    def library_part(src: str) -> str:
        handbook, notice = current()
        if notice:
            return notice
        part = next(p for p in render.library_parts(handbook) if p.src == src)
        return render.library_part_page(handbook, part)

    def href(to_src: str) -> str:
        return page_href(str(env.page.url), to_src, bool(env.conf["use_directory_urls"]))

    def flowchart_links() -> tuple[Link, QuestionLink]:
        chart_page = "" if here() == CHART_PAGE else href(CHART_PAGE)
        step = step_link("fc")
        return (
            lambda scenario_id, anchor: href(render.scenario_src(scenario_id)) + (f"#{anchor}" if anchor else ""),
            lambda qid: chart_page + step(qid),
        )

    @env.macro
    def flowchart_svg() -> str:
        handbook, notice = current()
        if notice or handbook.flowchart is None:
            return notice
        link, question_link = flowchart_links()
        return f'<div class="ktb-flowchart">{render_svg(handbook, link, question_link)}</div>'

    @env.macro
    def flowchart_steps(level: int = 3) -> str:
        handbook, notice = current()
        if notice or handbook.flowchart is None:
            return notice or NO_FLOWCHART
        link, question_link = flowchart_links()
        return render_steps(handbook, link, question_link, level=level)

    def compact(level: int, icons: bool) -> str:
        handbook, notice = current()
        if notice or handbook.flowchart is None:
            return ""
        link, question_link = flowchart_links()
        chart = href(CHART_PAGE)
        icon = home.icon_for if icons else None
        return render_compact(handbook, link, question_link, chart, level=level, icon=icon)

    @env.macro
    def flowchart_compact(level: int = 2) -> str:
        return compact(level, icons=False)

    @env.macro
    def situation_cards(level: int = 2) -> str:
        """The home page's situations: the first question's answers as large cards with icons."""
        return compact(level, icons=True)

    @env.macro
    def handbook_counts() -> dict[str, int]:
        handbook, _ = current()
        if handbook is None:
            return {"scenarios": 0, "templates": 0}
        return {"scenarios": len(handbook.scenarios), "templates": len(handbook.templates())}


def page_href(from_url: str, to_src: str, use_directory_urls: bool) -> str:
    """The relative href from a built page (its MkDocs url) to the page built from docs file `to_src`.

    MkDocs' own rules make both ends: `File.url` for where `to_src` is built, `get_relative_url` for the way there.
    """
    from mkdocs.structure.files import File
    from mkdocs.utils import get_relative_url

    target = File(to_src, src_dir=None, dest_dir="", use_directory_urls=use_directory_urls).url
    return get_relative_url(target, from_url)


def _explain_undefined_names(env: Any) -> None:
    """A misspelt macro in a page gets `docs/page.md:LINE:COL: what — how to fix`, not a traceback."""
    from jinja2.exceptions import UndefinedError

    from .plugin.internals import on_macro_error

    def _undefined(error: Exception, markdown: str, page: Any) -> str:
        name = str(error).split("'")[1] if str(error).count("'") >= 2 else ""
        line, column = 1, 1
        for number, text in enumerate(markdown.splitlines(), start=1):
            if name and name in text:
                line, column = number, text.index(name) + 1
                break
        builtin = ("context", "macros_info", "now", "fix_url")
        ours = ", ".join(sorted(n for n in env.macros if n not in builtin))
        where = f"{env.conf['docs_dir']}/{page.file.src_path}".replace(f"{env.project_dir}/", "")
        return f"{where}:{line}:{column}: {error} — check its spelling; the handbook's macros are {ours}"

    on_macro_error(UndefinedError, _undefined)
