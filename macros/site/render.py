"""Turn the model into pages as Markdown: each scenario page, the lists of situations, the template library."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html import escape

from ..data.model import AUDIENCES, TIMINGS, Handbook, Scenario
from .advice import recommend
from .message import fallback_notes, ordered, say, template_card
from .personaliser import details_panel, library_filters

SITUATIONS_DIR = "situations"


def scenario_src(scenario_id: str) -> str:
    """Where a scenario's generated page lives in the docs tree."""
    return f"{SITUATIONS_DIR}/{scenario_id}.md"


def relative(from_src: str, to_src: str) -> str:
    """A Markdown link target from one docs page to another (MkDocs resolves .md links)."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def md_text(text: str) -> str:
    """Plain text from the data, made safe to place in Markdown (no raw HTML gets through)."""
    return escape(" ".join(text.split()), quote=False)


def md_block(text: str) -> str:
    """Prose from the data: paragraphs kept, HTML escaped, Markdown emphasis allowed."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip())]
    return "\n\n".join(escape(p, quote=False) for p in paragraphs if p)


# --- Scenario page ------------------------------------------------------------


def _bullets(items: tuple[str, ...]) -> str:
    return "\n".join(f"- {md_text(item)}" for item in items)


def timing_tabs(scenario: Scenario, handbook: Handbook) -> str:
    """A scenario's messages in one tab per timing, as the raw HTML of a pymdownx.tabbed (alternate) set.

    Each tab's radio button carries the timing as its id (#ahead, #short-notice, ...), so links into the
    page keep working: personalise.js checks the radio a link targets, and the browser scrolls to it. No
    radio is checked in the HTML, so that personalise.css can show the targeted tab even without JavaScript.
    The set has no `data-tabs`: Material's script would measure it on every load (a whole-page layout at
    load time) for a sliding marker and scroll buttons that personalise.css replaces with plain CSS.
    """
    timings = scenario.timings()
    inputs = "".join(f'<input id="{t}" name="__tabbed_timing" type="radio">' for t in timings)
    labels = "".join(f'<label for="{t}">{_tab_label(t, handbook)}</label>' for t in timings)
    blocks = []
    for timing in timings:
        mine = [t for t in ordered(scenario.templates) if t.timing == timing]
        cards = "\n".join(template_card(t, handbook, level=3, situation=scenario.title, form=True) for t in mine)
        # The channel rule for this much time: it says when (the old hint) and how, in one line.
        hint = f'<p class="ktb-channel-rule" data-ktb-rule>{escape(handbook.say("channel_rule." + timing))}</p>'
        first = _first_attrs(scenario, timing, handbook)
        # No blank line inside: it would end the raw HTML block, so an empty part is left out.
        notes = fallback_notes(scenario.fallbacks, timing, handbook)
        inner = "\n".join(part for part in (hint, notes, cards) if part)
        blocks.append(f'<div class="tabbed-block" data-timing="{timing}"{first}>\n{inner}\n</div>')
    return (
        '<div class="tabbed-set tabbed-alternate ktb-timings">'
        f'{inputs}<div class="tabbed-labels">{labels}</div>\n'
        '<div class="tabbed-content">\n' + "\n".join(blocks) + "\n</div>\n</div>"
    )


# Tab labels short enough for four tabs on a 320 px phone (`timing_short.*` in macros/data/ui.py); the rest of
# the words are there for screen readers and wider screens (personalise.css shows them from 600 px).
def _tab_label(timing: str, handbook: Handbook) -> str:
    short, long = handbook.say(f"timing_short.{timing}"), handbook.say(f"timing.{timing}")
    if short == long:
        return escape(short)
    return (
        f'<span class="ktb-tab-short" aria-hidden="true">{escape(short)}</span>'
        f'<span class="ktb-tab-long">{escape(long)}</span>'
    )


def _first_attrs(scenario: Scenario, timing: str, handbook: Handbook) -> str:
    """Per audience, the ids of the messages the guide shows first, and a note when one is missing."""
    attrs = []
    for audience in AUDIENCES:
        pick = recommend(scenario, timing, audience, handbook.say)
        ids = " ".join(t.id for t in (pick.voice, pick.written) if t is not None)
        attrs.append(f' data-first-{audience}="{ids}"')
        if pick.fallback:
            attrs.append(f' data-note-{audience}="{escape(pick.fallback)}"')
    return "".join(attrs)


def in_short(scenario: Scenario, handbook: Handbook | None = None) -> str:
    """The answer first: the scenario's summary in the brand's colours, and a way straight to the messages."""
    return (
        '<div class="ktb-inshort" id="in-short" markdown>\n\n'
        f'<p class="ktb-inshort__label"><strong>{escape(say(handbook, "in_short"))}</strong></p>\n\n'
        f"{md_text(scenario.summary)}\n\n"
        '<p class="ktb-inshort__jump"><a class="ktb-jump" href="#messages">'
        f"{escape(say(handbook, 'jump_to_messages'))}</a></p>\n\n"
        "</div>"
    )


def scenario_page(handbook: Handbook, scenario: Scenario) -> str:
    """The whole Markdown page for one scenario, answer first."""
    here = scenario_src(scenario.id)
    say = handbook.say
    do, dont = md_text(say("do")), md_text(say("dont"))
    parts = [
        f"# {md_text(scenario.title)}",
        in_short(scenario, handbook),
        f"## {md_text(say('h.signals'))} {{ #signals }}\n\n{_bullets(scenario.signals)}",
        f"## {md_text(say('h.should_you_go'))} {{ #should-you-go }}\n\n{md_block(scenario.guidance.should_you_go)}",
        f"## {md_text(say('h.what_to_say'))} {{ #what-to-say }}\n\n{md_block(scenario.guidance.what_to_say)}",
        f"## {md_text(say('h.timing'))} {{ #timing }}\n\n{md_block(scenario.guidance.timing)}",
        f"## {md_text(say('h.do_and_dont'))} {{ #do-and-dont }}\n\n"
        f"**{do}**\n\n{_bullets(scenario.do)}\n\n**{dont}**\n\n{_bullets(scenario.dont)}",
        f"## {md_text(say('h.messages'))} {{ #messages }}\n\n{md_text(say('messages_intro'))}",
        timing_tabs(scenario, handbook),
    ]
    if scenario.related:
        links = "\n".join(
            f"- [{md_text(handbook.scenario(r).title)}]({relative(here, scenario_src(r))})" for r in scenario.related
        )
        parts.append(f"## {md_text(say('h.related'))} {{ #related }}\n\n{links}")
    return "\n\n".join(parts) + "\n"


# --- Lists for hand-written pages --------------------------------------------


def category_src(category_id: str) -> str:
    """Where a category's generated overview page lives (a folder index, so Material uses it as the section page)."""
    return f"{SITUATIONS_DIR}/{category_id}/index.md"


def situations_index(handbook: Handbook, here: str, level: int = 2, limit: int | None = None) -> str:
    """Every scenario, grouped by category, as Markdown lists of links.

    With `limit`, a category lists its first `limit` scenarios and links to its own page for the
    rest, so the page stays small however many scenarios a fork adds.
    """
    hashes = "#" * level
    parts: list[str] = []
    for category in handbook.categories:
        scenarios = handbook.in_category(category.id)
        if not scenarios:
            continue
        shown = scenarios if limit is None else scenarios[:limit]
        links = "\n".join(f"- [{md_text(s.title)}]({relative(here, scenario_src(s.id))})" for s in shown)
        if len(shown) < len(scenarios):
            links += (
                f"\n- [All {len(scenarios)} situations: {md_text(category.title).lower()}]"
                f"({relative(here, category_src(category.id))})"
            )
        parts.append(
            f"{hashes} {md_text(category.title)} {{ #{category.id} }}\n\n{md_text(category.summary)}\n\n{links}"
        )
    return "\n\n".join(parts) + "\n"


def category_page(handbook: Handbook, category_id: str) -> str:
    """A category's own page: each of its situations with its short answer."""
    category = next(c for c in handbook.categories if c.id == category_id)
    here = category_src(category_id)
    items = "\n\n".join(
        f"[{md_text(s.title)}]({relative(here, scenario_src(s.id))})\n:   {md_text(s.summary)}"
        for s in handbook.in_category(category_id)
    )
    return f"# {md_text(category.title)}\n\n{md_text(category.summary)}\n\n{items}\n"


def template_library(handbook: Handbook, here: str, scenarios: tuple[Scenario, ...] | None = None) -> str:
    """Every template (of `scenarios`, default all), grouped by scenario and then timing, contents first.

    Without JavaScript this is the whole page: sections and a contents list. With it, library.js
    shows the filter chips and hides what does not match; each section is a `<section>` (md_in_html)
    so that whole groups can be hidden while their headings stay real Markdown headings (TOC, search).
    """
    chosen = handbook.scenarios if scenarios is None else scenarios
    total = sum(len(s.templates) for s in chosen)
    contents = "\n".join(f"- [{md_text(s.title)}](#lib-{s.id}) ({len(s.templates)})" for s in chosen)
    parts = [
        md_text(handbook.say("library_intro", total=str(total), count=str(len(chosen)))),
        library_filters(handbook, tuple(t for s in chosen for t in s.templates)),
        details_panel(handbook, level=2),
        f"## {md_text(handbook.say('h.contents'))} {{ #contents }}\n\n{contents}",
    ]
    for scenario in chosen:
        section = [
            f'<section class="ktb-lib-scenario" data-scenario="{scenario.id}" markdown>',
            f"## {md_text(scenario.title)} {{ #lib-{scenario.id} }}",
            f"[{md_text(handbook.say('read_the_advice'))}]({relative(here, scenario_src(scenario.id))})",
        ]
        for timing in scenario.timings():
            cards = "\n\n".join(
                template_card(t, handbook, situation=scenario.title)
                for t in ordered(scenario.templates)
                if t.timing == timing
            )
            notes = fallback_notes(scenario.fallbacks, timing, handbook)
            section.append(
                f'<div class="ktb-lib-timing" data-timing="{timing}" markdown>\n\n'
                f"### {md_text(handbook.say('timing.' + timing))} "
                f"{{ #lib-{scenario.id}-{timing} data-search-exclude }}\n\n"
                + (f"{notes}\n\n" if notes else "")
                + f"{cards}\n\n</div>"
            )
        section.append("</section>")
        parts.append("\n\n".join(section))
    parts.append(f'<p class="ktb-lib-empty" data-ktb-empty hidden>{escape(handbook.say("library_empty"))}</p>')
    return "\n\n".join(parts) + "\n"


# --- A library too big for one page ---------------------------------------------

# Up to this many scenarios the library is one page with every message; beyond it, one page
# per category (in parts of LIBRARY_PART_SCENARIOS), so no page grows with the handbook.
LIBRARY_ONE_PAGE_SCENARIOS = 24
LIBRARY_PART_SCENARIOS = 3


@dataclass(frozen=True)
class LibraryPart:
    src: str
    title: str
    scenarios: tuple[Scenario, ...]
    category: str


# Every library page asks for the parts; work them out once per model (keyed by identity).
_PARTS: dict[int, tuple[Handbook, tuple[LibraryPart, ...]]] = {}


def library_parts(handbook: Handbook) -> tuple[LibraryPart, ...]:
    """The library's own pages when it is too big for one; empty when one page holds it all."""
    cached = _PARTS.get(id(handbook))
    if cached is not None and cached[0] is handbook:
        return cached[1]
    parts = _library_parts(handbook)
    _PARTS.clear()
    _PARTS[id(handbook)] = (handbook, parts)
    return parts


def _library_parts(handbook: Handbook) -> tuple[LibraryPart, ...]:
    if len(handbook.scenarios) <= LIBRARY_ONE_PAGE_SCENARIOS:
        return ()
    parts: list[LibraryPart] = []
    for category in handbook.categories:
        members = handbook.in_category(category.id)
        chunks = [members[i : i + LIBRARY_PART_SCENARIOS] for i in range(0, len(members), LIBRARY_PART_SCENARIOS)]
        for number, chunk in enumerate(chunks, start=1):
            suffix = "" if number == 1 else f"-{number}"
            title = category.title if len(chunks) == 1 else f"{category.title} ({number} of {len(chunks)})"
            parts.append(LibraryPart(f"library/{category.id}{suffix}.md", title, chunk, category.id))
    return tuple(parts)


def library_overview(handbook: Handbook, here: str, parts: tuple[LibraryPart, ...]) -> str:
    """The library's front page when it is split: per category, its message counts by timing and its pages."""
    header = "| Messages for | " + " | ".join(TIMINGS.values()) + " | Pages |"
    rule = "|---|" + "---:|" * len(TIMINGS) + "---|"
    rows = []
    for category in handbook.categories:
        own = [p for p in parts if p.category == category.id]
        if not own:
            continue
        members = handbook.in_category(category.id)
        counts = [sum(1 for s in members for t in s.templates if t.timing == timing) for timing in TIMINGS]
        pages = " ".join(f"[{n}]({relative(here, p.src)})" for n, p in enumerate(own, start=1))
        first = relative(here, own[0].src)
        rows.append(f"| [{md_text(category.title)}]({first}) | " + " | ".join(map(str, counts)) + f" | {pages} |")
    total = sum(len(s.templates) for s in handbook.scenarios)
    intro = (
        f"{total} messages for {len(handbook.scenarios)} situations, on {len(parts)} pages. "
        "Pick the group closest to your situation; each page has filters for timing, channel and audience."
    )
    return "\n\n".join([intro, "\n".join([header, rule, *rows])]) + "\n"


def library_part_page(handbook: Handbook, part: LibraryPart) -> str:
    return f"# Messages: {md_text(part.title)}\n\n" + template_library(handbook, part.src, part.scenarios)


def problems_notice(problems: list[str]) -> str:
    """Shown in place of generated content under `mkdocs serve` when the data has problems."""
    items = "\n".join(f"    - {escape(p, quote=False)}" for p in problems)
    title = f'!!! failure "The handbook data has {len(problems)} problem(s)"'
    return f"{title}\n\n    Fix these and save; the page reloads.\n\n{items}\n"
