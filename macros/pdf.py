"""Render the print edition to PDF with WeasyPrint: local files only, warnings surfaced, never half-written."""

from __future__ import annotations

import gc
import logging
import mimetypes
import os
import re
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
from .model import Handbook

PDF_NAME = "handbook.pdf"
STYLESHEET = Path(__file__).with_name("print_handbook.css")
PAGE_HEIGHT_MM = {"A4": 297.0, "Letter": 279.4}
COVER_MARGINS_MM = 44.0  # top + bottom margin of `@page cover` in the stylesheet
OFF_VALUES = frozenset({"0", "false", "no", "off"})
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
    return environ.get("KTB_PDF", "1").strip().lower() not in OFF_VALUES


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


# --- MkDocs glue: render before the pages (they show the page count), write after ----


def _render_for(config: Any) -> Rendered | None:
    from .edge import handbook_for

    handbook, _ = handbook_for(config)
    if handbook is None:
        return None
    language = str(config["theme"].get("language") or "en")
    job = job_for(handbook, config["extra"].get("brand"), Path(config["docs_dir"]), language)
    return render_pdf(job.html, job.base_dir, job.roots)


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


def prepare(config: Any) -> dict[str, Any] | None:
    """Render the PDF for this build and return what every page needs to link to it (None when off)."""
    if not enabled():
        return None
    try:
        rendered = _render_for(config)
    except PdfError as error:
        from mkdocs.exceptions import PluginError

        raise PluginError(
            f"The handbook PDF was not made: {error}. Put the file under docs/ and refer to it by a relative path."
        ) from None
    if rendered is None:
        return None
    report_warnings(rendered.warnings)
    log.info("PDF: %d pages rendered in %.1f s", rendered.pages, rendered.seconds)
    return {"url": PDF_NAME, "pages": rendered.pages, "size": len(rendered.data)}


def publish(config: Any) -> Path | None:
    """Write the PDF rendered by `prepare` into the built site, atomically."""
    if not enabled() or not config["extra"].get("pdf"):
        return None
    rendered = _render_for(config)
    if rendered is None:
        return None
    target = Path(config["site_dir"]) / PDF_NAME
    write_atomic(target, rendered.data)
    return target
