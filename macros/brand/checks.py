"""Checks of a parsed brand file: colour contrast, images, addresses, contact details and icons, as Problems."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..data.problems import Problem
from ..data.yamlsource import DataPath, Source
from .colors import AA_TEXT, DARK_BACKGROUND, WHITE, contrast, shade_for
from .svgcheck import svg_problem

HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
EMAIL = re.compile(r"^[^@\s<>\"']+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
UNSAFE_URL_CHARS = frozenset("\"'<>`\\{}|^")
ANCHOR = re.compile(r"#[A-Za-z0-9_-]*")
PHONE = re.compile(r"^\+?[0-9 ().\-]+$")
LOGO_TYPES = {".svg": "SVG", ".png": "PNG"}
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def has_scheme(url: str) -> bool:
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", url))


def web_url_problem(url: str) -> str | None:
    """Why `url` is not a usable web address, or None when it is."""
    if any(c.isspace() for c in url):
        return "has a space in it"
    if any(c in UNSAFE_URL_CHARS or ord(c) < 32 for c in url):
        return "has a quote, an angle bracket, a backslash or a control character in it"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "does not start with https://"
    host = parts.hostname or ""
    if not host or ("." not in host and host != "localhost") or host.startswith(".") or host.endswith("."):
        return "has no valid host name after https://"
    return None


def _color_problems(src: Source, where: DataPath, value: str, background: str, role: str) -> list[Problem]:
    if not HEX.match(value):
        return [src.problem(where, f"'{value}' is not a colour", "write it as # and six hex digits, like #1d5c57")]
    ratio = contrast(value, background)
    if ratio >= AA_TEXT:
        return []
    direction = "darker" if background == WHITE else "lighter"
    return [
        src.problem(
            where,
            f"{value} has a contrast of {ratio:.2f}:1 {role}, below the {AA_TEXT}:1 WCAG AA needs for text",
            f"use a {direction} shade, such as {shade_for(value, background)}",
        )
    ]


_COLOR_ROLES: tuple[tuple[DataPath, str, str], ...] = (
    (("colors", "primary"), WHITE, "with white (white header text sits on it, and it colours links on white)"),
    (("colors", "accent"), WHITE, "on white (it colours links under the pointer)"),
    (("colors", "dark", "link"), DARK_BACKGROUND, f"on the dark-mode background {DARK_BACKGROUND}"),
    (("colors", "dark", "accent"), DARK_BACKGROUND, f"on the dark-mode background {DARK_BACKGROUND}"),
)


def _get(data: Any, where: DataPath) -> Any:
    """The value at `where`, or None when any step is missing or of the wrong kind."""
    for part in where:
        in_dict = isinstance(data, dict) and part in data
        in_list = isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        if in_dict or in_list:
            data = data[part]
        else:
            return None
    return data


def _colors(src: Source) -> list[Problem]:
    problems: list[Problem] = []
    for where, background, role in _COLOR_ROLES:
        value = _get(src.data, where)
        if isinstance(value, str):
            problems += _color_problems(src, where, value.strip(), background, role)
    return problems


def _image_problems(src: Source, where: DataPath, base: Path, root: Path) -> list[Problem]:
    value = _get(src.data, where)
    if not isinstance(value, str):
        return []
    field = where[-1]
    file = (base / value).resolve()
    kind = LOGO_TYPES.get(file.suffix.lower())
    if kind is None:
        kind_found = file.suffix or "file without extension"
        return [
            src.problem(
                where,
                f"the {field} '{value}' is a {kind_found}, not SVG or PNG",
                "save it as .svg (sharp at every size) or .png, and point to that file",
            )
        ]
    if not file.is_relative_to(root.resolve()):
        return [
            src.problem(
                where,
                f"the {field} '{value}' is outside the project",
                "copy the image into the repository (docs/assets/brand/) and point to it there",
            )
        ]
    if not file.is_file():
        return [
            src.problem(
                where,
                f"the {field} file '{value}' does not exist",
                f"put the file there, or fix the path (it is relative to {src.path})",
            )
        ]
    head = file.read_bytes()[:4096]
    looks_right = head.startswith(PNG_MAGIC) if kind == "PNG" else b"<svg" in head.lower()
    if not looks_right:
        return [
            src.problem(
                where,
                f"the {field} file '{value}' ends in {file.suffix} but is not a {kind} image",
                f"export the image as {kind} again, or give it the extension that matches its format",
            )
        ]
    why = svg_problem(file) if kind == "SVG" else None
    if why:
        return [
            src.problem(
                where,
                f"the {field} file '{value}' {why}",
                "export it again as a plain SVG picture (no scripts, event handlers or links to other files)",
            )
        ]
    return []


def _url_problems(src: Source) -> list[Problem]:
    problems: list[Problem] = []
    places: list[DataPath] = [("site_url",), ("contact", "website")]
    places += [("social", i, "url") for i, _ in enumerate(_get(src.data, ("social",)) or [])]
    for where in places:
        value = _get(src.data, where)
        if isinstance(value, str) and value.strip() and (why := web_url_problem(value.strip())):
            problems.append(
                src.problem(
                    where,
                    f"'{value}' is not a web address: it {why}",
                    "write the full address, like https://www.example.org/",
                )
            )
    return problems


def _cta_url_problems(src: Source, docs: Path) -> list[Problem]:
    value = _get(src.data, ("cta", "url"))
    if not isinstance(value, str):
        return []
    where: DataPath = ("cta", "url")
    if value.startswith("mailto:"):
        return (
            []
            if EMAIL.match(value[7:].split("?", 1)[0])
            else [src.problem(where, f"'{value}' is not a valid mailto: link", "write it as mailto:name@example.org")]
        )
    if value.startswith("tel:"):
        return (
            []
            if PHONE.match(value[4:])
            else [
                src.problem(where, f"'{value}' is not a valid tel: link", "write it as tel:+441614960000, digits only")
            ]
        )
    if has_scheme(value):
        why = web_url_problem(value)
        return (
            [
                src.problem(
                    where,
                    f"'{value}' is not a web address: it {why}",
                    "use https://…, mailto:…, tel:… or a handbook page like library.md",
                )
            ]
            if why
            else []
        )
    page, hash_mark, anchor = value.partition("#")
    if hash_mark and not ANCHOR.fullmatch(hash_mark + anchor):
        return [
            src.problem(
                where,
                f"'{value}' has an anchor that is not an id",
                "after # write a heading id: letters, digits, hyphens and underscores, like library.md#contents",
            )
        ]
    if not page.endswith(".md") or ".." in page.split("/") or not (docs / page).is_file():
        return [
            src.problem(
                where,
                f"'{value}' is neither a web address nor a page of the handbook",
                "use https://…, mailto:…, tel:…, or a page in docs/ like library.md",
            )
        ]
    return []


def _contact_problems(src: Source) -> list[Problem]:
    problems: list[Problem] = []
    email = _get(src.data, ("contact", "email"))
    if isinstance(email, str) and not EMAIL.match(email.strip()):
        problems.append(
            src.problem(
                ("contact", "email"),
                f"'{email}' is not an email address",
                "write it as name@example.org, with no spaces",
            )
        )
    phone = _get(src.data, ("contact", "phone"))
    if isinstance(phone, str) and (not PHONE.match(phone.strip()) or sum(c.isdigit() for c in phone) < 6):
        problems.append(
            src.problem(
                ("contact", "phone"),
                f"'{phone}' is not a phone number",
                "use digits, spaces, brackets, hyphens and a leading + only, like +44 161 496 0000",
            )
        )
    return problems


def _icon_problems(src: Source, icons: Path | None) -> list[Problem]:
    problems: list[Problem] = []
    for index, item in enumerate(_get(src.data, ("social",)) or []):
        icon = item.get("icon") if isinstance(item, dict) else None
        if isinstance(icon, str) and icons is not None and not (icons / f"{icon}.svg").is_file():
            problems.append(
                src.problem(
                    ("social", index, "icon"),
                    f"there is no icon called '{icon}'",
                    "pick one from https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/"
                    ", like fontawesome/brands/linkedin",
                )
            )
    return problems


def material_icons() -> Path | None:
    """Where Material for MkDocs keeps its icons, to check icon names (None if it is not installed)."""
    try:
        import material
    except ImportError:
        return None
    return Path(material.__file__).resolve().parent / "templates" / ".icons"


def problems(src: Source, root: Path, base: Path, docs: Path) -> list[Problem]:
    """Every check beyond the schema; `base` is the folder the brand's paths are relative to."""
    found = _colors(src)
    found += _image_problems(src, ("logo",), base, root) + _image_problems(src, ("favicon",), base, root)
    found += _url_problems(src) + _cta_url_problems(src, docs)
    found += _contact_problems(src) + _icon_problems(src, material_icons())
    return found
