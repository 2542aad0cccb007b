"""Ids the site already uses for its own parts, found by rendering a probe: data may not take them.

The list is not kept by hand. A one-scenario handbook is rendered with the real renderer and the
real Markdown extensions, the theme's templates are read, and every id that is not a template's
own becomes a pattern (`lib-{scenario}-ahead`, `your-details`, ...). A change to the page layout
changes the reserved ids with it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import markdown

from ..data.loader import Reserved
from ..data.model import TIMINGS, Category, Field, Guidance, Handbook, Scenario, Template
from ..data.problems import Problem
from ..data.yamlsource import Source
from . import render

PROBE = "zzprobe"
PROBE_TITLE = "Zzprobe heading"
PROBE_SLUG = "zzprobe-heading"
IDS = re.compile(r"""\bid\s*=\s*["']([^"'{}<>\s]+)["']|\{\s*#([A-Za-z0-9_:.-]+)""")
# The extensions mkdocs.yml turns on that give headings and blocks their ids.
EXTENSIONS = ["toc", "attr_list", "md_in_html", "admonition", "def_list", "pymdownx.details", "pymdownx.tabbed"]
THEME_DIRS = ("overrides",)


def _ids(text: str) -> set[str]:
    return {a or b for a, b in IDS.findall(text)}


def _probe(fields: tuple[Field, ...]) -> Handbook:
    """A handbook of one scenario with one message per timing, using the real fields."""
    body = " ".join(f"{{{f.id}}}" for f in fields) or "Hello there."
    templates = tuple(
        Template(f"{PROBE}-t{n}", PROBE, "email", "agency", timing, "", "Probe subject", body)
        for n, timing in enumerate(TIMINGS)
    )
    words = ("Probe text long enough.",)
    scenario = Scenario(
        id=PROBE,
        title=PROBE_TITLE,
        summary=words[0],
        category=f"{PROBE}-category",
        keywords=words,
        signals=words,
        guidance=Guidance(words[0], words[0], words[0]),
        do=words,
        dont=words,
        related=(PROBE,),
        templates=templates,
        order=0,
        source="",
    )
    category = Category(id=f"{PROBE}-category", title="Probe category", summary=words[0])
    return Handbook(scenarios=(scenario,), categories=(category,), fields=fields, flowchart=None)


@lru_cache(maxsize=8)
def template_id_patterns(fields: tuple[Field, ...]) -> frozenset[str]:
    """Ids the scenario page and the library give their own parts; {scenario} and {title} stand for any scenario's."""
    handbook = _probe(fields)
    text = render.scenario_page(handbook, handbook.scenarios[0])
    text += "\n\n" + render.template_library(handbook, "library.md")
    html = markdown.markdown(text, extensions=EXTENSIONS)
    own = {t.id for t in handbook.scenarios[0].templates}
    found = (_ids(html) | _ids(text)) - own
    return frozenset(i.replace(PROBE_SLUG, "{title}").replace(PROBE, "{scenario}") for i in found)


@lru_cache(maxsize=8)
def _theme_ids(project: Path) -> frozenset[str]:
    """Literal ids in the theme's templates and the project's overrides (Material's `__drawer`, our CTA heading)."""
    found: set[str] = set()
    folders = [project / d for d in THEME_DIRS]
    try:
        import material

        folders.append(Path(material.__file__).resolve().parent / "templates")
    except ImportError:
        pass
    for folder in folders:
        for file in folder.rglob("*.html") if folder.is_dir() else ():
            found |= _ids(file.read_text(encoding="utf-8"))
    return frozenset(found)


def _slug(title: str) -> str:
    return markdown.extensions.toc.slugify(title, "-")


def template_problems(sources: list[Source], fields: tuple[Field, ...], project: Path) -> list[Problem]:
    """A template id that the page around it already uses: the link to it would land elsewhere."""
    patterns = template_id_patterns(fields)
    taken = set(_theme_ids(project))
    library = project / "docs" / "library.md"
    if library.is_file():
        taken |= _ids(library.read_text(encoding="utf-8"))
    for src in sources:
        sid, slug = src.data["id"], _slug(src.data["title"])
        taken |= {p.replace("{title}", slug).replace("{scenario}", sid) for p in patterns}
    problems = []
    for src in sources:
        for index, template in enumerate(src.data["templates"]):
            if template["id"] in taken:
                problems.append(
                    src.problem(
                        ("templates", index, "id"),
                        f"template id '{template['id']}' is reserved by the page layout",
                        f"prefix it with the scenario id, like '{src.data['id']}-{template['id']}'",
                    )
                )
    return problems


def taken_scenario_ids(project: Path) -> frozenset[str]:
    """Names of the pages in docs/situations/: a scenario page of the same name would replace one."""
    folder = project / "docs" / render.SITUATIONS_DIR
    return frozenset(p.stem for p in folder.iterdir()) if folder.is_dir() else frozenset()


# What the loader checks the data against when it loads for this site (macros/data/loader.py).
RESERVED = Reserved(page_names=taken_scenario_ids, template_problems=template_problems)
