"""Benchmark the PDF: the shipped handbook against its HTML build, then 1,000 generated scenarios.

Run `.venv/bin/python scripts/bench_pdf.py` (or let `make bench` call `pdf_rows()`). Each PDF is rendered
in a fresh child process that reports its own wall time and peak resident memory (getrusage), so the
figures are what one `mkdocs build` pays for the PDF. Targets (issue 6): the shipped PDF takes at most
2x the HTML build; 1,000 scenarios render within 120 s and 2 GiB. Prints a Markdown table and writes it
to BENCHMARKS.md (the "PDF" section).
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
rendered = pdf.render_pdf(job.html, job.base_dir, job.roots)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
peak_mib, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
print(json.dumps({"seconds": seconds, "cpu": cpu, "render_seconds": rendered.seconds, "pages": rendered.pages,
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


def pdf_rows(work: Path, runs: int = 3, scale: int = SCALE) -> list[tuple[str, str, str]]:
    """The PDF rows of the benchmark table, measured in projects under `work`."""
    shipped = copy_project(work / "pdf-shipped")
    build(shipped)  # warm caches
    builds = [timed_build(shipped) for _ in range(runs)]
    html, html_cpu = statistics.median(b[0] for b in builds), statistics.median(b[1] for b in builds)
    renders = [render_in_child(shipped) for _ in range(runs)]
    pdf = statistics.median(r["seconds"] for r in renders)
    pdf_cpu = statistics.median(r["cpu"] for r in renders)
    with_pdf = statistics.median(
        build(shipped, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "KTB_PDF": "1"}) for _ in range(runs)
    )
    first = renders[0]
    ratio, cpu_ratio = pdf / html, pdf_cpu / html_cpu
    project = copy_project(work / f"pdf-scale-{scale}")
    synthetic(project, scale)
    big = render_in_child(project)
    ok_big = big["seconds"] <= TARGET_SCALE_SECONDS and big["peak_mib"] <= TARGET_SCALE_MIB
    return [
        ("Shipped: HTML build (KTB_PDF=0)", f"{html:.2f} s", f"CPU {html_cpu:.2f} s; median of {runs}"),
        (
            "Shipped: PDF render",
            f"{pdf:.2f} s",
            f"CPU {pdf_cpu:.2f} s; {first['pages']:.0f} pages, {first['bytes'] / 1024:.0f} KB, "
            f"peak {first['peak_mib']:.0f} MiB",
        ),
        (
            "Shipped: PDF / HTML",
            f"{ratio:.2f}×",
            f"CPU {cpu_ratio:.2f}×; target ≤ {TARGET_RATIO:.0f}× — {'met' if ratio <= TARGET_RATIO else 'NOT met'}",
        ),
        ("Shipped: whole build with the PDF", f"{with_pdf:.2f} s", "`mkdocs build --strict`, KTB_PDF=1"),
        (
            f"{scale:,} scenarios: PDF render",
            f"{big['seconds']:.1f} s",
            f"CPU {big['cpu']:.0f} s; {big['pages']:.0f} pages, {big['bytes'] / 1024 / 1024:.1f} MB; "
            f"target ≤ {TARGET_SCALE_SECONDS:.0f} s",
        ),
        (
            f"{scale:,} scenarios: peak memory",
            f"{big['peak_mib']:.0f} MiB",
            f"target ≤ {TARGET_SCALE_MIB:.0f} MiB — {'met' if ok_big else 'NOT met'}",
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs per shipped figure (median is reported)")
    parser.add_argument("--scale", type=int, default=SCALE, help="generated scenarios for the scale run")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ktb-bench-pdf-"))
    try:
        rows = pdf_rows(work, args.runs, args.scale)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    table = ["| measure | value | note |", "|---|---:|---|", *[f"| {a} | {b} | {c} |" for a, b, c in rows]]
    stamp = time.strftime("%Y-%m-%d %H:%M")
    text = f"## PDF ({stamp}, {os.cpu_count()} cores)\n\n" + "\n".join(table) + "\n"
    print(text)
    if not args.no_write:
        write_section(args.out, "PDF", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
