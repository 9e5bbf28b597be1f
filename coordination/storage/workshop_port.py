"""`store.workshops`: the workshop half of the storage port, for the facilitator's pages.

Everything here is the owner's: the router gives these pages to the owner only. Participants
answer through `Store.participant_answer`, whose checks know about open rounds and closed
workshops through their identity.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from coordination import names
from coordination.errors import Forbidden, InvalidInput
from coordination.models import Response
from coordination.storage import answers, people, use_cases, workshops
from coordination.storage import schema as t
from coordination.storage import workspaces as ws_sql
from coordination.storage.snapshot_port import freeze, unique_label
from coordination.storage.workshops import RoomNow, Workshop
from coordination.workshop import console
from coordination.workshop.codes import normalize
from coordination.workshop.settings import WorkshopSetup, next_phase
from coordination.workshop.withheld import Withheld

if TYPE_CHECKING:
    from coordination.storage.store import Store


class Workshops:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db

    def create(self, ws_key: str, setup: WorkshopSetup) -> Workshop:
        def work(conn, ws_id: int) -> str:
            workshops.refuse_unknown(setup.use_cases, dict(use_cases.in_use(conn, ws_id)).keys())
            invitation = people.new_invitation(conn, ws_id, list(setup.use_cases))
            return workshops.create(conn, ws_id, invitation, setup)

        return self.get(ws_key, self.store._write(ws_key, work))

    def of_workspace(self, ws_key: str) -> list[Workshop]:
        with self.db.read() as conn:
            return workshops.of_workspace(conn, ws_sql.id_for_read(conn, ws_key))

    def get(self, ws_key: str, key: str) -> Workshop:
        with self.db.read() as conn:
            return workshops.one(conn, ws_sql.id_for_read(conn, ws_key), key)

    def set_phase(self, ws_key: str, key: str, use_case: str, phase: str) -> None:
        def work(conn, ws_id: int) -> None:
            current = workshops.one(conn, ws_id, key).round(use_case).phase
            next_phase(current, phase)
            workshops.set_phase(conn, workshops.workshop_id(conn, ws_id, key), use_case, phase)

        self.store._write(ws_key, work)

    def move_earlier(self, ws_key: str, key: str, use_case: str) -> None:
        """Take a use case one place earlier in the workshop's order."""

        def work(conn, ws_id: int) -> None:
            order = [rd.use_case for rd in workshops.one(conn, ws_id, key).rounds]
            wid = workshops.workshop_id(conn, ws_id, key)
            workshops.set_order(conn, wid, console.moved_earlier(order, use_case))

        self.store._write(ws_key, work)

    def reveal_if_done(self, ws_key: str, key: str, use_case: str) -> bool:
        """Reveal by itself once everyone who joined has answered every question: checked
        after each participant's answer, so it happens whoever has a page open."""
        from coordination.workshop.console import everyone_done

        questionnaire = self.store.questionnaire
        with self.db.read() as conn:  # a cheap count first: most answers finish nothing
            ws_id = ws_sql.id_for_read(conn, ws_key)
            wid = workshops.workshop_id(conn, ws_id, key)
            if not workshops.all_answered(conn, ws_id, wid, use_case, questionnaire.question_ids):
                return False

        def work(conn, ws_id: int) -> bool:
            wid = workshops.workshop_id(conn, ws_id, key)
            if workshops.one(conn, ws_id, key).round(use_case).phase != "voting":
                return False
            joined = workshops.participants(conn, wid)
            given = self._responses(conn, ws_id, wid, use_case)
            if not everyone_done(questionnaire, joined, given):
                return False
            workshops.set_phase(conn, wid, use_case, "revealed")
            return True

        return self.store._write(ws_key, work)

    def set_note(self, ws_key: str, key: str, use_case: str, note: str) -> None:
        note = names.clean_note(note, "note")
        self.store._write(
            ws_key,
            lambda conn, ws_id: workshops.set_note(
                conn, workshops.workshop_id(conn, ws_id, key), use_case, note
            ),
        )

    def close(self, ws_key: str, key: str, now: datetime | None = None) -> int | None:
        """Close the workshop (its answers stay, no more come in) and take a snapshot of the
        workspace as it stands, "Workshop 6 Dec": the moment later progress is measured from.
        Returns the snapshot's id (None when it was closed already)."""
        now = now or datetime.now(UTC)

        def work(conn, ws_id: int) -> int | None:
            if workshops.one(conn, ws_id, key).closed:
                return None
            workshops.close(conn, workshops.workshop_id(conn, ws_id, key))
            label = unique_label(conn, ws_id, f"Workshop {now.day} {now:%b}")
            return freeze(conn, ws_id, label, now)

        return self.store._write(ws_key, work)

    def room(self, ws_key: str, key: str, use_case: str | None = None) -> RoomNow:
        """The workshop, who joined and their answers to `use_case` (by default the one the
        projector shows, `console.on_show`), read at once on one connection: the console
        and the presenter read this twice a second, and four separate reads (the workshop,
        who joined, the answers, the check for the reveal) took 20 queries a run, this 10."""
        with self.db.read() as conn:
            ws_id = ws_sql.id_for_read(conn, ws_key)
            wid, workshop = workshops.with_id(conn, ws_id, key)
            joined = workshops.participants(conn, wid)
            shown = use_case if use_case is not None else console.on_show(workshop.rounds)
            responses = self._answers_to(conn, ws_id, joined, shown) if shown else {}
        return RoomNow(workshop, joined, shown, responses)

    def joined(self, ws_key: str, key: str) -> list[tuple[int, str | None]]:
        with self.db.read() as conn:
            wid = workshops.workshop_id(conn, ws_sql.id_for_read(conn, ws_key), key)
            return workshops.participants(conn, wid)

    def responses(self, ws_key: str, key: str, use_case: str) -> dict[int, Response]:
        """The answers the workshop's participants gave to one use case, by participant id."""
        with self.db.read() as conn:
            ws_id = ws_sql.id_for_read(conn, ws_key)
            return self._responses(conn, ws_id, workshops.workshop_id(conn, ws_id, key), use_case)

    @classmethod
    def _responses(cls, conn, ws_id: int, wid: int, use_case: str) -> dict[int, Response]:
        return cls._answers_to(conn, ws_id, workshops.participants(conn, wid), use_case)

    @staticmethod
    def _answers_to(conn, ws_id: int, joined, use_case: str) -> dict[int, Response]:
        """The answers these participants (`joined`: id, name) gave to one use case."""
        r = t.responses.c
        ids = [pid for pid, _ in joined]
        uc_id = use_cases.id_of(conn, ws_id, use_case)
        rows = conn.execute(
            select(r.id, r.participant_id).where(r.use_case_id == uc_id, r.participant_id.in_(ids))
        ).all()
        found = answers.read_many(conn, [rid for rid, _ in rows])
        return {pid: found[rid] for rid, pid in rows}

    def add_person(self, ws_key: str, key: str, name: str) -> int:
        """Someone in the room without a device: a participant the facilitator answers for."""
        name = names.clean_name(name, "person")

        def work(conn, ws_id: int) -> int:
            workshop = workshops.one(conn, ws_id, key)
            if people.open_invitation(conn, workshop.invitation) is None:
                raise InvalidInput("This workshop is closed: nobody can be added to it.")
            token = people.add_participant(conn, workshop.invitation, proxy=True)
            found = people.participant(conn, token)
            people.set_display_name(conn, found.id, name)
            return found.id

        return self.store._write(ws_key, work)

    def answer_for(
        self, ws_key: str, key: str, participant_id: int, use_case: str, question, value
    ) -> None:
        """The facilitator writes the answer of someone they added without a device
        (`add_person`); a participant with their own device answers for themselves only."""
        self.store._check_answer(question, value)

        def work(conn, ws_id: int) -> None:
            wid = workshops.workshop_id(conn, ws_id, key)
            if participant_id not in dict(workshops.participants(conn, wid, unseen=True)):
                raise InvalidInput("That person is not part of this workshop.")
            if not people.is_proxy(conn, participant_id):
                raise Forbidden(
                    "That person answers on their own device: only they can change their answers."
                )
            uc_id = use_cases.id_of(conn, ws_id, use_case)
            rid = answers.response_for_participant(conn, uc_id, participant_id)
            answers.set_answer(conn, rid, question, value)

        self.store._write(ws_key, work)
        self.reveal_if_done(ws_key, key, use_case)

    def agree(self, ws_key: str, key: str | None, use_case: str, agreed: dict, notes: dict) -> None:
        """The team's answers become the use case's assessment; individual answers stay."""
        for question, value in agreed.items():
            self.store._check_answer(question, value)
        notes = {
            q: text for q, text in ((q, names.clean_note(v)) for q, v in notes.items()) if text
        }
        for question in notes:
            self.store._check_answer(question, None)

        def work(conn, ws_id: int) -> None:
            workshops.agree(conn, use_cases.id_of(conn, ws_id, use_case), agreed, notes)
            if key is not None:
                wid = workshops.workshop_id(conn, ws_id, key)
                phase = workshops.one(conn, ws_id, key).round(use_case).phase
                if phase != "agreed":
                    next_phase(phase, "agreed")
                    workshops.set_phase(conn, wid, use_case, "agreed")

        self.store._write(ws_key, work)

    def withheld(self, ws_key: str) -> dict[str, Withheld]:
        """Per use case, the workshop answers below their workshop's anonymity threshold."""
        return dict(self.store.view(ws_key).withheld)

    def invitation_for_code(self, typed: str | None) -> str | None:
        """The link secret of the open workshop with this join code (what `Store.join` takes)."""
        code = normalize(typed)
        if not code:
            return None
        with self.db.read() as conn:
            found = workshops.by_code(conn, code)
        return None if found is None else self.store.invitation_token(found)

    def closed_code(self, typed: str | None) -> bool:
        """Whether this join code was a workshop's that has closed since: the QR code or link
        opened again after the end, which deserves "closed" rather than "check the code"."""
        code = normalize(typed)
        if not code:
            return False
        with self.db.read() as conn:
            return workshops.closed_code(conn, code)
