"""Benchmark the PDFs (Typst): the shipped handbook against its HTML build, then generated scenarios.

Run `.venv/bin/python scripts/bench_pdf.py --scale 100 1000` (`make bench` runs `--scale 100`). Both PDFs
are rendered in a fresh child process that reports its own wall time, CPU time and peak resident memory
(getrusage), imports included: what one `mkdocs build` pays for them. The HTML build (KTB_PDF=0), the PDFs
alone and the whole build with both PDFs alternate in one run, so all meet the same load from other work.
Targets (issue 12): the shipped PDFs take at most 0.5x the HTML build, and the whole build with both PDFs at
most 1.3x the build without; 1,000 scenarios: the handbook PDF within 20 s and 2.5 GiB. Prints a Markdown
table and writes it to BENCHMARKS.md (the "PDF" section).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from benchmark import ENV, build, copy_project, synthetic, write_section  # noqa: E402

TARGET_RATIO = 0.5
TARGET_WHOLE_RATIO = 1.3
TARGET_SCALE_SECONDS = 20.0
TARGET_SCALE_MIB = 2.5 * 1024
SCALE = 1000

# Runs in the child: load the project and its brand, render both PDFs; report time, pages, memory.
CHILD = """
import json, resource, sys, time
from pathlib import Path
project = Path(sys.argv[1])
sys.path.insert(0, str(project))
start = time.perf_counter()
from macros.brand import model as brand
from macros.data.loader import load_or_raise
from macros.print import build
handbook = load_or_raise(project)
found, problems = brand.load(project)
assert found is not None, problems
printed = build.render(handbook, found, "en", {})
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
handbook_pdf, guide = printed
print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_mib": usage.ru_maxrss / 1024,
                  "handbook_seconds": handbook_pdf.seconds, "pages": handbook_pdf.pages,
                  "bytes": len(handbook_pdf.data), "guide_seconds": guide.seconds, "guide_pages": guide.pages,
                  "scenarios": len(handbook.scenarios)}))
"""


def render_in_child(project: Path) -> dict[str, float]:
    """One PDF render of `project` in a fresh Python process; its own time and peak RSS."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(project)], cwd=project, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"PDF render failed in {project}:\n{result.stdout}\n{result.stderr}")
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(project: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one HTML-only build (CPU stays honest when other work shares the machine)."""
    before = children_cpu()
    wall = build(project)
    return wall, children_cpu() - before


def shipped_rows(work: Path, runs: int) -> list[tuple[str, str, str]]:
    """The shipped handbook: its HTML build, both PDFs alone, the whole build with them, and the ratios."""
    shipped = copy_project(work / "pdf-shipped")
    build(shipped)  # warm caches
    with_pdf_env = {**ENV, "KTB_PDF": "1"}
    # Interleaved, so that all three see the same machine: other work on it slows whichever runs alongside.
    builds, renders, wholes = [], [], []
    for _ in range(runs):
        builds.append(timed_build(shipped))
        renders.append(render_in_child(shipped))
        before = children_cpu()
        wholes.append((build(shipped, env=with_pdf_env), children_cpu() - before))
    html, html_cpu = statistics.median(b[0] for b in builds), statistics.median(b[1] for b in builds)
    pdf, pdf_cpu = statistics.median(r["seconds"] for r in renders), statistics.median(r["cpu"] for r in renders)
    whole, whole_cpu = statistics.median(w[0] for w in wholes), statistics.median(w[1] for w in wholes)
    first = renders[0]
    ratio, whole_ratio = pdf / html, whole / html
    return [
        ("Shipped: HTML build (KTB_PDF=0)", f"{html:.2f} s", f"CPU {html_cpu:.2f} s; median of {runs}"),
        (
            "Shipped: both PDFs, alone",
            f"{pdf:.2f} s",
            f"CPU {pdf_cpu:.2f} s; handbook {first['pages']:.0f} pages in {first['handbook_seconds']:.2f} s, "
            f"{first['bytes'] / 1024:.0f} KB; quick guide {first['guide_pages']:.0f} pages in "
            f"{first['guide_seconds']:.2f} s; peak {first['peak_mib']:.0f} MiB; one process, imports included",
        ),
        (
            "Shipped: PDFs / HTML build",
            f"{ratio:.2f}×",
            f"CPU {pdf_cpu / html_cpu:.2f}×; target ≤ {TARGET_RATIO}× — "
            f"{'met' if ratio <= TARGET_RATIO else 'NOT met'}",
        ),
        ("Shipped: whole build with both PDFs", f"{whole:.2f} s", f"CPU {whole_cpu:.2f} s; `mkdocs build --strict`"),
        (
            "Shipped: with PDFs / without",
            f"{whole_ratio:.2f}×",
            f"CPU {whole_cpu / html_cpu:.2f}×; target ≤ {TARGET_WHOLE_RATIO}× — "
            f"{'met' if whole_ratio <= TARGET_WHOLE_RATIO else 'NOT met'}",
        ),
    ]


def scale_rows(work: Path, scale: int) -> list[tuple[str, str, str]]:
    """`scale` generated scenarios: PDF time and peak memory (the targets are for 1,000)."""
    project = copy_project(work / f"pdf-scale-{scale}")
    synthetic(project, scale)
    big = render_in_child(project)
    targeted = scale == SCALE
    on_time = big["handbook_seconds"] <= TARGET_SCALE_SECONDS
    small = big["peak_mib"] <= TARGET_SCALE_MIB
    time_note = f"; target ≤ {TARGET_SCALE_SECONDS:.0f} s — {'met' if on_time else 'NOT met'}" if targeted else ""
    memory_note = (
        f"target ≤ {TARGET_SCALE_MIB:.0f} MiB (2.5 GiB) — {'met' if small else 'NOT met'}"
        if targeted
        else "one process"
    )
    label = f"{scale:,} scenarios" + (
        f" ({big['scenarios']:.0f} with the shipped)" if big["scenarios"] != scale else ""
    )
    return [
        (
            f"{label}: handbook PDF",
            f"{big['handbook_seconds']:.1f} s",
            f"{big['pages']:.0f} pages, {big['bytes'] / 1024 / 1024:.1f} MB{time_note}; with imports, loading and "
            f"the quick guide {big['seconds']:.1f} s, CPU {big['cpu']:.0f} s",
        ),
        (f"{label}: peak memory", f"{big['peak_mib']:.0f} MiB", memory_note),
    ]


def pdf_rows(work: Path, runs: int = 3, scales: tuple[int, ...] = (SCALE,)) -> list[tuple[str, str, str]]:
    """The PDF rows of the benchmark table, measured in projects under `work`."""
    rows = shipped_rows(work, runs)
    for scale in scales:
        rows += scale_rows(work, scale)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per shipped figure (median is reported)")
    parser.add_argument(
        "--scale", type=int, nargs="+", default=[SCALE], help="generated scenarios for each scale run (e.g. 100 1000)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    args = parser.parse_args()
    before_load = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="ktb-bench-pdf-"))
    try:
        rows = pdf_rows(work, args.runs, tuple(args.scale))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    table = ["| measure | value | note |", "|---|---:|---|", *[f"| {a} | {b} | {c} |" for a, b, c in rows]]
    stamp = time.strftime("%Y-%m-%d %H:%M")
    load = " / ".join(f"{x:.1f}" for x in (before_load, os.getloadavg()[0]))
    text = (
        f"## PDF ({stamp}, {os.cpu_count()} cores, load average {load} before / after)\n\n"
        + "\n".join(table)
        + "\n\nWall times vary with other work on the machine; CPU seconds are steadier, compare those.\n"
    )
    print(text)
    if not args.no_write:
        write_section(args.out, "PDF", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
