"""Every use of another project's internals, in one place, behind a version check that stops the build.

Building pages in two processes (macros/plugin/parallel.py) calls MkDocs' own page steps and edits
Material's search index; the atomic publish counts `--strict` warnings the way MkDocs does; page
errors are explained through mkdocs-macros' error formatter. None of these is a promised API. They
are used only with the versions pinned in requirements.txt: any other version stops the build with
what to do, instead of building a site that may be quietly wrong. Two uses step aside instead at
another version, as the site is right without them: the macro error's explanation, and Material's
stylesheets joined into the page's one stylesheet (`theme_stylesheets`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

PINNED = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.2", "mkdocs-macros-plugin": "1.5.0"}
SKIPPED_NOTICE = "Page skipped: "  # MkDocs' notice for a page whose template wrote nothing


# What needs which project's internals: (package, what needs it, needed only when pages build in two processes).
USES = (
    ("mkdocs", "the atomic publish (counting --strict warnings) and pages in two processes", False),
    ("mkdocs-material", "pages in two processes (merging the search index)", True),
    ("mkdocs-macros-plugin", "the file:line explanation of a misspelt macro", False),
)


def version_problems(parallel: bool, found: Callable[[str], str] = version) -> list[str]:
    """One line per dependency whose internals this build would use at a version other than the pinned one."""
    problems = []
    for package, why, only_parallel in USES:
        if only_parallel and not parallel:
            continue
        try:
            installed = found(package)
        except PackageNotFoundError:
            installed = "not installed"
        if installed != PINNED[package]:
            fix = "install the pinned versions (pip install -r requirements.txt)"
            if only_parallel:
                fix += ", or set page_processes: 1 (KTB_JOBS=1)"
            problems.append(
                f"{why} relies on {package} {PINNED[package]}'s internals, and {package} is {installed} — {fix}; "
                f"to move to {installed}, check macros/plugin/internals.py against it and change PINNED there "
                "and in requirements.txt"
            )
    return problems


# --- MkDocs: the two page loops of `mkdocs build` (mkdocs/commands/build.py) ---------------------


def populate_page(page: Any, config: Any, files: Any) -> None:
    """Read one page's Markdown and turn it into HTML, with every plugin's page events."""
    from mkdocs.commands import build

    build._populate_page(page, config, files)


def build_page(page: Any, config: Any, doc_files: Any, nav: Any, env: Any) -> None:
    """Render one page with the theme and write it, with every plugin's events."""
    from mkdocs.commands import build

    build._build_page(page, config, doc_files, nav, env)


def render_nothing(page: Any) -> None:
    """What `Page.render` (mkdocs/structure/pages.py) leaves on a page with no content."""
    from mkdocs.structure.toc import get_toc

    page.content = ""
    page.toc = get_toc([])
    page.present_anchor_ids = set()
    page.links_to_anchors = {}


def strict_warnings() -> int:
    """Warnings MkDocs has counted so far in `--strict` mode: it aborts after `on_post_build` if any."""
    from mkdocs.utils import CountHandler

    handlers = logging.getLogger("mkdocs").handlers
    return sum(sum(h.counts.values()) for h in handlers if isinstance(h, CountHandler))


# --- Material: the search plugin's index -----------------------------------------------------


def _search_index(config: Any) -> Any:
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return getattr(plugin, "search_index", None)


def search_entries(config: Any) -> list[dict[str, Any]]:
    """The entries the search plugin has collected so far."""
    return list(getattr(_search_index(config), "entries", []))


def set_search_entries(config: Any, entries: list[dict[str, Any]]) -> None:
    """Replace the search plugin's entries (before it writes its index in `on_post_build`)."""
    index = _search_index(config)
    if index is not None:
        index.entries = entries


# --- Material: the stylesheets its base template links -----------------------------------------

# Material's palette stylesheet turns every transition off while the colour palette switches, by an
# attribute on <body>. Material's script sets that attribute on every page load and removes it a moment
# later, and a rule on `[attr] *` makes each of the two changes restyle the whole page: about 90 ms each
# at Lighthouse's 4x phone slowdown (measured on a situation page). Without the rule, a switch of the
# palette fades a few colours for a quarter of a second.
COLOR_SWITCH_RULE = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,[data-md-color-switching] :before"
    "{transition-duration:0s!important}"
)
_STYLES_LINK = re.compile(r"""<link rel="stylesheet" href="\{\{ '(assets/stylesheets/[\w.-]+\.css)' \| url \}\}">""")


def theme_stylesheets(config: Any, files: Any) -> list[tuple[str, str]]:
    """Material's own stylesheets as its base template links them, in its order: (path, text), ready to join.

    Read from the template's `styles` block (the palette's only with `theme.palette`), so the names
    are the ones the pages link. Empty at any Material version but the pinned one, or if the template or
    its files are not as expected: the pages then link Material's files as before.
    """
    if version_problems(parallel=True, found=version):
        return []
    template = next((Path(d) / "base.html" for d in config.theme.dirs if (Path(d) / "base.html").is_file()), None)
    if template is None:
        return []
    text = template.read_text(encoding="utf-8")
    start, end = text.find("{% block styles %}"), text.find("{% endblock %}", text.find("{% block styles %}"))
    paths = _STYLES_LINK.findall(text[start:end]) if start >= 0 else []
    if not config.theme.get("palette"):
        paths = [path for path in paths if "/palette." not in path]
    found = [(path, files.get_file_from_path(path)) for path in paths]
    if not paths or any(file is None for _, file in found):
        return []
    return [(path, file.content_string.replace(COLOR_SWITCH_RULE, "")) for path, file in found]


# --- mkdocs-macros: how a macro error is reported --------------------------------------------


def on_macro_error(error_type: type[Exception], explain: Callable[[Exception, str, Any], str]) -> None:
    """Have mkdocs-macros report `error_type` with `explain(error, markdown, page)` instead of its own text.

    Only at the pinned version: at another, the plugin's `on_config` stops the build (version_problems).
    """
    if version_problems(parallel=False, found=version):
        return
    from mkdocs_macros.errors import format_error

    format_error.register(error_type)(explain)
