"""Shared fixtures: project copies in tmp_path, one built handbook per session, a local server, a browser."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from lighthouse import serve  # noqa: E402 - the one small static server, shared with the Lighthouse script

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Copied into every test project; scenarios/ comes from the repo or a fixture.
PROJECT_PARTS = ("mkdocs.yml", "brand.yml", "docs", "overrides", "macros", "THIRD-PARTY-NOTICES.md")


def copy_project(dest: Path, scenarios: Path | None = None) -> Path:
    """A copy of the handbook project in `dest`, optionally with another scenarios folder."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / part)
    shutil.copytree(scenarios or ROOT / "scenarios", dest / "scenarios")
    return dest


def fixture_project(dest: Path, name: str) -> Path:
    """A fixture project from tests/fixtures/NAME on top of the repo's code, theme, assets and schemas.

    The fixture brings its own scenarios, pages and `mkdocs.yml`, which inherits the real
    configuration (copied as mkdocs.upstream.yml) and replaces only what it must, like `nav`.
    """
    shutil.copytree(ROOT / "macros", dest / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    shutil.copytree(ROOT / "docs" / "assets", dest / "docs" / "assets")
    shutil.copytree(ROOT / "scenarios" / "schema", dest / "scenarios" / "schema")
    for extra in ("brand.yml",):
        if (ROOT / extra).exists():
            shutil.copy2(ROOT / extra, dest / extra)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.upstream.yml")
    shutil.copytree(FIXTURES / name, dest, dirs_exist_ok=True)
    return dest


def run_build(
    project: Path, *extra: str, pdf: bool = False, env: dict[str, str] | None = None, editions: bool = False
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` in a fresh process, as a user runs it. Reproduce: cd PROJECT && mkdocs build --strict.

    The PDF is left out (KTB_PDF=0) unless a test asks for it; the shipped build makes it.
    `env` adds variables, such as KTB_JOBS.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KTB_PDF": "1" if pdf else "0", **(env or {})}
    if not editions:  # most tests check one edition; the shipped site and the language tests build them all
        env.setdefault("KTB_LANGUAGES", "en")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *extra],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped handbook, built once per test session; returns its site/ folder."""
    project = copy_project(tmp_path_factory.mktemp("handbook"))
    result = run_build(project, pdf=True, editions=True)
    assert result.returncode == 0, f"shipped handbook failed to build:\n{result.stdout}\n{result.stderr}"
    return project / "site"


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built handbook served on 127.0.0.1 at a free port (scripts/lighthouse.py's server); stopped after."""
    with serve(built_site, compress=False) as url:
        yield url


def _browser_missing(reason: str) -> None:
    if os.environ.get("KTB_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests are required (KTB_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _browser_missing("the playwright package is not installed")
    if not CHROMIUM.exists():
        _browser_missing(f"{CHROMIUM} is not installed (apt-get install chromium)")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()
