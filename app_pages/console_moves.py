"""The console's moves for one use case: the steps the core offers from its phase (open the
vote, reveal, vote again), taking a waiting use case earlier, and after a reveal the next
use case's vote."""

import streamlit as st

from app_pages.errors import shown
from app_pages.route import WORKSHOP, go
from app_pages.services import services
from coordination.storage import Workspace
from coordination.storage.workshops import Workshop
from coordination.text import md_literal
from coordination.workshop import console
from coordination.workshop.settings import buttons, revealed

ICONS = {"voting": ":material/how_to_vote:", "revealed": ":material/visibility:"}


def round_moves(ws: Workspace, workshop: Workshop, use_case: str, names: dict[str, str]) -> None:
    store, _ = services()
    rnd = workshop.round(use_case)
    controls = st.columns(3)
    moves = buttons(rnd.phase, closed=workshop.closed)
    with shown():
        # The moves the core offers from this phase; the first step of a use case stands out.
        for column, move in zip(controls, moves, strict=False):
            kind = "primary" if rnd.phase == "waiting" else "secondary"
            if column.button(move.button, type=kind, icon=ICONS.get(move.to)):
                store.workshops.set_phase(ws.key, workshop.key, use_case, move.to)
                st.rerun()
    spare = controls[len(moves)]
    # The order is the set-up's (the inventory's); a use case still waiting can be taken earlier.
    first = workshop.rounds[0].use_case == use_case
    movable = rnd.phase == "waiting" and not first and not workshop.closed
    if movable and spare.button("Move earlier", icon=":material/arrow_back:"):
        with shown():
            store.workshops.move_earlier(ws.key, workshop.key, use_case)
            st.rerun()
    # After the reveal the step forward is the next use case's vote, not a radio button to find.
    phases = [(rd.use_case, rd.phase) for rd in workshop.rounds]
    following = console.next_use_case(phases, use_case)
    if following and revealed(rnd.phase) and not workshop.closed and workshop.voting is None:
        label = f"Next use case: {md_literal(names.get(following, following))}"
        if spare.button(
            label, type="primary", icon=":material/skip_next:", help="Opens its silent vote"
        ):
            with shown():
                store.workshops.set_phase(ws.key, workshop.key, following, "voting")
                go(WORKSHOP, w=workshop.key, uc=following)
