"""Each page links one stylesheet: Material's, then ours in the order mkdocs.yml lists them (Lighthouse, issue 14)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import yaml
from mkdocs.structure.files import File, Files

from macros.plugin import internals, stylesheets
from tests.support.project import ROOT

OURS = "assets/stylesheets/"


MATERIAL_BASE = """<head>
    {% block styles %}
      <link rel="stylesheet" href="{{ 'assets/stylesheets/main.1234abcd.min.css' | url }}">
      {% if config.theme.palette %}
        <link rel="stylesheet" href="{{ 'assets/stylesheets/palette.5678ef90.min.css' | url }}">
      {% endif %}
    {% endblock %}
"""


class Theme(dict):  # type: ignore[type-arg]
    """MkDocs' Theme: its options by key, and the folders its templates come from."""

    def __init__(self, dirs: list[Path], **options: object) -> None:
        super().__init__(options)
        self.dirs = [str(d) for d in dirs]


def config_with(extra_css: list[str], theme: Theme | None = None) -> SimpleNamespace:
    """What the bundler reads of MkDocs' config (File.generated asks for the plugin running)."""
    plugins = SimpleNamespace(_current_plugin="keep-the-bridge")
    return SimpleNamespace(
        extra_css=list(extra_css),
        extra={},
        theme=Theme([]) if theme is None else theme,
        use_directory_urls=False,
        site_dir="/nowhere",
        plugins=plugins,
    )


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


def material_theme(tmp_path: Path, **options: object) -> tuple[Theme, dict[str, str]]:
    """A theme folder like Material's (an override folder first, without base.html) and its stylesheets."""
    (tmp_path / "material").mkdir(parents=True)
    (tmp_path / "material" / "base.html").write_text(MATERIAL_BASE, encoding="utf-8")
    rule = internals.COLOR_SWITCH_RULE
    css = {
        f"{OURS}main.1234abcd.min.css": '@charset "UTF-8";html{box-sizing:border-box}',
        f"{OURS}palette.5678ef90.min.css": f'@charset "UTF-8";{rule}[data-md-color-scheme=slate]{{color-scheme:dark}}',
    }
    return Theme([tmp_path / "overrides", tmp_path / "material"], **options), css


def test_material_stylesheets_come_first_once_with_one_charset_and_without_the_switching_rule(tmp_path: Path) -> None:
    theme, css = material_theme(tmp_path, palette=[{"scheme": "default"}])
    config = config_with([f"{OURS}a.css"], theme)
    files = css_files({**css, f"{OURS}a.css": "a { color: red; }"})
    stylesheets.bundle(files, config)  # type: ignore[arg-type]
    assert config.extra["ktb_theme_css"] == list(css), "the base template's order: main, then palette"
    text = files.get_file_from_path(stylesheets.BUNDLE).content_string  # type: ignore[union-attr]
    assert text.startswith('@charset "UTF-8";\n') and text.count("@charset") == 1
    assert text.index("html{box-sizing") < text.index("color-scheme:dark") < text.index("a { color: red; }")
    assert "data-md-color-switching" not in text, "the rule that restyles the whole page twice per load"
    assert config.extra_css == [stylesheets.BUNDLE]


def test_material_stylesheets_stay_links_where_they_cannot_join_in_the_same_order(tmp_path: Path) -> None:
    theme, css = material_theme(tmp_path)  # no palette: only the main stylesheet is Material's
    config = config_with([f"{OURS}a.css", f"{OURS}b.css"], theme)
    stylesheets.bundle(config=config, files=css_files({**css, f"{OURS}a.css": "a {}", f"{OURS}b.css": "b {}"}))
    assert config.extra["ktb_theme_css"] == [f"{OURS}main.1234abcd.min.css"]
    # A stylesheet from another host listed first: Material's would move after it, so they keep their links.
    theme, css = material_theme(tmp_path / "2", palette=[{}])
    config = config_with(["https://cdn.example/x.css", f"{OURS}a.css"], theme)
    files = css_files({**css, f"{OURS}a.css": "a {}"})
    stylesheets.bundle(files, config)  # type: ignore[arg-type]
    assert config.extra["ktb_theme_css"] == []
    assert config.extra_css == ["https://cdn.example/x.css", f"{OURS}a.css"], "one file of ours: nothing to join"
    # A theme whose template links files this build does not have (another Material): links as before.
    theme, css = material_theme(tmp_path / "3", palette=[{}])
    config = config_with([f"{OURS}a.css", f"{OURS}b.css"], theme)
    stylesheets.bundle(css_files({f"{OURS}a.css": "a {}", f"{OURS}b.css": "b {}"}), config)  # type: ignore[arg-type]
    assert config.extra["ktb_theme_css"] == [] and config.extra_css == [stylesheets.BUNDLE]


def test_every_page_links_one_stylesheet_of_ours_holding_each_listed_file(built_site: Path) -> None:
    listed = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))["extra_css"]
    bundle = (built_site / stylesheets.BUNDLE).read_text(encoding="utf-8")
    positions = [bundle.index(f"/* {path} */\n") for path in ["assets/stylesheets/brand.css", *listed]]
    assert positions == sorted(positions), "the brand's colours first, then mkdocs.yml's order"
    for path in listed:
        assert (ROOT / "docs" / path).read_text(encoding="utf-8").strip() in bundle
    material = sorted((built_site / "assets" / "stylesheets").glob("*.min.css"))
    assert [p.name.split(".")[0] for p in material] == ["main", "palette"]
    for path in material:  # Material's own first, whole but for the rule that restyles every element twice
        text = path.read_text(encoding="utf-8").removeprefix('@charset "UTF-8";')
        assert text.replace(internals.COLOR_SWITCH_RULE, "").strip() in bundle
    assert bundle.index("/* assets/stylesheets/palette.") < bundle.index("/* assets/stylesheets/brand.css */")
    assert "data-md-color-switching" not in bundle
    for page in ("index.html", "es/library.html", "404.html", "situations/accepted-another-offer.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        links = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
        assert [link.rsplit("/", 1)[-1] for link in links] == ["ktb.css"], f"{page} links {links}"
