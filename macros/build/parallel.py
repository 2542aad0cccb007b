"""Build the pages of one `mkdocs build` in two processes: the site comes out the same, in about half the time.

MkDocs renders pages one after another, and at 1,000 scenarios that is nearly all of a build. Both
page loops (Markdown to HTML, then the theme) treat each page on its own, so after the nav is made
(`on_nav`) the build forks: the child renders and writes every other page, the parent the rest.

A page the other process renders is a *stand-in* here: it reads as empty Markdown, is left out of the
search index and is rendered with `ktb-elsewhere.html`, which writes nothing. The two processes swap
what the theme needs from each other's pages (title, front matter, anchor ids) before the theme runs,
and at the end the child sends its search entries and the warnings it logged. The parent puts the
search entries back in page order and logs the warnings, so `--strict` counts them as before.

`KTB_JOBS=1` turns this off; so do `mkdocs serve`, `--dirty` and one CPU; outside Linux it is on
only with `KTB_JOBS=2`.
MkDocs specifics stay in this module and the hooks; it relies on MkDocs 1.6's build loop (pinned <2).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import logging
import os
import signal
import sys
import traceback
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, Pipe
from typing import Any

ELSEWHERE_TEMPLATE = "ktb-elsewhere.html"
MIN_PAGES = 8  # below this the fork costs more than it saves

log = logging.getLogger("mkdocs.hooks.keep_the_bridge.parallel")


def jobs(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> int:
    """How many processes build pages: KTB_JOBS if set, else 2 on Linux with two CPUs free, else 1.

    Only Linux forks by default: macOS does not promise that a process which has loaded system
    frameworks (the PDF's text libraries) survives fork(). KTB_JOBS=2 asks for it anywhere fork exists.
    """
    value = environ.get("KTB_JOBS", "").strip()
    if value.isdigit() and int(value) > 0:
        return min(int(value), 2)
    if not platform.startswith("linux"):
        return 1
    return 2 if len(os.sched_getaffinity(0)) >= 2 else 1


@dataclass
class _Split:
    """The state of one forked build: which pages the child owns and how to reach it."""

    pid: int
    conn: Connection
    theirs: frozenset[str]  # src_uri of the pages the *other* process renders
    is_child: bool
    pages: list[Any] = field(default_factory=list)  # every documentation page, in build order


_SPLIT: _Split | None = None


def is_child() -> bool:
    """True in the forked child, which writes its own pages and nothing else."""
    return _SPLIT is not None and _SPLIT.is_child


def is_elsewhere(page: Any) -> bool:
    """True for a stand-in: a page the other process renders and writes."""
    return _SPLIT is not None and page.file.src_uri in _SPLIT.theirs


# --- Parent and child: the fork -----------------------------------------------------------------


def start(config: Any, files: Any, nav: Any, *, command: str | None, dirty: bool) -> None:
    """Fork after the nav is made, when it pays; the child builds every other page and exits."""
    global _SPLIT
    finish(stop=True)
    if command != "build" or dirty or jobs() < 2 or not hasattr(os, "fork"):
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
        _SPLIT = _Split(pid=0, conn=child_conn, theirs=parent_owns, is_child=True, pages=pages)
        _run_child(config, files, nav, [p for p in pages if p.file.src_uri in child_owns])
    child_conn.close()
    atexit.register(finish)  # a plugin may end the build with sys.exit(): never leave the child running
    _SPLIT = _Split(pid=pid, conn=parent_conn, theirs=child_owns, is_child=False, pages=pages)
    log.info(
        "Building pages in 2 processes: %d here, %d in a second one (KTB_JOBS=1: one)",
        len(parent_owns),
        len(child_owns),
    )


def _documentation_pages(files: Any, config: Any) -> list[Any]:
    """The pages MkDocs is about to build, in its order (a page outside the nav gets its Page made here)."""
    from mkdocs.structure.pages import Page

    pages = []
    for file in files.documentation_pages():
        if file.page is None:
            Page(None, file, config)
        pages.append(file.page)
    return pages


# --- The child: render and write its pages, then report and exit -------------------------------


class _Capture(logging.Handler):
    """Keeps the child's warnings and errors to hand to the parent, which logs (and counts) them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _run_child(config: Any, files: Any, nav: Any, mine: list[Any]) -> None:
    from mkdocs.commands import build as mkdocs_build

    assert _SPLIT is not None
    conn = _SPLIT.conn
    capture = _Capture()
    mkdocs_logger = logging.getLogger("mkdocs")
    mkdocs_logger.handlers = [capture]
    mkdocs_logger.propagate = False
    status = 0
    try:
        for page in mine:
            mkdocs_build._populate_page(page, config, files)
        conn.send(("facts", _facts(mine)))
        kind, theirs = conn.recv()
        if kind != "facts":
            raise RuntimeError(f"the parent sent {kind!r} instead of its page facts")
        _apply_facts(theirs["pages"])
        config.extra.update(theirs["extra"])
        env = config.theme.get_env()
        env = config.plugins.on_env(env, config=config, files=files)
        doc_files = files.documentation_pages()
        for page in mine:
            mkdocs_build._build_page(page, config, doc_files, nav, env)
        level = config.validation.links.anchors
        for page in mine:
            page.validate_anchor_links(files=files, log_level=level)
        conn.send(("done", {"search": _search_entries(config), "records": capture.records}))
    except BaseException as error:  # report everything: the parent stops the build
        status = 1
        detail = "".join(traceback.format_exception_only(type(error), error)).strip()
        with contextlib.suppress(OSError):  # the parent may be gone already
            conn.send(("failed", {"records": capture.records, "error": detail}))
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def _search_entries(config: Any) -> list[dict[str, Any]]:
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(plugin, "search_index", None)
    return list(getattr(index, "entries", []))


# --- Both: swap what the theme needs from the other process's pages ----------------------------


def _facts(pages: list[Any]) -> dict[str, dict[str, Any]]:
    return {
        page.file.src_uri: {
            "title": page.title,
            "meta": dict(page.meta),
            "anchors": set(page.present_anchor_ids or ()),
        }
        for page in pages
    }


def _apply_facts(facts: Mapping[str, Mapping[str, Any]]) -> None:
    assert _SPLIT is not None
    for page in _SPLIT.pages:
        found = facts.get(page.file.src_uri)
        if found is None:
            continue
        page.title = found["title"]
        page.meta = {**found["meta"], "template": ELSEWHERE_TEMPLATE, "search": {"exclude": True}}
        page.present_anchor_ids = set(found["anchors"])


# --- The parent: hooks call these ---------------------------------------------------------------


def stand_in_source(page: Any) -> str | None:
    """Empty Markdown for a page the other process renders (on_page_read_source); None otherwise.

    A stand-in also skips the Markdown conversion: setting up the parser with every extension costs
    more than the page itself, and the other process does the real one.
    """
    if not is_elsewhere(page):
        return None
    page.render = functools.partial(_render_nothing, page)
    return ""


def _render_nothing(page: Any, config: Any, files: Any) -> None:
    """What `Page.render` leaves on a page with no content (mkdocs/structure/pages.py)."""
    from mkdocs.structure.toc import get_toc

    page.content = ""
    page.toc = get_toc([])
    page.present_anchor_ids = set()
    page.links_to_anchors = {}


def exchange(extra: Mapping[str, Any] | None = None) -> None:
    """In the parent's on_env: take the child's page facts, give ours and `extra` (config.extra keys
    the parent settled after the fork, like the PDFs' page counts); the child waits for them."""
    if _SPLIT is None or _SPLIT.is_child:
        return
    kind, payload = _receive()
    if kind != "facts":
        _fail(payload)
    mine = [page for page in _SPLIT.pages if page.file.src_uri not in _SPLIT.theirs]
    _SPLIT.conn.send(("facts", {"pages": _facts(mine), "extra": dict(extra or {})}))
    _apply_facts(payload)


def collect(config: Any) -> None:
    """In the parent's on_post_build, before the search index is written: merge the child's work."""
    if _SPLIT is None or _SPLIT.is_child:
        return
    kind, payload = _receive()
    if kind != "done":
        _fail(payload)
    _relog(payload["records"])
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(plugin, "search_index", None)
    if index is not None:
        index.entries = list(_in_page_order(index.entries + payload["search"], _SPLIT.pages))
    finish(stop=False)


def _in_page_order(entries: list[dict[str, Any]], pages: list[Any]) -> Iterator[dict[str, Any]]:
    """Search entries sorted as one process would have added them: by page, then as each page had them."""
    order = {page.url: position for position, page in enumerate(pages)}
    return iter(sorted(entries, key=lambda entry: order.get(entry["location"].split("#", 1)[0], len(order))))


def _receive() -> tuple[str, Any]:
    assert _SPLIT is not None
    try:
        message: tuple[str, Any] = _SPLIT.conn.recv()
    except (EOFError, OSError):
        message = ("failed", {"records": [], "error": "the page-building child process stopped without a word"})
    return message


def _relog(records: list[tuple[str, int, str]]) -> None:
    for name, level, message in records:
        logging.getLogger(name).log(level, message)


def _fail(payload: Mapping[str, Any]) -> None:
    from mkdocs.exceptions import PluginError

    _relog(payload.get("records", []))
    finish(stop=True)
    raise PluginError(
        f"Building pages in a second process failed: {payload.get('error')}. "
        "Run again with KTB_JOBS=1 to build in one process and see the page it stopped on."
    )


def finish(*, stop: bool = True) -> None:
    """Reap the child, if any; `stop` ends it first (a failed build). Safe to call twice."""
    global _SPLIT
    split, _SPLIT = _SPLIT, None
    if split is None or split.is_child:
        return
    split.conn.close()
    try:
        if stop:
            os.kill(split.pid, signal.SIGTERM)
        os.waitpid(split.pid, 0)
    except (ChildProcessError, ProcessLookupError):
        pass


class SkipNotice(logging.Filter):
    """Hides MkDocs' "Page skipped … empty output" notice for stand-ins: the other process wrote them."""

    def filter(self, record: logging.LogRecord) -> bool:
        if _SPLIT is None or not record.getMessage().startswith("Page skipped: "):
            return True
        parts = record.getMessage().split("'")
        return not (len(parts) > 2 and parts[1] in _SPLIT.theirs)
