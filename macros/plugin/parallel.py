"""Build the pages of one `mkdocs build` in two processes: the site comes out the same, in about half the time.

MkDocs renders pages one after another, and at 1,000 scenarios that is nearly all of a build. Both
page loops (Markdown to HTML, then the theme) treat each page on its own, so after the nav is made
(`on_nav`) the build forks: the child renders and writes every other page, the parent the rest.

A page the other process renders is a *stand-in* here: it reads as empty Markdown, is left out of the
search index and is rendered with `ktb-elsewhere.html`, which writes nothing. The two processes swap
what the theme needs from each other's pages (title, front matter, anchor ids) before the theme runs,
and at the end the child sends its search entries and the warnings it logged. The parent puts the
search entries back in page order and logs the warnings, so `--strict` counts them as before.

`page_processes: 1` (KTB_JOBS=1) turns this off; so do `mkdocs serve`, `--dirty` and one CPU; outside
Linux it is on only with `page_processes: 2`. MkDocs' and Material's internals it needs are called
through macros/plugin/internals.py, which holds them to the pinned versions.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import signal
import sys
import traceback
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, Pipe
from typing import Any

from . import internals

ELSEWHERE_TEMPLATE = "ktb-elsewhere.html"
MIN_PAGES = 8  # below this the fork costs more than it saves

log = logging.getLogger("mkdocs.plugins.keep_the_bridge.parallel")


def jobs(setting: int, platform: str = sys.platform, alongside: int = 0) -> int:
    """How many processes build pages: the `page_processes` setting (0: auto), else 2 on Linux with two CPUs free.

    `alongside` is the number of other builds running meanwhile (the other language editions, one
    process each): each takes a CPU. On two CPUs with the Spanish edition alongside, a second page
    process only competes with it (README, Settings: measured both ways). Only Linux forks by default:
    macOS does not promise that a process which has loaded system frameworks survives fork().
    `page_processes: 2` asks for it anywhere fork exists.
    """
    if setting > 0:
        return min(setting, 2)
    if not platform.startswith("linux"):
        return 1
    return 2 if len(os.sched_getaffinity(0)) >= 2 + alongside else 1


@dataclass
class _Split:
    """One forked build: which pages the other process owns and how to reach it."""

    pid: int
    conn: Connection
    theirs: frozenset[str]  # src_uri of the pages the *other* process renders
    is_child: bool
    pages: list[Any] = field(default_factory=list)  # every documentation page, in build order


class _Capture(logging.Handler):
    """Keeps the child's warnings and errors to hand to the parent, which logs (and counts) them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


class TwoProcesses(logging.Filter):
    """The page split of one build, if any. As a log filter it hides MkDocs' "Page skipped" notice for
    stand-ins: the other process wrote them."""

    def __init__(self) -> None:
        super().__init__()
        self.split: _Split | None = None
        # A plugin may end the build with sys.exit(): never leave the child running.
        atexit.register(self.finish)

    def is_child(self) -> bool:
        """True in the forked child, which writes its own pages and nothing else."""
        return self.split is not None and self.split.is_child

    def is_elsewhere(self, page: Any) -> bool:
        """True for a stand-in: a page the other process renders and writes."""
        return self.split is not None and page.file.src_uri in self.split.theirs

    def filter(self, record: logging.LogRecord) -> bool:
        if self.split is None or not record.getMessage().startswith(internals.SKIPPED_NOTICE):
            return True
        parts = record.getMessage().split("'")
        return not (len(parts) > 2 and parts[1] in self.split.theirs)

    # --- Parent and child: the fork ------------------------------------------------------------

    def start(self, config: Any, files: Any, nav: Any, *, processes: int, command: str | None, dirty: bool) -> None:
        """Fork after the nav is made, when it pays; the child builds every other page and exits."""
        self.finish(stop=True)
        if command != "build" or dirty or processes < 2 or not hasattr(os, "fork"):
            return
        pages = _documentation_pages(files, config)
        if len(pages) < MIN_PAGES:
            return
        child_owns = frozenset(page.file.src_uri for page in pages[1::2])
        parent_owns = frozenset(page.file.src_uri for page in pages[0::2])
        parent_conn, child_conn = Pipe(duplex=True)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child
            parent_conn.close()
            self.split = _Split(pid=0, conn=child_conn, theirs=parent_owns, is_child=True, pages=pages)
            self._run_child(config, files, nav, [p for p in pages if p.file.src_uri in child_owns])
        child_conn.close()
        self.split = _Split(pid=pid, conn=parent_conn, theirs=child_owns, is_child=False, pages=pages)
        logging.getLogger("mkdocs.commands.build").addFilter(self)
        log.info(
            "Building pages in 2 processes: %d here, %d in a second one (page_processes: 1 for one)",
            len(parent_owns),
            len(child_owns),
        )

    # --- The child: render and write its pages, then report and exit ----------------------------

    def _run_child(self, config: Any, files: Any, nav: Any, mine: list[Any]) -> None:
        assert self.split is not None
        conn = self.split.conn
        capture = _Capture()
        mkdocs_logger = logging.getLogger("mkdocs")
        mkdocs_logger.handlers = [capture]
        mkdocs_logger.propagate = False
        status = 0
        try:
            for page in mine:
                internals.populate_page(page, config, files)
            conn.send(("facts", _facts(mine)))
            kind, theirs = conn.recv()
            if kind != "facts":
                raise RuntimeError(f"the parent sent {kind!r} instead of its page facts")
            self._apply_facts(theirs["pages"])
            config.extra.update(theirs["extra"])
            env = config.theme.get_env()
            env = config.plugins.on_env(env, config=config, files=files)
            doc_files = files.documentation_pages()
            for page in mine:
                internals.build_page(page, config, doc_files, nav, env)
            level = config.validation.links.anchors
            for page in mine:
                page.validate_anchor_links(files=files, log_level=level)
            conn.send(("done", {"search": internals.search_entries(config), "records": capture.records}))
        except BaseException as error:  # report everything: the parent stops the build
            status = 1
            detail = "".join(traceback.format_exception_only(type(error), error)).strip()
            with contextlib.suppress(OSError):  # the parent may be gone already
                conn.send(("failed", {"records": capture.records, "error": detail}))
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)

    # --- Both: swap what the theme needs from the other process's pages --------------------------

    def _apply_facts(self, facts: Mapping[str, Mapping[str, Any]]) -> None:
        assert self.split is not None
        for page in self.split.pages:
            found = facts.get(page.file.src_uri)
            if found is None:
                continue
            page.title = found["title"]
            page.meta = {**found["meta"], "template": ELSEWHERE_TEMPLATE, "search": {"exclude": True}}
            page.present_anchor_ids = set(found["anchors"])

    # --- The parent: the plugin's events call these ----------------------------------------------

    def stand_in_source(self, page: Any) -> str | None:
        """Empty Markdown for a page the other process renders (on_page_read_source); None otherwise.

        A stand-in also skips the Markdown conversion: setting up the parser with every extension costs
        more than the page itself, and the other process does the real one.
        """
        if not self.is_elsewhere(page):
            return None
        page.render = lambda config, files: internals.render_nothing(page)
        return ""

    def exchange(self, extra: Mapping[str, Any] | None = None) -> None:
        """In the parent's on_env: take the child's page facts, give ours and `extra` (config.extra keys
        the parent settled after the fork, like the PDFs' page counts); the child waits for them."""
        if self.split is None or self.split.is_child:
            return
        kind, payload = self._receive()
        if kind != "facts":
            self._fail(payload)
        mine = [page for page in self.split.pages if page.file.src_uri not in self.split.theirs]
        self.split.conn.send(("facts", {"pages": _facts(mine), "extra": dict(extra or {})}))
        self._apply_facts(payload)

    def collect(self, config: Any) -> None:
        """In the parent's on_post_build, before the search index is written: merge the child's work."""
        if self.split is None or self.split.is_child:
            return
        kind, payload = self._receive()
        if kind != "done":
            self._fail(payload)
        _relog(payload["records"])
        entries = internals.search_entries(config) + payload["search"]
        internals.set_search_entries(config, list(in_page_order(entries, self.split.pages)))
        self.finish(stop=False)

    def _receive(self) -> tuple[str, Any]:
        assert self.split is not None
        try:
            message: tuple[str, Any] = self.split.conn.recv()
        except (EOFError, OSError):
            message = ("failed", {"records": [], "error": "the page-building child process stopped without a word"})
        return message

    def _fail(self, payload: Mapping[str, Any]) -> None:
        from mkdocs.exceptions import PluginError

        _relog(payload.get("records", []))
        self.finish(stop=True)
        raise PluginError(
            f"Building pages in a second process failed: {payload.get('error')}. "
            "Run again with KTB_JOBS=1 (page_processes: 1) to build in one process and see the page it stopped on."
        )

    def finish(self, *, stop: bool = True) -> None:
        """Reap the child, if any; `stop` ends it first (a failed build). Safe to call twice."""
        split, self.split = self.split, None
        if split is None or split.is_child:
            return
        logging.getLogger("mkdocs.commands.build").removeFilter(self)
        split.conn.close()
        try:
            if stop:
                os.kill(split.pid, signal.SIGTERM)
            os.waitpid(split.pid, 0)
        except (ChildProcessError, ProcessLookupError):
            pass


def _documentation_pages(files: Any, config: Any) -> list[Any]:
    """The pages MkDocs is about to build, in its order (a page outside the nav gets its Page made here)."""
    from mkdocs.structure.pages import Page

    pages = []
    for file in files.documentation_pages():
        if file.page is None:
            Page(None, file, config)
        pages.append(file.page)
    return pages


def _facts(pages: list[Any]) -> dict[str, dict[str, Any]]:
    return {
        page.file.src_uri: {
            "title": page.title,
            "meta": dict(page.meta),
            "anchors": set(page.present_anchor_ids or ()),
        }
        for page in pages
    }


def in_page_order(entries: list[dict[str, Any]], pages: list[Any]) -> Iterator[dict[str, Any]]:
    """Search entries sorted as one process would have added them: by page, then as each page had them."""
    order = {page.url: position for position, page in enumerate(pages)}
    return iter(sorted(entries, key=lambda entry: order.get(entry["location"].split("#", 1)[0], len(order))))


def _relog(records: list[tuple[str, int, str]]) -> None:
    for name, level, message in records:
        logging.getLogger(name).log(level, message)
