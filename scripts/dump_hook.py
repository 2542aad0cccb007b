"""Benchmark only (scripts/benchmark.py): keep each page's Markdown as the handbook plugin left it, and the config
facts it computed, so that the same site can be built again as static Markdown without the macros.

Used as `hooks: [scripts/dump_hook.py]` in a config the benchmark writes, with $KTB_DUMP_DIR naming the folder.
It runs after the handbook plugin's Markdown step (priority -100) and before the raw HTML stash (-110).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

DUMP = Path(os.environ["KTB_DUMP_DIR"])


@event_priority(-105)
def on_page_markdown(markdown: str, *, page: Any, config: Any, files: Any) -> str:
    target = DUMP / "docs" / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(markdown, encoding="utf-8")
    return markdown


def on_env(env: Any, *, config: Any, files: Any) -> Any:
    DUMP.mkdir(parents=True, exist_ok=True)
    for file in files:
        if file.generated_by and not file.is_documentation_page():
            target = DUMP / "docs" / file.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.content_bytes)
    facts = {key: _plain(config[key]) for key in ("site_name", "site_url", "copyright", "nav", "extra")}
    facts["theme"] = {key: config.theme[key] for key in ("logo", "favicon") if config.theme.get(key)}
    (DUMP / "config.json").write_text(json.dumps(facts, default=str, indent=1), encoding="utf-8")
    return env


def _plain(value: Any) -> Any:
    """Config values as plain JSON data (MkDocs wraps mappings in its own classes)."""
    if hasattr(value, "items"):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
