"""The app and the deck agree on every use case (issue 15): its state (traced, in progress, not
traced), its level, its functions and its risks read the same on Result, on the map and in the
deck, because all three read `coordination.report.standing`.

The workspace is the one the issue describes: six inventoried use cases, four traced, one of
them only partly answered, functions on every use case (some involving others too), and one
use case whose level-4 conditions hold while its level-2 ones fail (a risk)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pptx import Presentation

from coordination.files.deck import deck_bytes
from coordination.files.pack import build_pack
from coordination.report.orgmap import OrgMap
from tests.app_helpers import map_rows, plain

FULL = {
    "reach": 2,
    "tool_standard": 2,
    "workflow_defined": 2,
    "ownership": 2,
    "review_criteria": 2,
    "handoff": 1,
    "feedback_loop": 1,
    "decision_impact": 0,
}
# Shared by several functions with a defined hand-off and regular feedback (level 4's
# conditions) on an informal tool (level 2's fail): level 1, with a risk at level 4.
AHEAD = FULL | {"reach": 3, "tool_standard": 1, "workflow_defined": 1, "handoff": 2,
                "feedback_loop": 2}  # fmt: skip
HALFWAY = {"reach": 1, "tool_standard": 2, "workflow_defined": 1}  # 3 of 8: in progress
USE_CASES = [  # name, function, also involved, people's answers
    ("Proposal drafts", "Sales", ["Legal", "Finance"], [FULL, FULL]),
    ("Support ticket triage", "Support", [], [FULL | {"workflow_defined": 1}]),
    ("Campaign briefs", "Marketing", [], [AHEAD]),
    ("Contract summaries", "Legal", ["Procurement", "Finance"], [HALFWAY]),
    ("Newsletter", "Communications", [], []),
    ("Job ads", "People", ["Communications"], []),
]
EXPECTED = {  # name: state, level, functions, risk levels
    "Proposal drafts": ("traced", 3, "Sales (also Legal, Finance)", []),
    "Support ticket triage": ("traced", 2, "Support", []),
    "Campaign briefs": ("traced", 1, "Marketing", [4]),
    "Contract summaries": ("in progress", 1, "Legal (also Procurement, Finance)", []),
    "Newsletter": ("not traced", None, "Communications", []),
    "Job ads": ("not traced", None, "People (also Communications)", []),
}


@pytest.fixture
def four_of_six(store):
    ws = store.create_workspace("Fourco")
    for name, function, involved, people in USE_CASES:
        uc = store.add_use_case(ws.key, name, function=function, involved=involved)
        for k, answers in enumerate(people):
            for question, value in answers.items():
                store.set_answer(ws.key, uc, f"Person {k + 1}", question, value)
    return ws


def on_result(owner, ws, store) -> dict:
    said = {}
    for uc, name in store.use_cases(ws.key):
        at = owner.open("app_pages/owner/result.py", ws=ws.key, uc=uc)
        assert not at.exception, at.exception
        header = plain(at.header[0].value)
        level = re.match(r"Level (\d) · ", header)
        state = "not traced" if header == "Not traced yet" else "traced"
        if header.endswith(" · provisional"):
            state = "in progress"
        captions = [plain(c.value) for c in at.caption]
        context = next(c for c in captions if c.startswith("Function: "))
        functions = context.split(" · ")[0].removeprefix("Function: ")
        risks = [int(m) for e in at.error for m in re.findall(r"Risk at level (\d)", e.value)]
        said[name] = (state, level and int(level[1]), functions, risks)
    return said


def on_the_map(owner, ws) -> dict:
    at = owner.open("app_pages/owner/map.py", ws=ws.key)
    assert not at.exception, at.exception
    table = map_rows(at)
    said = {}
    for _, row in table.iterrows():
        trace = row["Trace"]
        state = trace if trace in ("traced", "not traced") else "in progress"
        level = None if row["Level"] == "—" else int(row["Level"].split(" · ")[0])
        risks = [int(n) for n in re.findall(r"\d", row.get("Risk", "") or "")]
        said[row["Use case"]] = (state, level, row["Function"], risks)
    return said


def slide_texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame]


def in_the_deck(deck) -> dict:
    said = {}
    for slide in deck.slides:
        texts = slide_texts(slide)
        badge = next((t for t in texts if re.match(r"Level \d · ", t)), None)
        if badge is None:  # not a use case's slide
            if texts and texts[0] == "Scope and method":
                untraced = texts[-1].split("\n")[-1].split(", ")
            continue
        state = "in progress" if "Provisional: " in badge else "traced"
        # A block's heading and its text are two boxes: the text follows its heading.
        risks = [int(texts[k + 1][6]) for k, t in enumerate(texts) if t == "Risk"]
        said[texts[0]] = (state, int(badge[6]), texts[1].split(" · ")[0], risks)
    for name in untraced:
        said[name] = ("not traced", None, None, [])
    return said


def function_rows(deck) -> dict:
    slide = next(s for s in deck.slides if "Use cases per function and level" in slide_texts(s))
    table = next(s.table for s in slide.shapes if s.has_table)
    rows = [[c.text for c in row.cells] for row in table.rows]
    return {row[0]: [int(c or 0) for c in row[1:]] for row in rows[1:]}


def test_result_the_map_and_the_deck_agree_on_every_use_case(four_of_six, store, owner):
    result, on_map = on_result(owner, four_of_six, store), on_the_map(owner, four_of_six)
    view = store.view(four_of_six.key)
    org = OrgMap(view.assessment, store.questionnaire, view.withheld)
    deck = Presentation(io.BytesIO(deck_bytes(build_pack(org, dt.date(2026, 12, 6)))))
    in_deck = in_the_deck(deck)
    assert result == EXPECTED
    assert on_map == EXPECTED
    # The deck names untraced use cases on its scope slide: their functions are on the
    # functions slide below.
    assert in_deck == {
        name: (state, level, None if state == "not traced" else functions, risks)
        for name, (state, level, functions, risks) in EXPECTED.items()
    }


def test_the_decks_functions_slide_is_the_maps_functions_view(four_of_six, store):
    view = store.view(four_of_six.key)
    org = OrgMap(view.assessment, store.questionnaire, view.withheld)
    deck = Presentation(io.BytesIO(deck_bytes(build_pack(org, dt.date(2026, 12, 6)))))
    on_map = org.function_levels(org.active_levels)
    assert function_rows(deck) == {f: [int(n) for n in row] for f, row in on_map.iterrows()}
    # Every function, the untraced ones' too; the trace in progress under "In progress".
    assert function_rows(deck)["Legal"] == [0, 0, 0, 0, 0, 1, 0]
    assert function_rows(deck)["Communications"] == [0, 0, 0, 0, 0, 0, 1]
    summary = next(s for s in deck.slides if "Executive summary" in slide_texts(s))
    assert "one at Individual experimentation;" in "\n".join(slide_texts(summary))


def test_the_pdf_packs_functions_page_is_the_maps_functions_view_too(four_of_six, store, tmp_path):
    from coordination.files.pdf import pack_pdf
    from tests.test_pdf import pdf_text

    view = store.view(four_of_six.key)
    org = OrgMap(view.assessment, store.questionnaire, view.withheld)
    text, _ = pdf_text(pack_pdf(build_pack(org, dt.date(2026, 12, 6))), tmp_path)
    page = text.split("Use cases per function and level", 1)[1].split("\f", 1)[0]
    rows = {
        m[1].strip(): m[2].split()
        for m in re.finditer(r"^ *([A-Z][A-Za-z ]+?)((?: +\d+)+) *$", page, re.M)
    }
    on_map = org.function_levels(org.active_levels)
    assert set(rows) == set(on_map.index)  # every function, the untraced ones' too
    assert "In progress" in page and "Not traced" in page
    for function, counts in on_map.iterrows():
        assert rows[function] == [str(n) for n in counts if n], function


def test_the_maps_function_filter_finds_every_use_case_a_function_is_part_of(four_of_six, owner):
    """Filtering "Legal" shows the use cases Legal owns and those it is also involved in, as
    the Function column says (`standing.functions_of`); before, only those it owns."""
    at = owner.open("app_pages/owner/map.py", ws=four_of_six.key)
    (picker,) = [m for m in at.multiselect if m.label == "Function"]
    # Finance and Procurement own no use case: offered all the same
    assert picker.options == [
        "Communications", "Finance", "Legal", "Marketing", "People", "Procurement", "Sales",
        "Support",
    ]  # fmt: skip
    picker.set_value(["Legal"]).run()
    assert not at.exception
    assert map_rows(at)["Use case"].tolist() == ["Proposal drafts", "Contract summaries"]
    picker.set_value(["Communications", "Finance"]).run()
    assert map_rows(at)["Use case"].tolist() == [
        "Proposal drafts", "Contract summaries", "Newsletter", "Job ads",
    ]  # fmt: skip


def test_a_chart_exported_from_a_map_filtered_by_function_holds_the_same_use_cases(
    four_of_six, owner
):
    at = owner.open("app_pages/owner/map.py", ws=four_of_six.key)
    next(m for m in at.multiselect if m.label == "Function").set_value(["Finance"]).run()
    next(r for r in at.radio if r.label == "Format").set_value("HTML").run()
    next(b for b in at.button if b.label == "Prepare the file").click().run()
    assert not at.exception
    content = at.session_state["export"][1].decode()
    # Finance owns none of them: it is involved in both
    assert "Proposal drafts" in content and "Contract summaries" in content
    assert "Support ticket triage" not in content and "Campaign briefs" not in content
