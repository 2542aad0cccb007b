"""macros/site/render.py and compact.py: the Markdown and HTML made from the model. No MkDocs build, fast."""

from __future__ import annotations

from html import escape
from pathlib import Path

from macros.data.loader import load
from macros.site import message, render
from tests.support.project import ROOT, fixture_data


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
    project = fixture_data(tmp_path, "minimal")
    alpha = project / "scenarios" / "alpha.yml"
    alpha.write_text(alpha.read_text().replace("  - Be quick.", "  - Be <script>alert(1)</script> quick."))
    handbook, _ = load(project)
    assert handbook is not None
    page = render.scenario_page(handbook, handbook.scenario("alpha"))
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_scenario_page_answers_first_and_links_related() -> None:
    handbook, _ = load(ROOT)
    assert handbook is not None
    for scenario in handbook.scenarios:
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


def test_audience_phrase_joins_with_or() -> None:
    assert message.audience_phrase(("agency",)) == "an agency recruiter"
    assert message.audience_phrase(("in-house", "hiring-manager")) == "an in-house recruiter or the hiring manager"
