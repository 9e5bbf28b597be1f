"""The deck's workshop and progress slides: a workshop's story (who took part, per use case
the room's level and the agreed one, where the room disagreed and why); "Since <label>" (use
case, then, now, change, what made the difference); the roadmap (the plan: owner, due, status,
whether the answers show it achieved). Native tables, continued on a next slide when long."""

from __future__ import annotations

from pptx.util import Inches

from coordination import wording
from coordination.files.pack import Pack
from coordination.files.slide_canvas import HEIGHT, MARGIN, WIDTH, Canvas

CHANGE = 3  # the "Change" column of `Since.frame`
ROWS = 7  # per slide: 14 pt text in rows of up to three lines
FLAGGED = "#fde0c5"  # a light vermillion: overdue, done but not met (also said in words)


def since_slides(canvas: Canvas, pack: Pack) -> None:
    since = pack.since
    if since is None:
        return
    moved = [row for row in since.rows if not row[CHANGE].startswith("same")]
    same = len(since.rows) - len(moved)
    note = since.headline + (f" {wording.counted(same, 'more use case').capitalize()} stayed "
                             "at the same level." if same and moved else "")  # fmt: skip
    _table_slides(canvas, f"Since {since.label}", note, since.columns, moved or since.rows,
                  [2.6, 1.0, 1.0, 1.2, 6.0, 2.2][: len(since.columns)], pack)  # fmt: skip


WORKSHOP_NOTES = (
    "What the room's own answers gave and what the team agreed, use case by use case; where "
    "the room disagreed is often the finding."
)


def workshop_slides(canvas: Canvas, pack: Pack) -> None:
    """Per workshop: who took part and how, then per use case the room's level, the agreed
    one, where the room disagreed and why the team settled where it did."""
    for told in pack.workshops:
        _table_slides(canvas, told.title, told.facts, told.columns, told.rows,
                      [2.4, 2.2, 2.2, 2.4, 3.6], pack, notes=WORKSHOP_NOTES)  # fmt: skip


def roadmap_slides(canvas: Canvas, pack: Pack) -> None:
    if not pack.plan:
        return
    from coordination.files.pack import ROADMAP_COLUMNS

    flagged = sum(bool(row[-1]) for row in pack.plan)
    note = (f"{len(pack.plan)} items; {flagged} flagged for discussion (overdue, or done while "
            "the answers do not show it)" if flagged else f"{len(pack.plan)} items")  # fmt: skip
    widths = [2.2, 4.2, 1.5, 1.2, 0.9, 1.0, 1.6]
    _table_slides(canvas, "Roadmap", note, ROADMAP_COLUMNS, pack.plan, widths, pack, flag=-1)


def _table_slides(canvas, title, subtitle, header, rows, widths, pack, flag=None,
                  notes: str = "") -> None:  # fmt: skip
    pages = [rows[k : k + ROWS] for k in range(0, len(rows), ROWS)] or [[]]
    for n, page in enumerate(pages, 1):
        more = f" ({n} of {len(pages)})" if len(pages) > 1 else ""
        slide = canvas.titled(title + more, subtitle)
        canvas.notes(slide, notes or subtitle)
        height = Inches(0.4) * (len(page) + 1)
        table = slide.shapes.add_table(
            len(page) + 1, len(header), MARGIN, Inches(1.6), WIDTH - 2 * MARGIN, height
        ).table
        room = WIDTH - 2 * MARGIN  # the widths are proportions of the room between margins
        for j, w in enumerate(widths):
            table.columns[j].width = int(room * w / sum(widths))
        grid = [[canvas.cell(h, size=13, bold=True, fill="#ffffff") for h in header]]
        for row in page:
            fill = FLAGGED if flag is not None and row[flag] else "#ffffff"
            grid.append([canvas.cell(text, size=14, fill=fill) for text in row])
        canvas.write(table, grid)
        canvas.text(slide, pack.subtitle, MARGIN, HEIGHT - Inches(0.5), WIDTH - 2 * MARGIN,
                    Inches(0.35), size=10, colour="#555555")  # fmt: skip
