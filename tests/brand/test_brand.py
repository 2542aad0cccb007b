"""The brand file: checked like the scenarios (file:line:col: what — fix), contrast measured, and put on the site."""

from __future__ import annotations

import dataclasses
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.brand import colors as brand_colors
from macros.brand.model import (
    AA_TEXT,
    DARK_BACKGROUND,
    WHITE,
    Contact,
    ContactLink,
    contrast,
    load,
    load_cached,
    shade_for,
)
from macros.brand.site import brand_css, extra, footer_html
from tests.support.project import ROOT, copy_project, run_build

EXAMPLE = ROOT / "examples" / "brands" / "quillmoor" / "brand.yml"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8"/></svg>\n'
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32

GOOD = """\
# yaml-language-server: $schema=scenarios/schema/brand.schema.json
name: Test Agency
title: The Test Handbook
tagline: A tagline for the tests.
site_url: https://handbook.test-agency.example/
logo: logo.svg
colors:
  primary: "#1d5c57"
  accent: "#9c3f12"
  dark:
    link: "#7fd1c7"
    accent: "#ffb38a"
contact:
  phone: "+44 161 496 0000"
  email: hello@test-agency.example
  website: https://www.test-agency.example/
cta:
  heading: Call us first
  text: We will pass the news on and keep your name good.
  label: Book a call
  url: https://www.test-agency.example/call
footer: Test Agency footer line.
social:
  - name: Test Agency on LinkedIn
    url: https://www.linkedin.com/company/test-agency-example
paper: Letter
"""


def project(tmp: Path, text: str = GOOD) -> Path:
    """A project with a brand file, the schemas, a docs page and a logo: just what the brand check reads."""
    shutil.copytree(ROOT / "scenarios" / "schema", tmp / "scenarios" / "schema")
    (tmp / "docs").mkdir()
    (tmp / "docs" / "library.md").write_text("# Library\n", encoding="utf-8")
    (tmp / "logo.svg").write_bytes(SVG)
    (tmp / "brand.yml").write_text(text, encoding="utf-8")
    return tmp


def problems_for(tmp: Path, text: str) -> list[str]:
    brand, problems = load(project(tmp, text))
    assert brand is None, "a broken brand must not load"
    return [str(p) for p in problems]


@dataclass(frozen=True)
class Case:
    name: str
    old: str
    new: str
    line: int
    what: str
    fix: str


CASES = [
    Case(
        "colour is not a colour", 'primary: "#1d5c57"', "primary: teal", 8, "'teal' is not a colour", "six hex digits"
    ),
    Case(
        "colour with a bad digit", 'accent: "#9c3f12"', 'accent: "#9c3g12"', 9, "'#9c3g12' is not a colour", "#1d5c57"
    ),
    Case(
        "primary too light for white text",
        'primary: "#1d5c57"',
        'primary: "#6fb0a9"',
        8,
        "#6fb0a9 has a contrast of 2.48:1 with white",
        "use a darker shade, such as #",
    ),
    Case(
        "accent too light on white",
        'accent: "#9c3f12"',
        'accent: "#ff9966"',
        9,
        "has a contrast of 2.10:1 on white",
        "darker shade",
    ),
    Case(
        "dark-mode link too dark",
        'link: "#7fd1c7"',
        'link: "#3b4a8a"',
        11,
        f"on the dark-mode background {DARK_BACKGROUND}",
        "use a lighter shade, such as #",
    ),
    Case(
        "missing logo",
        "logo: logo.svg",
        "logo: images/nothing.svg",
        6,
        "the logo file 'images/nothing.svg' does not exist",
        "relative to brand.yml",
    ),
    Case(
        "logo of the wrong type", "logo: logo.svg", "logo: logo.jpg", 6, "is a .jpg, not SVG or PNG", "save it as .svg"
    ),
    Case("logo that is not what it says", "logo: logo.svg", "logo: brand.yml", 6, "is a .yml, not SVG or PNG", ".png"),
    Case(
        "web address without a scheme",
        "website: https://www.test-agency.example/",
        "website: www.test-agency.example",
        16,
        "'www.test-agency.example' is not a web address: it does not start with https://",
        "write the full address",
    ),
    Case(
        "web address with a space",
        "site_url: https://handbook.test-agency.example/",
        "site_url: https://handbook test-agency.example/",
        5,
        "has a space in it",
        "https://www.example.org/",
    ),
    Case(
        "social link with no host",
        "url: https://www.linkedin.com/company/test-agency-example",
        "url: https://linkedin",
        25,
        "has no valid host name",
        "full address",
    ),
    Case(
        "call to action to nowhere",
        "url: https://www.test-agency.example/call",
        "url: nowhere.md",
        21,
        "'nowhere.md' is neither a web address nor a page of the handbook",
        "a page in docs/",
    ),
    Case(
        "bad mailto",
        "url: https://www.test-agency.example/call",
        "url: mailto:hello-at-example",
        21,
        "not a valid mailto: link",
        "mailto:name@example.org",
    ),
    Case(
        "bad email",
        "email: hello@test-agency.example",
        "email: hello.test-agency.example",
        15,
        "'hello.test-agency.example' is not an email address",
        "name@example.org",
    ),
    Case(
        "email with a space",
        "email: hello@test-agency.example",
        "email: hello @test-agency.example",
        15,
        "is not an email address",
        "no spaces",
    ),
    Case(
        "bad phone",
        'phone: "+44 161 496 0000"',
        "phone: call us maybe",
        14,
        "'call us maybe' is not a phone number",
        "digits",
    ),
    Case(
        "missing field",
        "footer: Test Agency footer line.\n",
        "",
        2,
        "is missing the required field 'footer'",
        "add a `footer:` line",
    ),
    Case(
        "missing call-to-action field",
        "  label: Book a call\n",
        "",
        18,
        "cta is missing the required field 'label'",
        "add a `label:` line",
    ),
    Case(
        "unknown field",
        "tagline: A tagline",
        "tag_line: A tagline",
        4,
        "unknown field 'tag_line'",
        "did you mean 'tagline'",
    ),
    Case("paper size", "paper: Letter", "paper: A5", 26, "paper 'A5' is not one of the allowed values", "A4, Letter"),
    Case(
        "icon that does not exist",
        "    url: https://www.linkedin.com/company/test-agency-example",
        "    url: https://www.linkedin.com/company/test-agency-example\n    icon: fontawesome/brands/nothing-here",
        26,
        "there is no icon called 'fontawesome/brands/nothing-here'",
        "fontawesome/brands/linkedin",
    ),
    Case("yes read as true", "heading: Call us first", "heading: yes", 18, "(yes was read as true)", 'quotes: "yes"'),
    Case(
        "missing schema line",
        "# yaml-language-server: $schema=scenarios/schema/brand.schema.json\n",
        "",
        1,
        "does not name the schema",
        "brand.schema.json",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_brand_problem_has_file_line_and_fix(tmp_path: Path, case: Case) -> None:
    assert GOOD.count(case.old) == 1, f"test setup: {case.old!r} must appear once"
    problems = problems_for(tmp_path, GOOD.replace(case.old, case.new))
    matching = [p for p in problems if case.what in p]
    assert matching, f"expected a problem containing {case.what!r}, got:\n" + "\n".join(problems)
    problem = matching[0]
    assert problem.startswith(f"brand.yml:{case.line}:"), problem
    _, _, fix = problem.partition(" — ")
    assert case.fix in fix, problem


def test_the_fixture_brand_is_valid(tmp_path: Path) -> None:
    brand, problems = load(project(tmp_path))
    assert problems == [] and brand is not None
    assert brand.paper == "Letter" and brand.social[0].icon == "fontawesome/brands/linkedin"
    assert brand.site_url == "https://handbook.test-agency.example/"


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = GOOD.replace('primary: "#1d5c57"', 'primary: "#aaaaaa"').replace("logo: logo.svg", "logo: gone.png")
    text = text.replace("email: hello@test-agency.example", "email: nobody")
    problems = problems_for(tmp_path, text)
    assert len(problems) == 3, problems
    assert [int(p.split(":")[1]) for p in problems] == sorted(int(p.split(":")[1]) for p in problems)


def test_a_png_logo_must_really_be_a_png(tmp_path: Path) -> None:
    root = project(tmp_path, GOOD.replace("logo: logo.svg", "logo: fake.png"))
    (root / "fake.png").write_bytes(SVG)
    brand, problems = load(root)
    assert brand is None
    assert "ends in .png but is not a PNG image" in str(problems[0]) and str(problems[0]).startswith("brand.yml:6:")
    (root / "fake.png").write_bytes(PNG)
    brand, problems = load(root)
    assert problems == [] and brand is not None


def test_cta_may_open_a_handbook_page_or_a_phone(tmp_path: Path) -> None:
    for url in ("library.md", "library.md#contents", "tel:+441614960000", "mailto:hello@test-agency.example"):
        brand, problems = load(
            project(
                tmp_path / url.replace(":", "_").replace("#", "_"),
                GOOD.replace("url: https://www.test-agency.example/call", f'url: "{url}"'),
            )
        )
        assert problems == [] and brand is not None, (url, problems)
        assert brand.cta.page == ("library.md" if url.startswith("library") else None)


def test_dark_colours_are_worked_out_when_left_out(tmp_path: Path) -> None:
    text = GOOD.replace('  dark:\n    link: "#7fd1c7"\n    accent: "#ffb38a"\n', "")
    brand, problems = load(project(tmp_path, text))
    assert brand is not None, problems
    assert contrast(brand.colors.dark_link, DARK_BACKGROUND) >= 7
    assert contrast(brand.colors.dark_accent, DARK_BACKGROUND) >= 7


def test_brand_file_comes_from_ktb_brand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path)
    other = root / "brands" / "other"
    other.mkdir(parents=True)
    (other / "mark.png").write_bytes(PNG)
    text = GOOD.replace("$schema=scenarios", "$schema=../../scenarios").replace("logo: logo.svg", "logo: mark.png")
    (other / "brand.yml").write_text(text.replace("name: Test Agency", "name: Other Agency"), encoding="utf-8")
    monkeypatch.setenv("KTB_BRAND", "brands/other/brand.yml")
    brand, problems = load(root)
    assert brand is not None, problems
    assert brand.name == "Other Agency" and brand.logo == (other / "mark.png").resolve()
    monkeypatch.setenv("KTB_BRAND", "brands/missing/brand.yml")
    brand, problems = load(root)
    assert brand is None and str(problems[0]).startswith("brands/missing/brand.yml:1:1: the brand file is missing")
    assert "KTB_BRAND" in str(problems[0])


# --- Contrast -------------------------------------------------------------------


def test_contrast_matches_wcag_reference_values() -> None:
    assert contrast("#000000", WHITE) == pytest.approx(21)
    assert contrast(WHITE, WHITE) == pytest.approx(1)
    assert contrast("#777777", WHITE) == pytest.approx(4.48, abs=0.01)  # the classic just-fails grey
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)  # and the just-passes one
    assert contrast("#fff", "#000") == contrast("#000000", "#ffffff")


@pytest.mark.parametrize("color", ["#6fb0a9", "#ff9966", "#ffcc00", "#88aaff", "#e0e0e0", "#ff1493"])
def test_suggested_darker_shade_passes_and_keeps_the_hue(color: str) -> None:
    import colorsys

    suggestion = shade_for(color, WHITE)
    assert contrast(suggestion, WHITE) >= AA_TEXT
    assert brand_colors.luminance(suggestion) < brand_colors.luminance(color)
    hue = colorsys.rgb_to_hls(*(c / 255 for c in brand_colors.rgb(color)))[0]
    new_hue = colorsys.rgb_to_hls(*(c / 255 for c in brand_colors.rgb(suggestion)))[0]
    if brand_colors.rgb(color) != (224, 224, 224):  # a grey has no hue to keep
        assert abs(hue - new_hue) < 0.03
    # The nearest passing shade: one step lighter would fail.
    assert contrast(brand_colors.mix(suggestion, WHITE, 0.04), WHITE) < AA_TEXT + 0.4


def test_low_contrast_message_quotes_a_suggestion_that_passes(tmp_path: Path) -> None:
    problems = problems_for(tmp_path, GOOD.replace('primary: "#1d5c57"', 'primary: "#5f9ea0"'))
    found = re.search(r"such as (#[0-9a-f]{6})", problems[0])
    assert found, problems[0]
    assert contrast(found.group(1), WHITE) >= AA_TEXT
    assert re.search(r"contrast of \d+\.\d\d:1", problems[0])


# --- What the site and the PDF get ------------------------------------------------


def test_shipped_brands_are_valid() -> None:
    for file in (ROOT / "brand.yml", EXAMPLE):
        brand, problems = load(ROOT, file)
        assert problems == [], "\n".join(str(p) for p in problems)
        assert brand is not None


def test_extra_brand_has_the_keys_the_templates_read() -> None:
    brand, _ = load(ROOT, EXAMPLE)
    assert brand is not None
    data = extra(brand, ROOT / "docs")
    for key in ("name", "title", "tagline", "logo", "contact", "contact_links", "cta", "footer", "site_url"):
        assert key in data
    assert set(data["contact"]) >= {"phone", "email", "website", "address"}
    assert set(data["cta"]) >= {"heading", "text", "label", "url", "page", "href"}
    assert data["logo"] == "assets/brand/quillmoor-logo.svg"
    assert data["contact_links"] == [link.__dict__ for link in brand.contact.links()]
    assert str(ROOT) not in str(data), "no path of the machine that builds reaches the templates"


def test_contact_links_are_made_in_one_place_for_the_footer_and_the_call_to_action() -> None:
    contact = Contact(
        phone="+44 (161) 496-0000",
        email="hi@test.example",
        website="https://www.test.example/",
        address="1 Mill Lane, Leeds",
    )
    assert contact.links() == (
        ContactLink("phone", "+44 (161) 496-0000", "tel:+441614960000"),
        ContactLink("email", "hi@test.example", "mailto:hi@test.example"),
        ContactLink("website", "https://www.test.example/", "https://www.test.example/"),
        ContactLink("address", "1 Mill Lane, Leeds", ""),
    )
    assert Contact(email="hi@test.example").links() == (
        ContactLink("email", "hi@test.example", "mailto:hi@test.example"),
    )
    assert Contact().links() == ()
    brand, _ = load(ROOT, EXAMPLE)
    assert brand is not None
    footer = footer_html(dataclasses.replace(brand, contact=contact, footer="<b>Us</b>"))
    assert footer == (
        '<span class="ktb-footer__text">&lt;b&gt;Us&lt;/b&gt;</span><br><span class="ktb-footer__contact">'
        '<a href="tel:+441614960000">+44 (161) 496-0000</a> · <a href="mailto:hi@test.example">hi@test.example</a>'
        ' · <a href="https://www.test.example/">test.example</a> · <span>1 Mill Lane, Leeds</span></span>'
    )


def test_an_edited_brand_file_or_logo_is_read_again_and_an_unchanged_one_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What `mkdocs serve` relies on: the brand in its own folder (as FORKING.md suggests), its logo beside it."""
    root = project(tmp_path)
    folder = root / "agency"
    folder.mkdir()
    shutil.copy(root / "logo.svg", folder / "logo.svg")
    text = GOOD.replace("$schema=scenarios", "$schema=../scenarios")
    (folder / "brand.yml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("KTB_BRAND", "agency/brand.yml")
    first, problems = load_cached(root)
    assert first is not None and problems == ()
    assert load_cached(root)[0] is first, "unchanged files: the same brand, not read again"
    (folder / "brand.yml").write_text(text.replace("Test Agency footer line.", "A new footer."), encoding="utf-8")
    second, _ = load_cached(root)
    assert second is not None and second.footer == "A new footer."
    (folder / "logo.svg").write_bytes(b"not an svg")
    broken, problems = load_cached(root)
    assert broken is None and any("logo.svg" in str(p) for p in problems), "a changed logo is checked again"
    monkeypatch.delenv("KTB_BRAND")
    default, _ = load_cached(root)
    assert default is not None and default.footer == "Test Agency footer line.", "another brand file, another brand"


def test_brand_css_carries_every_colour_light_and_dark() -> None:
    brand, _ = load(ROOT, EXAMPLE)
    assert brand is not None
    css = brand_css(brand)
    for name in ("--ktb-primary:", "--ktb-accent:", "--ktb-dark-link:", "--ktb-dark-accent:", "--ktb-primary-tint:"):
        assert name in css
    assert "#4a2a7a" in css and "#c9b4f2" in css
    handbook_css = (ROOT / "docs" / "assets" / "stylesheets" / "handbook.css").read_text(encoding="utf-8")
    default, _ = load(ROOT, ROOT / "brand.yml")
    assert default is not None
    for value in default.colors.css().values():
        assert value not in handbook_css, f"{value} is a brand colour: it belongs in brand.yml, not handbook.css"


def test_a_bad_brand_stops_the_build_with_file_and_line(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    text = (root / "brand.yml").read_text(encoding="utf-8")
    (root / "brand.yml").write_text(text.replace('primary: "#1d5c57"', 'primary: "#8fc1bb"'), encoding="utf-8")
    result = run_build(root)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith("  primary:"))
    expected = rf"^brand\.yml:{line}:\d+: #8fc1bb has a contrast of 2\.00:1 with white.* — use a darker shade, such as"
    assert re.search(expected, result.stderr, re.M), result.stderr
    assert not (root / "site" / "index.html").exists()


def test_make_check_reports_brand_problems_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from macros.__main__ import main
    from tests.support.project import FIXTURES

    root = project(tmp_path, GOOD.replace("email: hello@test-agency.example", "email: not-an-address"))
    shutil.copytree(FIXTURES / "minimal" / "scenarios", root / "scenarios", dirs_exist_ok=True)
    assert main(["check", str(root)]) == 1
    assert "brand.yml:15:10: 'not-an-address' is not an email address" in capsys.readouterr().err
    (root / "brand.yml").write_text(GOOD, encoding="utf-8")
    assert main(["check", str(root)]) == 0
    assert "OK: brand 'Test Agency' from brand.yml." in capsys.readouterr().out


def test_a_logo_named_like_the_default_one_replaces_it(tmp_path: Path) -> None:
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files

    from macros.data.i18n import Settings
    from macros.plugin.branding import apply_config, apply_files

    root = project(tmp_path)  # its logo is logo.svg, outside docs/, like docs/assets/brand/logo.svg
    brand, _ = load(root)
    assert brand is not None
    config = load_config(str(ROOT / "mkdocs.yml"))
    config.docs_dir = str(ROOT / "docs")
    config.plugins._current_plugin = "test"  # set by MkDocs while an event runs; File.generated reads it
    default_logo = File("assets/brand/logo.svg", str(ROOT / "docs"), str(tmp_path / "site"), False)
    default_icon = File("assets/brand/favicon.svg", str(ROOT / "docs"), str(tmp_path / "site"), False)
    apply_config(config, brand, "en", Settings())
    files = apply_files(Files([default_logo, default_icon]), config, brand)
    logo = files.get_file_from_path("assets/brand/logo.svg")
    assert logo is not None and logo.content_bytes == SVG, "the brand's own logo, not the default one"
    assert files.get_file_from_path("assets/brand/favicon.svg") is None, "the default favicon is not published"
    assert files.get_file_from_path("assets/stylesheets/brand.css") is not None
    assert config.theme["logo"] == "assets/brand/logo.svg" and config.site_name == "The Test Handbook"
