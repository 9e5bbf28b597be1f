"""Every text box allows what storage keeps: its limit comes from `coordination.names`, never a
number typed into a page (the evidence note allowed 2,000 characters of the 4,000 stored)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from coordination.names import MAX_NAME, MAX_NOTE
from tests.app_helpers import ROOT

PAGES = sorted([ROOT / "app.py", *(ROOT / "app_pages").rglob("*.py")])
LIMITS = {"MAX_NAME", "MAX_NOTE"}


def _max_chars(path: Path) -> list[tuple[int, str]]:
    """(line, source) of every `max_chars=` argument in a page."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (kw.value.lineno, ast.unparse(kw.value))
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        for kw in node.keywords
        if kw.arg == "max_chars"
    ]


def test_the_pages_set_character_limits():
    """The scan below reads real widgets: without any, it would pass on nothing."""
    assert sum(len(_max_chars(p)) for p in PAGES) >= 15


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_page_types_its_own_character_limit(path):
    typed = [(line, src) for line, src in _max_chars(path) if src not in LIMITS]
    assert not typed, f"{path.name}: max_chars not from coordination.names at {typed}"


def test_the_trace_boxes_allow_what_storage_keeps(owner, demo):
    at = owner.open("app_pages/owner/trace.py", ws=demo, uc="release-notes")
    assert not at.exception, at.exception
    assert at.text_input(key="respondent").max_chars == MAX_NAME
    at = owner.open("app_pages/owner/trace.py", ws=demo, uc="release-notes", r="Zoë", step="1")
    [note] = at.text_area  # the evidence note of question 1
    assert note.max_chars == MAX_NOTE
    at = owner.open("app_pages/owner/trace.py", ws=demo, uc="release-notes", r="Zoë", step="9")
    assert at.text_area and {box.max_chars for box in at.text_area} == {MAX_NOTE}
