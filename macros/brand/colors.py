"""Brand colours: WCAG contrast, mixing, and the nearest shade that reaches a contrast ratio."""

from __future__ import annotations

import colorsys

WHITE = "#ffffff"
# Material's dark ("slate") page background: hsl(225deg 15% 14%).
DARK_BACKGROUND = "#1e2029"
AA_TEXT = 4.5


def rgb(color: str) -> tuple[int, int, int]:
    """#rgb or #rrggbb as three 0-255 numbers."""
    digits = color.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def to_hex(red: float, green: float, blue: float) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in (red, green, blue))


def normalise(color: str) -> str:
    """#ABC and #aabbcc both become #aabbcc."""
    return to_hex(*rgb(color))


def luminance(color: str) -> float:
    """WCAG 2 relative luminance."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    """WCAG 2 contrast ratio between two colours, from 1 to 21."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(color: str, other: str, share: float) -> str:
    """`color` with `share` (0-1) of `other` mixed in."""
    a, b = rgb(color), rgb(other)
    return to_hex(*(x + (y - x) * share for x, y in zip(a, b, strict=True)))


def shade_for(color: str, background: str, ratio: float = AA_TEXT) -> str:
    """The nearest shade of `color` (same hue and saturation) that reaches `ratio` on `background`."""
    h, lightness, s = colorsys.rgb_to_hls(*(c / 255 for c in rgb(color)))
    step = -0.005 if luminance(background) > 0.18 else 0.005
    while 0 <= lightness <= 1:
        candidate = to_hex(*(c * 255 for c in colorsys.hls_to_rgb(h, lightness, s)))
        if contrast(candidate, background) >= ratio:
            return candidate
        lightness += step
    return "#000000" if step < 0 else WHITE
