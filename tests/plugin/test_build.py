"""Build tests: fixture projects copied into tmp_path, built with `mkdocs build --strict`, HTML inspected."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.support.project import ROOT, fixture_project, run_build


@pytest.fixture
def minimal_project(tmp_path: Path) -> Path:
    return fixture_project(tmp_path, "minimal")


def search_locations(site: Path) -> set[str]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {doc["location"] for doc in index["docs"]}


def test_minimal_project_builds_one_page_per_scenario(minimal_project: Path) -> None:
    result = run_build(minimal_project)
    assert result.returncode == 0, result.stderr
    site = minimal_project / "site"
    for scenario_id in ("alpha", "beta"):
        page = (site / "situations" / f"{scenario_id}.html").read_text(encoding="utf-8")
        assert "<h1 id=" in page or "<h1>" in page
        assert "Alpha situation for tests" in (site / "situations" / "alpha.html").read_text(encoding="utf-8")
    assert not list((minimal_project / "docs" / "situations").glob("alpha*")), "no Markdown stub is written"


def test_adding_a_yaml_file_adds_page_nav_entry_and_search_entries(minimal_project: Path) -> None:
    gamma = (minimal_project / "scenarios" / "beta.yml").read_text().replace("beta", "gamma").replace("Beta", "Gamma")
    (minimal_project / "scenarios" / "gamma.yml").write_text(gamma)
    result = run_build(minimal_project)
    assert result.returncode == 0, result.stderr
    site = minimal_project / "site"
    assert (site / "situations" / "gamma.html").is_file()
    nav_html = (site / "situations" / "index.html").read_text(encoding="utf-8")
    assert 'href="gamma.html"' in nav_html
    locations = search_locations(site)
    assert "situations/gamma.html" in locations
    assert any(loc.startswith("situations/gamma.html#gamma-email") for loc in locations)


def test_nav_is_grouped_by_category_from_the_data(minimal_project: Path) -> None:
    beta = minimal_project / "scenarios" / "beta.yml"
    beta.write_text(beta.read_text().replace("category: another-offer", "category: red-flags"))
    result = run_build(minimal_project)
    assert result.returncode == 0, result.stderr
    html = (minimal_project / "site" / "situations" / "alpha.html").read_text(encoding="utf-8")
    nav = html[html.index('class="md-nav md-nav--primary"') :]
    offer, flags = nav.find("You have another offer"), nav.find("Something put you off")
    assert 0 < offer < flags, "categories appear in the order of _categories.yml"


def test_bad_data_stops_the_build_with_every_problem_and_keeps_the_last_site(minimal_project: Path) -> None:
    ok = run_build(minimal_project)
    assert ok.returncode == 0 and (minimal_project / "site" / "index.html").exists()
    before = {p: p.read_bytes() for p in (minimal_project / "site").rglob("*") if p.is_file()}
    alpha = minimal_project / "scenarios" / "alpha.yml"
    alpha.write_text(alpha.read_text().replace("channel: phone", "channel: fax"))
    beta = minimal_project / "scenarios" / "beta.yml"
    beta.write_text(beta.read_text().replace("{role}", "{job}", 1))
    result = run_build(minimal_project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "scenarios/alpha.yml:33:14: templates[2].channel 'fax' is not one of the allowed values" in output
    assert re.search(r"scenarios/beta\.yml:25:\d+: placeholder \{job\} is not declared", output)
    assert "Traceback" not in output
    after = {p: p.read_bytes() for p in (minimal_project / "site").rglob("*") if p.is_file()}
    assert after == before, "a failed build leaves the last good site exactly as it was (tests/plugin/test_publish.py)"


def test_a_strict_warning_publishes_nothing(minimal_project: Path) -> None:
    (minimal_project / "docs" / "library.md").write_text("# Library\n\n[broken](nowhere.md)\n")
    result = run_build(minimal_project)
    assert result.returncode != 0
    assert "nowhere.md" in result.stdout + result.stderr
    assert sorted(p.name for p in minimal_project.iterdir() if p.name.startswith(".site")) == []
    assert not (minimal_project / "site").exists()


def test_undefined_macro_variable_fails_the_build(minimal_project: Path) -> None:
    (minimal_project / "docs" / "library.md").write_text("# Library\n\n{{ no_such_thing }}\n")
    result = run_build(minimal_project)
    assert result.returncode != 0
    assert not (minimal_project / "site" / "library.html").exists()


def test_shipped_site_has_every_page_and_a_search_index(built_site: Path) -> None:
    from macros.data.loader import load

    handbook, _ = load(ROOT)
    assert handbook is not None
    locations = search_locations(built_site)
    for scenario in handbook.scenarios:
        assert (built_site / "situations" / f"{scenario.id}.html").is_file()
        assert f"situations/{scenario.id}.html" in locations
    assert (built_site / "search" / "search_index.js").is_file(), "offline search index for file://"
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "Cancel an interview and keep a good name" in home


def test_page_weight_does_not_carry_the_whole_nav(built_site: Path) -> None:
    """navigation.prune: a scenario page lists its own category's pages, not every scenario's."""
    from macros.data.loader import load

    handbook, _ = load(ROOT)
    assert handbook is not None
    first = handbook.scenarios[0]
    html = (built_site / "situations" / f"{first.id}.html").read_text(encoding="utf-8")
    nav = html[html.index('class="md-nav md-nav--primary"') : html.index("</nav>", html.index("md-nav--primary"))]
    others = [s for s in handbook.scenarios if s.category != first.category]
    assert others, "the shipped handbook has more than one category"
    assert not any(f"{s.id}.html" in nav for s in others)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_shows_data_problems_in_the_page_and_keeps_serving(minimal_project: Path) -> None:
    import os
    import subprocess
    import sys
    import time
    import urllib.request

    alpha = minimal_project / "scenarios" / "alpha.yml"
    alpha.write_text(alpha.read_text().replace("channel: phone", "channel: fax"))
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KTB_PDF": "0"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
        cwd=minimal_project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        body = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    body = response.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.3)
        assert server.poll() is None, "mkdocs serve exited on bad data"
        assert "The handbook data has 1 problem(s)" in body
        assert "scenarios/alpha.yml:33:14" in body
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "scenarios/alpha.yml:33:14: templates[2].channel 'fax'" in output
    assert "Traceback" not in output


def test_large_categories_get_a_page_and_a_chunked_nav(minimal_project: Path) -> None:
    """With many scenarios, each page carries only its own chunk of the nav; the category page lists all."""
    alpha = (minimal_project / "scenarios" / "alpha.yml").read_text()
    for n in range(25):
        clone = alpha.replace("id: alpha", f"id: clone-{n:02d}").replace("Alpha situation", f"Clone {n:02d} situation")
        clone = clone.replace("alpha-email", f"clone-{n:02d}-email").replace("alpha-phone", f"clone-{n:02d}-phone")
        (minimal_project / "scenarios" / f"clone-{n:02d}.yml").write_text(clone)
    (minimal_project / "docs" / "index.md").write_text("# Home\n\n{{ situations_index(2, limit=5) }}\n")
    result = run_build(minimal_project)
    assert result.returncode == 0, result.stderr
    site = minimal_project / "site"
    category = (site / "situations" / "another-offer" / "index.html").read_text(encoding="utf-8")
    assert category.count('href="../clone-') >= 25, "the category page lists every scenario"
    page = (site / "situations" / "clone-00.html").read_text(encoding="utf-8")
    nav = page[page.index('class="md-nav md-nav--primary"') :]
    assert "1–20" in nav and "21–27" in nav
    assert 'href="clone-01.html"' in nav and 'href="clone-24.html"' not in nav
    home = (site / "index.html").read_text(encoding="utf-8")
    content = home[home.index('class="md-content"') :]
    listed = [x for x in re.findall(r'href="situations/([a-z0-9-]+)\.html"', content) if x != "index"]
    assert len(listed) == 5, listed
    assert "All 27 situations" in content and 'href="situations/another-offer/index.html"' in content
    # Past LIBRARY_ONE_PAGE_SCENARIOS the library is one page per category, in parts: no page grows with the data.
    from macros.site.render import LIBRARY_ONE_PAGE_SCENARIOS, LIBRARY_PART_SCENARIOS

    assert LIBRARY_ONE_PAGE_SCENARIOS < 27
    library = (site / "library.html").read_text(encoding="utf-8")
    parts = -(-27 // LIBRARY_PART_SCENARIOS)
    names = ["another-offer"] + [f"another-offer-{n}" for n in range(2, parts + 1)]
    for name in names:
        assert f'href="library/{name}.html"' in library
    last = (site / "library" / f"{names[-1]}.html").read_text(encoding="utf-8")
    remainder = 27 - LIBRARY_PART_SCENARIOS * (parts - 1)
    assert last.count('class="ktb-template"') == 2 * remainder, "two messages per scenario in the last part"
    assert not (site / "library" / f"another-offer-{parts + 1}.html").exists()
