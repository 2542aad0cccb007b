"""The handbook project under test, copies of it in tmp_path, and `mkdocs build --strict` run as a user runs it.

`ROOT` is this checkout: upstream's, or a fork's, whose `local/` folder the tests then check too
(tests/fork/ proves a fork passes them unedited).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(ROOT / "scripts"))

from lighthouse import serve  # noqa: E402 - the one small static server, shared with the Lighthouse script

__all__ = ["FIXTURES", "ROOT", "copy_project", "fixture_data", "fixture_project", "run_build", "serve"]

# Copied into every test project; scenarios/ comes from the project or a fixture.
PROJECT_PARTS = ("mkdocs.yml", "brand.yml", "docs", "overrides", "macros", "THIRD-PARTY-NOTICES.md")


def copy_project(dest: Path, scenarios: Path | None = None, *, local: bool = False) -> Path:
    """A copy of the handbook project in `dest`, optionally with another scenarios folder.

    `local=True` copies the project's own `local/` folder too (a fork's switches and scenarios), for
    tests of the site as it is published; tests that write a `local/` of their own leave it out.
    """
    dest.mkdir(parents=True, exist_ok=True)
    for part in (*PROJECT_PARTS, *(("local",) if local else ())):
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / part)
    shutil.copytree(scenarios or ROOT / "scenarios", dest / "scenarios")
    return dest


def fixture_data(dest: Path, name: str) -> Path:
    """The scenarios of tests/fixtures/NAME with the project's own schemas: all the loader reads."""
    shutil.copytree(FIXTURES / name / "scenarios", dest / "scenarios", dirs_exist_ok=True)
    shutil.copytree(ROOT / "scenarios" / "schema", dest / "scenarios" / "schema", dirs_exist_ok=True)
    return dest


def fixture_project(dest: Path, name: str) -> Path:
    """A fixture project from tests/fixtures/NAME on top of the project's code, theme, assets and schemas.

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
