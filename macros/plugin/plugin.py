"""The handbook's MkDocs plugin (`keep-the-bridge` in mkdocs.yml): the build's events, its settings and its state.

Each event hands the work to the room that does it: the data (macros/data/), the pages and the page
gate (macros/site/), the brand (macros/brand/), the PDFs (macros/print/). What one build knows lives
on the plugin object, which MkDocs keeps across `mkdocs serve` rebuilds (it has `on_startup`).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..data import forkfiles, i18n
from ..data.problems import HandbookError, Problem
from ..print import build as print_build
from ..print.runner import Printed
from ..site import compact, csp, guide_links, pagegate
from . import branding, editions, internals, local_site, nav, notices, publish, servecheck, stylesheets
from .loading import Loaded, load
from .pages import GeneratedPages, RawHtmlStep
from .parallel import TwoProcesses, jobs
from .settings import HandbookConfig

log = logging.getLogger("mkdocs.plugins.keep_the_bridge")
NAME = "keep-the-bridge"


def report(problems: tuple[Problem, ...] | list[Problem]) -> str:
    return HandbookError(list(problems)).report()


class HandbookPlugin(BasePlugin[HandbookConfig]):
    """Checks the data before anything is built, adds the generated pages and the PDFs, publishes atomically."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command: str | None = None
        self.dirty = False
        self.edition = i18n.Settings()  # this build's language settings
        self.loaded = Loaded(None, ())
        self.english_pages: set[str] = set()  # hand-written pages shown in English in this language edition
        self.children = editions.Children()
        self.pages = GeneratedPages()
        self.split = TwoProcesses()
        self.printing: print_build.Printing | None = None
        self.printed: tuple[Printed, ...] = ()

    # Remember the command: under `serve`, data problems are shown instead of stopping the server.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty

    # Under `serve`, also rebuild when brand.yml (or $KTB_BRAND), its folder or a fork's local/ folder changes.
    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        for path in branding.watched(config):
            server.watch(str(path))
        return server

    # Load and check every data file once, before anything is written; then point the build at a staging
    # folder (macros/plugin/publish.py). After the other plugins' on_config (the offline plugin turns
    # directory URLs off, which the brand's call to action needs to know); Material's plugins read
    # site_dir only later.
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # The language of this edition first (macros/plugin/editions.py): the data, nav and theme follow it.
        lang, self.edition, language_problems = editions.language_of(config)
        versions = internals.version_problems(parallel=self.page_processes() > 1 and self.command == "build")
        if versions:
            raise Abort("Aborted: " + "\n".join(versions))
        root = Path(config.config_file_path).resolve().parent
        strings, ui_problems = editions.ui_strings(root, lang)
        editions.apply_config(config, lang, self.edition, strings)
        self.loaded = load(config)
        brand, brand_problems = branding.brand_for(config)
        site, site_problems = local_site.load_cached(root)
        nav_problems: list[Any] = []
        if config.nav:  # a fork's own pages, placed in the nav (local/site.yml)
            config.nav, nav_problems = local_site.place_nav(config.nav, site)
        problems = (*language_problems, *ui_problems, *self.loaded.problems)
        problems = (*problems, *brand_problems, *site_problems, *nav_problems)
        if self.command == "serve":
            # The preview shows what it cannot render: a broken brand, a syntax error or new code in macros/.
            code = servecheck.code_problems(root)
            config.extra["ktb_preview_problems"] = [str(p) for p in (*brand_problems, *code)]
            problems = (*problems, *code)
        if problems:
            if self.command == "serve":
                for problem in problems:
                    log.error(str(problem))
            else:
                print(report(problems), file=sys.stderr)
                raise Abort(f"Aborted: {len(problems)} problem(s) in the handbook data.")
        for warning in forkfiles.stray_files(root):
            log.warning(str(warning))  # a typo in a fork's file name would drop its change without a word
        if self.loaded.handbook is not None and config.nav:
            config.nav = nav.expand_nav(config.nav, self.loaded.handbook)
        if brand is not None:
            branding.apply_config(
                config, brand, lang, self.edition
            )  # names, logo, footer, extra.brand (brand.yml or $KTB_BRAND)
        if self.config.raw_html_stash:  # off: Python-Markdown parses the finished HTML blocks too
            config.plugins["keep-the-bridge-raw-html"] = RawHtmlStep()  # type: ignore[assignment]
        if self.command in ("build", "gh-deploy") and not i18n.child_language():
            self._stage(config)
        return config

    def page_processes(self) -> int:
        """Processes for this build's pages: `auto` leaves a CPU to each language edition building alongside."""
        builds_editions = self.command in ("build", "gh-deploy") and not i18n.child_language()
        return jobs(self.config.page_processes, alongside=len(self.edition.others) if builds_editions else 0)

    def _stage(self, config: MkDocsConfig) -> None:
        """Build into a staging folder beside the output; the last step of a clean build swaps it in."""
        try:
            publisher = publish.Publisher.start(Path(config.site_dir), dirty=self.dirty)
        except publish.PublishError as error:
            raise Abort(f"Aborted: {error}. Nothing was built, and the output folder is as it was.") from None
        config.plugins["keep-the-bridge-publish"] = publish.PublishStep(publisher)  # type: ignore[assignment]
        config.site_dir = str(publisher.staging)
        if self.edition.others:  # the other language editions build alongside, into folders beside it
            self.children.start(config, publisher.staging, self.edition)

    # One page per scenario, made from its YAML file: no Markdown stub to keep in step.
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        root = Path(config.config_file_path).resolve().parent
        local_site.apply_files(files, config, local_site.load_cached(root)[0])
        lang, settings, _ = editions.language_of(config)
        english, problems = editions.swap_pages(files, config, lang, settings)  # docs/<lang>/ pages in their place
        if problems and settings.fallback == "fail":
            print(report(problems), file=sys.stderr)
            raise Abort(f"Aborted: {len(problems)} page(s) not translated (translation_fallback: fail).")
        self.english_pages = set(english)
        if self.loaded.handbook is not None:
            self.pages.add(files, config, self.loaded.handbook)
        brand, _ = branding.brand_for(config)
        if brand is not None:
            branding.cta_href(config, brand)  # directory URLs are final only now (the offline plugin)
            files = branding.apply_files(files, config, brand)  # brand.css and the brand's own images only
        notices.add(files, config)  # THIRD-PARTY-NOTICES.md as site/third-party-notices.txt
        return stylesheets.bundle(files, config)  # one stylesheet to fetch instead of eight

    # The PDFs (about half a second) start here, in a thread, while MkDocs reads the pages; `on_env` waits
    # for them, before any page is written, so every page knows their page counts (pdf: false: none).
    # They stay in memory until the site is written: MkDocs empties site/ after this event.
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.printed = ()
        handbook = self.loaded.handbook
        self.printing = print_build.start(config, handbook) if self.config.pdf and handbook is not None else None
        config.extra["pdf"] = None

    # Pages are built in two processes (macros/plugin/parallel.py): fork once the nav is final (after every
    # other plugin's on_nav), swap page facts before the theme runs, merge the child's work at the end.
    @event_priority(-100)
    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        processes = self.page_processes()
        self.split.start(config, files, nav, processes=processes, command=self.command, dirty=self.dirty)
        return nav

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        return self.split.stand_in_source(page)

    # After the macros ran: a generated page gets its Markdown, an untranslated page its note, and a
    # guide loses its links to scenarios a fork switched off. Then (priority -110) the raw HTML step.
    @event_priority(-100)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.split.is_elsewhere(page):
            return markdown
        generated = self.pages.markdown(page)
        if generated is not None:
            markdown = generated
        if self._shown_in_english(page):
            note = config.extra["ktb_ui"].get("untranslated_note") or ""
            markdown = f'!!! note ""\n    {note}\n\n{markdown}' if note else markdown
        handbook = self.loaded.handbook
        if generated is None and handbook is not None and handbook.switched_off:
            # A link to a scenario the fork switched off goes with its sentence (macros/site/guide_links.py).
            replaced = dict(handbook.replaced_by)
            markdown, _ = guide_links.prune(markdown, page.file.src_uri, handbook.switched_off, replaced)
        return markdown

    def _shown_in_english(self, page: Page) -> bool:
        """A page of a language edition whose text (or part of it) is the English, by `translation_fallback`."""
        src = page.file.src_uri
        scenario = src.removeprefix("situations/").removesuffix(".md")
        in_english = src.startswith("situations/") and scenario in self.loaded.untranslated
        return src in self.english_pages or in_english

    @event_priority(100)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        preview_problems = config.extra.get("ktb_preview_problems")
        if preview_problems and self.command == "serve":
            html = servecheck.banner(preview_problems) + html
        return html

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self.printing is not None and not self.split.is_child():
            printing, self.printing = self.printing, None
            try:
                self.printed = printing.result()
            except print_build.PrintFailed as error:
                raise PluginError(str(error)) from None
            config.extra["pdf"] = print_build.site_facts(self.printed)
        self.split.exchange({"pdf": config.extra["pdf"]})  # the second process writes pages with the counts too
        return env

    # Content-Security-Policy: hash each page's inline scripts into its <meta> policy, after every
    # other plugin has finished with the HTML (macros/site/csp.py). 404.html is a template, not a page.
    # `mkdocs serve` injects an inline live-reload script per request, so it serves pages without the policy.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.split.is_elsewhere(page):
            return output  # empty: the other process writes this page
        output = compact.html(output)  # a fifth of each page was template indentation
        # Material's language switcher and <link rel="alternate" hreflang>: the same page in each edition.
        output = editions.fill_alternates(output, page.url, config.extra["ktb_language"], self.edition)
        return self._checked(output, page.file.src_uri, config)

    @event_priority(-100)
    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        output_content = editions.fill_alternates(output_content, "", config.extra["ktb_language"], self.edition)
        return self._checked(output_content, template_name, config)

    def _checked(self, html: str, name: str, config: MkDocsConfig) -> str:
        """The page with its CSP hashes, once it holds nothing the theme and project did not write."""
        allowed = csp.trusted(tuple(str(d) for d in config.theme.dirs))
        found = pagegate.findings(html, allowed)
        if found:
            raise PluginError(
                f"{name}: {found[0]} — nothing in the data or the pages may add scripts, event handlers or "
                "unsafe links; find the text shown here in the scenarios, brand.yml or docs/ and remove it"
            )
        if self.command == "serve":
            return csp.without_policy(html)
        # Then a fork's analytics hosts (local/site.yml `csp`) join the policy.
        site, _ = local_site.load_cached(Path(config.config_file_path).parent)
        return local_site.add_hosts(csp.add_hashes(html, allowed), site)

    # Runs before the search plugin writes its index (priority 100), so the child's entries are in it.
    # Then the PDFs made in `on_pre_build` go into the site: site/handbook.pdf and site/quick-guide.pdf.
    @event_priority(100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.split.collect(config)
        print_build.publish(Path(config.site_dir), self.printed)
        failed = self.children.finish(Path(config.site_dir))  # the other editions go in before the swap, or none
        if failed:
            raise Abort(f"Aborted: the {', '.join(failed)} edition failed (see above); nothing was published.")
        self.printed = ()

    # A failed build stops the second build process and the other editions. The output folder itself is
    # never touched by a failed build: it was built in a staging folder (macros/plugin/publish.py).
    def on_build_error(self, *, error: Exception) -> None:
        self.split.finish(stop=True)
        self.children.stop()


def plugin_of(config: Any) -> HandbookPlugin:
    """The handbook plugin of this build, for the page macros (macros/__init__.py)."""
    plugin = config["plugins"].get(NAME)
    if not isinstance(plugin, HandbookPlugin):
        raise PluginError(f"the page macros need the '{NAME}' plugin: add `- {NAME}` under `plugins:` in mkdocs.yml")
    return plugin
