"""The handbook's own options in mkdocs.yml (`plugins: - keep-the-bridge:`), checked by MkDocs' config classes.

Each option takes its environment override in mkdocs.yml itself, with `!ENV`, so the names the README
documents keep working: `KTB_PDF=0 mkdocs build` is `pdf: false` for one build.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config import base

ON = {"1", "true", "yes", "on"}
OFF = {"0", "false", "no", "off"}


class Switch(base.BaseConfigOption[bool]):
    """On or off: true/false, and the 1/0, yes/no, on/off an environment variable (`!ENV`) brings."""

    def __init__(self, default: bool) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: Any) -> bool:
        if value is None:  # `!ENV [NAME, …]` with NAME set to nothing: as if it were not set
            return bool(self.default)
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in ON:
            return True
        if word in OFF:
            return False
        raise base.ValidationError(f"expected true or false (or 1/0, yes/no, on/off), not {value!r}")


class PageProcesses(base.BaseConfigOption[int]):
    """How many processes build the pages: `auto` (two on Linux with two CPUs free), 1 or 2."""

    def __init__(self) -> None:
        super().__init__()
        self.default = "auto"

    def run_validation(self, value: Any) -> int:
        word = "auto" if value is None else str(value).strip().lower()
        if word == "auto":
            return 0
        if word in {"1", "2"}:
            return int(word)
        raise base.ValidationError(f"expected auto, 1 or 2, not {value!r}")


class HandbookConfig(base.Config):
    """`plugins: - keep-the-bridge:` in mkdocs.yml. The README's table "Settings" lists the same options."""

    # Both PDFs (site/handbook.pdf, site/quick-guide.pdf) in every build; off for a quick preview. KTB_PDF.
    pdf = Switch(default=True)
    # Pages in two processes after the nav is made (macros/plugin/parallel.py); 1 turns it off. KTB_JOBS.
    page_processes = PageProcesses()
    # Finished HTML blocks kept away from the Markdown parser (macros/site/rawhtml.py). KTB_RAW_HTML.
    raw_html_stash = Switch(default=True)
