"""The flowchart as HTML: the step list (its text alternative, what guide.js enhances) and the home page widget.

The step list works without JavaScript: each question is a section, each answer a link to the next
question or to a scenario page and its timings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from html import escape
from typing import TYPE_CHECKING

from ..data.model import AUDIENCES, Answer, Flowchart

if TYPE_CHECKING:
    from ..data.model import Handbook

PAGE = "flowchart.md"  # the docs page that shows the whole chart and the step list
NO_FLOWCHART = "This handbook has no flowchart. [Browse every situation](situations/index.md) instead.\n"

# `link(scenario_id, anchor)` gives the href of a scenario page (anchor: a timing, or None).
Link = Callable[[str, "str | None"], str]
# `question_link(question_id)` gives the href of a question in the step list.
QuestionLink = Callable[[str], str]


def step_link(prefix: str) -> QuestionLink:
    """Links to a question's section in the step list on the same page (`#PREFIX-q-ID`)."""
    return lambda qid: f"#{prefix}-q-{qid}"


def numbering(flow: Flowchart) -> dict[str, int]:
    """Questions numbered in reading order: depth first from the start, as the chart shows them."""
    order: dict[str, int] = {}

    def visit(qid: str) -> None:
        order[qid] = len(order) + 1
        for answer in flow.question(qid).answers:
            if answer.next and answer.next not in order:
                visit(answer.next)

    visit(flow.start)
    return order


def _audiences(handbook: Handbook, scenario_id: str, timing: str) -> str:
    present = {t.audience for t in handbook.scenario(scenario_id).templates if t.timing == timing}
    return " ".join(a for a in AUDIENCES if a in present)


def _timing_links(handbook: Handbook, scenario_id: str, link: Link, label_id: str) -> str:
    items = "".join(
        f'<li><a href="{escape(link(scenario_id, t))}" data-timing="{t}" '
        f'data-hint="{escape(handbook.say("timing_hint." + t))}" '
        f'data-audiences="{_audiences(handbook, scenario_id, t)}">{escape(handbook.say("timing." + t))}</a></li>'
        for t in handbook.scenario(scenario_id).timings()
    )
    return (
        f'<div class="ktb-answer__messages"><span id="{label_id}">{escape(handbook.say("messages_label"))}</span>'
        f'<ul class="ktb-answer__timings" aria-labelledby="{label_id}">{items}</ul></div>'
    )


def _answer_html(
    handbook: Handbook, answer: Answer, number: dict[str, int], link: Link, qlink: QuestionLink, key: str
) -> str:
    """One answer as a list item; `key` is unique on the page (prefix, question, answer number)."""
    flow = handbook.flowchart
    assert flow is not None
    if answer.next:
        return (
            f'<li class="ktb-answer" data-next="{answer.next}"><a href="{escape(qlink(answer.next))}">'
            f"{escape(answer.label)}</a> "
            '<span class="ktb-answer__to">'
            f"{escape(handbook.say('next_question', n=str(number[answer.next])))}</span></li>"
        )
    sid = answer.scenario or ""
    scenario = handbook.scenario(sid)
    timing = answer.timing
    attrs = f' data-timing="{timing}" data-audiences="{_audiences(handbook, sid, timing)}"' if timing else ""
    extra = "" if timing else _timing_links(handbook, sid, link, f"{key}-messages")
    return (
        f'<li class="ktb-answer" data-scenario="{sid}" data-title="{escape(scenario.title)}"{attrs}>'
        f'<a href="{escape(link(sid, timing))}">'
        f"{escape(answer.label)}</a> "
        f'<span class="ktb-answer__to">{escape(handbook.say("read_title", title=scenario.title))}</span>{extra}</li>'
    )


def render_steps(
    handbook: Handbook, link: Link, question_link: QuestionLink | None = None, prefix: str = "fc", level: int = 3
) -> str:
    """Every question with its answers as links, in reading order (empty if there is no flowchart).

    Answers that lead to a scenario also link to each timing section of its page. Questions are
    `<hN id="PREFIX-q-ID">` sections; `level` sets N.
    """
    flow = handbook.flowchart
    if flow is None:
        return ""
    qlink = question_link or step_link(prefix)
    number = numbering(flow)
    steps: list[str] = []
    for qid in number:
        question = flow.question(qid)
        hint = f'<p class="ktb-step__hint">{escape(question.hint)}</p>' if question.hint else ""
        answers = "".join(
            _answer_html(handbook, a, number, link, qlink, f"{prefix}-a-{qid}-{i + 1}")
            for i, a in enumerate(question.answers)
        )
        steps.append(
            f'<section class="ktb-step" id="{prefix}-q-{qid}" data-question="{qid}">'
            f'<h{level} class="ktb-step__question"><span class="ktb-step__number">'
            f"{escape(handbook.say('question_n', n=str(number[qid])))}</span> "
            f"{escape(question.text)}</h{level}>{hint}"
            f'<ul class="ktb-step__answers">{answers}</ul></section>'
        )
    return (
        f'<div class="ktb-steps" data-ktb-guide="" data-start="{prefix}-q-{flow.start}" data-prefix="{prefix}">'
        + "".join(steps)
        + "</div>"
    )


def render_compact(
    handbook: Handbook,
    link: Link,
    question_link: QuestionLink,
    chart_href: str,
    level: int = 2,
    icon: Callable[[Answer], str] | None = None,
) -> str:
    """The first question and its answers, for the home page (empty if there is no flowchart).

    With `icon` (an answer's inline SVG, macros/site/home.py), the answers are large cards with an icon each.
    """
    flow = handbook.flowchart
    if flow is None:
        return ""
    question = flow.question(flow.start)

    def item(answer: Answer) -> str:
        href = escape(question_link(answer.next) if answer.next else link(answer.scenario or "", answer.timing))
        if icon is None:
            return f'<li><a href="{href}">{escape(answer.label)}</a></li>'
        label = f'<span class="ktb-card__label">{escape(answer.label)}</span>'
        return f'<li><a class="ktb-card" href="{href}">{icon(answer)}{label}</a></li>'

    cards = " ktb-cards" if icon else ""
    return (
        f'<div class="ktb-compact{" ktb-home" if icon else ""}">'
        f'<h{level} id="find-your-situation" class="ktb-compact__question">{escape(question.text)}</h{level}>'
        f'<ul class="ktb-compact__answers{cards}">{"".join(item(a) for a in question.answers)}</ul>'
        f'<p class="ktb-compact__more">{escape(handbook.say("not_sure" if icon else "not_sure_short"))} '
        f'<a href="{escape(chart_href)}">{escape(handbook.say("answer_questions"))}</a> '
        f"{escape(handbook.say('guide_takes_you'))}</p></div>"
    )


def links(handbook: Handbook) -> Iterator[tuple[str, str | None]]:
    """Every (scenario, timing) pair the chart and the step list link to."""
    flow = handbook.flowchart
    for question in flow.questions if flow else ():
        for answer in question.answers:
            if answer.scenario:
                yield answer.scenario, answer.timing
                for timing in () if answer.timing else handbook.scenario(answer.scenario).timings():
                    yield answer.scenario, timing
