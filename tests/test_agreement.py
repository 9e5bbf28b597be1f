"""Whether people disagree on a question: one rule, and every view flags the same questions.

The rule (`coordination.method.agreement`): at least three answers 0–3, the highest and the
lowest two steps or more apart; "don't know" is not counted. The workshop's reveal, the Result
page, the deck and the PDF pack all ask it.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pptx import Presentation

from coordination.files.deck import deck_bytes
from coordination.files.pack import build_pack
from coordination.files.pdf import pack_pdf
from coordination.files.pdf_case import case_pdf
from coordination.method.agreement import answers_disagree
from coordination.method.scoring import results, score
from coordination.models import Assessment, Response, UseCase
from coordination.report.orgmap import OrgMap
from coordination.workshop.reveal import round_view
from tests.app_helpers import plain
from tests.conftest import IN_CI

DK = None  # "don't know"

ANSWER_SETS = [
    # (one question's answers, does the room disagree?)
    ((), False),
    ((3,), False),
    ((0, 3), False),  # two people differ; that is not a room disagreeing
    ((0, 1, 3), True),
    ((0, 0, 2), True),  # exactly two steps apart
    ((0, 1, 1), False),  # one step apart
    ((2, 2, 3, 3, 3), False),
    ((1, 1, 1), False),
    ((0, 0, 0, 0, 3), True),  # one outlier among many is still a disagreement
    ((0, 3, DK), False),  # "don't know" is not a third answer
    ((DK, DK, DK), False),
    ((0, 3, DK, 1), True),
    ((DK, 1, 3, 3), True),
]


@pytest.mark.parametrize(("answers", "disagrees"), ANSWER_SETS, ids=str)
def test_the_room_disagrees_with_three_answers_two_steps_apart(answers, disagrees):
    assert answers_disagree(answers) is disagrees


def _case(answers: tuple, question: str = "reach") -> UseCase:
    responses = [
        Response(respondent=f"Person {n}", answers={question: value})
        for n, value in enumerate(answers, 1)
    ]
    return UseCase(id="call-notes", name="Call notes", responses=responses)


@given(
    st.lists(
        st.dictionaries(st.sampled_from(["reach", "handoff"]), st.sampled_from([0, 1, 2, 3, DK])),
        max_size=6,
    )
)
def test_the_scores_flag_the_questions_the_rule_flags(questionnaire, answer_sets):
    case = UseCase(
        id="uc",
        name="Uc",
        responses=[Response(respondent=f"r{n}", answers=a) for n, a in enumerate(answer_sets)],
    )
    one = Assessment(organization="Testco", use_cases=[case])
    [result] = results(score(one, questionnaire), one)
    expected = [
        q.id
        for q in questionnaire.questions
        if answers_disagree([a[q.id] for a in answer_sets if q.id in a])
    ]
    assert result.disagreements == expected


# ── the same answers, every view ───────────────────────────────────────────────────────────

SAME_EVERYWHERE = [((0, 3), False), ((0, 1, 3), True), ((0, 3, DK), False), ((0, 0, 2), True)]


def _pdf_text(data: bytes, tmp_path) -> str:
    if not shutil.which("pdftotext"):
        if IN_CI:
            pytest.fail("poppler-utils is required in CI (apt-get install poppler-utils)")
        pytest.skip("poppler-utils is not installed")
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


def _deck_text(org: OrgMap) -> str:
    deck = Presentation(io.BytesIO(deck_bytes(build_pack(org, today=dt.date(2026, 11, 26)))))
    return "\n".join(
        shape.text_frame.text for s in deck.slides for shape in s.shapes if shape.has_text_frame
    )


@pytest.mark.parametrize(("answers", "disagrees"), SAME_EVERYWHERE, ids=str)
def test_the_workshop_deck_and_pdf_flag_the_same_disagreement(
    questionnaire, tmp_path, answers, disagrees
):
    case = _case(answers)
    responses = case.responses
    room = round_view(questionnaire, responses, threshold=1)
    assert [q.id for q in room.disagreements] == (["reach"] if disagrees else [])

    org = OrgMap(Assessment(organization="Testco", use_cases=[case]), questionnaire)
    pack = build_pack(org, today=dt.date(2026, 11, 26))
    assert pack.cases[0].disagreements == (["Who uses it"] if disagrees else [])
    assert ("People disagree on" in _deck_text(org)) is disagrees
    assert ("People disagree on Who uses it" in _pdf_text(pack_pdf(pack), tmp_path)) is disagrees
    one_page = case_pdf(pack, pack.cases[0])
    assert ("People disagree on Who uses it" in _pdf_text(one_page, tmp_path)) is disagrees


@pytest.mark.parametrize(("answers", "disagrees"), SAME_EVERYWHERE, ids=str)
def test_the_result_page_flags_what_the_workshop_flags(store, owner, answers, disagrees):
    ws = store.create_workspace("Testco")
    uc = store.add_use_case(ws.key, "Call notes")
    for n, value in enumerate(answers, 1):
        store.set_answer(ws.key, uc, f"Person {n}", "reach", value)
    at = owner.open("app_pages/owner/result.py", ws=ws.key, uc=uc)
    assert not at.exception, at.exception
    said = [plain(i.value) for i in at.info if "disagree on" in plain(i.value)]
    assert said == (
        [
            "Respondents disagree on Who uses it. Talk it through: the disagreement "
            "is often the finding."
        ]
        if disagrees
        else []
    )
