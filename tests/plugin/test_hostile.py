"""Hostile and careless input (issue 13): each case gets one clear line with file and line, exit 1, nothing built.

Each case changes one file of tests/fixtures/minimal and runs `python -m macros check` (the same loader
and brand checks the build runs first). Reproduce one: copy the fixture, make the change, run
`python -m macros check .`. Build-level cases at the end check that the last site stays as it was.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

import fastjsonschema
import jsonschema
import pytest

from macros.__main__ import main as check_main
from tests.support.project import ROOT, fixture_project, run_build

SCHEMAS = ROOT / "scenarios" / "schema"


@dataclass(frozen=True)
class Case:
    name: str
    file: str  # relative to the project
    old: str  # text replaced in that file ("" appends `new` at the end)
    new: str
    what: str  # expected in the one problem line
    mark: str  # the problem's line is the first line of the changed file that contains this

    def apply(self, project: Path) -> int:
        """Make the change; return the line the problem should be reported at."""
        path = project / self.file
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        assert not self.old or self.old in text, f"{self.name}: '{self.old}' is not in {self.file}"
        text = text.replace(self.old, self.new, 1) if self.old else text + self.new
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if self.file == LOGO:  # a problem in the logo is reported where brand.yml names it
            text = (project / BRAND).read_text(encoding="utf-8")
        return next(n for n, line in enumerate(text.splitlines(), 1) if self.mark in line)


ALPHA, BETA, BRAND = "scenarios/alpha.yml", "scenarios/beta.yml", "brand.yml"
TITLE = "title: Alpha situation for tests"
GO = "should_you_go: No, you should not go to this one."
LOGO = "docs/assets/brand/logo.svg"

CASES = [
    # --- Markup in plain text: titles, names, labels -------------------------------------------
    Case("script in a scenario title", ALPHA, TITLE, "title: Pay <script>alert(1)</script>", "plain text", "Pay <"),
    Case(
        "img in a category title",
        "scenarios/_categories.yml",
        "title: You have another offer",
        "title: Offer <img src=x onerror=alert(1)>",
        "plain text",
        "Offer <",
    ),
    Case(
        "tag in a template title",
        ALPHA,
        "    channel: email",
        "    title: Hi </h3><script>x</script>\n    channel: email",
        "plain text",
        "Hi </h3>",
    ),
    Case(
        "tag in a field label",
        "scenarios/_fields.yml",
        "label: Your name",
        "label: Name <b onclick=x()>",
        "plain text",
        "Name <",
    ),
    Case(
        "tag in the brand title",
        BRAND,
        "title: Keep the Bridge",
        "title: Keep <svg onload=alert(1)>",
        "plain text",
        "Keep <svg",
    ),
    Case(
        "tag in the brand description",
        BRAND,
        "description: >-",
        "description: >-\n  </title><script>x</script>",
        "plain text",
        "</title>",
    ),
    # --- Links and images inside Markdown in any field -----------------------------------------
    Case(
        "javascript: link in guidance",
        ALPHA,
        GO,
        "should_you_go: '[Go](javascript:alert(1)) now, or not.'",
        "'javascript:'",
        "javascript:",
    ),
    Case(
        "mixed-case scheme in a do item",
        ALPHA,
        "  - Be quick.",
        "  - '[x](JaVaScRiPt:alert(1)) be quick'",
        "'javascript:'",
        "JaVaScRiPt",
    ),
    Case(
        "data: link in a template body",
        ALPHA,
        "I am withdrawing",
        "[x](data:text/html;base64,PHNjcmlwdD4=) I am",
        "'data:'",
        "data:text",
    ),
    Case(
        "file: link in a signal",
        ALPHA,
        "  - You are in the alpha situation.",
        "  - '[x](file:///etc/passwd) you'",
        "'file:'",
        "file:///",
    ),
    Case(
        "entity-hidden scheme",
        ALPHA,
        "  - Be quick.",
        "  - '[x](jav&#x61;script:alert(1)) quick'",
        "'javascript:'",
        "&#x61;",
    ),
    Case(
        "tab-split scheme",
        ALPHA,
        "  - Be quick.",
        '  - "[x](java\\tscript:alert(1)) quick"',
        "'javascript:'",
        "java\\t",
    ),
    Case(
        "reference definition",
        ALPHA,
        GO,
        "should_you_go: |\n    See [the note][n].\n\n    [n]: javascript:alert(1)",
        "'javascript:'",
        "[n]: javascript",
    ),
    Case(
        "image from another site",
        ALPHA,
        "summary: A short summary of the alpha situation, answer first.",
        "summary: '![x](https://evil.example/p.png) A short summary of the alpha situation.'",
        "image from outside",
        "evil.example",
    ),
    Case(
        "protocol-relative image",
        BETA,
        "  - Be quick.",
        "  - '![x](//evil.example/p.png) quick'",
        "image from outside",
        "evil.example",
    ),
    Case(
        "attribute list with a handler",
        ALPHA,
        "  - Be quick.",
        "  - 'Be quick {: onclick=\"alert(1)\" }'",
        "attribute list",
        "onclick",
    ),
    Case(
        "attribute list with an id",
        BETA,
        GO,
        "should_you_go: 'No, do not go. {#signals}'",
        "attribute list",
        "{#signals}",
    ),
    # --- Addresses in the brand -----------------------------------------------------------------
    Case(
        "javascript: social link",
        BRAND,
        "footer:",
        "social:\n  - name: Us\n    url: javascript:alert(1)\nfooter:",
        "not a web address",
        "javascript:",
    ),
    Case(
        "quote in site_url",
        BRAND,
        'site_url: ""',
        "site_url: 'https://example.org/\"><script>x</script>'",
        "not a web address",
        "site_url:",
    ),
    Case(
        "handler in the CTA anchor",
        BRAND,
        "url: library.md",
        "url: 'library.md#x\" onmouseover=\"alert(1)'",
        "anchor",
        "url: 'library",
    ),
    Case(
        "data: CTA",
        BRAND,
        "url: library.md",
        "url: 'data:text/html,<script>x</script>'",
        "not a web address",
        "url: 'data",
    ),
    Case(
        "logo outside the project", BRAND, f"logo: {LOGO}", "logo: ../../../etc/x.svg", "outside the project", "logo:"
    ),
    # --- SVG logos ---------------------------------------------------------------------------------
    Case("script in the logo", LOGO, "</svg>", "<script>alert(1)</script></svg>", "<script>", "logo:"),
    Case("handler in the logo", LOGO, "<svg ", '<svg onload="alert(1)" ', "event handler", "logo:"),
    Case(
        "outside image in the logo",
        LOGO,
        "</svg>",
        '<image href="https://evil.example/x.png"/></svg>',
        "link to another file",
        "logo:",
    ),
    Case(
        "javascript: link in the logo",
        LOGO,
        "</svg>",
        '<a xlink:href="javascript:alert(1)" xmlns:xlink="http://www.w3.org/1999/xlink">x</a></svg>',
        "link to another file",
        "logo:",
    ),
    Case(
        "entity in the logo",
        LOGO,
        "<svg ",
        '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg ',
        "DOCTYPE",
        "logo:",
    ),
    Case(
        "style import in the logo",
        LOGO,
        "</svg>",
        "<style>@import url(https://evil.example/x.css);</style></svg>",
        "loads something",
        "logo:",
    ),
    # --- Data that costs too much -------------------------------------------------------------------
    Case(
        "alias",
        ALPHA,
        "keywords:\n  - alpha keyword",
        "keywords: &k\n  - alpha keyword\nsignals_copy: *k",
        "alias (*k)",
        "*k",
    ),
    Case("deep nesting", ALPHA, "do:\n  - Be quick.", "do: " + "[" * 900 + "]" * 900, "nested more than", "do: ["),
    Case("long string", ALPHA, GO, "should_you_go: " + "x" * 30_000, "over the limit of 20,000", "should_you_go"),
    Case("trailing newline in an id", ALPHA, "id: alpha", 'id: "alpha\\n"', "characters an id cannot have", "id:"),
    Case(
        "trailing newline in a template id",
        ALPHA,
        "id: alpha-email",
        'id: "alpha-email\\n"',
        "characters an id cannot have",
        "alpha-email\\n",
    ),
    Case("control character", ALPHA, "  - Be quick.", "  - Be \x07quick.", "control character", "Be \x07"),
    Case("time read as a number", ALPHA, "  - alpha keyword", "  - 12:30", "base 60", "12:30"),
    # --- Ids the site already uses --------------------------------------------------------------
    Case("scenario id index", BETA, "id: beta", "id: index", "page the site already has", "id: index"),
    Case("template id your-details", ALPHA, "id: alpha-phone", "id: your-details", "reserved", "your-details"),
    Case("template id contents", ALPHA, "id: alpha-phone", "id: contents", "reserved", "id: contents"),
    Case(
        "template id of a library heading", ALPHA, "id: alpha-phone", "id: lib-beta-ahead", "reserved", "lib-beta-ahead"
    ),
    Case("template id of a field", ALPHA, "id: alpha-phone", "id: ktb-field-role", "reserved", "ktb-field-role"),
    Case("template id of the theme", ALPHA, "id: alpha-phone", "id: ktb-cta-heading", "reserved", "ktb-cta-heading"),
    Case("template id of a timing tab", ALPHA, "id: alpha-phone", "id: short-notice", "reserved", "id: short-notice"),
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return fixture_project(tmp_path, "minimal")


def run_check(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = check_main(["check", str(project)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, [line for line in err.splitlines() if line.strip()]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_hostile_input_is_one_clear_line(project: Path, case: Case, capsys: pytest.CaptureFixture[str]) -> None:
    line = case.apply(project)
    started = time.monotonic()
    code, lines = run_check(project, capsys)
    assert time.monotonic() - started < 5, "checking a small handbook stays quick, whatever the input"
    file = BRAND if case.file == LOGO else case.file
    problems = lines[:-1]
    assert code == 1, f"{case.name}: expected exit 1; got {lines}"
    assert len(problems) == 1, f"{case.name}: one problem, one line; got:\n" + "\n".join(lines)
    assert problems[0].startswith(f"{file}:{line}:"), f"{case.name}: expected {file}:{line}; got {problems[0]}"
    assert case.what in problems[0], f"{case.name}: expected '{case.what}' in {problems[0]}"
    assert " — " in problems[0], "every problem says how to fix it"
    assert not (project / "site").exists()


def test_billion_laughs_is_refused_at_once(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The 441-byte file that took 68 s and 4.4 GB: refused at its first alias."""
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        rows.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    (project / ALPHA).write_text("# yaml-language-server: $schema=schema/scenario.schema.json\n" + "\n".join(rows))
    started = time.monotonic()
    code, lines = run_check(project, capsys)
    assert time.monotonic() - started < 2
    assert code == 1 and lines[0].startswith(f"{ALPHA}:3:8: a YAML alias (*a)"), lines


def test_a_file_over_the_size_limit_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / ALPHA).write_text("# big\n" + "# padding\n" * 120_000)
    code, lines = run_check(project, capsys)
    assert code == 1 and lines[0].startswith(f"{ALPHA}:1:1: the file is ") and "over the limit" in lines[0], lines


def test_a_broken_fields_file_is_one_problem_not_one_per_placeholder(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fields = project / "scenarios" / "_fields.yml"
    fields.write_text(fields.read_text().replace("    label: Your name", "   label: Your name"))
    code, lines = run_check(project, capsys)
    assert code == 1
    assert len(lines) == 2 and lines[0].startswith("scenarios/_fields.yml:"), lines
    assert not any("not declared" in line for line in lines)


def test_a_broken_scenario_adds_no_does_not_exist_lines(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """beta lists alpha as related; alpha is unreadable: only alpha's own problem is reported."""
    alpha = project / ALPHA
    alpha.write_text(alpha.read_text().replace("category: another-offer", "category: [another-offer"))
    code, lines = run_check(project, capsys)
    assert code == 1 and len(lines) == 2 and lines[0].startswith(f"{ALPHA}:"), lines


def test_a_broken_id_is_never_suggested(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / ALPHA).write_text((project / ALPHA).read_text().replace("id: alpha\n", "id: Alpha\n", 1))
    beta = project / BETA
    beta.write_text(beta.read_text().replace("  - alpha\n", "  - alpah\n"))
    code, lines = run_check(project, capsys)
    assert code == 1 and not any("did you mean 'Alpha'" in line for line in lines), lines


@pytest.mark.parametrize("name", ["_locals.yml", "gamma.yaml", "notes.txt", "sub/"])
def test_a_typo_in_a_forks_folder_is_a_warning_naming_the_file(
    project: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = project / "local" / "scenarios" / name
    target.mkdir(parents=True) if name.endswith("/") else target.parent.mkdir(parents=True, exist_ok=True)
    if not name.endswith("/"):
        target.write_text("switch_off: [alpha]\n")
    code, lines = run_check(project, capsys)
    assert code == 0, "a warning does not stop the build by itself"
    assert [line for line in lines if line.startswith(f"warning: local/scenarios/{name.rstrip('/')}:1:1: ignored")]


def test_a_misspelt_local_folder_is_a_warning(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "local" / "scenario").mkdir(parents=True)
    (project / "local" / "brand").mkdir(parents=True)  # a fork's brand files live in local/ too: no warning
    code, lines = run_check(project, capsys)
    assert code == 0 and lines == ["warning: " + lines[0].removeprefix("warning: ")]
    assert lines[0].startswith("warning: local/scenario:1:1: ignored") and "'scenarios'" in lines[0]


def _patterns(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [v for k, v in node.items() if k == "pattern" and isinstance(v, str)]
        return found + [p for v in node.values() for p in _patterns(v)]
    if isinstance(node, list):
        return [p for v in node for p in _patterns(v)]
    return []


@pytest.mark.parametrize("schema_file", sorted(SCHEMAS.glob("*.json")), ids=lambda p: p.name)
def test_every_schema_pattern_matches_the_whole_string_in_both_validators(schema_file: Path) -> None:
    for pattern in _patterns(json.loads(schema_file.read_text(encoding="utf-8"))):
        schema = {"type": "string", "pattern": pattern}
        fast = fastjsonschema.compile(schema)
        slow = jsonschema.Draft7Validator(schema)
        sample = "abc" if re.fullmatch(pattern.split("$")[0] + "$", "abc") else "a"
        assert slow.is_valid(sample), (schema_file.name, pattern, sample)
        fast(sample)
        for bad in (sample + "\n", sample + "\n\n", "\n" + sample):
            assert not slow.is_valid(bad), f"{schema_file.name}: {pattern} lets {bad!r} through in jsonschema"
            with pytest.raises(fastjsonschema.JsonSchemaException):
                fast(bad)


# --- Build level: the last site stays as it was ---------------------------------------------------


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_hostile_title_stops_the_build_and_keeps_the_last_site(project: Path) -> None:
    assert run_build(project).returncode == 0
    before = snapshot(project / "site")
    Case("t", ALPHA, TITLE, "title: Pay <script>alert(1)</script>", "", "").apply(project)
    result = run_build(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert f"{ALPHA}:3:" in output and "plain text" in output and "Traceback" not in output
    assert snapshot(project / "site") == before


@pytest.mark.parametrize(
    "markup",
    [
        "<script>alert(1)</script>",
        '<a href="javascript:alert(1)">x</a>',
        '<img src="https://evil.example/x.png" alt="">',
        '<p onmouseover="alert(1)">x</p>',
        'Some text.\n{: onclick="alert(1)" }',
    ],
)
def test_a_page_with_foreign_code_stops_the_build_and_keeps_the_last_site(project: Path, markup: str) -> None:
    """The last gate: whatever reaches a page by another road (here a hand-written page) stops the build."""
    assert run_build(project).returncode == 0
    before = snapshot(project / "site")
    page = project / "docs" / "library.md"
    page.write_text(page.read_text() + "\n\n" + markup + "\n")
    result = run_build(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert re.search(r"library\.md: an? (inline script|'javascript:'|image|event-handler)", output), output
    assert snapshot(project / "site") == before
