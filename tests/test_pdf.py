"""The printable handbook: print document, WeasyPrint rendering rules, the shipped PDF and a Letter build.

Reproduce a failure: `.venv/bin/mkdocs build --strict -d /tmp/site`, then inspect /tmp/site/handbook.pdf
with `pdfinfo`, `pdftotext -raw` and `pdftoppm -png -f 1 -l 3`.
"""

from __future__ import annotations

import http.server
import io
import logging
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from macros import pdf
from macros import print_document as doc
from macros.loader import load_or_raise
from macros.model import Handbook
from macros.render import fill_text

from .conftest import FIXTURES, ROOT, fixture_project, run_build

POINTS = {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}


# --- Helpers ---------------------------------------------------------------------


def tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        pytest.fail(f"{name} is missing: install poppler-utils (scripts/install-test-deps.sh)")
    return found


def pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run([tool("pdfinfo"), str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)}


def page_texts(path: Path) -> list[str]:
    """Each page's text in content order (pdftotext -raw), whitespace collapsed."""
    out = subprocess.run([tool("pdftotext"), "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in out.split("\f")][: len(PdfReader(path).pages)]


def flat(text: str) -> str:
    """Whitespace collapsed, and none before punctuation (a blank and the comma after it are two text runs)."""
    return re.sub(r" ([,.:;?!)])", r"\1", " ".join(text.split()))


class Ids(HTMLParser):
    """Every id and every in-document href (#...) of an HTML document."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.append(value)
            if name == "href" and value and value.startswith("#"):
                self.refs.append(value[1:])


def shipped_paper() -> str:
    try:
        from macros import brand
    except ImportError:
        return "A4"
    found, _ = brand.load(ROOT)
    return doc.paper_size(found.paper) if found else "A4"


@pytest.fixture(scope="module")
def minimal() -> Handbook:
    project = FIXTURES / "minimal"
    schema = ROOT / "scenarios" / "schema"
    # The fixture's scenarios with the repo's schemas, as the validation tests load them.
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(project / "scenarios", Path(tmp) / "scenarios")
        shutil.copytree(schema, Path(tmp) / "scenarios" / "schema", dirs_exist_ok=True)
        return load_or_raise(Path(tmp))


# --- The print document (no WeasyPrint) -------------------------------------------


def test_brand_defaults_are_neutral_and_paper_is_a4_or_letter() -> None:
    brand = doc.brand_from(None)
    assert (brand.name, brand.title, brand.paper, brand.accent) == ("Keep the Bridge", "Keep the Bridge", "A4", "")
    given = doc.brand_from(
        {
            "name": "Quill",
            "title": "Quill Handbook",
            "paper": "letter",
            "colors": {"primary": "#123456"},
            "contact": {"email": "a@b.org"},
        }
    )
    assert (given.name, given.title, given.paper, given.accent, given.contact.email) == (
        "Quill",
        "Quill Handbook",
        "Letter",
        "#123456",
        "a@b.org",
    )
    # The default tagline names no brand and stays out of a rebrand that has none.
    assert given.tagline == ""
    assert doc.paper_size("A5") == "A4"
    # Only a hex colour reaches the stylesheet: the brand file is data, not CSS.
    assert doc.brand_from({"colors": {"primary": "red;} body{display:none"}}).accent == ""


def test_print_document_links_resolve_and_blanks_are_labelled(minimal: Handbook) -> None:
    brand = doc.brand_from(
        {"title": "Handbook <&>", "contact": {"website": "https://example.org/"}, "cta": {"heading": "Call us first"}}
    )
    html = doc.print_html(minimal, brand, edition="1 May 2026")
    parser = Ids()
    parser.feed(html)
    assert len(parser.ids) == len(set(parser.ids)), "duplicate ids in the print document"
    assert parser.refs and set(parser.refs) <= set(parser.ids), set(parser.refs) - set(parser.ids)
    for scenario in minimal.scenarios:
        assert f'id="{doc.anchor(scenario.id)}"' in html
        assert f'href="#{doc.anchor(scenario.id)}"' in html  # in the contents
    assert "<title>Handbook &lt;&amp;&gt;</title>" in html and "<&>" not in html
    for field_id in {m for t in minimal.templates() for m in re.findall(r"\{([a-z_]+)\}", t.body)}:
        label = minimal.field(field_id).label
        assert f'data-field="{field_id}">[{label}]</span>' in html.replace("&#x27;", "'")
    assert not re.search(r"\{[a-z_]+\}", html.split("<body>", 1)[1]), "a raw {placeholder} reached the page"
    assert "Edition of 1 May 2026" in html and 'lang="en"' in html
    # The contents names the back page by its heading, the brand's call to action.
    assert '<a class="toc__link" href="#more-help">Call us first</a>' in html


def test_call_to_action_on_paper_is_an_address() -> None:
    assert doc.cta_target("library.md", "https://example.org/hb/") == "https://example.org/hb/"
    assert doc.cta_target("library.md", "") == ""
    assert doc.cta_target("mailto:hi@example.org", "") == "mailto:hi@example.org"


def test_print_document_keeps_only_the_ids_something_refers_to(minimal: Handbook) -> None:
    html = doc.print_html(minimal, doc.brand_from(None), edition="1 May 2026")
    parser = Ids()
    parser.feed(html)
    referred = set(parser.refs)
    scenario_anchors = {doc.anchor(s.id) for s in minimal.scenarios}
    # Every id left is a link target, a scenario's anchor or a part of the book; nothing else.
    assert set(parser.ids) <= referred | scenario_anchors | doc.PART_IDS, set(parser.ids) - referred
    assert scenario_anchors <= set(parser.ids) and {"contents", "more-help"} <= set(parser.ids)
    # The web markup's heading ids (one per message card) are gone from the print edition.
    for template in minimal.templates():
        assert f'id="{template.id}"' not in html, template.id
    assert f'id="{doc.anchor(minimal.scenarios[0].id, "signals")}"' not in html


def test_linked_ids_only_keeps_svg_and_aria_references() -> None:
    html = (
        '<svg aria-labelledby="t d"><title id="t">T</title><desc id="d">D</desc>'
        '<marker id="arrow"/><path marker-end="url(#arrow)"/><g id="unused"/></svg>'
        '<p id="lonely" data-id="x">x</p><a href="#target">go</a><h2 id="target">T</h2><h3 id="part">P</h3>'
    )
    out = doc.linked_ids_only(html, keep={"part"})
    for kept in ("t", "d", "arrow", "target", "part"):
        assert f'id="{kept}"' in out, kept
    assert 'id="unused"' not in out and 'id="lonely"' not in out and 'data-id="x"' in out


FIXES_PROBE = """<html lang="en"><head><title>t</title><style>
@page { size: A6; margin: 15mm 10mm; @top-right { content: string(part); }
        @bottom-right { content: "Page " counter(page) " of " counter(pages); } }
@page :first { @bottom-right { content: none; } }
@page wide { size: A6 landscape; @top-left { content: "wide"; } }
h2 { string-set: part content(text); break-before: page; }
.wide { page: wide; }
a.ref::after { content: ", page " target-counter(attr(href), page); }
</style></head><body><h1>Probe</h1><p><a class="ref" href="#s3">third</a></p>
SECTIONS</body></html>"""


def test_weasyprint_fixes_change_no_byte_of_the_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint import HTML

    from macros import weasyprint_fixes

    sections = "".join(
        f'<h2 id="s{i}">Part {i}</h2><section class="{"wide" if i == 2 else ""}">'
        + f"<p>Text of part {i}. " * 40
        + f'</p><p><a class="ref" href="#s{(i + 1) % 5}">next</a></p></section>'
        for i in range(5)
    )
    html = FIXES_PROBE.replace("SECTIONS", sections)
    renders, layouts = [], []
    made = page_layouts(monkeypatch)
    try:
        for fixed in (False, True):
            weasyprint_fixes.uninstall()
            if fixed:
                weasyprint_fixes.install()
            made.clear()
            document = HTML(string=html, base_url=tmp_path.as_uri() + "/").render(**pdf.PDF_OPTIONS)
            renders.append((len(document.pages), document.write_pdf(**pdf.PDF_OPTIONS)))
            layouts.append(len(made))
    finally:
        weasyprint_fixes.install()
    assert renders[0][0] >= 6, "the probe should span several pages of two page types"
    assert renders[0] == renders[1], "a speed fix changed the PDF"
    # Pages with page references are laid out twice, not three times; the text is the same (above).
    assert layouts[1] < layouts[0], layouts


def test_the_total_page_count_in_the_text_still_updates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The third fix stands aside when generated text shows `counter(pages)`: that text must follow the total."""
    from weasyprint import HTML

    from macros import weasyprint_fixes

    weasyprint_fixes.install()
    html = (
        '<html lang="en"><title>t</title><style>p.total::after { content: " of " counter(pages); }'
        "h2 { break-before: page; }</style><p class=total>Pages</p>" + "<h2>Part</h2><p>x</p>" * 4 + "</html>"
    )
    document = HTML(string=html, base_url=tmp_path.as_uri() + "/").render(**pdf.PDF_OPTIONS)
    assert len(document.pages) == 5
    text = subprocess.run(
        [tool("pdftotext"), "-", "-"], input=document.write_pdf(), capture_output=True, check=True
    ).stdout.decode()
    assert "Pages of 5" in " ".join(text.split())


def page_layouts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record each page WeasyPrint lays out (re-layouts included) while the test runs."""
    from weasyprint.layout import page

    made: list[int] = []
    original = page.remake_page

    def counted(index: int, *args: object) -> object:
        made.append(index)
        return original(index, *args)

    monkeypatch.setattr(page, "remake_page", counted)
    return made


def test_flowchart_svg_takes_the_brand_colour() -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><rect class="fc-box"/></svg>'
    out = pdf.recolour_svg(svg, "#123456")
    assert out.startswith('<svg xmlns="http://www.w3.org/2000/svg"><style>') and "fill:#123456" in out
    assert pdf.recolour_svg(svg, "") == svg


# --- Rendering rules: switch, no network, warnings, atomic writes -------------------


@pytest.mark.parametrize(("value", "on"), [(None, True), ("1", True), ("0", False), ("false", False), ("OFF", False)])
def test_ktb_pdf_switch(value: str | None, on: bool) -> None:
    assert pdf.enabled({} if value is None else {"KTB_PDF": value}) is on


@pytest.fixture
def counting_server() -> Iterator[tuple[str, list[str]]]:
    """A server on 127.0.0.1 that records every request it gets."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_rendering_never_touches_the_network(tmp_path: Path, counting_server: tuple[str, list[str]]) -> None:
    base, hits = counting_server
    html = f'<html lang="en"><title>t</title><img src="{base}/logo.png" alt="logo"><p>x</p></html>'
    with pytest.raises(pdf.PdfError, match="may only use files inside"):
        pdf.render_pdf(html, tmp_path, (tmp_path,))
    stylesheet = f'<html lang="en"><title>t</title><link rel="stylesheet" href="{base}/x.css"><p>x</p></html>'
    with pytest.raises(pdf.PdfError):
        pdf.render_pdf(stylesheet, tmp_path, (tmp_path,))
    assert hits == []


def test_only_files_under_the_allowed_folders_are_read(tmp_path: Path) -> None:
    inside, outside = tmp_path / "docs", tmp_path / "secret"
    inside.mkdir()
    outside.mkdir()
    (outside / "x.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>')
    (inside / "ok.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>')
    ok = pdf.render_pdf('<html lang="en"><title>t</title><img src="ok.svg" alt="ok"></html>', inside, (inside,))
    assert ok.pages == 1 and ok.warnings == ()
    with pytest.raises(pdf.PdfError, match="secret"):
        pdf.render_pdf('<html lang="en"><title>t</title><img src="../secret/x.svg" alt="x"></html>', inside, (inside,))


def test_weasyprint_warnings_are_collected_and_fail_a_strict_build(
    caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    html = '<html lang="en"><title>t</title><style>p { colour: red; }</style><p>x</p></html>'
    rendered = pdf.render_pdf(html, tmp_path, (tmp_path,))
    assert any("colour" in w for w in rendered.warnings), rendered.warnings
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        assert pdf.report_warnings(rendered.warnings) == len(rendered.warnings)
        assert pdf.report_warnings(rendered.warnings, {"colour": "a test says so"}) == 0
    # A MkDocs warning under the `mkdocs` logger is what `--strict` counts.
    logged = [r for r in caplog.records if r.name.startswith("mkdocs.") and r.levelno == logging.WARNING]
    assert logged and "colour" in logged[0].getMessage()


def test_allowed_warnings_each_say_why() -> None:
    for pattern, why in pdf.ALLOWED_WARNINGS.items():
        re.compile(pattern)
        assert len(why.split()) >= 4, f"say why {pattern!r} is harmless"


def test_pdf_is_written_whole_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "site" / "handbook.pdf"
    pdf.write_atomic(target, b"%PDF old")
    assert target.read_bytes() == b"%PDF old" and oct(target.stat().st_mode & 0o777) == "0o644"

    def fail(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(pdf.os, "replace", fail)
    with pytest.raises(OSError):
        pdf.write_atomic(target, b"%PDF new")
    assert target.read_bytes() == b"%PDF old"
    assert [p.name for p in target.parent.iterdir()] == ["handbook.pdf"], "a temporary file was left behind"


def test_page_count_placeholder_is_filled_in_every_built_page(tmp_path: Path) -> None:
    waiting = f"<p>Download the handbook (PDF, {pdf.PENDING_PAGES} pages)</p>"
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(waiting, encoding="utf-8")
    (tmp_path / "a" / "page.html").write_text(waiting + waiting, encoding="utf-8")
    (tmp_path / "other.html").write_text("<p>no link here</p>", encoding="utf-8")
    (tmp_path / "data.json").write_text(pdf.PENDING_PAGES, encoding="utf-8")
    assert pdf.fill_page_count(tmp_path, 81) == 2
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "<p>Download the handbook (PDF, 81 pages)</p>"
    assert (tmp_path / "a" / "page.html").read_text(encoding="utf-8").count("(PDF, 81 pages)") == 2
    assert (tmp_path / "data.json").read_text(encoding="utf-8") == pdf.PENDING_PAGES, "only pages are changed"


def test_background_render_reports_the_pdf_or_the_error(tmp_path: Path) -> None:
    (tmp_path / "ok.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>')
    good = pdf.PrintJob(
        '<html lang="en"><title>t</title><img src="ok.svg" alt="ok"><p>x</p></html>', tmp_path, (tmp_path,)
    )
    bad = pdf.PrintJob(
        '<html lang="en"><title>t</title><img src="http://127.0.0.1:9/x.png" alt="x"></html>', tmp_path, (tmp_path,)
    )
    running = [pdf.Background.start(good, "good"), pdf.Background.start(bad, "bad")]
    rendered = running[0].result()
    assert rendered.pages == 1 and rendered.data.startswith(b"%PDF-") and rendered.warnings == ()
    with pytest.raises(pdf.PdfError, match="may only use files inside"):
        running[1].result()
    assert not any(job.folder.exists() for job in running), "the render's temporary folder was left behind"
    assert pdf.in_background({}) and not pdf.in_background({"KTB_JOBS": "1"})


def test_a_failed_background_render_stops_the_build_with_a_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.exceptions import PluginError

    monkeypatch.setenv("KTB_PDF", "1")
    bad = pdf.PrintJob(
        '<html lang="en"><title>t</title><img src="https://example.org/x.png" alt="x"></html>', tmp_path, (tmp_path,)
    )
    monkeypatch.setattr(pdf, "_STATE", pdf._State(running=pdf.Background.start(bad, "bad")))
    config = {"extra": {"pdf": {"url": pdf.PDF_NAME, "pages": pdf.PENDING_PAGES}}, "site_dir": str(tmp_path / "site")}
    with pytest.raises(PluginError, match=r"PDF was not made: .*example\.org.* Put the file under docs/"):
        pdf.publish(config)
    assert not (tmp_path / "site" / pdf.PDF_NAME).exists() and pdf._STATE.running is None


def test_a_render_still_running_is_stopped_and_cleaned_up(tmp_path: Path) -> None:
    job = pdf.PrintJob('<html lang="en"><title>t</title><p>x</p></html>', tmp_path, (tmp_path,))
    running = pdf.Background.start(job, "x")
    running.stop()
    assert running.process.poll() is not None and not running.folder.exists()


def test_edition_date_is_reproducible() -> None:
    assert pdf.edition({"SOURCE_DATE_EPOCH": "1778889600"}) == "16 May 2026"


# --- The shipped handbook's PDF (built once per session) ---------------------------


@pytest.fixture(scope="module")
def shipped_pdf(built_site: Path) -> Path:
    path = built_site / pdf.PDF_NAME
    assert path.is_file(), f"{path} was not built: `mkdocs build` must make the PDF unless KTB_PDF=0"
    return path


@pytest.fixture(scope="module")
def shipped() -> Handbook:
    return load_or_raise(ROOT)


@pytest.fixture(scope="module")
def texts(shipped_pdf: Path) -> list[str]:
    return page_texts(shipped_pdf)


def test_pdf_is_complete_tagged_titled_and_sized(shipped_pdf: Path) -> None:
    data = shipped_pdf.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert not list(shipped_pdf.parent.glob(".handbook.pdf.*")), "a temporary PDF was left in the site"
    info = pdfinfo(shipped_pdf)
    assert info["Tagged"] == "yes"
    brand = doc.brand_from({"title": "Keep the Bridge"})
    assert info["Title"] == (load_brand_title() or brand.title)
    width, height = (float(x) for x in re.findall(r"[\d.]+", info["Page size"])[:2])
    assert (width, height) == pytest.approx(POINTS[shipped_paper()], abs=0.5)
    root = PdfReader(shipped_pdf).root_object
    mark_info, preferences = root["/MarkInfo"].get_object(), root["/ViewerPreferences"].get_object()
    assert isinstance(mark_info, DictionaryObject) and isinstance(preferences, DictionaryObject)
    assert root["/Lang"] == "en" and mark_info["/Marked"]
    assert preferences["/DisplayDocTitle"], "viewers must show the title, not the file name"


def load_brand_title() -> str:
    try:
        from macros import brand
    except ImportError:
        return ""
    found, _ = brand.load(ROOT)
    return found.title if found else ""


def test_fonts_are_embedded(shipped_pdf: Path) -> None:
    out = subprocess.run([tool("pdffonts"), str(shipped_pdf)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        assert re.search(r"\s+yes\s+yes\s+yes\s+\d+\s+\d+$", row), f"font not embedded as a subset with Unicode: {row}"


def test_text_has_every_scenario_template_subject_and_the_contents(texts: list[str], shipped: Handbook) -> None:
    whole = flat(" ".join(texts))
    assert "Contents" in texts[1], "page 2 is the contents"
    for scenario in shipped.scenarios:
        assert scenario.title in whole, scenario.title
    for template in shipped.templates():
        if template.subject:
            assert flat(fill_text(template.subject, {}, shipped)) in whole, template.subject
    for field in shipped.fields:
        assert field.label in whole


def test_page_count_is_in_the_expected_range(shipped_pdf: Path, shipped: Handbook) -> None:
    pages = len(PdfReader(shipped_pdf).pages)
    # Cover, contents, intro, back matter; each scenario at least a page, and no more than eight.
    assert 4 + len(shipped.scenarios) <= pages <= 8 + 8 * len(shipped.scenarios), pages


def test_contents_page_numbers_are_where_each_scenario_starts(texts: list[str], shipped: Handbook) -> None:
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
            f"page {number} should show {scenario.title!r} under its category"
        )


def test_each_scenario_starts_at_the_top_of_a_new_page(shipped_pdf: Path, shipped: Handbook) -> None:
    reader = PdfReader(shipped_pdf)
    height = float(reader.pages[0].mediabox.height)
    top_of_text = height - 24 * 72 / 25.4  # the print stylesheet's top page margin: 24 mm
    for scenario in shipped.scenarios:
        dest = reader.named_destinations[doc.anchor(scenario.id)]
        top = float(dest.top or 0)
        assert top == pytest.approx(top_of_text, abs=1.0), (
            f"{scenario.title!r} starts {top_of_text - top:.0f} pt below the top of its page"
        )


def test_every_page_but_the_cover_has_running_head_and_page_x_of_y(texts: list[str]) -> None:
    total = len(texts)
    assert "Page 1 of" not in texts[0], "the cover carries no footer"
    for number, text in enumerate(texts[1:], start=2):
        assert f"Page {number} of {total}" in text, f"page {number} has no 'Page x of y' footer"


def _link_names(reader: PdfReader) -> list[tuple[int, str]]:
    found = []
    for index, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            if isinstance(action, DictionaryObject) and action.get("/S") == "/URI":
                continue
            dest = annot.get("/Dest")
            if dest is None and isinstance(action, DictionaryObject):
                dest = action.get("/D")
            found.append((index, str(dest)))
    return found


def test_internal_links_point_to_existing_destinations(shipped_pdf: Path, texts: list[str], shipped: Handbook) -> None:
    reader = PdfReader(shipped_pdf)
    names = reader.named_destinations
    links = _link_names(reader)
    assert len(links) >= 2 * len(shipped.scenarios), "the contents and cross-references should be links"
    missing = sorted({name for _, name in links if name not in names})
    assert not missing, f"links to missing destinations: {missing[:5]}"
    for scenario in shipped.scenarios:
        target = names[doc.anchor(scenario.id)]
        number = (reader.get_destination_page_number(target) or 0) + 1
        assert scenario.title in texts[number - 1]
        assert any(index == 1 and name == doc.anchor(scenario.id) for index, name in links), (
            f"the contents has no link to {scenario.title!r}"
        )


def test_images_have_alternative_text(shipped_pdf: Path) -> None:
    reader = PdfReader(shipped_pdf)
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

    walk(reader.root_object["/StructTreeRoot"])
    assert figures, "the logo should be a tagged figure"
    for figure in figures:
        assert str(figure.get("/Alt", "")).strip(), "a figure without alternative text"


def test_every_page_links_to_the_pdf_with_its_page_count(built_site: Path, shipped_pdf: Path) -> None:
    pages = len(PdfReader(shipped_pdf).pages)
    html_pages = [p for p in built_site.rglob("*.html") if p.name != "404.html"]
    assert html_pages
    for page in html_pages:
        text = page.read_text(encoding="utf-8")
        match = re.search(r'<a href="([^"]*handbook\.pdf)" download>Download the handbook \(PDF, (\d+) pages\)', text)
        assert match, f"{page.relative_to(built_site)} has no link to the PDF"
        assert int(match.group(2)) == pages
        assert (page.parent / match.group(1)).resolve() == shipped_pdf.resolve()
        assert pdf.PENDING_PAGES not in text, f"{page.relative_to(built_site)} still waits for the page count"


# --- US Letter, from the brand (one small fixture build) ------------------------------


def test_letter_paper_from_the_brand(tmp_path: Path) -> None:
    project = fixture_project(tmp_path / "letter", "minimal")
    brand = project / "brand.yml"
    text = brand.read_text(encoding="utf-8")
    assert re.search(r"^paper: A4$", text, flags=re.M), "brand.yml should say `paper: A4`"
    brand.write_text(re.sub(r"^paper: A4$", "paper: Letter", text, flags=re.M), encoding="utf-8")
    result = run_build(project, pdf=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not re.search(r"WARNING.*PDF", result.stdout + result.stderr), "WeasyPrint warned on the fixture"
    path = project / "site" / pdf.PDF_NAME
    info = pdfinfo(path)
    width, height = (float(x) for x in re.findall(r"[\d.]+", info["Page size"])[:2])
    assert (width, height) == pytest.approx(POINTS["Letter"], abs=0.5)
    texts = page_texts(path)
    assert texts[1].count("Contents") >= 1 and "Page 2 of" in texts[1], "the cover must fit on one Letter page"
    for title in ("Alpha", "Beta"):
        assert any(title in t for t in texts), title


# --- Printing one page from the browser (Ctrl+P): docs/assets/stylesheets/print.css --------


@pytest.mark.browser
def test_printing_one_page_from_the_browser_is_clean(browser, site_url: str, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    scenario = sorted(p for p in (built_site / "situations").glob("*.html") if p.name != "index.html")[0]
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(site_url + scenario.relative_to(built_site).as_posix())
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
        page.emulate_media(media="print")
        for hidden in (".md-header", ".md-sidebar--primary", ".md-search", ".ktb-pdf-download", ".md-footer"):
            assert not page.locator(hidden).first.is_visible(), f"{hidden} shows on paper"
        facts = page.evaluate(
            """() => {
              const body = document.querySelector('.md-typeset');
              const blank = document.querySelector('.ktb-blank:not([data-filled])');
              const link = document.createElement('a');
              link.href = 'https://example.org/more';
              link.textContent = 'more';
              body.append(link);
              const after = getComputedStyle(link, '::after').content;
              link.remove();
              const b = getComputedStyle(blank);
              return {colour: getComputedStyle(body).color, after, border: b.borderTopStyle,
                      background: b.backgroundColor, label: blank.textContent};
            }"""
        )
        assert facts["colour"] == "rgb(0, 0, 0)", "the dark palette must not print light text"
        assert "https://example.org/more" in facts["after"], "a link's address is written out on paper"
        assert facts["border"] == "solid" and facts["background"] in ("rgba(0, 0, 0, 0)", "transparent")
        assert facts["label"].startswith("[")
        printed = page.pdf(format="A4")
    finally:
        context.close()
    text = " ".join(PdfReader(io.BytesIO(printed)).pages[0].extract_text().split())
    assert "Download the handbook" not in text and "Skip to content" not in text
