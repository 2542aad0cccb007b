"""Size-matched stand-ins for the web font: the `@font-face` numbers in docs/assets/stylesheets/fonts.css.

Run `.venv/bin/python scripts/font_fallbacks.py --site site/ ARIAL.ttf ARIAL-BOLD.ttf [more.ttf …]`
(the site built with `make site`; system font files, such as Liberation Sans, metric twin of Arial,
from Debian's fonts-liberation). Until Atkinson Hyperlegible Next arrives (`font-display: swap`) the
browser draws text in a local font; scaled to the web font's average letter width and given its
ascent and descent, it wraps lines as the web font does, so the swap moves nothing. The average is
weighted by how often each character occurs in the English pages of the built site. Each local
font is compared with the handbook's face of the same weight (bold with bold). Needs fontTools
(pinned in requirements-test.txt); prints one line of CSS descriptors per font.
"""

from __future__ import annotations

import argparse
import collections
import html
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WEB_FONT = {
    400: ROOT / "macros" / "print" / "fonts" / "AtkinsonHyperlegibleNext_400Regular.ttf",
    700: ROOT / "macros" / "print" / "fonts" / "AtkinsonHyperlegibleNext_700Bold.ttf",
}
NOT_TEXT = re.compile(r"<script.*?</script>|<style.*?</style>|<svg.*?</svg>", re.S | re.I)


def letter_counts(site: Path) -> collections.Counter[str]:
    """How often each character occurs in the text of the site's English pages (other editions left out)."""
    counts: collections.Counter[str] = collections.Counter()
    for page in site.rglob("*.html"):
        if len(page.relative_to(site).parts) > 1 and len(page.relative_to(site).parts[0]) == 2:
            continue  # es/, fr/, …: another language's letters
        text = html.unescape(re.sub(r"<[^>]+>", " ", NOT_TEXT.sub(" ", page.read_text(encoding="utf-8"))))
        counts.update(re.sub(r"\s+", " ", text))
    return counts


def metrics(path: Path, counts: collections.Counter[str]) -> tuple[int, float, float, float, float]:
    """(weight, average advance, ascent, descent, line gap) of a font file, in ems."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(path))
    cmap, advances, em = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
    total = sum(advances[cmap[ord(ch)]][0] * n for ch, n in counts.items() if ord(ch) in cmap)
    weight = sum(n for ch, n in counts.items() if ord(ch) in cmap)
    hhea = font["hhea"]
    return (
        700 if font["OS/2"].usWeightClass >= 600 else 400,
        total / weight / em,
        hhea.ascent / em,
        -hhea.descent / em,
        hhea.lineGap / em,
    )


def descriptors(local: Path, counts: collections.Counter[str]) -> str:
    """The `@font-face` descriptors that make the local font take the web font's room."""
    weight, width, *_ = metrics(local, counts)
    _, web_width, ascent, descent, gap = metrics(WEB_FONT[weight], counts)
    scale = web_width / width
    return (
        f"{local.name} (weight {weight}): size-adjust: {scale:.2%}; ascent-override: {ascent / scale:.2%}; "
        f"descent-override: {descent / scale:.2%}; line-gap-override: {gap / scale:.2%};"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a built site (default: site/)")
    parser.add_argument("fonts", type=Path, nargs="+", help="local font files (.ttf or .otf)")
    args = parser.parse_args(argv)
    counts = letter_counts(args.site)
    if not counts:
        raise SystemExit(f"no pages in {args.site}: build the site first (make site)")
    for font in args.fonts:
        print(descriptors(font, counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
