"""Build one project once per set of fork settings, in one process: `python -m tests.support.build_loop PROJECT ID...`.

For each scenario id, local/scenarios/_local.yml switches it off and the site is built with --strict
(KTB_PDF=0, KTB_JOBS=1), as `mkdocs build --strict` does, without paying for a new Python each time.
Prints one JSON object: the ids whose build failed, with the warnings or error that failed it.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path


class Collect(logging.Handler):
    """Keeps the warnings and errors of one build, to say why it failed."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_once(project: Path) -> str | None:
    """One strict build of `project`; None when it passed, else why it failed."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    collect = Collect()
    logging.getLogger("mkdocs").addHandler(collect)
    config = load_config(str(project / "mkdocs.yml"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    except (Abort, SystemExit) as error:
        return "\n".join([*collect.messages, str(error)])
    finally:
        config.plugins.on_shutdown()
        logging.getLogger("mkdocs").removeHandler(collect)
    return None


def main(argv: list[str]) -> int:
    os.environ.update({"KTB_PDF": "0", "KTB_JOBS": "1", "NO_MKDOCS_2_WARNING": "1"})
    project, ids = Path(argv[0]).resolve(), argv[1:]
    os.chdir(project)
    settings = project / "local" / "scenarios" / "_local.yml"
    settings.parent.mkdir(parents=True, exist_ok=True)
    failed: dict[str, str] = {}
    for sid in ids:
        settings.write_text(f"switch_off:\n  - {sid}\n", encoding="utf-8")
        why = build_once(project)
        if why is not None:
            failed[sid] = why
            continue
        for page in (project / "site").rglob("*.html"):
            if f"situations/{sid}.html" in page.read_text(encoding="utf-8"):
                failed[sid] = f"{page.relative_to(project)} still links to it"
    print(json.dumps(failed))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
