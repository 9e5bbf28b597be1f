"""Answers given under another questionnaire (issue 15): a server switched to another lens over
a workspace answered under the first said "No use case has been traced yet" and hid every
answer without a word. Now every page that would say so says what happened and what to do, and
the answers stay in the database untouched: switch, look, switch back, all there."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pptx import Presentation

from coordination.files.deck import deck_bytes
from coordination.files.pack import build_pack
from coordination.method.questionnaire import DEFAULT_PATH, load_questionnaire
from coordination.models import Assessment, Response, UseCase
from coordination.report.orgmap import OrgMap
from coordination.report.other_lens import other_lens
from tests.app_helpers import map_rows, plain, texts

CAPABILITY = DEFAULT_PATH.parent / "lenses" / "capability-maturity.toml"
BUILT_IN = "Coordination Map — method v1"


def answered(*answer_sets: dict, agreed: dict | None = None) -> Assessment:
    cases = [
        UseCase(id=f"u{k}", name=f"U{k}", responses=[Response(respondent="p", answers=a)])
        for k, a in enumerate(answer_sets)
    ]
    if agreed:
        cases.append(UseCase(id="agreed", name="Agreed", agreed=agreed))
    return Assessment(organization="Acme", use_cases=cases)


@pytest.mark.parametrize(
    ("answers", "server", "count", "said"),
    [
        # the built-in questionnaire's answers, read by a server on the capability lens
        (
            [{"reach": 2, "ownership": None}, {"handoff": 1}],
            CAPABILITY,
            3,
            f"given under the questionnaire “{BUILT_IN}”; this server uses “Capability "
            "maturity lens”",
        ),
        # and the other way round: the instruction names the lens's file
        (
            [{"planned": 2}],
            DEFAULT_PATH,
            1,
            "Start the app with COORDINATION_QUESTIONNAIRE="
            "data/lenses/capability-maturity.toml to see them.",
        ),
        # ids no shipped questionnaire asks: still said, without a name
        ([{"custom_q": 1}], DEFAULT_PATH, 1, "given under another questionnaire"),
    ],
)
def test_answers_another_questionnaire_asks_are_counted_and_named(answers, server, count, said):
    found = other_lens(answered(*answers), load_questionnaire(server))
    assert found is not None and found.answers == count
    assert said in found.sentence()
    assert "They are kept as they were." in found.sentence()


def test_back_on_the_built_in_questionnaire_the_instruction_is_to_start_without_the_setting():
    found = other_lens(answered({"reach": 2}), load_questionnaire(CAPABILITY))
    assert found.sentence().endswith(
        "Start the app without COORDINATION_QUESTIONNAIRE (the built-in questionnaire) to see them."
    )


def test_answers_the_questionnaire_asks_are_not_reported(questionnaire):
    assert other_lens(answered({"reach": 2}, {}), questionnaire) is None
    # a team's agreed answers count as answers too
    found = other_lens(answered(agreed={"planned": 2}), questionnaire)
    assert found.answers == 1 and found.use_cases == ("agreed",)


FULL = dict.fromkeys(
    ["reach", "tool_standard", "workflow_defined", "ownership", "review_criteria", "handoff",
     "feedback_loop", "decision_impact"], 2,
)  # fmt: skip


def _acme(store):
    """Acme under the built-in questionnaire: Ann's eight answers and a note on Proposal drafts,
    Ben's one answer on Campaign briefs."""
    ws = store.create_workspace("Acme")
    proposals = store.add_use_case(ws.key, "Proposal drafts", function="Sales")
    briefs = store.add_use_case(ws.key, "Campaign briefs", function="Marketing")
    for question, value in FULL.items():
        store.set_answer(ws.key, proposals, "Ann", question, value)
    store.set_answer(ws.key, briefs, "Ben", "reach", None)
    store.set_note(ws.key, proposals, "Ann", "review_criteria", "Checked by legal")
    return ws, proposals, briefs


def test_switching_the_questionnaire_says_why_nothing_shows_and_loses_no_answer(
    store, owner, monkeypatch
):
    ws, proposals, briefs = _acme(store)
    before = store.load(ws.key)

    monkeypatch.setenv("COORDINATION_QUESTIONNAIRE", str(CAPABILITY))
    on_map = owner.open("app_pages/owner/map.py", ws=ws.key)
    assert not on_map.exception, on_map.exception
    said = texts(on_map)
    assert "No use case has been traced yet" not in said
    assert (
        f"Nine answers in this workspace were given under the questionnaire “{BUILT_IN}”; "
        "this server uses “Capability maturity lens”" in said
    )
    assert "Start the app without COORDINATION_QUESTIONNAIRE" in said
    result = owner.open("app_pages/owner/result.py", ws=ws.key, uc=proposals)
    assert not result.exception, result.exception
    assert plain(result.header[0].value) == "Answered under another questionnaire"
    assert "Eight answers to this use case were given under" in texts(result)
    # The deck says it too, on its title slide and where the heatmap would be.
    from coordination.services import open_services

    lens_store, lens = open_services()
    view = lens_store.view(ws.key)
    deck = deck_bytes(build_pack(OrgMap(view.assessment, lens), dt.date(2026, 12, 6)))
    slides = Presentation(io.BytesIO(deck)).slides
    words = [s.text_frame.text for s in slides[0].shapes if s.has_text_frame]
    assert any(f"given under the questionnaire “{BUILT_IN}”" in w for w in words)
    summary = [s.text_frame.text for s in slides[1].shapes if s.has_text_frame]
    assert summary[0] == "Executive summary"
    assert "•" not in [line.strip() for text in summary for line in text.split("\n")]  # no blank
    assert lens_store.load(ws.key) == before  # looking changed nothing

    monkeypatch.delenv("COORDINATION_QUESTIONNAIRE")
    back = owner.open("app_pages/owner/map.py", ws=ws.key)
    assert "given under" not in texts(back)
    table = map_rows(back).set_index("Use case")
    assert table.loc["Proposal drafts", "Trace"] == "traced"
    assert table.loc["Campaign briefs", "Trace"] == "1 of 8 answered"
    assert store.load(ws.key) == before  # every answer and note, as it was


def test_a_survey_imported_under_another_questionnaire_keeps_what_the_first_one_asked(
    store, monkeypatch
):
    """Re-importing a person's form answers replaces their answers to the questions asked:
    answers to another questionnaire's questions are not the form's to remove."""
    from coordination.services import open_services

    ws = store.create_workspace("Acme")
    proposals = store.add_use_case(ws.key, "Proposal drafts")
    for question, value in FULL.items():
        store.set_answer(ws.key, proposals, "Ann", question, value)
    store.set_note(ws.key, proposals, "Ann", "review_criteria", "Checked by legal")

    monkeypatch.setenv("COORDINATION_QUESTIONNAIRE", str(CAPABILITY))
    lens_store, lens = open_services()
    asked = lens.questions[0].id
    form = Assessment(
        organization="Acme",
        use_cases=[
            UseCase(
                id="p",
                name="Proposal drafts",
                responses=[Response(respondent="Ann", answers={asked: 1})],
            )
        ],
    )
    assert lens_store.import_survey(ws.key, form).replaced_responses == 1
    monkeypatch.delenv("COORDINATION_QUESTIONNAIRE")

    ann = store.load(ws.key).use_cases[0].responses[0]
    assert ann.answers == FULL | {asked: 1}
    assert ann.notes == {"review_criteria": "Checked by legal"}


# ── the command line: a file saved before the switch ──────────────────────────────────────────


def _saved_before_the_switch(tmp_path) -> str:
    """An assessment file answered under the built-in questionnaire: nine answers (eight by
    Ann, one by Ben), a note, and nothing the capability lens asks."""
    from coordination.files.fileformat import encode_assessment

    ann = Response(respondent="Ann", answers=FULL, notes={"review_criteria": "Checked by legal"})
    ben = Response(respondent="Ben", answers={"reach": None})
    path = tmp_path / "acme.json"
    path.write_bytes(
        encode_assessment(
            Assessment(
                organization="Acme",
                use_cases=[
                    UseCase(id="p", name="Proposal drafts", responses=[ann]),
                    UseCase(id="b", name="Campaign briefs", responses=[ben]),
                ],
            )
        )
    )
    return str(path)


@pytest.mark.parametrize(
    "command",
    [
        ["score"],
        ["compare", "{file}"],  # BEFORE and AFTER: the same file, said for each
        ["deck", "-o", "{out}.pptx"],
        ["spreadsheet", "-o", "{out}.csv"],
        ["heatmap", "-o", "{out}.html"],
    ],
)
def test_the_command_line_reads_a_file_from_before_the_switch_and_says_why_nothing_shows(
    tmp_path, capsys, monkeypatch, command
):
    """It used to stop at "unknown question id 'reach'", as if the file were broken."""
    import json

    from coordination.cli import main

    path = _saved_before_the_switch(tmp_path)
    monkeypatch.setenv("COORDINATION_QUESTIONNAIRE", str(CAPABILITY))
    name, *rest = command
    argv = [name, path, *(a.format(file=path, out=tmp_path / "out") for a in rest)]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    said = (
        f"note: Nine answers in {path} were given under the questionnaire “{BUILT_IN}”; this "
        "command uses “Capability maturity lens”, which does not ask those questions, so they "
        "are not shown. They are kept as they were. Run the command again without "
        "--questionnaire or COORDINATION_QUESTIONNAIRE (the built-in questionnaire) to see them.\n"
    )
    assert err == said * (2 if name == "compare" else 1)  # stderr: stdout stays the output
    if name in ("score", "compare"):
        json.loads(out)  # still exactly one JSON document
    else:
        assert out.startswith("wrote ")


def test_the_command_line_names_the_lens_to_choose_and_still_refuses_a_mistyped_question(
    tmp_path, capsys
):
    import json

    from coordination.cli import main

    path = tmp_path / "lens.json"
    answers = {"planned": 2, "repeatable": 1}
    lens = {"organization": "Acme", "use_cases": [
        {"id": "p", "name": "P", "responses": [{"respondent": "Ann", "answers": answers}]}
    ]}  # fmt: skip
    path.write_text(json.dumps(lens))
    assert main(["score", str(path)]) == 0  # the built-in questionnaire, from no setting
    out, err = capsys.readouterr()
    assert json.loads(out)["use_cases"][0]["answered"] == 0
    assert err.endswith(
        "Run the command again with --questionnaire data/lenses/capability-maturity.toml to "
        "see them.\n"
    )
    answers["reech"] = 2  # asked by no questionnaire this app ships: a mistake, said as before
    path.write_text(json.dumps(lens))
    assert main(["score", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "unknown question id 'reech'" in err and err.count("\n") == 1


# ── the trace page and the workshop set-up: where a switched workspace looked empty ───────────


@pytest.fixture
def switched(store, monkeypatch):
    """A workspace answered under the built-in questionnaire (Ann, eight answers and a note, on
    Proposal drafts; Ben, one, on Campaign briefs), then opened under the capability lens."""
    ws, proposals, briefs = _acme(store)
    monkeypatch.setenv("COORDINATION_QUESTIONNAIRE", str(CAPABILITY))
    return ws.key, proposals, briefs


def test_tracing_after_the_switch_says_why_the_persons_answers_are_empty(store, owner, switched):
    ws, proposals, _ = switched
    before = store.load(ws)
    at = owner.open("app_pages/owner/trace.py", ws=ws, uc=proposals, r="Ann")
    assert not at.exception, at.exception
    assert [plain(w.value) for w in at.warning] == [
        "Eight answers by Ann to this use case were given under the questionnaire "
        f"“{BUILT_IN}”; this server uses “Capability maturity lens”, which does not ask those "
        "questions, so they are not shown. They are kept as they were. Start the app without "
        "COORDINATION_QUESTIONNAIRE (the built-in questionnaire) to see them."
    ]
    assert "Question 1 of" in texts(at)  # and Ann can trace it under this lens
    # Someone who answered nothing before is told nothing.
    cara = owner.open("app_pages/owner/trace.py", ws=ws, uc=proposals, r="Cara")
    assert not cara.warning and "given under" not in texts(cara)
    assert store.load(ws) == before


def test_a_workshop_set_up_after_the_switch_says_why_and_offers_the_use_cases_to_trace(
    store, owner, switched
):
    """Both use cases had answers, under the other questionnaire only: the set-up chose none of
    them ("traced") with no word why, while the map called them untraced."""
    ws, proposals, briefs = switched
    at = owner.open("app_pages/owner/workshop.py", ws=ws)
    assert not at.exception, at.exception
    assert [plain(w.value) for w in at.warning] == [
        f"Nine answers in this workspace were given under the questionnaire “{BUILT_IN}”; this "
        "server uses “Capability maturity lens”, which does not ask those questions, so they "
        "are not shown. They are kept as they were. Start the app without "
        "COORDINATION_QUESTIONNAIRE (the built-in questionnaire) to see them."
    ]
    assert at.pills[0].value == [proposals, briefs]  # untraced under this lens: both offered
    # One answer under this lens makes a use case traced here, as the map says.
    from coordination.services import open_services

    lens_store, lens = open_services()
    lens_store.set_answer(ws, briefs, "Cy", lens.question_ids[0], 1)
    assert owner.open("app_pages/owner/workshop.py", ws=ws).pills[0].value == [proposals]


def test_the_console_of_a_workshop_held_before_the_switch_says_why_its_room_looks_silent(
    store, owner, switched
):
    from coordination.workshop.settings import checked_setup

    ws, proposals, _ = switched  # the store still runs the built-in questionnaire
    workshop = store.workshops.create(ws, checked_setup(use_cases=(proposals,), threshold=3))
    store.workshops.set_phase(ws, workshop.key, proposals, "voting")
    for value in (1, 2):
        me = store.identify(None, store.join(store.workshops.invitation_for_code(workshop.code)))
        store.participant_answer(me, proposals, "reach", value)
        store.participant_answer(me, proposals, "handoff", value)
    at = owner.open("app_pages/owner/workshop.py", ws=ws, w=workshop.key, uc=proposals)
    assert not at.exception, at.exception
    assert "0 of 2 answered every question" in texts(at)  # under this lens: nothing yet
    assert [plain(w.value) for w in at.warning] == [
        "Four answers to this use case in this workshop were given under the questionnaire "
        f"“{BUILT_IN}”; this server uses “Capability maturity lens”, which does not ask those "
        "questions, so they are not shown. They are kept as they were. Start the app without "
        "COORDINATION_QUESTIONNAIRE (the built-in questionnaire) to see them."
    ]
    presenter = owner.open("app_pages/owner/present.py", ws=ws, w=workshop.key, live="1")
    assert not presenter.exception and "given under" not in texts(presenter)


def test_a_backup_downloaded_after_the_switch_restores_with_every_answer(
    store, owner, switched, monkeypatch
):
    """The backup holds the other questionnaire's answers, so restoring it on the same server
    stopped at "unknown question id 'reach'": a backup that could not be restored."""
    from coordination.models import Condition
    from coordination.services import open_services

    ws, proposals, _ = switched
    # planned before the switch: the plan and the outcome name the built-in questionnaire's ids
    store.add_plan_item(ws, proposals, "Write the review criteria",
                        [Condition(question="review_criteria", at_least=2)])  # fmt: skip
    store.set_outcome(ws, proposals, "better_or_faster", "faster")
    lens_store, _ = open_services()
    backup = lens_store.backup(ws)
    at = owner.open("app_pages/owner/data.py", ws=ws)
    at.file_uploader(key="backup_file").set_value(("acme.json", backup, "application/json"))
    at.run()
    next(b for b in at.button if b.label == "Restore").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Restored 2 use cases into Acme 2." in texts(at)
    assert [plain(w.value) for w in at.warning] == [
        f"Nine answers in this backup were given under the questionnaire “{BUILT_IN}”; this "
        "server uses “Capability maturity lens”, which does not ask those questions, so they "
        "are not shown. They are kept as they were. Start the app without "
        "COORDINATION_QUESTIONNAIRE (the built-in questionnaire) to see them."
    ]
    monkeypatch.delenv("COORDINATION_QUESTIONNAIRE")  # switched back: all there, in both
    restored = at.query_params["ws"]
    assert restored != ws
    assert store.load(restored).use_cases == store.load(ws).use_cases


def test_a_plan_and_outcomes_written_under_another_questionnaire_are_kept_not_refused():
    """A workspace planned under the built-in questionnaire, backed up after a switch to a
    lens: its plan's conditions and its outcomes name the built-in questions. Answers were
    already kept; the plan and outcomes stopped the whole restore (and the CLI) at "unknown
    question id". Kept as they were now; an id no shipped questionnaire has is still refused."""
    from coordination.errors import AssessmentError
    from coordination.files.fileformat import decode_assessment, encode_assessment
    from coordination.method.questionnaire import shipped
    from coordination.models import Condition, PlanItem

    lens = load_questionnaire(CAPABILITY)
    item = PlanItem(text="Write the review criteria", conditions=[
        Condition(question="review_criteria", at_least=2)])  # fmt: skip
    planned = UseCase(id="u", name="U", plan=[item], outcomes={"better_or_faster": "faster"},
                      responses=[Response(respondent="p", answers={"reach": 2})])  # fmt: skip
    data = encode_assessment(Assessment(organization="Acme", use_cases=[planned]))
    (read,) = decode_assessment(data, lens, shipped()).use_cases
    assert read.plan == [item] and read.outcomes == {"better_or_faster": "faster"}
    for wrong, said in (
        (b'"review_criteria"', "unknown question id 'made_up'"),
        (b'"better_or_faster"', "unknown outcome id 'made_up'"),
    ):
        with pytest.raises(AssessmentError, match=said):
            decode_assessment(data.replace(wrong, b'"made_up"'), lens, shipped())


def test_a_participant_back_after_the_switch_is_told_their_answers_are_kept(store, monkeypatch):
    """Invited through a link, Dee answered under the built-in questionnaire; back after the
    switch, her questions look unanswered. She is told why in words for her (the instruction
    to start the app differently is for the owner), and nothing of hers changes."""
    from tests.app_helpers import Browser

    ws, proposals, _ = _acme(store)
    dee_token = store.join(store.invitation(ws.key, [proposals]))
    dee = store.identify(None, dee_token)
    store.participant_answer(dee, proposals, "reach", 2)
    store.participant_answer(dee, proposals, "handoff", 1)
    before = store.load(ws.key)
    monkeypatch.setenv("COORDINATION_QUESTIONNAIRE", str(CAPABILITY))
    at = Browser(monkeypatch).as_participant(dee_token).open()
    assert not at.exception, at.exception
    assert [plain(w.value) for w in at.warning] == [
        "Two answers you gave earlier were to questions this questionnaire no longer asks. "
        "They are kept as they were, but not shown here: please answer the questions below."
    ]
    assert "Question 1 of" in texts(at)
    assert store.load(ws.key) == before
