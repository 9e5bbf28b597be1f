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

from app_pages import kept
from app_pages.errors import show
from app_pages.route import remember
from coordination.errors import CoordinationError
from coordination.kept import Kept
from coordination.method import steps
from coordination.method.questionnaire import Question, Questionnaire
from coordination.models import Response
from coordination.names import MAX_NOTE
from coordination.text import label_literal, md_literal

AUTO_NEXT = "questions|auto_next"  # this session's choice, for every use case (default on)
UNANSWERED = "unanswered"
BACK_KEY, NEXT_KEY = "B", "N"
TAKEN_KEYS = frozenset({"C", "R", BACK_KEY, NEXT_KEY})  # Streamlit keeps C and R for itself
# Answers read from the left, like a list, with their key at the right; less empty space above
# the page, and smaller headings on a phone, so that the answers and Next fit one screen.
# Fixed styles only: no user text goes through st.html.
STYLE = """<style>
.st-key-answers button > div, .st-key-answers button > div > span { width: 100%; }
.st-key-answers button > div { justify-content: flex-start; text-align: left; }
.st-key-answers button [data-testid="stMarkdownContainer"] p { text-align: left; }
.st-key-answers button kbd { margin-left: auto; }
button[kind="primary"] kbd { opacity: 0.9; }  /* Streamlit's 0.6: 3.4:1 on the blue, now 5:1+ */
.stMainBlockContainer { padding-top: 3rem; }
@media (max-width: 640px) {
  .stMainBlockContainer h1 { font-size: 2rem; }
  .stMainBlockContainer h3 { font-size: 1.4rem; }
}
/* No keys on a touch screen without a mouse: the hints 0–3, D, B and N would promise keys
   that are not there. A laptop with a touch screen still has a fine pointer and keeps them.
   Hidden in place: without the hint's width the answers' text moved to the middle. */
@media (hover: none) and (pointer: coarse) {
  .stMainBlockContainer button kbd { visibility: hidden; }
}
</style>"""


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
    unsaved = kept.pending(prefix)
    answers = dict(saved.answers) if saved else {}
    notes = dict(saved.notes) if saved else {}
    questions = questionnaire.questions
    last_step = steps.last_step(questionnaire)
    step = steps.within(questionnaire, step)
    st.html(STYLE)
    if problem := refusal(prefix):
        show(problem)
    if back := kept.just_saved():
        st.success(md_literal(back), icon=":material/cloud_done:")
    if step <= len(questions):
        question = questions[step - 1]
        current = unsaved.get(question.id, answers.get(question.id, UNANSWERED))
        _question(questionnaire, question, step, current, unsaved, write, prefix)
        _not_saved(questionnaire, unsaved, question.id)
        _navigation(step, last_step, extra, auto_next=True)
        _note(question, notes, write, prefix)
    else:
        _open_questions_heading()
        _not_saved(questionnaire, unsaved, None)
        _navigation(step, last_step, extra, auto_next=False)
    _steps(questionnaire, answers, prefix, step)
    if step > len(questions):
        _open_questions(questionnaire, notes, write, prefix)
    return step


def refusal(prefix: str) -> str | None:
    """Why an answer or note given on this page was refused (left by its callback for the
    page's next run), said once: None when nothing was."""
    return st.session_state.pop(_problem(prefix), None)


def _problem(prefix: str) -> str:
    return f"{prefix}|problem"


def _question(questionnaire, question: Question, step, current, unsaved, write, prefix):
    st.markdown(  # the question large enough for a projector
        f"**Question {step} of {len(questionnaire.questions)}** · {md_literal(question.label)}"
        f"\n\n### {md_literal(question.text)}"
    )
    st.caption(md_literal(question.help))
    with st.container(key="answers", gap="xsmall"):
        for choice in steps.choices(questionnaire, question, TAKEN_KEYS):
            value, label = choice.value, md_literal(choice.label)
            chosen = current == value
            if chosen:  # said in words: a screen reader reads the label, not the colour
                label += " — your answer" + (", not saved yet" if question.id in unsaved else "")
            st.button(
                label,
                key=f"{prefix}|{question.id}|{value}",
                on_click=_choose,
                args=(questionnaire, question, choice, step, write, prefix),
                type="primary" if chosen else "secondary",
                icon=":material/check_circle:" if chosen else ":material/radio_button_unchecked:",
                shortcut=choice.key,
                width="stretch",
            )


def _not_saved(questionnaire: Questionnaire, unsaved: dict, here: str | None) -> None:
    what = steps.not_saved(questionnaire, unsaved, here)
    if what is None:
        return
    st.warning(
        f"**Not saved yet.** The database cannot be reached right now. {md_literal(what)} and "
        "saved as soon as the database is back (this page tries every second). Keep the page "
        "open: a reload now would lose what is kept.",
        icon=":material/cloud_off:",
    )


def _navigation(step: int, last_step: int, extra, *, auto_next: bool) -> None:
    """← Back and Next → right under the answers; the step lives in the URL."""
    with st.container(horizontal=True, vertical_alignment="center"):
        if st.button("← Back", disabled=step == 1, width=120, shortcut=BACK_KEY):
            remember(step=step - 1)
            st.rerun()
        if st.button(
            "Next →", disabled=step == last_step, type="primary", width=180, shortcut=NEXT_KEY
        ):
            remember(step=step + 1)
            st.rerun()
        if extra:
            extra()
        if auto_next:
            _auto_next_switch()


def _auto_next_switch() -> None:
    """On or off for the whole session. A button rather than st.toggle: a focused toggle is an
    input, and Streamlit ignores shortcut keys while an input has the focus, so the next
    number key after using the switch would do nothing. Its state is said in its label."""
    on = st.session_state.get(AUTO_NEXT, True)
    st.button(
        f"Go to the next question after answering: {'on' if on else 'off'}",
        icon=":material/toggle_on:" if on else ":material/toggle_off:",
        type="tertiary",
        on_click=lambda: st.session_state.update({AUTO_NEXT: not on}),
    )


def _note(question: Question, notes: dict, write: Writer, prefix: str) -> None:
    text = notes.get(question.id, "")
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


def _steps(questionnaire: Questionnaire, answers: dict, prefix: str, step: int) -> None:
    """Every step, the answered ones ticked: a click goes there. Read where it is drawn, not
    in a callback: a live page's own rerun, sent just before an answer moved the page on,
    still carries the list as drawn on the step before, and a callback would go back there."""
    names = steps.step_names(questionnaire, answers)
    picked = st.pills(
        f"{steps.progress(questionnaire, answers)} — saved as you go",
        list(names),
        format_func=names.get,
        default=step,
        required=True,
        key=f"{prefix}|steps|{step}",  # a new widget on every step, so it shows where you are
    )
    if picked != step:
        remember(step=picked)
        st.rerun()


def _open_questions_heading() -> None:
    st.subheader("Open questions")
    st.caption("Free text, all optional. Each box is saved when you click outside it.")


def _open_questions(questionnaire, notes, write, prefix) -> None:
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


def _choose(questionnaire, question: Question, choice, step, write, prefix) -> None:
    """One answer given: write it once; then, if it was saved, go on to the next step."""
    if not _save_answer(question, choice, write, prefix):
        return  # not saved: stay, so the warning is seen
    go_on = st.session_state.get(AUTO_NEXT, True)
    if (next_step := steps.after_answer(questionnaire, step, go_on=go_on)) != step:
        remember(step=next_step)


def _save_answer(question: Question, choice: steps.Choice, write: Writer, prefix) -> bool:
    """Saved after any answer kept before it; kept (and said so) while the database is down."""
    answer = Kept(prefix, question.id, choice.value, f"{question.label}: {choice.label}")
    done = kept.save(answer, write.answer)
    if refused := [why for k, why in done.refused if k == answer]:
        st.session_state[_problem(prefix)] = refused[0]
    if answer not in done.saved:
        return False
    st.toast("Answer saved", icon=":material/check:")
    return True


def _save_note(note_key: str, key: str, write: Writer, prefix: str, saved: str) -> None:
    """Save a note that differs from the saved one. After a reconnection Streamlit may call
    this with the box as it was (nothing typed): no write, and no "Note saved" for it."""
    text = st.session_state[key] or ""
    if text.strip() == saved.strip():
        return
    try:
        write.note(note_key, text)
        st.toast("Note saved", icon=":material/check:")
    except CoordinationError as e:
        st.session_state[_problem(prefix)] = f"This note was not saved. {e}"
