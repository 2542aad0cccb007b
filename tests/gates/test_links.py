"""Links gate: every internal link and anchor in the built site resolves, and so does every PDF link.

Checked in the built HTML itself (`mkdocs build --strict` checks Markdown links, and skips anchors
when run with -v in MkDocs 1.6.1): each href/src on each page, against the files of site/ and the
ids of the page it points at. In site/handbook.pdf: each link annotation goes to a destination that
exists, and no link points at a relative file, which a PDF reader cannot open.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from tests.support.pages import html_pages

BASE = "http://handbook.invalid/"  # stands for the site root while resolving relative links
EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "sms", "javascript", "data", "blob"}
URL_ATTRIBUTES = {"href", "src", "xlink:href"}
URL_ATTRIBUTES_OF = {"object": {"data"}, "video": {"poster"}, "form": {"action"}}


class PageLinks(HTMLParser):
    """The ids (and <a name>) of one page, and every URL its elements point at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[str, str, int]] = []  # (tag, url, line)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            elif name in URL_ATTRIBUTES or name in URL_ATTRIBUTES_OF.get(tag, ()):
                self.urls.append((tag, value.strip(), line))
            elif name == "srcset":
                self.urls += [(tag, part.split()[0], line) for part in value.split(",") if part.strip()]


def parse(site: Path, rel: str) -> PageLinks:
    parser = PageLinks()
    parser.feed((site / rel).read_text(encoding="utf-8"))
    parser.close()
    return parser


def target_file(site: Path, path: str) -> Path:
    """The file a URL path names in site/ (a folder means its index.html)."""
    candidate = site / unquote(path).lstrip("/")
    return candidate / "index.html" if path.endswith("/") or candidate.is_dir() else candidate


def broken_links(site: Path) -> tuple[list[str], int]:
    """Every broken internal link in the built HTML, as `page:line: url — why`; and how many were checked."""
    pages = html_pages(site)
    parsed = {rel: parse(site, rel) for rel in pages}
    broken: list[str] = []
    checked = 0
    for rel, links in parsed.items():
        for tag, url, line in links.urls:
            parts = urlsplit(urljoin(BASE + rel, url))
            if parts.scheme in EXTERNAL_SCHEMES and not parts.netloc.endswith("handbook.invalid"):
                continue
            checked += 1
            where = f"{rel}:{line}: <{tag}> {url!r}"
            if parts.scheme not in ("http", "https") or parts.netloc != "handbook.invalid":
                broken.append(f"{where} — not a link a static site can follow ({parts.scheme}:)")
                continue
            file = target_file(site, parts.path)
            if not file.is_file():
                broken.append(f"{where} — no file {file.relative_to(site).as_posix()} in the built site")
                continue
            fragment = unquote(parts.fragment)
            target = file.relative_to(site).as_posix()
            if fragment and fragment != "top" and target in parsed and fragment not in parsed[target].ids:
                broken.append(f"{where} — {target} has no element with id {fragment!r}")
    return broken, checked


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    broken, checked = broken_links(built_site)
    assert checked > 100, f"only {checked} internal links found: is the parser reading the pages?"
    assert not broken, f"{len(broken)} broken internal link(s):\n" + "\n".join(broken)


def test_the_checker_catches_a_broken_anchor_and_a_missing_file(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="#here" id="here">ok</a><a href="a/b.html#nowhere">bad</a>'
        '<img src="missing.png" alt=""><a href="https://example.org/x">external</a>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "index.html").write_text('<a href="../index.html#here">ok</a>', encoding="utf-8")
    (tmp_path / "a" / "b.html").write_text("<p id=there>no anchor named nowhere</p>", encoding="utf-8")
    broken, checked = broken_links(tmp_path)
    assert checked == 5
    assert [line.split(" — ")[1] for line in broken] == [
        "a/b.html has no element with id 'nowhere'",
        "no file missing.png in the built site",
    ]


# ---- The PDF ---------------------------------------------------------------------------------


def pdf_link_problems(pdf: Path) -> tuple[list[str], int]:
    """Every PDF link whose destination is missing or is a relative file; and how many links there are."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject

    reader = PdfReader(pdf)
    names = set(reader.named_destinations)
    page_ids = {page.indirect_reference.idnum for page in reader.pages if page.indirect_reference}
    problems: list[str] = []
    count = 0
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            if link.get("/Subtype") != "/Link":
                continue
            count += 1
            action = link.get("/A") or {}
            dest = link.get("/Dest", action.get("/D") if action.get("/S") == "/GoTo" else None)
            dest = dest.get_object() if hasattr(dest, "get_object") else dest  # Typst may write it as a reference
            uri = str(action.get("/URI", "")) if action.get("/S") == "/URI" else None
            where = f"{pdf.name} page {number}"
            if uri is not None:
                if urlsplit(uri).scheme not in EXTERNAL_SCHEMES:
                    problems.append(f"{where}: link to {uri!r} points at a file, which a PDF cannot open")
            elif isinstance(dest, ArrayObject):
                ref = dest[0] if dest else None
                if getattr(ref, "idnum", None) not in page_ids:
                    problems.append(f"{where}: link to a page that is not in the document ({dest!r})")
            elif dest is not None:
                if str(dest) not in names:
                    problems.append(f"{where}: link to #{dest} but the PDF has no destination of that name")
            elif action.get("/S") not in ("/GoTo", "/URI"):
                problems.append(f"{where}: link with no destination ({action.get('/S')})")
    return problems, count


def test_every_pdf_link_resolves(built_site: Path) -> None:
    pdf = built_site / "handbook.pdf"
    assert pdf.is_file(), "the shipped build (built_site, with the PDF on) made no site/handbook.pdf"
    problems, count = pdf_link_problems(pdf)
    assert count > 0, "the PDF has no links at all: its table of contents should link to each section"
    assert not problems, f"{len(problems)} broken PDF link(s):\n" + "\n".join(problems)
