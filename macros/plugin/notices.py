"""Publish THIRD-PARTY-NOTICES.md with the site, as site/third-party-notices.txt: not a page, never linked.

The theme's scripts, styles and icons are copied into every site; their MIT, BSD and other licences
ask that their notices travel with the copies. A plain file beside them does that without putting
any credit on the pages a reader sees.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

NOTICES = "THIRD-PARTY-NOTICES.md"
SITE_NAME = "third-party-notices.txt"


def add(files: Files, config: MkDocsConfig) -> None:
    """Add the notices file to the site, when the project has one (a test project may not)."""
    source = Path(config.config_file_path).resolve().parent / NOTICES
    if source.is_file() and files.get_file_from_path(SITE_NAME) is None:
        files.append(File.generated(config, SITE_NAME, abs_src_path=str(source)))
