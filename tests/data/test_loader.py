"""macros/data/yamlsource.py and loader.py: the YAML read with places, the model loaded and cached. No build, fast."""

from __future__ import annotations

from pathlib import Path

from macros.data.loader import load, load_cached
from macros.data.model import CHANNELS, TIMINGS
from macros.data.yamlsource import parse
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
