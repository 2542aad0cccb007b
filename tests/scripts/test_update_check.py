"""`make update-check`: a fork sees what changed upstream in the files it overrides, before it merges."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.project import ROOT

SCRIPT = ROOT / "scripts" / "update_check.py"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV}, check=True, capture_output=True)


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def check(fork: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Reproduce: cd FORK && python scripts/update_check.py --upstream origin/main"""
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--project", str(fork), "--upstream", "origin/main", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV},
        timeout=60,
    )


def repos(tmp_path: Path) -> tuple[Path, Path]:
    """Upstream with two guides, a scenario and a brand; a fork that replaces one guide and changes the scenario."""
    up, fork = tmp_path / "upstream", tmp_path / "fork"
    up.mkdir()
    git(up, "init", "-q", "-b", "main")
    write(
        up,
        {
            "docs/guides/notice.md": "# Notice\n\nTell them early.\n",
            "docs/guides/other.md": "# Other\n",
            "scenarios/alpha.yml": "id: alpha\ntitle: Alpha\n",
            "scenarios/beta.yml": "id: beta\ntitle: Beta\n",
            "scenarios/_fields.yml": "fields: {}\n",
            "brand.yml": "name: Ours\n",
        },
    )
    git(up, "add", "-A")
    git(up, "commit", "-q", "-m", "upstream 1")
    git(tmp_path, "clone", "-q", str(up), str(fork))
    write(
        fork,
        {
            "local/docs/guides/notice.md": "# Notice\n\nCall your consultant.\n",
            "local/docs/privacy.md": "# Privacy\n",
            "local/scenarios/my-alpha.yml": "id: alpha\nsummary: Ours.\n",
            "local/scenarios/_local.yml": "switch_off: [beta]\n",
            "brand.yml": "name: Harbour\n",
        },
    )
    git(fork, "add", "-A")
    git(fork, "commit", "-q", "-m", "fork")
    return up, fork


def test_lists_only_the_overridden_files_that_changed(tmp_path: Path) -> None:
    up, fork = repos(tmp_path)
    write(
        up,
        {
            "docs/guides/notice.md": "# Notice\n\nTell them early.\n\nAnd call first.\n",
            "docs/guides/other.md": "# Other, changed\n",
            "docs/privacy.md": "# Our privacy page\n",
            "scenarios/alpha.yml": "id: alpha\ntitle: Alpha, better\n",
            "scenarios/beta.yml": "id: beta\ntitle: Beta, better\n",
            "brand.yml": "name: Ours\nnew_field: yes\n",
        },
    )
    git(up, "add", "-A")
    git(up, "commit", "-q", "-m", "upstream 2")
    git(fork, "fetch", "-q", "origin")
    result = check(fork)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "origin/main changed 4 files that you override" in out
    assert "  brand.yml: changed, +1 -0\n      your brand.yml: yours (merge=ours)" in out
    assert "  docs/guides/notice.md: changed, +2 -0\n      your local/docs/guides/notice.md: published instead" in out
    assert "  docs/privacy.md: added upstream, +1 -0\n      your local/docs/privacy.md" in out
    assert "  scenarios/alpha.yml: changed, +1 -1\n      your local/scenarios/my-alpha.yml: changes 'alpha'" in out
    assert "other.md" not in out and "beta" not in out
    diff = check(fork, "--diff", "--fail-on-change")
    assert diff.returncode == 1 and "+And call first." in diff.stdout and "+title: Alpha, better" in diff.stdout


def test_nothing_to_report_after_merging(tmp_path: Path) -> None:
    up, fork = repos(tmp_path)
    write(up, {"docs/guides/notice.md": "# Notice, changed\n"})
    git(up, "commit", "-q", "-am", "upstream 2")
    git(fork, "fetch", "-q", "origin")
    assert "docs/guides/notice.md: changed" in check(fork).stdout
    git(fork, "merge", "-q", "--no-edit", "origin/main")
    result = check(fork, "--fail-on-change")
    assert result.returncode == 0 and result.stdout.startswith("Nothing you override changed in origin/main")


def test_a_missing_upstream_branch_is_explained(tmp_path: Path) -> None:
    _, fork = repos(tmp_path)
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--project", str(fork), "--upstream", "upstream/main"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "there is no branch 'upstream/main' in this clone" in result.stderr
    assert "git remote add upstream" in result.stderr
