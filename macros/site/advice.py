"""Which message to send first: the channel rule for the time left, and the best message for an audience.

The rule follows the handbook's own guide (docs/guides/call-email-or-text.md, "Which to use, at a
glance"): under 48 hours, call or leave a voicemail first, then confirm in writing; two days or more
ahead, write. The choice is made from the data at build time, never from template ids, so a message
added to a scenario takes its place by itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..data.model import AUDIENCES, RECOMMENDED_CHANNELS, TIMINGS, Scenario, Template
from ..data.ui import ENGLISH, english

VOICE = ("phone", "voicemail")
WRITTEN = ("email", "text", "linkedin")

# One sentence per timing: what to do, in the order to do it (the English words; an edition's own in
# scenarios/<lang>/_ui.yml).
CHANNEL_RULES: dict[str, str] = {timing: ENGLISH[f"channel_rule.{timing}"] for timing in TIMINGS}

Say = Callable[..., str]


# Per timing: the audiences to call first (the rest write). Where the handbook recommends a voice channel
# (model.RECOMMENDED_CHANNELS: under 48 hours and after a no-show) everyone calls; two days or more
# ahead, only an agency recruiter, who put their name to yours, gets a short call first.
_CALL_FIRST: dict[str, frozenset[str]] = {
    timing: frozenset(AUDIENCES) if channels <= frozenset(VOICE) else frozenset({"agency"})
    for timing, channels in RECOMMENDED_CHANNELS.items()
}
_WRITE_IN = ("email", "text", "linkedin")
_WRITE_IN_SAME_DAY_TO_AGENCY = ("text", "email", "linkedin")


@dataclass(frozen=True)
class Recommendation:
    """The messages to show first for one timing and audience, and what to say when one is missing."""

    rule: str
    voice: Template | None  # the call or voicemail script, when a call comes first and one exists
    written: Template | None  # the message to send (or to confirm in writing)
    fallback: str  # one sentence when the data lacks the recommended message for this audience, else ""


def _best(candidates: list[Template], audience: str, channels: tuple[str, ...]) -> Template | None:
    """The first message in channel order, preferring the audience asked for."""
    ranked = sorted(
        (t for t in candidates if t.channel in channels),
        key=lambda t: (t.audience != audience, channels.index(t.channel)),
    )
    return ranked[0] if ranked else None


def recommend(scenario: Scenario, timing: str, audience: str, say: Say = english) -> Recommendation:
    """What the guide shows first on a scenario page for the answers (timing, audience), in `say`'s words."""
    mine = [t for t in scenario.templates if t.timing == timing]
    call_first = audience in _CALL_FIRST.get(timing, frozenset())
    same_day_agency = timing == "same-day" and audience == "agency"
    voice = _best(mine, audience, VOICE) if call_first else None
    written = _best(mine, audience, _WRITE_IN_SAME_DAY_TO_AGENCY if same_day_agency else _WRITE_IN)
    who = say(f"audience_phrase.{audience}")
    fallback = ""
    # The scenario's own explained fallback (scenarios/*.yml `fallbacks:`) says it best, when it has one.
    written_note = next((f.text for f in scenario.fallbacks if f.timing == timing and audience in f.audiences), "")
    if written_note:
        fallback = written_note
    elif call_first and (voice is None or voice.audience != audience):
        fallback = say("advice.no_call_script", who=who)
    elif written is not None and written.audience != audience:
        fallback = say("advice.written_to", other=say(f"audience_phrase.{written.audience}"), who=who)
    return Recommendation(say(f"channel_rule.{timing}"), voice, written, fallback)
