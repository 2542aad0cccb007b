"""The home page's situation cards: the flowchart's first question as large cards, an icon each.

The icons are Material Design Icons (Apache 2.0) kept in overrides/.icons/ktb/ and drawn inline,
so they take the text colour in light and dark and cost no request to anyone.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from pathlib import Path

from .flowchart import Link, QuestionLink
from .model import Answer, Handbook

ICONS = Path(__file__).resolve().parents[1] / "overrides" / ".icons" / "ktb"
DEFAULT_ICON = "compass-outline"
# The icon for an answer, by the question or scenario it leads to; a fork's new answer gets the default.
ICON_FOR: dict[str, str] = {
    "offer": "briefcase-check-outline",
    "put-off": "thumb-down-outline",
    "life": "home-heart",
    "job": "briefcase-remove-outline",
    "timing": "calendar-alert",
    "unsure-whether-to-go": "help-circle-outline",
}


@lru_cache(maxsize=16)
def icon_svg(name: str) -> str:
    """An icon as inline SVG, decorative (hidden from screen readers), coloured by the text."""
    svg = (ICONS / f"{name}.svg").read_text(encoding="utf-8").strip()
    return svg.replace(
        "<svg ", '<svg class="ktb-card__icon" aria-hidden="true" focusable="false" fill="currentColor" ', 1
    )


def _icon_for(answer: Answer) -> str:
    name = ICON_FOR.get(answer.next or answer.scenario or "", DEFAULT_ICON)
    return icon_svg(name if (ICONS / f"{name}.svg").is_file() else DEFAULT_ICON)


def _href(answer: Answer, link: Link, question_link: QuestionLink) -> str:
    return question_link(answer.next) if answer.next else link(answer.scenario or "", answer.timing)


def situation_cards(
    handbook: Handbook, link: Link, question_link: QuestionLink, chart_href: str, level: int = 2
) -> str:
    """The first question's answers as cards, then the guided questions (empty without a flowchart)."""
    flow = handbook.flowchart
    if flow is None:
        return ""
    question = flow.question(flow.start)
    items = "".join(
        f'<li><a class="ktb-card" href="{escape(_href(a, link, question_link))}">'
        f'{_icon_for(a)}<span class="ktb-card__label">{escape(a.label)}</span></a></li>'
        for a in question.answers
    )
    return (
        f'<div class="ktb-compact ktb-home"><h{level} id="find-your-situation" class="ktb-compact__question">'
        f"{escape(question.text)}</h{level}>"
        f'<ul class="ktb-compact__answers ktb-cards">{items}</ul>'
        f'<p class="ktb-compact__more">{escape(handbook.say("not_sure"))} '
        f'<a href="{escape(chart_href)}">{escape(handbook.say("answer_questions"))}</a> '
        f"{escape(handbook.say('guide_takes_you'))}</p></div>"
    )
