"""A fork's own pages and site settings: local/docs/ (pages that replace or join ours) and local/site.yml.

- `local/docs/PATH` replaces `docs/PATH` when we have one, and adds a page (or image) when we do not;
- `local/site.yml` `nav:` places the fork's own pages in the navigation, after or before one of ours;
- `local/site.yml` `csp:` adds the https:// hosts its analytics needs to every page's Content-Security-Policy.
Our files are never edited, so upstream updates merge without conflicts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..data import schema
from ..data.cache import files_under, while_unchanged
from ..data.problems import Problem, suggest
from ..data.yamlsource import DataPath, Source, read

DOCS_DIR = "local/docs"
SITE_FILE = "local/site.yml"
SCHEMA_NAME = "site.schema.json"
SCHEMA_DIR = Path(__file__).resolve().parents[2] / "scenarios" / schema.SCHEMA_DIR
GENERATED_DIR = "situations/"  # scenario and category pages come from the data, not from pages
# An https origin, optionally `*.` for its subdomains, optionally a path: nothing a policy could misread.
HOST = re.compile(
    r"^https://(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(:[0-9]{1,5})?(/[A-Za-z0-9._~%!$&+=:@/-]*)?$"
)
META = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")')


@dataclass(frozen=True)
class NavPlace:
    """One of the fork's pages in the navigation: after or before one of ours, or at the end."""

    title: str
    page: str
    after: str | None
    before: str | None
    where: DataPath  # in local/site.yml, for problems


@dataclass(frozen=True)
class LocalSite:
    """What local/ adds to the site; empty when the fork has no local/docs/ or local/site.yml."""

    docs_dir: Path
    pages: tuple[str, ...] = ()  # paths under local/docs/, like guides/how-much-notice.md
    nav: tuple[NavPlace, ...] = ()
    csp: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (directive, hosts)
    source: Source | None = field(default=None, compare=False)


def _pages(docs: Path) -> tuple[str, ...]:
    if not docs.is_dir():
        return ()
    return tuple(sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()))


def _page_problems(pages: tuple[str, ...]) -> list[Problem]:
    return [
        Problem(
            f"{DOCS_DIR}/{page}",
            1,
            1,
            "scenario and category pages are made from the data, so this page would be ignored",
            "change the scenario in local/scenarios/ (see FORKING.md), or move this page out of situations/",
        )
        for page in pages
        if page.startswith(GENERATED_DIR) and page != f"{GENERATED_DIR}index.md"
    ]


def _nav_places(src: Source, pages: tuple[str, ...]) -> tuple[tuple[NavPlace, ...], list[Problem]]:
    places: list[NavPlace] = []
    problems: list[Problem] = []
    for index, item in enumerate(src.data.get("nav", [])):
        where: DataPath = ("nav", index)
        if item["page"] not in pages:
            hint = suggest(item["page"], pages)
            problems.append(
                src.problem(
                    (*where, "page"),
                    f"there is no page {DOCS_DIR}/{item['page']}",
                    f"{hint}write the page there, or give its path relative to {DOCS_DIR}/",
                )
            )
        if "after" in item and "before" in item:
            problems.append(
                src.problem((*where, "before"), "a page goes either after or before another", "keep one of them")
            )
        places.append(NavPlace(item["title"], item["page"], item.get("after"), item.get("before"), where))
    return tuple(places), problems


def _csp(src: Source) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], list[Problem]]:
    problems: list[Problem] = []
    found: list[tuple[str, tuple[str, ...]]] = []
    for directive, hosts in (src.data.get("csp") or {}).items():
        for index, host in enumerate(hosts):
            if not HOST.match(host):
                problems.append(
                    src.problem(
                        ("csp", directive, index),
                        f"'{host}' is not an https:// host the policy can take",
                        "write it like https://www.example-analytics.com or https://*.example-analytics.com, "
                        "with no quotes, spaces, ; or keywords such as 'unsafe-inline'",
                    )
                )
        found.append((directive, tuple(hosts)))
    return tuple(found), problems


def load(root: Path) -> tuple[LocalSite, list[Problem]]:
    """The fork's pages and settings, checked; problems are reported like data problems."""
    docs = root / DOCS_DIR
    pages = _pages(docs)
    problems = _page_problems(pages)
    file = root / SITE_FILE
    if not file.is_file():
        return LocalSite(docs_dir=docs, pages=pages), problems
    src, read_problems = read(file, SITE_FILE)
    if src is None or read_problems:
        return LocalSite(docs_dir=docs, pages=pages), problems + read_problems
    if src.data is None:  # an empty file: nothing to add
        return LocalSite(docs_dir=docs, pages=pages), problems
    found = schema.check(src, SCHEMA_DIR, SCHEMA_NAME)
    if found:
        return LocalSite(docs_dir=docs, pages=pages), problems + found
    nav, nav_problems = _nav_places(src, pages)
    csp, csp_problems = _csp(src)
    site = LocalSite(docs_dir=docs, pages=pages, nav=nav, csp=csp, source=src)
    return site, problems + nav_problems + csp_problems


def _local_files(root: Path) -> list[Path]:
    return [root / SITE_FILE, *files_under(root / DOCS_DIR)]


@while_unchanged(_local_files)
def _load_frozen(root: Path) -> tuple[LocalSite, tuple[Problem, ...]]:
    site, problems = load(root)
    return site, tuple(problems)


def load_cached(root: Path) -> tuple[LocalSite, tuple[Problem, ...]]:
    """Read local/ once per build while its files are unchanged."""
    return _load_frozen(root.resolve())


# --- Navigation ------------------------------------------------------------------


def _targets(nav: list[Any]) -> list[str]:
    found: list[str] = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) and len(item) == 1 else item
        if isinstance(value, list):
            found += _targets(value)
        elif isinstance(value, str):
            found.append(value)
    return found


def _insert(nav: list[Any], entry: dict[str, str], target: str, offset: int) -> bool:
    """Put `entry` just after (offset 1) or before (offset 0) the item pointing at `target`, at any depth."""
    for index, item in enumerate(nav):
        value = next(iter(item.values())) if isinstance(item, dict) and len(item) == 1 else item
        if value == target:
            nav.insert(index + offset, entry)
            return True
        if isinstance(value, list) and _insert(value, entry, target, offset):
            return True
    return False


def place_nav(nav: list[Any], site: LocalSite) -> tuple[list[Any], list[Problem]]:
    """The navigation with the fork's pages in their places; a place that is not in the nav is a problem."""
    problems: list[Problem] = []
    for place in site.nav:
        entry = {place.title: place.page}
        target = place.after or place.before
        if target is None:
            nav.append(entry)
        elif not _insert(nav, entry, target, 1 if place.after else 0):
            known = _targets(nav)
            hint = suggest(target, known)
            key = "after" if place.after else "before"
            assert site.source is not None
            problems.append(
                site.source.problem(
                    (*place.where, key),
                    f"'{target}' is not a page in the navigation",
                    f"{hint}use one of: {', '.join(known)}",
                )
            )
    return nav, problems


# --- Pages ---------------------------------------------------------------------------


def apply_files(files: Files, config: MkDocsConfig, site: LocalSite) -> None:
    """Each file in local/docs/ takes the place of ours with the same path, or joins the site."""
    for page in site.pages:
        ours = files.get_file_from_path(page)
        if ours is not None:
            files.remove(ours)
        files.append(File(page, str(site.docs_dir), config.site_dir, config.use_directory_urls))


# --- Content-Security-Policy -------------------------------------------------------


def add_hosts(html: str, site: LocalSite) -> str:
    """The page with the fork's hosts in its policy; a directive the policy lacks starts from 'self'."""
    meta = META.search(html)
    if not meta or not site.csp:
        return html
    parts = [p.strip() for p in meta.group(2).split(";") if p.strip()]
    for directive, hosts in site.csp:
        at = next((i for i, p in enumerate(parts) if p.split()[0] == directive), None)
        if at is None:
            parts.append(" ".join([directive, "'self'", *hosts]))
        else:
            have = parts[at].split()
            parts[at] = " ".join([*have, *(h for h in hosts if h not in have)])
    return html[: meta.start(2)] + "; ".join(parts) + html[meta.end(2) :]
