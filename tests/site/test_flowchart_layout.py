"""Flowchart layout, checked on the SVG itself: no two boxes overlap and no text leaves its box, for any valid tree."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.data.loader import load
from macros.data.model import Answer, Flowchart, Guidance, Handbook, Question, Scenario, Template
from macros.site.flowchart_layout import INDENT, MIN_BOX, layout
from macros.site.flowchart_svg import render_svg
from macros.site.textwidth import text_width
from tests.support.project import ROOT

SVG = "{http://www.w3.org/2000/svg}"
MAX_NODES = 40
DESCENT = 0.24  # of the font size: how far letters like g and y reach below the baseline
ASCENT = 0.93


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    what: str

    def overlaps(self, other: Box) -> bool:
        return (
            self.x < other.x + other.w
            and other.x < self.x + self.w
            and self.y < other.y + other.h
            and other.y < self.y + self.h
        )

    def holds(self, other: Box) -> bool:
        return (
            self.x <= other.x
            and other.x + other.w <= self.x + self.w
            and self.y <= other.y
            and other.y + other.h <= self.y + self.h
        )


def text_boxes(text: ET.Element, what: str) -> list[Box]:
    """Where each line of a <text> is drawn, from its tspans and a generous width estimate."""
    size = float(text.get("font-size", "14"))
    bold = text.get("font-weight") == "bold"
    boxes = []
    for span in text.iter(f"{SVG}tspan"):
        x, baseline, line = float(span.get("x", 0)), float(span.get("y", 0)), span.text or ""
        boxes.append(
            Box(
                x,
                baseline - ASCENT * size,
                text_width(line, size, bold),
                (ASCENT + DESCENT) * size,
                f"{what}: {line!r}",
            )
        )
    return boxes


def geometry_problems(svg: str) -> list[str]:
    """Every overlap of two boxes, text outside its box, label over a box, or anything outside the drawing."""
    root = ET.fromstring(svg)
    _, _, width, height = (float(v) for v in root.get("viewBox", "").split())
    canvas = Box(0, 0, width, height, "drawing")
    rects: list[Box] = []
    labels: list[Box] = []
    problems: list[str] = []
    for number, node in enumerate(root.iter(f"{SVG}a")):
        rect = node.find(f"{SVG}rect")
        assert rect is not None, "every node is a box"
        x, y, w, h = (float(rect.get(k, 0)) for k in ("x", "y", "width", "height"))
        box = Box(x, y, w, h, f"box {number + 1}")
        rects.append(box)
        for text in node.iter(f"{SVG}text"):
            if "fc-answer" in (text.get("class") or ""):
                labels += text_boxes(text, f"label above box {number + 1}")
                continue
            for line in text_boxes(text, f"text in box {number + 1}"):
                if not box.holds(line):
                    problems.append(f"{line.what} overflows {box}")
    for index, box in enumerate(rects + labels):
        if not canvas.holds(box):
            problems.append(f"{box.what} is outside the drawing {canvas}")
        for other in (rects + labels)[index + 1 :]:
            if box.overlaps(other):
                problems.append(f"{box.what} overlaps {other.what}")
    return problems


# --- Random valid flowcharts ---------------------------------------------------------

WORDS = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'’—é?,"),
    min_size=1,
    max_size=28,
)


def phrase(max_size: int) -> st.SearchStrategy[str]:
    return st.lists(WORDS, min_size=1, max_size=12).map(" ".join).map(lambda s: s[:max_size].strip() or "x")


def scenario(sid: str, title: str) -> Scenario:
    template = Template(
        id=f"{sid}-t",
        scenario=sid,
        channel="email",
        audience="agency",
        timing="ahead",
        title="",
        subject="Hello",
        body="Hello",
    )
    return Scenario(
        id=sid,
        title=title,
        summary="s",
        category="c",
        keywords=(),
        signals=(),
        guidance=Guidance("a", "b", "c"),
        do=(),
        dont=(),
        related=(),
        templates=(template,),
        order=0,
        source=f"scenarios/{sid}.yml",
    )


@st.composite
def handbooks(draw: st.DrawFn) -> Handbook:
    """A valid chart: questions in a random tree, extra forward links (a DAG, no loops), scenario leaves."""
    total = draw(st.integers(min_value=3, max_value=MAX_NODES))
    questions = draw(st.integers(min_value=1, max_value=max(1, (total - 1) // 2)))
    parent = [0] + [draw(st.integers(min_value=0, max_value=i - 1)) for i in range(1, questions)]
    answers: list[list[Answer]] = [[] for _ in range(questions)]
    for child in range(1, questions):
        answers[parent[child]].append(Answer(draw(phrase(90)), f"q{child}", None, None))
    for q in range(questions - 1):
        if draw(st.booleans()) and q + 1 < questions:
            target = draw(st.integers(min_value=q + 1, max_value=questions - 1))
            if all(a.next != f"q{target}" for a in answers[q]):
                answers[q].append(Answer(draw(phrase(90)), f"q{target}", None, None))
    leaves = max(total - questions, 0)
    titles: dict[str, str] = {}
    for leaf in range(leaves):
        q = draw(st.integers(min_value=0, max_value=questions - 1))
        sid = f"s{leaf}"
        titles[sid] = draw(phrase(90))
        answers[q].append(Answer(draw(phrase(90)), None, sid, None))
    for q in range(questions):  # every question needs two answers
        while len(answers[q]) < 2:
            sid = f"s{len(titles)}"
            titles[sid] = draw(phrase(90))
            answers[q].append(Answer(draw(phrase(90)), None, sid, None))
    flow = Flowchart(
        title="Random chart",
        description="A random chart for a property test.",
        start="q0",
        questions=tuple(Question(f"q{i}", draw(phrase(120)), None, tuple(answers[i])) for i in range(questions)),
        source="scenarios/_flowchart.yml",
    )
    return Handbook(
        scenarios=tuple(scenario(s, t) for s, t in titles.items()), categories=(), fields=(), flowchart=flow
    )


def link(scenario_id: str, anchor: str | None) -> str:
    return f"situations/{scenario_id}.html" + (f"#{anchor}" if anchor else "")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(handbooks())
def test_any_valid_chart_lays_out_without_overlaps_or_overflow(handbook: Handbook) -> None:
    svg = render_svg(handbook, link)
    assert geometry_problems(svg) == []
    flow = handbook.flowchart
    assert flow is not None
    drawn = {a.get("href") for a in ET.fromstring(svg).iter(f"{SVG}a")}
    assert {link(s.id, None) for s in handbook.scenarios} <= drawn, "every scenario has a box"
    assert {f"#fc-q-{q.id}" for q in flow.questions} <= drawn, "every question has a box"


def test_shipped_chart_lays_out_without_overlaps_or_overflow() -> None:
    handbook, problems = load(ROOT)
    assert handbook is not None, problems
    assert geometry_problems(render_svg(handbook, link)) == []


def test_the_check_finds_an_overflow_and_an_overlap() -> None:
    """The geometric check itself: a label too long for its box and two boxes on top of each other."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">'
        '<a href="#a"><rect x="0" y="0" width="100" height="30"/><text font-size="14"><tspan x="5" y="20">'
        "A label far too long for this box</tspan></text></a>"
        '<a href="#b"><rect x="50" y="20" width="100" height="30"/><text font-size="14"><tspan x="55" y="40">'
        "ok</tspan></text></a></svg>"
    )
    problems = geometry_problems(svg)
    assert any("overflows" in p for p in problems)
    assert any("box 1 overlaps box 2" in p for p in problems)


def test_deep_chains_widen_the_drawing_instead_of_squeezing_boxes() -> None:
    questions = tuple(
        Question(
            f"q{i}",
            f"Question number {i}?",
            None,
            (
                Answer("Go on", f"q{i + 1}", None, None) if i < 19 else Answer("End", None, "s-end", None),
                Answer("Stop here", None, f"s{i}", None),
            ),
        )
        for i in range(20)
    )
    flow = Flowchart("Deep", "A deep chain of questions.", "q0", questions, "x")
    titles = {f"s{i}": f"Scenario {i}" for i in range(20)} | {"s-end": "The end"}
    plan = layout(flow, titles)
    assert plan.width >= 20 * INDENT + MIN_BOX
    assert min(n.box.w for n in plan.nodes) >= MIN_BOX
