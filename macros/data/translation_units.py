"""The English units a translation is made of, and the short hash of each that `source:` records."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .model import Category, Field, Flowchart, Question, Scenario, Template
from .placeholders import PLACEHOLDER

HASH_LENGTH = 10


def unit_hash(value: Any) -> str:
    """The short hash of one English unit of text (what a translation's `source:` records)."""
    data = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:HASH_LENGTH]


# ---------------------------------------------------------------------------------------------------
# The English units: what each translated unit translates, and so what its hash is made from.


def scenario_unit(s: Scenario) -> dict[str, Any]:
    g = s.guidance
    guidance = {"should_you_go": g.should_you_go, "what_to_say": g.what_to_say, "timing": g.timing}
    return {"title": s.title, "summary": s.summary, "keywords": list(s.keywords), "signals": list(s.signals)} | {
        "guidance": guidance,
        "do": list(s.do),
        "dont": list(s.dont),
    }


def template_unit(t: Template) -> dict[str, Any]:
    return {"title": t.title, "subject": t.subject, "body": t.body}


def field_unit(f: Field) -> dict[str, Any]:
    return {"label": f.label, "example": f.example, "hint": f.hint}


def category_unit(c: Category) -> dict[str, Any]:
    return {"title": c.title, "summary": c.summary}


def question_unit(q: Question) -> dict[str, Any]:
    return {"text": q.text, "hint": q.hint, "answers": [a.label for a in q.answers]}


def flowchart_unit(f: Flowchart) -> dict[str, Any]:
    return {"title": f.title, "description": f.description}


def placeholders(text: str | None) -> set[str]:
    return set(PLACEHOLDER.findall(text or ""))
