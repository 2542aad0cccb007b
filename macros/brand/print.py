"""What the printed editions show of the brand, read from `config.extra["brand"]` with neutral defaults."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .model import Contact

DEFAULT_NAME = "Keep the Bridge"
DEFAULT_TAGLINE = "Cancel, decline or withdraw from an interview without burning the bridge."
PAPER_SIZES = {"a4": "A4", "letter": "Letter"}
HEX = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?")


@dataclass(frozen=True)
class CallToAction:
    heading: str = ""
    text: str = ""
    label: str = ""
    url: str = ""
    page: str = ""  # set when the call to action points at a page of the handbook's site


@dataclass(frozen=True)
class PrintBrand:
    """The brand as paper needs it; every field has a neutral default."""

    name: str = DEFAULT_NAME
    title: str = DEFAULT_NAME
    tagline: str = DEFAULT_TAGLINE
    logo_file: str = ""  # an absolute path, or empty
    contact: Contact = field(default_factory=Contact)
    cta: CallToAction = field(default_factory=CallToAction)
    footer: str = ""
    site_url: str = ""
    paper: str = "A4"
    accent: str = ""  # a plain hex colour; empty keeps the print black and grey

    @property
    def website(self) -> str:
        """Where the handbook is online: the published site, else the brand's own website."""
        return self.site_url or self.contact.website


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else ""


def paper_size(value: Any) -> str:
    """`A4` or `Letter` from a brand value, case-insensitive; anything else is A4."""
    return PAPER_SIZES.get(_text(value).lower(), "A4")


def _accent(data: Mapping[str, Any]) -> str:
    colours = data.get("colors") or data.get("colours") or {}
    value = _text(colours.get("primary")) if isinstance(colours, Mapping) else ""
    return value if HEX.fullmatch(value) else ""  # only a plain hex colour reaches the template


def brand_from(data: Mapping[str, Any] | None) -> PrintBrand:
    """The brand for print, from `config.extra["brand"]` (absent keys keep the defaults)."""
    data = data or {}
    contact: Mapping[str, Any] = data["contact"] if isinstance(data.get("contact"), Mapping) else {}
    cta: Mapping[str, Any] = data["cta"] if isinstance(data.get("cta"), Mapping) else {}
    name = _text(data.get("name")) or DEFAULT_NAME
    return PrintBrand(
        name=name,
        title=_text(data.get("title")) or name,
        tagline=_text(data.get("tagline")) or (DEFAULT_TAGLINE if name == DEFAULT_NAME else ""),
        logo_file=_text(data.get("logo_file")),
        contact=Contact(**{k: _text(contact.get(k)) for k in ("phone", "email", "website", "address")}),
        cta=CallToAction(**{k: _text(cta.get(k)) for k in ("heading", "text", "label", "url", "page")}),
        footer=_text(data.get("footer")),
        site_url=_text(data.get("site_url")),
        paper=paper_size(data.get("paper")),
        accent=_accent(data),
    )


def contact_lines(contact: Contact) -> list[dict[str, str]]:
    """The brand's contact as labelled lines, each with the link a PDF reader can follow."""
    lines = []
    if contact.phone:
        lines.append({"label": "Phone", "text": contact.phone, "url": "tel:" + re.sub(r"[^0-9+]", "", contact.phone)})
    if contact.email:
        lines.append({"label": "Email", "text": contact.email, "url": "mailto:" + contact.email})
    if contact.website:
        lines.append({"label": "Website", "text": contact.website, "url": contact.website})
    if contact.address:
        lines.append({"label": "Address", "text": contact.address, "url": ""})
    return lines
