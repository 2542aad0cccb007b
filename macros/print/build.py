"""The printed editions in a MkDocs build: render both PDFs before the pages, write them into the site after."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..brand.model import Brand, brand_file, load_cached
from ..data.model import Handbook
from .data import Edition, handbook_data
from .qr import qr_svg
from .quick import quick_guide_data
from .runner import Printed, PrintError, compile_pdf, missing_glyphs

HANDBOOK_PDF = "handbook.pdf"
QUICK_GUIDE_PDF = "quick-guide.pdf"
FONT_NAME = "Atkinson Hyperlegible Next"


class PrintFailed(Exception):
    """The PDFs were not made; the message names every problem, with file and line."""


def epoch(environ: Mapping[str, str] = os.environ) -> int | None:
    """SOURCE_DATE_EPOCH, for reproducible builds; None when unset."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def edition_date(environ: Mapping[str, str] = os.environ, say: Callable[..., str] | None = None) -> str:
    """The edition date on the cover, in the edition's words: SOURCE_DATE_EPOCH's day, else today."""
    seconds = epoch(environ)
    day = datetime.fromtimestamp(seconds, tz=UTC).date() if seconds is not None else date.today()
    if say is None:
        return f"{day.day} {day:%B %Y}"
    month = say("pdf.months").split()[day.month - 1]
    return say("pdf.date", day=str(day.day), month=month, year=str(day.year))


def render(
    handbook: Handbook, brand: Brand, language: str, environ: Mapping[str, str], site_url: str = ""
) -> tuple[Printed, ...]:
    """Both printed editions, in memory: the handbook and the two-page quick guide.

    `site_url` is this edition's published address (the Spanish edition's is in /es/); empty: the brand's.
    """
    site = site_url or brand.site_url
    edition = Edition(date=edition_date(environ, handbook.say), language=language, qr_svg=qr_svg(site), site_url=site)
    stamp = epoch(environ)
    return (
        compile_pdf("handbook.typ", handbook_data(handbook, brand, edition), HANDBOOK_PDF, timestamp=stamp),
        compile_pdf("quick-guide.typ", quick_guide_data(handbook, brand, edition), QUICK_GUIDE_PDF, timestamp=stamp),
    )


def data_files(project: Path) -> list[Path]:
    """The files whose text reaches the PDFs: the brand file and every YAML file of the handbook."""
    found = [brand_file(project)]
    for folder in ("scenarios", "local"):
        found += sorted((project / folder).rglob("*.yml"))
    return [f for f in found if f.is_file()]


def glyph_problems(project: Path, characters: list[str]) -> list[str]:
    """Where each character the font lacks is written, as `file:line:col: what — how to fix`."""
    problems = []
    for char in characters:
        places = []
        for file in data_files(project):
            for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
                column = line.find(char)
                if column >= 0:
                    places.append(f"{os.path.relpath(file, project)}:{number}:{column + 1}")
        code = " ".join(f"U+{ord(c):04X}" for c in char)
        what = f"“{char}” ({code}) is not in the PDF's font, {FONT_NAME}"
        fix = "use a character the font has, or add a font that has it to macros/print/fonts/ (see README, PDF)"
        problems += [f"{place}: {what} — {fix}" for place in places] or [f"macros/print: {what} — {fix}"]
    return problems


@dataclass
class Printing:
    """The PDFs of one build, made in a thread (Typst lets go of Python's lock) while MkDocs reads the pages."""

    project: Path
    make: Callable[[], tuple[Printed, ...]]
    printed: tuple[Printed, ...] = ()
    error: PrintError | None = None
    thread: threading.Thread = field(init=False)

    def __post_init__(self) -> None:
        self.thread = threading.Thread(target=self._run, name="ktb-pdf", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            self.printed = self.make()
        except PrintError as error:
            self.error = error

    def result(self) -> tuple[Printed, ...]:
        """Wait for the PDFs; PrintFailed names every problem, with file and line."""
        self.thread.join()
        if self.error is not None:
            lines = glyph_problems(self.project, missing_glyphs(self.error)) or self.error.problems
            raise PrintFailed("The PDFs were not made:\n" + "\n".join(lines))
        return self.printed


def start(config: Any, handbook: Handbook, environ: Mapping[str, str] = os.environ) -> Printing | None:
    """Start making this build's PDFs from `handbook`, with the brand and language of `config` (MkDocs').

    None when the brand did not load (under `mkdocs serve`, which shows its problems instead of stopping).
    """
    project = Path(config["config_file_path"]).resolve().parent
    brand, _ = load_cached(project)
    if brand is None:
        return None
    language = str(config["theme"].get("language") or "en")
    environ = dict(environ)
    # The QR code and "read online" lead to this edition: macros/plugin/branding.py sets each language
    # edition's site_url to its own folder of the brand's site.
    site = str(config.get("site_url") or "") if brand.site_url else ""
    return Printing(project=project, make=lambda: render(handbook, brand, language, environ, site))


def site_facts(printed: tuple[Printed, ...]) -> dict[str, Any] | None:
    """What every page needs to link to the PDFs: `config.extra.pdf` (None when there are none)."""
    if not printed:
        return None
    handbook, quick = printed
    return {"url": handbook.name, "pages": handbook.pages, "quick_guide": {"url": quick.name, "pages": quick.pages}}


def publish(site_dir: Path, printed: tuple[Printed, ...]) -> list[Path]:
    """Write the PDFs into the built site."""
    written = []
    for item in printed:
        target = site_dir / item.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item.data)
        written.append(target)
    return written
