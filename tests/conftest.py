"""Shared pytest fixtures: one built handbook per session, a local server, a browser.

The helpers these use (the project under test, copies and builds of it) are in `tests/support/`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.brands import Built, build_example
from tests.support.project import copy_project, run_build, serve

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handbook as published (with a fork's local/ folder, if any), built once per session; returns site/."""
    project = copy_project(tmp_path_factory.mktemp("handbook"), local=True)
    result = run_build(project, pdf=True, editions=True)
    assert result.returncode == 0, f"shipped handbook failed to build:\n{result.stdout}\n{result.stderr}"
    return project / "site"


@pytest.fixture(scope="session")
def two_brands(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, Built]:
    """The shipped handbook (default brand) and the example agency's, each built once per session with the PDF."""
    return build_example(built_site, tmp_path_factory.mktemp("example-brand"))


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
