"""A pasted list of use cases: the parser (pure) and the store adding it in one transaction."""

from __future__ import annotations

import re

import pytest

from coordination.errors import InvalidInput
from coordination.pasted import MAX_ROWS, PastedRow, parse_pasted


def rows(text: str, **kwargs) -> list[tuple]:
    parsed = parse_pasted(text, **kwargs)
    assert parsed.problems == (), parsed.problems
    return [(r.line, r.name, r.function, r.tool) for r in parsed.rows]


def test_one_name_per_line_skipping_blank_lines_and_trailing_spaces():
    text = "Sales call summaries  \n\n   \nRelease notes\t \n"
    assert rows(text) == [
        (1, "Sales call summaries", None, None),
        (4, "Release notes", None, None),  # the line number a person sees in the box
    ]


def test_semicolons_give_function_and_tool_and_empty_cells_stay_empty():
    text = "Call summaries; Sales; Gong\nRelease notes;;Copilot\nLead scores ; Sales"
    assert rows(text) == [
        (1, "Call summaries", "Sales", "Gong"),
        (2, "Release notes", None, "Copilot"),
        (3, "Lead scores", "Sales", None),
    ]


def test_cells_copied_from_a_spreadsheet_with_its_header_row():
    text = (
        "Use case\tFunction\tTool\r\nCall summaries\tSales\tGong\r\nOffer texts; v2\tSales\t\t\r\n"
    )
    assert rows(text) == [
        (2, "Call summaries", "Sales", "Gong"),
        (3, "Offer texts; v2", "Sales", None),  # tabs win: the semicolon is part of the name
    ]


def test_a_header_is_only_skipped_on_the_first_line():
    assert rows("Call summaries\nName") == [
        (1, "Call summaries", None, None),
        (2, "Name", *[None] * 2),
    ]


def test_list_bullets_are_dropped():
    text = "- Call summaries\n• Release notes\n12. Lead scores\n2025 planning"
    assert [r[1] for r in rows(text)] == [
        "Call summaries",
        "Release notes",
        "Lead scores",
        "2025 planning",
    ]


def test_functions_are_filed_under_the_spelling_already_known():
    text = "A; sales\nB; New team\nC; NEW TEAM "
    assert [r[2] for r in rows(text, functions=["Sales"])] == ["Sales", "New team", "New team"]


def test_a_repeated_name_is_refused_naming_both_lines():
    parsed = parse_pasted("Call summaries\nRelease notes\ncall SUMMARIES ")
    assert [r.name for r in parsed.rows] == ["Call summaries", "Release notes"]
    assert parsed.problems == ("Line 3: 'call SUMMARIES' is already on line 1.",)
    assert not parsed.ok


def test_a_name_the_workspace_already_has_is_refused_naming_the_line():
    parsed = parse_pasted("New one\nRelease Notes", existing=["Release notes"])
    assert parsed.problems == (
        "Line 2: A use case called 'Release Notes' already exists in this workspace.",
    )


def test_too_long_names_tools_and_too_many_columns_name_their_line():
    text = "\n".join(["ok", "x" * 201, "a; b; " + "t" * 201, "a\tb\tc\td", "; Sales"])
    assert parse_pasted(text).problems == (
        "Line 2: The use case name is too long (201 characters, at most 200).",
        "Line 3: The tool is too long (201 characters, at most 200).",
        "Line 4: 4 columns, but a line holds at most 3 (use case; function; tool).",
        "Line 5: The use case needs a name.",
    )


def test_a_name_of_exactly_the_limit_is_taken():
    assert rows("x" * 200)[0][1] == "x" * 200


def test_an_empty_paste_is_not_ok_and_has_no_problem_to_show():
    parsed = parse_pasted(" \n\n\t\n")
    assert parsed.rows == () and parsed.problems == () and not parsed.ok


def test_a_huge_paste_is_refused_as_a_whole():
    parsed = parse_pasted("\n".join(f"Use {i}" for i in range(MAX_ROWS + 1)))
    assert parsed.problems == (f"At most {MAX_ROWS} use cases at once; this list has 201.",)


def test_control_characters_are_refused_and_bidi_controls_removed():
    parsed = parse_pasted("Bad\x00name\n\u202eKPI report")
    assert parsed.problems == (
        "Line 1: The use case name contains a control character (such as NUL).",
    )
    assert [r.name for r in parsed.rows] == ["KPI report"]


# ── the store: all rows in one transaction, or none ─────────────────────────────────────────


def test_the_store_adds_every_pasted_row_in_order_with_their_fields(any_store):
    ws = any_store.create_workspace("Acme")
    any_store.add_use_case(ws.key, "First")
    before = any_store.version(ws.key)
    parsed = parse_pasted("Call summaries; Sales; Gong\nRelease notes\nCall summaries 2")
    keys = any_store.add_use_cases(ws.key, [r.as_fields() for r in parsed.rows])
    assert keys == ["call-summaries", "release-notes", "call-summaries-2"]
    stored = any_store.load(ws.key).use_cases
    assert [(uc.name, uc.function, uc.tool) for uc in stored] == [
        ("First", None, None),
        ("Call summaries", "Sales", "Gong"),
        ("Release notes", None, None),
        ("Call summaries 2", None, None),
    ]
    assert any_store.version(ws.key) == before + 1  # one write


@pytest.mark.parametrize(
    "second, message",
    [
        ({"name": "  "}, "Use case 2 of 3: The use case needs a name."),
        ({"name": "existing"}, "Use case 2 of 3: A use case called 'existing' already exists"),
        ({"name": "B", "tool": "t" * 201}, "Use case 2 of 3: The tool is too long"),
        ({"name": "C"}, "Use case 3 of 3: A use case called 'C' already exists"),  # in the batch
    ],
)
def test_the_store_adds_nothing_when_one_row_is_refused(store, second, message):
    ws = store.create_workspace("Acme")
    store.add_use_case(ws.key, "Existing")
    before = (store.load(ws.key), store.version(ws.key))
    batch = [{"name": "A", "function": "Sales"}, second, {"name": "C"}]
    with pytest.raises(InvalidInput, match=re.escape(message)):
        store.add_use_cases(ws.key, batch)
    assert (store.load(ws.key), store.version(ws.key)) == before


def test_a_pasted_row_holds_what_the_store_takes():
    row = PastedRow(line=3, name="Calls", function="Sales", tool=None)
    assert row.as_fields() == {"name": "Calls", "function": "Sales", "tool": None}


def test_the_preview_shows_each_row_by_line_and_the_button_counts_them():
    from coordination.pasted import PREVIEW

    parsed = parse_pasted("Use case; Function\nCall summaries; sales; Gong\n\nRelease notes", [],
                          ["Sales"])  # fmt: skip
    assert parsed.problem_text is None
    assert list(parsed.preview[0]) == list(PREVIEW)
    assert [tuple(r.values()) for r in parsed.preview] == [
        (2, "Call summaries", "Sales", "Gong"),
        (4, "Release notes", None, None),
    ]
    assert parsed.add_label == "Add 2 use cases"
    assert parse_pasted("Release notes").add_label == "Add 1 use case"


def test_refused_lines_are_listed_under_one_sentence():
    parsed = parse_pasted("Call summaries\nCall summaries\nRelease notes", ["Release notes"])
    lines = parsed.problem_text.split("\n")
    assert lines[0] == "Nothing is added until these lines are fixed:"
    assert lines[1:] == list(parsed.problems) and len(lines) == 3


def test_the_add_button_adds_only_the_list_it_previewed():
    from coordination.pasted import changed

    previewed = parse_pasted("Call summaries\nRelease notes").rows
    assert changed(previewed, parse_pasted("Call summaries\nRelease notes")) is None
    said = changed(previewed, parse_pasted("Call summaries\nRelease notes\nLead scoring"))
    assert said == "The list changed: check the new preview, then add."
