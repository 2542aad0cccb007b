"""The handbook built with two brands, the default and the example agency's (examples/brands/quillmoor/)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from macros.brand.model import Brand, load
from tests.support.handbook import published
from tests.support.project import ROOT, copy_project

EXAMPLE_DIR = Path("examples") / "brands" / "quillmoor"


@dataclass(frozen=True)
class Built:
    brand: Brand
    site: Path

    @property
    def pdf(self) -> Path:
        return self.site / "handbook.pdf"


def situation_page() -> str:
    """A situation page both sites have: the first the handbook publishes."""
    return f"situations/{published().scenarios[0].id}.html"


def build_example(built_site: Path, example: Path) -> tuple[Built, Built]:
    """The shipped handbook's `built_site` and the example agency's handbook, built with the PDF in `example`."""
    copy_project(example, local=True)  # the same handbook as `built_site`, a fork's local/ included
    shutil.copytree(ROOT / EXAMPLE_DIR, example / EXAMPLE_DIR)
    (example / "brand.yml").unlink()  # proves the example needs nothing of the default brand file
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KTB_PDF": "1", "KTB_BRAND": str(EXAMPLE_DIR / "brand.yml")}
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=example,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, f"build failed in {example}:\n{run.stderr}"
    default_brand, _ = load(built_site.parent, built_site.parent / "brand.yml")
    example_brand, _ = load(example, example / EXAMPLE_DIR / "brand.yml")
    assert default_brand is not None and example_brand is not None
    return Built(default_brand, built_site), Built(example_brand, example / "site")
