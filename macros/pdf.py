"""Render the print edition to PDF with WeasyPrint: local files only, warnings surfaced, never half-written."""

from __future__ import annotations

import atexit
import gc
import hashlib
import json
import logging
import mimetypes
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from . import print_document as doc
from .edge import switched_on
from .model import Handbook

PDF_NAME = "handbook.pdf"
STYLESHEET = Path(__file__).with_name("print_handbook.css")
PAGE_HEIGHT_MM = {"A4": 297.0, "Letter": 279.4}
COVER_MARGINS_MM = 44.0  # top + bottom margin of `@page cover` in the stylesheet
# PDF/UA-1: a tagged PDF with its title shown and its language set.
PDF_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1"}

# WeasyPrint warnings that are known to be harmless: {regular expression: why}. Anything else is a
# MkDocs warning, so `mkdocs build --strict` fails on it. Empty: the shipped handbook renders cleanly.
ALLOWED_WARNINGS: dict[str, str] = {}

log = logging.getLogger("mkdocs.hooks.keep_the_bridge.pdf")


class PdfError(Exception):
    """The PDF cannot be made as asked (for example, it refers to a file on the network)."""


def enabled(environ: Mapping[str, str] = os.environ) -> bool:
    """The PDF is part of every build unless KTB_PDF=0 (or false/no/off) asks for a quick preview."""
    return switched_on("KTB_PDF", environ)


# --- No network: WeasyPrint may read local files under known folders, nothing else ---


def _url_fetcher(roots: tuple[Path, ...]) -> Any:
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class LocalFilesOnly(URLFetcher):  # type: ignore[misc]
        """Serves `file:` URLs under the allowed folders and `data:` URLs; refuses everything else."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(url2pathname(urlsplit(url).path)).resolve()
                if any(path.is_relative_to(root) for root in roots):
                    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": kind})
            raise FatalURLFetchingError(
                f"the PDF may only use files inside {', '.join(str(r) for r in roots)}, not {url}"
            )

    return LocalFilesOnly(allowed_protocols=("file", "data"), allow_redirects=False)


# --- Rendering ---------------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    """A finished PDF in memory, with what the build reports about it."""

    data: bytes
    pages: int
    warnings: tuple[str, ...]
    seconds: float


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def captured_warnings() -> Iterator[list[str]]:
    """Every warning or error WeasyPrint logs while the block runs, instead of on the console."""
    logger = logging.getLogger("weasyprint")
    handler, propagate = _Collect(), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


@contextmanager
def fewer_gc_passes() -> Iterator[None]:
    """Collect garbage less often while WeasyPrint lays out: its millions of small objects make Python's
    default thresholds rescan the heap again and again (about a quarter of the render time at 500 pages)."""
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 50)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


@lru_cache(maxsize=2)
def render_pdf(html: str, base_dir: Path, roots: tuple[Path, ...]) -> Rendered:
    """The PDF for a print document; the same document is rendered once (live reload rebuilds often)."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    from . import weasyprint_fixes

    weasyprint_fixes.install()
    start = time.perf_counter()
    with captured_warnings() as warnings, fewer_gc_passes():
        try:
            document = HTML(string=html, base_url=base_dir.as_uri() + "/", url_fetcher=_url_fetcher(roots)).render(
                **PDF_OPTIONS
            )
            data = document.write_pdf(**PDF_OPTIONS)
        except FatalURLFetchingError as error:
            raise PdfError(f"{error.__cause__ or error}") from None
    return Rendered(data=data, pages=len(document.pages), warnings=tuple(warnings), seconds=time.perf_counter() - start)


def stylesheet(brand: doc.Brand) -> str:
    """The print stylesheet with the brand's paper size and accent colour added."""
    height = PAGE_HEIGHT_MM[brand.paper] - COVER_MARGINS_MM
    extra = f"@page {{ size: {brand.paper}; }}\n.cover {{ height: {height:.1f}mm; }}\n"
    if brand.accent:
        extra += f":root {{ --accent: {brand.accent}; }}\n"
    return STYLESHEET.read_text(encoding="utf-8") + "\n" + extra


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old one or the whole new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


# --- From a project to a print document --------------------------------------------


def edition(environ: Mapping[str, str] = os.environ) -> str:
    """The edition date on the cover: SOURCE_DATE_EPOCH for reproducible builds, else today."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    day = datetime.fromtimestamp(int(epoch), tz=UTC).date() if epoch.isdigit() else date.today()
    return f"{day.day} {day:%B %Y}"


def recolour_svg(svg: str, accent: str) -> str:
    """The chart in the brand's colour: WeasyPrint styles inline SVG only from a <style> inside it."""
    if not accent or not svg.startswith("<svg"):
        return svg
    style = (
        f"<style>.fc-node--question .fc-box{{fill:{accent};stroke:{accent}}}"
        f".fc-node--scenario .fc-box{{stroke:{accent}}}</style>"
    )
    end = svg.index(">") + 1
    return svg[:end] + style + svg[end:]


def flowchart_parts(handbook: Handbook, accent: str = "") -> tuple[str, str]:
    """The flowchart drawing and its steps, when the flowchart module exists; empty otherwise."""
    if getattr(handbook, "flowchart", None) is None:
        return "", ""
    try:
        from . import flowchart
    except ImportError:  # the flowchart module is optional for the PDF
        return "", ""

    def link(scenario_id: str, timing: str | None = None) -> str:
        return "#" + doc.anchor(scenario_id, timing or "")

    svg = flowchart.render_svg(handbook, link=link)
    steps = flowchart.render_steps(handbook, link=link, level=4)
    return recolour_svg(svg or "", accent), steps or ""


@dataclass(frozen=True)
class PrintJob:
    """A print document and the only folders WeasyPrint may read files from while rendering it."""

    html: str
    base_dir: Path
    roots: tuple[Path, ...]


def logo_file(brand_data: Mapping[str, Any] | None, docs_dir: Path) -> Path | None:
    """The brand's logo on disk: `logo_file` (set by the brand loader) or `logo` under docs/."""
    data = brand_data or {}
    if data.get("logo_file"):
        path = Path(str(data["logo_file"]))
    elif data.get("logo"):
        path = docs_dir / str(data["logo"])
    else:
        return None
    return path.resolve() if path.is_file() else None


def job_for(
    handbook: Handbook,
    brand_data: Mapping[str, Any] | None,
    docs_dir: Path,
    language: str = "en",
    environ: Mapping[str, str] = os.environ,
) -> PrintJob:
    """The whole print document for a project, ready for `render_pdf`."""
    brand = doc.brand_from(brand_data)
    docs_dir = docs_dir.resolve()
    logo = logo_file(brand_data, docs_dir)
    svg, steps = flowchart_parts(handbook, brand.accent)
    extras = doc.Extras(logo_src=logo.as_uri() if logo else "", flowchart_svg=svg, flowchart_steps=steps)
    html = doc.print_html(
        handbook, brand, edition=edition(environ), language=language, extras=extras, stylesheet=stylesheet(brand)
    )
    roots = (docs_dir,) + ((logo.parent,) if logo and not logo.is_relative_to(docs_dir) else ())
    return PrintJob(html=html, base_dir=docs_dir, roots=roots)


# --- MkDocs glue: render while the pages are built, write (and fill in the count) after ----
#
# The PDF takes longer than the whole HTML build, so it renders in a process of its own, started in
# `on_pre_build`, while MkDocs builds the pages. The pages cannot wait for its page count: they are
# written with PENDING_PAGES in its place, and `publish` (on_post_build) writes the PDF, then puts
# the count into every page that shows the placeholder. KTB_JOBS=1 renders in this process first,
# as before. A failed render stops the build in `publish` (and the half-built site is removed).

PENDING_PAGES = "KTB_PDF_PAGES_PENDING"
PACKAGE_ROOT = Path(__file__).resolve().parents[1]
WORKER = (
    "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
    "from macros.pdf import worker_main; sys.exit(worker_main(Path(sys.argv[2])))"
)


def in_background(environ: Mapping[str, str] = os.environ) -> bool:
    """The PDF renders alongside the pages unless KTB_JOBS=1 asks for one process."""
    return environ.get("KTB_JOBS", "").strip() != "1"


def worker_main(folder: Path) -> int:
    """In the PDF process: render the job in `folder`, leave handbook.pdf and result.json there."""
    job = json.loads((folder / "job.json").read_text(encoding="utf-8"))
    html = (folder / "print.html").read_text(encoding="utf-8")
    try:
        rendered = render_pdf(html, Path(job["base_dir"]), tuple(Path(root) for root in job["roots"]))
    except PdfError as error:
        result: dict[str, Any] = {"error": str(error)}
    else:
        (folder / PDF_NAME).write_bytes(rendered.data)
        result = {"pages": rendered.pages, "warnings": list(rendered.warnings), "seconds": rendered.seconds}
    temp = folder / "result.json.tmp"
    temp.write_text(json.dumps(result), encoding="utf-8")
    os.replace(temp, folder / "result.json")
    return 0


@dataclass
class Background:
    """A PDF render running in its own process; `result()` waits for it and reads what it left."""

    key: str
    process: subprocess.Popen[bytes]
    folder: Path

    @classmethod
    def start(cls, job: PrintJob, key: str) -> Background:
        folder = Path(tempfile.mkdtemp(prefix="ktb-pdf-"))
        (folder / "print.html").write_text(job.html, encoding="utf-8")
        facts = {"base_dir": str(job.base_dir), "roots": [str(root) for root in job.roots]}
        (folder / "job.json").write_text(json.dumps(facts), encoding="utf-8")
        with open(folder / "stderr.txt", "wb") as errors:
            process = subprocess.Popen(
                [sys.executable, "-c", WORKER, str(PACKAGE_ROOT), str(folder)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=errors,
            )
        return cls(key=key, process=process, folder=folder)

    def result(self) -> Rendered:
        try:
            self.process.wait()
            found = self.folder / "result.json"
            if not found.is_file():
                errors = (self.folder / "stderr.txt").read_text(encoding="utf-8", errors="replace").strip()
                last = errors.splitlines()[-1] if errors else f"exit status {self.process.returncode}"
                raise PdfError(f"the PDF process stopped ({last})")
            result = json.loads(found.read_text(encoding="utf-8"))
            if "error" in result:
                raise PdfError(result["error"])
            data = (self.folder / PDF_NAME).read_bytes()
            return Rendered(data, int(result["pages"]), tuple(result["warnings"]), float(result["seconds"]))
        finally:
            self.stop()

    def stop(self) -> None:
        """End the process if it still runs (a build that failed first) and remove its folder."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass
class _State:
    """This process's PDF: the last finished render (live reload often rebuilds the same document)."""

    running: Background | None = None
    done_key: str = ""
    done: Rendered | None = None


_STATE = _State()


@atexit.register
def _stop_background() -> None:
    if _STATE.running is not None:
        _STATE.running.stop()


def _job_for_config(config: Any) -> PrintJob | None:
    from .edge import handbook_for

    handbook, _ = handbook_for(config)
    if handbook is None:
        return None
    language = str(config["theme"].get("language") or "en")
    return job_for(handbook, config["extra"].get("brand"), Path(config["docs_dir"]), language)


def _key(job: PrintJob) -> str:
    facts = "\n".join([str(job.base_dir), *map(str, job.roots), job.html])
    return hashlib.sha256(facts.encode("utf-8")).hexdigest()


def report_warnings(warnings: tuple[str, ...], allowed: Mapping[str, str] = ALLOWED_WARNINGS) -> int:
    """Log each WeasyPrint warning as a build warning (strict builds stop), unless allowed; return the count."""
    count = 0
    for warning in warnings:
        if any(re.search(pattern, warning) for pattern in allowed):
            log.info("PDF (allowed): %s", warning)
        else:
            log.warning("PDF: %s — fix the print stylesheet or the data it names", warning)
            count += 1
    return count


def _not_made(error: PdfError) -> Exception:
    from mkdocs.exceptions import PluginError

    return PluginError(
        f"The handbook PDF was not made: {error}. Put the file under docs/ and refer to it by a relative path."
    )


def prepare(config: Any, environ: Mapping[str, str] = os.environ) -> dict[str, Any] | None:
    """Start the PDF for this build; return what every page needs to link to it (None when off).

    The page count is PENDING_PAGES while the PDF renders in the background; `publish` fills it in.
    """
    if _STATE.running is not None:  # a build that failed before publishing: its render is moot
        _STATE.running.stop()
        _STATE.running = None
    if not enabled(environ):
        return None
    job = _job_for_config(config)
    if job is None:
        return None
    key = _key(job)
    if _STATE.done is not None and _STATE.done_key == key:
        return {"url": PDF_NAME, "pages": _STATE.done.pages}
    if in_background(environ):
        _STATE.running = Background.start(job, key)
        return {"url": PDF_NAME, "pages": PENDING_PAGES}
    try:
        rendered = render_pdf(job.html, job.base_dir, job.roots)
    except PdfError as error:
        raise _not_made(error) from None
    _STATE.done_key, _STATE.done = key, rendered
    return {"url": PDF_NAME, "pages": rendered.pages}


def fill_page_count(site_dir: Path, pages: int) -> int:
    """Put the PDF's page count into every built page that shows the placeholder; return how many pages."""
    token, count = PENDING_PAGES.encode("ascii"), str(pages).encode("ascii")
    changed = 0
    for path in site_dir.rglob("*.html"):
        data = path.read_bytes()
        if token in data:
            path.write_bytes(data.replace(token, count))
            changed += 1
    return changed


def publish(config: Any) -> Path | None:
    """Write the PDF into the built site, atomically, and give the pages its page count."""
    facts = config["extra"].get("pdf")
    if not enabled() or not facts:
        return None
    running, _STATE.running = _STATE.running, None
    if running is not None:
        try:
            rendered = running.result()
        except PdfError as error:
            raise _not_made(error) from None
        _STATE.done_key, _STATE.done = running.key, rendered
    elif _STATE.done is not None:
        rendered = _STATE.done
    else:
        return None
    report_warnings(rendered.warnings)
    log.info("PDF: %d pages rendered in %.1f s", rendered.pages, rendered.seconds)
    target = Path(config["site_dir"]) / PDF_NAME
    write_atomic(target, rendered.data)
    if facts.get("pages") == PENDING_PAGES:
        fill_page_count(Path(config["site_dir"]), rendered.pages)
        facts["pages"] = rendered.pages
    return target
