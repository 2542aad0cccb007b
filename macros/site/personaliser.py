"""HTML for the parts of a page that only work with JavaScript: the "Your details" panel and the library filters.

Both are written into the page at build time from the data (so a new field in
`_fields.yml` or a new channel shows up by itself) but carry the `hidden`
attribute: without JavaScript they stay out of sight, so the page has no dead
controls. `personalise.js` and `library.js` reveal and run them. They are kept
out of the search index with Material's `data-search-exclude`.
"""

from __future__ import annotations

import re
from html import escape

from ..data.model import AUDIENCES, CHANNELS, TIMINGS, Field, Handbook, Template

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")

# Ids of the panel's own controls; the scripts look them up by these.
PANEL_ID = "your-details"
REMEMBER_ID = "ktb-remember"
# (attribute, the ui key of its legend, its values): labels are the ui words "<attribute>.<value>".
FILTER_GROUPS: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("timing", "filter.timing", TIMINGS),
    ("channel", "filter.channel", CHANNELS),
    ("audience", "filter.audience", AUDIENCES),
)


def input_id(field: Field) -> str:
    return f"ktb-field-{field.id}"


def _field_row(field: Field, handbook: Handbook) -> str:
    """One labelled text box; browsers may only suggest a value where the data says it fits (your own name)."""
    ident = input_id(field)
    hint = escape(f"{field.hint} {handbook.say('for_example', example=field.example)}")
    autocomplete = escape(field.autocomplete or "off")
    return (
        f'<div class="ktb-details__field">'
        f'<label for="{ident}">{escape(field.label)}</label>'
        f'<span class="ktb-details__hint" id="{ident}-hint">{hint}</span>'
        f'<input type="text" id="{ident}" name="{escape(field.id)}" data-field="{escape(field.id)}" '
        f'autocomplete="{autocomplete}" spellcheck="false" aria-describedby="{ident}-hint">'
        "</div>"
    )


def blanks(template: Template) -> list[str]:
    """The fields a message uses, in order of first use (its subject first)."""
    used: list[str] = []
    for text in (template.subject or "", template.body):
        for name in PLACEHOLDER.findall(text):
            if name not in used:
                used.append(name)
    return used


def fields_in_use(handbook: Handbook) -> tuple[Field, ...]:
    """The fields some message of this handbook uses, in the fields file's order.

    A fork that switches situations off can leave a field that no message uses: it is not asked for.
    """
    used = {name for template in handbook.templates() for name in blanks(template)}
    return tuple(f for f in handbook.fields if f.id in used)


def details_panel(handbook: Handbook, level: int = 3) -> str:
    """The "Your details" panel: one text box per field a message uses, remember and forget."""
    rows = "".join(_field_row(f, handbook) for f in fields_in_use(handbook))
    say = handbook.say
    return (
        # The heading has no id: Material's search makes a (blank) result of every heading with one,
        # even inside an excluded block. The section is named by aria-label instead.
        f'<section class="ktb-details" id="{PANEL_ID}" aria-label="{escape(say("your_details"))}" '
        "data-ktb-details hidden data-search-exclude>"
        f'<h{level} class="ktb-details__title">{escape(say("your_details"))}</h{level}>'
        f'<p class="ktb-details__intro">{escape(say("details_intro"))} {escape(say("details_privacy"))}</p>'
        f'<div class="ktb-details__fields">{rows}</div>'
        '<div class="ktb-details__storage">'
        '<div class="ktb-details__remember">'
        f'<input type="checkbox" id="{REMEMBER_ID}" data-ktb-remember aria-describedby="{REMEMBER_ID}-hint">'
        f'<label for="{REMEMBER_ID}">{escape(say("remember"))}</label>'
        f'<span class="ktb-details__hint" id="{REMEMBER_ID}-hint">{escape(say("remember_hint"))}</span>'
        "</div>"
        '<button type="button" class="ktb-button ktb-button--secondary" data-ktb-forget>'
        f"{escape(say('forget'))}</button>"
        "</div>"
        '<p class="ktb-details__status" role="status" data-ktb-details-status></p>'
        "</section>"
    )


def fill_form(template: Template, handbook: Handbook) -> str:
    """A message's own form: one box per blank it uses, in order of first use (written messages only).

    Hidden until personalise.js opens it: the blanks live at the message, not in a panel far above it.
    Values are shared with every other form and blank on the page.
    """
    if template.channel not in ("email", "text", "linkedin"):
        return ""
    rows = []
    for name in blanks(template):
        field = handbook.field(name)
        ident = f"ktb-{template.id}-{field.id}"
        autocomplete = escape(field.autocomplete or "off")
        rows.append(
            f'<div class="ktb-fill__field"><label for="{ident}">{escape(field.label)}</label>'
            f'<input type="text" id="{ident}" data-field="{escape(field.id)}" autocomplete="{autocomplete}" '
            f'spellcheck="false" enterkeyhint="next" '
            f'placeholder="{escape(handbook.say("eg", example=field.example))}"></div>'
        )
    if template.channel == "email":
        ident = f"ktb-{template.id}-to"
        rows.append(
            f'<div class="ktb-fill__field"><label for="{ident}">{escape(handbook.say("their_email"))}</label>'
            f'<input type="email" id="{ident}" data-recipient autocomplete="off" spellcheck="false" '
            'enterkeyhint="done" inputmode="email"></div>'
        )
    # A fieldset, not a div: Material's search matches the end of an excluded block by tag name, so
    # the first inner </div> would end the exclusion early and the labels would reach the index.
    return (
        f'<fieldset class="ktb-fill" data-ktb-fill hidden data-search-exclude>'
        f'<legend class="ktb-fill__legend">{escape(handbook.say("fill_in"))}</legend>'
        f'<p class="ktb-fill__intro">{escape(handbook.say("details_privacy"))}</p>'
        f'<div class="ktb-fill__fields">{"".join(rows)}</div>'
        f'<div class="ktb-fill__remember"><input type="checkbox" id="ktb-{template.id}-remember" data-ktb-remember>'
        f'<label for="ktb-{template.id}-remember">{escape(handbook.say("remember"))}</label></div></fieldset>'
    )


def _present(
    templates: tuple[Template, ...], attribute: str, labels: dict[str, str], handbook: Handbook
) -> list[tuple[str, str]]:
    """The values of one attribute that some template uses, in the model's order, with their words."""
    used = {getattr(t, attribute) for t in templates}
    return [(key, handbook.say(f"{attribute}.{key}")) for key in labels if key in used]


def library_filters(handbook: Handbook, templates: tuple[Template, ...] | None = None) -> str:
    """Filter chips for the library (of `templates`, default all): one group per attribute, a live count."""
    templates = handbook.templates() if templates is None else templates
    groups: list[str] = []
    for attribute, legend, labels in FILTER_GROUPS:
        chips = "".join(
            f'<label class="ktb-chip"><input type="checkbox" name="{attribute}" value="{escape(key)}">'
            f"<span>{escape(label)}</span></label>"
            for key, label in _present(templates, attribute, labels, handbook)
        )
        groups.append(
            f'<fieldset class="ktb-filters__group"><legend>{escape(handbook.say(legend))}</legend>'
            f'<div class="ktb-filters__chips">{chips}</div></fieldset>'
        )
    return (
        '<section class="ktb-filters" id="filters" aria-labelledby="filters-title" '
        "data-ktb-filters hidden data-search-exclude>"
        '<h2 class="ktb-filters__title" id="filters-title" data-search-exclude>'
        f"{escape(handbook.say('show_only'))}</h2>"
        f'<p class="ktb-details__hint">{escape(handbook.say("filters_hint"))}</p>'
        f"{''.join(groups)}"
        '<div class="ktb-filters__footer">'
        '<p class="ktb-filters__count" role="status" data-ktb-count>'
        f"{escape(handbook.say('showing_all', count=str(len(templates))))}</p>"
        '<button type="button" class="ktb-button ktb-button--secondary" data-ktb-clear>'
        f"{escape(handbook.say('clear_filters'))}</button>"
        "</div>"
        "</section>"
    )
