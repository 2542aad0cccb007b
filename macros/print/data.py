"""The print model: the handbook and brand as plain JSON data for the Typst templates (never as markup)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..brand.model import Brand
from ..data.model import AUDIENCES, Handbook, Scenario, Template
from ..data.ui import ENGLISH
from ..site.flowchart_steps import numbering
from ..site.message import TALKING_POINT_CHANNELS, audience_phrase, message_paragraphs, ordered, template_heading
from ..site.personaliser import PLACEHOLDER, fields_in_use

Segments = list[str | dict[str, str]]

Say = Callable[..., str]  # Handbook.say: an interface word in the edition's language


@dataclass(frozen=True)
class Edition:
    """Facts of this printing that are not in the handbook: the date, the language, the address and its QR code."""

    date: str
    language: str = "en"
    qr_svg: str = ""  # an SVG QR code to the site, or empty when the brand has no site_url
    # This edition's published address: the brand's site_url, and its language's folder in another language
    # edition (https://jobs.example.org/es/). Empty: the brand's site_url as it is.
    site_url: str = ""


def label(scenario_id: str, part: str = "") -> str:
    """A scenario's (or its section's) label in the PDF: also its named destination, `scenario--ID`."""
    return f"scenario--{scenario_id}" + (f"--{part}" if part else "")


def segments(text: str, handbook: Handbook) -> Segments:
    """A line of a message as text pieces and blanks: `{"blank": "Recruiter's name"}`."""
    out: Segments = []
    last = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > last:
            out.append(text[last : match.start()])
        out.append({"blank": handbook.field(match.group(1)).label})
        last = match.end()
    if last < len(text):
        out.append(text[last:])
    return out


def paragraphs(text: str) -> list[str]:
    """Prose from the data as paragraphs of single-spaced text."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def _first_lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def message(template: Template, handbook: Handbook) -> dict[str, Any]:
    """One message: heading, what it is for, subject and body (talking points for calls)."""
    points = template.channel in TALKING_POINT_CHANNELS
    body = (
        [[segments(line.strip(), handbook)] for line in template.body.splitlines() if line.strip()]
        if points
        else [[segments(line, handbook) for line in p] for p in message_paragraphs(template)]
    )
    return {
        "id": template.id,
        "title": template_heading(template, handbook),
        "meta": " · ".join(
            handbook.say(key)
            for key in (f"channel.{template.channel}", f"audience.{template.audience}", f"timing.{template.timing}")
        ),
        "subject": segments(template.subject, handbook) if template.subject else None,
        "points": points,
        "body": body,
    }


def scenario(item: Scenario, handbook: Handbook) -> dict[str, Any]:
    """One situation, answer first, with its messages by timing and what to read next."""
    category = next((c.title for c in handbook.categories if c.id == item.category), "")
    timings = [
        {
            "label": label(item.id, timing),
            "name": handbook.say(f"timing.{timing}"),
            "hint": _first_lower(handbook.say(f"timing_hint.{timing}")),
            "messages": [message(t, handbook) for t in ordered(item.templates) if t.timing == timing],
            # Where an audience has no message in the channel this timing calls for: what to do instead.
            "fallbacks": [
                {"for": handbook.say("for_audiences", audiences=audience_phrase(f.audiences, handbook)), "text": f.text}
                for f in item.fallbacks
                if f.timing == timing
            ],
        }
        for timing in item.timings()
    ]
    return {
        "id": item.id,
        "label": label(item.id),
        "source": item.source,
        "category": category,
        "title": item.title,
        "summary": " ".join(item.summary.split()),
        "signals": list(item.signals),
        "should_you_go": paragraphs(item.guidance.should_you_go),
        "what_to_say": paragraphs(item.guidance.what_to_say),
        "timing": paragraphs(item.guidance.timing),
        "do": list(item.do),
        "dont": list(item.dont),
        "timings": timings,
        "related": [{"label": label(r), "title": handbook.scenario(r).title} for r in item.related],
    }


def flowchart(handbook: Handbook) -> dict[str, Any] | None:
    """The decision chart as numbered questions whose answers lead to a question or a situation."""
    flow = handbook.flowchart
    if flow is None:
        return None
    number = numbering(flow)
    questions = []
    for qid, n in number.items():
        question = flow.question(qid)
        answers = []
        for answer in question.answers:
            if answer.next:
                target = f"question--{answer.next}"
                answers.append({"label": answer.label, "next": number[answer.next], "next_label": target})
            else:
                sid = answer.scenario or ""
                target = label(sid, answer.timing or "")
                timing = f" ({handbook.say('timing.' + answer.timing).lower()})" if answer.timing else ""
                title = handbook.scenario(sid).title + timing
                answers.append({"label": answer.label, "scenario": title, "target": target, "page_of": label(sid)})
        hint = question.hint or ""
        questions.append({"n": n, "label": f"question--{qid}", "text": question.text, "hint": hint, "answers": answers})
    return {"title": flow.title, "description": " ".join(flow.description.split()), "questions": questions}


def brand(brand: Brand, edition: Edition, say: Say) -> dict[str, Any]:
    """The brand on the cover and the back page; where the handbook is online, and its QR code.

    The brand's own texts print as written; the words around them are the edition's (`say`)."""
    cta = brand.cta
    # This edition of the published site, else the brand's own website.
    website = edition.site_url or brand.site_url or brand.contact.website
    # A call to action that points at a page of the site (the message library) cannot be followed on
    # paper: the back page then gives the site's address, and a sentence of ours instead of the page's pitch.
    on_site = bool(cta.page) or not re.match(r"^(https?:|mailto:|tel:)", cta.url)
    target = website if on_site else cta.url
    text = say("pdf.paper_nudge") if on_site else cta.text
    return {
        "name": brand.name,
        "title": brand.title,
        "tagline": brand.tagline,
        "logo": str(brand.logo) if brand.logo.is_file() else "",  # Typst reads the logo itself
        "contact": [
            {"label": say(f"pdf.contact_{link.kind}"), "text": link.text, "url": link.href}
            for link in brand.contact.links()
        ],
        "cta": {
            "heading": cta.heading or say("pdf.more_help"),
            "text": text,
            "label": "" if on_site else (cta.label or say("pdf.visit")),
            "url": target,
            "shown": re.sub(r"^(mailto|tel):", "", target),
        },
        "footer": brand.footer,
        "website": website,
        "qr": edition.qr_svg,
        "accent": brand.colors.primary,  # always #rrggbb: the brand's colours are checked and normalised
        "paper": "us-letter" if brand.paper == "Letter" else "a4",
    }


def handbook_data(handbook: Handbook, print_brand: Brand, edition: Edition) -> dict[str, Any]:
    """Everything `handbook.typ` lays out, as JSON-ready data."""
    return {
        "edition": edition.date,
        "language": edition.language,
        "brand": brand(print_brand, edition, handbook.say),
        "counts": {"scenarios": len(handbook.scenarios), "messages": len(handbook.templates())},
        "categories": [
            {"title": c.title, "scenarios": [label(s.id) for s in handbook.in_category(c.id)]}
            for c in handbook.categories
            if handbook.in_category(c.id)
        ],
        "scenarios": [scenario(s, handbook) for s in handbook.scenarios],
        "flowchart": flowchart(handbook),
        "fields": [{"label": f.label, "hint": f.hint, "example": f.example} for f in fields_in_use(handbook)],
        "audiences": [handbook.say(f"audience.{a}") for a in AUDIENCES],
        # The fixed words of the templates in this edition's language (macros/data/ui.py, scenarios/<lang>/_ui.yml).
        "words": {key: handbook.say(key) for key in ENGLISH},
    }
