"""The two-page quick guide as JSON data: five rules, the chart, three short model messages, the brand's contact."""

from __future__ import annotations

from typing import Any

from ..brand.model import Brand
from ..data.model import Handbook, Template
from ..data.ui import ENGLISH
from ..site.message import TALKING_POINT_CHANNELS
from .data import Edition, brand, flowchart, message

# Our own words: what every situation in the handbook comes down to (ui keys "qg.rule1"… "qg.rule5"
# and their ".text"; English in macros/data/ui.py, another language in scenarios/<lang>/_ui.yml).
RULE_KEYS = tuple(f"qg.rule{n}" for n in range(1, 6))
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


def quick_guide_data(handbook: Handbook, print_brand: Brand, edition: Edition) -> dict[str, Any]:
    """Everything `quick-guide.typ` lays out, as JSON-ready data."""
    return {
        "edition": edition.date,
        "language": edition.language,
        "brand": brand(print_brand, edition, handbook.say),
        "rules": [{"title": handbook.say(key), "text": handbook.say(f"{key}.text")} for key in RULE_KEYS],
        "words": {key: handbook.say(key) for key in ENGLISH},
        "flowchart": flowchart(handbook),
        "messages": [message(t, handbook) for t in model_messages(handbook)],
    }
