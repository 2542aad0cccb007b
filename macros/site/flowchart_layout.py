"""Lay the flowchart out: every box and answer label placed in one indented column, with its connecting lines.

An indented tree read top to bottom: each answer hangs under its question, its label just above the
box it leads to. One column, so it reads at full size on a 360 px phone.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.model import Answer, Flowchart
from .textwidth import wrap

MIN_WIDTH = 340
MIN_BOX = 180  # narrowest box, however deep the tree goes
INDENT = 24
PAD_X, PAD_Y = 10, 8
FONT, LINE = 14, 18  # box text
LABEL_FONT, LABEL_LINE = 13, 17  # answer labels
GAP = 12  # between one answer's box and the next answer's label
LABEL_GAP = 4  # between an answer label and its box


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    def overlaps(self, other: Rect) -> bool:
        return (
            self.x < other.x + other.w
            and other.x < self.x + self.w
            and self.y < other.y + other.h
            and other.y < self.y + self.h
        )


@dataclass(frozen=True)
class Node:
    """One box in the chart, and the answer label above it (none for the first question)."""

    key: str  # unique in the chart
    kind: str  # "question", "scenario" or "goto" (a question drawn elsewhere)
    question: str | None  # the question it shows or points to
    scenario: str | None
    timing: str | None
    box: Rect
    lines: tuple[str, ...]
    bold: bool
    label: Rect | None
    label_lines: tuple[str, ...]


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    nodes: tuple[Node, ...]
    trunks: tuple[tuple[tuple[float, float], tuple[float, float]], ...]  # one vertical line under each question
    arrows: tuple[tuple[tuple[float, float], tuple[float, float]], ...]  # from a trunk into each answer's box


def _depth(flow: Flowchart) -> int:
    """Levels of boxes on the longest path from the start (the data has no loops)."""
    memo: dict[str, int] = {}

    def depth(qid: str) -> int:
        if qid not in memo:
            memo[qid] = 1 + max((depth(a.next) for a in flow.question(qid).answers if a.next), default=1)
        return memo[qid]

    return depth(flow.start)


def layout(flow: Flowchart, titles: dict[str, str], go_to: str = "Go to: {question}") -> Layout:
    """Place every box: questions at their first appearance, later appearances as "go to" boxes."""
    width = max(MIN_WIDTH, _depth(flow) * INDENT + MIN_BOX)
    nodes: list[Node] = []
    trunks: list[tuple[tuple[float, float], tuple[float, float]]] = []
    arrows: list[tuple[tuple[float, float], tuple[float, float]]] = []
    placed: set[str] = set()

    def box(
        key: str,
        kind: str,
        depth: int,
        y: float,
        text: str,
        bold: bool,
        label: Rect | None,
        label_lines: tuple[str, ...],
        answer: Answer | None,
        qid: str | None,
    ) -> Node:
        x = depth * INDENT
        lines = tuple(wrap(text, width - x - 2 * PAD_X, FONT, bold))
        rect = Rect(x, y, width - x, len(lines) * LINE + 2 * PAD_Y)
        return Node(
            key,
            kind,
            qid,
            answer.scenario if answer else None,
            answer.timing if answer else None,
            rect,
            lines,
            bold,
            label,
            label_lines,
        )

    def place(qid: str, depth: int, y: float, label: Rect | None, label_lines: tuple[str, ...], key: str) -> float:
        question = flow.question(qid)
        placed.add(qid)
        node = box(key, "question", depth, y, question.text, True, label, label_lines, None, qid)
        nodes.append(node)
        trunk = node.box.x + INDENT / 2
        y = node.box.y + node.box.h
        for number, answer in enumerate(question.answers):
            y += GAP
            x = (depth + 1) * INDENT
            lines = tuple(wrap(answer.label, width - x, LABEL_FONT))
            label_rect = Rect(x, y, width - x, len(lines) * LABEL_LINE)
            y += label_rect.h + LABEL_GAP
            child_key = f"{key}-{number + 1}"
            if answer.next and answer.next not in placed:
                child_top = y
                y = place(answer.next, depth + 1, y, label_rect, lines, child_key)
                child = next(n for n in nodes if n.key == child_key)
            else:
                if answer.next:
                    text, kind = go_to.replace("{question}", flow.question(answer.next).text), "goto"
                else:
                    text, kind = titles[answer.scenario or ""], "scenario"
                child = box(child_key, kind, depth + 1, y, text, False, label_rect, lines, answer, answer.next)
                nodes.append(child)
                child_top = y
                y = child.box.y + child.box.h
            mid = child_top + min(child.box.h, 2 * PAD_Y + LINE) / 2
            arrows.append(((trunk, mid), (child.box.x, mid)))
        # Drawn once, not once per answer: overlapping translucent strokes would darken it.
        trunks.append(((trunk, node.box.y + node.box.h), arrows[-1][0]))
        return y

    height = place(flow.start, 0, 1, None, (), "n")
    return Layout(
        width=width + 1,
        height=height + 1,
        nodes=tuple(sorted(nodes, key=lambda n: n.box.y)),
        trunks=tuple(trunks),
        arrows=tuple(arrows),
    )
