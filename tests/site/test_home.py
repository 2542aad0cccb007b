"""macros/site/home.py: the home page's situation cards, an inline icon each, no request to anyone."""

from __future__ import annotations

import re

from macros.data.loader import load_cached
from macros.data.model import Answer
from macros.site import home
from macros.site.flowchart_steps import render_compact
from tests.support.project import ROOT


def test_every_first_answer_is_a_card_with_a_decorative_local_icon() -> None:
    handbook, problems = load_cached(ROOT)
    assert handbook is not None and handbook.flowchart is not None, problems
    html = render_compact(handbook, lambda s, a: f"s/{s}", lambda q: f"fc#{q}", "fc", icon=home.icon_for)
    answers = handbook.flowchart.question(handbook.flowchart.start).answers
    cards = re.findall(
        r'<a class="ktb-card" href="[^"]+"><svg ([^>]*)>.*?</svg><span class="ktb-card__label">([^<]+)', html
    )
    assert [label for _, label in cards] == [a.label.replace("'", "&#x27;") for a in answers]
    for attrs, _ in cards:
        assert 'aria-hidden="true"' in attrs and 'fill="currentColor"' in attrs
    assert "http" not in html.replace('xmlns="http://www.w3.org/2000/svg"', ""), "no address to fetch"
    assert len({svg for svg, _ in re.findall(r"(<svg.*?</svg>)(<span)", html)}) == len(answers), "one icon each"


def test_an_answer_a_fork_adds_gets_the_default_icon() -> None:
    answer = Answer(label="Something new", next="a-question-nobody-mapped", scenario=None, timing=None)
    assert home.icon_for(answer) == home.icon_svg(home.DEFAULT_ICON)


def test_without_icons_the_compact_list_is_plain_links() -> None:
    handbook, _ = load_cached(ROOT)
    assert handbook is not None
    html = render_compact(handbook, lambda s, a: f"s/{s}", lambda q: f"fc#{q}", "fc")
    assert "<svg" not in html and "ktb-card" not in html
