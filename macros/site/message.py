"""One message as HTML and as plain text: its blanks, paragraphs, heading and card, and the notes beside it.

The scenario pages and the library (macros/site/render.py) show messages with these; the print
model (macros/print/data.py) takes the same paragraphs and headings, so paper says what the site says.
"""

from __future__ import annotations

import re
from html import escape

from ..data.model import TIMINGS, Fallback, Handbook, Template
from ..data.ui import english
from .personaliser import PLACEHOLDER, fill_form

CHANNEL_ORDER = ("phone", "voicemail", "email", "text", "linkedin")
TALKING_POINT_CHANNELS = ("phone", "voicemail")


def fill_html(text: str, handbook: Handbook) -> str:
    """Escape a template line and turn each {placeholder} into a labelled blank."""
    out: list[str] = []
    last = 0
    for match in PLACEHOLDER.finditer(text):
        out.append(escape(text[last : match.start()]))
        field = handbook.field(match.group(1))
        out.append(f'<span class="ktb-blank" data-field="{field.id}">[{escape(field.label)}]</span>')
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def fill_text(text: str, values: dict[str, str], handbook: Handbook) -> str:
    """The plain text of a message with known values filled and the rest as [Label]."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1)) or f"[{handbook.field(m.group(1)).label}]", text)


def message_paragraphs(template: Template) -> list[list[str]]:
    """A written message as paragraphs of lines, each line stripped: the one shape HTML and plain text share."""
    paragraphs = re.split(r"\n\s*\n", template.body.strip())
    return [[line.strip() for line in p.splitlines() if line.strip()] for p in paragraphs if p.strip()]


def plain_message(template: Template, values: dict[str, str], handbook: Handbook) -> str:
    """What Copy puts on the clipboard: the body alone, blanks filled or left as [Label].

    The subject has its own Copy button: it goes into the email's subject box, not its body.
    """
    return "\n\n".join("\n".join(fill_text(line, values, handbook) for line in p) for p in message_paragraphs(template))


def body_html(template: Template, handbook: Handbook) -> str:
    """Scripts become talking points; written messages keep their paragraphs and line breaks."""
    if template.channel in TALKING_POINT_CHANNELS:
        points = [line.strip() for line in template.body.splitlines() if line.strip()]
        items = "".join(f"<li>{fill_html(p, handbook)}</li>" for p in points)
        return (
            f'<p class="ktb-template__lead">{escape(handbook.say("talking_points"))}</p>'
            f'<ul class="ktb-template__points">{items}</ul>'
        )
    html = "".join(
        "<p>" + "<br>".join(fill_html(line, handbook) for line in p) + "</p>" for p in message_paragraphs(template)
    )
    return f'<div class="ktb-template__text">{html}</div>'


def template_heading(template: Template, handbook: Handbook | None = None) -> str:
    if template.title:
        return template.title
    say = handbook.say if handbook is not None else english
    key = f"heading.{template.channel}" if template.channel in ("phone", "voicemail") else "heading.other"
    channel = say(f"channel.{template.channel}")
    return say(key, channel=channel, audience=say(f"audience_phrase.{template.audience}"))


def template_card(
    template: Template, handbook: Handbook, level: int = 4, situation: str = "", form: bool = False
) -> str:
    """One message as an HTML block: heading (its anchor), what it is for, subject, body and its own blanks form.

    `situation` starts the heading, visually hidden, so a search result reads "Situation: email to ...".
    `form=True` adds the message's own blanks form (scenario pages); the library has its one "Your
    details" panel instead, and paper has blanks to fill by hand.
    """
    labels = (f"channel.{template.channel}", f"audience.{template.audience}", f"timing.{template.timing}")
    meta = " · ".join(escape(handbook.say(key)) for key in labels)
    subject = ""
    if template.subject:
        subject = (
            f'<p class="ktb-template__subject"><strong>{escape(handbook.say("subject"))}</strong> '
            f'<span data-part="subject">{fill_html(template.subject, handbook)}</span></p>'
        )
    # No blank line inside the block: Markdown must keep it as one raw HTML block.
    # The Copy / Open in email buttons are added by personalise.js, so a page without JS has no dead controls.
    return (
        f'<div class="ktb-template" data-template="{template.id}" data-channel="{template.channel}" '
        f'data-audience="{template.audience}" data-timing="{template.timing}">\n'
        f'<h{level} id="{template.id}" class="ktb-template__title">{_situation_prefix(situation)}'
        f"{escape(template_heading(template, handbook))}</h{level}>\n"
        f'<p class="ktb-template__meta">{meta}</p>\n'
        + (fill_form(template, handbook) if form else "")
        + (f"{subject}\n" if subject else "")
        + f'<div class="ktb-template__body" data-part="body">{body_html(template, handbook)}</div>\n'
        + "</div>"
    )


def say(handbook: Handbook | None, key: str, **values: str) -> str:
    """The handbook's words for `key`, or the English ones when there is no handbook."""
    return handbook.say(key, **values) if handbook is not None else english(key, **values)


def _situation_prefix(situation: str) -> str:
    return f'<span class="ktb-visually-hidden">{escape(situation)}: </span>' if situation else ""


def ordered(templates: tuple[Template, ...] | list[Template]) -> list[Template]:
    """Messages in reading order: by timing, then phone, voicemail, email, text, LinkedIn."""
    return sorted(templates, key=lambda t: (list(TIMINGS).index(t.timing), CHANNEL_ORDER.index(t.channel)))


def audience_phrase(audiences: tuple[str, ...], handbook: Handbook | None = None) -> str:
    """'an agency recruiter', or 'an in-house recruiter or the hiring manager'."""
    say = handbook.say if handbook is not None else english
    words = [say(f"audience_phrase.{a}") for a in audiences]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + say("or") + words[-1]


def fallback_notes(fallbacks: tuple[Fallback, ...], timing: str, handbook: Handbook | None = None) -> str:
    """What to do where a timing has no message in its channel for some audience: one short note each."""
    notes = "".join(
        f'<p class="ktb-fallback" data-timing="{timing}" data-audience="{" ".join(f.audiences)}">'
        f"<strong>{escape(say(handbook, 'for_audiences', audiences=audience_phrase(f.audiences, handbook)))}</strong>"
        f" {escape(f.text)}</p>"
        for f in fallbacks
        if f.timing == timing
    )
    return f'<div class="ktb-fallbacks">{notes}</div>' if notes else ""
