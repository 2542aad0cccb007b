"""A fork's local/docs/ and local/site.yml: replace a guide, add a page to the nav, allow analytics hosts."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

from macros.plugin import local_site
from tests.support.project import copy_project, run_build

SITE_YML = """\
# yaml-language-server: $schema=../scenarios/schema/site.schema.json
nav:
  - title: Our offices
    page: offices.md
    after: guides/after-you-cancel.md
  - title: Privacy notice
    page: privacy.md
csp:
  script-src: [https://www.googletagmanager.com]
  connect-src: ["https://*.google-analytics.com", "https://*.analytics.google.com"]
"""
NAV: list[Any] = [
    {"Start here": "index.md"},
    {"Guides": ["guides/index.md", {"After you cancel": "guides/after-you-cancel.md"}, {"Why": "guides/why.md"}]},
    {"Message library": "library.md"},
]


def local(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def problems(root: Path, files: dict[str, str]) -> list[str]:
    return [str(p) for p in local_site.load(local(root, files))[1]]


PAGES = {"local/docs/offices.md": "# Our offices\n", "local/docs/privacy.md": "# Privacy\n"}


def test_no_local_folder_adds_nothing(tmp_path: Path) -> None:
    site, found = local_site.load(tmp_path)
    assert (site.pages, site.nav, site.csp, found) == ((), (), (), [])


def test_pages_nav_places_and_hosts_are_read(tmp_path: Path) -> None:
    site, found = local_site.load(local(tmp_path, {**PAGES, "local/site.yml": SITE_YML}))
    assert found == []
    assert site.pages == ("offices.md", "privacy.md")
    assert [(p.page, p.after, p.before) for p in site.nav] == [
        ("offices.md", "guides/after-you-cancel.md", None),
        ("privacy.md", None, None),
    ]
    assert dict(site.csp)["connect-src"] == ("https://*.google-analytics.com", "https://*.analytics.google.com")


def test_mistakes_are_reported_with_file_line_and_fix(tmp_path: Path) -> None:
    text = (
        "nav:\n  - title: Our offices\n    page: ofices.md\n    after: library.md\n    before: library.md\n"
        "csp:\n  script-src: [\"'unsafe-inline'\", http://tracker.example.com, https://ok.example.com]\n"
    )
    found = problems(tmp_path, {**PAGES, "local/site.yml": text, "local/docs/situations/missed-interview.md": "x"})
    assert found == [
        "local/docs/situations/missed-interview.md:1:1: scenario and category pages are made from the data, so "
        "this page would be ignored — change the scenario in local/scenarios/ (see FORKING.md), or move this "
        "page out of situations/",
        "local/site.yml:3:11: there is no page local/docs/ofices.md — did you mean 'offices.md'? write the page "
        "there, or give its path relative to local/docs/",
        "local/site.yml:5:13: a page goes either after or before another — keep one of them",
        "local/site.yml:7:16: ''unsafe-inline'' is not an https:// host the policy can take — write it like "
        "https://www.example-analytics.com or https://*.example-analytics.com, with no quotes, spaces, ; or "
        "keywords such as 'unsafe-inline'",
        "local/site.yml:7:35: 'http://tracker.example.com' is not an https:// host the policy can take — write it "
        "like https://www.example-analytics.com or https://*.example-analytics.com, with no quotes, spaces, ; or "
        "keywords such as 'unsafe-inline'",
    ]


def test_an_unknown_directive_is_a_schema_problem(tmp_path: Path) -> None:
    found = problems(tmp_path, {"local/site.yml": "csp:\n  script_src: [https://x.example.com]\n"})
    assert found == [
        "local/site.yml:2:3: unknown field 'script_src' — did you mean 'script-src'? remove it or use one of: "
        "connect-src, font-src, frame-src, img-src, script-src, style-src"
    ]


def test_hosts_that_could_break_the_policy_are_refused() -> None:
    good = ["https://www.googletagmanager.com", "https://*.google-analytics.com", "https://a.example.com:8443/x/"]
    bad = [
        "https://*",
        "https://x.example.com; script-src *",
        "https://x.example.com 'unsafe-eval'",
        "data:",
        "https://exa mple.com",
        "https://*.*.example.com",
        'https://x.example.com"',
    ]
    assert all(local_site.HOST.match(h) for h in good)
    assert not [h for h in bad if local_site.HOST.match(h)]


def test_pages_are_placed_after_before_or_at_the_end(tmp_path: Path) -> None:
    text = (
        "nav:\n  - {title: Page A, page: a.md, after: guides/after-you-cancel.md}\n"
        "  - {title: Page B, page: b.md, before: library.md}\n  - {title: Page C, page: c.md}\n"
    )
    files = {"local/site.yml": text, "local/docs/a.md": "a", "local/docs/b.md": "b", "local/docs/c.md": "c"}
    site, found = local_site.load(local(tmp_path, files))
    nav, more = local_site.place_nav(copy.deepcopy(NAV), site)
    assert found == more == []
    assert nav == [
        {"Start here": "index.md"},
        {
            "Guides": [
                "guides/index.md",
                {"After you cancel": "guides/after-you-cancel.md"},
                {"Page A": "a.md"},
                {"Why": "guides/why.md"},
            ]
        },
        {"Page B": "b.md"},
        {"Message library": "library.md"},
        {"Page C": "c.md"},
    ]


def test_a_place_not_in_the_nav_is_reported(tmp_path: Path) -> None:
    files = {
        "local/site.yml": "nav:\n  - {title: Page A, page: a.md, after: guides/after-you-cancl.md}\n",
        "local/docs/a.md": "a",
    }
    site, _ = local_site.load(local(tmp_path, files))
    _, found = local_site.place_nav(copy.deepcopy(NAV), site)
    assert [str(p) for p in found] == [
        "local/site.yml:2:40: 'guides/after-you-cancl.md' is not a page in the navigation — did you mean "
        "'guides/after-you-cancel.md'? use one of: index.md, guides/index.md, guides/after-you-cancel.md, "
        "guides/why.md, library.md"
    ]


def test_hosts_join_the_policy(tmp_path: Path) -> None:
    site, _ = local_site.load(local(tmp_path, {"local/site.yml": SITE_YML, **PAGES}))
    page = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' 'sha256-x'\">"
    assert local_site.add_hosts(page, site) == (
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' 'sha256-x' "
        "https://www.googletagmanager.com; connect-src 'self' https://*.google-analytics.com "
        'https://*.analytics.google.com">'
    )
    assert local_site.add_hosts("<p>no policy</p>", site) == "<p>no policy</p>"


def test_a_fork_replaces_a_guide_adds_pages_and_allows_its_analytics(tmp_path: Path) -> None:
    """Reproduce: put the files below in local/ of a fork, then KTB_PDF=0 mkdocs build --strict."""
    project = copy_project(tmp_path)
    local(
        project,
        {
            **PAGES,
            "local/docs/offices.md": "# Our offices\n\nSee [how much notice](guides/how-much-notice.md).\n",
            "local/docs/guides/how-much-notice.md": "# How much notice\n\nHarbour's own advice: call us first.\n",
            "local/site.yml": SITE_YML,
        },
    )
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    guide = (site / "guides" / "how-much-notice.html").read_text(encoding="utf-8")
    assert "Harbour&#39;s own advice" in guide or "Harbour's own advice" in guide
    assert "Tell them the moment you know" not in guide  # ours is gone
    assert (project / "docs" / "guides" / "how-much-notice.md").read_text(encoding="utf-8").startswith("# How much")
    home = (site / "index.html").read_text(encoding="utf-8")
    order = re.findall(r'href="([^"]*)" class="md-nav__link', (site / "guides" / "index.html").read_text("utf-8"))
    assert order.index("../offices.html") == order.index("after-you-cancel.html") + 1
    assert order[-1] == "../privacy.html" and "privacy.html" in home
    for page in [*site.rglob("*.html")]:
        policy = re.search(r'Content-Security-Policy" content="([^"]*)"', page.read_text(encoding="utf-8"))
        assert policy, f"{page} has no policy"
        directives = {d.split()[0]: d.split()[1:] for d in policy.group(1).split("; ")}
        assert "https://www.googletagmanager.com" in directives["script-src"], page
        assert directives["connect-src"] == [
            "'self'",
            "https://*.google-analytics.com",
            "https://*.analytics.google.com",
        ]


def test_a_broken_site_file_stops_the_build_with_its_place(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    local(project, {"local/site.yml": "csp:\n  script-src: [http://tracker.example.com]\n"})
    result = run_build(project)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "local/site.yml:2:16: 'http://tracker.example.com' is not an https:// host" in result.stderr
    assert not (project / "site").exists()
