"""Builds with two brands prove that a rebrand leaves no trace of the other; a fork's local/ changes reach the site.

Reproduce by hand:
    KTB_BRAND=examples/brands/quillmoor/brand.yml mkdocs build --strict -d /tmp/quillmoor-site
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from macros.brand.model import Brand
from macros.brand.site import site_path
from tests.support.brands import Built, situation_page
from tests.support.project import ROOT, copy_project

BINARY = {".png", ".jpg", ".jpeg", ".gif", ".ico", ".woff", ".woff2", ".ttf", ".pdf", ".gz", ".map"}
COMMENTS = re.compile(r"/\*.*?\*/", re.S)


def brand_texts(brand: Brand) -> list[str]:
    """Every piece of text a brand puts on a site: names, lines, contact, call to action, addresses."""
    c, cta = brand.contact, brand.cta
    texts = [
        brand.name,
        brand.title,
        brand.tagline,
        brand.description,
        brand.footer,
        cta.heading,
        cta.text,
        cta.label,
        c.phone,
        c.email,
        c.website,
        c.address,
        brand.site_url,
        site_path(brand, brand.logo, ROOT / "docs"),
        site_path(brand, brand.favicon, ROOT / "docs"),
    ]
    texts += [cta.url] if cta.page is None else []
    texts += [s.name for s in brand.social] + [s.url for s in brand.social]
    return [t for t in texts if t]


def brand_colors(brand: Brand) -> list[str]:
    return [value for value in brand.colors.css().values() if value.startswith("#")]


def variants(text: str) -> set[str]:
    """The ways a string can be written in HTML, JSON and XML."""
    return {
        text,
        html.escape(text),
        html.escape(text, quote=False),
        json.dumps(text)[1:-1],
        text.replace("'", "&#39;"),
        text.replace("'", "\u2019"),
    }


def site_texts(site: Path) -> Iterator[tuple[Path, str]]:
    """Each text file of a site; CSS and JS without their /* comments */ (source notes, not shown to anyone)."""
    for file in sorted(site.rglob("*")):
        if not file.is_file() or file.suffix.lower() in BINARY:
            continue
        text = file.read_text(encoding="utf-8", errors="replace")
        if file.suffix in (".css", ".js"):
            text = COMMENTS.sub("", text)
        yield file, text


@functools.lru_cache(maxsize=4)
def pdf_text(pdf: Path) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


def squeeze(text: str) -> str:
    """PDF text breaks lines anywhere: compare without whitespace."""
    return re.sub(r"\s+", "", text).replace("\u2019", "'")


def leaks(one: Built, other: Built) -> list[str]:
    """Every place `one`'s brand shows up in `other`'s site or PDF."""
    found: list[str] = []
    needles = brand_texts(one.brand)
    colors = brand_colors(one.brand)
    logos = {hashlib.sha256(p.read_bytes()).hexdigest() for p in (one.brand.logo, one.brand.favicon)}
    for file, text in site_texts(other.site):
        lowered = text.lower()
        found += [f"{file}: text {n!r}" for n in needles if any(v in text for v in variants(n))]
        found += [f"{file}: colour {c}" for c in colors if c.lower() in lowered]
    for file in other.site.rglob("*"):
        if file.is_file() and hashlib.sha256(file.read_bytes()).hexdigest() in logos:
            found.append(f"{file}: a logo file of the other brand")
    if other.pdf.exists():
        text = squeeze(pdf_text(other.pdf))
        found += [f"{other.pdf}: text {n!r}" for n in needles if squeeze(n) in text]
    return found


def test_each_site_shows_its_own_brand(two_brands: tuple[Built, Built]) -> None:
    for built in two_brands:
        home = (built.site / "index.html").read_text(encoding="utf-8")
        brand = built.brand
        assert f"<title>{html.escape(brand.title)}</title>" in home
        assert html.escape(brand.cta.heading) in home and html.escape(brand.footer) in home
        page = (built.site / situation_page()).read_text(encoding="utf-8")
        assert 'class="ktb-cta"' in page and html.escape(brand.cta.label) in page
        for other in ("library.html", "situations/index.html", "situations/timing/index.html"):
            text = (built.site / other).read_text(encoding="utf-8")
            assert 'class="ktb-cta"' not in text, f"{other}: the call to action is for the home and situation pages"
        css = (built.site / "assets" / "stylesheets" / "brand.css").read_text(encoding="utf-8")
        assert brand.colors.primary in css and brand.colors.dark_link in css
        logos = [p for p in built.site.rglob("*") if p.is_file() and p.read_bytes() == brand.logo.read_bytes()]
        assert logos, "the brand's logo is published"
        assert f'src="{logos[0].relative_to(built.site).as_posix()}"' in home


def test_the_example_agency_has_its_contact_and_social_links(two_brands: tuple[Built, Built]) -> None:
    _, example = two_brands
    home = (example.site / "index.html").read_text(encoding="utf-8")
    brand = example.brand
    links = f'<a href="tel:+12025550147">{brand.contact.phone}</a> · <a href="mailto:{brand.contact.email}">'
    assert f'class="ktb-cta__contact">{links}' in home, "the call to action gives the phone and email"
    assert f'class="ktb-footer__contact">{links}' in home, "and so does the footer, with the same links"
    assert f'href="{brand.cta.url}"' in home and f'href="{brand.social[0].url}"' in home
    sitemap = (example.site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{brand.site_url}index.html</loc>" in sitemap


def test_no_trace_of_one_brand_in_the_other(two_brands: tuple[Built, Built]) -> None:
    default, example = two_brands
    found = leaks(default, example) + leaks(example, default)
    assert not found, "brand leaked:\n" + "\n".join(found[:40])


def test_each_pdf_carries_its_own_brand(two_brands: tuple[Built, Built]) -> None:
    _, example = two_brands
    assert example.pdf.exists(), "the example agency's build makes the PDF"
    for built in two_brands:
        if not built.pdf.exists():
            continue  # the shared session build skips the PDF (KTB_PDF=0) to save time
        text = squeeze(pdf_text(built.pdf))
        for needle in (built.brand.title, built.brand.cta.heading, built.brand.footer):
            assert squeeze(needle) in text, f"{needle!r} missing from {built.pdf}"


def test_the_checker_would_catch_a_leak(two_brands: tuple[Built, Built]) -> None:
    default, example = two_brands
    assert leaks(default, default), "a site compared with itself must show its own brand everywhere"
    found = leaks(example, example)
    assert any("colour" in leak for leak in found) and any("handbook.pdf" in leak for leak in found)


# --- A fork's local/ folder reaches the site --------------------------------------


def test_local_changes_reach_the_built_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    shutil.copytree(ROOT / "examples" / "local", project / "local")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "KTB_PDF": "0"},
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert not (site / "situations" / "counteroffer-staying.html").exists()
    for file, text in site_texts(site):
        assert "counteroffer-staying" not in text, f"{file} still links to a switched-off scenario"
    added = (site / "situations" / "pause-your-search.html").read_text(encoding="utf-8")
    assert "You want to pause your job search for a while" in added
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(doc["location"].startswith("situations/pause-your-search.html") for doc in index["docs"])
    assert "pause-your-search.html" in (site / "situations" / "index.html").read_text(encoding="utf-8")
    assert 'id="pause-email-ahead-agency"' in (site / "library.html").read_text(encoding="utf-8")
    changed = (site / "situations" / "missed-interview.html").read_text(encoding="utf-8")
    assert "Call your consultant today, before you write to anyone else." in changed
    assert "My consultant at" in changed, "the changed template's wording"
    assert 'id="missed-linkedin-missed-inhouse"' not in changed, "the removed template"
    assert 'id="missed-phone-missed-agency"' in changed, "templates not mentioned stay"
    upstream = {p.name: p.read_bytes() for p in (ROOT / "scenarios").glob("*.yml")}
    assert {p.name: p.read_bytes() for p in (project / "scenarios").glob("*.yml")} == upstream
