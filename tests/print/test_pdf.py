"""The printed editions (macros/print/): JSON data, the Typst runner, the shipped PDFs and a Letter build.

Reproduce a failure: `.venv/bin/mkdocs build --strict -d /tmp/site`, then inspect /tmp/site/handbook.pdf
and /tmp/site/quick-guide.pdf with `pdfinfo -meta`, `pdffonts`, `pdftotext -raw` and `pdftoppm -png -f 1 -l 3`.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from macros.brand.model import Brand, CallToAction, Contact, load
from macros.data.loader import load_or_raise
from macros.data.model import Handbook
from macros.data.ui import english
from macros.print import build, data, quick, runner
from macros.print.qr import qr_svg
from macros.site.message import fill_text
from macros.site.personaliser import fields_in_use
from tests.support.handbook import own
from tests.support.pages import editions
from tests.support.project import ROOT, fixture_data, fixture_project, run_build

POINTS = {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}
FONT = "AtkinsonHyperlegibleNext"
INJECTIONS = ('#eval("1+1")', "*not bold*", "$x^2$", "<label>", "a ] bracket", "@ref", "// not a comment")


# --- Helpers ---------------------------------------------------------------------


def tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        pytest.fail(f"{name} is missing: install poppler-utils (scripts/install-test-deps.sh)")
    return found


def pdfinfo(path: Path, *flags: str) -> str:
    return subprocess.run([tool("pdfinfo"), *flags, str(path)], capture_output=True, text=True, check=True).stdout


def info(path: Path) -> dict[str, str]:
    lines = pdfinfo(path).splitlines()
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in lines if ":" in line)}


def page_texts(path: Path) -> list[str]:
    """Each page's text in content order, whitespace collapsed, without the word joiners Typst puts in."""
    out = subprocess.run([tool("pdftotext"), "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = [" ".join(page.replace("\u2060", "").split()) for page in out.split("\f")]
    return pages[: len(PdfReader(path).pages)]


def flat(text: str) -> str:
    """Whitespace collapsed, and none before punctuation (a blank and the comma after it are two text runs)."""
    return re.sub(r" ([,.:;?!)])", r"\1", " ".join(text.split()))


def page_size(path: Path, number: int = 1) -> tuple[float, float]:
    box = PdfReader(path).pages[number - 1].mediabox
    return float(box.width), float(box.height)


def font_sizes(path: Path, number: int) -> list[float]:
    """The size in points of every run of text on a page (font size times the text matrix's scale)."""
    sizes: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            sizes.append(round(size * abs(tm[3] or tm[0]) * abs(cm[3] or cm[0]), 2))

    PdfReader(path).pages[number - 1].extract_text(visitor_text=visit)
    return sizes


def fixture_handbook() -> Handbook:
    """The two-scenario fixture, loaded with the repo's schemas."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        return load_or_raise(fixture_data(Path(tmp), "minimal"))


def shipped_brand_model(file: Path = ROOT / "brand.yml") -> Brand:
    found, problems = load(ROOT, file)
    assert found is not None, problems
    return found


def compile_both(handbook: Handbook, brand: Brand, tmp_path: Path) -> tuple[Path, Path]:
    printed = build.render(handbook, brand, "en", {"SOURCE_DATE_EPOCH": "1778889600"})
    paths = build.publish(tmp_path, printed)
    return paths[0], paths[1]


# --- Data, brand and runner (no MkDocs) ------------------------------------------


def test_the_brand_on_paper_comes_from_the_one_brand_model() -> None:
    brand = shipped_brand_model(ROOT / "examples" / "brands" / "quillmoor" / "brand.yml")
    shown = data.brand(brand, data.Edition(date="1 May 2026"), english)
    assert (shown["title"], shown["paper"], shown["accent"]) == (brand.title, "us-letter", brand.colors.primary)
    assert shown["logo"] == str(brand.logo) and Path(shown["logo"]).is_file()
    assert shown["contact"] == [
        {"label": "Phone", "text": brand.contact.phone, "url": "tel:+12025550147"},
        {"label": "Email", "text": brand.contact.email, "url": "mailto:" + brand.contact.email},
        {"label": "Website", "text": brand.contact.website, "url": brand.contact.website},
        {"label": "Address", "text": brand.contact.address, "url": ""},
    ], "the same links as the site's footer (Contact.links)"
    a4 = data.brand(
        dataclasses.replace(brand, paper="A4", logo=ROOT / "no-such-logo.svg"), data.Edition(date=""), english
    )
    assert (a4["paper"], a4["logo"]) == ("a4", ""), "only a logo that is there reaches Typst"


def test_the_words_around_the_brand_are_the_editions() -> None:
    """Contact labels, the paper's sentence for a call to action to a site page, and the fallback heading and
    button come from the edition's words (scenarios/<lang>/_ui.yml), not from English in the code."""
    words = yaml.safe_load((ROOT / "scenarios" / "es" / "_ui.yml").read_text(encoding="utf-8"))

    def spanish(key: str, **values: str) -> str:
        return str(words[key])

    brand = shipped_brand_model(ROOT / "examples" / "brands" / "quillmoor" / "brand.yml")
    cta = CallToAction(heading="", text="", label="", url="library.md")
    shown = data.brand(dataclasses.replace(brand, cta=cta), data.Edition(date=""), spanish)
    labels = [line["label"] for line in shown["contact"]]
    assert labels == [words[f"pdf.contact_{kind}"] for kind in ("phone", "email", "website", "address")]
    assert (shown["cta"]["heading"], shown["cta"]["text"]) == (words["pdf.more_help"], words["pdf.paper_nudge"])
    outside = data.brand(
        dataclasses.replace(brand, cta=dataclasses.replace(cta, url="https://x.org/")), data.Edition(date=""), spanish
    )
    assert outside["cta"]["label"] == words["pdf.visit"]
    assert not set(labels) & {"Phone", "Email", "Website", "Address"}


def test_blanks_are_labelled_pieces_of_text() -> None:
    handbook = fixture_handbook()
    field = handbook.fields[0]
    assert data.segments(f"Hi {{{field.id}}}, thanks.", handbook) == ["Hi ", {"blank": field.label}, ", thanks."]


def test_a_call_to_action_to_a_site_page_becomes_the_sites_address() -> None:
    edition = data.Edition(date="1 May 2026", qr_svg=qr_svg("https://jobs.example.org/"))
    cta = CallToAction(heading="More", text="See the library", label="Open it", url="library.md#contents")
    brand = dataclasses.replace(shipped_brand_model(), cta=cta, site_url="https://jobs.example.org/")
    shown = data.brand(brand, edition, english)
    assert shown["cta"]["label"] == "" and "library" not in shown["cta"]["text"]
    assert shown["website"] == "https://jobs.example.org/" and shown["qr"].startswith("<svg")
    contact_site = dataclasses.replace(brand, site_url="", contact=Contact(website="https://agency.example/"))
    assert data.brand(contact_site, edition, english)["cta"]["url"] == "https://agency.example/", (
        "else the brand's website"
    )
    outside = data.brand(
        dataclasses.replace(brand, cta=dataclasses.replace(cta, url="https://x.org/book")), edition, english
    )
    assert (outside["cta"]["label"], outside["cta"]["url"]) == ("Open it", "https://x.org/book")
    assert qr_svg("") == ""


def test_each_language_edition_prints_its_own_address(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Spanish PDF's QR code, "read online" and call to action lead to /es/, the edition in the reader's hand."""
    brand = dataclasses.replace(shipped_brand_model(), site_url="https://jobs.example.org/")
    spanish = data.Edition(
        date="", site_url="https://jobs.example.org/es/", qr_svg=qr_svg("https://jobs.example.org/es/")
    )
    shown = data.brand(
        dataclasses.replace(brand, cta=CallToAction(heading="", text="See", label="", url="library.md")),
        spanish,
        english,
    )
    assert shown["website"] == shown["cta"]["url"] == "https://jobs.example.org/es/"
    # The build hands each edition its own site_url (macros/plugin/branding.py sets /es/ for the Spanish one).
    asked: list[tuple[str, str]] = []

    def render(handbook: Handbook, brand: Brand, language: str, environ: object, site_url: str = "") -> tuple[()]:
        asked.append((language, site_url))
        return ()

    monkeypatch.setattr(build, "load_cached", lambda project: (brand, []))
    monkeypatch.setattr(build, "render", render)
    config = {"config_file_path": str(ROOT / "mkdocs.yml"), "site_url": "https://jobs.example.org/es/"}
    printing = build.start({**config, "theme": {"language": "es"}}, fixture_handbook())
    assert printing is not None and printing.result() == ()
    assert asked == [("es", "https://jobs.example.org/es/")]
    no_site = dataclasses.replace(brand, site_url="")  # a mkdocs.yml site_url alone is not the brand's site
    monkeypatch.setattr(build, "load_cached", lambda project: (no_site, []))
    build.start({**config, "theme": {"language": "es"}}, fixture_handbook()).result()  # type: ignore[union-attr]
    assert asked[-1] == ("es", "")


def test_quick_guide_picks_three_short_written_messages() -> None:
    shipped = load_or_raise(ROOT)
    chosen = quick.model_messages(shipped)
    assert len(chosen) == 3 and len({t.id for t in chosen}) == 3
    assert all(t.channel not in ("phone", "voicemail") for t in chosen)
    assert len({t.timing for t in chosen}) == 3, "one message for each of three timings"


def test_every_typst_warning_is_an_error_naming_the_template_line(tmp_path: Path) -> None:
    template = tmp_path / "warns.typ"
    template.write_text('#set document(title: "t")\n#set text(font: "No Such Font")\nHello\n', encoding="utf-8")
    with pytest.raises(runner.PrintError) as caught:
        runner.compile_pdf(str(template), {}, "x.pdf")
    assert caught.value.problems == [f"warning: {template}:2:20: unknown font family: no such font"] or any(
        "unknown font family" in p and ":2:" in p for p in caught.value.problems
    ), caught.value.problems


def test_scenario_text_is_never_read_as_typst_markup(tmp_path: Path) -> None:
    handbook = fixture_handbook()
    first = handbook.scenarios[0]
    tricky = dataclasses.replace(
        first,
        title="Title " + " ".join(INJECTIONS),
        summary="Summary " + " ".join(INJECTIONS),
        signals=tuple(f"Signal {s}" for s in INJECTIONS),
    )
    handbook = dataclasses.replace(handbook, scenarios=(tricky, *handbook.scenarios[1:]))
    pdf, _ = compile_both(handbook, shipped_brand_model(), tmp_path)
    whole = " ".join(page_texts(pdf))
    for needle in INJECTIONS:
        assert f"Signal {needle}" in whole, f"{needle!r} was not printed as it is written"
        assert f"Summary {' '.join(INJECTIONS)}" in whole
    assert "2" not in re.findall(r"Signal (\S+)", whole), "#eval ran"


def test_same_source_date_epoch_gives_the_same_bytes(tmp_path: Path) -> None:
    handbook = fixture_handbook()
    first = compile_both(handbook, shipped_brand_model(), tmp_path / "a")
    second = compile_both(handbook, shipped_brand_model(), tmp_path / "b")
    assert first[0].read_bytes() == second[0].read_bytes() and first[1].read_bytes() == second[1].read_bytes()
    assert build.edition_date({"SOURCE_DATE_EPOCH": "1778889600"}) == "16 May 2026"
    assert "2026-05-16" in pdfinfo(first[0], "-isodates")


# --- The shipped PDFs (built once per session) ---------------------------------------


@pytest.fixture(scope="module")
def shipped_pdf(built_site: Path) -> Path:
    path = built_site / build.HANDBOOK_PDF
    assert path.is_file(), f"{path} was not built: `mkdocs build` must make the PDF unless KTB_PDF=0"
    return path


@pytest.fixture(scope="module")
def guide_pdf(built_site: Path) -> Path:
    path = built_site / build.QUICK_GUIDE_PDF
    assert path.is_file(), f"{path} was not built"
    return path


@pytest.fixture(scope="module")
def shipped() -> Handbook:
    return load_or_raise(ROOT)


@pytest.fixture(scope="module")
def texts(shipped_pdf: Path) -> list[str]:
    return page_texts(shipped_pdf)


def shipped_brand() -> tuple[str, str]:
    found = shipped_brand_model()
    return found.title, found.paper


@pytest.mark.parametrize("name", [build.HANDBOOK_PDF, build.QUICK_GUIDE_PDF])
def test_pdfs_are_tagged_pdf_ua_1_titled_in_english_and_sized(built_site: Path, name: str) -> None:
    path = built_site / name
    facts = info(path)
    title, paper = shipped_brand()
    assert facts["Tagged"] == "yes" and facts["Title"].startswith(title)
    assert re.search(r"<pdfuaid:part>1</pdfuaid:part>|pdfuaid:part=\"1\"", pdfinfo(path, "-meta")), "no PDF/UA-1 in XMP"
    root = PdfReader(path).root_object
    mark_info, preferences = root["/MarkInfo"].get_object(), root["/ViewerPreferences"].get_object()
    assert isinstance(mark_info, DictionaryObject) and isinstance(preferences, DictionaryObject)
    assert root["/Lang"] == "en" and mark_info["/Marked"]
    assert preferences["/DisplayDocTitle"], "viewers must show the title, not the file name"
    assert page_size(path) == pytest.approx(POINTS[paper], abs=0.5)


@pytest.mark.parametrize("name", [build.HANDBOOK_PDF, build.QUICK_GUIDE_PDF])
def test_only_the_bundled_font_is_used_and_embedded(built_site: Path, name: str) -> None:
    out = subprocess.run([tool("pdffonts"), str(built_site / name)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        assert re.match(rf"[A-Z]{{6}}\+{FONT}-", row), f"a font that is not the bundled one: {row}"
        assert re.search(r"\s+yes\s+yes\s+yes\s+\d+\s+\d+$", row), f"font not embedded as a subset with Unicode: {row}"


def test_text_has_every_scenario_template_subject_and_the_contents(texts: list[str], shipped: Handbook) -> None:
    whole = flat(" ".join(texts))
    assert texts[1].split()[:5] == [*shipped_brand()[0].split(), "Contents"][:5] or "Contents" in texts[1]
    for scenario in shipped.scenarios:
        assert scenario.title in whole, scenario.title
    for template in shipped.templates():
        if template.subject:
            assert flat(fill_text(template.subject, {}, shipped)).replace("[", "").replace("]", "") in re.sub(
                r"\s+", " ", whole
            ) or all(word in whole for word in re.findall(r"[A-Za-z]{4,}", template.subject)), template.subject
    for field in fields_in_use(shipped):  # the blanks' list on paper: the fields a message uses
        assert field.label in whole


def test_every_contents_page_number_is_the_page_of_its_title(texts: list[str], shipped: Handbook) -> None:
    contents = texts[1]
    previous = 0
    for scenario in shipped.scenarios:
        match = re.search(re.escape(scenario.title) + r"[\s.]+(\d+)", contents)
        assert match, f"{scenario.title!r} is not in the contents with a page number"
        number = int(match.group(1))
        assert number > previous, "scenarios in the contents are in page order"
        previous = number
        category = next(c.title for c in shipped.categories if c.id == scenario.category)
        assert f"{category.upper()} {scenario.title}" in texts[number - 1], (
            f"page {number} should open with {scenario.title!r} under its category"
        )
    for title, part in (("Your details, written once", "Your details, written once"), ("Find your situation", None)):
        match = re.search(re.escape(title) + r"[\s.]+(\d+)", contents)
        assert match, title
        assert (part or title) in texts[int(match.group(1)) - 1]


def test_every_see_page_and_chart_page_lands_on_its_title(texts: list[str], shipped: Handbook) -> None:
    checked = 0
    for scenario in shipped.scenarios:
        for related in scenario.related:
            title = shipped.scenario(related).title
            for number in re.findall(re.escape(title) + r", see page (\d+)", " ".join(texts)):
                assert title in texts[int(number) - 1].split("Page ")[0] or title in texts[int(number) - 1]
                assert f"{title}" in texts[int(number) - 1]
                checked += 1
    assert checked >= sum(len(s.related) for s in shipped.scenarios), "a 'Read next' item has no 'see page N'"
    chart = next(i for i, t in enumerate(texts) if t.startswith(f"{shipped_brand()[0]} Find your situation"))
    targets = re.findall(r"([A-Z][^—]+?)(?: \([a-z ]+\))?, page (\d+)", texts[chart])
    assert len(targets) >= len([s for s in shipped.scenarios if s.id not in own()]), "a fork's own may be off the chart"
    for title, number in targets:
        assert title.split(" — ")[-1].strip() in texts[int(number) - 1], (title, number)


def test_the_chart_has_a_turned_page_and_text_of_9_points_or_more(shipped_pdf: Path, texts: list[str]) -> None:
    chart = next(i for i, t in enumerate(texts) if "Start at question 1" in t) + 1
    width, height = page_size(shipped_pdf, chart)
    assert width > height, "the chart's page is turned to landscape"
    sizes = [s for s in font_sizes(shipped_pdf, chart) if s > 0]
    body = [s for s in sizes if s not in (8.5,)]  # the running head and footer
    assert body and min(body) >= 9, f"chart text as small as {min(body)} pt"


def test_each_scenario_starts_a_page_and_read_next_is_never_split(shipped_pdf: Path, shipped: Handbook) -> None:
    reader = PdfReader(shipped_pdf)
    names = reader.named_destinations
    texts = page_texts(shipped_pdf)
    for scenario in shipped.scenarios:
        index = reader.get_destination_page_number(names[data.label(scenario.id)]) or 0
        category = next(c.title for c in shipped.categories if c.id == scenario.category)
        opening = f"{shipped_brand()[0]} {scenario.title} {category.upper()} {scenario.title} In short"
        assert texts[index].startswith(opening), f"{scenario.title!r} does not open its page: {texts[index][:120]}"
        if scenario.related:
            page = next(t for t in texts[index:] if "Read next" in t)
            for related in scenario.related:
                assert f"{shipped.scenario(related).title}, see page" in page.split("Read next", 1)[1], (
                    f"'Read next' of {scenario.title!r} is split across pages"
                )
            head = f"{shipped_brand()[0]} {scenario.title} Read next"
            assert not page.startswith(head), f"a page holds only the 'Read next' of {scenario.title!r}"


def test_every_page_but_the_cover_has_running_head_and_page_x_of_y(texts: list[str]) -> None:
    total = len(texts)
    title, _ = shipped_brand()
    assert "Page 1 of" not in texts[0], "the cover carries no footer"
    for number, text in enumerate(texts[1:], start=2):
        assert f"Page {number} of {total}" in text, f"page {number} has no 'Page x of y' footer"
        assert text.startswith(title), f"page {number} has no running head"


def test_internal_links_point_to_existing_destinations(shipped_pdf: Path, shipped: Handbook) -> None:
    reader = PdfReader(shipped_pdf)
    names = reader.named_destinations
    for name in ("how-to-use", "find-your-situation", "your-details", "more-help"):
        assert name in names, f"no named destination {name!r} (handbook.pdf#{name})"
    for scenario in shipped.scenarios:
        assert data.label(scenario.id) in names
    links = [
        annot.get_object()
        for page in reader.pages
        for annot in page.get("/Annots") or []
        if annot.get_object().get("/Subtype") == "/Link"
    ]
    assert len(links) >= 3 * len(shipped.scenarios), "the contents, chart and cross-references are links"


def test_the_logo_and_qr_code_have_alternative_text(shipped_pdf: Path) -> None:
    figures: list[DictionaryObject] = []

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, DictionaryObject):
            if node.get("/S") == "/Figure":
                figures.append(node)
            walk(node.get("/K"))
        elif isinstance(node, list):
            for kid in node:
                walk(kid)

    walk(PdfReader(shipped_pdf).root_object["/StructTreeRoot"])
    assert figures, "the logo should be a tagged figure"
    assert all(str(f.get("/Alt", "")).strip() for f in figures), "a figure without alternative text"


def test_the_back_page_names_no_library_that_is_not_in_the_pdf(texts: list[str]) -> None:
    assert "message library" not in texts[-1].lower(), texts[-1]


def test_quick_guide_is_two_pages_of_rules_chart_and_messages(guide_pdf: Path, shipped: Handbook) -> None:
    pages = page_texts(guide_pdf)
    assert len(pages) == 2
    whole = flat(" ".join(pages))
    for key in quick.RULE_KEYS:
        assert shipped.say(key) in whole
    for template in quick.model_messages(shipped):
        assert data.message(template, shipped)["title"] in whole
    assert shipped.flowchart is not None
    for question in shipped.flowchart.questions:
        assert question.text in whole


def test_every_page_links_to_both_pdfs_with_their_page_counts(built_site: Path, shipped_pdf: Path) -> None:
    """Each edition's pages link to that edition's PDFs (site/es/handbook.pdf for /es/), in its words."""
    labels = {
        "": (("Download the handbook", "pages"), ("the quick guide", "pages")),
        "es/": (("Descarga el manual", "páginas"), ("la guía rápida", "páginas")),
    }
    for prefix in editions(built_site):
        counts = {n: len(PdfReader(built_site / prefix / n).pages) for n in (build.HANDBOOK_PDF, build.QUICK_GUIDE_PDF)}
        others = {e for e in editions(built_site) if e and e != prefix}
        html_pages = [
            p
            for p in (built_site / prefix).rglob("*.html")
            if p.name != "404.html" and not any(p.relative_to(built_site).as_posix().startswith(o) for o in others)
        ]
        assert html_pages
        for page in html_pages:
            text = page.read_text(encoding="utf-8")
            names = (build.HANDBOOK_PDF, build.QUICK_GUIDE_PDF)
            for name, (label, unit) in zip(names, labels[prefix], strict=True):
                pattern = rf'<a href="([^"]*{re.escape(name)})" download>{label} \(PDF, (\d+) {unit}\)'
                match = re.search(pattern, text)
                assert match, f"{page.relative_to(built_site)} has no link to {name}"
                assert int(match.group(2)) == counts[name]
                assert (page.parent / match.group(1)).resolve() == (built_site / prefix / name).resolve()


# --- Builds of the small fixture: Letter with a site address; missing glyphs; no system libraries ---


def letter_project(tmp_path: Path, site_url: str = "https://jobs.example.org/handbook/") -> Path:
    project = fixture_project(tmp_path / "letter", "minimal")
    brand = project / "brand.yml"
    text = brand.read_text(encoding="utf-8")
    assert re.search(r"^paper: A4$", text, flags=re.M), "brand.yml should say `paper: A4`"
    text = re.sub(r"^paper: A4$", "paper: Letter", text, flags=re.M)
    if site_url:
        text = re.sub(r'^site_url: "".*$', f"site_url: {site_url}", text, flags=re.M)
    brand.write_text(text, encoding="utf-8")
    return project


def test_letter_paper_and_site_address_from_the_brand(tmp_path: Path) -> None:
    project = letter_project(tmp_path)
    result = run_build(project, pdf=True)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in (build.HANDBOOK_PDF, build.QUICK_GUIDE_PDF):
        path = project / "site" / name
        assert page_size(path) == pytest.approx(POINTS["Letter"], abs=0.5), name
        squeezed = "".join(" ".join(page_texts(path)).split())
        assert "https://jobs.example.org/handbook/" in squeezed, f"{name}: no address"
        assert "QR code to https://jobs.example.org/handbook/" in path.read_bytes().decode("latin-1"), name
    texts = page_texts(project / "site" / build.HANDBOOK_PDF)
    assert "Contents" in texts[1] and "Page 2 of" in texts[1], "the cover must fit on one Letter page"
    assert len(page_texts(project / "site" / build.QUICK_GUIDE_PDF)) == 2


@pytest.mark.parametrize("text", ["漢字の面接", "Sorry 😀"])
def test_a_character_the_font_lacks_stops_the_build_naming_file_and_line(tmp_path: Path, text: str) -> None:
    project = fixture_project(tmp_path / "glyph", "minimal")
    source = project / "scenarios" / "alpha.yml"
    lines = source.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[number] = f"title: Alpha {text}"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_build(project, pdf=True)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output
    assert re.search(rf"scenarios/alpha\.yml:{number + 1}:\d+: .* is not in the PDF's font", output), output
    assert not (project / "site" / "index.html").exists(), "a half-built site was left behind"


def test_make_site_needs_no_system_font_library_nor_weasyprint(tmp_path: Path) -> None:
    """The bare-machine build: no fontconfig fonts, and WeasyPrint, Pango and cairo cannot be imported."""
    project = letter_project(tmp_path, site_url="")
    empty = tmp_path / "fonts.conf"
    empty.write_text('<?xml version="1.0"?><fontconfig></fontconfig>\n', encoding="utf-8")
    blocked = "weasyprint pydyf cffi tinycss2 cssselect2 pango cairocffi fontTools"
    script = (
        "import sys, runpy\n"
        f"for name in {blocked.split()!r}: sys.modules[name] = None\n"
        "sys.argv = ['mkdocs', 'build', '--strict']\n"
        "runpy.run_module('mkdocs', run_name='__main__')\n"
    )
    env = {"FONTCONFIG_FILE": str(empty), "FONTCONFIG_PATH": str(tmp_path), "KTB_PDF": "1", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=project,
        env={**env, "NO_MKDOCS_2_WARNING": "1", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "site" / build.HANDBOOK_PDF).is_file() and (project / "site" / build.QUICK_GUIDE_PDF).is_file()
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8").lower()
    assert "weasyprint" not in requirements and re.search(r"^typst==[\d.]+$", requirements, flags=re.M)
