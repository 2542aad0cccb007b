"""Malformed data: every problem is reported at once as FILE:LINE:COL: what — fix, exit 1, no traceback."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.__main__ import main
from macros.data.loader import load
from tests.support.project import ROOT, fixture_data


def minimal_project(dest: Path) -> Path:
    """The two-scenario fixture with the project's own schemas."""
    return fixture_data(dest, "minimal")


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    old: str | None  # text to replace; None writes `new` as the whole file
    new: bytes | str
    line: int
    what: str  # expected in the message
    fix: str  # expected in the fix hint (after the dash)


CASES = [
    Case(
        "bad indentation",
        "alpha.yml",
        "  timing: Tell them",
        "   timing: Tell them",
        13,
        "YAML syntax error",
        "indentation",
    ),
    Case("tab", "alpha.yml", "  - Be quick.", "\t- Be quick.", 15, "YAML syntax error", "tabs"),
    Case(
        "duplicate key",
        "alpha.yml",
        "category: another-offer\n",
        "category: another-offer\ncategory: timing\n",
        6,
        "duplicate key 'category'",
        "keep one",
    ),
    Case("no read as boolean", "alpha.yml", "  - Be quick.", "  - no", 15, "(no was read as false)", 'quotes: "no"'),
    Case(
        "wrong type",
        "alpha.yml",
        "keywords:\n  - alpha keyword",
        "keywords: alpha keyword",
        6,
        "should be a list",
        "its own line",
    ),
    Case(
        "missing required field",
        "alpha.yml",
        "summary: A short summary of the alpha situation, answer first.\n",
        "",
        2,
        "missing the required field 'summary'",
        "add a `summary:` line",
    ),
    Case(
        "unknown key", "alpha.yml", "title: Alpha", "tilte: Alpha", 3, "unknown field 'tilte'", "did you mean 'title'"
    ),
    Case(
        "unknown channel",
        "alpha.yml",
        "channel: phone",
        "channel: sms",
        33,
        "'sms' is not one of the allowed values",
        "use one of: email, phone",
    ),
    Case(
        "unknown timing",
        "alpha.yml",
        "timing: ahead",
        "timing: tomorrow",
        24,
        "'tomorrow' is not one of",
        "short-notice",
    ),
    Case(
        "unknown audience",
        "alpha.yml",
        "audience: in-house",
        "audience: recruiter",
        23,
        "'recruiter' is not one of",
        "hiring-manager",
    ),
    Case(
        "duplicate id across files",
        "beta.yml",
        "id: beta\n",
        "id: alpha\n",
        2,
        "scenario id 'alpha' is already used",
        "its own id",
    ),
    Case(
        "dangling related reference",
        "alpha.yml",
        "  - beta\ntemplates",
        "  - betta\ntemplates",
        19,
        "related scenario 'betta' does not exist",
        "did you mean 'beta'",
    ),
    Case(
        "undeclared placeholder",
        "alpha.yml",
        "from the {role} process",
        "from the {rol} process",
        29,
        "placeholder {rol} is not declared",
        "did you mean 'role'",
    ),
    Case(
        "empty template body",
        "alpha.yml",
        "    body: |\n      Hi {contact_name}, it's {your_name}.\n"
        "      I need to withdraw from the {role} interview.\n",
        '    body: ""\n',
        36,
        "templates[2].body is empty",
        "write at least",
    ),
    Case(
        "bad fields file",
        "_fields.yml",
        "    label: Role\n",
        "    lable: Role\n",
        13,
        "unknown field 'lable'",
        "did you mean 'label'",
    ),
    Case("non-UTF-8 bytes", "alpha.yml", "Alpha situation", b"Alpha \xe9situation", 3, "not UTF-8", "UTF-8 encoding"),
    Case("empty file", "alpha.yml", None, "", 1, "the file is empty", "delete it"),
    Case(
        "double-brace placeholder",
        "alpha.yml",
        "Dear {contact_name},",
        "Dear {{ contact_name }},",
        27,
        "double braces",
        "single braces",
    ),
    Case("lone brace", "alpha.yml", "Thank you.", "Thank you {.", 29, "a lone '{'", "close the placeholder"),
    Case(
        "email without subject",
        "alpha.yml",
        "    subject: Withdrawing from {role}\n",
        "",
        21,
        "an email template has no subject",
        "add a `subject:` line",
    ),
    Case(
        "subject on a phone script",
        "alpha.yml",
        "    timing: short-notice\n",
        "    timing: short-notice\n    subject: Hello there\n",
        36,
        "a phone template has a subject",
        "only emails",
    ),
    Case(
        "duplicate template id",
        "beta.yml",
        "id: beta-phone",
        "id: alpha-phone",
        32,
        "template id 'alpha-phone' is already used",
        "make it unique",
    ),
    Case(
        "unknown category",
        "alpha.yml",
        "category: another-offer",
        "category: money",
        5,
        "category 'money' is not declared",
        "use one of",
    ),
    Case(
        "bad id characters",
        "alpha.yml",
        "  - id: alpha-email",
        "  - id: Alpha Email",
        21,
        "has characters an id cannot have",
        "lowercase letters",
    ),
    Case(
        "missing schema line",
        "alpha.yml",
        "# yaml-language-server: $schema=schema/scenario.schema.json\n",
        "",
        1,
        "does not name the schema",
        "yaml-language-server",
    ),
    Case(
        "value with colon",
        "alpha.yml",
        "title: Alpha situation for tests",
        "title: Alpha: situation: for tests",
        3,
        "YAML syntax error",
        "quotes",
    ),
    Case(
        "number for text",
        "alpha.yml",
        "  - alpha keyword",
        "  - 2024",
        7,
        "should be text but is a number",
        'quotes: "2024"',
    ),
    Case(
        "fallback for a timing with no messages",
        "alpha.yml",
        "      I need to withdraw from the {role} interview.\n",
        "      I need to withdraw from the {role} interview.\n"
        "fallbacks:\n  - timing: same-day\n    text: Call them, then send the email.\n",
        40,
        "no message has the timing 'same-day'",
        "use one of: ahead, short-notice",
    ),
    Case(
        "fallback for an audience that has a message",
        "alpha.yml",
        "      I need to withdraw from the {role} interview.\n",
        "      I need to withdraw from the {role} interview.\n"
        "fallbacks:\n  - timing: short-notice\n    audiences: [agency]\n    text: Call them, then send the email.\n",
        41,
        "'agency' already has a phone or voicemail for 'short-notice'",
        "remove it from `audiences`",
    ),
    Case(
        "message claims an invented reason",
        "alpha.yml",
        "      I need to withdraw from the {role} interview.",
        "      I mixed up the day, so I need to withdraw from the {role} interview.",
        38,
        "'mixed up' claims a reason the reader may not have",
        "optional {what_happened} blank",
    ),
    Case(
        "invented-reason pattern misses its example",
        "_wording.yml",
        "example: I mixed up the time.",
        "example: I forgot the time.",
        4,
        "does not match its own example",
        "change the pattern",
    ),
    Case(
        "reserved template id",
        "alpha.yml",
        "id: alpha-phone",
        "id: messages",
        32,
        "reserved by the page layout",
        "prefix it",
    ),
]


def apply(project: Path, case: Case) -> None:
    target = project / "scenarios" / case.file
    if case.old is None:
        target.write_bytes(case.new if isinstance(case.new, bytes) else case.new.encode())
        return
    raw = target.read_bytes()
    old = case.old.encode()
    assert raw.count(old) == 1, f"test setup: {case.old!r} must appear once in {case.file}"
    target.write_bytes(raw.replace(old, case.new if isinstance(case.new, bytes) else case.new.encode()))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_malformed_input_is_reported_with_place_and_fix(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = minimal_project(tmp_path)
    apply(project, case)
    code = main(["check", str(project)])
    err = capsys.readouterr().err
    assert code == 1, f"expected exit 1 for {case.name}; output:\n{err}"
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.startswith(f"scenarios/{case.file}:{case.line}:")]
    assert lines, f"no problem reported at scenarios/{case.file}:{case.line}; output:\n{err}"
    matching = [ln for ln in lines if case.what in ln]
    assert matching, f"expected '{case.what}' at line {case.line}; got:\n" + "\n".join(lines)
    _, _, fix = matching[0].partition(" — ")
    assert case.fix in fix, f"expected fix hint '{case.fix}' in: {matching[0]}"


def test_every_problem_in_every_file_is_reported_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = minimal_project(tmp_path)
    alpha = project / "scenarios" / "alpha.yml"
    alpha.write_text(
        alpha.read_text().replace("channel: phone", "channel: sms").replace("title: Alpha", "tilte: Alpha")
    )
    beta = project / "scenarios" / "beta.yml"
    beta.write_text(beta.read_text().replace("  - alpha\n", "  - gamma\n"))
    assert main(["check", str(project)]) == 1
    err = capsys.readouterr().err
    assert "scenarios/alpha.yml:2:1: the file is missing the required field 'title'" in err
    assert "scenarios/alpha.yml:3:1: unknown field 'tilte'" in err
    assert "scenarios/alpha.yml:33:14: templates[2].channel 'sms'" in err
    assert "scenarios/beta.yml:19:5: related scenario 'gamma' does not exist" in err
    # alpha is broken, but beta's reference to it still resolves: no knock-on problem.
    assert "related scenario 'alpha'" not in err
    assert err.strip().splitlines()[-1].startswith("4 problems in the handbook data")


def test_problem_format_is_file_line_col_what_dash_fix(tmp_path: Path) -> None:
    project = minimal_project(tmp_path)
    apply(project, CASES[7])  # unknown channel
    handbook, problems = load(project)
    assert handbook is None
    assert str(problems[0]) == (
        "scenarios/alpha.yml:33:14: templates[2].channel 'sms' is not one of the allowed values"
        " — use one of: email, phone, voicemail, text, linkedin"
    )


def test_missing_fields_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    project = minimal_project(tmp_path)
    (project / "scenarios" / "_fields.yml").unlink()
    handbook, problems = load(project)
    assert handbook is None
    assert any(p.path == "scenarios/_fields.yml" and "missing" in p.what for p in problems)


def test_yaml_extension_is_flagged_rather_than_ignored(tmp_path: Path) -> None:
    project = minimal_project(tmp_path)
    shutil.copy(project / "scenarios" / "beta.yml", project / "scenarios" / "gamma.yaml")
    _, problems = load(project)
    assert [p.what for p in problems if p.path.endswith("gamma.yaml")] == [
        "this file ends in .yaml and would be ignored"
    ]


def test_check_command_passes_on_the_shipped_handbook(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(ROOT)]) == 0
    assert capsys.readouterr().out.startswith("OK: ")
