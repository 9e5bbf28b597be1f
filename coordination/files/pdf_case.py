"""A use case's section of the PDF pack, and the same section as a one-page result."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import KeepInFrame, Spacer, Table, TableStyle

from coordination.files.pack import CaseSection, Pack
from coordination.files.pdf_style import MARGIN, PAGE, Styles, build, para
from coordination.report.style import level_colour


def case_pdf(pack: Pack, case: CaseSection, accent: str = "#225ea8") -> bytes:
    """One page for one use case, shrunk to fit when its texts are long."""
    styles = Styles(accent)
    width, height = PAGE[0] - 2 * MARGIN, PAGE[1] - 2 * MARGIN - 0.6 * cm
    frame = KeepInFrame(width, height, case_story(case, pack, styles), mode="shrink")
    return build([frame], pack, styles)


def case_story(case: CaseSection, pack: Pack, s: Styles) -> list:
    story = [para(case.name, s.h1)]
    if case.context:
        story.append(para(case.context, s.small))
    status = (
        f"Provisional: {case.trace} · {case.respondents}" if case.provisional else case.respondents
    )
    fill = level_colour(case.level, len(pack.levels))
    badge = Table(
        [
            [para(f"Level {case.level} · {case.level_name}", s.on(fill, 16, bold=True))],
            [para(status, s.on(fill, 11))],
        ],
        colWidths=[PAGE[0] - 2 * MARGIN],
    )
    badge.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(fill))]))
    story += [badge, Spacer(1, 0.3 * cm), para(case.level_summary, s.body)]
    story += [
        para("Next useful improvement", s.h2),
        para(
            case.next_step or "Keep the loop running: nothing is missing for the top level.", s.body
        ),
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
