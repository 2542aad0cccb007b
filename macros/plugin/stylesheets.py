"""The project's stylesheets (`extra_css` in mkdocs.yml, and the brand's) reach the pages as one file.

Each stylesheet a page links holds up its first paint; a phone on a slow network fetches a handful at
a time. `extra_css` stays a list of small files, one concern each, for the people who edit them; the
pages link one file with all of them in the same order (which is what the browser would apply), kept
in the same folder so that their relative `url(…)`s still resolve. The files themselves still ship.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import File, Files

BUNDLE = "assets/stylesheets/ktb.css"
FOLDER = BUNDLE.rsplit("/", 1)[0] + "/"


def bundle(files: Files, config: Any) -> Files:
    """Put the project's stylesheets from `extra_css` into one file and link that one in their place.

    Only files of this build in the bundle's folder join it (an address to another folder or host, or one
    with a query, stays a link of its own), and only if none of them has a rule that must come first.
    """
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
    if len(joined) < 2:
        return files
    content = "".join(f"/* {path} */\n{text.rstrip()}\n\n" for path, text in joined)
    files.append(File.generated(config, BUNDLE, content=content))
    first = next(i for i, entry in enumerate(config.extra_css) if str(entry) == joined[0][0])
    bundled = {path for path, _ in joined}
    kept = [entry for entry in config.extra_css if str(entry) not in bundled]
    config.extra_css[:] = [*kept[:first], BUNDLE, *kept[first:]]
    return files
