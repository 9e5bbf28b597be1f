"""The questions of one use case, one step at a time: shared by the owner's trace page and a
participant's answer page, which differ only in who writes the answers.

Each answer is a full-width button, with the keys 0–3 (and the first letter of "don't know")
as shortcuts: one click or key press is one write, and moving through the answers with Tab
or the arrows writes nothing. The chosen answer says so in its label, which is what a screen
reader reads. A saved answer moves on to the next step by itself, unless the person turned
that off; one that could not be saved stays on screen.

Every answer is written the moment it is given. One that cannot be written (the database is
down) is kept in this session (app_pages.kept), shown as "not saved yet", and written, in the
order given, by a live part that tries every second until the database is back.

The question, its answers and Back/Next come first, so that they fit one screen on a laptop
and on a phone; the evidence note and the list of steps come below them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from app_pages import kept, toasts
from app_pages.errors import show
from app_pages.question_moves import go_on, navigation, step_list
from app_pages.question_notes import note, open_questions, open_questions_heading, problem_key
from app_pages.question_style import STYLE, TAKEN_KEYS
from app_pages.route import remember
from coordination.kept import Kept, refusal_of
from coordination.method import steps
from coordination.method.questionnaire import Question, Questionnaire
from coordination.models import Response
from coordination.text import md_literal


@dataclass(frozen=True)
class Writer:
    """Where this page's answers and notes go (the caller's store method, bound to who asks)."""

    answer: Callable[[str, int | None], None]
    note: Callable[[str, str], None]


def ask(
    questionnaire: Questionnaire,
    saved: Response | None,
    write: Writer,
    prefix: str,
    step: int,
    extra: Callable[[], None] | None = None,
) -> int:
    """Draw one step (a question, or the open questions) with Back/Next right under it and
    the list of steps below; returns the step shown. `extra` draws more beside Back/Next."""
    kept.flush()  # what an earlier run kept, first: the page then shows what is saved
    toasts.say()  # what the callback of this run's tap or note had to say
    here = steps.screen(questionnaire, saved, kept.pending(prefix), step)
    st.html(STYLE)
    if problem := refusal(prefix):
        show(problem)
    if back := kept.just_saved():
        st.success(md_literal(back), icon=":material/cloud_done:")
    if here.question:
        _question(questionnaire, here, write, prefix)
    else:
        open_questions_heading()
    _not_saved(here.unsaved)
    navigation(here, extra)
    if here.question:
        note(here, write, prefix)
    step_list(here, prefix)
    if not here.question:
        open_questions(questionnaire, here.notes, write, prefix)
    return here.step


def refusal(prefix: str) -> str | None:
    """Why an answer or note given on this page was refused (left by its callback for the
    page's next run), said once: None when nothing was."""
    return st.session_state.pop(problem_key(prefix), None)


def _question(questionnaire: Questionnaire, here: steps.Screen, write: Writer, prefix: str):
    question = here.question
    st.markdown(  # the question large enough for a projector
        f"**Question {here.step} of {len(questionnaire.questions)}** · "
        f"{md_literal(question.label)}\n\n### {md_literal(question.text)}"
    )
    st.caption(md_literal(question.help))
    with st.container(key="answers", gap="xsmall"):
        for choice in steps.choices(questionnaire, question, TAKEN_KEYS):
            chosen = here.chose(choice)
            st.button(
                md_literal(choice.label) + here.said(choice),
                key=f"{prefix}|{question.id}|{choice.value}",
                on_click=_choose,
                args=(questionnaire, question, choice, here.step, write, prefix),
                type="primary" if chosen else "secondary",
                icon=":material/check_circle:" if chosen else ":material/radio_button_unchecked:",
                shortcut=choice.key,
                width="stretch",
            )


def _not_saved(what: str | None) -> None:
    if what is None:
        return
    st.warning(
        f"**Not saved yet.** The database cannot be reached right now. {md_literal(what)} and "
        "saved as soon as the database is back (this page tries every second). Keep the page "
        "open: a reload now would lose what is kept.",
        icon=":material/cloud_off:",
    )


def _choose(questionnaire, question: Question, choice, step, write, prefix) -> None:
    """One answer given: write it once; then, if it was saved, go on to the next step."""
    if not _save_answer(question, choice, write, prefix):
        return  # not saved: stay, so the warning is seen
    if (next_step := steps.after_answer(questionnaire, step, go_on=go_on())) != step:
        remember(step=next_step)


def _save_answer(question: Question, choice: steps.Choice, write: Writer, prefix) -> bool:
    """Saved after any answer kept before it; kept (and said so) while the database is down."""
    answer = Kept(prefix, question.id, choice.value, f"{question.label}: {choice.label}")
    done = kept.save(answer, write.answer)
    if why := refusal_of(answer, done):
        st.session_state[problem_key(prefix)] = why
    if answer not in done.saved:
        return False
    toasts.later("Answer saved", ":material/check:")  # said by the question part drawn next
    return True
