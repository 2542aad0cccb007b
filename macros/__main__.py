"""`python -m macros check [PROJECT_DIR]`: validate the handbook data without building the site."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .brand import model as brand
from .data import forkfiles, i18n
from .data.loader import load
from .data.problems import HandbookError
from .plugin import local_site
from .site.reserved import RESERVED


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate every file in scenarios/ and report all problems")
    check.add_argument("project", nargs="?", default=".", type=Path, help="folder that holds scenarios/ (default: .)")
    tr = sub.add_parser("translations", help="work on the translations in scenarios/<lang>/")
    tr_sub = tr.add_subparsers(dest="action", required=True)
    st = tr_sub.add_parser("stamp", help="fill or refresh each translated unit's `source:` hash")
    st.add_argument("lang", help="the language folder, like es")
    st.add_argument("project", nargs="?", default=".", type=Path)
    args = parser.parse_args(argv)
    if args.command == "translations":
        return _stamp(args.project, args.lang)
    handbook, problems = load(args.project, reserved=RESERVED)
    # The brand file too (brand.yml, or $KTB_BRAND), when the project has one: a fork checks both at once.
    the_brand, brand_problems = (
        brand.load(args.project)
        if brand.brand_file(args.project).exists() or os.environ.get(brand.BRAND_ENV)
        else (None, [])
    )
    _, site_problems = local_site.load(args.project)  # a fork's local/site.yml and local/docs/
    problems = [*problems, *brand_problems, *site_problems]
    for warning in forkfiles.stray_files(args.project):
        print(f"warning: {warning}", file=sys.stderr)
    if handbook is None or brand_problems or site_problems:
        print(HandbookError(problems).report(), file=sys.stderr)
        return 1
    lines, failed = i18n.check_report(args.project, RESERVED)  # each language edition: missing or stale translations
    for line in lines:
        print(line, file=sys.stderr if not line.startswith("OK") else sys.stdout)
    if failed:
        return 1
    templates = len(handbook.templates())
    print(f"OK: {len(handbook.scenarios)} scenarios, {templates} templates, {len(handbook.fields)} fields.")
    if the_brand is not None:
        print(f"OK: brand '{the_brand.name}' from {the_brand.source}.")
    return 0


def _stamp(project: Path, lang: str) -> int:
    """Write the English hash into each translated unit of `lang`; only `source:` lines change."""
    changed, problems = i18n.stamp(project, lang, RESERVED)
    for problem in problems:
        print(problem, file=sys.stderr)
    for rel in changed:
        print(f"stamped {rel}")
    if not changed and not problems:
        print(f"every '{lang}' translation was already stamped")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
