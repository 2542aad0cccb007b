"""Translations of the flowchart (questions by id, answers in the English order), and the language's own wording check.

Split from macros/data/translations.py, which calls `flowchart` for each language edition.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from .model import Flowchart
from .problems import Problem, rel
from .translation_file import Found, keyed, unit_text
from .translation_units import flowchart_unit, unit_hash
from .yamlsource import Source, read


def _english_questions(root: Path, folder: Path, chart: Flowchart) -> dict[str, dict[str, Any]]:
    """The English questions as written, before a fork's switched-off answers are pruned: translations
    follow the file, answer for answer, whatever a fork switches off."""
    from . import local

    file = local.flowchart_file(root) or folder.parent / "_flowchart.yml"
    src, problems = read(file, file.name) if file.exists() else (None, [])
    items = src.data.get("questions") if src is not None and not problems and isinstance(src.data, dict) else None
    if not isinstance(items, list):
        return {
            q.id: {
                "text": q.text,
                "hint": q.hint,
                "answers": [
                    {"label": a.label, "next": a.next, "scenario": a.scenario, "timing": a.timing} for a in q.answers
                ],
            }
            for q in chart.questions
        }
    return {str(q["id"]): q for q in items if isinstance(q, dict) and "id" in q}


def _raw_unit(question: dict[str, Any]) -> dict[str, Any]:
    answers = [str(a.get("label")) for a in question.get("answers", []) if isinstance(a, dict)]
    return {"text": " ".join(str(question["text"]).split()), "hint": question.get("hint"), "answers": answers}


def _target(answer: dict[str, Any]) -> tuple[Any, Any, Any]:
    return answer.get("next"), answer.get("scenario"), answer.get("timing")


def flowchart(root: Path, folder: Path, chart: Flowchart, found: Found) -> Flowchart:
    file = folder / "_flowchart.yml"
    raw = _english_questions(root, folder, chart)
    done = keyed(root, file, "questions", [(qid, _raw_unit(q)) for qid, q in raw.items()], found, "question")
    src = found.sources.get(rel(root, file))
    positions = {}
    if src is not None:
        positions = {str(q.get("id")): n for n, q in enumerate(src.data.get("questions") or []) if isinstance(q, dict)}
    questions = []
    for q in chart.questions:
        if q.id not in done or src is None or q.id not in positions:
            questions.append(q)
            continue
        given = src.data["questions"][positions[q.id]].get("answers") or []
        original = raw[q.id].get("answers") or []
        if len(given) != len(original):
            found.errors.append(
                src.problem(
                    ("questions", positions[q.id], "answers"),
                    f"{len(given)} answers, the English has {len(original)}",
                    "translate each English answer, in the same order",
                )
            )
            questions.append(q)
            continue
        labels = {
            _target(english): str(mine.get("label") if isinstance(mine, dict) else mine)
            for english, mine in zip(original, given, strict=True)
            if isinstance(english, dict)
        }
        answers = tuple(replace(a, label=labels.get((a.next, a.scenario, a.timing), a.label)) for a in q.answers)
        text = " ".join(str(done[q.id]["text"]).split())
        questions.append(replace(q, text=text, hint=done[q.id]["hint"], answers=answers))
    title, description = chart.title, chart.description
    if src is not None and found.unit(
        src, (), unit_hash(flowchart_unit(chart)), "the flowchart's title and description"
    ):
        title = str(unit_text(src, ("title",), found, chart.title))
        description = " ".join(str(unit_text(src, ("description",), found, chart.description)).split())
    return replace(chart, title=title, description=description, questions=tuple(questions))


def invented_reasons(root: Path, base: Path, sources: dict[str, Source]) -> list[Problem]:
    """The language's own `_wording.yml`: no translated message may claim a reason the reader may not have."""
    from . import schema, wording

    file = base / wording.WORDING_FILE
    if not file.exists():
        return []
    src, problems = read(file, rel(root, file))
    if src is None or problems:
        return problems
    problems = schema.check(src, root / "scenarios" / schema.SCHEMA_DIR, wording.SCHEMA_NAME)
    if problems:
        return problems
    patterns, problems = wording.reason_patterns(src)
    for path, scenario in sorted(sources.items()):
        if isinstance(scenario.data.get("templates"), list) and not path.endswith("/_flowchart.yml"):
            problems += wording.reason_problems(scenario, patterns)
    return problems
