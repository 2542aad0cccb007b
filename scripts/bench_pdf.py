"""Benchmark the PDF: the shipped handbook against its HTML build, then 1,000 generated scenarios.

Run `.venv/bin/python scripts/bench_pdf.py --scale 100 1000` (`make bench` runs `--scale 100`). Each PDF
is rendered in a fresh child process that reports its own wall time, CPU time, pages laid out (re-layouts
for forward page references included) and peak resident memory (getrusage): what one `mkdocs build` pays
for the PDF. HTML builds and PDF renders alternate, so both meet the same load from other work; CPU
seconds are the steadier figure on a shared machine. Targets (issue 6): the shipped PDF takes at most 2x
the HTML build; 1,000 scenarios render within 120 s and 2 GiB. Prints a Markdown table and writes it to
BENCHMARKS.md (the "PDF" section).
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

from benchmark import build, copy_project, synthetic, write_section  # noqa: E402

TARGET_RATIO = 2.0
TARGET_SCALE_SECONDS = 120.0
TARGET_SCALE_MIB = 2048.0
SCALE = 1000

# Runs in the child: load the project, build the print document, render it; report time, pages, memory.
CHILD = """
import json, resource, sys, time
from pathlib import Path
project = Path(sys.argv[1])
sys.path.insert(0, str(project))
start = time.perf_counter()
from macros import pdf
from macros.loader import load_or_raise
handbook = load_or_raise(project)
brand_data = None
try:
    from macros import brand, brand_site
    found, problems = brand.load(project)
    if found is not None:
        brand_data = brand_site.extra(found, project / "docs")
except ImportError:
    pass
job = pdf.job_for(handbook, brand_data, project / "docs")
from weasyprint.layout import page as weasy_page
made = weasy_page.remake_page
layouts = [0]
def counted(*args):  # how many pages WeasyPrint lays out, re-layouts for forward page references included
    layouts[0] += 1
    return made(*args)
weasy_page.remake_page = counted
rendered = pdf.render_pdf(job.html, job.base_dir, job.roots)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
peak_mib, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
print(json.dumps({"seconds": seconds, "cpu": cpu, "render_seconds": rendered.seconds, "pages": rendered.pages,
                  "layouts": layouts[0],
                  "bytes": len(rendered.data), "peak_mib": peak_mib, "warnings": list(rendered.warnings),
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
    """The shipped handbook: its HTML build, its PDF alone, their ratio, and the whole build with the PDF."""
    shipped = copy_project(work / "pdf-shipped")
    build(shipped)  # warm caches
    # Interleaved, so that both see the same machine: other work on it slows whichever runs alongside.
    builds, renders = [], []
    for _ in range(runs):
        builds.append(timed_build(shipped))
        renders.append(render_in_child(shipped))
    html, html_cpu = statistics.median(b[0] for b in builds), statistics.median(b[1] for b in builds)
    pdf = statistics.median(r["seconds"] for r in renders)
    pdf_cpu = statistics.median(r["cpu"] for r in renders)
    with_pdf_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KTB_PDF": "1"}
    with_pdf = [build(shipped, env=with_pdf_env) for _ in range(runs)]
    first = renders[0]
    ratio, cpu_ratio = pdf / html, pdf_cpu / html_cpu
    return [
        ("Shipped: HTML build (KTB_PDF=0)", f"{html:.2f} s", f"CPU {html_cpu:.2f} s; median of {runs}"),
        (
            "Shipped: PDF render",
            f"{pdf:.2f} s",
            f"CPU {pdf_cpu:.2f} s; {first['pages']:.0f} pages ({first['layouts']:.0f} page layouts), "
            f"{first['bytes'] / 1024:.0f} KB, peak {first['peak_mib']:.0f} MiB; one process, imports included",
        ),
        (
            "Shipped: PDF / HTML",
            f"{ratio:.2f}×",
            f"CPU {cpu_ratio:.2f}×; target ≤ {TARGET_RATIO:.0f}× — {'met' if ratio <= TARGET_RATIO else 'NOT met'}",
        ),
        (
            "Shipped: whole build with the PDF",
            f"{statistics.median(with_pdf):.2f} s",
            "`mkdocs build --strict`, KTB_PDF=1: the PDF renders in its own process while the pages build",
        ),
    ]


def scale_rows(work: Path, scale: int) -> list[tuple[str, str, str]]:
    """`scale` generated scenarios: PDF time and peak memory (the targets are for 1,000)."""
    project = copy_project(work / f"pdf-scale-{scale}")
    synthetic(project, scale)
    big = render_in_child(project)
    targeted = scale == SCALE
    on_time = big["seconds"] <= TARGET_SCALE_SECONDS
    small = big["peak_mib"] <= TARGET_SCALE_MIB
    time_note = f"; target ≤ {TARGET_SCALE_SECONDS:.0f} s — {'met' if on_time else 'NOT met'}" if targeted else ""
    memory_note = (
        f"target ≤ {TARGET_SCALE_MIB:.0f} MiB — {'met' if small else 'NOT met'}" if targeted else "one process"
    )
    label = f"{scale:,} scenarios" + (
        f" ({big['scenarios']:.0f} with the shipped)" if big["scenarios"] != scale else ""
    )
    return [
        (
            f"{label}: PDF render",
            f"{big['seconds']:.1f} s",
            f"CPU {big['cpu']:.0f} s; {big['pages']:.0f} pages ({big['layouts']:.0f} page layouts), "
            f"{big['bytes'] / 1024 / 1024:.1f} MB{time_note}",
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
    parser.add_argument("--runs", type=int, default=3, help="timed runs per shipped figure (median is reported)")
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
