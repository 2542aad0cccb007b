"""Each page links one stylesheet: Material's, the brand's and the project's (`extra_css`), in one file.

Each stylesheet a page links holds up its first paint; a phone on a slow network fetches a handful at
a time. `extra_css` stays a list of small files, one concern each, for the people who edit them; the
pages link one file with Material's stylesheets first and then all of ours, in the order the browser
would have applied them, kept in the same folder so that their relative `url(…)`s still resolve. The
files themselves still ship. Material's part is read through macros/plugin/internals.py: at a Material
version other than the pinned one, the pages link Material's files as before and the bundle holds ours.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import File, Files

from . import internals

BUNDLE = "assets/stylesheets/ktb.css"
FOLDER = BUNDLE.rsplit("/", 1)[0] + "/"
CHARSET = '@charset "UTF-8";'


def bundle(files: Files, config: Any) -> Files:
    """Put Material's and the project's stylesheets into one file, and link that one in their place.

    Only files of this build in the bundle's folder join it (an address to another folder or host, or one
    with a query, stays a link of its own), and only if none of ours has a rule that must come first.
    `extra.ktb_theme_css` names the Material stylesheets joined, whose links the base template leaves out.
    """
    config.extra["ktb_theme_css"] = []
    joined: list[tuple[str, str]] = []
    for entry in config.extra_css:
        path = str(entry)
        file = files.get_file_from_path(path) if path.startswith(FOLDER) and "?" not in path else None
        if file is None:
            continue
        text = file.content_string
        if "@import" in text or "@charset" in text:
            return files  # such a rule is only valid at the top of a stylesheet
        joined.append((path, text))
    if not joined:
        return files
    first = next(i for i, entry in enumerate(config.extra_css) if str(entry) == joined[0][0])
    # Material's come before every extra_css link; they join only if no link of another folder or host
    # comes before ours, so that nothing changes places.
    theme = internals.theme_stylesheets(config, files) if first == 0 else []
    if len(theme) + len(joined) < 2:
        return files
    # Material's main stylesheet opens with @charset, valid only at the top: it stays there, once.
    parts = [(path, text.removeprefix(CHARSET)) for path, text in [*theme, *joined]]
    charset = CHARSET + "\n" if any(text.startswith(CHARSET) for _, text in theme) else ""
    content = charset + "".join(f"/* {path} */\n{text.strip()}\n\n" for path, text in parts)
    files.append(File.generated(config, BUNDLE, content=content))
    config.extra["ktb_theme_css"] = [path for path, _ in theme]
    bundled = {path for path, _ in joined}
    kept = [entry for entry in config.extra_css if str(entry) not in bundled]
    config.extra_css[:] = [*kept[:first], BUNDLE, *kept[first:]]
    return files
