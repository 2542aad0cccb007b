"""Pages built in two processes: the same site as one process, and warnings and failures still stop the build."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from macros.plugin import parallel
from tests.support.project import ROOT, copy_project, run_build

FORKED = "Building pages in 2 processes"
GUIDES = sorted(p.stem for p in (ROOT / "docs" / "guides").glob("*.md") if p.stem != "index")


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_two_processes_build_the_same_site_byte_for_byte(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    one = run_build(project, "-d", "site-one", env={"KTB_JOBS": "1"})
    two = run_build(project, "-d", "site-two", env={"KTB_JOBS": "2"})
    assert one.returncode == 0, one.stderr
    assert two.returncode == 0, two.stderr
    assert FORKED not in one.stderr and FORKED in two.stderr, "KTB_JOBS picks one or two processes"

    alone, shared = site_files(project / "site-one"), site_files(project / "site-two")
    assert len(alone) > 40
    assert sorted(alone) == sorted(shared), "the same files, none missing or extra"
    assert [name for name in alone if alone[name] != shared[name]] == [], "every file byte for byte the same"
    assert "Page skipped" not in two.stderr, "pages the other process writes are not reported as skipped"


def test_warnings_from_both_processes_fail_a_strict_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    for name in GUIDES:  # neighbouring pages: each process builds some of them
        page = project / "docs" / "guides" / f"{name}.md"
        page.write_text(page.read_text(encoding="utf-8") + f"\n[Gone](missing-{name}.md)\n", encoding="utf-8")
    result = run_build(project, env={"KTB_JOBS": "2"})
    output = result.stdout + result.stderr
    assert FORKED in output
    assert result.returncode != 0
    for name in GUIDES:
        assert f"missing-{name}.md" in output, f"the warning for guides/{name}.md is reported"
    assert f"Aborted with {len(GUIDES)} warnings in strict mode" in output, "each warning is counted once"
    assert not (project / "site").exists()


def test_a_page_that_fails_in_either_process_stops_the_build_cleanly(tmp_path: Path) -> None:
    outputs = []
    for name in GUIDES[:2]:  # neighbours in build order, so one of them is the second process's page
        (tmp_path / name).mkdir()
        project = copy_project(tmp_path / name)
        page = project / "docs" / "guides" / f"{name}.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n{{ no_such_macro() }}\n", encoding="utf-8")
        result = run_build(project, env={"KTB_JOBS": "2"})
        output = result.stdout + result.stderr
        assert result.returncode != 0
        assert re.search(rf"docs/guides/{name}\.md:\d+:4: 'no_such_macro' is undefined — check its spelling", output)
        assert "Traceback" not in output
        assert not (project / "site").exists(), "no half-built site, whichever process stopped"
        outputs.append(output)
    failed_in_child = ["second process failed" in output for output in outputs]
    assert sorted(failed_in_child) == [False, True], "one failure came from each process"


@pytest.mark.parametrize(
    ("setting", "cpus", "platform", "alongside", "expected"),
    [
        (1, 2, "linux", 0, 1),
        (2, 2, "linux", 0, 2),
        (2, 1, "linux", 0, 2),
        (0, 2, "linux", 0, 2),  # auto
        (0, 1, "linux", 0, 1),
        (0, 8, "darwin", 0, 1),
        (2, 8, "darwin", 0, 2),
        (0, 2, "linux", 1, 1),  # auto, the Spanish edition building alongside: its CPU is taken
        (0, 3, "linux", 1, 2),
        (2, 2, "linux", 1, 2),  # asked for: as asked
    ],
)
def test_page_processes_come_from_the_setting_or_the_cpus_left_free(
    monkeypatch: pytest.MonkeyPatch, setting: int, cpus: int, platform: str, alongside: int, expected: int
) -> None:
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda _pid: set(range(cpus)), raising=False)
    assert parallel.jobs(setting, platform, alongside) == expected


def test_search_entries_return_to_page_order() -> None:
    class Page:
        def __init__(self, url: str) -> None:
            self.url = url

    pages = [Page(""), Page("a.html"), Page("b.html")]
    entries = [
        {"location": "b.html", "title": "B"},
        {"location": "b.html#two", "title": "B2"},
        {"location": "", "title": "Home"},
        {"location": "a.html#x", "title": "A1"},
        {"location": "a.html", "title": "A"},
    ]
    ordered = [e["title"] for e in parallel.in_page_order(entries, pages)]
    assert ordered == ["Home", "A1", "A", "B", "B2"], "by page; within a page as each process added them"


def test_the_skip_notice_is_hidden_only_for_pages_built_elsewhere() -> None:
    split = parallel.TwoProcesses()
    split.split = parallel._Split(pid=0, conn=None, theirs=frozenset({"guides/a.md"}), is_child=False)  # type: ignore[arg-type]

    def record(message: str) -> logging.LogRecord:
        return logging.LogRecord("mkdocs.commands.build", logging.INFO, __file__, 1, message, None, None)

    assert not split.filter(record("Page skipped: 'guides/a.md'. Generated empty output."))
    assert split.filter(record("Page skipped: 'guides/b.md'. Generated empty output."))
    assert split.filter(record("Building documentation"))
    split.split = None  # nothing to reap: this split was never forked
