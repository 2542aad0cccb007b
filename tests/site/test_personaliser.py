"""Templates, the "Your details" panel, the library filters and the CSP: renderer units and the built site's HTML."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.data.loader import load_cached
from macros.data.model import TIMINGS, Field, Handbook
from macros.site import csp
from macros.site.message import plain_message, template_card
from macros.site.personaliser import PLACEHOLDER, details_panel, fields_in_use, fill_form, library_filters
from macros.site.render import template_library, timing_tabs
from tests.support.project import ROOT, copy_project, run_build


@pytest.fixture(scope="module")
def handbook() -> Handbook:
    loaded, problems = load_cached(ROOT)
    assert loaded is not None and not problems, problems
    return loaded


class Tags(HTMLParser):
    """Every start tag with its attributes, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def tags(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    return parser


# --- The "Your details" panel ----------------------------------------------------------------


def test_panel_has_one_labelled_box_per_field_a_message_uses_and_a_new_one_appears_by_itself(
    handbook: Handbook,
) -> None:
    extra = Field(id="start_date", label="Start date", example="1 June", hint="When you start.")
    declared = dataclasses.replace(handbook, fields=(*handbook.fields, extra))
    assert 'data-field="start_date"' not in details_panel(declared), "no message uses it: it is not asked for"
    first = handbook.scenarios[0]
    template = dataclasses.replace(first.templates[0], body=first.templates[0].body + "\n\nI start on {start_date}.")
    scenario = dataclasses.replace(first, templates=(template, *first.templates[1:]))
    html = details_panel(dataclasses.replace(declared, scenarios=(scenario, *handbook.scenarios[1:])))
    parsed = tags(html)
    inputs = parsed.find("input", type="text")
    assert [i["data-field"] for i in inputs] == [f.id for f in fields_in_use(handbook)] + ["start_date"]
    used = {
        name
        for s in handbook.scenarios
        for t in s.templates
        for name in PLACEHOLDER.findall((t.subject or "") + t.body)
    }
    assert {f.id for f in fields_in_use(handbook)} == used, "every field some message uses, and only those"
    for box in inputs:
        assert parsed.find("label", **{"for": str(box["id"])}), f"no <label> for {box['id']}"
    assert "Start date" in html and "When you start. For example: 1 June" in html


def test_panel_suggests_only_your_own_name_and_number(handbook: Handbook) -> None:
    parsed = tags(details_panel(handbook))
    autocomplete = {i["data-field"]: i["autocomplete"] for i in parsed.find("input", type="text")}
    assert autocomplete.pop("your_name") == "name"
    assert autocomplete.pop("your_phone") == "tel"
    assert set(autocomplete.values()) == {"off"}


def test_panel_and_filters_are_hidden_without_javascript_and_kept_out_of_search(handbook: Handbook) -> None:
    for html in (details_panel(handbook), library_filters(handbook)):
        section = tags(html).tags[0]
        assert section[0] == "section"
        assert "hidden" in section[1] and "data-search-exclude" in section[1]
    panel = tags(details_panel(handbook))
    assert panel.find("input", type="checkbox", id="ktb-remember")
    assert panel.find("button", type="button"), "Forget my details is a real button"
    assert "<form" not in details_panel(handbook), "no form: form-action 'none' would block a submit"


def test_filter_chips_exist_only_for_values_some_template_uses(handbook: Handbook) -> None:
    parsed = tags(library_filters(handbook))
    for attribute in ("timing", "channel", "audience"):
        chips = {str(a["value"]) for a in parsed.find("input", type="checkbox", name=attribute)}
        assert chips == {getattr(t, attribute) for t in handbook.templates()}


# --- Message cards and tabs ------------------------------------------------------------------


def test_card_has_a_labelled_blank_per_placeholder_and_no_controls(handbook: Handbook) -> None:
    for template in handbook.templates():
        html = template_card(template, handbook)
        expected = PLACEHOLDER.findall((template.subject or "") + template.body)
        assert re.findall(r'<span class="ktb-blank" data-field="([a-z_0-9]+)">\[', html) == expected
        assert "\n\n" not in html, "a blank line would end the raw HTML block early"
        assert "<button" not in html and "mailto:" not in html and "sms:" not in html


def test_written_messages_carry_a_hidden_form_for_exactly_their_blanks(handbook: Handbook) -> None:
    for template in handbook.templates():
        html = template_card(template, handbook, form=True)
        form = fill_form(template, handbook)
        if template.channel in ("phone", "voicemail"):
            assert form == "" and "data-ktb-fill" not in html
            continue
        assert form in html
        parsed = tags(form)
        section = parsed.tags[0]
        assert "hidden" in section[1] and "data-search-exclude" in section[1], "no dead controls without JS"
        used = list(dict.fromkeys(PLACEHOLDER.findall((template.subject or "") + template.body)))
        boxes = parsed.find("input", type="text")
        assert [b["data-field"] for b in boxes] == used, template.id
        for box in [*boxes, *parsed.find("input", type="email"), *parsed.find("input", type="checkbox")]:
            assert parsed.find("label", **{"for": str(box["id"])}), f"no <label> for {box['id']}"
        assert bool(parsed.find("input", type="email")) == (template.channel == "email"), "recipient: email only"
        assert "<form" not in form, "no form element: form-action 'none' would block a submit"


def test_message_headings_name_their_situation_for_search(handbook: Handbook) -> None:
    scenario = handbook.scenarios[0]
    template = scenario.templates[0]
    html = template_card(template, handbook, situation=scenario.title)
    heading = re.search(r"<h4[^>]*>(.*?)</h4>", html)
    assert heading
    text = re.sub(r"<[^>]+>", "", heading.group(1))
    assert text.startswith(f"{scenario.title}: "), text
    assert '<span class="ktb-visually-hidden">' in heading.group(1), "seen by search and screen readers only"


def test_phone_and_voicemail_scripts_are_talking_points(handbook: Handbook) -> None:
    scripts = [t for t in handbook.templates() if t.channel in ("phone", "voicemail")]
    assert scripts
    for template in scripts:
        html = template_card(template, handbook)
        assert '<ul class="ktb-template__points">' in html and "Talking points" in html


def test_tabs_have_one_radio_per_timing_with_the_timing_as_its_id(handbook: Handbook) -> None:
    for scenario in handbook.scenarios:
        html = timing_tabs(scenario, handbook)
        parsed = tags(html)
        radios = parsed.find("input", type="radio")
        assert [r["id"] for r in radios] == list(scenario.timings())
        assert all(r["name"] == "__tabbed_timing" and "checked" not in r for r in radios)
        labels = tags(html.split('<div class="tabbed-content">')[0]).find("label")
        assert [a["for"] for a in labels] == list(scenario.timings())
        for timing in scenario.timings():
            block = html.split(f'<div class="tabbed-block" data-timing="{timing}"')[1].split(
                '<div class="tabbed-block"'
            )[0]
            ids = set(re.findall(r'data-template="([^"]+)"', block))
            assert ids == {t.id for t in scenario.templates if t.timing == timing}


def test_library_has_every_template_grouped_with_a_contents_list(handbook: Handbook) -> None:
    markdown = template_library(handbook, "library.md")
    assert set(re.findall(r'data-template="([^"]+)"', markdown)) == {t.id for t in handbook.templates()}
    for scenario in handbook.scenarios:
        assert f"](#lib-{scenario.id})" in markdown
        assert f'data-scenario="{scenario.id}" markdown>' in markdown
        for timing in scenario.timings():
            assert f"### {TIMINGS[timing]} {{ #lib-{scenario.id}-{timing} data-search-exclude }}" in markdown


def test_plain_message_fills_values_and_keeps_labels_for_the_rest(handbook: Handbook) -> None:
    template = next(t for t in handbook.templates() if t.subject and "{your_name}" in t.body)
    text = plain_message(template, {"your_name": "Sam"}, handbook)
    assert "Subject:" not in text, "Copy copies what you paste into the body: the subject has its own button"
    assert "Sam" in text and "{" not in text
    for field in handbook.fields:
        if field.id != "your_name" and f"{{{field.id}}}" in template.body:
            assert f"[{field.label}]" in text


# --- Content-Security-Policy -------------------------------------------------------------------

PAGE = """<html><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'">
<script>var a=1</script><script src="x.js"></script><script id="c" type="application/json">{"a":1}</script>
<script type="module">import "./m.js"</script><style>:root{--x:1}</style></head></html>"""


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def trusting(tmp_path: Path, *templates: str) -> csp.Trusted:
    """The trusted inline code of a theme made of `templates`."""
    folder = tmp_path / "theme"
    folder.mkdir(exist_ok=True)
    for index, text in enumerate(templates):
        (folder / f"t{index}.html").write_text(text, encoding="utf-8")
    return csp.trusted((str(folder),))


def test_csp_hashes_inline_code_only(tmp_path: Path) -> None:
    allowed = trusting(tmp_path, PAGE)
    out = csp.add_hashes(PAGE, allowed)
    policy = re.search(r'content="([^"]*)"', out)
    assert policy is not None
    directives = {d.split()[0]: d.split()[1:] for d in policy.group(1).split("; ")}
    assert directives["script-src"] == ["'self'", sha("var a=1"), sha('import "./m.js"')]
    assert directives["style-src"] == ["'self'", sha(":root{--x:1}")]
    assert directives["default-src"] == ["'self'"]
    assert csp.add_hashes(out, allowed) == out, "hashing twice adds nothing"


def test_csp_allows_only_what_the_templates_ship(tmp_path: Path) -> None:
    """A script that no template holds is never hashed, even though it is inline in the page."""
    allowed = trusting(tmp_path, '<script>new URL("{{ base_url }}",location)</script><style>:root{--x:1}</style>')
    page = PAGE.replace("var a=1", 'new URL("../..",location)').replace("</head>", "<script>alert(1)</script></head>")
    out = csp.add_hashes(page, allowed)
    policy = re.search(r'content="([^"]*)"', out)
    assert policy is not None
    assert sha('new URL("../..",location)') in policy.group(1)
    assert sha("alert(1)") not in policy.group(1) and sha('import "./m.js"') not in policy.group(1)
    assert csp.untrusted_scripts(page, allowed) == ['import "./m.js"', "alert(1)"]
    hostile = page.replace("../..", '"+alert(1)+"')
    assert sha('new URL(""+alert(1)+"",location)') not in csp.add_hashes(hostile, allowed), "a hole holds a URL only"


def test_csp_is_left_out_under_mkdocs_serve_only_by_request() -> None:
    """`mkdocs serve` adds an inline live-reload script that no build-time hash can allow."""
    out = csp.without_policy(PAGE)
    assert "Content-Security-Policy" not in out and "<script>var a=1</script>" in out


def test_csp_leaves_pages_without_a_policy_alone_and_refuses_a_policy_without_script_src(tmp_path: Path) -> None:
    allowed = trusting(tmp_path, PAGE)
    assert csp.add_hashes("<script>x</script>", allowed) == "<script>x</script>"
    with pytest.raises(ValueError, match="script-src"):
        csp.add_hashes(PAGE.replace("script-src 'self'; ", ""), allowed)


# --- The built site ----------------------------------------------------------------------------


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)


def test_every_page_has_a_strict_csp_that_lists_each_inline_script(built_site: Path) -> None:
    for page in html_pages(built_site):
        html = page.read_text(encoding="utf-8")
        metas = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
        assert len(metas) == 1, f"{page}: one CSP <meta> expected"
        head = html.split("</head>")[0]
        assert head.index("Content-Security-Policy") < head.index("<script"), f"{page}: the policy must come first"
        policy = {d.split()[0]: d.split()[1:] for d in metas[0].split("; ")}
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
        assert policy["form-action"] == ["'none'"]
        assert policy["default-src"] == ["'self'"] and policy["style-src"][0] == "'self'"
        assert "unsafe" not in metas[0], f"{page}: no unsafe-inline or unsafe-eval"
        scripts = csp.inline_scripts(html)
        assert scripts, "Material's inline scripts are expected"
        assert sorted(policy["script-src"][1:]) == sorted({sha(s) for s in scripts}), page
        assert not re.search(r"<[a-z][^>]*\s(style|on[a-z]+)=", html), (
            f"{page}: inline style or handler would be blocked"
        )


def test_links_to_timing_anchors_land_on_a_tab(built_site: Path) -> None:
    """Every #ahead / #short-notice / #same-day / #missed link in the site points at a tab's radio button."""
    checked = 0
    for page in html_pages(built_site):
        for target, anchor in re.findall(
            r'href="([^"#]*situations/[a-z0-9-]+\.html)#([a-z-]+)"', page.read_text("utf-8")
        ):
            if anchor not in TIMINGS:
                continue
            goal = (page.parent / target).resolve()
            parsed = tags(goal.read_text("utf-8"))
            assert parsed.find("input", id=anchor, type="radio"), f"{page.name} links to {target}#{anchor}"
            checked += 1
    for scenario_page in (built_site / "situations").glob("*.html"):
        parsed = tags(scenario_page.read_text("utf-8"))
        radios = [str(r["id"]) for r in parsed.find("input", name="__tabbed_timing")]
        assert scenario_page.name == "index.html" or radios, scenario_page
        assert set(radios) <= set(TIMINGS)


def test_mkdocs_accepts_links_to_a_timing_tab(
    tmp_path: Path, handbook: Handbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs' strict anchor check sees the tabs' ids, so the flowchart may link to them."""
    project = copy_project(tmp_path, local=True)  # the handbook of the `handbook` fixture, a fork's local/ too
    scenario = next(s for s in handbook.scenarios if "short-notice" in s.timings())
    (project / "docs" / "library.md").write_text(
        (project / "docs" / "library.md").read_text(encoding="utf-8")
        + f"\n[Short notice](situations/{scenario.id}.md#short-notice)\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("KTB_PDF", "0")  # the PDF is not what this test is about
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    assert "short-notice" not in result.stderr


def test_node_tests_for_the_message_encoding_pass() -> None:
    """tests/js/*.test.mjs under Node's own runner. Reproduce: node --test tests/js/"""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("KTB_REQUIRE_BROWSER") == "1":
            pytest.fail("node is required for tests/js (KTB_REQUIRE_BROWSER=1)")
        pytest.skip("node is not installed")
    files = sorted(str(p) for p in (ROOT / "tests" / "js").glob("*.test.mjs"))
    assert files
    result = subprocess.run([node, "--test", *files], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert re.search(r"^# pass [1-9]", result.stdout, re.M) and re.search(r"^# fail 0$", result.stdout, re.M)


def test_our_scripts_never_write_html() -> None:
    """User input reaches the page through textContent, values and encoded links only."""
    scripts = ("ktb-message.js", "personalise.js", "library.js")
    for name in scripts:
        source = (ROOT / "docs" / "assets" / "javascripts" / name).read_text(encoding="utf-8")
        code = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.S)
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert sink not in code, f"{name} uses {sink}"
