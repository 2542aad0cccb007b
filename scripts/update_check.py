"""What changed upstream in the files a fork overrides, before it merges: `make update-check`.

A fork never edits our files; it replaces some of them from local/ (FORKING.md). A merge then never
conflicts, but it can still surprise: we improve a guide the fork replaced, or a scenario it changed,
and the fork keeps publishing its own version without knowing. This lists, for the commits on the
upstream branch since the fork last merged it, every changed upstream file that the fork overrides:

- docs/PATH, replaced by local/docs/PATH (also when upstream adds a page at a path the fork uses);
- scenarios/ID.yml, changed by local/scenarios/*.yml with that `id`;
- scenarios/_fields.yml, _categories.yml and _flowchart.yml, extended or replaced by local/scenarios/;
- brand.yml, which the fork owns (new brand fields show up here).

Usage: python scripts/update_check.py [--upstream upstream/main] [--fetch] [--diff] [--fail-on-change]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from macros.data.yamlsource import read

SHARED_DATA = ("_fields.yml", "_categories.yml", "_flowchart.yml")


class GitError(Exception):
    """A git command failed: the message says which and why."""


@dataclass(frozen=True)
class Override:
    """An upstream file and the fork's file that takes its place or changes it."""

    upstream: str
    local: str
    how: str


@dataclass(frozen=True)
class Change:
    override: Override
    status: str  # A, M, D (git's letters)
    added: int
    removed: int


def git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise GitError(f"git {' '.join(args)} failed: {result.stderr.strip() or result.stdout.strip()}")
    return result.stdout


def _scenario_id(file: Path, root: Path) -> str | None:
    src, problems = read(file, file.relative_to(root).as_posix())
    if src is None or problems or not isinstance(src.data, dict):
        return None
    sid = src.data.get("id")
    return sid if isinstance(sid, str) else None


def overrides(root: Path) -> list[Override]:
    """Every upstream path the fork's local/ folder and brand.yml stand in for."""
    found: list[Override] = []
    docs = root / "local" / "docs"
    if docs.is_dir():
        for file in sorted(p for p in docs.rglob("*") if p.is_file()):
            rel = file.relative_to(docs).as_posix()
            found.append(Override(f"docs/{rel}", f"local/docs/{rel}", "published instead of ours"))
    scenarios = root / "local" / "scenarios"
    if scenarios.is_dir():
        for file in sorted(scenarios.glob("*.yml")):
            if file.name in SHARED_DATA:
                how = "used instead of ours" if file.name == "_flowchart.yml" else "merged with ours by id"
                found.append(Override(f"scenarios/{file.name}", f"local/scenarios/{file.name}", how))
            elif not file.name.startswith("_"):
                sid = _scenario_id(file, root)
                if sid:
                    found.append(Override(f"scenarios/{sid}.yml", f"local/scenarios/{file.name}", f"changes '{sid}'"))
    if (root / "brand.yml").is_file():
        found.append(Override("brand.yml", "brand.yml", "yours (merge=ours)"))
    return found


def changes(root: Path, upstream: str) -> tuple[str, list[Change]]:
    """The merge base, and each overridden file that changed between it and `upstream`."""
    base = git(root, "merge-base", "HEAD", upstream).strip()
    by_path = {o.upstream: o for o in overrides(root)}
    if not by_path:
        return base, []
    paths = sorted(by_path)
    status = {}
    for line in git(root, "diff", "--no-renames", "--name-status", base, upstream, "--", *paths).splitlines():
        letter, path = line.split("\t", 1)
        status[path] = letter[0]
    found: list[Change] = []
    for line in git(root, "diff", "--no-renames", "--numstat", base, upstream, "--", *paths).splitlines():
        added, removed, path = line.split("\t", 2)
        plus = int(added) if added.isdigit() else 0
        minus = int(removed) if removed.isdigit() else 0
        found.append(Change(by_path[path], status.get(path, "M"), plus, minus))
    return base, sorted(found, key=lambda c: c.override.upstream)


def report(root: Path, upstream: str, base: str, found: list[Change], diff: bool) -> str:
    short = base[:10]
    if not found:
        return f"Nothing you override changed in {upstream} since you last merged it ({short})."
    noun = "file" if len(found) == 1 else "files"
    lines = [f"{upstream} changed {len(found)} {noun} that you override, since you last merged it ({short}):", ""]
    for change in found:
        override = change.override
        what = {"A": "added upstream", "D": "deleted upstream"}.get(change.status, "changed")
        lines.append(f"  {override.upstream}: {what}, +{change.added} -{change.removed}")
        lines.append(f"      your {override.local}: {override.how}")
    lines += ["", "Compare them with your versions before you merge. To see the changes:"]
    lines.append(f"  git diff {short} {upstream} -- " + " ".join(c.override.upstream for c in found))
    if diff:
        lines += ["", git(root, "diff", base, upstream, "--", *(c.override.upstream for c in found)).rstrip()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--upstream", default="upstream/main", help="the upstream branch (default: upstream/main)")
    parser.add_argument("--fetch", action="store_true", help="git fetch the upstream remote first")
    parser.add_argument("--diff", action="store_true", help="print the changes too")
    parser.add_argument("--fail-on-change", action="store_true", help="exit 1 when something you override changed")
    parser.add_argument("--project", type=Path, default=Path("."), help="the fork's folder (default: .)")
    args = parser.parse_args(argv)
    root = args.project.resolve()
    try:
        if args.fetch and "/" in args.upstream:
            git(root, "fetch", "--quiet", args.upstream.split("/", 1)[0])
        try:
            git(root, "rev-parse", "--verify", "--quiet", f"{args.upstream}^{{commit}}")
        except GitError:
            raise GitError(f"there is no branch '{args.upstream}' in this clone") from None
        base, found = changes(root, args.upstream)
    except GitError as error:
        print(
            f"{error}\nAdd our repository once with `git remote add upstream URL` (FORKING.md, step 1), "
            "or name another branch with --upstream.",
            file=sys.stderr,
        )
        return 2
    print(report(root, args.upstream, base, found, args.diff))
    return 1 if found and args.fail_on_change else 0


if __name__ == "__main__":
    sys.exit(main())
