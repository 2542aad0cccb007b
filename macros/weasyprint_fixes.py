"""Speed fixes for WeasyPrint 70 and pydyf 0.13 that change no output byte; installed only on those versions.

1. pydyf's `PDF.page_references` builds a new tuple of every page's reference on each access, and
WeasyPrint's tagging (weasyprint/pdf/tags.py) reads it once per tagged element: time that grows
with pages x elements (about 5,000 x 200,000 at 1,000 scenarios). The fix remembers the tuple
until a page is added. `Kids` only grows (`add_page` extends it), so the remembered tuple is the one
the property would build.

2. WeasyPrint's `set_page_type_computed_styles` (layout/page.py), run for every page it lays out,
walks the cascaded styles of *every element* of the document to find the few keyed by this page
type: pages x elements again. Those keys are only ever added by `add_page_declarations`, one per
pseudo-element named in an `@page` rule, so the fix looks up exactly those keys. Same styles, same
order of no consequence (each margin box's style depends only on the page's style).

3. A page with a `target-counter()` (contents, "Read next", the chart's steps) is laid out three
times: once with "0" for a target further on, again after the targets are placed (WeasyPrint
still lays it out with the old text and only then re-parses it: its list of missing counters is
the target's list, a name reused in `compute_content_list`), and a third time because the total
page count, which no such text uses, differs between the first two passes. Before each
re-pagination the fix re-parses those texts with the targets' known pages, as WeasyPrint does
during that pass, and gives the cached counters the new total, as that pass would. Done only when
no generated text uses `pages`; the layout WeasyPrint reaches is the same, one pass sooner.

`tests/test_pdf.py` renders documents with and without the fixes and compares the PDFs.
"""

from __future__ import annotations

from typing import Any

PYDYF_VERSION = "0.13.0"
WEASYPRINT_VERSION = "70.0"
_installed = False


def _remembered_page_references(self: Any) -> tuple[bytes, ...]:
    kids = self.pages["Kids"]
    cached = self.__dict__.get("_ktb_page_references")
    if cached is None or cached[0] is not kids or cached[1] != len(kids):
        references = tuple(f"{number} 0 R".encode("ascii") for number in kids[::3])
        cached = (kids, len(kids), references)
        self.__dict__["_ktb_page_references"] = cached
    result: tuple[bytes, ...] = cached[2]
    return result


def _page_pseudo_types(style_for: Any) -> list[str]:
    """Every pseudo-element (margin box) named by an `@page` rule of the document's stylesheets."""
    found: dict[str, None] = {}
    for sheet, _origin, _specificity in style_for._sheets:
        for _rule, selectors, _declarations in sheet.page_rules:
            for selector in selectors:
                pseudo_type = selector[1]  # (specificity, pseudo_type, page selector)
                if pseudo_type:
                    found[pseudo_type] = None
    return list(found)


def _set_page_type_computed_styles(page_type: Any, html: Any, style_for: Any) -> None:
    """WeasyPrint 70's function of the same name, looking up its page type's keys instead of scanning all."""
    style_for.add_page_declarations(page_type)
    style_for.set_computed_styles(page_type, root=html.etree_element, parent=html.etree_element, base_url=html.base_url)
    pseudo_types = style_for.__dict__.get("_ktb_page_pseudo_types")
    if pseudo_types is None:
        pseudo_types = style_for.__dict__["_ktb_page_pseudo_types"] = _page_pseudo_types(style_for)
    cascaded = style_for.get_cascaded_styles()
    for pseudo_type in pseudo_types:
        if (page_type, pseudo_type) in cascaded:
            style_for.set_computed_styles(
                page_type, pseudo_type=pseudo_type, root=html.etree_element, parent=page_type, base_url=html.base_url
            )


def _uses_total_pages(collector: Any) -> bool:
    for item in collector.counter_lookup_items.values():
        if "pages" in item.missing_counters:
            return True
        if any("pages" in names for names in item.missing_target_counters.values()):
            return True
    return False


def _ready_for_repagination(context: Any) -> None:
    """Resolved target counters into the texts, and the new total into the cached counters (see 3.)."""
    collector = context.target_collector
    if _uses_total_pages(collector):
        return
    total = context.page_maker[0][3][1]["pages"]
    for (_box, css_token), item in collector.counter_lookup_items.items():
        if "pages" in item.cached_page_counter_values:
            item.cached_page_counter_values["pages"] = list(total)
        if css_token == "content" and item.missing_target_counters and item.cached_page_counter_values:
            item.parse_again(item.cached_page_counter_values)
    for target in collector.target_lookup_items.values():
        if "pages" in target.cached_page_counter_values:
            target.cached_page_counter_values["pages"] = list(total)


def _make_all_pages(context: Any, root_box: Any, html: Any, pages: list[Any]) -> Any:
    """WeasyPrint 70's `make_all_pages`, readied first when it re-paginates (`pages` from the last pass)."""
    if pages:
        _ready_for_repagination(context)
    return _ORIGINALS["make_all_pages"](context, root_box, html, pages)


_ORIGINALS: dict[str, Any] = {}


def install() -> None:
    """Install the fixes once, each only on the pydyf or WeasyPrint version it was proven on."""
    global _installed
    if _installed:
        return
    import pydyf
    import weasyprint
    from weasyprint import layout
    from weasyprint.layout import page

    _installed = True
    # Another version may have fixed these differently, or changed what the fixes rely on: leave it alone.
    if pydyf.__version__ == PYDYF_VERSION:
        _ORIGINALS["page_references"] = pydyf.PDF.page_references
        pydyf.PDF.page_references = property(_remembered_page_references)
    if weasyprint.__version__ == WEASYPRINT_VERSION:
        _ORIGINALS["set_page_type_computed_styles"] = page.set_page_type_computed_styles
        page.set_page_type_computed_styles = _set_page_type_computed_styles
        _ORIGINALS["make_all_pages"] = layout.make_all_pages
        layout.make_all_pages = _make_all_pages


def uninstall() -> None:
    """Put WeasyPrint and pydyf back as they were (the tests compare renders with and without the fixes)."""
    global _installed
    import pydyf
    from weasyprint import layout
    from weasyprint.layout import page

    if "make_all_pages" in _ORIGINALS:
        layout.make_all_pages = _ORIGINALS.pop("make_all_pages")
    if "page_references" in _ORIGINALS:
        pydyf.PDF.page_references = _ORIGINALS.pop("page_references")
    if "set_page_type_computed_styles" in _ORIGINALS:
        page.set_page_type_computed_styles = _ORIGINALS.pop("set_page_type_computed_styles")
    _installed = False
