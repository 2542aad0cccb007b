"""The decision flowchart: check its data, lay it out, and draw it as inline SVG and as an HTML step list."""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from ..data.model import AUDIENCES, TIMINGS, Answer, Flowchart, Question
from ..data.problems import Problem
from ..data.yamlsource import Source

if TYPE_CHECKING:
    from ..data.model import Handbook

FLOWCHART_FILE = "_flowchart.yml"
SCHEMA_NAME = "flowchart.schema.json"
PAGE = "flowchart.md"  # the docs page that shows the whole chart and the step list
NO_FLOWCHART = "This handbook has no flowchart. [Browse every situation](situations/index.md) instead.\n"

# `link(scenario_id, anchor)` gives the href of a scenario page (anchor: a timing, or None).
Link = Callable[[str, "str | None"], str]
# `question_link(question_id)` gives the href of a question in the step list.
QuestionLink = Callable[[str], str]


# --- Loading and checking ----------------------------------------------------


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'? " if close else ""


@dataclass(frozen=True)
class _Scenarios:
    """What the flowchart needs to know about the scenario files that parsed."""

    valid: dict[str, Source]  # id -> source, for files with no problems
    known: frozenset[str]  # ids of every file that parsed, valid or not

    def timings(self, scenario_id: str) -> list[str]:
        present = {t["timing"] for t in self.valid[scenario_id].data["templates"]}
        return [t for t in TIMINGS if t in present]

    def opted_out(self, scenario_id: str) -> bool:
        return self.valid[scenario_id].data.get("flowchart", True) is False


def _check_answer(
    src: Source, where: tuple[str | int, ...], answer: dict[str, Any], question_ids: list[str], scenarios: _Scenarios
) -> list[Problem]:
    """One answer leads to exactly one place, and that place exists."""
    has_next, has_scenario = "next" in answer, "scenario" in answer
    if has_next == has_scenario:
        what = "this answer leads both to a question and to a scenario" if has_next else "this answer leads nowhere"
        return [src.problem(where, what, "give it either `next: QUESTION-ID` or `scenario: SCENARIO-ID`, not both")]
    if has_next:
        if "timing" in answer:
            return [
                src.problem(
                    (*where, "timing"),
                    "`timing` only applies to an answer that leads to a scenario",
                    "remove the `timing:` line",
                    key=True,
                )
            ]
        if answer["next"] not in question_ids:
            return [
                src.problem(
                    (*where, "next"),
                    f"question '{answer['next']}' does not exist",
                    f"{_suggest(answer['next'], question_ids)}use the id of a question in this file: "
                    + ", ".join(question_ids),
                )
            ]
        return []
    target = answer["scenario"]
    if target not in scenarios.known:
        known = sorted(scenarios.known)
        return [
            src.problem(
                (*where, "scenario"),
                f"scenario '{target}' does not exist",
                f"{_suggest(target, known)}use the id of a scenario file in scenarios/",
            )
        ]
    if target not in scenarios.valid:
        return []  # that file has its own problems; reported there
    problems: list[Problem] = []
    if scenarios.opted_out(target):
        problems.append(
            src.problem(
                (*where, "scenario"),
                f"scenario '{target}' says `flowchart: false`",
                f"remove `flowchart: false` from {scenarios.valid[target].path}, or remove this answer",
            )
        )
    timing = answer.get("timing")
    have = scenarios.timings(target)
    if timing is not None and timing not in have:
        problems.append(
            src.problem(
                (*where, "timing"),
                f"scenario '{target}' has no messages for timing '{timing}'",
                "use one of: " + ", ".join(have) + ", or remove the `timing:` line",
            )
        )
    return problems


def _check_labels(src: Source, index: int, answers: list[dict[str, Any]]) -> list[Problem]:
    seen: set[str] = set()
    problems: list[Problem] = []
    for number, answer in enumerate(answers):
        label = " ".join(answer["label"].split()).lower()
        if label in seen:
            problems.append(
                src.problem(
                    ("questions", index, "answers", number, "label"),
                    "two answers to this question have the same label",
                    "reword one so a reader can tell them apart",
                )
            )
        seen.add(label)
    return problems


def _edges(data: dict[str, Any]) -> dict[str, list[tuple[int, int, str]]]:
    """question id -> [(question index, answer index, next question id)]."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    for index, question in enumerate(data["questions"]):
        out.setdefault(question["id"], [])
        for number, answer in enumerate(question["answers"]):
            if "next" in answer and "scenario" not in answer:
                out[question["id"]].append((index, number, answer["next"]))
    return out


def _cycle_problems(src: Source, edges: dict[str, list[tuple[int, int, str]]]) -> list[Problem]:
    """Every answer that leads back to a question on its own path (depth-first, in file order)."""
    problems: list[Problem] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(qid: str) -> None:
        state[qid] = 1
        path.append(qid)
        for index, number, nxt in edges.get(qid, []):
            if state.get(nxt) == 1:
                loop = " → ".join([*path[path.index(nxt) :], nxt])
                problems.append(
                    src.problem(
                        ("questions", index, "answers", number, "next"),
                        f"this answer makes a loop: {loop}",
                        "point it to a later question or to a scenario; a reader must always reach an end",
                    )
                )
            elif nxt in edges and nxt not in state:
                visit(nxt)
        path.pop()
        state[qid] = 2

    for qid in edges:
        if qid not in state:
            visit(qid)
    return problems


def _reachable(start: str, edges: dict[str, list[tuple[int, int, str]]]) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        qid = todo.pop()
        if qid in seen or qid not in edges:
            continue
        seen.add(qid)
        todo.extend(nxt for _, _, nxt in edges[qid])
    return seen


def _reach_problems(src: Source, data: dict[str, Any], scenarios: _Scenarios) -> list[Problem]:
    """Questions nobody can get to, and scenarios no path leads to (unless they opt out)."""
    edges = _edges(data)
    reached = _reachable(data["start"], edges)
    problems: list[Problem] = []
    for index, question in enumerate(data["questions"]):
        if question["id"] not in reached:
            problems.append(
                src.problem(
                    ("questions", index, "id"),
                    f"no answer leads to question '{question['id']}'",
                    f"add `next: {question['id']}` to an answer, or remove this question",
                )
            )
    led_to = {a["scenario"] for q in data["questions"] if q["id"] in reached for a in q["answers"] if "scenario" in a}
    for sid, scenario_src in sorted(scenarios.valid.items()):
        if sid not in led_to and not scenarios.opted_out(sid):
            problems.append(
                scenario_src.problem(
                    ("id",),
                    f"no path in the flowchart leads to scenario '{sid}'",
                    f"add an answer with `scenario: {sid}` to scenarios/{FLOWCHART_FILE}, "
                    "or add `flowchart: false` to this file to leave it out on purpose",
                )
            )
    return problems


def build(src: Source, valid: list[Source], known_ids: set[str]) -> tuple[Flowchart | None, list[Problem]]:
    """Cross-check a schema-valid flowchart file against the scenarios; return the model or the problems."""
    data: dict[str, Any] = src.data
    by_id = {s.data["id"]: s for s in valid}
    scenarios = _Scenarios(valid=by_id, known=frozenset(known_ids | set(by_id)))
    problems: list[Problem] = []
    question_ids: list[str] = []
    for index, question in enumerate(data["questions"]):
        if question["id"] in question_ids:
            problems.append(
                src.problem(
                    ("questions", index, "id"),
                    f"question id '{question['id']}' is used twice",
                    "give each question its own id",
                )
            )
        question_ids.append(question["id"])
    if data["start"] not in question_ids:
        problems.append(
            src.problem(
                ("start",),
                f"start question '{data['start']}' does not exist",
                f"{_suggest(data['start'], question_ids)}use one of: " + ", ".join(question_ids),
            )
        )
    for index, question in enumerate(data["questions"]):
        problems += _check_labels(src, index, question["answers"])
        for number, answer in enumerate(question["answers"]):
            problems += _check_answer(src, ("questions", index, "answers", number), answer, question_ids, scenarios)
    if problems:
        return None, problems
    problems = _cycle_problems(src, _edges(data)) or _reach_problems(src, data, scenarios)
    if problems:
        return None, problems
    return _model(data, src.path), []


def _model(data: dict[str, Any], path: str) -> Flowchart:
    def words(text: str) -> str:
        return " ".join(text.split())

    questions = tuple(
        Question(
            id=q["id"],
            text=words(q["text"]),
            hint=words(q["hint"]) if "hint" in q else None,
            answers=tuple(
                Answer(label=words(a["label"]), next=a.get("next"), scenario=a.get("scenario"), timing=a.get("timing"))
                for a in q["answers"]
            ),
        )
        for q in data["questions"]
    )
    return Flowchart(
        title=words(data["title"]),
        description=words(data["description"]),
        start=data["start"],
        questions=questions,
        source=path,
    )


# --- Text measurement ----------------------------------------------------------
# Advance widths (1/1000 em): for each character the wider of DejaVu Sans (the widest common
# sans-serif) and the bundled Atkinson Hyperlegible Next the chart is drawn in, so text sized with
# them fits its box in the bundled font and in any fallback the browser picks.

_REGULAR = (
    318,
    401,
    460,
    838,
    636,
    950,
    780,
    275,
    390,
    390,
    500,
    838,
    318,
    362,
    318,
    387,
    648,
    636,
    636,
    636,
    636,
    636,
    636,
    636,
    636,
    636,
    337,
    337,
    838,
    838,
    838,
    531,
    1000,
    684,
    686,
    698,
    770,
    632,
    575,
    775,
    752,
    392,
    512,
    656,
    557,
    863,
    748,
    787,
    603,
    787,
    695,
    635,
    611,
    732,
    684,
    989,
    685,
    611,
    685,
    390,
    387,
    390,
    838,
    500,
    500,
    613,
    635,
    550,
    635,
    615,
    352,
    635,
    634,
    278,
    278,
    579,
    278,
    974,
    634,
    612,
    635,
    635,
    411,
    521,
    392,
    634,
    592,
    818,
    592,
    592,
    525,
    636,
    337,
    636,
    838,
)
_BOLD = (
    348,
    456,
    521,
    838,
    696,
    1002,
    872,
    306,
    457,
    457,
    523,
    838,
    380,
    415,
    380,
    440,
    696,
    696,
    696,
    696,
    696,
    696,
    696,
    696,
    696,
    696,
    400,
    400,
    838,
    838,
    838,
    580,
    1000,
    774,
    762,
    734,
    830,
    683,
    683,
    821,
    837,
    424,
    561,
    775,
    637,
    995,
    837,
    850,
    733,
    850,
    770,
    720,
    682,
    812,
    774,
    1103,
    771,
    724,
    725,
    457,
    440,
    457,
    838,
    500,
    500,
    675,
    716,
    593,
    716,
    678,
    435,
    716,
    712,
    343,
    343,
    665,
    343,
    1042,
    712,
    687,
    716,
    716,
    493,
    595,
    478,
    712,
    652,
    924,
    645,
    652,
    582,
    712,
    365,
    712,
    838,
)
_EXTRA = {"‘": 380, "’": 380, "“": 657, "”": 657, "–": 500, "—": 1000, "…": 1000}
_UNKNOWN = 1110  # any other character: at least as wide as the widest listed one


def text_width(text: str, size: float, bold: bool = False) -> float:
    """A generous estimate of the rendered width of `text` at font size `size` (px)."""
    table = _BOLD if bold else _REGULAR
    total = 0
    for char in text:
        code = ord(char)
        total += table[code - 32] if 32 <= code < 127 else _EXTRA.get(char, _UNKNOWN)
    return total * size / 1000


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap to `width` px; a word longer than a line is broken between characters."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size, bold) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:
            if line and text_width(line + char, size, bold) > width:
                lines.append(line)
                line = ""
            line += char
    if line:
        lines.append(line)
    return lines or [""]


# --- Layout --------------------------------------------------------------------
# An indented tree read top to bottom: each answer hangs under its question, its label
# just above the box it leads to. One column, so it reads at full size on a 360 px phone.

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


# --- SVG -------------------------------------------------------------------------


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _default_question_link(prefix: str) -> QuestionLink:
    return lambda qid: f"#{prefix}-q-{qid}"


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
    qlink = question_link or _default_question_link(prefix)
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


# --- HTML step list ----------------------------------------------------------------
# The text alternative of the chart, what works without JavaScript, and what guide.js enhances.


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
    qlink = question_link or _default_question_link(prefix)
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


def page_href(from_url: str, to_src: str, use_directory_urls: bool) -> str:
    """The relative href from a built page (its MkDocs url) to the page built from docs file `to_src`."""
    stem = to_src[: -len(".md")]
    if not use_directory_urls:
        target = f"{stem}.html"
    elif stem == "index" or stem.endswith("/index"):
        target = stem[: -len("index")]
    else:
        target = f"{stem}/"
    base = from_url.rstrip("/") if from_url.endswith("/") else posixpath.dirname(from_url)
    href = posixpath.relpath(target or ".", base or ".")
    if href == ".":
        return "./"
    return href + "/" if target == "" or target.endswith("/") else href


def page_link(from_url: str, use_directory_urls: bool, scenarios_dir: str = "situations") -> Link:
    """A `link` for a page of the built site at `from_url`: relative hrefs, as MkDocs writes them."""

    def link(scenario_id: str, anchor: str | None) -> str:
        href = page_href(from_url, f"{scenarios_dir}/{scenario_id}.md", use_directory_urls)
        return href + (f"#{anchor}" if anchor else "")

    return link


def links(handbook: Handbook) -> Iterator[tuple[str, str | None]]:
    """Every (scenario, timing) pair the chart and the step list link to."""
    flow = handbook.flowchart
    for question in flow.questions if flow else ():
        for answer in question.answers:
            if answer.scenario:
                yield answer.scenario, answer.timing
                for timing in () if answer.timing else handbook.scenario(answer.scenario).timings():
                    yield answer.scenario, timing
