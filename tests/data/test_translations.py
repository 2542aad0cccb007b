"""Translation loading (macros/data/translations.py) and the stamper (macros/data/i18n.py): no MkDocs build, fast."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.__main__ import main
from macros.data import i18n
from macros.data.translations import translate
from tests.support.project import ROOT

ID = "missed-interview"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The real scenarios with a stamped one-scenario Spanish translation (plus fields and categories)."""
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios", ignore=shutil.ignore_patterns("es"))
    es = tmp_path / "scenarios" / "es"
    es.mkdir()
    for name in (f"{ID}.yml", "_fields.yml", "_categories.yml"):
        # As a translator leaves them: no `source:` lines (the stamp command writes those).
        text = (ROOT / "scenarios" / "es" / name).read_text(encoding="utf-8")
        (es / name).write_text(unstamped(text), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("extra:\n  languages: [en, es]\n  translation_fallback: fail\n")
    changed, problems = i18n.stamp(tmp_path, "es")
    assert problems == [] and f"scenarios/es/{ID}.yml" in changed
    return tmp_path


def unstamped(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if not line.strip().startswith("source: "))


def problems_of(root: Path) -> tuple[list[str], list[str]]:
    _, found, _ = i18n.handbook_in(root, "es")
    assert found is not None
    return [str(p) for p in sorted(found.errors)], [str(p) for p in sorted(found.lag)]


def test_a_stamped_translation_replaces_the_english_text(project: Path) -> None:
    handbook, found, _ = i18n.handbook_in(project, "es")
    assert handbook is not None and found is not None
    scenario = handbook.scenario(ID)
    assert scenario.title.startswith("Faltaste a la entrevista")
    assert all(t.body.startswith(("Hola", "Buen", "Estimad")) for t in scenario.templates), "every message in Spanish"
    assert handbook.field("your_name").label == "Tu nombre"
    assert ID not in found.untranslated
    assert "accepted-another-offer" in found.untranslated  # no file in this project: English stands in


def test_stamping_edits_only_source_lines_and_is_idempotent(project: Path) -> None:
    stamped = (project / "scenarios" / "es" / f"{ID}.yml").read_text()
    original = (ROOT / "scenarios" / "es" / f"{ID}.yml").read_text()
    assert unstamped(stamped) == unstamped(original)
    assert stamped == original, "the shipped translation is stamped the same way"
    assert i18n.stamp(project, "es") == ([], [])


def test_a_stale_translation_is_not_checked_for_placeholders(project: Path) -> None:
    """A fork's local/ change (or ours) that adds a placeholder makes the translation stale, not wrong."""
    english = project / "scenarios" / f"{ID}.yml"
    text = english.read_text()
    english.write_text(text.replace("I'm sorry", "I'm sorry, {company}", 1))
    errors, lag = problems_of(project)
    assert errors == [] and any("is stale" in p for p in lag)


def test_a_changed_english_message_makes_its_translation_stale_with_file_and_line(project: Path) -> None:
    english = project / "scenarios" / f"{ID}.yml"
    text = english.read_text()
    english.write_text(text.replace("I'm sorry", "I am so sorry", 1))
    assert "I am so sorry" in english.read_text()
    errors, lag = problems_of(project)
    assert errors == []
    stale = [p for p in lag if "is stale" in p and f"scenarios/es/{ID}.yml:" in p]
    assert stale, lag
    path, line, column = stale[0].split(":")[:3]
    lines = (project / path).read_text().split("\n")
    assert lines[int(line) - 1][int(column) - 1 :].startswith(("source:", lines[int(line) - 1].split("source: ")[-1]))
    assert "translations stamp es" in stale[0]
    # Fail mode stops the build; `english` mode shows the English instead.
    _, found, _ = i18n.handbook_in(project, "es")
    assert found is not None
    assert i18n.fatal(found, i18n.Settings(("en", "es"), "fail"))
    assert not i18n.fatal(found, i18n.Settings(("en", "es"), "english"))


def test_a_missing_template_is_reported_at_the_templates_key(project: Path) -> None:
    file = project / "scenarios" / "es" / f"{ID}.yml"
    text = file.read_text()
    start = text.index("  - id: missed-phone-missed-agency")
    end = text.index("  - id: ", start + 5)
    file.write_text(text[:start] + text[end:])
    _, lag = problems_of(project)
    line = file.read_text().split("\n").index("templates:") + 1
    assert f"scenarios/es/{ID}.yml:{line}:1: template 'missed-phone-missed-agency' is not translated" in "\n".join(lag)


def test_a_placeholder_mismatch_is_an_error_at_the_body(project: Path) -> None:
    file = project / "scenarios" / "es" / f"{ID}.yml"
    text = file.read_text()
    file.write_text(text.replace("{your_phone}", "{tu_telefono}", 1))
    errors, _ = problems_of(project)
    found = [e for e in errors if "placeholders differ" in e]
    assert len(found) == 1 and "adds {tu_telefono}" in found[0] and "lacks {your_phone}" in found[0]
    line = int(found[0].split(":")[1])
    assert "body:" in file.read_text().split("\n")[line - 1] or "{" in file.read_text().split("\n")[line - 1]


def test_extra_ids_wrong_counts_and_structure_keys_are_errors(project: Path) -> None:
    file = project / "scenarios" / "es" / f"{ID}.yml"
    text = file.read_text()
    text = text.replace("  - id: missed-phone-missed-agency", "  - id: missed-phone-missed-agencyy", 1)
    text = text.replace("dont:\n", "category: timing\ndont:\n", 1)
    text = text.replace("do:\n", "do:\n  - Una más.\n", 1)
    file.write_text(text)
    (project / "scenarios" / "es" / "no-such-scenario.yml").write_text("id: no-such-scenario\n")
    errors, lag = problems_of(project)
    joined = "\n".join(errors)
    # An id the English lacks is lag (a fork may have removed that template), reported with its line.
    assert "there is no English template 'missed-phone-missed-agencyy'" in "\n".join(lag)
    assert "scenarios/es/no-such-scenario.yml:1:1: there is no English scenario 'no-such-scenario'" in joined
    assert "`category` is not translated — remove it" in joined
    assert "`do` has 4 items, the English has 3" in joined


def test_a_missing_file_and_a_missing_field_are_lag(project: Path) -> None:
    fields = project / "scenarios" / "es" / "_fields.yml"
    text = fields.read_text()
    start = text.index("  agency_name:")
    fields.write_text(text[:start])
    _, lag = problems_of(project)
    joined = "\n".join(lag)
    assert "scenarios/es/_fields.yml:" in joined and "field 'agency_name' is not translated" in joined
    assert "scenarios/es/pay-too-low.yml:1:1: scenario 'pay-too-low' is not translated" in joined
    assert "scenarios/es/_flowchart.yml:1:1: the questions are not translated" in joined


def test_check_command_reports_lag_and_fails_in_fail_mode(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(project)]) == 1
    err = capsys.readouterr().err
    assert "scenarios/es/pay-too-low.yml:1:1: scenario 'pay-too-low' is not translated" in err
    (project / "mkdocs.yml").write_text("extra:\n  languages: [en, es]\n  translation_fallback: english\n")
    assert main(["check", str(project)]) == 0
    assert "warning (English shown instead): scenarios/es/pay-too-low.yml" in capsys.readouterr().err


def test_stamp_command_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = project / "scenarios" / "es" / f"{ID}.yml"
    file.write_text("\n".join(line for line in file.read_text().split("\n") if "source: " not in line))
    assert main(["translations", "stamp", "es", str(project)]) == 0
    assert f"stamped scenarios/es/{ID}.yml" in capsys.readouterr().out
    assert translate(project, i18n.handbook_in(project, "en")[0], "es")[1].lag  # type: ignore[arg-type]


def test_settings_are_checked() -> None:
    settings, problems = i18n.settings_from({"languages": ["es"], "translation_fallback": "english"})
    assert settings.root == "es" and settings.others == () and problems == []
    _, problems = i18n.settings_from({"languages": 5, "translation_fallback": "maybe"})
    assert len(problems) == 2
    settings, problems = i18n.settings_from({"languages": "en,es"})  # from KTB_LANGUAGES
    assert settings.languages == ("en", "es") and problems == []


def test_a_spanish_message_may_not_claim_an_invented_reason(project: Path) -> None:
    shutil.copy(ROOT / "scenarios" / "es" / "_wording.yml", project / "scenarios" / "es" / "_wording.yml")
    file = project / "scenarios" / "es" / f"{ID}.yml"
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("Le llamo para pedirle disculpas.", "Me quedé dormido, perdone.", 1))
    errors, _ = problems_of(project)
    claims = [e for e in errors if "claims a reason the reader may not have" in e]
    assert len(claims) == 1 and claims[0].startswith(f"scenarios/es/{ID}.yml:"), errors
