"""Atomic publish (macros/plugin/publish.py): a failed or interrupted build leaves the last site exactly as it was.

Reproduce one case by hand: build tests/fixtures/minimal, add notes.txt to site/, break a scenario, build
again (or press Ctrl+C while it builds) and compare site/ with what it was.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from macros.plugin import publish
from tests.support.project import FIXTURES, fixture_project, run_build

USER_FILES = {"notes.txt": b"my notes\n", ".git/HEAD": b"ref: refs/heads/gh-pages\n", ".nojekyll": b""}


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `folder` with its bytes and modification time."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if "ktb-staging" in p.name or "ktb-old" in p.name)


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The interrupt fixture built once per module, with a user's own files added to its site/ afterwards."""
    project = fixture_project(tmp_path_factory.mktemp("publish"), "minimal")
    shutil.copytree(FIXTURES / "interrupt", project, dirs_exist_ok=True)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    for name, data in USER_FILES.items():
        (project / "site" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "site" / name).write_bytes(data)
    return project


@pytest.fixture
def published(built_once: Path, tmp_path: Path) -> Path:
    """A copy of the built project for one test (copying keeps every file's bytes and times)."""
    return Path(shutil.copytree(built_once, tmp_path / "project", symlinks=True))


def break_data(project: Path) -> None:
    alpha = project / "scenarios" / "alpha.yml"
    alpha.write_text(alpha.read_text().replace("channel: phone", "channel: pigeon"))


def test_a_clean_build_replaces_its_own_files_and_keeps_the_users(published: Path) -> None:
    site = published / "site"
    (site / "situations" / "stale.html").write_text("from a build long ago")  # inside a folder the build makes
    result = run_build(published)
    assert result.returncode == 0, result.stderr
    for name, data in USER_FILES.items():
        assert (site / name).read_bytes() == data, f"{name} was the user's: it must stay"
    assert not (site / "situations" / "stale.html").exists(), "the build's own folders are replaced whole"
    assert (site / "situations" / "alpha.html").is_file() and (site / "search" / "search_index.json").is_file()
    assert leftovers(published) == []


@pytest.mark.parametrize(
    ("case", "env"),
    [
        ("data error", {}),
        ("strict warning", {"KTB_TEST_AT": "post_build", "KTB_TEST_DO": "warn"}),
        ("exception in a hook", {"KTB_TEST_AT": "post_build", "KTB_TEST_DO": "raise"}),
        ("exception while reading pages", {"KTB_TEST_AT": "files", "KTB_TEST_DO": "raise"}),
    ],
)
def test_a_failed_build_leaves_the_output_byte_for_byte(published: Path, case: str, env: dict[str, str]) -> None:
    if case == "data error":
        break_data(published)
    before = snapshot(published / "site")
    result = run_build(published, env=env)
    assert result.returncode != 0, f"{case}: the build must fail"
    if case == "data error":
        assert "scenarios/alpha.yml:" in result.stderr and "'pigeon'" in result.stderr
    elif case == "strict warning":
        assert "a warning at post_build" in result.stderr
    else:
        assert "a hook failed at" in result.stderr
    assert snapshot(published / "site") == before, f"{case}: the output changed"
    assert leftovers(published) == [], f"{case}: a staging folder was left behind"


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
@pytest.mark.parametrize("event", ["config", "files", "page", "post_build"])
def test_an_interrupted_build_leaves_the_output_byte_for_byte(
    published: Path, tmp_path: Path, event: str, stop: signal.Signals
) -> None:
    before = snapshot(published / "site")
    reached = tmp_path / "reached"
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "KTB_PDF": "0",
        "KTB_TEST_AT": event,
        "KTB_TEST_REACHED": str(reached),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=published,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not reached.exists():
            assert process.poll() is None, f"the build ended before {event}: {process.communicate()[1]}"
            assert time.monotonic() < deadline, f"the build never reached {event}"
            time.sleep(0.05)
        process.send_signal(stop)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode != 0, f"{stop.name} at {event}: the build must not report success"
    assert "Traceback" not in err or "KeyboardInterrupt" in err
    assert snapshot(published / "site") == before, f"{stop.name} at {event}: the output changed"
    assert leftovers(published) == [], f"{stop.name} at {event}: a staging folder was left behind"


def test_a_read_only_output_folder_is_refused_before_building(published: Path) -> None:
    site = published / "site"
    before = snapshot(site)
    site.chmod(0o555)
    try:
        result = run_build(published)
    finally:
        site.chmod(0o755)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "read-only" in output and str(site) in output
    assert snapshot(site) == before
    assert leftovers(published) == []


def test_a_swap_that_fails_half_way_puts_every_entry_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rename refused in the middle of the swap (a read-only entry, a full disk) undoes the ones before it."""
    output = tmp_path / "site"
    (output / "situations").mkdir(parents=True)
    (output / "index.html").write_text("old home")
    (output / "situations" / "a.html").write_text("old a")
    (output / "notes.txt").write_text("mine")
    before = snapshot(output)
    publisher = publish.Publisher.start(output)
    (publisher.staging / "index.html").write_text("new home")
    (publisher.staging / "situations").mkdir()
    real_replace = os.replace
    calls = {"n": 0}

    def failing_replace(source: os.PathLike[str], target: os.PathLike[str]) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise PermissionError(13, "Permission denied", str(source))
        real_replace(source, target)

    monkeypatch.setattr(publish.os, "replace", failing_replace)
    with pytest.raises(publish.PublishError, match="could not publish"):
        publisher.publish()
    monkeypatch.setattr(publish.os, "replace", real_replace)
    assert snapshot(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], "staging and old folders are removed"


def test_an_output_whose_parent_is_not_writable_stages_inside_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-d /var/www/html` where /var/www is not ours: the staging folder is hidden inside the output instead."""
    output = tmp_path / "html"
    output.mkdir()
    (output / "notes.txt").write_text("mine")
    real_access = os.access
    monkeypatch.setattr(publish.os, "access", lambda path, mode: Path(path) != tmp_path and real_access(path, mode))
    publisher = publish.Publisher.start(output)
    assert publisher.staging.parent == output and publisher.staging.name.startswith(".html.ktb-staging-")
    (publisher.staging / "index.html").write_text("new home")
    publisher.publish()
    assert sorted(p.name for p in output.iterdir()) == [".ktb-site.json", "index.html", "notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["html"]
