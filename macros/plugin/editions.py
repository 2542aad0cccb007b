"""Language editions in one `mkdocs build`: the root edition starts one child build per other language.

The root build (the first of `extra.languages`) runs as usual and, once its staging folder exists,
starts `python -m mkdocs build` for every other language, in parallel, each into a folder beside the
staging folder, with KTB_LANGUAGE set so that the child neither stages, publishes nor starts children
of its own. Before the swap, the root build waits for them and moves each into `<staging>/<lang>/`;
if one fails, the whole build fails and nothing is published. A child edition reads the same
mkdocs.yml: its pages are `docs/<lang>/<path>` at the English path, its data the English model with
`scenarios/<lang>/` merged on (macros/data/translations.py), its theme language `<lang>`.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

from ..data import i18n
from ..data.problems import Problem
from ..data.ui import ENGLISH
from ..data.yamlsource import read

log = logging.getLogger("mkdocs.hooks.keep_the_bridge.editions")
UI_FILE = "_ui.yml"
PIPELINE: tuple[str, ...] = ()  # lunr functions kept in a translated edition's search (see apply_config)
NAMES = {"en": "English", "es": "Español", "fr": "Français", "de": "Deutsch", "pt": "Português", "it": "Italiano"}


def language_of(config: Any) -> tuple[str, i18n.Settings, list[Problem]]:
    """This build's language (a child's KTB_LANGUAGE, else the first of `languages`) and the settings."""
    settings, problems = i18n.settings_from(config["extra"])
    return i18n.child_language() or settings.root, settings, problems


def ui_strings(root: Path, lang: str) -> tuple[dict[str, Any], list[Problem]]:
    """The interface words of `lang` from scenarios/<lang>/_ui.yml (English: macros/data/ui.py), keys checked."""
    file = root / "scenarios" / lang / UI_FILE
    if lang == i18n.SOURCE_LANGUAGE or not file.exists():
        return {}, []
    rel = file.relative_to(root).as_posix()
    src, problems = read(file, rel)
    if src is None or problems or not isinstance(src.data, dict):
        return {}, problems
    for key, value in src.data.items():
        if key == "nav":
            continue
        if key not in ENGLISH:
            problems.append(
                src.problem((key,), f"'{key}' is not an interface word", "use a key of macros/data/ui.py", key=True)
            )
        elif not isinstance(value, str):
            problems.append(src.problem((key,), f"'{key}' must be text", "write it as one line of text"))
    return dict(src.data), problems


def words(strings: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """The interface words for the model (Handbook.words): every text key of the language's strings."""
    return tuple((k, v) for k, v in strings.items() if isinstance(v, str) and k in ENGLISH)


def apply_config(config: Any, lang: str, settings: i18n.Settings, strings: dict[str, Any]) -> None:
    """Theme language (Material's own words and search stemmer), the nav in this language, the switcher."""
    config["theme"]["language"] = lang
    config["extra"]["ktb_language"] = lang
    config["extra"]["ktb_ui"] = strings
    config["extra"]["ktb_words"] = {**ENGLISH, **dict(words(strings))}  # for the theme's templates
    # The words the page scripts write (and the library count the page starts with), as data-ktb-words.
    config["extra"]["ktb_js_words"] = {
        k: v for k, v in config["extra"]["ktb_words"].items() if k.startswith("js.") or k == "showing_all"
    }
    search = config["plugins"].get("material/search") or config["plugins"].get("search")
    if search is not None and lang != i18n.SOURCE_LANGUAGE:
        # lunr's support for this language (its word splitting and the index's language), with an empty
        # pipeline: Material adds `*` to every word typed and lunr does not stem such words, so a stemmed
        # index misses them (tests/browser/test_findability_es.py measures it).
        # In place: the search plugin's own on_config may already have handed these lists to its index.
        _set_list(search.config, "lang", [lang])
        _set_list(search.config, "pipeline", list(PIPELINE))
    if lang != i18n.SOURCE_LANGUAGE and config["nav"]:
        config["nav"] = _nav_in(config["nav"], strings.get("nav", {}))
    config["extra"]["alternate"] = alternates(config)


def _nav_in(nav: list[Any], titles: dict[str, str]) -> list[Any]:
    """The nav with its titles looked up in the language's strings (a page's own title where none is given)."""
    out: list[Any] = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            ((title, target),) = item.items()
            key = target if isinstance(target, str) else title
            new = titles.get(key) or titles.get(title)
            if isinstance(target, list):
                out.append({new or title: _nav_in(target, titles)})
            else:
                out.append({new: target} if new else target)
        else:
            out.append(item)
    return out


def alternates(config: Any) -> list[dict[str, str]] | None:
    """Material's `extra.alternate`: one `#ktb-alt-<lang>` marker per edition, made page-relative by `fill_alternates`.

    MkDocs' `url` filter, which Material puts every alternate link through, cannot leave a site's root
    (it folds `../`), and a link to the other edition must; a `#` link passes the filter untouched.
    `home` is that edition's home page from the site's root, for the head's `<link rel="alternate" hreflang>`:
    overrides/main.html writes those only when `site_url` is set, as absolute addresses (search engines
    and Lighthouse ignore relative ones). They name each edition's home page, not this page in each
    edition: Material's script fetches `sitemap.xml` beside each of them, and there is one only at an
    edition's root.
    """
    settings, _ = i18n.settings_from(config["extra"])
    if len(settings.languages) < 2:
        return None
    return [
        {
            "name": NAMES.get(code, code),
            "lang": code,
            "link": f"#ktb-alt-{code}",
            "home": ("" if code == settings.root else f"{code}/") + "index.html",
        }
        for code in settings.languages
    ]


def fill_alternates(html: str, page_url: str, lang: str, settings: i18n.Settings) -> str:
    """Each `#ktb-alt-<lang>` marker becomes a relative link to this page in that edition.

    Material's language switcher uses them: it leads to the same page, with or without JavaScript,
    with or without `site_url`, and from a copy of the site opened anywhere.
    """
    if "#ktb-alt-" not in html:
        return html
    up = "../" * page_url.count("/") + ("" if lang == settings.root else "../")
    for code in settings.languages:
        edition = up + ("" if code == settings.root else f"{code}/")
        html = html.replace(f'href="#ktb-alt-{code}"', f'href="{(edition + page_url) or "./"}"')
    return html


def swap_pages(files: Files, config: Any, lang: str, settings: i18n.Settings) -> tuple[list[str], list[Problem]]:
    """Language folders leave the pages; in a translated edition, `docs/<lang>/<path>` takes each page's place."""
    docs = Path(config["docs_dir"])
    # Every language folder leaves the pages, listed or not: a fork that drops Spanish keeps docs/es/ untouched.
    scenarios = Path(config["config_file_path"]).resolve().parent / "scenarios"
    found = {p.name for p in scenarios.iterdir() if p.is_dir() and p.name.isalpha() and p.name.islower()}
    codes = (found | set(settings.languages)) - {i18n.SOURCE_LANGUAGE}
    folders = {f"{code}/" for code in codes if (docs / code).is_dir()}
    for file in list(files):
        if any(file.src_uri.startswith(folder) for folder in folders):
            files.remove(file)
    untranslated: list[str] = []
    problems: list[Problem] = []
    if lang == i18n.SOURCE_LANGUAGE:
        return untranslated, problems
    for file in list(files):
        if not file.is_documentation_page() or file.generated_by:
            continue
        translated = docs / lang / file.src_uri
        if translated.exists():
            files.remove(file)
            files.append(File.generated(config, file.src_uri, abs_src_path=str(translated)))
        else:
            untranslated.append(file.src_uri)
            rel = f"docs/{lang}/{file.src_uri}"
            problems.append(Problem(rel, 1, 1, f"the page {file.src_uri} is not translated", f"write {rel}"))
    return untranslated, problems


@dataclass
class Children:
    """The builds of the other editions, started by the root build."""

    running: dict[str, tuple[subprocess.Popen[bytes], Path]] = field(default_factory=dict)
    owner: int = field(default_factory=os.getpid)  # a forked page process must never stop them

    def start(self, config: Any, staging: Path, settings: i18n.Settings) -> None:
        self.owner = os.getpid()
        for lang in settings.others:
            out = Path(tempfile.mkdtemp(prefix=f".{staging.name}-{lang}-", dir=staging.parent))
            command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config["config_file_path"])]
            command += ["-d", str(out)] + (["--strict"] if config["strict"] else [])
            env = {**os.environ, i18n.CHILD_ENV: lang, "NO_MKDOCS_2_WARNING": "1"}
            # The root build already renders its pages in two processes: the editions run in one each.
            env.setdefault("KTB_JOBS", "1")
            log.info("Building the '%s' edition alongside", lang)
            self.running[lang] = (subprocess.Popen(command, env=env), out)
        atexit.register(self.stop)

    def finish(self, staging: Path) -> list[str]:
        """Wait for every edition; move each into the staging folder. The languages that failed."""
        failed: list[str] = []
        if os.getpid() != self.owner:
            return failed
        for lang, (process, out) in list(self.running.items()):
            if process.wait() != 0:
                failed.append(lang)
                shutil.rmtree(out, ignore_errors=True)
            else:
                os.replace(out, staging / lang)
        self.running.clear()
        return failed

    def stop(self) -> None:
        if os.getpid() != self.owner:
            return
        for process, out in self.running.values():
            if process.poll() is None:
                process.terminate()
                process.wait()
            shutil.rmtree(out, ignore_errors=True)
        self.running.clear()


def _set_list(options: Any, key: str, value: list[str]) -> None:
    """Set a list option, changing the list itself when there is one, so every holder of it sees the change."""
    current = options.get(key)
    if isinstance(current, list):
        current[:] = value
    else:
        options[key] = value
