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


_ORIGINALS: dict[str, Any] = {}


def install() -> None:
    """Install the fixes once, each only on the pydyf or WeasyPrint version it was proven on."""
    global _installed
    if _installed:
        return
    import pydyf
    import weasyprint
    from weasyprint.layout import page

    _installed = True
    # Another version may have fixed these differently, or changed what the fixes rely on: leave it alone.
    if pydyf.__version__ == PYDYF_VERSION:
        _ORIGINALS["page_references"] = pydyf.PDF.page_references
        pydyf.PDF.page_references = property(_remembered_page_references)
    if weasyprint.__version__ == WEASYPRINT_VERSION:
        _ORIGINALS["set_page_type_computed_styles"] = page.set_page_type_computed_styles
        page.set_page_type_computed_styles = _set_page_type_computed_styles


def uninstall() -> None:
    """Put WeasyPrint and pydyf back as they were (the tests compare renders with and without the fixes)."""
    global _installed
    import pydyf
    from weasyprint.layout import page

    if "page_references" in _ORIGINALS:
        pydyf.PDF.page_references = _ORIGINALS.pop("page_references")
    if "set_page_type_computed_styles" in _ORIGINALS:
        page.set_page_type_computed_styles = _ORIGINALS.pop("set_page_type_computed_styles")
    _installed = False
