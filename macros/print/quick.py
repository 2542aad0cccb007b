"""The two-page quick guide as JSON data: five rules, the chart, three short model messages, the brand's contact."""

from __future__ import annotations

from typing import Any

from ..model import Handbook, Template
from ..render import TALKING_POINT_CHANNELS
from .brand import PrintBrand
from .data import Edition, brand, flowchart, message

# Our own words: what every situation in the handbook comes down to.
RULES: tuple[tuple[str, str], ...] = (
    ("Give notice", "Tell them as soon as you know. A day's warning is worth more than a perfect message."),
    ("Pick the channel", "Two days or more: email. Under 48 hours: phone first, then a short email. Today: call."),
    ("One honest sentence", "Say what is happening in one true sentence. You do not owe them the whole story."),
    ("Say thank you", "Thank them for their time. It keeps the door open for the next role."),
    ("Never go silent", "Even late, even after a missed interview, a short message is better than none."),
)
TIMING_ORDER = ("ahead", "short-notice", "same-day", "missed")


def _length(template: Template) -> tuple[bool, int]:
    """Email and text first (what most people send), then the shortest."""
    return template.channel not in ("email", "text"), len(template.body) + len(template.subject or "")


def model_messages(handbook: Handbook, count: int = 3) -> list[Template]:
    """The shortest written message for each of the first `count` timings the handbook covers."""
    written = [t for t in handbook.templates() if t.channel not in TALKING_POINT_CHANNELS]
    chosen: list[Template] = []
    for timing in TIMING_ORDER:
        fitting = sorted((t for t in written if t.timing == timing), key=lambda t: (_length(t), t.id))
        if fitting and len(chosen) < count:
            chosen.append(fitting[0])
    spare = sorted((t for t in written if t not in chosen), key=lambda t: (_length(t), t.id))
    return chosen + spare[: count - len(chosen)]


def quick_guide_data(handbook: Handbook, print_brand: PrintBrand, edition: Edition) -> dict[str, Any]:
    """Everything `quick-guide.typ` lays out, as JSON-ready data."""
    return {
        "edition": edition.date,
        "language": edition.language,
        "brand": brand(print_brand, edition),
        "rules": [{"title": title, "text": text} for title, text in RULES],
        "flowchart": flowchart(handbook),
        "messages": [message(t, handbook) for t in model_messages(handbook)],
    }
