"""macros/data/yamlsource.py and loader.py: the YAML read with places, the model loaded and cached. No build, fast."""

from __future__ import annotations

from pathlib import Path

from macros.data.loader import load, load_cached
from macros.data.model import CHANNELS, TIMINGS
from macros.data.problems import rel, suggest
from macros.data.yamlsource import parse
from macros.plugin import loading
from macros.site.reserved import RESERVED
from tests.support.project import ROOT, fixture_data


def test_parse_keeps_the_place_of_every_value_and_key() -> None:
    src, problems = parse("a: 1\nb:\n  - x\n  - {c: yes}\n", "f.yml")
    assert problems == [] and src is not None
    assert src.data == {"a": 1, "b": ["x", {"c": True}]}
    assert src.mark(("b", 1, "c")).line == 4
    assert src.mark(("b", 1, "c"), key=True).column == 6
    assert src.mark(("b", 0)).line == 3
    # An unknown path falls back to its nearest known parent.
    assert src.mark(("b", 1, "missing")).line == 4


def test_parse_rejects_duplicate_keys_at_any_depth() -> None:
    _, problems = parse("a:\n  b: 1\n  b: 2\n", "f.yml")
    assert [(p.line, p.column) for p in problems] == [(3, 3)]
    assert "first set on line 2" in problems[0].what


def test_parse_reports_a_comment_only_file_as_empty() -> None:
    src, problems = parse("# only a comment\n", "f.yml")
    assert src is None and problems[0].what == "the file is empty"


def test_word_inside_a_literal_block_is_located_exactly() -> None:
    text = "body: |\n  line one\n  has {here} inside\n"
    src, _ = parse(text, "f.yml")
    assert src is not None
    mark = src.mark_of_text(("body",), "{here}")
    assert (mark.line, mark.column) == (3, 7)


def test_shipped_handbook_loads_into_a_frozen_model() -> None:
    handbook, problems = load(ROOT)
    assert problems == [] and handbook is not None
    assert len(handbook.scenarios) >= 3
    ids = [s.id for s in handbook.scenarios]
    assert len(ids) == len(set(ids))
    for scenario in handbook.scenarios:
        assert scenario.category in {c.id for c in handbook.categories}
        assert set(scenario.related) <= set(ids)
        for template in scenario.templates:
            assert template.channel in CHANNELS and template.timing in TIMINGS
            assert (template.subject is not None) == (template.channel == "email")


def test_scenarios_are_ordered_by_category_then_order(tmp_path: Path) -> None:
    project = fixture_data(tmp_path, "minimal")
    beta = project / "scenarios" / "beta.yml"
    beta.write_text(beta.read_text().replace("category: another-offer", "category: red-flags"))
    handbook, _ = load(project)
    assert handbook is not None
    assert [s.id for s in handbook.scenarios] == ["alpha", "beta"]
    assert [s.id for s in handbook.in_category("red-flags")] == ["beta"]


def test_load_cached_parses_once_until_a_file_changes(tmp_path: Path) -> None:
    project = fixture_data(tmp_path, "minimal")
    first, _ = load_cached(project)
    assert load_cached(project)[0] is first
    alpha = project / "scenarios" / "alpha.yml"
    alpha.write_text(alpha.read_text().replace("Alpha situation for tests", "Alpha situation, edited"))
    second, _ = load_cached(project)
    assert second is not first and second is not None
    assert second.scenario("alpha").title == "Alpha situation, edited"


def test_fallback_without_audiences_covers_each_audience_that_lacks_a_message() -> None:
    handbook, _ = load(ROOT)
    assert handbook is not None
    for scenario in handbook.scenarios:
        for fallback in scenario.fallbacks:
            assert fallback.audiences, f"{scenario.id}: a fallback for nobody"
            for audience in fallback.audiences:
                assert not scenario.recommended(fallback.timing, audience), (scenario.id, fallback)


def test_suggest_names_the_closest_choice_or_nothing() -> None:
    assert suggest("catgory", ["category", "channel"]) == "did you mean 'category'? "
    assert suggest("zzz", ["category", "channel"]) == ""
    assert suggest("x", []) == ""


def test_rel_is_relative_to_the_project_with_forward_slashes(tmp_path: Path) -> None:
    assert rel(tmp_path, tmp_path / "scenarios" / "a.yml") == "scenarios/a.yml"
    outside = tmp_path.parent / "elsewhere.yml"
    assert rel(tmp_path / "project", outside) == outside.as_posix()


def test_the_sites_reserved_ids_are_checked_by_the_site_load_not_by_the_data_alone(tmp_path: Path) -> None:
    """data/ knows no site: the reserved ids come in as a parameter, and the build's own load passes them."""
    project = fixture_data(tmp_path, "minimal")
    (project / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    alpha = project / "scenarios" / "alpha.yml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("id: alpha-phone", "id: messages"), encoding="utf-8")
    reserved = "template id 'messages' is reserved by the page layout"
    handbook, problems = load(project)
    assert handbook is not None and problems == []
    _, problems = load(project, reserved=RESERVED)
    assert [p.what for p in problems] == [reserved]
    loaded = loading.load({"config_file_path": str(project / "mkdocs.yml"), "extra": {}})
    assert loaded.handbook is None and [p.what for p in loaded.problems] == [reserved]
