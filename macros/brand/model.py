"""Load and check the brand file (brand.yml): fields, colour contrast, logo, addresses; errors as Problems."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..data import schema
from ..data.cache import files_under, while_unchanged
from ..data.problems import Problem, rel
from ..data.yamlsource import Source, read
from . import checks as brand_checks
from .checks import has_scheme
from .colors import AA_TEXT, DARK_BACKGROUND, WHITE, contrast, mix, normalise, shade_for

# Re-exported: the brand's colour rules are part of what this module offers its callers and tests.
__all__ = ["AA_TEXT", "DARK_BACKGROUND", "WHITE", "Brand", "contrast", "load", "load_cached", "shade_for"]

BRAND_FILE = "brand.yml"
BRAND_ENV = "KTB_BRAND"  # another brand file for this build, relative to the project or absolute
SCHEMA_NAME = "brand.schema.json"
SCHEMA_LINE = "# yaml-language-server: $schema="
DOCS_DIR = "docs"

SOCIAL_ICONS = {
    "linkedin.com": "fontawesome/brands/linkedin",
    "facebook.com": "fontawesome/brands/facebook",
    "instagram.com": "fontawesome/brands/instagram",
    "x.com": "fontawesome/brands/x-twitter",
    "twitter.com": "fontawesome/brands/x-twitter",
    "youtube.com": "fontawesome/brands/youtube",
    "tiktok.com": "fontawesome/brands/tiktok",
    "github.com": "fontawesome/brands/github",
    "bsky.app": "fontawesome/brands/bluesky",
}
DEFAULT_SOCIAL_ICON = "material/web"


# --- The brand model -----------------------------------------------------------


@dataclass(frozen=True)
class ContactLink:
    """One way to reach the brand: the words shown and the link that opens them."""

    kind: str  # phone, email, website or address
    text: str  # as written in brand.yml
    href: str  # tel:…, mailto:…, the website itself; empty for a postal address


@dataclass(frozen=True)
class Contact:
    phone: str = ""
    email: str = ""
    website: str = ""
    address: str = ""

    def links(self) -> tuple[ContactLink, ...]:
        """The contact details the brand gives, in this order, each with its link: the site and the PDFs use these."""
        hrefs = {
            "phone": "tel:" + re.sub(r"[^0-9+]", "", self.phone),  # a dialler wants digits only
            "email": "mailto:" + self.email,
            "website": self.website,
            "address": "",
        }
        given = ((kind, getattr(self, kind), href) for kind, href in hrefs.items())
        return tuple(ContactLink(kind, text, href) for kind, text, href in given if text)


@dataclass(frozen=True)
class CallToAction:
    heading: str
    text: str
    label: str
    url: str  # as written: https://…, mailto:…, tel:… or a page like library.md

    @property
    def page(self) -> str | None:
        """The handbook page the button opens, when the url names one (library.md#contents → library.md)."""
        return None if has_scheme(self.url) else self.url.split("#", 1)[0]


@dataclass(frozen=True)
class Colors:
    primary: str
    accent: str
    dark_link: str
    dark_accent: str

    def css(self) -> dict[str, str]:
        """The CSS custom properties the stylesheet reads (light values, then dark-mode ones)."""
        return {
            "--ktb-primary": self.primary,
            "--ktb-primary-light": mix(self.primary, WHITE, 0.15),
            "--ktb-primary-dark": mix(self.primary, "#000000", 0.3),
            "--ktb-primary-tint": mix(self.primary, WHITE, 0.76),
            "--ktb-accent": self.accent,
            "--ktb-accent-transparent": self.accent + "1a",
            "--ktb-dark-link": self.dark_link,
            "--ktb-dark-accent": self.dark_accent,
        }


@dataclass(frozen=True)
class SocialLink:
    name: str
    url: str
    icon: str


@dataclass(frozen=True)
class Brand:
    """Everything that shows a brand, read from one file; paths are absolute and checked."""

    source: str  # the brand file, relative to the project (for messages)
    name: str
    title: str
    tagline: str
    description: str
    site_url: str
    logo: Path
    favicon: Path
    colors: Colors
    contact: Contact
    cta: CallToAction
    footer: str
    social: tuple[SocialLink, ...]
    paper: str


# --- Loading -------------------------------------------------------------------


def brand_file(root: Path) -> Path:
    """The brand file this build uses: $KTB_BRAND if set, else brand.yml at the project root."""
    chosen = os.environ.get(BRAND_ENV, "").strip()
    if not chosen:
        return root / BRAND_FILE
    path = Path(chosen).expanduser()
    return path if path.is_absolute() else root / path


def _schema_dir(root: Path) -> Path:
    here = root / "scenarios" / schema.SCHEMA_DIR
    if (here / SCHEMA_NAME).is_file():
        return here
    return Path(__file__).resolve().parents[2] / "scenarios" / schema.SCHEMA_DIR


def check_source(src: Source, root: Path, base: Path) -> list[Problem]:
    """Every problem in a parsed brand file; `base` is the folder its paths are relative to."""
    first = src.text.splitlines()[0] if src.text else ""
    problems: list[Problem] = []
    if not first.startswith(SCHEMA_LINE):
        problems.append(
            Problem(
                src.path,
                1,
                1,
                "the first line does not name the schema",
                f"start the file with `{SCHEMA_LINE}` and the path to scenarios/schema/{SCHEMA_NAME}",
            )
        )
    problems += schema.check(src, _schema_dir(root), SCHEMA_NAME)
    if not isinstance(src.data, dict):
        return problems
    problems += brand_checks.problems(src, root, base, root / DOCS_DIR)
    return problems


def _social_icon(url: str) -> str:
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return SOCIAL_ICONS.get(host, DEFAULT_SOCIAL_ICON)


def _build(src: Source, base: Path) -> Brand:
    data: dict[str, Any] = src.data
    colors = data["colors"]
    primary, accent = normalise(colors["primary"].strip()), normalise(colors["accent"].strip())
    dark = colors.get("dark", {})
    dark_link = normalise(dark["link"].strip()) if "link" in dark else shade_for(primary, DARK_BACKGROUND, 7)
    dark_accent = normalise(dark["accent"].strip()) if "accent" in dark else shade_for(accent, DARK_BACKGROUND, 7)
    contact = data.get("contact", {})
    site_url = data.get("site_url", "").strip()
    logo = (base / data["logo"]).resolve()
    return Brand(
        source=src.path,
        name=" ".join(data["name"].split()),
        title=" ".join(data["title"].split()),
        tagline=" ".join(data["tagline"].split()),
        description=" ".join(data.get("description", "").split()),
        site_url=site_url + ("/" if site_url and not site_url.endswith("/") else ""),
        logo=logo,
        favicon=(base / data["favicon"]).resolve() if "favicon" in data else logo,
        colors=Colors(primary=primary, accent=accent, dark_link=dark_link, dark_accent=dark_accent),
        contact=Contact(**{k: " ".join(str(v).split()) for k, v in contact.items()}),
        cta=CallToAction(**{k: " ".join(str(v).split()) for k, v in data["cta"].items()}),
        footer=" ".join(data["footer"].split()),
        social=tuple(
            SocialLink(name=s["name"].strip(), url=s["url"].strip(), icon=s.get("icon") or _social_icon(s["url"]))
            for s in data.get("social", [])
        ),
        paper=data.get("paper", "A4"),
    )


def load(root: Path, file: Path | None = None) -> tuple[Brand | None, list[Problem]]:
    """Read and check the brand; return it, or None with every problem found."""
    file = file or brand_file(root)
    path = rel(root, file)
    if not file.is_file():
        how = (
            f"check the path in ${BRAND_ENV}, or unset it to use {BRAND_FILE}"
            if os.environ.get(BRAND_ENV)
            else f"create {BRAND_FILE} at the project root (copy it from the upstream repository)"
        )
        return None, [Problem(path, 1, 1, "the brand file is missing", how)]
    src, problems = read(file, path)
    if src is None:
        return None, problems
    problems += check_source(src, root, file.parent)
    if problems:
        return None, sorted(problems)
    return _build(src, file.parent), []


def _brand_files(root: Path, file: Path) -> list[Path]:
    """What the brand is read from: its file, every file beside it (logos) and the default brand's images."""
    near = files_under(file.parent, nested=False) if file.parent != root else [file]
    return [file, *near, *files_under(root / DOCS_DIR / "assets" / "brand", nested=False)]


@while_unchanged(_brand_files)
def _load_frozen(root: Path, file: Path) -> tuple[Brand | None, tuple[Problem, ...]]:
    brand, problems = load(root, file)
    return brand, tuple(problems)


def load_cached(root: Path) -> tuple[Brand | None, tuple[Problem, ...]]:
    """Read the brand once per build while its files are unchanged."""
    root = root.resolve()
    return _load_frozen(root, brand_file(root))
