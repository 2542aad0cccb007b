"""Load and check the brand file (brand.yml): fields, colour contrast, logo, addresses; errors as Problems."""

from __future__ import annotations

import colorsys
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import schema
from .problems import Problem
from .svgcheck import svg_problem
from .yamlsource import DataPath, Source, read

BRAND_FILE = "brand.yml"
BRAND_ENV = "KTB_BRAND"  # another brand file for this build, relative to the project or absolute
SCHEMA_NAME = "brand.schema.json"
SCHEMA_LINE = "# yaml-language-server: $schema="
DOCS_DIR = "docs"

WHITE = "#ffffff"
# Material's dark ("slate") page background: hsl(225deg 15% 14%).
DARK_BACKGROUND = "#1e2029"
AA_TEXT = 4.5
HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
EMAIL = re.compile(r"^[^@\s<>\"']+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
UNSAFE_URL_CHARS = frozenset("\"'<>`\\{}|^")
ANCHOR = re.compile(r"#[A-Za-z0-9_-]*")
PHONE = re.compile(r"^\+?[0-9 ().\-]+$")
LOGO_TYPES = {".svg": "SVG", ".png": "PNG"}
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
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
class Contact:
    phone: str = ""
    email: str = ""
    website: str = ""
    address: str = ""


@dataclass(frozen=True)
class CallToAction:
    heading: str
    text: str
    label: str
    url: str  # as written: https://…, mailto:…, tel:… or a page like library.md

    @property
    def page(self) -> str | None:
        """The handbook page the button opens, when the url names one (library.md#contents → library.md)."""
        return None if _has_scheme(self.url) else self.url.split("#", 1)[0]


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


# --- Colours -------------------------------------------------------------------


def rgb(color: str) -> tuple[int, int, int]:
    """#rgb or #rrggbb as three 0-255 numbers."""
    digits = color.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def to_hex(red: float, green: float, blue: float) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in (red, green, blue))


def normalise(color: str) -> str:
    """#ABC and #aabbcc both become #aabbcc."""
    return to_hex(*rgb(color))


def luminance(color: str) -> float:
    """WCAG 2 relative luminance."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    """WCAG 2 contrast ratio between two colours, from 1 to 21."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(color: str, other: str, share: float) -> str:
    """`color` with `share` (0-1) of `other` mixed in."""
    a, b = rgb(color), rgb(other)
    return to_hex(*(x + (y - x) * share for x, y in zip(a, b, strict=True)))


def shade_for(color: str, background: str, ratio: float = AA_TEXT) -> str:
    """The nearest shade of `color` (same hue and saturation) that reaches `ratio` on `background`."""
    h, lightness, s = colorsys.rgb_to_hls(*(c / 255 for c in rgb(color)))
    step = -0.005 if luminance(background) > 0.18 else 0.005
    while 0 <= lightness <= 1:
        candidate = to_hex(*(c * 255 for c in colorsys.hls_to_rgb(h, lightness, s)))
        if contrast(candidate, background) >= ratio:
            return candidate
        lightness += step
    return "#000000" if step < 0 else WHITE


# --- Checks --------------------------------------------------------------------


def _has_scheme(url: str) -> bool:
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
    if _has_scheme(value):
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


# --- Loading -------------------------------------------------------------------


def brand_file(root: Path) -> Path:
    """The brand file this build uses: $KTB_BRAND if set, else brand.yml at the project root."""
    chosen = os.environ.get(BRAND_ENV, "").strip()
    if not chosen:
        return root / BRAND_FILE
    path = Path(chosen).expanduser()
    return path if path.is_absolute() else root / path


def _rel(root: Path, file: Path) -> str:
    try:
        return file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return file.as_posix()


def _schema_dir(root: Path) -> Path:
    here = root / "scenarios" / schema.SCHEMA_DIR
    if (here / SCHEMA_NAME).is_file():
        return here
    return Path(__file__).resolve().parents[1] / "scenarios" / schema.SCHEMA_DIR


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
    problems += _colors(src)
    problems += _image_problems(src, ("logo",), base, root) + _image_problems(src, ("favicon",), base, root)
    problems += _url_problems(src) + _cta_url_problems(src, root / DOCS_DIR)
    problems += _contact_problems(src) + _icon_problems(src, material_icons())
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
        name=data["name"].strip(),
        title=data["title"].strip(),
        tagline=data["tagline"].strip(),
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
    path = _rel(root, file)
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


def _stamp(root: Path) -> tuple[tuple[str, int, int], ...]:
    """What the brand looks like on disk: the file and every file beside it (logos)."""
    file = brand_file(root)
    if not file.is_file():
        return ((file.as_posix(), 0, 0),)
    near = [p for p in file.parent.iterdir() if p.is_file()] if file.parent != root else [file]
    near += [p for p in (root / DOCS_DIR / "assets" / "brand").glob("*") if p.is_file()]
    return tuple(sorted((p.as_posix(), p.stat().st_mtime_ns, p.stat().st_size) for p in near))


@lru_cache(maxsize=4)
def _load_stamped(
    root: Path, file: Path, stamp: tuple[tuple[str, int, int], ...]
) -> tuple[Brand | None, tuple[Problem, ...]]:
    brand, problems = load(root, file)
    return brand, tuple(problems)


def load_cached(root: Path) -> tuple[Brand | None, tuple[Problem, ...]]:
    """Read the brand once per build while its files are unchanged."""
    root = root.resolve()
    return _load_stamped(root, brand_file(root), _stamp(root))
