"""Links from hand-written pages to scenarios a fork switched off go, with their sentence or list item."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

from macros.data.loader import scenario_files
from macros.site.guide_links import linked_scenario, prune
from tests.support.handbook import shipped
from tests.support.project import ROOT, copy_project

GUIDE = "guides/page.md"


def test_linked_scenario_resolves_relative_targets() -> None:
    assert linked_scenario("../situations/missed-interview.md", GUIDE) == "missed-interview"
    assert linked_scenario("../situations/missed-interview.md#messages", GUIDE) == "missed-interview"
    assert linked_scenario("situations/missed-interview.md", "index.md") == "missed-interview"
    assert linked_scenario("../situations/index.md", GUIDE) is None
    assert linked_scenario("how-much-notice.md", GUIDE) is None
    assert linked_scenario("https://example.org/situations/x.md", GUIDE) is None


def test_the_sentence_goes_and_the_rest_of_the_paragraph_stays() -> None:
    text = (
        "# Title\n\nSay sorry once. The page on\n[a missed interview](../situations/missed-interview.md) has\n"
        "messages. Then move on.\n\nNext paragraph.\n"
    )
    out, removed = prune(text, GUIDE, {"missed-interview"})
    assert out == "# Title\n\nSay sorry once. Then move on.\n\nNext paragraph.\n"
    assert removed == ["missed-interview"]


def test_the_last_sentence_takes_the_space_before_it() -> None:
    text = "Say sorry. [You missed it](../situations/missed-interview.md)\nwalks you through it.\n"
    assert prune(text, GUIDE, {"missed-interview"})[0] == "Say sorry.\n"


def test_a_paragraph_of_one_sentence_goes_whole() -> None:
    text = "Before.\n\nIf you [accepted an offer](../situations/accepted.md), a\nrecruiter is pleased.\n\nAfter.\n"
    assert prune(text, GUIDE, {"accepted"})[0] == "Before.\n\nAfter.\n"


def test_a_list_item_goes_whole_or_loses_one_sentence() -> None:
    text = (
        "- One.\n- You found [bad reviews](../situations/bad-reviews.md), but\n  they are old.\n"
        "- **No:** cancel. The page on\n  [being unsure](../situations/unsure.md) helps.\n- Four.\n"
    )
    out, removed = prune(text, GUIDE, {"bad-reviews", "unsure"})
    assert out == "- One.\n- **No:** cancel.\n- Four.\n"
    assert removed == ["bad-reviews", "unsure"]


def test_headings_and_tables_keep_the_text_without_the_link_and_code_is_untouched() -> None:
    text = (
        "## About [missing](../situations/missed.md)\n\n| a | [missing](../situations/missed.md) |\n\n"
        "```\n[missing](../situations/missed.md)\n```\n"
    )
    out, _ = prune(text, GUIDE, {"missed"})
    assert out == "## About missing\n\n| a | missing |\n\n```\n[missing](../situations/missed.md)\n```\n"


def test_links_to_other_or_unknown_scenarios_stay() -> None:
    """A mistyped scenario link is not a switched-off one: MkDocs must still report it."""
    text = "See [this](../situations/missd-interview.md). And [that](../situations/index.md).\n"
    assert prune(text, GUIDE, {"missed-interview"}) == (text, [])


def test_every_shipped_link_to_a_scenario_can_go() -> None:
    """Each guide, with each scenario it links to switched off, keeps its headings and loses only that link."""
    for page in sorted((ROOT / "docs").rglob("*.md")):
        src = page.relative_to(ROOT / "docs").as_posix()
        text = page.read_text(encoding="utf-8")
        linked = {linked_scenario(m.group(2), src) for m in re.finditer(r"\[([^\]]*)\]\(([^)]+)\)", text)}
        for sid in sorted(s for s in linked if s):
            out, removed = prune(text, src, {sid})
            assert removed and f"situations/{sid}.md" not in out, f"{src}: link to {sid} kept"
            assert re.findall(r"^#.*$", out, re.M) == re.findall(r"^#.*$", text, re.M), f"{src}: a heading changed"
            assert len(out) > len(text) * 0.8, f"{src}: switching off {sid} removed too much"


def test_switching_off_each_scenario_in_turn_builds_strict(tmp_path: Path) -> None:
    """Every scenario of the shipped data, switched off alone in a fork's local/, still builds with --strict.

    Two copies of the project build half the ids each, side by side, each in one process
    (tests/support/build_loop.py). Reproduce one: mkdir -p local/scenarios &&
    echo 'switch_off: [ID]' > local/scenarios/_local.yml && KTB_PDF=0 mkdocs build --strict
    """
    ids = [s.id for s in shipped().scenarios]  # the copies have no local/: upstream's scenarios, a fork's or not
    assert len(ids) == len(scenario_files(ROOT / "scenarios")), "every scenario file is one scenario"
    started = time.monotonic()
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.support.build_loop", str(copy_project(tmp_path / f"copy{n}")), *ids[n::2]],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]
    failures: dict[str, str] = {}
    for run in runs:
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err[-3000:]
        failures.update(json.loads(out.strip().splitlines()[-1]))
    assert not failures, "\n\n".join(f"switch_off: [{sid}] -> {why}" for sid, why in failures.items())
    assert time.monotonic() - started < 240, "the builds took too long for CI on two cores"
