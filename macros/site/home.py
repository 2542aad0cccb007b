"""The icons of the home page's situation cards (the flowchart's first question, flowchart_steps.render_compact).

The icons are Material Design Icons (Apache 2.0) kept in overrides/.icons/ktb/ and drawn inline,
so they take the text colour in light and dark and cost no request to anyone.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..data.model import Answer

ICONS = Path(__file__).resolve().parents[2] / "overrides" / ".icons" / "ktb"
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


def icon_for(answer: Answer) -> str:
    """The inline icon of a first-question answer on the home page's cards."""
    name = ICON_FOR.get(answer.next or answer.scenario or "", DEFAULT_ICON)
    return icon_svg(name if (ICONS / f"{name}.svg").is_file() else DEFAULT_ICON)
