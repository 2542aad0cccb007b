"""A QR code to the site as SVG text, made by segno (pure Python), for the printed editions."""

from __future__ import annotations

import io

import segno


def qr_svg(url: str) -> str:
    """An SVG QR code for `url`, or empty when there is no address to point to."""
    if not url:
        return ""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=4, border=2, xmldecl=False, svgclass=None, lineclass=None)
    return out.getvalue().decode("ascii")
