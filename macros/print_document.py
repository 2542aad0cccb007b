"""Build the print edition of the handbook as one HTML document, from the model, for WeasyPrint."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape
from typing import Any

import markdown

from . import render
from .brand import Contact
from .model import TIMING_HINTS, TIMINGS, Handbook, Scenario

DEFAULT_NAME = "Keep the Bridge"
DEFAULT_TAGLINE = "Cancel, decline or withdraw from an interview without burning the bridge."
PAPER_SIZES = {"a4": "A4", "letter": "Letter"}


# --- Brand facts (read from config.extra["brand"], with neutral defaults) ----


@dataclass(frozen=True)
class CallToAction:
    heading: str = ""
    text: str = ""
    label: str = ""
    url: str = ""


@dataclass(frozen=True)
class Brand:
    """What the print edition shows of the brand; every field has a neutral default."""

    name: str = DEFAULT_NAME
    title: str = DEFAULT_NAME
    tagline: str = DEFAULT_TAGLINE
    logo: str = ""  # a path under docs/
    contact: Contact = field(default_factory=Contact)
    cta: CallToAction = field(default_factory=CallToAction)
    footer: str = ""
    site_url: str = ""
    paper: str = "A4"
    accent: str = ""  # a CSS colour for rules and headings; empty keeps the print black and grey


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else ""


def paper_size(value: Any) -> str:
    """`A4` or `Letter` from a brand value, case-insensitive; anything else is A4."""
    return PAPER_SIZES.get(_text(value).lower(), "A4")


def _accent(data: Mapping[str, Any]) -> str:
    colours = data.get("colors") or data.get("colours") or {}
    value = _text(colours.get("primary")) if isinstance(colours, Mapping) else ""
    # Only a plain hex colour reaches the stylesheet: the brand file is data, not CSS.
    return value if re.fullmatch(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?", value) else ""


def brand_from(data: Mapping[str, Any] | None) -> Brand:
    """The brand as the print edition needs it, from `config.extra["brand"]` (absent keys keep defaults)."""
    data = data or {}
    contact: Mapping[str, Any] = data["contact"] if isinstance(data.get("contact"), Mapping) else {}
    cta: Mapping[str, Any] = data["cta"] if isinstance(data.get("cta"), Mapping) else {}
    name = _text(data.get("name")) or DEFAULT_NAME
    return Brand(
        name=name,
        title=_text(data.get("title")) or name,
        tagline=_text(data.get("tagline")) or (DEFAULT_TAGLINE if name == DEFAULT_NAME else ""),
        logo=_text(data.get("logo")),
        contact=Contact(**{k: _text(contact.get(k)) for k in ("phone", "email", "website", "address")}),
        cta=CallToAction(**{k: _text(cta.get(k)) for k in ("heading", "text", "label", "url")}),
        footer=_text(data.get("footer")),
        site_url=_text(data.get("site_url")),
        paper=paper_size(data.get("paper")),
        accent=_accent(data),
    )


# --- Small pieces -------------------------------------------------------------


@dataclass(frozen=True)
class Extras:
    """Optional parts made elsewhere: the logo's URL and the flowchart drawing with its steps."""

    logo_src: str = ""
    flowchart_svg: str = ""
    flowchart_steps: str = ""


def anchor(scenario_id: str, part: str = "") -> str:
    """The id of a scenario (or one of its sections) in the print document; never clashes with a template id."""
    return f"scenario--{scenario_id}" + (f"--{part}" if part else "")


def _inline(text: str) -> str:
    """One line of data text as HTML: escaped, with Markdown emphasis, no paragraph."""
    html = markdown.markdown(render.md_text(text))
    return re.sub(r"^<p>(.*)</p>$", r"\1", html, flags=re.S)


def _prose(text: str) -> str:
    return markdown.markdown(render.md_block(text))


def _bullets(items: tuple[str, ...], css: str = "") -> str:
    klass = f' class="{css}"' if css else ""
    return f"<ul{klass}>" + "".join(f"<li>{_inline(item)}</li>" for item in items) + "</ul>"


def _page_ref(target: str) -> str:
    """A cross-reference that the stylesheet completes with the target's page number."""
    return f'<a class="page-ref" href="#{target}">page</a>'


def _link(href: str, text: str) -> str:
    return f'<a href="{escape(href)}">{escape(text)}</a>'


# --- Cover, contents, front matter -----------------------------------------


def _contact_lines(contact: Contact) -> list[str]:
    lines = []
    if contact.phone:
        lines.append(f"<li>Phone: {_link('tel:' + re.sub(r'[^0-9+]', '', contact.phone), contact.phone)}</li>")
    if contact.email:
        lines.append(f"<li>Email: {_link('mailto:' + contact.email, contact.email)}</li>")
    if contact.website:
        lines.append(f"<li>Website: {_link(contact.website, contact.website)}</li>")
    if contact.address:
        lines.append(f"<li>{escape(contact.address)}</li>")
    return lines


def cover(brand: Brand, edition: str, logo_src: str, handbook: Handbook) -> str:
    """The first page: logo, title, tagline, edition, contact and website."""
    logo = f'<img class="cover__logo" src="{escape(logo_src)}" alt="{escape(brand.name)} logo">' if logo_src else ""
    kicker = f'<p class="cover__brand">{escape(brand.name)}</p>' if brand.title != brand.name else ""
    tagline = f'<p class="cover__tagline">{escape(brand.tagline)}</p>' if brand.tagline else ""
    website = brand.site_url or brand.contact.website
    online = f'<p class="cover__online">Read it online: {_link(website, website)}</p>' if website else ""
    contact = _contact_lines(brand.contact)
    contact_block = f'<ul class="cover__contact">{"".join(contact)}</ul>' if contact else ""
    return (
        f'<section class="cover" id="cover" data-brand="{escape(brand.name)}">'
        f"{logo}{kicker}"
        f'<h1 class="cover__title">{escape(brand.title)}</h1>'
        f"{tagline}"
        f'<p class="cover__inside">{len(handbook.scenarios)} situations and {len(handbook.templates())} '
        "ready-made messages, each with blanks to fill in by hand.</p>"
        f'<div class="cover__foot"><p class="cover__edition">Edition of {escape(edition)}</p>'
        f"{online}{contact_block}</div>"
        "</section>"
    )


def contents(handbook: Handbook, has_flowchart: bool, help_title: str = "More help") -> str:
    """The table of contents: every part and every scenario, by category, with page numbers."""

    def entry(target: str, text: str) -> str:
        return f'<li><a class="toc__link" href="#{target}">{escape(text)}</a></li>'

    front = [entry("how-to-use", "How to use this handbook")]
    if has_flowchart:
        front.append(entry("find-your-situation", "Find your situation"))
    groups = []
    for category in handbook.categories:
        members = handbook.in_category(category.id)
        if members:
            items = "".join(entry(anchor(s.id), s.title) for s in members)
            groups.append(
                f'<li class="toc__group"><span class="toc__category">{escape(category.title)}</span>'
                f'<ul class="toc__scenarios">{items}</ul></li>'
            )
    back = [entry("your-details", "Your details, written once"), entry("more-help", help_title)]
    return (
        '<section class="contents" id="contents"><h2>Contents</h2>'
        f'<ul class="toc">{"".join(front)}{"".join(groups)}{"".join(back)}</ul></section>'
    )


def how_to_use(handbook: Handbook, has_flowchart: bool) -> str:
    """A short introduction to the paper edition (our own words)."""
    find = (
        "Use the chart in “Find your situation”, or the contents, to find the page closest to yours."
        if has_flowchart
        else "Use the contents to find the page closest to yours."
    )
    return (
        '<section class="intro" id="how-to-use"><h2>How to use this handbook</h2>'
        "<p>You can cancel, decline or withdraw and still keep a good name with the recruiter. "
        "Be quick, be honest in one sentence, and thank them.</p>"
        "<ol>"
        f"<li><strong>Find your situation.</strong> {escape(find)} Each one starts on a new page "
        "with the short answer.</li>"
        "<li><strong>Pick a message</strong> that fits how much time is left: days, hours, or none.</li>"
        "<li><strong>Fill in the blanks.</strong> Each line with a label under it is a blank: write the "
        "name, company or date it asks for. Write your own details once on the last pages.</li>"
        "<li><strong>Send it today.</strong> The sooner you tell them, the easier it is for everyone.</li>"
        "</ol>"
        f"<p>This edition has {len(handbook.scenarios)} situations and "
        f"{len(handbook.templates())} ready-made messages.</p>"
        "</section>"
    )


def flowchart_section(extras: Extras) -> str:
    """The decision chart as vector art, followed by its steps as text (the accessible version)."""
    if not extras.flowchart_svg and not extras.flowchart_steps:
        return ""
    figure = f'<figure class="flowchart__figure">{extras.flowchart_svg}</figure>' if extras.flowchart_svg else ""
    steps = (
        f'<div class="flowchart__steps"><h3>The same questions, step by step</h3>{extras.flowchart_steps}</div>'
        if extras.flowchart_steps
        else ""
    )
    return (
        '<section class="flowchart" id="find-your-situation"><h2>Find your situation</h2>'
        "<p>Start at the top and follow the answer that fits. Each ending names a situation; "
        "its page number is in the contents.</p>"
        f"{figure}{steps}</section>"
    )


# --- One scenario ---------------------------------------------------------------


def _messages(scenario: Scenario, handbook: Handbook) -> str:
    parts = [
        f'<section class="messages" id="{anchor(scenario.id, "messages")}"><h3>Messages you can send</h3>',
        "<p>Pick the one that matches how much time is left. "
        "Each line with a label under it is a blank to fill in.</p>",
    ]
    for timing in scenario.timings():
        cards = "".join(
            render.template_card(t, handbook, level=5)
            for t in render._ordered(scenario.templates)
            if t.timing == timing
        )
        parts.append(
            f'<section class="timing" id="{anchor(scenario.id, timing)}">'
            f'<h4>{escape(TIMINGS[timing])} <span class="timing__hint">({escape(TIMING_HINTS[timing])})</span></h4>'
            f"{render.fallback_notes(scenario.fallbacks, timing)}{cards}</section>"
        )
    parts.append("</section>")
    return "".join(parts)


def _related(scenario: Scenario, handbook: Handbook) -> str:
    if not scenario.related:
        return ""
    items = "".join(
        f'<li><a href="#{anchor(r)}">{escape(handbook.scenario(r).title)}</a>, {_page_ref(anchor(r))}</li>'
        for r in scenario.related
    )
    return f'<section class="related"><h3>Read next</h3><ul>{items}</ul></section>'


def scenario_section(scenario: Scenario, handbook: Handbook) -> str:
    """One situation, answer first, starting on a new page."""
    category = next((c.title for c in handbook.categories if c.id == scenario.category), "")
    sid = scenario.id
    return (
        f'<article class="scenario" id="{anchor(sid)}">'
        f'<p class="scenario__category">{escape(category)}</p>'
        f'<h2 class="scenario__title">{escape(scenario.title)}</h2>'
        f'<div class="tldr"><p class="tldr__label">In short</p><p>{_inline(scenario.summary)}</p></div>'
        f'<h3 id="{anchor(sid, "signals")}">Is this you?</h3>{_bullets(scenario.signals)}'
        f'<h3 id="{anchor(sid, "should-you-go")}">Should you still go?</h3>{_prose(scenario.guidance.should_you_go)}'
        f'<h3 id="{anchor(sid, "what-to-say")}">What to say, and how much</h3>{_prose(scenario.guidance.what_to_say)}'
        f'<h3 id="{anchor(sid, "timing")}">When to tell them</h3>{_prose(scenario.guidance.timing)}'
        f'<section class="do-dont"><h3 id="{anchor(sid, "do-and-dont")}">Do and don’t</h3>'
        f'<div class="do-dont__col"><h4>Do</h4>{_bullets(scenario.do, "do")}</div>'
        f'<div class="do-dont__col"><h4>Don’t</h4>{_bullets(scenario.dont, "dont")}</div></section>'
        f"{_messages(scenario, handbook)}{_related(scenario, handbook)}"
        "</article>"
    )


# --- Back matter ------------------------------------------------------------------


def your_details(handbook: Handbook) -> str:
    """Every blank the messages use, with a line to write your answer once."""
    rows = "".join(
        f'<tr><th scope="row">{escape(f.label)}</th><td>{escape(f.hint)} '
        f'<span class="details__example">For example: {escape(f.example)}</span></td>'
        f'<td class="details__write"><span class="write-line"></span></td></tr>'
        for f in handbook.fields
    )
    return (
        '<section class="details" id="your-details"><h2>Your details, written once</h2>'
        "<p>The messages use these blanks. Write your answers here, then copy them into the message you send.</p>"
        '<table class="details__table"><thead><tr><th scope="col">Blank</th><th scope="col">What to write</th>'
        f'<th scope="col">Your answer</th></tr></thead><tbody>{rows}</tbody></table></section>'
    )


def cta_target(url: str, site_url: str) -> str:
    """Where the call to action points, written for paper: an absolute address, or the site for a page."""
    if re.match(r"^(https?:|mailto:|tel:)", url):
        return url
    return site_url if url else ""


def _shown(url: str) -> str:
    return re.sub(r"^(mailto|tel):", "", url)


def more_help(brand: Brand) -> str:
    """The back page: the brand's call to action and how to reach it."""
    cta = brand.cta
    heading = cta.heading or "More help"
    text = f"<p>{escape(cta.text)}</p>" if cta.text else ""
    target = cta_target(cta.url, brand.site_url)
    action = (
        f'<p class="cta__action">{escape(cta.label or "Visit")}: {_link(target, _shown(target))}</p>' if target else ""
    )
    contact = _contact_lines(brand.contact)
    contact_block = f'<ul class="cta__contact">{"".join(contact)}</ul>' if contact else ""
    website = brand.site_url or brand.contact.website
    online = (
        f"<p>The handbook is also online, with messages you can fill in and copy: {_link(website, website)}</p>"
        if website
        else ""
    )
    footer = f'<p class="cta__footer">{escape(brand.footer)}</p>' if brand.footer else ""
    return (
        f'<section class="cta" id="more-help"><h2>{escape(heading)}</h2>{text}{action}{contact_block}'
        f"{online}{footer}</section>"
    )


# --- The whole document ---------------------------------------------------------

# The parts' ids: stable named destinations (handbook.pdf#contents) even where nothing links to them.
PART_IDS = frozenset({"cover", "contents", "how-to-use", "find-your-situation", "your-details", "more-help"})
_ID = re.compile(r' id="([^"]*)"')
_REFERENCE = re.compile(r'(?:href="#|url\(#)([^")]+)')
_ID_LISTS = re.compile(r'(?:aria-labelledby|aria-describedby|for|headers)="([^"]*)"')


def linked_ids_only(html: str, keep: frozenset[str] | set[str] = frozenset()) -> str:
    """The document without the ids nothing refers to (web markup has many: headings, cards).

    WeasyPrint turns every id into an anchor and checks each new anchor against all earlier ones
    (lists, not sets), so unused ids cost time that grows with the square of the handbook's size.
    Kept: every id that a link, a `url(#...)` or an aria/for attribute names, and those in `keep`
    (each scenario's own anchor and the parts' ids: named destinations for links from outside).
    """
    kept = set(_REFERENCE.findall(html)) | set(keep)
    kept.update(token for value in _ID_LISTS.findall(html) for token in value.split())
    return _ID.sub(lambda match: match.group(0) if match.group(1) in kept else "", html)


def print_html(
    handbook: Handbook,
    brand: Brand,
    *,
    edition: str,
    language: str = "en",
    extras: Extras = Extras(),
    stylesheet: str = "",
) -> str:
    """The complete print document: cover, contents, introduction, chart, scenarios, details, help."""
    has_flowchart = bool(extras.flowchart_svg or extras.flowchart_steps)
    body = "".join(
        [
            cover(brand, edition, extras.logo_src, handbook),
            contents(handbook, has_flowchart, brand.cta.heading or "More help"),
            how_to_use(handbook, has_flowchart),
            flowchart_section(extras),
            "".join(scenario_section(s, handbook) for s in handbook.scenarios),
            your_details(handbook),
            more_help(brand),
        ]
    )
    body = linked_ids_only(body, keep=PART_IDS | {anchor(s.id) for s in handbook.scenarios})
    description = f"{brand.title}: {brand.tagline}" if brand.tagline else brand.title
    style = f"<style>{stylesheet}</style>" if stylesheet else ""
    return (
        f'<!DOCTYPE html><html lang="{escape(language)}"><head><meta charset="utf-8">'
        f"<title>{escape(brand.title)}</title>"
        f'<meta name="author" content="{escape(brand.name)}">'
        f'<meta name="description" content="{escape(description)}">'
        f"{style}</head><body>{body}</body></html>"
    )
