"""The brand on the site as plain facts: extra.brand, the footer, brand.css and where its images are served."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .model import Brand

BRAND_ASSETS = "assets/brand/"  # the default brand's images: published only when the brand in use names them
BRAND_CSS = "assets/stylesheets/brand.css"


def site_path(brand: Brand, image: Path, docs_dir: Path) -> str:
    """Where a brand image is served: its own place under docs/, or assets/brand/<name> when it lives elsewhere."""
    try:
        return image.relative_to(docs_dir.resolve()).as_posix()
    except ValueError:
        return BRAND_ASSETS + image.name


def footer_html(brand: Brand) -> str:
    """The footer as HTML (MkDocs puts `copyright` in the page unescaped, so every part is escaped here)."""
    links: list[str] = []
    for link in brand.contact.links():
        shown = re.sub(r"^https?://(www\.)?", "", link.text).rstrip("/") if link.kind == "website" else link.text
        links.append(
            f'<a href="{escape(link.href)}">{escape(shown)}</a>' if link.href else f"<span>{escape(shown)}</span>"
        )
    line = f'<span class="ktb-footer__text">{escape(brand.footer)}</span>'
    if links:
        line += '<br><span class="ktb-footer__contact">' + " · ".join(links) + "</span>"
    return line


def extra(brand: Brand, docs_dir: Path) -> dict[str, Any]:
    """The brand as plain data for the theme's templates: config.extra["brand"]."""
    c = brand.contact
    return {
        "name": brand.name,
        "title": brand.title,
        "tagline": brand.tagline,
        "description": brand.description,
        "logo": site_path(brand, brand.logo, docs_dir),
        "favicon": site_path(brand, brand.favicon, docs_dir),
        "contact": {"phone": c.phone, "email": c.email, "website": c.website, "address": c.address},
        "contact_links": [{"kind": link.kind, "text": link.text, "href": link.href} for link in c.links()],
        "cta": {
            "heading": brand.cta.heading,
            "text": brand.cta.text,
            "label": brand.cta.label,
            "url": brand.cta.url,
            "page": brand.cta.page,
            "href": brand.cta.url,
        },
        "footer": brand.footer,
        "site_url": brand.site_url,
        "paper": brand.paper,
        "colors": {
            "primary": brand.colors.primary,
            "accent": brand.colors.accent,
            "dark_link": brand.colors.dark_link,
            "dark_accent": brand.colors.dark_accent,
        },
        "social": [{"name": s.name, "url": s.url, "icon": s.icon} for s in brand.social],
    }


def text(value: str) -> Markup:
    """Plain text from the data, escaped once for the theme's templates (quotes too: some print it in attributes)."""
    return Markup(escape(value, quote=True))


def brand_css(brand: Brand) -> str:
    """The brand's colours as CSS custom properties; handbook.css maps them onto Material's."""
    lines = "\n".join(f"  {name}: {value};" for name, value in brand.colors.css().items())
    note = f"/* Generated at build time from {Path(brand.source).name}: edit that file, not this one. */"
    return f"{note}\n:root {{\n{lines}\n}}\n"
