"""The questions of one use case, one step at a time: shared by the owner's trace page and a
participant's answer page, which differ only in who writes the answers.

Every answer is written the moment it is given. One that cannot be written (the database is
down) is kept in this session, shown as NOT SAVED, and written again at the next run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from app_pages.errors import show
from app_pages.route import remember
from coordination.errors import CoordinationError, Unavailable
from coordination.models import Response
from coordination.questionnaire import Questionnaire
from coordination.text import md_literal

DONT_KNOW = "dont_know"


@dataclass(frozen=True)
class Writer:
    """Where this page's answers and notes go (the caller's store method, bound to who asks)."""

    answer: Callable[[str, int | None], None]
    note: Callable[[str, str], None]


def ask(
    questionnaire: Questionnaire, saved: Response | None, write: Writer, prefix: str, step: int
) -> int:
    """Draw the progress and one step (a question, or the open questions); returns the number
    of the last step so the caller can draw its own navigation."""
    unsaved = st.session_state.setdefault(f"{prefix}|unsaved", {})
    _retry(unsaved, write)
    answers = dict(saved.answers) if saved else {}
    notes = dict(saved.notes) if saved else {}
    questions = questionnaire.questions
    last_step = len(questions) + 1  # the open questions come after the trace questions
    step = min(max(step, 1), last_step)
    answered = sum(q.id in answers for q in questions)
    st.progress(
        answered / len(questions),
        text=f"{answered} of {len(questions)} questions answered — saved as you go",
    )
    if problem := st.session_state.pop(f"{prefix}|problem", None):
        show(problem)
    if step <= len(questions):
        _question(questionnaire, questions[step - 1], step, answers, notes, unsaved, write, prefix)
    else:
        _open_questions(questionnaire, notes, write, prefix)
    return step, last_step


def _question(questionnaire, question, step, answers, notes, unsaved, write, prefix) -> None:
    st.markdown(
        f"**Question {step} of {len(questionnaire.questions)}** · {md_literal(question.label)}"
    )
    st.markdown(f"### {md_literal(question.text)}")  # large enough for a projector
    st.caption(md_literal(question.help))
    options = [0, 1, 2, 3, DONT_KNOW]
    current = unsaved.get(question.id, answers.get(question.id, "unanswered"))
    key = f"{prefix}|{question.id}"
    st.radio(
        md_literal(question.text),
        options,
        label_visibility="collapsed",
        index=None
        if current == "unanswered"
        else options.index(DONT_KNOW if current is None else current),
        format_func=lambda v: "Don't know" if v == DONT_KNOW else f"{v} · {question.answers[v]}",
        key=key,
        on_change=_save_answer,
        args=(question.id, key, unsaved, write, prefix),
    )
    if question.id in unsaved:
        st.warning(
            "**Not saved.** The database cannot be reached right now. This answer is kept on "
            "this page and saved as soon as the connection is back — keep the page open.",
            icon=":material/cloud_off:",
        )
    note_key = f"{prefix}|note|{question.id}"
    st.text_area(
        "Evidence or example (optional)",
        value=notes.get(question.id, ""),
        key=note_key,
        on_change=_save_note,
        args=(question.id, note_key, write, prefix),
        placeholder="What makes you say so? Saved when you click outside the box.",
        max_chars=2000,
    )


def _open_questions(questionnaire, notes, write, prefix) -> None:
    st.subheader("Open questions")
    st.caption("Free text, all optional. Each box is saved when you click outside it.")
    for open_q in questionnaire.open_questions:
        note_key = f"{prefix}|note|{open_q.id}"
        st.text_area(
            md_literal(open_q.text),
            value=notes.get(open_q.id, ""),
            help=md_literal(open_q.help),
            key=note_key,
            on_change=_save_note,
            args=(open_q.id, note_key, write, prefix),
            max_chars=4000,
        )


def _save_answer(question_id: str, key: str, unsaved: dict, write: Writer, prefix: str) -> None:
    choice = st.session_state[key]
    value = None if choice in (DONT_KNOW, None) else int(choice)
    try:
        write.answer(question_id, value)
    except Unavailable:
        unsaved[question_id] = value
    except CoordinationError as e:
        st.session_state[f"{prefix}|problem"] = str(e)
    else:
        unsaved.pop(question_id, None)
        st.toast("Answer saved", icon=":material/check:")


def _save_note(note_key: str, key: str, write: Writer, prefix: str) -> None:
    try:
        write.note(note_key, st.session_state[key] or "")
        st.toast("Note saved", icon=":material/check:")
    except CoordinationError as e:
        st.session_state[f"{prefix}|problem"] = f"This note was not saved. {e}"


def _retry(unsaved: dict, write: Writer) -> None:
    for question_id, value in list(unsaved.items()):
        try:
            write.answer(question_id, value)
        except CoordinationError:
            return  # still down: everything stays marked as not saved
        unsaved.pop(question_id)
        st.toast("A waiting answer is now saved", icon=":material/check:")


def step_buttons(step: int, last_step: int, columns) -> None:
    """← Back and Next → in the two given columns; the step lives in the URL."""
    back, forward = columns
    if back.button("← Back", disabled=step == 1, width="stretch"):
        remember(step=step - 1)
        st.rerun()
    if forward.button("Next →", disabled=step == last_step, type="primary", width="stretch"):
        remember(step=step + 1)
        st.rerun()
