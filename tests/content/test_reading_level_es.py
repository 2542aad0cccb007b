"""Reading level of the Spanish edition: Fernández-Huerta ≥ 70 ("bastante fácil") for each scenario and page.

textstat's Spanish syllable counter (`textstat.set_lang("es")`). A scenario is measured on its advice
and messages as translated (scenarios/es/<id>.yml); a page on its prose (docs/es/**.md) without front
matter, macro calls, heading ids and link targets. Reproduce: this file prints every score with -s.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.data import i18n
from tests.support.handbook import changed, own
from tests.support.project import ROOT

MIN_EASE = 70.0
DOCS = sorted((ROOT / "docs" / "es").rglob("*.md"))


def fernandez_huerta(text: str) -> float:
    textstat = pytest.importorskip("textstat")
    textstat.set_lang("es")
    try:
        return float(textstat.fernandez_huerta(text))
    finally:
        textstat.set_lang("en_US")


def page_prose(markdown: str) -> str:
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{ *#[^}]*\}|\{:[^}]*\}", " ", text, flags=re.S)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"<[^>]+>|[#>*_`|\[\]]", " ", text)
    return text


def test_every_spanish_scenario_is_fairly_easy() -> None:
    handbook, found, problems = i18n.handbook_in(ROOT, "es")
    assert handbook is not None and found is not None, problems
    # Every scenario we ship is translated; what a fork adds or rewords may stand in English
    # (translation_fallback: english) until it translates it.
    ours = sorted(set(found.untranslated) - own() - changed())
    assert not ours, f"not translated yet: {ours}"
    scores = {}
    for s in handbook.scenarios:
        if s.id in found.untranslated:
            continue  # English text: tests/content/test_content.py measures its reading grade
        g = s.guidance
        parts = [s.summary, *s.signals, g.should_you_go, g.what_to_say, g.timing, *s.do, *s.dont]
        parts += [t.body for t in s.templates]
        scores[s.id] = fernandez_huerta("\n".join(parts))
    print("\nFernández-Huerta, scenarios: " + ", ".join(f"{k} {v:.0f}" for k, v in scores.items()))
    hard = {k: round(v, 1) for k, v in scores.items() if v < MIN_EASE}
    assert not hard, f"below {MIN_EASE} (fairly easy): {hard}; shorter sentences and words help"


@pytest.mark.parametrize("page", DOCS, ids=[p.relative_to(ROOT / "docs" / "es").as_posix() for p in DOCS])
def test_every_spanish_page_is_fairly_easy(page: Path) -> None:
    score = fernandez_huerta(page_prose(page.read_text(encoding="utf-8")))
    print(f"\nFernández-Huerta, docs/es/{page.relative_to(ROOT / 'docs' / 'es').as_posix()}: {score:.1f}")
    assert score >= MIN_EASE, f"{page.relative_to(ROOT)}: {score:.1f} is below {MIN_EASE}"
