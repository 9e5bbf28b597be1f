"""The facilitator's console: set up a workshop, open each use case for a silent vote, follow
the room live, reveal, record the team's answer, close."""

import streamlit as st

from app_pages.agreement_form import agreement_form
from app_pages.chart_warmup import preload_charts
from app_pages.console_moves import round_moves
from app_pages.errors import live_part, shown
from app_pages.route import WORKSHOP, Route, go, public_link, remember, require_workspace
from app_pages.services import services
from app_pages.workshop_parts import people_without_device, setup_form
from app_pages.workshop_views import join_panel, live_round
from coordination.names import MAX_NOTE
from coordination.report.other_lens import other_lens
from coordination.text import md_literal
from coordination.workshop import console
from coordination.workshop.settings import (
    ANONYMITY_LABELS,
    started_use_cases,
    takes_agreement,
)

# Twice a second: an answer shows in the console's counts within about 0.5 s of being stored
# (p95 1.3–2.4 s at once a second, bench/bench_workshop.py); one console per workshop.
REFRESH_SECONDS = 0.5

store, questionnaire = services()
ws = require_workspace()
route = Route.here()
names = dict(store.use_cases(ws.key))

st.title("Workshop")
workshops = store.workshops.of_workspace(ws.key)
keys = [w.key for w in workshops]
if route.w not in keys:
    assessment = store.load(ws.key)
    if lens := other_lens(assessment, questionnaire):  # why traced use cases count as untraced
        st.warning(md_literal(lens.sentence()), icon=":material/rule:")
    setup_form(ws, names, workshops, started_use_cases(assessment, questionnaire))
    st.stop()

workshop = store.workshops.get(ws.key, route.w)
status = "closed" if workshop.closed else "open"
st.caption(
    md_literal(
        f"{ws.name} · workshop of {workshop.created_at:%d %b %Y %H:%M} · {status} · anonymity "
        f"{ANONYMITY_LABELS[workshop.anonymity].split(':')[0].lower()} · threshold "
        f"{workshop.threshold} · {workshop.slot_minutes} min per use case"
    )
)
if st.button("← All workshops"):
    go(WORKSHOP, w=None, uc=None)
started = any(rd.phase != "waiting" for rd in workshop.rounds)
with st.expander("How people join: code, link and QR", expanded=not started):
    join_panel(workshop, large=False)
if link := public_link("present", ws=ws.key, w=workshop.key, live="1"):
    st.link_button("Open the presenter view (for the projector)", link, icon=":material/tv:")

rounds = [rd.use_case for rd in workshop.rounds]
current = workshop.voting.use_case if workshop.voting else None
picked = route.uc if route.uc in rounds else current or rounds[0]
use_case = st.radio(
    "Use case",
    rounds,
    index=rounds.index(picked),
    # radio options are markdown: a name stays text (an image link would load on every visit)
    format_func=lambda uc: md_literal(f"{names.get(uc, uc)} — {workshop.round(uc).phase}"),
    horizontal=True,
)
remember(uc=use_case)
rnd = workshop.round(use_case)

round_moves(ws, workshop, use_case, names)

peek = rnd.phase == "voting" and st.toggle(
    "Peek at the room's answers before the reveal",
    value=False,  # a fresh page never peeks: not on a mirrored screen by accident
    key=f"peek_{workshop.key}_{use_case}",
    help="Shows this console the answers so far. Anyone who can see this screen sees them "
    "too, and with few people who answered what. The presenter view never shows them.",
)
if peek:
    st.warning(
        "Peeking: this screen shows the room's answers before the reveal. Turn it off before "
        "anyone else can see it.",
        icon=":material/visibility:",
    )


@live_part(REFRESH_SECONDS)
def live() -> None:
    """Reruns only itself twice a second: the room's progress, read from the database."""
    preload_charts()
    room = store.workshops.room(ws.key, workshop.key, use_case)
    now, state = room.workshop, room.workshop.round(use_case)
    if state.phase != rnd.phase:
        st.rerun(scope="app")
    if state.phase == "voting":
        tick = console.clock(state.opened_at, now.slot_minutes)
        colour = "orange" if tick.over else "gray"
        st.markdown(f"#### :{colour}[Round time {tick.text} of {now.slot_minutes}:00]")
        # Everyone has answered: revealed by itself (checked again as it is written).
        done = console.everyone_done(questionnaire, room.joined, room.responses)
        if done and store.workshops.reveal_if_done(ws.key, now.key, use_case):
            st.rerun(scope="app")
    live_round(ws.key, room, presenter=False, peek=peek)


live()
if takes_agreement(rnd.phase, closed=workshop.closed):
    agreement_form(ws, workshop, use_case, names)
people_without_device(ws, workshop, use_case, rnd.phase)

with st.expander("Private notes on this use case (never shown to the room)"):
    note = st.text_area(
        "Notes", value=rnd.note, max_chars=MAX_NOTE, key=f"note_{workshop.key}_{use_case}"
    )
    if note != rnd.note and st.button("Save the note"):
        with shown():
            store.workshops.set_note(ws.key, workshop.key, use_case, note)
            st.toast("Note saved", icon=":material/check:")

if not workshop.closed:
    with st.expander("Close the workshop"):
        st.caption("A closed workshop takes no more answers; its results stay.")
        sure = st.checkbox("Yes, close it now")
        if st.button("Close the workshop", disabled=not sure):
            with shown():
                store.workshops.close(ws.key, workshop.key)
                st.rerun()
