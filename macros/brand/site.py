"""Put the brand on the site: MkDocs config (names, logo, footer, extra.brand), brand.css and brand images."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..data.local import LOCAL_DIR
from ..data.problems import Problem
from .model import Brand, brand_file, load_cached

BRAND_ASSETS = "assets/brand/"  # the default brand's images: published only when the brand in use names them
BRAND_CSS = "assets/stylesheets/brand.css"


def brand_for(config: MkDocsConfig) -> tuple[Brand | None, tuple[Problem, ...]]:
    """The brand of the project whose mkdocs.yml is `config` (read once while its files are unchanged)."""
    return load_cached(Path(config.config_file_path).resolve().parent)


def watched(config: MkDocsConfig) -> list[Path]:
    """What `mkdocs serve` should also watch: the brand file and its folder, and a fork's local/ folder."""
    root = Path(config.config_file_path).resolve().parent
    file = brand_file(root)
    places = [file, root / LOCAL_DIR.split("/", 1)[0]]
    if file.parent.resolve() != root:
        places.append(file.parent)
    return [p for p in places if p.exists()]


def site_path(brand: Brand, image: Path, docs_dir: Path) -> str:
    """Where a brand image is served: its own place under docs/, or assets/brand/<name> when it lives elsewhere."""
    try:
        return image.relative_to(docs_dir.resolve()).as_posix()
    except ValueError:
        return BRAND_ASSETS + image.name


def _copyright(brand: Brand) -> str:
    """The footer as HTML (MkDocs puts `copyright` in the page unescaped, so every part is escaped here)."""
    contact = brand.contact
    links: list[str] = []
    if contact.phone:
        links.append(f'<a href="tel:{escape(re.sub(r"[^0-9+]", "", contact.phone))}">{escape(contact.phone)}</a>')
    if contact.email:
        links.append(f'<a href="mailto:{escape(contact.email)}">{escape(contact.email)}</a>')
    if contact.website:
        shown = re.sub(r"^https?://(www\.)?", "", contact.website).rstrip("/")
        links.append(f'<a href="{escape(contact.website)}">{escape(shown)}</a>')
    if contact.address:
        links.append(f"<span>{escape(contact.address)}</span>")
    line = f'<span class="ktb-footer__text">{escape(brand.footer)}</span>'
    if links:
        line += '<br><span class="ktb-footer__contact">' + " · ".join(links) + "</span>"
    return line


def extra(brand: Brand, docs_dir: Path) -> dict[str, Any]:
    """The brand as plain data for templates and the PDF: config.extra["brand"]."""
    c = brand.contact
    return {
        "name": brand.name,
        "title": brand.title,
        "tagline": brand.tagline,
        "description": brand.description,
        "logo": site_path(brand, brand.logo, docs_dir),
        "logo_file": str(brand.logo),
        "favicon": site_path(brand, brand.favicon, docs_dir),
        "contact": {"phone": c.phone, "email": c.email, "website": c.website, "address": c.address},
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


def cta_href(config: MkDocsConfig, brand: Brand) -> None:
    """A call to action that is a handbook page: its address as this build writes it.

    Called again from `on_files`: the offline plugin turns off directory URLs in its own `on_config`,
    which runs after ours, so only then is the page's address final.
    """
    if brand.cta.page and "brand" in config.extra:
        anchor = brand.cta.url[len(brand.cta.page) :]
        page = File(brand.cta.page, src_dir=None, dest_dir="", use_directory_urls=config.use_directory_urls)
        href = page.url + anchor
        config.extra["brand"]["cta"].update(href=href, url=brand.site_url + href if brand.site_url else href)


def apply_config(config: MkDocsConfig, brand: Brand) -> None:
    """Names, address, footer, logo and favicon from the brand; the brand itself in extra.brand."""
    docs_dir = Path(config.docs_dir)
    # The theme prints these unescaped, some inside attributes: they go in as escaped text (Markup, so
    # that the theme's own `| e` does not escape them twice).
    config.site_name = text(brand.title)
    config.site_description = text(brand.description or brand.tagline)  # what search engines and link previews show
    if brand.site_url:
        config.site_url = brand.site_url
    config.copyright = _copyright(brand)
    config.theme["logo"] = site_path(brand, brand.logo, docs_dir)
    config.theme["favicon"] = site_path(brand, brand.favicon, docs_dir)
    config.extra["brand"] = extra(brand, docs_dir)
    cta_href(config, brand)
    if brand.social:
        config.extra["social"] = [{"icon": s.icon, "link": text(s.url), "name": text(s.name)} for s in brand.social]
    if BRAND_CSS not in config.extra_css:
        config.extra_css.insert(0, BRAND_CSS)


def brand_css(brand: Brand) -> str:
    """The brand's colours as CSS custom properties; handbook.css maps them onto Material's."""
    lines = "\n".join(f"  {name}: {value};" for name, value in brand.colors.css().items())
    note = f"/* Generated at build time from {Path(brand.source).name}: edit that file, not this one. */"
    return f"{note}\n:root {{\n{lines}\n}}\n"


def apply_files(files: Files, config: MkDocsConfig, brand: Brand) -> Files:
    """brand.css, the brand's images, and none of another brand's images."""
    docs_dir = Path(config.docs_dir)
    wanted = {site_path(brand, image, docs_dir): image for image in (brand.logo, brand.favicon)}
    for file in list(files):
        if file.src_uri.startswith(BRAND_ASSETS) and (
            file.src_uri not in wanted or Path(file.abs_src_path or "").resolve() != wanted[file.src_uri]
        ):
            files.remove(file)  # another brand's image, or a default one with the same name as this brand's
    for uri, image in wanted.items():
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, abs_src_path=str(image)))
    files.append(File.generated(config, BRAND_CSS, content=brand_css(brand)))
    return files
