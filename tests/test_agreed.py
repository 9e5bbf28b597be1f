"""A workshop's agreed answers beside what the room's own answers gave (issue 14, item 4): the
two levels, and per question the agreed answer, the room's combined one and the team's why —
on Result, in the deck and PDF, and in the spreadsheet."""

from __future__ import annotations

from coordination.method.questionnaire import load_questionnaire
from coordination.report.orgmap import OrgMap
from coordination.workshop.agreed import agreement
from tests.app_helpers import plain, texts

ROOM = {"reach": 1, "tool_standard": 1, "workflow_defined": 1, "ownership": 1,
        "review_criteria": 1, "handoff": 0, "feedback_loop": 0, "decision_impact": 0}  # fmt: skip


def _agreed_workspace(store):
    ws = store.create_workspace("Acme")
    uc = store.add_use_case(ws.key, "Call notes", function="Sales")
    for person in ("Ana", "Ben", "Cleo"):
        for question, value in ROOM.items():
            store.set_answer(ws.key, uc, person, question, value)
    agreed = dict(ROOM, reach=2, tool_standard=2)
    store.workshops.agree(ws.key, None, uc, agreed,
                          {"reach": "Sales and service both read the notes now"})  # fmt: skip
    return ws.key, uc


def test_the_agreement_says_both_levels_and_each_reason(store):
    ws, uc = _agreed_workspace(store)
    q = load_questionnaire()
    org = OrgMap(store.load(ws), q)
    found = agreement(q, org.assessment.use_case(uc), org.results[uc])
    assert (found.agreed_level, found.room_level, found.people) == (2, 1, 3)
    sentence = found.sentence(q)
    assert sentence.startswith("Agreed in a workshop: level 2 · Tool standardization.")
    assert "The room's own answers (three people) gave level 1" in sentence
    assert "settled higher" in sentence
    reach = next(r for r in found.rows if r.question == q.question("reach").label)
    assert reach.why == "Sales and service both read the notes now"
    assert reach.agreed != reach.room


def test_result_shows_the_agreement_and_the_spreadsheet_counts_the_people(store, owner):
    ws, uc = _agreed_workspace(store)
    at = owner.open("app_pages/owner/result.py", ws=ws, uc=uc)
    assert not at.exception and not at.error
    assert "The room's own answers (three people) gave level 1" in plain(texts(at))
    table = next(d.value for d in at.dataframe if "Why" in d.value.columns)
    assert "Sales and service both read the notes now" in set(table["Why"])
    results = OrgMap(store.load(ws), load_questionnaire()).results_frame()
    row = results[results["id"] == uc].iloc[0]
    assert row["respondents"] == 3 and row["agreed level"] == 2 and row["room's level"] == 1


def test_the_deck_pdf_and_workbook_carry_the_agreement_and_its_reasons(store):
    import io
    import subprocess

    from pptx import Presentation

    from coordination.files.deck import deck_bytes
    from coordination.files.pack import build_pack
    from coordination.files.pdf import pack_pdf
    from coordination.files.spreadsheets import sheets

    ws, uc = _agreed_workspace(store)
    org = OrgMap(store.load(ws), load_questionnaire())
    pack = build_pack(org)
    deck = Presentation(io.BytesIO(deck_bytes(pack)))
    said = "\n".join(
        shape.text_frame.text for slide in deck.slides for shape in slide.shapes
        if shape.has_text_frame
    )  # fmt: skip
    assert "Agreed in the workshop" in said
    assert "The room's own answers (three people) gave level 1" in said
    assert "Sales and service both read the notes now" in said
    text = subprocess.run(["pdftotext", "-", "-"], input=pack_pdf(pack), capture_output=True,
                          check=True).stdout.decode()  # fmt: skip
    assert "Sales and service both read the notes now" in " ".join(text.split())
    agreed = sheets(org)["Agreed"]
    assert set(agreed["Use case"]) == {"Call notes"}
    assert "Sales and service both read the notes now" in set(agreed["Why"])


def test_a_workshop_tells_its_story_in_the_deck_and_pdf(store):
    """Issue 14, item 5: date, who took part, anonymity, per use case the room's level, the
    agreed level, where the room disagreed and the team's reasons."""
    import io
    import subprocess

    from pptx import Presentation

    from coordination.files.deck import deck_bytes
    from coordination.files.pack import build_pack
    from coordination.files.pdf import pack_pdf
    from coordination.workshop.settings import checked_setup

    ws = store.create_workspace("Acme")
    uc = store.add_use_case(ws.key, "Call notes", function="Sales")
    other = store.add_use_case(ws.key, "Quote follow-ups", function="Sales")
    workshop = store.workshops.create(
        ws.key, checked_setup(use_cases=(uc, other), threshold=3, anonymity="full")
    )
    store.workshops.set_phase(ws.key, workshop.key, uc, "voting")
    people = [store.identify(None, store.join(store.invitation_token(workshop.invitation)))
              for _ in range(3)]  # fmt: skip — all join first: the last answer reveals
    for me in people:
        store.participant_seen(me)  # their pages opened
    for me, value in zip(people, (0, 2, 3), strict=True):  # the room disagrees on who uses it
        for question, answer in ROOM.items():
            store.participant_answer(me, uc, question, value if question == "reach" else answer)
    assert store.workshops.get(ws.key, workshop.key).round(uc).phase == "revealed"  # by itself
    store.workshops.agree(ws.key, workshop.key, uc, dict(ROOM, reach=2, tool_standard=2),
                          {"reach": "Service reads them too"})  # fmt: skip
    org = OrgMap(store.load(ws.key), load_questionnaire())
    joined = len(store.workshops.joined(ws.key, workshop.key))
    pack = build_pack(org, workshops=[(store.workshops.get(ws.key, workshop.key), joined)])
    (told,) = pack.workshops
    assert told.title.startswith("Workshop ") and "nobody saw who answered what" in told.facts
    assert told.facts.startswith("Three people took part")
    row = told.rows[0]
    assert row[0] == "Call notes" and row[2].startswith("2 · ")
    assert "Who uses it" in row[3] and "Service reads them too" in row[4]
    assert told.rows[1][2] == "not agreed"

    deck = Presentation(io.BytesIO(deck_bytes(pack)))
    slide = next(s for s in deck.slides if any(
        sh.has_text_frame and sh.text_frame.text.startswith("Workshop ") for sh in s.shapes))
    cells = [c.text for sh in slide.shapes if sh.has_table for r in sh.table.rows for c in r.cells]
    assert "Where the room disagreed" in cells and "Call notes" in cells
    text = subprocess.run(["pdftotext", "-", "-"], input=pack_pdf(pack), capture_output=True,
                          check=True).stdout.decode()  # fmt: skip
    assert "Three people took part" in text and "Service reads them too" in text
