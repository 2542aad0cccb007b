"""Lighthouse scores of the built handbook: the home page and one scenario page, served on 127.0.0.1.

Run `.venv/bin/python scripts/lighthouse.py [--site DIR] [--preset mobile|desktop] [--no-gzip] [--runs N]`, or
call `lighthouse_scores(site)` (the benchmark report does). Needs npm's `lighthouse` 12.x from package.json
(`npm ci`), Node 20 and Debian's Chromium (CHROME_PATH=/usr/bin/chromium). Without --site it builds the
handbook (strict, no PDF) into a temporary folder first. The server behaves like a static host
(HTTP/1.1 keep-alive, gzip for text files; --no-gzip turns that off). Prints a Markdown table of
the four category scores (0-100) and, under it, every audit that kept a category below 100.
Scores move with the machine's load (Lighthouse simulates a slow phone from what it measures here):
`--runs N` runs each page N times, the pages taking turns, and prints the median of each category,
every run's performance score and the load average (1 minute) when each run started.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = "/usr/bin/chromium"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}


class _StaticHostHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files as a static host does: HTTP/1.1 keep-alive and gzip for text when asked for."""

    protocol_version = "HTTP/1.1"
    gzip = True

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class names it so
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # redirects to the folder's URL with a slash
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.gzip and wants_gzip and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(site: Path, compress: bool = True) -> Iterator[str]:
    """The folder served on 127.0.0.1 at a free port, stopped on exit; yields the base URL."""
    handler_class = type("Handler", (_StaticHostHandler,), {"gzip": compress})
    handler = functools.partial(handler_class, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def build(dest: Path) -> Path:
    """Builds the handbook (strict, PDF off: Lighthouse reads HTML) into dest; returns dest."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KTB_PDF": "0"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise SystemExit(f"the handbook did not build:\n{result.stdout}\n{result.stderr}")
    return dest


def default_pages(site: Path) -> list[str]:
    """The home page and the first scenario page (alphabetically) of the built site."""
    scenarios = sorted(
        p.relative_to(site).as_posix() for p in (site / "situations").glob("*.html") if p.name != "index.html"
    )
    return ["index.html", *scenarios[:1]]


def run_lighthouse(url: str, preset: str = "mobile") -> dict[str, Any]:
    """One Lighthouse run on url; returns its JSON report."""
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE.relative_to(ROOT)} is missing: run `npm ci` in {ROOT}")
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROME)}
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    report: dict[str, Any] = json.loads(result.stdout)
    if report.get("runtimeError"):
        raise SystemExit(f"lighthouse could not load {url}: {report['runtimeError']}")
    return report


def scores_of(report: dict[str, Any]) -> dict[str, int]:
    """The four category scores, 0-100."""
    return {name: round(float(report["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}


def shortfalls(report: dict[str, Any]) -> list[str]:
    """Each weighted audit that scored below 1 in a category below 100: `category: audit id — title`."""
    found = []
    for name in CATEGORIES:
        category = report["categories"][name]
        if category["score"] == 1:
            continue
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                found.append(f"{name}: {ref['id']} — {audit['title']}{value}")
    return found


def lighthouse_scores(
    site: Path, pages: list[str] | None = None, preset: str = "mobile", compress: bool = True, runs: int = 1
) -> dict[str, dict[str, Any]]:
    """Scores, shortfalls and runs for each page of a built site: {page: {"scores", "shortfalls", "runs"}}.

    With several runs, "scores" holds each category's median and "shortfalls" those of the run whose
    performance score is the median; "runs" lists every run's scores and the load average it started at.
    """
    pages = pages or default_pages(site)
    done: dict[str, list[tuple[dict[str, int], list[str], float]]] = {page: [] for page in pages}
    with serve(site, compress) as base:
        for _ in range(runs):
            for page in pages:  # taking turns: a busy spell on the machine touches every page alike
                load = os.getloadavg()[0]
                report = run_lighthouse(base + page, preset)
                done[page].append((scores_of(report), shortfalls(report), load))
    results: dict[str, dict[str, Any]] = {}
    for page, found in done.items():
        middle = sorted(found, key=lambda run: run[0]["performance"])[(len(found) - 1) // 2]
        results[page] = {
            "scores": {name: round(statistics.median(run[0][name] for run in found)) for name in CATEGORIES},
            "shortfalls": middle[1],
            "runs": [{"scores": run[0], "load": run[2]} for run in found],
        }
    return results


def markdown(results: dict[str, dict[str, Any]], preset: str) -> str:
    """A Markdown table of the scores, then the shortfalls, if any."""
    lines = [
        f"| page ({preset}) | " + " | ".join(CATEGORIES) + " |",
        "|---|" + "---:|" * len(CATEGORIES),
    ]
    lines += [
        f"| {page} | " + " | ".join(str(r["scores"][c]) for c in CATEGORIES) + " |" for page, r in results.items()
    ]
    if any(len(r.get("runs", [])) > 1 for r in results.values()):
        lines += ["", "Medians. Each run's performance score, with the load average (1 min) it started at:"]
        lines += [
            f"- {page}: " + ", ".join(f"{run['scores']['performance']} (load {run['load']:.2f})" for run in r["runs"])
            for page, r in results.items()
        ]
    below = [f"- {page}: {item}" for page, r in results.items() for item in r["shortfalls"]]
    if below:
        lines += ["", "Below 100 because of:", *below]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site folder (default: build one now)")
    parser.add_argument("--preset", choices=("mobile", "desktop"), default="mobile")
    parser.add_argument("--no-gzip", action="store_true", help="serve uncompressed (most static hosts gzip)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; prints the medians (default: 1)")
    parser.add_argument("pages", nargs="*", help="pages relative to the site (default: home and one scenario)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ktb-lighthouse-") as tmp:
        site = args.site or build(Path(tmp) / "site")
        results = lighthouse_scores(site, args.pages or None, args.preset, not args.no_gzip, max(1, args.runs))
    print(markdown(results, args.preset + (", no gzip" if args.no_gzip else ", gzip")))
    return 0  # a measurement, not a gate: the report says what fell short


if __name__ == "__main__":
    sys.exit(main())
