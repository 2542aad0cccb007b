"""Run the Typst compiler on a template with JSON data: bundled fonts only, PDF/UA-1, every warning an error."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import typst

HERE = Path(__file__).resolve().parent
FONTS = HERE / "fonts"
# Tagged PDF/UA-1: title, language, headings, figures with alt text, table headers.
PDF_STANDARDS: Literal["ua-1"] = "ua-1"
_MISSING_GLYPH = re.compile(r"the text `\"(.+?)\"` could not be displayed with font")
_PAGES = re.compile(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b")


@dataclass(frozen=True)
class Printed:
    """A finished PDF in memory and how long it took."""

    name: str
    data: bytes
    pages: int
    seconds: float


class PrintError(Exception):
    """Typst refused or warned about the document; `problems` say what and where, one a line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def page_count(pdf: bytes) -> int:
    """The number of pages, from the PDF's page tree (Typst writes it uncompressed)."""
    counts = [int(a or b) for a, b in _PAGES.findall(pdf)]
    if not counts:
        raise ValueError("no page tree found in the PDF")
    return max(counts)


def _diagnostic(item: Any) -> str:
    """One Typst error or warning as `where: what (hint)`, from the compiler's own report."""
    text = str(getattr(item, "diagnostic", "") or "")
    place = re.search(r"┌─ (\S+:\d+:\d+)", text)
    where = place.group(1) if place else ""
    if where:
        where = re.sub(r"^.*?(macros/print/)", r"\1", where)
    message = str(getattr(item, "message", item))
    hints = "; ".join(str(h) for h in getattr(item, "hints", []) or [])
    return f"{where + ': ' if where else ''}{message}" + (f" ({hints})" if hints else "")


def missing_glyphs(error: BaseException) -> list[str]:
    """The characters the bundled font lacks, from a PDF/UA-1 error."""
    return sorted(set(_MISSING_GLYPH.findall(str(error))))


def compile_pdf(
    template: str, data: dict[str, Any], name: str, *, timestamp: int | None = None, root: Path | None = None
) -> Printed:
    """Lay out `data` with `template` (a file next to this module) into PDF bytes, or raise PrintError."""
    start = time.perf_counter()
    compiler = typst.Compiler(
        str(HERE / template),
        root=str(root or Path(HERE.anchor)),
        font_paths=[str(FONTS)],
        ignore_system_fonts=True,
    )
    try:
        pdf, warnings = compiler.compile_with_warnings(
            format="pdf", sys_inputs={"data": json.dumps(data)}, pdf_standards=PDF_STANDARDS, timestamp=timestamp
        )
    except typst.TypstError as error:
        raise PrintError(_error_lines(error)) from None
    if warnings:
        raise PrintError([f"warning: {_diagnostic(w)}" for w in warnings])
    assert isinstance(pdf, bytes)
    return Printed(name=name, data=pdf, pages=page_count(pdf), seconds=time.perf_counter() - start)


def _error_lines(error: typst.TypstError) -> list[str]:
    diagnostic = str(getattr(error, "diagnostic", "") or "")
    blocks = [b for b in re.split(r"\n(?=error: )", diagnostic.strip()) if b.strip()] or [str(error)]
    lines = []
    for block in blocks:
        place = re.search(r"┌─ (\S+:\d+:\d+)", block)
        first = block.splitlines()[0].removeprefix("error: ")
        hint = re.findall(r"= hint: (.*)", block)
        where = re.sub(r"^.*?(macros/print/)", r"\1", place.group(1)) if place else ""
        lines.append(f"{where + ': ' if where else ''}{first}" + (f" ({'; '.join(hint)})" if hint else ""))
    return list(dict.fromkeys(lines))
