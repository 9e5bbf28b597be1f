"""A use case's section of the PDF pack, and the same section as a one-page result."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import KeepInFrame, Spacer, Table, TableStyle

from coordination.files.pack import CaseSection, Pack
from coordination.files.pdf_style import (
    MARGIN,
    PAGE,
    Styles,
    answer_fill,
    answer_ink,
    build,
    hatch_cells,
    hatched,
    para,
)
from coordination.report.style import level_colour


def case_pdf(pack: Pack, case: CaseSection, accent: str = "#225ea8") -> bytes:
    """One page for one use case, shrunk to fit when its texts are long."""
    styles = Styles(accent)
    width, height = PAGE[0] - 2 * MARGIN, PAGE[1] - 2 * MARGIN - 0.6 * cm
    story = [*case_story(case, pack, styles), *_answers(case, pack, styles, width)]
    frame = KeepInFrame(width, height, story, mode="shrink")
    return build([frame], pack, styles, title=f"{case.name} — {pack.organization}")


def _answers(case: CaseSection, pack: Pack, s: Styles, width: float) -> list:
    """The use case's answers: combined, then each person's, one column per question."""
    rows = [r for r in pack.heatmap if r.use_case == case.name][:1]
    people = [r for r in pack.appendix if r.use_case == case.name]
    if not rows and not people:
        return []
    column = (width - 5 * cm) / len(pack.questions)
    table = [[para("", s.cell_bold), *(s.header(q, column) for q in pack.questions)]]
    lines = [("Combined", rows[0].cells)] if rows else []
    lines += [(person.respondent, person.cells) for person in people]
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.white),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 1), (-1, -1), "CENTER"),
        ("FONTNAME", (1, 1), (-1, -1), s.font),
        ("FONTSIZE", (1, 1), (-1, -1), 10),
    ]
    for i, (who, cells) in enumerate(lines, 1):
        table.append([para(who, s.cell_bold if i == 1 and rows else s.cell),
                      *(c.text for c in cells)])  # fmt: skip
        for j, cell in enumerate(cells, 1):
            style.append(("BACKGROUND", (j, i), (j, i), colors.HexColor(answer_fill(cell))))
            style.append(("TEXTCOLOR", (j, i), (j, i), colors.HexColor(answer_ink(cell))))
    grid = Table(table, colWidths=[5 * cm] + [column] * len(pack.questions))
    grid.setStyle(TableStyle(style))
    key = "   ".join([*pack.answer_names, "? don't know", "– not answered"])
    return [Spacer(1, 0.3 * cm), para("Answers", s.h2), grid, para(key, s.small)]


def case_story(case: CaseSection, pack: Pack, s: Styles) -> list:
    story = [para(case.name, s.h1)]
    if case.context:
        story.append(para(case.context, s.small))
    status = (
        f"Provisional: {case.trace} · {case.respondents}" if case.provisional else case.respondents
    )
    fill = level_colour(case.level, len(pack.levels))
    lines = [
        para(f"Level {case.level} · {case.level_name}", s.on(fill, 16, bold=True)),
        para(status, s.on(fill, 11)),
    ]
    if case.provisional:  # hatched, as on the charts
        lines = [hatched(line) for line in lines]
    width = PAGE[0] - 2 * MARGIN
    badge = Table([[line] for line in lines], colWidths=[width], renderCB=hatch_cells)
    badge.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(fill))]))
    story += [badge, Spacer(1, 0.3 * cm), para(case.level_summary, s.body)]
    # Numbered from 1 when more steps follow: "Then" alone, starting at "2.", read as if a
    # step were missing.
    first = case.next_step or "Keep the loop running: nothing is missing for the top level."
    story += [
        para("Next useful improvement", s.h2),
        para(f"1. {first}" if case.then else first, s.body),
    ]
    if case.then:
        story += [
            para("Then", s.h2),
            *(para(f"{k}. {step}", s.body) for k, step in enumerate(case.then, 2)),
        ]
    story += [para("In place", s.h2), para(", ".join(case.held) or "Nothing yet", s.body)]
    if case.next_level:
        story += [
            para(f"Missing for {case.next_level}", s.h2),
            para(", ".join(case.missing), s.body),
        ]
    for name, text in case.obstacles:
        story += [para(f"Obstacle: {name}", s.h2), para(text, s.body)]
    for text in case.risks:
        story += [para("Risk", s.h2), para(text, s.body)]
    if case.disagreements:
        story += [para("People disagree on", s.h2), para(", ".join(case.disagreements), s.body)]
    if case.agreement:
        story += [para("Agreed in the workshop", s.h2), para(case.agreement, s.body)]
        story += [para(reason, s.body) for reason in case.reasons]
    return story
