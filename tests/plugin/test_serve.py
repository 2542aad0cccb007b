"""`mkdocs serve` shows what it cannot render (a broken brand, a syntax error in macros/) on pages and in the terminal.

Reproduce by hand: `mkdocs serve`, break brand.yml or a module in macros/, reload the page.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.project import fixture_project


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    """The minimal fixture with a broken brand colour under `mkdocs serve`; yields project, address, log file."""
    project = fixture_project(tmp_path / "project", "minimal")
    brand = project / "brand.yml"
    brand.write_text(brand.read_text().replace('primary: "#1d5c57"', 'primary: "#nothex"'))
    port, log = free_port(), tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KTB_PDF": "0", "PYTHONDONTWRITEBYTECODE": "1"}
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield project, f"http://127.0.0.1:{port}/", log
    finally:
        process.terminate()
        process.wait(timeout=30)


def page_when(url: str, needle: str, timeout: float = 90) -> str:
    """The page at `url` once it contains `needle` (the server rebuilds after a change)."""
    deadline, text = time.monotonic() + timeout, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                text = response.read().decode("utf-8")
            if needle in text:
                return text
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {needle!r}; last page:\n{text[:2000]}")


def test_a_broken_brand_and_a_syntax_error_show_on_the_pages_and_in_the_terminal(
    served: tuple[Path, str, Path],
) -> None:
    project, url, log = served
    home = page_when(url, "brand.yml:")
    assert "brand.yml:19:12: &#x27;#nothex&#x27; is not a colour" in home or "brand.yml:19:12: '#nothex'" in home
    assert "brand.yml:19:12: '#nothex' is not a colour" in log.read_text()
    library = page_when(url + "library.html", "brand.yml:19:12")
    assert "problem(s)" in library
    render = project / "macros" / "site" / "render.py"
    render.write_text(render.read_text() + "\ndef broken(:\n")
    line = len(render.read_text().splitlines())
    home = page_when(url, f"macros/site/render.py:{line}:")
    assert "Python syntax error" in home
    deadline = time.monotonic() + 30
    while f"macros/site/render.py:{line}:" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert f"macros/site/render.py:{line}:12: Python syntax error" in log.read_text()
    assert "Traceback" not in log.read_text()
    assert not [p.name for p in project.iterdir() if "ktb-staging" in p.name], "serve builds in its own folder"
