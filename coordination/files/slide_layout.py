"""Where text goes on a slide: how tall it is at a size, the size that fits a box, and which
blocks or appendix rows fit a slide (the rest continue on the next). Estimates from character
counts, as python-pptx cannot measure text; calibrated against LibreOffice's rendering."""

from __future__ import annotations

import math

from pptx.util import Emu

APPENDIX_LINES = 30  # of 10 pt text per appendix slide
BLOCK_GAP = 0.15  # inches between two headed blocks

# ── fitting text ───────────────────────────────────────────────────────────────────────────────

# An average character of a sans-serif font is about half its size wide; a line is 1.2 sizes.
CHAR_WIDTH, LINE_HEIGHT = 0.5, 1.2


def _lines_at(text: str, width_in: float, size: float) -> int:
    per_line = max(1, int(width_in * 72 / (size * CHAR_WIDTH)))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def _height_in(text: str, width: Emu, size: float) -> float:
    return _lines_at(text, Emu(width).inches - 0.1, size) * size * LINE_HEIGHT / 72 + 0.1


def fitting_size(text: str, width: Emu, height: Emu, size: float, min_size: float) -> float:
    """The largest size from `size` down to `min_size` at which the text fits the box."""
    while size > min_size and _height_in(text, width, size) > Emu(height).inches:
        size -= 1
    return size


def appendix_pages(rows, notes_in: float) -> list[list]:
    """Rows per slide by the lines their notes take at 10 pt; a row whose notes alone would
    overflow a slide is cut into rows marked "(continued)"."""
    pages, page, used = [], [], 0
    for part in (part for row in rows for part in _split_notes(row, notes_in)):
        lines = _note_lines(part, notes_in)
        if page and used + lines > APPENDIX_LINES:
            pages.append(page)
            page, used = [], 0
        page.append(part)
        used += lines
    return [*pages, page] if page else pages


def _note_lines(row, notes_in: float) -> int:
    """The lines a row takes: its notes, or its use case or respondent name when longer."""
    text = "\n".join(f"{about}: {note}" for about, note in row.notes)
    names = max(_lines_at(row.use_case, 1.5, 10), _lines_at(row.respondent, 1.3, 10))
    return max(2, names, _lines_at(text, notes_in - 0.1, 10) if text else 0)


def _split_notes(row, notes_in: float):
    if _note_lines(row, notes_in) <= APPENDIX_LINES:
        yield row
        return
    notes, taken = list(row.notes), []
    while notes:
        about, text = notes[0]
        trial = type(row)(row.use_case, row.respondent, row.cells, [*taken, notes[0]])
        if _note_lines(trial, notes_in) <= APPENDIX_LINES:
            taken.append(notes.pop(0))
            continue
        if taken:
            yield type(row)(row.use_case, row.respondent, row.cells, taken)
            row = type(row)(row.use_case, f"{row.respondent} (continued)", row.cells, [])
            taken = []
            continue
        per_line = int((notes_in - 0.1) * 72 / (10 * CHAR_WIDTH))
        most = per_line * (APPENDIX_LINES - 1)
        cut = text.rfind(" ", 0, most) + 1 or most  # between words where there is a space
        yield type(row)(row.use_case, row.respondent, row.cells, [(about, text[:cut])])
        row = type(row)(row.use_case, f"{row.respondent} (continued)", row.cells, [])
        notes[0] = (about, text[cut:])
    if taken:
        yield type(row)(row.use_case, row.respondent, row.cells, taken)


def bulleted(items: list[str]) -> str:
    return "\n".join(f"• {item}" if len(items) > 1 else item for item in items)


def text_height(text: str, width_in: float, size: float) -> float:
    return _lines_at(text, width_in - 0.1, size) * size * LINE_HEIGHT / 72 + 0.1


def block_height(heading: str, items: list[str], width_in: float) -> float:
    body = text_height(bulleted(items), width_in, 14)
    return text_height(heading, width_in, 16) + body + BLOCK_GAP


def take(blocks: list, room: float, width_in: float, *, split: bool = True) -> list:
    """As many blocks (from the front of `blocks`) as fit `room` inches; a block taller than
    a whole slide is cut between its items, or inside its text, and goes on next time."""
    taken, used = [], 0.0
    while blocks:
        heading, items = blocks[0]
        need = block_height(heading, items, width_in)
        if used + need <= room:
            taken.append(blocks.pop(0))
            used += need
            continue
        if taken or not split:
            break
        fit, rest = _split_items(heading, items, room, width_in)
        taken.append((heading, fit))
        blocks[0] = (f"{heading} (continued)", rest)
        break
    return taken


def _split_items(heading, items, room, width_in) -> tuple[list[str], list[str]]:
    for k in range(len(items) - 1, 0, -1):
        if block_height(heading, items[:k], width_in) <= room:
            return items[:k], items[k:]
    text = items[0]
    per_line = max(1, int((width_in - 0.1) * 72 / (14 * CHAR_WIDTH)))
    room_for_text = room - text_height(heading, width_in, 16) - BLOCK_GAP - 0.1
    lines = max(1, int(room_for_text / (14 * LINE_HEIGHT / 72)))
    cut = text.rfind(" ", 0, per_line * lines)
    cut = cut if cut > 0 else per_line * lines
    return [text[:cut]], [text[cut:].lstrip(), *items[1:]]
