"""MkDocs hooks: check the data before building, generate scenario pages and their nav, publish atomically."""

from __future__ import annotations

import atexit
import functools
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

# MkDocs loads hooks by file path; make the `macros` package importable from here.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from macros.brand import site as brand_site
from macros.brand.site import text
from macros.build import edge, editions, local_site, notices, parallel, publish, servecheck
from macros.data import forkfiles, i18n
from macros.data.model import Handbook
from macros.print import build as print_build
from macros.print.runner import Printed
from macros.site import compact, csp, guide_links, pagegate, rawhtml, render
from macros.site.render import SITUATIONS_DIR, category_src, library_parts, scenario_src

log = logging.getLogger("mkdocs.hooks.keep_the_bridge")
SITUATIONS_INDEX = f"{SITUATIONS_DIR}/index.md"
LIBRARY_PAGE = "library.md"


# Remember the command: under `serve`, data problems are shown instead of stopping the server.
def on_startup(*, command: str, dirty: bool) -> None:
    edge.COMMAND = command
    edge.DIRTY = dirty


logging.getLogger("mkdocs.commands.build").addFilter(parallel.SkipNotice())


# Under `serve`, also rebuild when brand.yml (or $KTB_BRAND), its folder or a fork's local/ folder changes.
def on_serve(server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
    for path in brand_site.watched(config):
        server.watch(str(path))
    return server


# Load and check every data file once, before anything is written; then point the build at a staging
# folder (macros/build/publish.py). After the plugins' own on_config (the offline plugin turns directory URLs
# off, which the brand's call to action needs to know); Material's plugins read site_dir only later.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # The language of this edition first (macros/build/editions.py): the data, nav and theme follow it.
    lang, settings, language_problems = editions.language_of(config)
    strings, ui_problems = editions.ui_strings(Path(config.config_file_path).resolve().parent, lang)
    editions.apply_config(config, lang, settings, strings)
    _EDITION[:] = [settings]
    handbook, problems = edge.refresh(config)
    problems = (*language_problems, *ui_problems, *problems)
    brand, brand_problems = brand_site.brand_for(config)
    site, site_problems = local_site.load_cached(Path(config.config_file_path).parent)
    nav_problems: list[Any] = []
    if config.nav:  # a fork's own pages, placed in the nav (local/site.yml)
        config.nav, nav_problems = local_site.place_nav(config.nav, site)
    problems = (*problems, *brand_problems, *site_problems, *nav_problems)
    if edge.COMMAND == "serve":
        # The preview shows what it cannot render: a broken brand, a syntax error or new code in macros/.
        code = servecheck.code_problems(Path(config.config_file_path).resolve().parent)
        config.extra["ktb_preview_problems"] = [str(p) for p in (*brand_problems, *code)]
        problems = (*problems, *code)
    if problems:
        if edge.COMMAND == "serve":
            for problem in problems:
                log.error(str(problem))
        else:
            print(edge.report(problems), file=sys.stderr)
            raise Abort(f"Aborted: {len(problems)} problem(s) in the handbook data.")
    for warning in forkfiles.stray_files(Path(config.config_file_path).resolve().parent):
        log.warning(str(warning))  # a typo in a fork's file name would drop its change without a word
    if handbook is not None and config.nav:
        config.nav = expand_nav(config.nav, handbook)
    if brand is not None:
        brand_site.apply_config(config, brand)  # names, logo, footer, extra.brand (brand.yml or $KTB_BRAND)
    if edge.COMMAND in ("build", "gh-deploy") and not i18n.child_language():
        _stage(config)
    return config


def _stage(config: MkDocsConfig) -> None:
    """Build into a staging folder beside the output; the last step of a clean build swaps it in."""
    try:
        publisher = publish.Publisher.start(Path(config.site_dir), dirty=edge.DIRTY)
    except publish.PublishError as error:
        raise Abort(f"Aborted: {error}. Nothing was built, and the output folder is as it was.") from None
    config.plugins["keep-the-bridge-publish"] = publish.PublishStep(publisher)  # type: ignore[assignment]
    config.site_dir = str(publisher.staging)
    if _EDITION and _EDITION[0].others:  # the other language editions build alongside, into folders beside it
        _CHILDREN.start(config, publisher.staging, _EDITION[0])


_EDITION: list[Any] = []  # this build's language settings (macros/i18n.Settings)
_CHILDREN = editions.Children()
_ENGLISH_PAGES: set[str] = set()  # hand-written pages shown in English in this language edition


# One page per scenario, made from its YAML file: no Markdown stub to keep in step.
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    local_site.apply_files(files, config, local_site.load_cached(Path(config.config_file_path).parent)[0])
    lang, settings, _ = editions.language_of(config)
    english, problems = editions.swap_pages(files, config, lang, settings)  # docs/<lang>/ pages in their place
    if problems and settings.fallback == "fail":
        print(edge.report(problems), file=sys.stderr)
        raise Abort(f"Aborted: {len(problems)} page(s) not translated (translation_fallback: fail).")
    _ENGLISH_PAGES.clear()
    _ENGLISH_PAGES.update(english)
    handbook, _ = edge.handbook_for(config)
    if handbook is not None:
        add_generated_pages(files, config, handbook)
    brand, _ = brand_site.brand_for(config)
    if brand is not None:
        brand_site.cta_href(config, brand)  # directory URLs are final only now (the offline plugin)
        files = brand_site.apply_files(files, config, brand)  # brand.css and the brand's own images only
    notices.add(files, config)  # THIRD-PARTY-NOTICES.md as site/third-party-notices.txt
    return files


# Each generated page's Markdown, made from the model when MkDocs reads the page (not before: with
# two processes, each renders only its own). Generated pages skip the macros plugin
# (`render_macros: false`): compiling a one-line Jinja template per page cost more than the page.
_GENERATED: dict[str, Callable[[], str]] = {}


def add_generated_pages(files: Files, config: MkDocsConfig, handbook: Handbook) -> None:
    """Scenario pages, category pages and (for a large handbook) library parts, made from the model."""
    _GENERATED.clear()

    def add(src: str, make: Callable[[], str], front: str = "") -> None:
        _GENERATED[src] = make
        files.append(File.generated(config, src, content=f"---\n{front}render_macros: false\n---\n"))

    # In Spanish, "entrevista" is in most titles and the home page's guide repeats each situation in a
    # few words: a situation page needs a little more weight to come first (tests/test_findability_es.py).
    boost = 2 if config.extra.get("ktb_language", "en") == "en" else 3
    for scenario in handbook.scenarios:
        # The keywords go into the page's `tags`, which Material's search indexes (not shown on the page).
        # A situation page is what a searcher needs most: it outranks a guide that only mentions the
        # words ("no show" finds the missed-interview page, not a guide whose title starts with "no").
        tags = "tags: " + json.dumps(list(scenario.keywords)) + f"\nsearch:\n  boost: {boost}\n"
        add(scenario_src(scenario.id), functools.partial(render.scenario_page, handbook, scenario), tags)
    for part in library_parts(handbook):
        add(part.src, functools.partial(render.library_part_page, handbook, part))
    for category in handbook.categories:
        if handbook.in_category(category.id):
            add(category_src(category.id), functools.partial(render.category_page, handbook, category.id))


# The PDFs (about half a second) start here, in a thread, while MkDocs reads the pages; `on_env` waits
# for them, before any page is written, so every page knows their page counts (KTB_PDF=0: none).
# They stay in memory until the site is written: MkDocs empties site/ after this event.
_PRINTING: list[print_build.Printing] = []
_PRINTED: list[Printed] = []


def on_pre_build(*, config: MkDocsConfig) -> None:
    _UNFINISHED[:] = [True] if edge.COMMAND == "build" else []
    _PRINTED.clear()
    printing = print_build.start(config)
    _PRINTING[:] = [printing] if printing else []
    config.extra["pdf"] = None


# Pages are built in two processes (macros/build/parallel.py): fork once the nav is final (after every
# other plugin's on_nav), swap page facts before the theme runs, merge the child's work at the end.
@event_priority(-100)
def on_nav(nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
    parallel.start(config, files, nav, command=edge.COMMAND, dirty=edge.DIRTY)
    return nav


def on_page_read_source(*, page: Page, config: MkDocsConfig) -> str | None:
    return parallel.stand_in_source(page)


# Runs before the search plugin writes its index (priority 100), so the child's entries are in it.
# Then the PDFs made in `on_pre_build` go into the site: site/handbook.pdf and site/quick-guide.pdf.
@event_priority(100)
def on_post_build(*, config: MkDocsConfig) -> None:
    parallel.collect(config)
    print_build.publish(Path(config.site_dir), tuple(_PRINTED))
    failed = _CHILDREN.finish(Path(config.site_dir))  # the other editions go in before the swap, or nothing does
    if failed:
        raise Abort(f"Aborted: the {', '.join(failed)} edition failed (see above); nothing was published.")
    _PRINTED.clear()
    _UNFINISHED.clear()


# A failed build stops the second build process: an error MkDocs sees calls on_build_error; a plugin
# that calls sys.exit() (mkdocs-macros on a macro error) skips it, so a build that never reached
# on_post_build's end is stopped when Python exits. The output folder itself is never touched by a
# failed build: it was built in a staging folder (macros/build/publish.py).
_UNFINISHED: list[bool] = []


def on_build_error(*, error: Exception) -> None:
    parallel.finish(stop=True)
    _CHILDREN.stop()


@atexit.register
def _unfinished_build() -> None:
    if _UNFINISHED and not parallel.is_child():
        parallel.finish(stop=True)


# Benchmark only (scripts/benchmark.py): with KTB_DUMP_DIR set, keep each page's Markdown as it is
# after the macros ran, and the config facts the hooks computed, to build a static baseline from.
# Then the finished HTML blocks are set aside until the Markdown is converted (macros/site/rawhtml.py).
_RAW_BLOCKS: dict[str, list[str]] = {}


@event_priority(-100)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    make = _GENERATED.get(page.file.src_uri)
    if make is not None and not parallel.is_elsewhere(page):
        markdown = make()
    if not parallel.is_elsewhere(page) and _shown_in_english(page):
        note = config.extra["ktb_ui"].get("untranslated_note") or ""
        markdown = f'!!! note ""\n    {note}\n\n{markdown}' if note else markdown
    handbook, _ = edge.handbook_for(config)
    if make is None and handbook is not None and handbook.switched_off and not parallel.is_elsewhere(page):
        # A link to a scenario the fork switched off goes with its sentence (macros/site/guide_links.py).
        markdown, _ = guide_links.prune(markdown, page.file.src_uri, handbook.switched_off, dict(handbook.replaced_by))
    dump = os.environ.get("KTB_DUMP_DIR")
    if dump and not parallel.is_elsewhere(page):
        target = Path(dump) / "docs" / page.file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    if edge.switched_on("KTB_RAW_HTML"):  # KTB_RAW_HTML=0: let Markdown parse them, as before
        markdown, _RAW_BLOCKS[page.file.src_uri] = rawhtml.stash(markdown)
    return markdown


def _shown_in_english(page: Page) -> bool:
    """A page of a language edition whose text (or part of it) is the English, by `translation_fallback: english`."""
    src = page.file.src_uri
    scenario = src.removeprefix("situations/").removesuffix(".md")
    return src in _ENGLISH_PAGES or (src.startswith("situations/") and scenario in edge.UNTRANSLATED)


@event_priority(100)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    blocks = _RAW_BLOCKS.pop(page.file.src_uri, [])
    if blocks:
        try:
            html = rawhtml.restore(html, blocks)
        except ValueError as error:
            from mkdocs.exceptions import PluginError

            raise PluginError(f"{page.file.src_uri}: {error}. Build with KTB_RAW_HTML=0 and report it.") from None
        page.present_anchor_ids = (page.present_anchor_ids or set()) | rawhtml.anchor_ids(blocks)
    preview_problems = config.extra.get("ktb_preview_problems")
    if preview_problems and edge.COMMAND == "serve":
        html = servecheck.banner(preview_problems) + html
    return html


def on_env(env: Any, *, config: MkDocsConfig, files: Files) -> Any:
    if _PRINTING and not parallel.is_child():
        _PRINTED[:] = _PRINTING.pop().result()
        config.extra["pdf"] = print_build.site_facts(tuple(_PRINTED))
    parallel.exchange({"pdf": config.extra["pdf"]})  # the second process writes pages with the counts too
    dump = os.environ.get("KTB_DUMP_DIR")
    if dump and not parallel.is_child():
        Path(dump).mkdir(parents=True, exist_ok=True)
        for file in files:
            if file.generated_by and not file.is_documentation_page():
                target = Path(dump) / "docs" / file.src_uri
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(file.content_bytes)
        facts = {key: _plain(config[key]) for key in ("site_name", "site_url", "copyright", "nav", "extra")}
        facts["theme"] = {key: config.theme[key] for key in ("logo", "favicon") if config.theme.get(key)}
        (Path(dump) / "config.json").write_text(json.dumps(facts, default=str, indent=1), encoding="utf-8")
    return env


def _plain(value: Any) -> Any:
    """Config values as plain JSON data (MkDocs wraps mappings in its own classes)."""
    if hasattr(value, "items"):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


# Content-Security-Policy: hash each page's inline scripts into its <meta> policy, after every
# other plugin has finished with the HTML (macros/site/csp.py). 404.html is a template, not a page.
# `mkdocs serve` injects an inline live-reload script per request, so it serves pages without the policy.
@event_priority(-100)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if parallel.is_elsewhere(page):
        return output  # empty: the other process writes this page
    output = compact.html(output)  # a fifth of each page was template indentation
    # Material's language switcher and <link rel="alternate" hreflang>: the same page in each edition.
    output = editions.fill_alternates(output, page.url, config.extra["ktb_language"], _EDITION[0])
    return _checked(output, page.file.src_uri, config)


@event_priority(-100)
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    output_content = editions.fill_alternates(output_content, "", config.extra["ktb_language"], _EDITION[0])
    return _checked(output_content, template_name, config)


def _checked(html: str, name: str, config: MkDocsConfig) -> str:
    """The page with its CSP hashes, once it holds nothing the theme and project did not write."""
    allowed = csp.trusted(tuple(str(d) for d in config.theme.dirs))
    found = pagegate.findings(html, allowed)
    if found:
        from mkdocs.exceptions import PluginError

        raise PluginError(
            f"{name}: {found[0]} — nothing in the data or the pages may add scripts, event handlers or "
            "unsafe links; find the text shown here in the scenarios, brand.yml or docs/ and remove it"
        )
    if edge.COMMAND == "serve":
        return csp.without_policy(html)
    # Then a fork's analytics hosts (local/site.yml `csp`) join the policy.
    site, _ = local_site.load_cached(Path(config.config_file_path).parent)
    return local_site.add_hosts(csp.add_hashes(html, allowed), site)


def expand_nav(nav: list[Any], handbook: Handbook) -> list[Any]:
    """Replace the `situations/index.md` entry with a section per category, built from the data."""
    expanded: list[Any] = []
    for item in nav:
        title, target = _entry(item)
        if target == SITUATIONS_INDEX:
            sections: list[Any] = [SITUATIONS_INDEX]
            for category in handbook.categories:
                members = [{text(s.title): scenario_src(s.id)} for s in handbook.in_category(category.id)]
                if members:
                    sections.append({text(category.title): [category_src(category.id), *_chunked(members)]})
            expanded.append({title or "Situations": sections})
        elif target == LIBRARY_PAGE and library_parts(handbook):
            groups: list[Any] = [LIBRARY_PAGE]
            for category in handbook.categories:
                parts = [{text(p.title): p.src} for p in library_parts(handbook) if p.category == category.id]
                if parts:
                    groups.append({text(category.title): _chunked(parts)})
            expanded.append({title or "Message library": groups})
        else:
            expanded.append(item)
    return expanded


NAV_CHUNK = 20


def _chunked(members: list[Any]) -> list[Any]:
    """A long category becomes numbered sub-sections, so each page carries a short nav (navigation.prune)."""
    if len(members) <= NAV_CHUNK:
        return members
    return [
        {f"{start + 1}–{min(start + NAV_CHUNK, len(members))}": members[start : start + NAV_CHUNK]}
        for start in range(0, len(members), NAV_CHUNK)
    ]


def _entry(item: Any) -> tuple[str | None, Any]:
    if isinstance(item, dict) and len(item) == 1:
        ((title, target),) = item.items()
        return title, target
    return None, item
