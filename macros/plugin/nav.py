"""The nav from the data: `situations/index.md` becomes a section per category, the library one per part."""

from __future__ import annotations

from typing import Any

from ..brand.site import text
from ..data.model import Handbook
from ..site.render import SITUATIONS_DIR, category_src, library_parts, scenario_src

SITUATIONS_INDEX = f"{SITUATIONS_DIR}/index.md"
LIBRARY_PAGE = "library.md"


def expand_nav(nav: list[Any], handbook: Handbook) -> list[Any]:
    """Replace the `situations/index.md` entry with a section per category, built from the data."""
    expanded: list[Any] = []
    for item in nav:
        title, target = _entry(item)
        if target == SITUATIONS_INDEX:
            sections: list[Any] = [SITUATIONS_INDEX]
            for category in handbook.categories:
                members = [{text(s.title): scenario_src(s.id)} for s in handbook.in_category(category.id)]
                if members:
                    sections.append({text(category.title): [category_src(category.id), *_chunked(members)]})
            expanded.append({title or "Situations": sections})
        elif target == LIBRARY_PAGE and library_parts(handbook):
            groups: list[Any] = [LIBRARY_PAGE]
            for category in handbook.categories:
                parts = [{text(p.title): p.src} for p in library_parts(handbook) if p.category == category.id]
                if parts:
                    groups.append({text(category.title): _chunked(parts)})
            expanded.append({title or "Message library": groups})
        else:
            expanded.append(item)
    return expanded


NAV_CHUNK = 20


def _chunked(members: list[Any]) -> list[Any]:
    """A long category becomes numbered sub-sections, so each page carries a short nav (navigation.prune)."""
    if len(members) <= NAV_CHUNK:
        return members
    return [
        {f"{start + 1}–{min(start + NAV_CHUNK, len(members))}": members[start : start + NAV_CHUNK]}
        for start in range(0, len(members), NAV_CHUNK)
    ]


def _entry(item: Any) -> tuple[str | None, Any]:
    if isinstance(item, dict) and len(item) == 1:
        ((title, target),) = item.items()
        return title, target
    return None, item
