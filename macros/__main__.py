"""`python -m macros check [PROJECT_DIR]`: validate the handbook data without building the site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .loader import load
from .problems import HandbookError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate every file in scenarios/ and report all problems")
    check.add_argument("project", nargs="?", default=".", type=Path, help="folder that holds scenarios/ (default: .)")
    args = parser.parse_args(argv)
    handbook, problems = load(args.project)
    if handbook is None:
        print(HandbookError(problems).report(), file=sys.stderr)
        return 1
    templates = len(handbook.templates())
    print(f"OK: {len(handbook.scenarios)} scenarios, {templates} templates, {len(handbook.fields)} fields.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
