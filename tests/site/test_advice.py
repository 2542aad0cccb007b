"""macros/site/advice.py: the channel rule for the time left, and which message the guide shows first."""

from __future__ import annotations

import dataclasses

import pytest

from macros.data.loader import load_cached
from macros.data.model import AUDIENCES, RECOMMENDED_CHANNELS, TIMINGS, Handbook, Scenario, Template
from macros.site.advice import CHANNEL_RULES, VOICE, WRITTEN, recommend
from tests.support.project import ROOT


@pytest.fixture(scope="module")
def handbook() -> Handbook:
    loaded, problems = load_cached(ROOT)
    assert loaded is not None and not problems, problems
    return loaded


def message(scenario: Scenario, channel: str, audience: str, timing: str) -> Template:
    return Template(
        f"t-{channel}-{audience}-{timing}", scenario.id, channel, audience, timing, "", None, "Hi {your_name}"
    )


def test_every_timing_has_a_rule_and_under_48_hours_means_call_then_write() -> None:
    assert set(CHANNEL_RULES) == set(TIMINGS)
    for timing in ("short-notice", "same-day"):
        rule = CHANNEL_RULES[timing].lower()
        assert "call" in rule and "voicemail" in rule and "writing" in rule
        assert rule.index("call") < rule.index("writing"), "call first, then confirm in writing"


def test_every_answer_gets_a_written_message_and_an_honest_note(handbook: Handbook) -> None:
    """The whole matrix the guide can land on: scenario x timing x audience."""
    for scenario in handbook.scenarios:
        for timing in scenario.timings():
            for audience in AUDIENCES:
                pick = recommend(scenario, timing, audience)
                where = f"{scenario.id} {timing} {audience}"
                mine = [t for t in scenario.templates if t.timing == timing]
                if any(t.channel in WRITTEN for t in mine):
                    assert pick.written is not None and pick.written.channel in WRITTEN, where
                if pick.voice is not None:
                    assert pick.voice.channel in VOICE, where
                exact_voice = any(t.channel in VOICE and t.audience == audience for t in mine)
                if pick.voice is not None and exact_voice:
                    assert pick.voice.audience == audience, f"{where}: a script for this audience exists"
                exact_written = any(t.channel in WRITTEN and t.audience == audience for t in mine)
                if exact_written:
                    assert pick.written is not None and pick.written.audience == audience, where
                complete = (pick.voice is None or pick.voice.audience == audience) and exact_written
                # Under 48 hours and after a no-show everyone calls first; well ahead, an agency recruiter does.
                calls = RECOMMENDED_CHANNELS[timing] <= set(VOICE) or audience == "agency"
                own = [f.text for f in scenario.fallbacks if f.timing == timing and audience in f.audiences]
                if own:
                    assert pick.fallback == own[0], f"{where}: the scenario's own fallback note explains it"
                elif calls and not exact_voice:
                    assert "no call script" in pick.fallback, f"{where}: the missing script is explained"
                elif complete:
                    assert pick.fallback == "", where


def test_the_recommended_channel_wins_when_the_data_has_it(handbook: Handbook) -> None:
    scenario = handbook.scenarios[0]
    timing = "short-notice"
    base = [t for t in scenario.templates if t.timing != timing]
    email = message(scenario, "email", "in-house", timing)
    text = message(scenario, "text", "in-house", timing)
    only_written = dataclasses.replace(scenario, templates=(*base, text, email), fallbacks=())
    pick = recommend(only_written, timing, "in-house")
    assert pick.voice is None and pick.written == email and "no call script" in pick.fallback
    voicemail = message(scenario, "voicemail", "in-house", timing)
    phone = message(scenario, "phone", "in-house", timing)
    other = message(scenario, "phone", "agency", timing)
    full = dataclasses.replace(scenario, templates=(*base, other, text, voicemail, email, phone), fallbacks=())
    pick = recommend(full, timing, "in-house")
    assert (pick.voice, pick.written, pick.fallback) == (phone, email, "")
    ahead = dataclasses.replace(scenario, templates=(message(scenario, "email", "agency", "ahead"),), fallbacks=())
    pick = recommend(ahead, "ahead", "hiring-manager")
    assert pick.voice is None and pick.written is not None and "change the name" in pick.fallback
