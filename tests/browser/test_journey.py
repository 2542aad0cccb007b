"""The person in a hurry (issue 14): from the home page to a personalised message on the clipboard.

On a 390 x 844 phone, each journey starts at index.html and taps its way through the guide to the
message, as a person would: a tap is a touch on something on screen (typing, and the keyboard's
Enter to move to the next box, are not taps); scrolling is what it takes to bring the next thing
to tap into view. Budget: at most 6 taps and 1.5 screen heights of scrolling.

What the guide should show is worked out from the data (macros/site/advice.py), never from template
ids, so the test holds when messages are added. Reproduce by hand: `make site`, open
site/index.html in a phone-sized window and follow the answers named in JOURNEYS.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from macros.data.loader import load_cached
from macros.data.model import TIMINGS, Handbook
from macros.site.advice import recommend
from macros.site.message import plain_message
from macros.site.personaliser import PLACEHOLDER, fields_in_use
from tests.support.handbook import require_published
from tests.support.project import ROOT

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
MAX_TAPS = 6
MAX_SCROLL = 1.5 * PHONE["height"]
HEADER = 56  # Material's sticky header, and a little air below it
# What the guide's last question calls each audience (docs/assets/javascripts/guide.js).
AUDIENCE_ANSWERS = {
    "agency": "An agency recruiter",
    "in-house": "A recruiter at the company",
    "hiring-manager": "The hiring manager",
}
DETAILS = {
    "your_name": "Sam Rivera",
    "contact_name": "Priya",
    "company": "Northwind Logistics",
    "role": "Operations Coordinator",
    "interview_date": "Thursday 14 May at 10am",
}


@dataclass(frozen=True)
class Journey:
    name: str
    scenario: str
    timing: str
    audience: str


JOURNEYS = [
    Journey(
        "accepted another offer, interview tomorrow, agency recruiter",
        "accepted-another-offer",
        "short-notice",
        "agency",
    ),
    Journey("missed the interview yesterday, in-house recruiter", "missed-interview", "missed", "in-house"),
    Journey("pay too low, interview next week, hiring manager", "pay-too-low", "ahead", "hiring-manager"),
]


@dataclass
class Thumb:
    """Taps and scrolls on a phone, counted."""

    page: Any
    taps: int = 0
    scrolled: float = 0
    log: list[str] = field(default_factory=list)

    def tap(self, locator: Any, what: str) -> None:
        locator.wait_for(state="visible")
        box = locator.bounding_box()
        assert box, f"{what} has no box on screen"
        height = self.page.evaluate("innerHeight")
        delta = 0.0
        if box["y"] + box["height"] > height:
            delta = box["y"] + box["height"] - height + 8
        elif box["y"] < HEADER:
            delta = box["y"] - HEADER
        if delta:
            self.page.evaluate("d => window.scrollBy(0, d)", delta)
            self.scrolled += abs(delta)
        locator.tap()
        self.taps += 1
        self.log.append(f"tap {self.taps}: {what} (scrolled {abs(delta):.0f} px first)")


def path_to(handbook: Handbook, scenario_id: str) -> list[tuple[str, str | None]]:
    """The answer labels from the first question to a scenario, and the timing the last answer names."""
    flow = handbook.flowchart
    assert flow is not None

    def walk(qid: str, seen: tuple[str, ...]) -> list[tuple[str, str | None]] | None:
        for answer in flow.question(qid).answers:
            if answer.scenario == scenario_id:
                return [(answer.label, answer.timing)]
            if answer.next and answer.next not in seen:
                rest = walk(answer.next, (*seen, answer.next))
                if rest:
                    return [(answer.label, None), *rest]
        return None

    found = walk(flow.start, (flow.start,))
    assert found, f"the flowchart has no path to {scenario_id}"
    return found


@pytest.fixture(scope="module")
def handbook() -> Handbook:
    loaded, problems = load_cached(ROOT)
    assert loaded is not None and not problems, problems
    return loaded


@pytest.fixture
def phone(browser: Any, site_url: str) -> Iterator[Any]:
    ctx = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2)
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    try:
        yield ctx.new_page()
    finally:
        ctx.close()


def details_for(handbook: Handbook) -> dict[str, str]:
    """A value for every field: realistic ones, and each field's own example for the rest."""
    return {f.id: DETAILS.get(f.id, f.example) for f in fields_in_use(handbook)}


@pytest.mark.parametrize("journey", JOURNEYS, ids=[j.name for j in JOURNEYS])
def test_from_home_page_to_clipboard_in_six_taps(
    phone: Any, site_url: str, handbook: Handbook, journey: Journey
) -> None:
    require_published(journey.scenario)  # a fork that switched the situation off has no such journey
    scenario = handbook.scenario(journey.scenario)
    pick = recommend(scenario, journey.timing, journey.audience)
    assert pick.written is not None, f"{journey.scenario} has no written message {TIMINGS[journey.timing].lower()}"
    page = phone
    thumb = Thumb(page)
    page.goto(site_url + "index.html")

    steps = path_to(handbook, journey.scenario)
    first_label, _ = steps[0]
    thumb.tap(page.locator(".ktb-cards a", has_text=first_label), f"home card {first_label!r}")
    for label, _timing in steps[1:]:
        thumb.tap(page.locator("section.ktb-step:not([hidden]) a", has_text=label).first, f"answer {label!r}")
    if steps[-1][1] is None:  # the answer did not say how much time is left: the guide asks
        label = TIMINGS[journey.timing]
        thumb.tap(page.locator(".ktb-step--end a", has_text=label).first, f"timing {label!r}")
    else:
        assert steps[-1][1] == journey.timing, "the flowchart's answer names another timing"
    label = AUDIENCE_ANSWERS[journey.audience]
    thumb.tap(page.locator(".ktb-step--end a", has_text=label), f"audience {label!r}")

    # Where the guide lands, the advice comes along: In short, the channel rule, the message.
    page.wait_for_url(
        f"**/situations/{journey.scenario}.html?audience={journey.audience}&timing={journey.timing}#in-short"
    )
    now = page.locator("#for-you")
    now.wait_for(state="visible")
    in_short = page.locator(".ktb-inshort")
    assert " ".join(scenario.summary.split()) in " ".join(in_short.inner_text().split())
    top = in_short.bounding_box()
    assert top and HEADER - 10 <= top["y"] < PHONE["height"] / 2, f"In short is not in view on landing: {top}"
    assert " ".join(pick.rule.split()) in " ".join(now.inner_text().split())
    shown = now.locator(".ktb-template").evaluate_all("els => els.map(e => e.dataset.template)")
    expected = [t.id for t in (pick.voice, pick.written) if t is not None]
    assert shown == expected, "the recommended messages come first, call before writing"
    if pick.fallback:
        assert pick.fallback in now.inner_text(), "a missing message is explained, not hidden"

    # The details belong to the message: its own form, only the blanks it uses.
    card = now.locator(f'.ktb-template[data-template="{pick.written.id}"]')
    used = list(dict.fromkeys(PLACEHOLDER.findall((pick.written.subject or "") + pick.written.body)))
    boxes = card.locator("[data-ktb-fill] input[data-field]")
    assert boxes.evaluate_all("els => els.map(e => e.dataset.field)") == used
    values = details_for(handbook)
    if used:
        thumb.tap(boxes.first, "the first blank's box")
        for name in used:
            page.keyboard.type(values[name])
            page.keyboard.press("Enter")  # the phone keyboard's "next"
    thumb.tap(card.get_by_role("button", name="Copy message"), "Copy message")
    card.get_by_role("status").filter(has_text="Copied").wait_for()
    clipboard = page.evaluate("navigator.clipboard.readText()")
    assert clipboard == plain_message(pick.written, values, handbook), "the filled body, nothing else"
    assert "[" not in clipboard and not clipboard.startswith("Subject:")

    report = "\n".join(thumb.log) + f"\n{thumb.taps} taps, {thumb.scrolled:.0f} px scrolled"
    print(f"\n{journey.name}:\n{report}")
    assert thumb.taps <= MAX_TAPS, report
    assert thumb.scrolled <= MAX_SCROLL, report
