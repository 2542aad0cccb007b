"""Benchmark the language editions: the two-language build against the English-only build, interleaved.

Run `.venv/bin/python scripts/bench_languages.py` (or `make bench-languages`). Both builds are the
shipped handbook, `mkdocs build --strict` in a fresh process, one after the other in turn so that a
machine slowing down weighs on both alike; English-only is the same project with KTB_LANGUAGES=en
(the `extra.languages` setting). Writes the figures into BENCHMARKS.md (the "Languages" section).
Target (issue 16): the two-language build at most 2.2x the English-only build.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmark import ENV, ROOT, copy_project, interleaved, write_section

LIMIT = 2.2


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed builds of each kind (median is reported)")
    parser.add_argument("--pdf", action="store_true", help="make the PDFs too (KTB_PDF=1), as `make site` does")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args()
    env = {**ENV, "KTB_PDF": "1" if args.pdf else "0"}
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "handbook")
        english, both = interleaved(
            project, args.runs, [("mkdocs.yml", {**env, "KTB_LANGUAGES": "en"}), ("mkdocs.yml", env)]
        )
    load_after = os.getloadavg()
    ratio = both / english
    verdict = "within" if ratio <= LIMIT else "OVER"
    stamp = time.strftime("%Y-%m-%d %H:%M")
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    text = (
        f"## Languages ({stamp}, {cpus} cores, median of {args.runs} interleaved builds each, "
        f"PDFs {'on' if args.pdf else 'off'}, "
        f"load average {load_before[0]:.1f} / {load_after[0]:.1f} before / after)\n\n"
        "`scripts/bench_languages.py`: the shipped handbook built with `extra.languages: [en, es]` (the Spanish\n"
        "edition is a second `mkdocs build` started by the first and run alongside it) against the same\n"
        "project built English-only (`KTB_LANGUAGES=en`).\n\n"
        "| build | wall time |\n|---|---|\n"
        f"| English only | {english:.2f} s |\n| English + Spanish | {both:.2f} s |\n\n"
        f"Ratio: **{ratio:.2f}x** ({verdict} the {LIMIT}x target of issue 16).\n"
    )
    print(text)
    write_section(args.out, "Languages", text)
    return 0 if ratio <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
