"""A fork's `replace:` in local/scenarios/_local.yml: links to a switched-off scenario point to its replacement."""

from __future__ import annotations

import re
from pathlib import Path

from macros.site.guide_links import prune
from tests.support.project import ROOT, copy_project, run_build

from .test_local import GAMMA, loaded, problems


def test_a_replacement_is_read_and_related_lists_follow_it(tmp_path: Path) -> None:
    settings = "switch_off:\n  - beta\nreplace:\n  beta: gamma\n"
    handbook = loaded(tmp_path, {"_local.yml": settings, "gamma.yml": GAMMA})
    assert handbook.switched_off == frozenset({"beta"})
    assert handbook.replaced_by == (("beta", "gamma"),)
    assert all("beta" not in s.related for s in handbook.scenarios)
    assert handbook.scenario("alpha").related == ("gamma",)  # alpha listed beta: now its replacement


def test_replacing_what_is_not_switched_off_or_with_nothing(tmp_path: Path) -> None:
    settings = "switch_off:\n  - beta\nreplace:\n  alpha: gamma\n  beta: gama\n"
    assert problems(tmp_path, {"_local.yml": settings, "gamma.yml": GAMMA}) == [
        "local/scenarios/_local.yml:4:3: 'alpha' is not switched off, so nothing needs replacing — add it to "
        "switch_off, or remove this line",
        "local/scenarios/_local.yml:5:9: there is no scenario 'gama' to point to — did you mean 'gamma'? use the "
        "id of a scenario that is not switched off",
    ]


def test_a_replacement_must_be_a_mapping(tmp_path: Path) -> None:
    found = problems(tmp_path, {"_local.yml": "switch_off: [beta]\nreplace: [gamma]\n"})
    assert found == [
        "local/scenarios/_local.yml:2:10: replace should be a mapping of `switched-off-id: replacing-id` lines — "
        "write one `old-id: new-id` line for each scenario, indented under replace:"
    ]


def test_links_point_to_the_replacement_with_their_anchor() -> None:
    text = "See [it](../situations/old.md#messages). Also [it](../situations/old.md).\n"
    out, removed = prune(text, "guides/page.md", {"old"}, {"old": "new"})
    assert out == "See [it](../situations/new.md#messages). Also [it](../situations/new.md).\n"
    assert removed == []


def test_a_fork_replacing_a_scenario_builds_strict_and_its_guides_link_to_the_replacement(tmp_path: Path) -> None:
    """Reproduce: the two files below in local/scenarios/ of a fork, then KTB_PDF=0 mkdocs build --strict."""
    project = copy_project(tmp_path)
    local = project / "local" / "scenarios"
    local.mkdir(parents=True)
    ours = (ROOT / "scenarios" / "missed-interview.yml").read_text(encoding="utf-8")
    mine = ours.replace("id: missed-interview", "id: our-missed-interview\nflowchart: false", 1)
    mine = mine.replace("schema/scenario.schema.json", "../../scenarios/schema/scenario.schema.json", 1)
    (local / "our-missed-interview.yml").write_text(mine, encoding="utf-8")
    (local / "_local.yml").write_text(
        "switch_off:\n  - missed-interview\nreplace:\n  missed-interview: our-missed-interview\n", encoding="utf-8"
    )
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert not (site / "situations" / "missed-interview.html").exists()
    for guide in ("after-you-cancel", "how-much-notice", "how-recruiters-see-it"):
        html = (site / "guides" / f"{guide}.html").read_text(encoding="utf-8")
        assert re.search(r'href="\.\./situations/our-missed-interview\.html"', html), guide
        assert "situations/missed-interview" not in html, guide
