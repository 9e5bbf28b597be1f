"""The participant and sign-in half of `Store`: answers written as a participant (checked
against their invitation as it is stored now), owner sign-in and sign-out, invitations, and who
a browser is. A mixin, so the app keeps one `store` to talk to."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from coordination import access, names
from coordination.access import Identity, Owner, Participant, Visitor
from coordination.errors import Forbidden
from coordination.models import Response
from coordination.storage import answers, people, use_cases
from coordination.storage import workspaces as ws_sql


class PeoplePort:
    # ── participants: every write checked against the invitation as it is now ──────────────

    def participant_answer(self, who: Participant, use_case: str, question: str, value) -> None:
        self._check_answer(question, value)
        self._participant_write(
            who, use_case, lambda conn, rid: answers.set_answer(conn, rid, question, value)
        )
        if who.workshop:
            self.workshops.reveal_if_done(who.workspace, who.workshop, use_case)

    def participant_note(self, who: Participant, use_case: str, note_key: str, text: str):
        self._check_note_key(note_key)
        text = names.clean_note(text)
        self._participant_write(
            who, use_case, lambda conn, rid: answers.set_note(conn, rid, note_key, text)
        )

    def participant_response(self, who: Participant, use_case: str) -> Response | None:
        """The participant's own answers to one invited use case, and never anyone else's."""
        if use_case not in who.use_cases:
            raise Forbidden("You were not invited to answer this use case.")
        with self.db.read() as conn:
            uc_id = use_cases.id_of(conn, ws_sql.id_for_read(conn, who.workspace), use_case)
            return answers.read(conn, answers.find_by_participant(conn, uc_id, who.id))

    def participant_use_cases(self, who: Participant) -> list[tuple[str, str]]:
        with self.db.read() as conn:
            listed = use_cases.in_use(conn, ws_sql.id_for_read(conn, who.workspace))
        names_by_key = dict(listed)
        return [(k, names_by_key[k]) for k in who.use_cases if k in names_by_key]

    def set_display_name(
        self, who: Participant, name: str | None, function: str | None = None
    ) -> None:
        name = names.clean_optional(name, "display name")
        function = names.clean_optional(function, "function")
        self.db.write(lambda conn: people.set_display_name(conn, who.id, name, function))

    def participant_seen(self, who: Participant) -> None:
        """Their browser opened the app's page: from now on they count as joined (an answer
        of theirs marks them too)."""
        self.db.write(lambda conn: people.mark_seen(conn, who.id))

    def _participant_write(self, who: Participant, use_case: str, write) -> None:
        def work(conn: Connection, ws_id: int) -> None:
            now = people.participant_by_id(conn, who.id)
            if now is None:
                raise Forbidden("This invitation no longer exists.")
            access.may_answer(now, who.workspace, use_case)
            uc_id = use_cases.id_of(conn, ws_id, use_case)
            write(conn, answers.response_for_participant(conn, uc_id, now.id))
            people.mark_seen(conn, now.id)  # an answer comes from their page: they are here

        self._write(who.workspace, work)  # checked against the participant as stored now

    # ── sign-in and invitations ────────────────────────────────────────────────────────────

    def owner_key(self) -> str:
        """The key this process signs owners in with (see `coordination.keyfile`)."""
        return self._owner_key

    def legacy_owner_key(self) -> str | None:
        """A generated owner key that an older release kept in clear in the database."""
        with self.db.read() as conn:
            return people.legacy_owner_key(conn)

    def forget_legacy_owner_key(self) -> None:
        """Remove it, once it is kept where the owner can read it again (`keyfile`)."""
        self.db.write(people.forget_legacy_owner_key)

    def sign_in(self, given_key: str | None) -> str | None:
        """A new sign-in token for a browser that gave the right key, else None."""
        key = self.owner_key()
        if not access.key_matches(given_key, key):
            return None
        return self.db.write(lambda conn: people.add_sign_in(conn, access.token_hash(key)))

    def sign_out(self, owner: Owner) -> None:
        self.db.write(lambda conn: people.remove_sign_in(conn, owner.sign_in))

    def identify(self, owner_token: str | None, participant_token: str | None) -> Identity:
        """Who a browser is, from its cookies, checked against the database every time."""
        key_hash = access.token_hash(self.owner_key())
        with self.db.read() as conn:
            if owner_token and people.sign_in_valid(conn, owner_token, key_hash):
                return Owner(sign_in=access.token_hash(owner_token))
            if participant_token:
                found = people.participant(conn, participant_token)
                if found is not None:
                    return found
        return Visitor()

    def invitation(self, key: str, use_case_keys: list[str]) -> str:
        """The link secret of an open invitation to answer these use cases of this workspace
        (the same one each time until it is closed)."""

        def work(conn: Connection, ws_id: int) -> int:
            for uc in use_case_keys:
                use_cases.id_of(conn, ws_id, uc)
            return people.invitation_for(conn, ws_id, list(use_case_keys))

        return self.invitation_token(self._write(key, work))

    def invitation_token(self, invitation: int) -> str:
        return access.invitation_token(self.owner_key(), invitation)

    def _invitation_named(self, conn: Connection, token: str | None) -> int | None:
        """The invitation a link's secret names: derived from the owner key, or (for links
        handed out before that) found by its hash. Never by anything a person could guess."""
        if not token:
            return None
        found = access.invitation_of_token(self.owner_key(), token)
        return found if found is not None else people.legacy_invitation(conn, token)

    def close_invitation(self, key: str, invitation_token: str) -> None:
        """No more answers through this invitation; the answers given stay."""
        self._write(
            key,
            lambda conn, ws_id: people.close_invitation(
                conn, ws_id, self._invitation_named(conn, invitation_token)
            ),
        )

    def invitation_state(self, invitation_token: str | None) -> str | None:
        """Whether a link is "open", "closed" (by its owner, or its workspace is not live) or
        None (no such link)."""
        with self.db.read() as conn:
            found = self._invitation_named(conn, invitation_token)
            if found is None or not people.invitation_exists(conn, found):
                return None
            return "open" if people.open_invitation(conn, found) is not None else "closed"

    def same_invitation(self, who: Participant, invitation_token: str) -> bool:
        with self.db.read() as conn:
            found = self._invitation_named(conn, invitation_token)
            return found is not None and people.invitation_of(conn, who.id) == found

    def join(self, invitation_token: str | None) -> str | None:
        """A new participant's token for a valid, open invitation's link secret, else None."""

        def work(conn: Connection) -> str | None:
            found = people.open_invitation(conn, self._invitation_named(conn, invitation_token))
            return None if found is None else people.add_participant(conn, found)

        return self.db.write(work)
