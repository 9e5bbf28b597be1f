"""Who is asking, and what they may do: the rules, with no database and no web server.

    Owner        signed in with the owner key: the whole app
    Participant  came through an invitation: answers the invited use cases of one workspace,
                 sees only their own answers
    Visitor      neither: sees how to join or sign in, and no workspace data

Credentials are random tokens (256 bits) handed to a browser in an HttpOnly cookie. The database
keeps only their SHA-256 hashes, so a copy of the database does not let anyone sign in. The
storage layer looks a token up and returns one of the identities below; every write that a
participant makes is checked here, against the invitation it came with.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from coordination.errors import Forbidden

OWNER_COOKIE = "cm_owner"
PARTICIPANT_COOKIE = "cm_participant"
TOKEN_BYTES = 32  # 256 bits: far beyond guessing, the issue asks for at least 128


@dataclass(frozen=True)
class Visitor:
    """No key and no invitation."""


@dataclass(frozen=True)
class Owner:
    sign_in: str  # the hash of the browser's sign-in token, so that sign-out can revoke it


@dataclass(frozen=True)
class Participant:
    id: int
    workspace: str  # the workspace's key
    use_cases: tuple[str, ...]  # the use case keys of the invitation, in order
    display_name: str | None
    open: bool = True  # a closed invitation keeps its answers but takes no more
    function: str | None = None
    workshop: str | None = None  # the workshop's key when the invitation is a workshop's
    voting: tuple[str, ...] | None = None  # a workshop's use cases open for answers now

    @property
    def writable(self) -> tuple[str, ...]:
        return self.use_cases if self.voting is None else self.voting


Identity = Visitor | Owner | Participant


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def key_matches(given: str | None, owner_key: str) -> bool:
    """Constant-time comparison, so response times leak nothing about the key."""
    return bool(given) and hmac.compare_digest(given.encode(), owner_key.encode())


def may_answer(identity: Identity, workspace: str, use_case: str) -> None:
    """Raise Forbidden unless this identity may write answers to this use case."""
    match identity:
        case Owner():
            return
        case Participant() if identity.workspace == workspace and use_case in identity.use_cases:
            if not identity.open:
                what = "workshop" if identity.workshop else "invitation"
                raise Forbidden(f"This {what} is closed: answers can no longer be changed.")
            if use_case not in identity.writable:
                raise Forbidden(
                    "This use case is not open for answers right now: the facilitator opens "
                    "one at a time."
                )
            return
    raise Forbidden("You were not invited to answer this use case.")


def may_read_answers(identity: Identity, participant_id: int | None) -> None:
    """Owners read everyone's answers; a participant reads only their own."""
    if isinstance(identity, Owner):
        return
    if isinstance(identity, Participant) and participant_id == identity.id:
        return
    raise Forbidden("These answers are not yours to see.")


def require_owner(identity: Identity) -> Owner:
    if not isinstance(identity, Owner):
        raise Forbidden("Only the owner of this app can do that: sign in with the owner key.")
    return identity
