"""The decision flowchart's data: check scenarios/_flowchart.yml against the scenarios and build the Flowchart model.

Every answer leads to one place that exists, no answer loops back, every question and every scenario
can be reached (a scenario may opt out with `flowchart: false`). Drawing it is the site's job
(macros/site/flowchart_layout.py, flowchart_svg.py, flowchart_steps.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import TIMINGS, Answer, Flowchart, Question
from .problems import Problem, suggest
from .yamlsource import Source

FLOWCHART_FILE = "_flowchart.yml"
SCHEMA_NAME = "flowchart.schema.json"


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
                    f"{suggest(answer['next'], question_ids)}use the id of a question in this file: "
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
                f"{suggest(target, known)}use the id of a scenario file in scenarios/",
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
                f"{suggest(data['start'], question_ids)}use one of: " + ", ".join(question_ids),
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
