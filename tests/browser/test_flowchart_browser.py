"""The flowchart in Chromium: the guide reaches the matching message; keyboard- and axe-clean; text fits its boxes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from macros.data.loader import load
from macros.data.model import AUDIENCES, TIMINGS, Handbook
from macros.site.advice import recommend
from tests.support.project import ROOT

pytestmark = pytest.mark.browser

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
GUIDE_AUDIENCES = {
    "agency": "An agency recruiter",
    "in-house": "A recruiter at the company",
    "hiring-manager": "The hiring manager",
}


@pytest.fixture(scope="module")
def handbook() -> Handbook:
    loaded, problems = load(ROOT)
    assert loaded is not None and loaded.flowchart is not None, problems
    return loaded


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        yield context.new_page()
    finally:
        context.close()


@dataclass(frozen=True)
class Route:
    questions: tuple[str, ...]  # question ids on the way, start first
    labels: tuple[str, ...]  # the answer clicked at each
    scenario: str
    timing: str
    audience: str


def route(handbook: Handbook, *, fixed_timing: bool) -> Route | None:
    """The first path (depth first) to a scenario whose last step offers two or more audiences."""
    flow = handbook.flowchart
    assert flow is not None

    def audiences(sid: str, timing: str) -> list[str]:
        present = {t.audience for t in handbook.scenario(sid).templates if t.timing == timing}
        return [a for a in AUDIENCES if a in present]

    def walk(qid: str, questions: tuple[str, ...], labels: tuple[str, ...]) -> Route | None:
        for answer in flow.question(qid).answers:
            if answer.next:
                found = walk(answer.next, (*questions, qid), (*labels, answer.label))
                if found:
                    return found
            elif answer.scenario and bool(answer.timing) == fixed_timing:
                sid = answer.scenario
                for timing in [answer.timing] if answer.timing else handbook.scenario(sid).timings():
                    if len(audiences(sid, timing)) >= 2:
                        last = audiences(sid, timing)[-1]
                        return Route((*questions, qid), (*labels, answer.label), sid, timing, last)
        return None

    return walk(flow.start, (), ())


def visible_step(page: Any) -> str:
    return page.locator(".ktb-steps > section.ktb-step:visible h3").inner_text()


def click_answer(page: Any, label: str) -> None:
    page.locator(".ktb-steps > section.ktb-step:visible").get_by_role("link", name=label, exact=True).click()


def test_guide_walks_to_the_matching_message(page: Any, site_url: str, handbook: Handbook) -> None:
    path = route(handbook, fixed_timing=False)
    assert path is not None, "no answer in the shipped chart leads to a choice of notice and audience"
    flow = handbook.flowchart
    assert flow is not None
    page.goto(site_url + "flowchart.html")
    assert page.locator(".ktb-steps > section.ktb-step:visible").count() == 1, "one question at a time"
    assert flow.question(flow.start).text in visible_step(page)
    assert not page.get_by_role("button", name="Back", exact=True).is_visible()

    for label in path.labels[:-1]:
        click_answer(page, label)
    if len(path.questions) > 1:
        here = path.questions[-1]
        page.wait_for_function("h => location.hash === h", arg=f"#fc-q-{here}")
        assert flow.question(here).text in visible_step(page)
        assert page.evaluate("document.activeElement.tagName") == "H3", "focus moves to the new question"
        page.get_by_role("button", name="Back", exact=True).click()
        page.wait_for_function("h => location.hash === h", arg=f"#fc-q-{path.questions[-2]}")
        click_answer(page, path.labels[len(path.questions) - 2])

    click_answer(page, path.labels[-1])
    page.wait_for_function("h => location.hash === h", arg=f"#fc-to-{path.scenario}")
    assert "How much notice is left?" in page.locator(".ktb-step--end h3").inner_text()
    offered = page.locator(".ktb-step--end .ktb-guide__options a").all_inner_texts()
    assert [o.split("\n")[0] for o in offered] == [TIMINGS[t] for t in handbook.scenario(path.scenario).timings()]

    page.locator(".ktb-step--end").get_by_role("link", name=TIMINGS[path.timing]).click()
    page.wait_for_function("h => location.hash === h", arg=f"#fc-to-{path.scenario}/{path.timing}")
    assert "Who are you dealing with?" in page.locator(".ktb-step--end h3").inner_text()

    page.locator(".ktb-step--end").get_by_role("link", name=GUIDE_AUDIENCES[path.audience], exact=True).click()
    page.wait_for_url(f"**/situations/{path.scenario}.html?audience={path.audience}&timing={path.timing}#in-short")
    # The landing: "What to do now" with the messages macros/site/advice.py picks, call script first.
    now = page.locator("#for-you")
    now.wait_for(state="visible")
    pick = recommend(handbook.scenario(path.scenario), path.timing, path.audience)
    shown = now.locator(".ktb-template").evaluate_all(
        "els => els.map(e => [e.dataset.template, e.classList.contains('ktb-template--match')])"
    )
    assert shown == [[t.id, True] for t in (pick.voice, pick.written) if t is not None]
    assert pick.rule in now.inner_text()
    top = now.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < 740, "the advice and the message are on screen"
    now.get_by_role("link", name="Every message for this timing").click()
    assert page.locator(f'.tabbed-block[data-timing="{path.timing}"]').is_visible()


def test_answer_with_a_fixed_timing_skips_the_notice_question(page: Any, site_url: str, handbook: Handbook) -> None:
    path = route(handbook, fixed_timing=True)
    if path is None:
        pytest.skip("no answer in the shipped chart names a timing with a choice of audience")
    page.goto(site_url + f"flowchart.html#fc-q-{path.questions[-1]}")
    click_answer(page, path.labels[-1])
    page.wait_for_function("h => location.hash === h", arg=f"#fc-to-{path.scenario}/{path.timing}")
    assert "Who are you dealing with?" in page.locator(".ktb-step--end h3").inner_text()
    page.get_by_role("button", name="Back", exact=True).click()
    page.wait_for_function("h => location.hash === h", arg=f"#fc-q-{path.questions[-1]}")


def test_a_shared_step_opens_there_and_start_again_returns(page: Any, site_url: str, handbook: Handbook) -> None:
    flow = handbook.flowchart
    assert flow is not None
    second = next(a.next for a in flow.question(flow.start).answers if a.next)
    assert second is not None
    page.goto(site_url + f"flowchart.html#fc-q-{second}")
    assert flow.question(second).text in visible_step(page)
    page.get_by_role("button", name="Start again", exact=True).click()
    page.wait_for_function("h => location.hash === h", arg=f"#fc-q-{flow.start}")
    assert flow.question(flow.start).text in visible_step(page)
    page.goto(site_url + "flowchart.html#fc-to-no-such-scenario")  # a bad address falls back to the start
    assert flow.question(flow.start).text in visible_step(page)


def test_without_javascript_every_question_is_listed(browser: Any, site_url: str, handbook: Handbook) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "flowchart.html")
        flow = handbook.flowchart
        assert flow is not None
        assert page.locator(".ktb-steps > section.ktb-step:visible").count() == len(flow.questions)
        assert page.locator(".ktb-guide__nav").count() == 0
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_flowchart_page_has_no_axe_violations(browser: Any, site_url: str, handbook: Handbook, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(site_url + "flowchart.html")
        page.wait_for_function(
            "s => document.body.getAttribute('data-md-color-scheme') === s",
            arg={"light": "default", "dark": "slate"}[scheme],
        )
        page.add_script_tag(path=str(AXE_JS))
        found = axe(page)
        path = route(handbook, fixed_timing=False)
        assert path is not None
        page.goto(site_url + f"flowchart.html#fc-to-{path.scenario}")  # the guide's own step
        page.add_script_tag(path=str(AXE_JS))
        found += axe(page)
        assert found == [], "\n".join(found)
    finally:
        context.close()


def axe(page: Any) -> list[str]:
    violations = page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations
             .map(v => v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))""",
        AXE_TAGS,
    )
    return list(violations)


def test_every_chart_node_is_reached_with_tab_and_shows_a_ring(page: Any, site_url: str) -> None:
    page.goto(site_url + "flowchart.html")
    total = page.locator(".ktb-flowchart svg a").count()
    assert total > 0
    seen: set[int] = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        state = page.evaluate("""() => {
            const a = document.activeElement, links = [...document.querySelectorAll('.ktb-flowchart svg a')];
            const i = links.indexOf(a);
            if (i < 0) return null;
            const s = getComputedStyle(a);
            return [i, s.outlineStyle, parseFloat(s.outlineWidth)];
        }""")
        if state is not None:
            index, style, width = state
            assert style == "solid" and width >= 2, f"chart node {index + 1} has no visible focus ring"
            seen.add(index)
            if len(seen) == total:
                break
    assert seen == set(range(total)), f"Tab never reached chart nodes {sorted(set(range(total)) - seen)}"


def test_chart_text_fits_its_boxes_in_the_real_font(page: Any, site_url: str) -> None:
    page.goto(site_url + "flowchart.html")
    problems = page.evaluate("""() => {
        const out = [], rects = [], labels = [];
        const inside = (a, b) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.width <= b.x + b.width + 0.5
                                  && a.y + a.height <= b.y + b.height + 0.5;
        const meets = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width
                                 && a.y < b.y + b.height && b.y < a.y + a.height;
        document.querySelectorAll('.ktb-flowchart svg a').forEach((a, i) => {
            const box = a.querySelector('rect').getBBox();
            rects.push(box);
            a.querySelectorAll('text.fc-text tspan').forEach(t => {
                const r = t.getExtentOfChar(0), w = t.getComputedTextLength();
                const line = {x: r.x, y: r.y, width: w, height: r.height};
                if (!inside(line, box)) out.push(`box ${i + 1}: "${t.textContent}" overflows`);
            });
            a.querySelectorAll('text.fc-answer').forEach(t => labels.push([i, t.getBBox()]));
        });
        labels.forEach(([i, l]) => rects.forEach((r, j) => {
            if (meets(l, r)) out.push(`label ${i + 1} covers box ${j + 1}`);
        }));
        return out;
    }""")
    assert problems == []


def test_chart_reads_at_full_size_on_a_phone(page: Any, site_url: str) -> None:
    page.goto(site_url + "flowchart.html")
    scale = page.evaluate("""() => { const svg = document.querySelector('.ktb-flowchart svg');
        return svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; }""")
    assert 14 * scale >= 12, f"box text is drawn at {14 * scale:.1f}px on a 360px phone"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "the page scrolls sideways"
