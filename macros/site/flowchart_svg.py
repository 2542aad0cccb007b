"""Draw the laid-out flowchart as one inline SVG in which every box is a link."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from .flowchart_layout import FONT, LABEL_FONT, LABEL_LINE, LINE, PAD_X, PAD_Y, Node, layout
from .flowchart_steps import Link, QuestionLink, step_link

if TYPE_CHECKING:
    from ..data.model import Flowchart, Handbook


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _text_lines(lines: tuple[str, ...], x: float, top: float, line: float, size: float, cls: str) -> str:
    spans = "".join(
        f'<tspan x="{_num(x)}" y="{_num(top + line * i + size)}">{escape(text)}</tspan>' for i, text in enumerate(lines)
    )
    return f'<text class="{cls}" font-size="{size}">{spans}</text>'


def _node_svg(node: Node, href: str) -> str:
    b = node.box
    label = ""
    if node.label is not None:
        label = _text_lines(node.label_lines, node.label.x, node.label.y - 1, LABEL_LINE, LABEL_FONT, "fc-answer")
    weight = ' font-weight="bold"' if node.bold else ""
    # Neutral fallbacks for paper and the PDF: on the site, flowchart.css paints with the brand's variables.
    fill, stroke, ink = {
        "question": ("#2b2b2b", "#2b2b2b", "#ffffff"),
        "scenario": ("#ffffff", "#2b2b2b", "#000000"),
        "goto": ("#ffffff", "#6b6b6b", "#000000"),
    }[node.kind]
    text = _text_lines(node.lines, b.x + PAD_X, b.y + PAD_Y - 1, LINE, FONT, "fc-text").replace(
        "<text ", f'<text fill="{ink}"{weight} ', 1
    )
    return (
        f'<a class="fc-node fc-node--{node.kind}" href="{escape(href)}">'
        f"{label}"
        f'<rect class="fc-box" x="{_num(b.x + 0.5)}" y="{_num(b.y + 0.5)}" width="{_num(b.w - 1)}" '
        f'height="{_num(b.h - 1)}" rx="6" fill="{fill}" stroke="{stroke}"/>'
        f"{text}</a>"
    )


def _describe(flow: Flowchart, handbook: Handbook) -> str:
    first = flow.question(flow.start)
    ends = len({a.scenario for q in flow.questions for a in q.answers if a.scenario})
    said = handbook.say(
        "chart_description", question=first.text, questions=str(len(flow.questions)), situations=str(ends)
    )
    return f"{flow.description} {said}"


def render_svg(handbook: Handbook, link: Link, question_link: QuestionLink | None = None, prefix: str = "fc") -> str:
    """The whole flowchart as one inline <svg>; every box is a link (empty if there is no flowchart).

    `link(scenario_id, timing_or_None)` makes a scenario href; `question_link(question_id)` a question's
    href (default: `#PREFIX-q-ID`, the question in the step list); `prefix` keeps ids unique per page.
    """
    flow = handbook.flowchart
    if flow is None:
        return ""
    qlink = question_link or step_link(prefix)
    titles = {s.id: s.title for s in handbook.scenarios}
    plan = layout(flow, titles, handbook.say("chart_go_to"))
    paths = "".join(f'<path d="M{_num(a[0])} {_num(a[1])} L{_num(b[0])} {_num(b[1])}"/>' for a, b in plan.trunks)
    paths += "".join(
        f'<path d="M{_num(a[0])} {_num(a[1])} L{_num(b[0])} {_num(b[1])}" marker-end="url(#{prefix}-arrow)"/>'
        for a, b in plan.arrows
    )
    nodes = "".join(
        _node_svg(n, link(n.scenario, n.timing) if n.kind == "scenario" and n.scenario else qlink(n.question or ""))
        for n in plan.nodes
    )
    w, h = _num(plan.width), _num(plan.height)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ktb-flowchart__svg" viewBox="0 0 {w} {h}" width="{w}" '
        f'height="{h}" font-family="Atkinson Hyperlegible Next, sans-serif" aria-labelledby="{prefix}-title" '
        f'aria-describedby="{prefix}-desc">'
        f'<title id="{prefix}-title">{escape(flow.title)}</title>'
        f'<desc id="{prefix}-desc">{escape(_describe(flow, handbook))}</desc>'
        f'<defs><marker id="{prefix}-arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" markerHeight="7" '
        f'orient="auto"><path class="fc-arrow" d="M0 0 L8 4 L0 8 z" fill="#6b6b6b"/></marker></defs>'
        f'<g class="fc-edges" fill="none" stroke="#6b6b6b" stroke-width="1.5">{paths}</g>'
        f"{nodes}</svg>"
    )
