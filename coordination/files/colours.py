"""Colour arithmetic for files drawn outside plotly (deck, PDF): a colour checked and mixed, and
an answer cell's fill. Which ink reads on a fill is `report.style.ink_on`, shared with charts."""

from __future__ import annotations

from coordination.errors import ExportError
from coordination.report.style import ANSWER_COLOURS, EMPTY, UNKNOWN_GREY


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


def cell_fill(state: str, value: int | None) -> str:
    """An answer cell's colour: the answer's, grey for "don't know", near-white unanswered."""
    if state == "answer":
        return ANSWER_COLOURS[value]
    return UNKNOWN_GREY if state == "dont_know" else EMPTY
