"""Hostile input in Debian's Chromium: text that builds runs no script, tabs forget together, bad hashes throw nothing.

Reproduce by hand: build tests/fixtures/minimal with the titles in PAYLOADS, open the pages, watch for alerts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.project import fixture_project, run_build, serve

pytestmark = pytest.mark.browser

# Text that the data may hold (no angle brackets), built so that any unescaped use would run code.
PAYLOADS = {
    "title": "Pay & \"perks\" x' onmouseover='__pwned=1' &lt;/title&gt;&lt;script&gt;f()&lt;/script&gt;",
    "brand": 'Agency " onfocus="window.__pwned=3" autofocus="',
    "description": 'Help " onclick="window.__pwned=4" &lt;/title&gt;&lt;script&gt;__pwned=5&lt;/script&gt;',
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The minimal fixture with the payloads in a scenario title, the brand title and its description."""
    project = fixture_project(tmp_path_factory.mktemp("hostile"), "minimal")
    alpha = project / "scenarios" / "alpha.yml"
    title = PAYLOADS["title"].replace("'", "''")
    alpha.write_text(alpha.read_text().replace("title: Alpha situation for tests", f"title: '{title}'"))
    brand = project / "brand.yml"
    data = brand.read_text()
    data = data.replace("title: Keep the Bridge", f"title: '{PAYLOADS['brand']}'")
    data = re.sub(r"description: >-\n(  .*\n)+", f"description: '{PAYLOADS['description']}'\n", data)
    brand.write_text(data)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    with serve(project / "site", compress=False) as url:
        yield url


def test_text_that_builds_runs_no_script_on_any_page(browser, hostile_site: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:  # type: ignore[no-untyped-def]
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    for path in (
        "situations/alpha.html",
        "situations/beta.html",
        "library.html",
        "index.html",
        "situations/index.html",
    ):
        page.goto(hostile_site + path)
        page.mouse.move(5, 5)
        page.hover("header")
        page.keyboard.press("Tab")
        assert page.evaluate("window.__pwned") is None, f"{path}: an injected script ran"
        assert "perks" in page.content()
    assert dialogs == []
    page.close()


def test_forget_in_one_tab_reaches_another_open_tab(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    first, second = context.new_page(), context.new_page()
    first.goto(f"{site_url}library.html")
    first.locator("#ktb-field-your_name").fill("Sam Rivera")
    first.get_by_label("Remember on this device").check()
    second.goto(f"{site_url}library.html")
    assert second.locator("#ktb-field-your_name").input_value() == "Sam Rivera"
    first.get_by_role("button", name="Forget my details").click()
    second.wait_for_function("document.querySelector('#ktb-field-your_name').value === ''")
    assert not second.get_by_label("Remember on this device").is_checked()
    second.locator("#ktb-field-company").fill("Northwind")  # typing here must not keep anything for new tabs
    assert second.evaluate("localStorage.getItem('ktb.details')") is None
    third = context.new_page()
    third.goto(f"{site_url}library.html")
    assert third.locator("#ktb-field-your_name").input_value() == ""
    assert third.locator("#ktb-field-company").input_value() == ""
    context.close()


@pytest.mark.parametrize("hash_part", ["%", "%E0%A4%A", "%zz", "q-%"])
def test_a_malformed_address_hash_throws_nothing(browser, site_url: str, built_site: Path, hash_part: str) -> None:  # type: ignore[no-untyped-def]
    scenario = next(p.stem for p in (built_site / "situations").glob("*.html") if p.stem != "index")
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    for path in ("flowchart.html", f"situations/{scenario}.html?audience=agency", "library.html"):
        page.goto(f"{site_url}{path}#{hash_part}")
        page.evaluate(f"location.hash = '#{hash_part}x'")
        page.wait_for_timeout(50)
    assert errors == [], errors
    page.close()


def test_the_policy_comes_before_anything_from_the_brand(hostile_site: str) -> None:
    """The brand's description is in a <meta> too: the CSP must be read before it, and it stays one attribute."""
    import urllib.request

    with urllib.request.urlopen(hostile_site + "index.html", timeout=10) as response:
        head = response.read().decode("utf-8").split("</head>")[0]
    assert head.index('http-equiv="Content-Security-Policy"') < head.index('name="description"')
    description = re.search(r'<meta name="description" content="([^"]*)">', head)
    assert description is not None and "onclick=&quot;" in description.group(1), "quotes stay inside the value"
