"""The evidence note under a question and the open questions' boxes, each saved when the
person leaves the box. A note that could not be saved leaves its sentence under the page's
problem key, for the page's next run to say (`questions.refusal`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from app_pages import toasts
from coordination.errors import CoordinationError
from coordination.method import steps
from coordination.method.questionnaire import Questionnaire
from coordination.names import MAX_NOTE
from coordination.text import label_literal, md_literal

if TYPE_CHECKING:
    from app_pages.questions import Writer


def problem_key(prefix: str) -> str:
    """Where an answer's or a note's refusal waits for the page's next run."""
    return f"{prefix}|problem"


def note(here: steps.Screen, write: Writer, prefix: str) -> None:
    question, text = here.question, here.note
    note_key = f"{prefix}|note|{question.id}"
    with st.expander("Evidence or example (optional)", expanded=bool(text)):
        st.text_area(
            "Evidence or example (optional)",
            value=text,
            key=note_key,
            on_change=_save_note,
            args=(question.id, note_key, write, prefix, text),
            placeholder="What makes you say so? Saved when you click outside the box.",
            max_chars=MAX_NOTE,
            label_visibility="collapsed",
        )


def open_questions_heading() -> None:
    st.subheader("Open questions")
    st.caption("Free text, all optional. Each box is saved when you click outside it.")


def open_questions(questionnaire: Questionnaire, notes: dict, write: Writer, prefix: str) -> None:
    for open_q in questionnaire.open_questions:
        note_key = f"{prefix}|note|{open_q.id}"
        st.text_area(
            label_literal(open_q.text),  # also its accessible name: no needless backslashes
            value=notes.get(open_q.id, ""),
            help=md_literal(open_q.help),
            key=note_key,
            on_change=_save_note,
            args=(open_q.id, note_key, write, prefix, notes.get(open_q.id, "")),
            max_chars=MAX_NOTE,
        )


def _save_note(note_key: str, key: str, write: Writer, prefix: str, saved: str) -> None:
    """Save a note that differs from the saved one. After a reconnection Streamlit may call
    this with the box as it was (nothing typed): no write, and no "Note saved" for it."""
    text = st.session_state[key] or ""
    if not steps.note_changed(text, saved):
        return
    try:
        write.note(note_key, text)
        toasts.later("Note saved", ":material/check:")
    except CoordinationError as e:
        st.session_state[problem_key(prefix)] = steps.note_refused(str(e))
