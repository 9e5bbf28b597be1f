"""The deck's opening for a board: an executive summary (where we stand, the three most useful
improvements and who should own them) and the scope and method (what was looked at, who
answered, how answers combine, what is not traced yet)."""

from __future__ import annotations

from pptx.util import Inches

from coordination import wording
from coordination.files.pack import Pack
from coordination.files.slide_canvas import MARGIN, WIDTH, Canvas

COMBINING = (
    "Several people's answers to a question combine as the lower middle answer, so one "
    "optimist cannot lift a level; a level is provisional until every question is answered."
)


def summary_slide(canvas: Canvas, pack: Pack) -> None:
    slide = canvas.titled("Executive summary", pack.subtitle)
    stand = [line for line in (pack.headline, _levels_line(pack)) if line]  # no empty bullet
    blocks = [("Where we stand", stand)]
    if pack.improvements:
        said = [_improvement(i) for i in pack.improvements]
        blocks.append(("The most useful improvements", said))
    canvas.blocks(slide, blocks, MARGIN, Inches(1.6), WIDTH - 2 * MARGIN, size=18)
    canvas.notes(
        slide,
        "Where the organization's use of AI stands, and the three improvements that would move "
        "the most use cases: each is the next useful improvement of those use cases, with the "
        "functions that own them. The slides after this one show the evidence.",
    )


def scope_slide(canvas: Canvas, pack: Pack) -> None:
    slide = canvas.titled("Scope and method", pack.subtitle)
    inventoried = pack.traced + pack.in_progress + pack.not_traced
    scope = [
        f"{wording.counted(inventoried, 'use case').capitalize()} of AI in "
        f"{wording.counted(pack.functions, 'function')}: {pack.traced} traced, "
        f"{pack.in_progress} in progress, {pack.not_traced} not traced yet.",
        f"{_people(pack.respondents).capitalize()} answered, on {pack.date_text}.",
    ]
    blocks = [("What was looked at", scope), ("How answers combine", [COMBINING])]
    if pack.untraced:
        blocks.append(("Not traced yet", [", ".join(pack.untraced)]))
    canvas.blocks(slide, blocks, MARGIN, Inches(1.6), WIDTH - 2 * MARGIN, size=20)
    canvas.notes(
        slide,
        "How the map was made: every use case of the inventory, how many were traced with the "
        "eight questions and by how many people, and which are still to trace. An inventory is "
        "half the finding: where AI is used but nobody has traced it yet.",
    )


def _levels_line(pack: Pack) -> str:
    """Finished traces by level; a trace in progress is said apart, never at its provisional
    level (as the map counts it)."""
    said = [f"{wording.number(done)} at {name}" for name, done, _ in pack.distribution if done]
    line = "Traced use cases by level: " + "; ".join(said) + "." if said else ""
    if pack.in_progress:
        line += f" {wording.counted(pack.in_progress, 'more trace').capitalize()} in progress."
    return line.strip()


def _improvement(i, most: int = 280) -> str:
    """One line each: a lens's long advice is cut here, whole on the use case's own slide."""
    cases = wording.counted(len(i.use_cases), "use case")
    owners = ", ".join(i.functions[:3])
    text = i.text if len(i.text) <= most else i.text[: most - 1].rstrip() + "…"
    return f"{text} ({cases}; owned by {owners})" if owners else f"{text} ({cases})"


def _people(n: int) -> str:
    return wording.counted(n, "person", "people")
