"""The handbook model: plain frozen dataclasses that nothing downstream mutates."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .ui import ENGLISH, fill

CHANNELS: dict[str, str] = {
    "email": "Email",
    "phone": "Phone call",
    "voicemail": "Voicemail",
    "text": "Text message",
    "linkedin": "LinkedIn message",
}
AUDIENCES: dict[str, str] = {
    "agency": "Agency recruiter",
    "in-house": "In-house recruiter",
    "hiring-manager": "Hiring manager",
}
TIMINGS: dict[str, str] = {
    "ahead": "Well ahead",
    "short-notice": "Under 48 hours",
    "same-day": "Same day",
    "missed": "After a missed interview",
}
TIMING_HINTS: dict[str, str] = {
    "ahead": "two days or more before the interview",
    "short-notice": "less than 48 hours before",
    "same-day": "on the day of the interview",
    "missed": "after an interview you did not attend",
}

# The channel each timing calls for: under 48 hours (and after a no-show) a call, or a voicemail
# when no one answers, comes first; well ahead, a written message is enough.
RECOMMENDED_CHANNELS: dict[str, frozenset[str]] = {
    "ahead": frozenset({"email", "text", "linkedin"}),
    "short-notice": frozenset({"phone", "voicemail"}),
    "same-day": frozenset({"phone", "voicemail"}),
    "missed": frozenset({"phone", "voicemail"}),
}


@dataclass(frozen=True)
class Field:
    """A placeholder that templates may use, like {recruiter_name}."""

    id: str
    label: str
    example: str
    hint: str
    autocomplete: str | None = None


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    summary: str


@dataclass(frozen=True)
class Template:
    id: str
    scenario: str
    channel: str
    audience: str
    timing: str
    title: str
    subject: str | None
    body: str

    @property
    def channel_label(self) -> str:
        return CHANNELS[self.channel]

    @property
    def audience_label(self) -> str:
        return AUDIENCES[self.audience]

    @property
    def timing_label(self) -> str:
        return TIMINGS[self.timing]


@dataclass(frozen=True)
class Fallback:
    """What to do at a timing where some audiences have no message in the recommended channel."""

    timing: str
    audiences: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Guidance:
    should_you_go: str
    what_to_say: str
    timing: str


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    summary: str
    category: str
    keywords: tuple[str, ...]
    signals: tuple[str, ...]
    guidance: Guidance
    do: tuple[str, ...]
    dont: tuple[str, ...]
    related: tuple[str, ...]
    templates: tuple[Template, ...]
    order: int
    source: str
    fallbacks: tuple[Fallback, ...] = ()

    def audiences(self) -> tuple[str, ...]:
        """The audiences this scenario has messages for, in the handbook's audience order."""
        present = {t.audience for t in self.templates}
        return tuple(a for a in AUDIENCES if a in present)

    def recommended(self, timing: str, audience: str) -> tuple[Template, ...]:
        """This scenario's messages for `audience` at `timing` in the channel that timing calls for."""
        return tuple(
            t
            for t in self.templates
            if t.timing == timing and t.audience == audience and t.channel in RECOMMENDED_CHANNELS[timing]
        )

    def timings(self) -> tuple[str, ...]:
        """The timings this scenario has templates for, in the handbook's timing order."""
        present = {t.timing for t in self.templates}
        return tuple(t for t in TIMINGS if t in present)


@dataclass(frozen=True)
class Answer:
    """One labelled answer in the flowchart: it leads to another question or to a scenario."""

    label: str
    next: str | None  # a question id
    scenario: str | None  # a scenario id
    timing: str | None  # a timing section of that scenario's page


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    hint: str | None
    answers: tuple[Answer, ...]


@dataclass(frozen=True)
class Flowchart:
    """The decision flowchart from scenarios/_flowchart.yml: acyclic, every question reachable from `start`."""

    title: str
    description: str
    start: str
    questions: tuple[Question, ...]
    source: str

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)


@dataclass(frozen=True)
class Handbook:
    scenarios: tuple[Scenario, ...]
    categories: tuple[Category, ...]
    fields: tuple[Field, ...]
    flowchart: Flowchart | None = None  # None when the handbook has no scenarios/_flowchart.yml
    switched_off: frozenset[str] = frozenset()  # a fork's local/scenarios/_local.yml `switch_off`
    replaced_by: tuple[tuple[str, str], ...] = ()  # and its `replace`: (switched-off id, id in its place)
    invented_reasons: tuple[str, ...] = ()  # patterns from scenarios/_wording.yml that no message may match
    words: tuple[tuple[str, str], ...] = ()  # interface words of this edition's language over macros/data/ui.py ENGLISH

    def say(self, key: str, **values: str) -> str:
        """An interface word in this edition's language, with its {names} filled in."""
        text = self._words.get(key)
        if text is None:
            text = ENGLISH[key]
        return fill(text, values)

    @cached_property
    def _words(self) -> dict[str, str]:
        return dict(self.words)

    # Lookups by id, built once per model (cached_property writes past the frozen __setattr__).
    @cached_property
    def _scenario_index(self) -> dict[str, Scenario]:
        return {s.id: s for s in self.scenarios}

    @cached_property
    def _field_index(self) -> dict[str, Field]:
        return {f.id: f for f in self.fields}

    def scenario(self, scenario_id: str) -> Scenario:
        return self._scenario_index[scenario_id]

    def field(self, field_id: str) -> Field:
        return self._field_index[field_id]

    @cached_property
    def _category_index(self) -> dict[str, tuple[Scenario, ...]]:
        return {c.id: tuple(s for s in self.scenarios if s.category == c.id) for c in self.categories}

    @cached_property
    def _all_templates(self) -> tuple[Template, ...]:
        return tuple(t for s in self.scenarios for t in s.templates)

    def in_category(self, category_id: str) -> tuple[Scenario, ...]:
        return self._category_index.get(category_id, ())

    def templates(self) -> tuple[Template, ...]:
        return self._all_templates
