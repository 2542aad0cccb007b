"""The brand in a MkDocs build: names, logo, footer and extra.brand in the config; brand.css and images as files."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..brand.model import Brand, brand_file, load_cached
from ..brand.site import BRAND_ASSETS, BRAND_CSS, brand_css, extra, footer_html, site_path, text
from ..data import i18n
from ..data.local import LOCAL_DIR
from ..data.problems import Problem


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


def apply_config(config: MkDocsConfig, brand: Brand, lang: str, settings: i18n.Settings) -> None:
    """Names, address, footer, logo and favicon from the brand; the brand itself in extra.brand.

    `lang` is this edition's language and `settings` the languages of the site (the plugin's edition)."""
    docs_dir = Path(config.docs_dir)
    # The theme prints these unescaped, some inside attributes: they go in as escaped text (Markup, so
    # that the theme's own `| e` does not escape them twice).
    config.site_name = text(brand.title)
    config.site_description = text(brand.description or brand.tagline)  # what search engines and link previews show
    if brand.site_url:
        # Each language edition is its own site under /<lang>/: its canonical links and sitemap name its
        # own pages there. The head's hreflang links (overrides/main.html) start from the root's address.
        config.site_url = brand.site_url + ("" if lang == settings.root else f"{lang}/")
        config.extra["ktb_site_root"] = brand.site_url
    config.copyright = footer_html(brand)
    config.theme["logo"] = site_path(brand, brand.logo, docs_dir)
    config.theme["favicon"] = site_path(brand, brand.favicon, docs_dir)
    config.extra["brand"] = extra(brand, docs_dir)
    cta_href(config, brand)
    if brand.social:
        config.extra["social"] = [{"icon": s.icon, "link": text(s.url), "name": text(s.name)} for s in brand.social]
    if BRAND_CSS not in config.extra_css:
        config.extra_css.insert(0, BRAND_CSS)


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
