"""What the facilitator's console and the presenter view both draw: how to join, and the live
state of one use case (who answered, how far, and after the reveal the room's answers)."""

from __future__ import annotations

import streamlit as st

from app_pages.link_box import link_box
from app_pages.route import public_base
from app_pages.services import services
from coordination.models import Response
from coordination.report.other_lens import of_responses
from coordination.storage.workshops import RoomNow, Workshop
from coordination.text import label_literal, md_literal
from coordination.workshop import console
from coordination.workshop.codes import spaced
from coordination.workshop.figure import round_figure
from coordination.workshop.links import join_link, lan_addresses, only_local, qr_png, with_host
from coordination.workshop.reveal import progress, round_view
from coordination.workshop.settings import shows_names, shows_room


def join_panel(workshop: Workshop, *, large: bool, joined: int | None = None) -> None:
    base = public_base() or ""
    link = join_link(base, workshop.code)
    text, qr = st.columns([3, 1] if large else [4, 1])
    with text:
        st.markdown(f"{'#' if large else '###'} Join with code **{spaced(workshop.code)}**")
        st.markdown(f"{'###' if large else ''} Open **{md_literal(link.split('?')[0])}**")
        if joined is not None:
            st.markdown(f"### {joined} joined")
        if not large:
            link_box("Join link", link, key=f"join-link|{workshop.key}")
    qr.image(
        qr_png(link),
        caption="Scan to join",
        width=360 if large else 160,
        alt="QR code that opens the join link",  # read out instead of the picture
    )
    if not large and only_local(base):
        others = ", ".join(with_host(base, host) for host in lan_addresses())
        st.warning(
            "This link uses this computer's own address, which no phone can open. Set "
            "COORDINATION_PUBLIC_URL, or open this console through the network address"
            + (f" ({md_literal(others)})" if others else "")
            + ".",
            icon=":material/wifi_off:",
        )


def live_round(ws_key: str, room: RoomNow, *, presenter: bool, peek: bool = False) -> None:
    """Progress while voting (who finished, how many answered each question); the room's
    answers once revealed (withheld below the threshold), or on the console with `peek`."""
    store, questionnaire = services()
    workshop, joined, responses = room.workshop, room.joined, room.responses
    use_case = room.use_case
    rnd = workshop.round(use_case)
    names = console.labels(joined, names=shows_names(workshop.anonymity, presenter=presenter))
    done = console.finished(questionnaire, joined, responses)
    # The room's answers under another questionnaire: kept, not counted. The console says why
    # (the presenter, on the projector, is no place for the server's settings).
    if not presenter and (lens := of_responses(responses.values(), questionnaire)):
        said = lens.sentence(where="to this use case in this workshop")
        st.warning(md_literal(said), icon=":material/rule:")
    if rnd.phase in ("waiting", "voting"):
        _progress(questionnaire, joined, responses, done, presenter)
        if not presenter and rnd.phase == "voting":
            _who(joined, responses, names, questionnaire)
    if rnd.phase == "agreed":
        _agreed(store, questionnaire, ws_key, use_case)
    if shows_room(rnd.phase, presenter=presenter, peek=peek):
        view = round_view(questionnaire, list(responses.values()), workshop.threshold)
        _results(view, presenter, use_case)


def _agreed(store, questionnaire, ws_key: str, use_case: str) -> None:
    """The team's agreed answer and its level, above the room's individual answers."""
    agreed = store.load(ws_key).use_case(use_case).agreed
    if not agreed:
        return
    team = round_view(questionnaire, [Response(respondent="team", answers=agreed)], threshold=1)
    if team.level:
        st.success(
            f"**The team agreed: Level {team.level} · {md_literal(team.level_name)}**",
            icon=":material/handshake:",
        )


def _progress(questionnaire, joined, responses, done: int, presenter: bool) -> None:
    size = "##" if presenter else "####"
    st.markdown(f"{size} {done} of {len(joined)} answered every question")
    counts = progress(questionnaire, list(responses.values()))
    for q in questionnaire.questions:
        share = counts[q.id] / len(joined) if joined else 0.0
        text = f"{label_literal(q.label)}: {counts[q.id]} of {len(joined)}"  # read out too
        st.progress(min(share, 1.0), text=text)


def _who(joined, responses, names, questionnaire) -> None:
    marks = {
        pid: "✓" if console.answered_all(questionnaire, responses.get(pid)) else "…"
        for pid, _ in joined
    }
    with st.expander(f"Who has answered ({len(joined)} joined)"):
        # One list, not an element per person: the console redraws it twice a second.
        st.markdown("\n".join(f"- {md_literal(f'{marks[pid]} {names[pid]}')}" for pid in marks))


def _results(view, presenter: bool, use_case: str) -> None:
    if view.withheld:
        st.info(
            f"{view.respondents} answered. Answers are shown once at least {view.threshold} "
            "people have answered, so nobody's answer can be told apart.",
            icon=":material/visibility_off:",
        )
        return
    title = f"Level {view.level} · {view.level_name}" if view.level else "No level yet"
    st.plotly_chart(
        round_figure(view, title),
        theme=None,
        width="stretch",
        config={"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}},
        key=f"round_{'present' if presenter else 'console'}_{use_case}",
    )
    if view.disagreements:
        spots = ", ".join(q.label for q in view.disagreements)
        st.warning(
            md_literal(f"The room disagrees on {spots}. Talk it through: that is the finding."),
            icon=":material/forum:",
        )
