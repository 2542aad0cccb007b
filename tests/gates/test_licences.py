"""Licences: the files exist with the standard texts, and every third-party file in a built site is listed."""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

import material

from macros.plugin import stylesheets
from tests.support.pages import editions
from tests.support.project import ROOT

NOTICES = ROOT / "THIRD-PARTY-NOTICES.md"
THEME = Path(material.__file__).resolve().parent / "templates"
DEBIAN_CC0 = Path("/usr/share/common-licenses/CC0-1.0")

# Each family of third-party files the build copies into site/, and the words its notice must contain.
# A file of the theme that matches none of these fails the test: list it in THIRD-PARTY-NOTICES.md first.
FAMILIES: dict[str, tuple[str, ...]] = {
    "assets/javascripts/bundle.*": ("Material for MkDocs", "clipboard.js", "escape-html", "MIT"),
    "assets/stylesheets/main.*": ("Material for MkDocs",),
    "assets/stylesheets/palette.*": ("Material for MkDocs",),
    "assets/images/favicon.png": ("favicon",),
    "assets/javascripts/workers/search.*": ("lunr.js", "Oliver Nightingale"),
    "assets/javascripts/lunr/min/lunr.*.min.js": ("lunr-languages", "Mihai Valentin", "MPL-1.1"),
    "assets/javascripts/lunr/tinyseg.js": ("TinySegmenter", "Taku Kudo", "BSD"),
    "assets/javascripts/lunr/wordcut.js": ("wordcut", "Underscore.js", "LGPL-3.0"),
}
FONTS = "assets/fonts/"  # the bundled font: its family and the OFL must be named
OURS_FROM_DOCS = ("assets/javascripts/", "assets/stylesheets/", "assets/brand/")
# Made by the build from ours: the brand's colours (brand.yml) and our stylesheets in one file.
MADE_BY_THE_BUILD = ("assets/stylesheets/brand.css", stylesheets.BUNDLE)


def notices() -> str:
    return NOTICES.read_text(encoding="utf-8")


def test_code_is_mit_no_attribution() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT No Attribution\n\nCopyright 2026 The Keep the Bridge contributors\n")
    # The one difference from MIT: no condition that the notice travel with copies.
    assert "to permit persons to whom the Software is furnished\nto do so.\n" in text
    assert "shall be included" not in text
    assert 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND' in text


def test_content_is_cc0_legal_code() -> None:
    text = (ROOT / "LICENSE-CONTENT").read_text(encoding="utf-8")
    assert text.startswith("Creative Commons Legal Code\n\nCC0 1.0 Universal\n")
    parts = ("Statement of Purpose", "1. Copyright and Related Rights.", "2. Waiver.", "3. Public License Fallback.")
    assert all(part in text for part in parts)
    if DEBIAN_CC0.is_file():  # the canonical copy Debian ships: byte for byte
        assert text == DEBIAN_CC0.read_text(encoding="utf-8")


def test_readme_and_forking_say_which_licence_covers_what() -> None:
    for doc in ("README.md", "FORKING.md"):
        text = (ROOT / doc).read_text(encoding="utf-8")
        for needle in ("LICENSE", "LICENSE-CONTENT", "THIRD-PARTY-NOTICES.md", "MIT-0", "CC0-1.0"):
            assert needle in text, f"{doc} does not mention {needle}"


def test_every_family_is_named_in_the_notices() -> None:
    text = notices()
    missing = [(family, word) for family, words in FAMILIES.items() for word in words if word not in text]
    assert not missing, f"THIRD-PARTY-NOTICES.md does not name: {missing}"


def _family(rel: str) -> str | None:
    return next((f for f in FAMILIES if fnmatch.fnmatch(rel, f) or fnmatch.fnmatch(rel, f + ".map")), None)


def test_every_vendored_file_in_the_site_is_listed(built_site: Path) -> None:
    """Any file the theme copied into site/, or a font, must belong to a family the notices name."""
    unlisted: list[str] = []
    found: set[str] = set()
    for file in sorted(p for p in built_site.rglob("*") if p.is_file()):
        rel = file.relative_to(built_site).as_posix()
        prefix = next((e for e in editions(built_site) if e and rel.startswith(e)), "")
        rel = rel.removeprefix(prefix)  # each language edition carries the same files under /<lang>/
        family = _family(rel)
        if family is not None:
            found.add(family)
        elif rel.startswith(FONTS):
            name = re.split(r"[-_.]", file.name)[0]
            if name.lower() not in notices().lower() or "OFL" not in notices():
                unlisted.append(f"{rel}: name the font family '{name}' and its OFL in THIRD-PARTY-NOTICES.md")
        elif (THEME / rel).exists() and not rel.endswith(".html"):
            unlisted.append(f"{rel}: a theme file no family in THIRD-PARTY-NOTICES.md (and FAMILIES here) covers")
        elif rel.startswith("assets/") and not (
            (rel.startswith(OURS_FROM_DOCS) and (ROOT / "docs" / rel).exists()) or rel in MADE_BY_THE_BUILD
        ):
            unlisted.append(f"{rel}: not ours and not listed")
    assert not unlisted, "\n".join(unlisted)
    assert found == set(FAMILIES), f"families listed but not in the site any more: {set(FAMILIES) - found}"


def test_inline_icons_are_listed(built_site: Path) -> None:
    """Icons drawn inside the pages: Material Design Icons (24x24), and Font Awesome when a brand uses it."""
    pages = "".join(p.read_text(encoding="utf-8") for p in built_site.rglob("*.html"))
    assert 'viewBox="0 0 24 24"' in pages and "Material Design Icons" in notices()
    if "Font Awesome" in pages:
        assert "Font Awesome Free" in notices() and "CC BY 4.0" in notices()


def test_notices_ship_with_the_site_and_name_no_publisher(built_site: Path) -> None:
    shipped = built_site / "third-party-notices.txt"
    assert shipped.read_text(encoding="utf-8") == notices()
    assert "Keep the Bridge" not in notices()  # a rebranded site carries no trace of ours
    assert "third-party-notices" not in (built_site / "index.html").read_text(encoding="utf-8")
