"""Benchmark the build: the shipped handbook against a static-Markdown baseline, then 100 and 1,000 scenarios.

Run `make bench` (or `.venv/bin/python scripts/benchmark.py`). Every figure is measured in this run:
the baseline is the same site with the macros' output pasted in as static Markdown (no macros plugin,
no hooks), built with the same MkDocs, theme and plugins. Prints a Markdown table and writes it to
BENCHMARKS.md (the engine section). Builds run with KTB_PDF=0; the PDF has its own benchmark.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("mkdocs.yml", "docs", "overrides", "macros", "scenarios")
OPTIONAL_PARTS = ("brand.yml", "local", "examples")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KTB_PDF": "0"}


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for part in (*PARTS, *OPTIONAL_PARTS):
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.is_file():
            shutil.copy2(src, dest / part)
    return dest


ONE_PROCESS = {**ENV, "KTB_JOBS": "1"}
ENGLISH = {**ENV, "KTB_LANGUAGES": "en"}  # the English edition alone: what the static baseline holds
LIGHTHOUSE_RUNS = 3


def build(project: Path, config: str = "mkdocs.yml", env: dict[str, str] | None = None) -> float:
    """Wall time of one `mkdocs build --strict` in a fresh process, as a user runs it (pages in two
    processes on a machine with two CPUs; `env=ONE_PROCESS` measures one)."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config],
        cwd=project,
        env=env or ENV,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{result.stdout}\n{result.stderr}")
    return elapsed


def median_build(project: Path, runs: int, config: str = "mkdocs.yml", env: dict[str, str] | None = None) -> float:
    build(project, config, env)  # warm the file cache and Python's bytecode cache
    return statistics.median(build(project, config, env) for _ in range(runs))


def interleaved(project: Path, runs: int, builds: list[tuple[str, dict[str, str]]]) -> list[float]:
    """The median time of each (config, environment) build, run in turn so that a machine slowing down or
    speeding up during the run weighs on every one alike."""
    for config, env in builds:
        build(project, config, env)  # warm the file and bytecode caches
    times: list[list[float]] = [[] for _ in builds]
    for _ in range(runs):
        for index, (config, env) in enumerate(builds):
            times[index].append(build(project, config, env))
    return [statistics.median(found) for found in times]


def static_baseline(project: Path) -> Path:
    """The same site with every page's post-macro Markdown written out and the macros switched off."""
    dump = project / ".dump"
    # One process, so that every page passes through the dump hook here (scripts/dump_hook.py).
    shutil.copy2(ROOT / "scripts" / "dump_hook.py", project / "dump_hook.py")
    dumping = {"INHERIT": "mkdocs.yml", "hooks": ["dump_hook.py"]}
    (project / "mkdocs.dump.yml").write_text(yaml.safe_dump(dumping), encoding="utf-8")
    build(project, "mkdocs.dump.yml", env={**ONE_PROCESS, "KTB_DUMP_DIR": str(dump)})
    facts = json.loads((dump / "config.json").read_text(encoding="utf-8"))
    static_docs = project / "docs_static"
    shutil.copytree(project / "docs", static_docs)
    shutil.copytree(dump / "docs", static_docs, dirs_exist_ok=True)
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", "")) or {}
    ours = {"macros", "keep-the-bridge"}
    plugins = [p for p in config.get("plugins", []) if (p if isinstance(p, str) else next(iter(p))) not in ours]
    child = {
        "INHERIT": "mkdocs.yml",
        "docs_dir": "docs_static",
        "site_dir": "site_static",
        "hooks": [],
        "plugins": plugins,
        "watch": [],
        **{key: facts[key] for key in ("site_name", "site_url", "copyright", "nav", "extra") if facts.get(key)},
    }
    if facts.get("theme"):
        child["theme"] = facts["theme"]
    (project / "mkdocs.static.yml").write_text(yaml.safe_dump(child, sort_keys=False), encoding="utf-8")
    return project


def synthetic(project: Path, count: int) -> None:
    """Replace the scenarios with `count` generated ones, cloned from the shipped files with new ids."""
    folder = project / "scenarios"
    originals = [p for p in sorted(folder.glob("*.yml")) if not p.name.startswith("_")]
    sources = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in originals]
    schema = json.loads((folder / "schema" / "scenario.schema.json").read_text(encoding="utf-8"))
    can_opt_out = "flowchart" in schema.get("properties", {})
    keep = {p.stem for p in originals}
    for index in range(count):
        data = dict(sources[index % len(sources)])
        new_id = f"{data['id']}-{index:04d}"
        data["id"] = new_id
        data["title"] = f"{data['title']} (variant {index})"
        data["related"] = [r for r in data.get("related", []) if r in keep]
        data["templates"] = [{**t, "id": f"{t['id']}-{index:04d}"} for t in data["templates"]]
        if can_opt_out:
            data["flowchart"] = False
        header = "# yaml-language-server: $schema=schema/scenario.schema.json\n"
        (folder / f"{new_id}.yml").write_text(
            header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )


def site_figures(site: Path) -> dict[str, float]:
    pages = list(site.rglob("*.html"))
    largest = max(pages, key=lambda p: p.stat().st_size)
    index = site / "search" / "search_index.json"
    return {
        "pages": len(pages),
        "largest_kb": largest.stat().st_size / 1024,
        "largest": str(largest.relative_to(site)),
        "index_kb": index.stat().st_size / 1024 if index.exists() else 0.0,
    }


def page_weight(site: Path, page: str) -> int:
    """Bytes a browser fetches for one page: its HTML plus the local CSS and JS it links (fonts: none)."""
    html_file = site / page
    html = html_file.read_text(encoding="utf-8")
    total = len(html.encode("utf-8"))
    seen: set[Path] = set()
    for ref in re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"#?]+\.(?:css|js))', html):
        target = (html_file.parent / ref).resolve()
        if target.is_file() and target not in seen:
            seen.add(target)
            total += target.stat().st_size
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed builds per figure (median is reported)")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse scores")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ktb-bench-"))
    try:
        load_before = os.getloadavg()[0]
        shipped = copy_project(work / "shipped")
        static_baseline(shipped)
        shipped_runs = max(args.runs, 9)  # builds under a second: more of them, interleaved, so drift hits all four
        # The static baseline holds the English pages only (the other editions are built by our plugin), so
        # the ratios compare it with the English edition alone; the build of both editions has its own row.
        t_shipped, t_shipped_one, t_static, t_both = interleaved(
            shipped,
            shipped_runs,
            [
                ("mkdocs.yml", ENGLISH),
                ("mkdocs.yml", {**ONE_PROCESS, **ENGLISH}),
                ("mkdocs.static.yml", ENV),
                ("mkdocs.yml", ENV),
            ],
        )
        shipped_site = site_figures(shipped / "site")
        rows = []
        scale: dict[int, tuple[float, dict[str, float]]] = {}
        for count in (100, 1000):
            project = copy_project(work / f"scale-{count}")
            synthetic(project, count)
            seconds = median_build(project, args.runs)
            scale[count] = (seconds, site_figures(project / "site"))
        t_one_1000 = build(project, env=ONE_PROCESS)
        # What the raw-HTML stash saves (raw_html_stash: false lets Python-Markdown parse every block).
        t_raw_off_1000 = build(project, env={**ONE_PROCESS, "KTB_RAW_HTML": "0"})
        # What MkDocs and Material alone take for the same 1,000-scenario pages (static Markdown).
        static_baseline(project)
        t_static_1000 = build(project, "mkdocs.static.yml")
        t_english_1000 = build(project, env=ENGLISH)
        ratio = t_shipped / t_static
        rows.append(("Shipped handbook, HTML build, English edition", f"{t_shipped:.2f} s", "KTB_LANGUAGES=en"))
        rows.append(("Static-Markdown baseline (English pages), same run", f"{t_static:.2f} s", ""))
        rows.append(("Ratio shipped / baseline", f"{ratio:.2f}×", "target ≤ 1.15×"))
        rows.append(
            (
                "Shipped, pages in one process (KTB_JOBS=1)",
                f"{t_shipped_one:.2f} s",
                f"ratio {t_shipped_one / t_static:.2f}× the baseline",
            )
        )
        rows.append(
            (
                "Shipped, both editions (English and Spanish), as `make site` builds",
                f"{t_both:.2f} s",
                f"{shipped_site['pages']:.0f} pages",
            )
        )
        rows.append(("Shipped: largest page", f"{shipped_site['largest_kb']:.1f} KB", str(shipped_site["largest"])))
        rows.append(("Shipped: search index", f"{shipped_site['index_kb']:.1f} KB", ""))
        for label, page in (("home page", "index.html"), ("a scenario page", "situations/bad-reviews.html")):
            if (shipped / "site" / page).is_file():
                weight = page_weight(shipped / "site", page) / 1024
                rows.append((f"Page weight, {label}", f"{weight:.0f} KB", "HTML + CSS + JS, uncompressed"))
        for count, (seconds, figures) in scale.items():
            scenarios_pages = count
            rows.append(
                (
                    f"{count} scenarios: build",
                    f"{seconds:.2f} s",
                    f"{1000 * seconds / figures['pages']:.1f} ms per page ({figures['pages']:.0f} pages)",
                )
            )
            rows.append(
                (
                    f"{count} scenarios: largest page",
                    f"{figures['largest_kb']:.1f} KB",
                    f"{figures['largest']}; target ≤ 80 KB",
                )
            )
            rows.append(
                (f"{count} scenarios: search index", f"{figures['index_kb']:.0f} KB", f"{scenarios_pages} scenarios")
            )
        t100, t1000 = scale[100][0], scale[1000][0]
        rows.append(("time(1,000) / time(100)", f"{t1000 / t100:.2f}", "target ≤ 11"))
        rows.append(("1,000 scenarios within 15 s", "yes" if t1000 <= 15 else "no", f"{t1000:.2f} s"))
        rows.append(("1,000 scenarios, pages in one process (KTB_JOBS=1)", f"{t_one_1000:.2f} s", "one build"))
        rows.append(
            (
                "1,000 scenarios, one process, no raw-HTML stash (KTB_RAW_HTML=0)",
                f"{t_raw_off_1000:.2f} s",
                f"ratio {t_raw_off_1000 / t_one_1000:.2f}× the one-process build with the stash",
            )
        )
        rows.append(
            (
                "1,000 scenarios: static-Markdown baseline",
                f"{t_static_1000:.2f} s",
                f"ratio {t_english_1000 / t_static_1000:.2f}× (English edition {t_english_1000:.2f} s): MkDocs + "
                "Material alone, same pages",
            )
        )
        table = ["| measure | value | note |", "|---|---:|---|", *[f"| {a} | {b} | {c} |" for a, b, c in rows]]
        stamp = time.strftime("%Y-%m-%d %H:%M")
        text = (
            f"## Engine build ({stamp}, {os.cpu_count()} cores, median of {args.runs} builds; "
            f"shipped: {shipped_runs} each, interleaved)\n\n"
            + "\n".join(table)
            + f"\n\nLoad average when the run started: {load_before:.2f} (above 0.5, another job shared the CPUs).\n"
        )
        print(text)
        write_section(args.out, "Engine build", text)
        if not args.no_lighthouse:
            from lighthouse import LIGHTHOUSE, lighthouse_scores, markdown

            if LIGHTHOUSE.exists():
                # Lighthouse simulates a slow phone from what it measures here, so one run moves with the
                # machine's load: the medians of three runs per page, the pages taking turns.
                results = lighthouse_scores(shipped / "site", runs=LIGHTHOUSE_RUNS)
                section = (
                    f"## Lighthouse ({stamp}, mobile preset, gzip like a static host, "
                    f"median of {LIGHTHOUSE_RUNS} runs)\n\n"
                )
                section += markdown(results, "mobile") + "\n"
                print(section)
                write_section(args.out, "Lighthouse", section)
            else:
                print("Lighthouse skipped: run `make test` once to install the npm tools.")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def write_section(out: Path, title: str, text: str) -> None:
    """Replace (or add) one `## title` section of BENCHMARKS.md, keeping the others."""
    existing = out.read_text(encoding="utf-8") if out.exists() else "# Benchmarks\n\nMeasured by `make bench`.\n"
    sections = existing.split("\n## ")
    kept = [s for s in sections[1:] if not s.startswith(title)]
    out.write_text("\n## ".join([sections[0].rstrip() + "\n", *kept]).rstrip() + "\n\n" + text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
