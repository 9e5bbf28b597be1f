"""Colour arithmetic for files drawn outside plotly (deck, PDF): mixing, and which ink reads
on which fill."""

from __future__ import annotations

from coordination.charts import ANSWER_COLOURS, EMPTY, INK, UNKNOWN_GREY
from coordination.errors import ExportError


def channels(colour: str) -> tuple[int, int, int]:
    """#RRGGBB as three numbers; anything else is refused with how to write it."""
    text = colour.lstrip("#")
    if len(text) != 6 or any(c not in "0123456789abcdefABCDEF" for c in text):
        raise ExportError(f"not a colour: {colour!r} (write it as #RRGGBB, e.g. #225ea8)")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def blend(a: str, b: str, t: float) -> str:
    """`a` moved a fraction `t` of the way towards `b`."""
    mixed = [round(x + (y - x) * t) for x, y in zip(channels(a), channels(b), strict=True)]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def ink_on(colour: str) -> str:
    """Dark text on light fills, white on dark ones: whichever contrasts more (WCAG)."""
    r, g, b = (_linear(c / 255) for c in channels(colour))
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    ink_lum = 0.0199  # INK, #262730
    on_dark = (1.05) / (lum + 0.05)
    on_light = (lum + 0.05) / (ink_lum + 0.05)
    return "#ffffff" if on_dark > on_light else INK


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def cell_fill(state: str, value: int | None) -> str:
    """An answer cell's colour: the answer's, grey for "don't know", near-white unanswered."""
    if state == "answer":
        return ANSWER_COLOURS[value]
    return UNKNOWN_GREY if state == "dont_know" else EMPTY
