"""A fork's own folder, local/scenarios/: switch scenarios off, change their wording or templates, add new ones."""

from __future__ import annotations

import shutil
from pathlib import Path

from macros.data.loader import load
from tests.support.project import FIXTURES, ROOT

SWITCH_OFF_BETA = "switch_off:\n  - beta\n"

CHANGE_ALPHA = """\
# yaml-language-server: $schema=../../scenarios/schema/scenario.schema.json
id: alpha
summary: Our agency's own summary of the alpha situation, answer first.
guidance:
  timing: Tell your consultant the same day.
templates:
  - id: alpha-phone
    body: |
      Hi {contact_name}, it's {your_name} with our own wording.
  - id: alpha-text
    channel: text
    audience: agency
    timing: same-day
    body: Hi {contact_name}, {your_name} here. I can't make the {role} interview today, sorry.
"""

GAMMA = """\
# yaml-language-server: $schema=../../scenarios/schema/scenario.schema.json
id: gamma
title: Gamma situation only this fork has
summary: A short summary of the gamma situation, answer first.
category: another-offer
keywords:
  - gamma keyword
signals:
  - You are in the gamma situation.
guidance:
  should_you_go: Only if you would take the job.
  what_to_say: One honest sentence, then thanks.
  timing: As soon as you know.
do:
  - Be quick.
dont:
  - Don't vanish.
related:
  - alpha
templates:
  - id: gamma-email
    channel: email
    audience: agency
    timing: ahead
    subject: About the {role} interview
    body: |
      Hi {contact_name},

      I would like to step back from the {role} interview.

      {your_name}
"""


def fork(tmp: Path, files: dict[str, str], scenarios: Path = FIXTURES / "minimal" / "scenarios") -> Path:
    """A project with upstream scenarios and the given files in local/scenarios/."""
    shutil.copytree(scenarios, tmp / "scenarios", ignore=shutil.ignore_patterns("schema"))
    shutil.copytree(ROOT / "scenarios" / "schema", tmp / "scenarios" / "schema")
    local = tmp / "local" / "scenarios"
    local.mkdir(parents=True)
    for name, text in files.items():
        (local / name).write_text(text, encoding="utf-8")
    return tmp


def loaded(tmp: Path, files: dict[str, str]):  # type: ignore[no-untyped-def]
    handbook, problems = load(fork(tmp, files))
    assert handbook is not None, "\n".join(str(p) for p in problems)
    return handbook


def problems(tmp: Path, files: dict[str, str]) -> list[str]:
    handbook, found = load(fork(tmp, files))
    assert handbook is None, "expected problems"
    return [str(p) for p in found]


def test_no_local_folder_changes_nothing(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "minimal" / "scenarios", tmp_path / "scenarios")
    shutil.copytree(ROOT / "scenarios" / "schema", tmp_path / "scenarios" / "schema")
    handbook, _ = load(tmp_path)
    assert handbook is not None and [s.id for s in handbook.scenarios] == ["alpha", "beta"]


def test_switch_a_scenario_off(tmp_path: Path) -> None:
    handbook = loaded(tmp_path, {"_local.yml": SWITCH_OFF_BETA})
    assert [s.id for s in handbook.scenarios] == ["alpha"]
    assert handbook.scenario("alpha").related == (), "links to a switched-off scenario go too"
    assert not any(t.scenario == "beta" for t in handbook.templates())


def test_switch_off_an_unknown_scenario_says_where(tmp_path: Path) -> None:
    found = problems(tmp_path, {"_local.yml": "switch_off:\n  - alpha\n  - betta\n"})
    assert found == [
        "local/scenarios/_local.yml:3:5: there is no scenario 'betta' to switch off — "
        "did you mean 'beta'? use the id of a scenario in scenarios/"
    ]


def test_unknown_setting(tmp_path: Path) -> None:
    found = problems(tmp_path, {"_local.yml": "switch-off:\n  - beta\n"})
    assert found[0].startswith(
        "local/scenarios/_local.yml:1:1: unknown field 'switch-off' — did you mean 'switch_off'?"
    )


def test_change_wording_and_templates_by_id(tmp_path: Path) -> None:
    handbook = loaded(tmp_path, {"alpha.yml": CHANGE_ALPHA})
    alpha = handbook.scenario("alpha")
    assert alpha.summary == "Our agency's own summary of the alpha situation, answer first."
    assert alpha.guidance.timing == "Tell your consultant the same day."
    assert alpha.guidance.should_you_go == "No, you should not go to this one.", "guidance merges key by key"
    assert alpha.title == "Alpha situation for tests", "fields not written keep upstream's value"
    phone = next(t for t in alpha.templates if t.id == "alpha-phone")
    assert phone.body == "Hi {contact_name}, it's {your_name} with our own wording."
    assert phone.channel == "phone" and phone.timing == "short-notice", "a template changes field by field"
    assert [t.id for t in alpha.templates] == ["alpha-email", "alpha-phone", "alpha-text"]
    assert alpha.source == "local/scenarios/alpha.yml"
    upstream = (tmp_path / "scenarios" / "alpha.yml").read_text(encoding="utf-8")
    assert (FIXTURES / "minimal" / "scenarios" / "alpha.yml").read_text(encoding="utf-8") == upstream


def test_remove_a_template(tmp_path: Path) -> None:
    handbook = loaded(tmp_path, {"alpha.yml": "id: alpha\nremove_templates:\n  - alpha-email\n"})
    assert [t.id for t in handbook.scenario("alpha").templates] == ["alpha-phone"]


def test_remove_every_template_or_an_unknown_one(tmp_path: Path) -> None:
    text = "id: alpha\nremove_templates:\n  - alpha-email\n  - alpha-phone\n  - alpha-fax\n"
    found = problems(tmp_path, {"alpha.yml": text})
    assert any(
        p.startswith("local/scenarios/alpha.yml:5:5: scenario 'alpha' has no template 'alpha-fax'") for p in found
    )
    assert any("this removes every template of 'alpha'" in p for p in found)


def test_problems_in_a_change_point_into_the_change_file(tmp_path: Path) -> None:
    # The changed template is the change file's first but the merged scenario's second: the line must still be right.
    text = CHANGE_ALPHA.replace("it's {your_name} with", "it's {your_nme} with")
    found = problems(tmp_path, {"alpha.yml": text})
    assert found == [
        "local/scenarios/alpha.yml:9:31: placeholder {your_nme} is not declared — did you mean "
        "'your_name'? declare it in scenarios/_fields.yml, or use one of: contact_name, role, your_name"
    ]


def test_a_change_is_checked_against_the_schema(tmp_path: Path) -> None:
    text = "id: alpha\ntilte: New title\ntemplates:\n  - id: alpha-phone\n    channel: fax\n"
    found = problems(tmp_path, {"alpha.yml": text})
    assert "local/scenarios/alpha.yml:2:1: unknown field 'tilte' — did you mean 'title'?" in found[0] + found[1]
    assert any(p.startswith("local/scenarios/alpha.yml:5:14: templates[1].channel 'fax' is not one of") for p in found)


def test_a_new_template_in_a_change_must_be_complete(tmp_path: Path) -> None:
    found = problems(tmp_path, {"alpha.yml": "id: alpha\ntemplates:\n  - id: alpha-letter\n    channel: email\n"})
    assert found[0].startswith(
        "local/scenarios/alpha.yml:3:5: template 'alpha-letter' is new ('alpha' has no template "
        "with this id), so it needs 'audience'"
    )


def test_add_a_scenario(tmp_path: Path) -> None:
    handbook = loaded(tmp_path, {"gamma.yml": GAMMA})
    assert {s.id for s in handbook.scenarios} == {"alpha", "beta", "gamma"}
    gamma = handbook.scenario("gamma")
    assert gamma.source == "local/scenarios/gamma.yml" and gamma.related == ("alpha",)
    assert handbook.scenario("alpha").title == "Alpha situation for tests"


def test_a_new_scenario_is_checked_like_any_other(tmp_path: Path) -> None:
    text = GAMMA.replace("  - id: gamma-email", "  - id: alpha-email")
    text = text.replace("  - alpha\ntemplates", "  - alfa\ntemplates")
    found = problems(tmp_path, {"gamma.yml": text.replace("category: another-offer", "category: money")})
    assert found[0].startswith("local/scenarios/gamma.yml:5:11: category 'money' is not declared")
    found = problems(tmp_path / "again", {"gamma.yml": text})
    assert any(
        p.startswith("local/scenarios/gamma.yml:19:5: related scenario 'alfa' does not exist — did you mean 'alpha'?")
        for p in found
    ), found
    assert any("template id 'alpha-email' is already used in scenarios/alpha.yml" in p for p in found), found


def test_switched_off_and_changed_at_once(tmp_path: Path) -> None:
    found = problems(tmp_path, {"_local.yml": SWITCH_OFF_BETA, "beta.yml": "id: beta\ntitle: Beta, changed\n"})
    assert found == [
        "local/scenarios/beta.yml:1:5: scenario 'beta' is switched off in _local.yml and changed here — "
        "remove it from switch_off, or delete this file"
    ]


def test_all_three_together_with_the_shipped_scenarios_and_flowchart(tmp_path: Path) -> None:
    files = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "examples" / "local" / "scenarios").glob("*.yml")}
    handbook, found = load(fork(tmp_path, files, scenarios=ROOT / "scenarios"))
    assert handbook is not None, "\n".join(str(p) for p in found)
    ids = {s.id for s in handbook.scenarios}
    assert "counteroffer-staying" not in ids and "pause-your-search" in ids
    if handbook.flowchart is not None:
        targets = {a.scenario for q in handbook.flowchart.questions for a in q.answers if a.scenario}
        assert "counteroffer-staying" not in targets, "the flowchart no longer leads to a switched-off scenario"
    assert all("counteroffer-staying" not in s.related for s in handbook.scenarios)


def test_switching_off_too_much_of_a_flowchart_question(tmp_path: Path) -> None:
    if not (ROOT / "scenarios" / "_flowchart.yml").exists():
        return
    flow = (ROOT / "scenarios" / "_flowchart.yml").read_text(encoding="utf-8")
    question = [line for line in flow.splitlines() if "scenario: staying-put" in line]
    assert question, "test setup: the shipped flowchart leads to staying-put"
    settings = "switch_off:\n  - counteroffer-staying\n  - accepted-another-offer\n  - staying-put\n"
    handbook, found_problems = load(fork(tmp_path, {"_local.yml": settings}, scenarios=ROOT / "scenarios"))
    assert handbook is None
    texts = [str(p) for p in found_problems]
    assert any(
        p.startswith("local/scenarios/_local.yml:")
        and "leaves the flowchart question" in p
        and "local/scenarios/_flowchart.yml" in p
        for p in texts
    ), texts


LOCAL_FIELDS = """\
# yaml-language-server: $schema=../../scenarios/schema/fields.schema.json
fields:
  consultant_name:
    label: Consultant's name
    example: Robin
    hint: Your consultant at the agency.
  role:
    label: Job title
    example: Warehouse Lead
    hint: The job title as the agency wrote it.
"""

LOCAL_CATEGORIES = """\
# yaml-language-server: $schema=../../scenarios/schema/categories.schema.json
categories:
  - id: agency-only
    title: Only at our agency
    summary: Situations that come up with our clients.
"""


def test_add_placeholders_and_categories_of_your_own(tmp_path: Path) -> None:
    gamma = GAMMA.replace("category: another-offer", "category: agency-only").replace(
        "Hi {contact_name},", "Hi {consultant_name},"
    )
    handbook = loaded(tmp_path, {"_fields.yml": LOCAL_FIELDS, "_categories.yml": LOCAL_CATEGORIES, "gamma.yml": gamma})
    assert handbook.field("consultant_name").label == "Consultant's name"
    assert handbook.field("role").label == "Job title", "a known id rewords ours"
    assert [f.id for f in handbook.fields][-1] == "consultant_name"
    assert [c.id for c in handbook.categories][-1] == "agency-only"
    assert handbook.scenario("gamma").category == "agency-only"


def test_a_bad_local_fields_file_says_where(tmp_path: Path) -> None:
    text = LOCAL_FIELDS.replace("    label: Job title\n", "    lable: Job title\n")
    found = problems(tmp_path, {"_fields.yml": text})
    assert any(
        p.startswith("local/scenarios/_fields.yml:8:5: unknown field 'lable' — did you mean 'label'?") for p in found
    ), found


def test_a_local_flowchart_replaces_ours(tmp_path: Path) -> None:
    upstream = (ROOT / "scenarios" / "_flowchart.yml").read_text(encoding="utf-8")
    title = next(line for line in upstream.splitlines() if line.startswith("title:"))
    mine = upstream.replace(title, "title: Our agency's own way through").replace(
        "$schema=schema/", "$schema=../../scenarios/schema/"
    )
    handbook, found = load(fork(tmp_path, {"_flowchart.yml": mine}, scenarios=ROOT / "scenarios"))
    assert handbook is not None and handbook.flowchart is not None, found
    assert handbook.flowchart.title == "Our agency's own way through"
    assert handbook.flowchart.source == "local/scenarios/_flowchart.yml"
