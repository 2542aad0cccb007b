"""Language editions: /es/ beside the English site, a fork with Spanish only, a third language.

Each test builds a copy of the handbook in tmp_path, as a fork would (`mkdocs build --strict`, no PDF).
Reproduce by hand: change `languages:` in mkdocs.yml, run `make site`, open site/.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.support.project import ROOT, copy_project, run_build

LANGUAGES_LINE = re.compile(r"^  languages: .*$", re.M)


def with_languages(project: Path, line: str, fallback: str | None = None) -> Path:
    """The project's mkdocs.yml with its one `languages:` line changed (and the fallback, if given)."""
    config = project / "mkdocs.yml"
    text, count = LANGUAGES_LINE.subn(f"  languages: {line}", config.read_text(encoding="utf-8"))
    assert count == 1, "mkdocs.yml should set extra.languages on one line"
    if fallback:
        text = re.sub(r"^  translation_fallback: .*$", f"  translation_fallback: {fallback}", text, flags=re.M)
    config.write_text(text, encoding="utf-8")
    return project


def h1(page: Path) -> str:
    found = re.search(r"<h1[^>]*>([^<]*)", page.read_text(encoding="utf-8"))
    assert found, page
    return found.group(1)


def test_a_fork_can_ship_spanish_only(tmp_path: Path) -> None:
    project = with_languages(copy_project(tmp_path / "p"), "[es]")
    result = run_build(project, editions=True)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert not (site / "es").exists(), "one language: it is the site's root"
    assert '<html lang="es"' in (site / "index.html").read_text(encoding="utf-8")
    assert h1(site / "situations" / "missed-interview.html").startswith("Faltaste a la entrevista")
    page = (site / "library.html").read_text(encoding="utf-8")
    assert 'hreflang="en"' not in page and "md-select__link" not in page, "no switcher with one language"


def test_a_fork_adds_a_language_with_a_folder_and_one_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    # A stand-in "French" edition made of the Spanish files: what counts here is the machinery.
    shutil.copytree(ROOT / "scenarios" / "es", project / "scenarios" / "fr")
    shutil.copytree(ROOT / "docs" / "es", project / "docs" / "fr")
    with_languages(project, "[en, fr]")
    result = run_build(project, editions=True)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert '<html lang="fr"' in (site / "fr" / "index.html").read_text(encoding="utf-8")
    assert not (site / "es").exists() and not (site / "fr" / "fr").exists()
    english = (site / "situations" / "missed-interview.html").read_text(encoding="utf-8")
    # The switcher leads to the same page in the other edition, by a relative link.
    assert '<a href="../fr/situations/missed-interview.html" hreflang="fr" class="md-select__link">' in english
    french = (site / "fr" / "situations" / "missed-interview.html").read_text(encoding="utf-8")
    assert '<a href="../../situations/missed-interview.html" hreflang="en" class="md-select__link">' in french
    assert h1(site / "fr" / "guides" / "students.html").startswith(("Si ", "Estudiantes", "Eres", "¿")) or h1(
        site / "fr" / "guides" / "students.html"
    ) != h1(site / "guides" / "students.html")


def head_alternates(page: Path) -> list[str]:
    """The `<link rel="alternate" hreflang>` tags of a page's head."""
    return re.findall(r'<link rel="alternate" [^>]*hreflang[^>]*>', page.read_text(encoding="utf-8"))


def switcher_links(page: Path) -> list[str]:
    """The addresses of the language switcher's links, in order."""
    return re.findall(r'<a href="([^"]*)" hreflang="[^"]*" class="md-select__link">', page.read_text(encoding="utf-8"))


def test_hreflang_links_are_absolute_with_a_site_url_and_left_out_without(tmp_path: Path) -> None:
    # Lighthouse's SEO audit (and search engines) take only absolute hreflang addresses: a site that does
    # not know its address has none to give. The switcher's relative links work either way.
    pages = ("index.html", "situations/missed-interview.html", "404.html")
    project = with_languages(copy_project(tmp_path / "p"), "[en, es]")
    result = run_build(project, editions=True)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    for rel in pages:
        assert head_alternates(site / rel) == [], rel
        assert head_alternates(site / "es" / rel) == [], rel
    assert switcher_links(site / "situations" / "missed-interview.html") == [
        "../situations/missed-interview.html",
        "../es/situations/missed-interview.html",
    ]
    assert switcher_links(site / "es" / "index.html") == ["../index.html", "../es/index.html"]

    brand = project / "brand.yml"
    text, count = re.subn(
        r'^site_url: "".*$',
        "site_url: https://careers.example.org/handbook",
        brand.read_text(encoding="utf-8"),
        flags=re.M,
    )
    assert count == 1, "brand.yml should have an empty site_url line"
    brand.write_text(text, encoding="utf-8")
    result = run_build(project, editions=True)
    assert result.returncode == 0, result.stderr
    expected = [
        '<link rel="alternate" href="https://careers.example.org/handbook/index.html" hreflang="en">',
        '<link rel="alternate" href="https://careers.example.org/handbook/es/index.html" hreflang="es">',
    ]
    for rel in pages:
        assert head_alternates(site / rel) == expected, rel
        assert head_alternates(site / "es" / rel) == expected, rel
    assert switcher_links(site / "situations" / "missed-interview.html") == [
        "../situations/missed-interview.html",
        "../es/situations/missed-interview.html",
    ]
    assert switcher_links(site / "es" / "situations" / "missed-interview.html") == [
        "../../situations/missed-interview.html",
        "../../es/situations/missed-interview.html",
    ]
    # Each edition is its own site under its folder: its canonical links and its sitemap name its own pages.
    root = "https://careers.example.org/handbook/"
    for rel in ("index.html", "situations/missed-interview.html"):
        assert f'<link rel="canonical" href="{root}{rel}">' in (site / rel).read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{root}es/{rel}">' in (site / "es" / rel).read_text(encoding="utf-8")
    assert f"<loc>{root}es/situations/missed-interview.html</loc>" in (site / "es" / "sitemap.xml").read_text()
    assert f"<loc>{root}es/" not in (site / "sitemap.xml").read_text()


def test_a_broken_translation_stops_the_whole_build_and_publishes_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    (project / "site").mkdir()
    (project / "site" / "keep.txt").write_text("the last good site")
    file = project / "scenarios" / "es" / "missed-interview.yml"
    file.write_text(file.read_text(encoding="utf-8").replace("{your_phone}", "{tu_telefono}", 1), encoding="utf-8")
    result = run_build(project, editions=True)
    assert result.returncode != 0
    assert re.search(r"scenarios/es/missed-interview\.yml:\d+:\d+: the placeholders differ", result.stderr), (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (project / "site").iterdir()) == ["keep.txt"], "nothing was published"
    assert not list(project.glob(".site.*")), "no staging folder left behind"


def test_a_missing_page_fails_or_falls_back_by_the_setting(tmp_path: Path) -> None:
    project = with_languages(copy_project(tmp_path / "p"), "[en, es]", fallback="fail")
    (project / "docs" / "es" / "guides" / "students.md").unlink()
    result = run_build(project, editions=True)
    assert result.returncode != 0
    assert "docs/es/guides/students.md:1:1: the page guides/students.md is not translated" in result.stderr
    with_languages(project, "[en, es]", fallback="english")
    result = run_build(project, editions=True)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "es" / "guides" / "students.html").read_text(encoding="utf-8")
    assert "aún no está traducida" in page and '<html lang="es"' in page
