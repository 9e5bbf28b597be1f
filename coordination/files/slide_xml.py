"""Slide text and table cells written as DrawingML XML, parsed at once: python-pptx's object API
took about a millisecond a cell or run, seconds for a large deck."""

from __future__ import annotations

import re
from functools import cache
from xml.sax.saxutils import escape

from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN

from coordination.files.colours import blend, channels
from coordination.report.style import INK

# ── table cells as XML ─────────────────────────────────────────────────────────────────────────

_ALIGN = {PP_ALIGN.CENTER: ' algn="ctr"', PP_ALIGN.RIGHT: ' algn="r"', PP_ALIGN.LEFT: ' algn="l"'}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def paragraphs_xml(text, size, ink, bold, align, font) -> str:
    typeface = escape(font, {'"': "&quot;"})
    return "".join(
        f"<a:p><a:pPr{_ALIGN.get(align, '')}/><a:r>"
        f'<a:rPr lang="en-US" sz="{int(size * 100)}" b="{int(bold)}" dirty="0">'
        f'<a:solidFill><a:srgbClr val="{_hex(ink)}"/></a:solidFill>'
        f'<a:latin typeface="{typeface}"/></a:rPr>'
        f"<a:t>{escape(_NOT_XML.sub('', line))}</a:t></a:r></a:p>"
        for line in str(text).split("\n")
    )


def tc_xml(text, size, fill, ink, bold, align, hatched, font) -> str:
    paragraphs = paragraphs_xml(text, size, ink, bold, align, font)
    if hatched:
        stripes = _hex(blend(fill, INK, 0.25))
        background = (
            f'<a:pattFill prst="ltUpDiag"><a:fgClr><a:srgbClr val="{stripes}"/></a:fgClr>'
            f'<a:bgClr><a:srgbClr val="{_hex(fill)}"/></a:bgClr></a:pattFill>'
        )
    else:
        background = f'<a:solidFill><a:srgbClr val="{_hex(fill)}"/></a:solidFill>'
    return (
        f'<a:tc><a:txBody><a:bodyPr wrap="square"/><a:lstStyle/>{paragraphs}</a:txBody>'
        f'<a:tcPr marL="54864" marR="54864" marT="27432" marB="27432" anchor="ctr">'
        f"{background}</a:tcPr></a:tc>"
    )


@cache
def _hex(colour: str) -> str:
    return str(rgb(colour))


# ── colours ────────────────────────────────────────────────────────────────────────────────────


def rgb(colour: str) -> RGBColor:
    channels(colour)  # refuses anything but #RRGGBB, saying how to write it
    return RGBColor.from_string(colour.lstrip("#").upper())


def blend_rgb(a: str, b: str, t: float) -> RGBColor:
    return rgb(blend(a, b, t))
