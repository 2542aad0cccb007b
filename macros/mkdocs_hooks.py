"""MkDocs hooks: check the data before building, generate scenario pages and their nav, clean up on failure."""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path
from typing import Any

# MkDocs loads hooks by file path; make the `macros` package importable from here.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from macros import edge  # noqa: E402
from macros import brand_site  # noqa: E402
from macros import csp  # noqa: E402
from macros import pdf  # noqa: E402
from macros.model import Handbook  # noqa: E402
from macros.render import SITUATIONS_DIR, scenario_src  # noqa: E402

log = logging.getLogger("mkdocs.hooks.keep_the_bridge")
SITUATIONS_INDEX = f"{SITUATIONS_DIR}/index.md"


# Remember the command: under `serve`, data problems are shown instead of stopping the server.
def on_startup(*, command: str, dirty: bool) -> None:
    edge.COMMAND = command


# Under `serve`, also rebuild when brand.yml (or $KTB_BRAND), its folder or a fork's local/ folder changes.
def on_serve(server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
    for path in brand_site.watched(config):
        server.watch(str(path))
    return server


# Load and check every data file once, before anything is written.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    handbook, problems = edge.handbook_for(config)
    brand, brand_problems = brand_site.brand_for(config)
    problems = (*problems, *brand_problems)
    if problems:
        if edge.COMMAND == "serve":
            for problem in problems:
                log.error(str(problem))
        else:
            print(edge.report(problems), file=sys.stderr)
            raise Abort(f"Aborted: {len(problems)} problem(s) in the handbook data.")
    if handbook is not None and config.nav:
        config.nav = expand_nav(config.nav, handbook)
    if brand is not None:
        brand_site.apply_config(config, brand)  # names, logo, footer, extra.brand (brand.yml or $KTB_BRAND)
    return config


# One page per scenario, made from its YAML file: no Markdown stub to keep in step.
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    handbook, _ = edge.handbook_for(config)
    for scenario in handbook.scenarios if handbook else ():
        content = f"{{{{ scenario_page('{scenario.id}') }}}}\n"
        files.append(File.generated(config, scenario_src(scenario.id), content=content))
    brand, _ = brand_site.brand_for(config)
    if brand is not None:
        files = brand_site.apply_files(files, config, brand)  # brand.css and the brand's own images only
    return files


# The PDF is rendered before the pages, so that every page can say how many pages it has (KTB_PDF=0: off).
def on_pre_build(*, config: MkDocsConfig) -> None:
    config.extra["pdf"] = pdf.prepare(config)


# ... and written into the site after them, atomically, at site/handbook.pdf.
def on_post_build(*, config: MkDocsConfig) -> None:
    pdf.publish(config)


# Never leave a complete-looking site behind after a failed build.
def on_build_error(*, error: Exception) -> None:
    site_dir = edge.SITE_DIR
    if edge.COMMAND == "serve" or site_dir is None or not site_dir.is_dir():
        return
    if site_dir in (edge.PROJECT_DIR, Path.home(), Path("/")) or (edge.PROJECT_DIR or site_dir).is_relative_to(site_dir):
        return
    shutil.rmtree(site_dir, ignore_errors=True)
    log.error("Removed %s so that no half-built site is published.", site_dir)


# Content-Security-Policy: hash each page's inline scripts into its <meta> policy, after every
# other plugin has finished with the HTML (macros/csp.py). 404.html is a template, not a page.
# `mkdocs serve` injects an inline live-reload script per request, so it serves pages without the policy.
@event_priority(-100)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return csp.without_policy(output) if edge.COMMAND == "serve" else csp.add_hashes(output)


@event_priority(-100)
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    return csp.without_policy(output_content) if edge.COMMAND == "serve" else csp.add_hashes(output_content)


def expand_nav(nav: list[Any], handbook: Handbook) -> list[Any]:
    """Replace the `situations/index.md` entry with a section per category, built from the data."""
    expanded: list[Any] = []
    for item in nav:
        title, target = _entry(item)
        if target == SITUATIONS_INDEX:
            sections: list[Any] = [SITUATIONS_INDEX]
            for category in handbook.categories:
                members = handbook.in_category(category.id)
                if members:
                    sections.append({category.title: [{s.title: scenario_src(s.id)} for s in members]})
            expanded.append({title or "Situations": sections})
        else:
            expanded.append(item)
    return expanded


def _entry(item: Any) -> tuple[str | None, Any]:
    if isinstance(item, dict) and len(item) == 1:
        ((title, target),) = item.items()
        return title, target
    return None, item
