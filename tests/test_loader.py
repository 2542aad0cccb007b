"""Loader and renderer unit tests: no MkDocs build, fast."""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

from macros.build import loading
from macros.data.loader import load, load_cached
from macros.data.model import CHANNELS, TIMINGS
from macros.data.problems import rel, suggest
from macros.data.yamlsource import parse
from macros.site import message, render
from macros.site.reserved import RESERVED

from .conftest import FIXTURES, ROOT


def minimal(dest: Path) -> Path:
    shutil.copytree(FIXTURES / "minimal" / "scenarios", dest / "scenarios")
    shutil.copytree(ROOT / "scenarios" / "schema", dest / "scenarios" / "schema")
    return dest


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
    project = minimal(tmp_path)
    beta = project / "scenarios" / "beta.yml"
    beta.write_text(beta.read_text().replace("category: another-offer", "category: red-flags"))
    handbook, _ = load(project)
    assert handbook is not None
    assert [s.id for s in handbook.scenarios] == ["alpha", "beta"]
    assert [s.id for s in handbook.in_category("red-flags")] == ["beta"]


def test_load_cached_parses_once_until_a_file_changes(tmp_path: Path) -> None:
    project = minimal(tmp_path)
    first, _ = load_cached(project)
    assert load_cached(project)[0] is first
    alpha = project / "scenarios" / "alpha.yml"
    alpha.write_text(alpha.read_text().replace("Alpha situation for tests", "Alpha situation, edited"))
    second, _ = load_cached(project)
    assert second is not first and second is not None
    assert second.scenario("alpha").title == "Alpha situation, edited"


def test_blanks_are_labelled_and_escaped() -> None:
    handbook, _ = load(ROOT)
    assert handbook is not None
    html = message.fill_html("Hi {contact_name} <b>&</b>", handbook)
    assert (
        html
        == 'Hi <span class="ktb-blank" data-field="contact_name">[Contact&#x27;s name]</span> &lt;b&gt;&amp;&lt;/b&gt;'
    )
    assert message.fill_text("Hi {contact_name}, {role}", {"contact_name": "Ana"}, handbook) == "Hi Ana, [Role]"


def test_data_text_cannot_inject_html_into_pages(tmp_path: Path) -> None:
    project = minimal(tmp_path)
    alpha = project / "scenarios" / "alpha.yml"
    alpha.write_text(alpha.read_text().replace("  - Be quick.", "  - Be <script>alert(1)</script> quick."))
    handbook, _ = load(project)
    assert handbook is not None
    page = render.scenario_page(handbook, handbook.scenario("alpha"))
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_scenario_page_answers_first_and_links_related() -> None:
    handbook, _ = load(ROOT)
    assert handbook is not None
    scenario = handbook.scenario("accepted-another-offer")
    page = render.scenario_page(handbook, scenario)
    assert page.startswith(f'# {scenario.title}\n\n<div class="ktb-inshort" id="in-short" markdown>')
    assert page.index("In short") < page.index("{ #signals }") < page.index("{ #messages }")
    for related in scenario.related:
        assert f"]({related}.md)" in page
    for template in scenario.templates:
        assert f'id="{template.id}"' in page


def test_phone_scripts_render_as_talking_points_and_emails_as_paragraphs() -> None:
    handbook, _ = load(ROOT)
    assert handbook is not None
    templates = {t.channel: t for t in handbook.templates()}
    phone = message.body_html(templates["phone"], handbook)
    assert '<ul class="ktb-template__points"><li>' in phone
    assert phone.count("<li>") == len([ln for ln in templates["phone"].body.splitlines() if ln.strip()])
    email = message.body_html(templates["email"], handbook)
    assert email.count("<p>") == templates["email"].body.count("\n\n") + 1


def test_library_lists_every_template_once() -> None:
    handbook, _ = load(ROOT)
    assert handbook is not None
    page = render.template_library(handbook, "library.md")
    for template in handbook.templates():
        assert page.count(f'id="{template.id}"') == 1
    assert page.startswith(f"{len(handbook.templates())} messages for {len(handbook.scenarios)} situations")


def test_relative_links_between_pages() -> None:
    assert render.relative("index.md", "situations/a.md") == "situations/a.md"
    assert render.relative("situations/b.md", "situations/a.md") == "a.md"
    assert render.relative("guides/x.md", "situations/a.md") == "../situations/a.md"


def test_compact_folds_indentation_but_keeps_pre_script_style_and_textarea() -> None:
    from macros.site import compact

    page = (
        "<ul>\n    <li>a</li>\n\n\n    <li>b</li>\n</ul>\n"
        "<pre>  keep\n\n    this</pre>\n   <script>\n  var x = 1;\n</script>\n"
        "<style>\n  a { }\n</style>  <textarea>\n  typed\n</textarea>\n  <p>end</p>"
    )
    assert compact.html(page) == (
        "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"
        "<pre>  keep\n\n    this</pre>\n<script>\n  var x = 1;\n</script>\n"
        "<style>\n  a { }\n</style>  <textarea>\n  typed\n</textarea>\n<p>end</p>"
    )


def test_fallbacks_show_in_their_timing_tab_and_in_the_library() -> None:
    handbook, _ = load(ROOT)
    assert handbook is not None
    scenario = next(s for s in handbook.scenarios if s.fallbacks)
    fallback = scenario.fallbacks[0]
    page = render.scenario_page(handbook, scenario)
    block = page.split(f'<div class="tabbed-block" data-timing="{fallback.timing}"')[1].split(
        '<div class="tabbed-block"'
    )[0]
    note = f"<strong>For {message.audience_phrase(fallback.audiences)}:</strong> {escape(fallback.text)}"
    assert note in block, "the fallback belongs in its own timing's tab"
    assert block.index(note) < block.index('class="ktb-template"'), "the note comes before the messages"
    assert page.count('class="ktb-fallback"') == len(scenario.fallbacks)
    library = render.template_library(handbook, "library.md")
    assert library.count('class="ktb-fallback"') == sum(len(s.fallbacks) for s in handbook.scenarios)


def test_fallback_without_audiences_covers_each_audience_that_lacks_a_message() -> None:
    handbook, _ = load(ROOT)
    assert handbook is not None
    for scenario in handbook.scenarios:
        for fallback in scenario.fallbacks:
            assert fallback.audiences, f"{scenario.id}: a fallback for nobody"
            for audience in fallback.audiences:
                assert not scenario.recommended(fallback.timing, audience), (scenario.id, fallback)


def test_audience_phrase_joins_with_or() -> None:
    assert message.audience_phrase(("agency",)) == "an agency recruiter"
    assert message.audience_phrase(("in-house", "hiring-manager")) == "an in-house recruiter or the hiring manager"


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
    project = minimal(tmp_path)
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
