"""The project's stylesheets reach each page as one file, in the order mkdocs.yml lists them (Lighthouse, issue 14)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import yaml
from mkdocs.structure.files import File, Files

from macros.plugin import stylesheets
from tests.support.project import ROOT

OURS = "assets/stylesheets/"


def config_with(extra_css: list[str]) -> SimpleNamespace:
    """What the bundler reads of MkDocs' config (File.generated asks for the plugin running)."""
    plugins = SimpleNamespace(_current_plugin="keep-the-bridge")
    return SimpleNamespace(extra_css=list(extra_css), use_directory_urls=False, site_dir="/nowhere", plugins=plugins)


def css_files(contents: dict[str, str]) -> Files:
    return Files([File.generated(config_with([]), path, content=text) for path, text in contents.items()])  # type: ignore[call-overload]


def test_our_stylesheets_become_one_in_their_order_and_in_their_place() -> None:
    config = config_with(["https://cdn.example/x.css", f"{OURS}a.css", "other/b.css", f"{OURS}c.css"])
    files = css_files(
        {f"{OURS}a.css": "a { color: red; }\n", "other/b.css": "b {}", f"{OURS}c.css": "c { color: blue; }"}
    )
    stylesheets.bundle(files, config)  # type: ignore[arg-type]
    assert config.extra_css == ["https://cdn.example/x.css", stylesheets.BUNDLE, "other/b.css"], (
        "a file from another folder or host keeps its own link; the bundle takes the first one's place"
    )
    bundle = files.get_file_from_path(stylesheets.BUNDLE)
    assert bundle is not None
    text = bundle.content_string
    assert text.index("a { color: red; }") < text.index("c { color: blue; }") and "b {}" not in text


def test_a_rule_that_must_come_first_leaves_the_links_as_they_are() -> None:
    for first in ("@import url(x.css);", "@charset 'utf-8';"):
        config = config_with([f"{OURS}a.css", f"{OURS}b.css"])
        files = css_files({f"{OURS}a.css": "a {}", f"{OURS}b.css": f"{first}\nb {{}}"})
        stylesheets.bundle(files, config)  # type: ignore[arg-type]
        assert config.extra_css == [f"{OURS}a.css", f"{OURS}b.css"]
        assert files.get_file_from_path(stylesheets.BUNDLE) is None


def test_every_page_links_one_stylesheet_of_ours_holding_each_listed_file(built_site: Path) -> None:
    listed = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))["extra_css"]
    bundle = (built_site / stylesheets.BUNDLE).read_text(encoding="utf-8")
    positions = [bundle.index(f"/* {path} */\n") for path in ["assets/stylesheets/brand.css", *listed]]
    assert positions == sorted(positions), "the brand's colours first, then mkdocs.yml's order"
    for path in listed:
        assert (ROOT / "docs" / path).read_text(encoding="utf-8").strip() in bundle
    for page in ("index.html", "es/library.html", "404.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        links = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
        ours = [
            link for link in links if "/stylesheets/" in link and not re.search(r"(main|palette)\.\w+\.min\.css", link)
        ]
        assert [link.rsplit("/", 1)[-1] for link in ours] == ["ktb.css"], page
