"""Who is asking, and what they may do: the rules, with no database and no web server.

    Owner        signed in with the owner key: the whole app
    Participant  came through an invitation: answers the invited use cases of one workspace,
                 sees only their own answers
    Visitor      neither: sees how to join or sign in, and no workspace data

Credentials are random tokens (256 bits) handed to a browser in an HttpOnly cookie. The database
keeps only their SHA-256 hashes, so a copy of the database does not let anyone sign in. An
invitation link's secret is not stored at all: it is derived from the owner key (an HMAC of the
invitation's number), so the owner can show a link again while the database cannot make one.
The storage layer looks a token up and returns one of the identities below; every write that a
participant makes is checked here, against the invitation it came with.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from coordination.errors import Forbidden, InvalidInput

OWNER_COOKIE = "cm_owner"
PARTICIPANT_COOKIE = "cm_participant"
TOKEN_BYTES = 32  # 256 bits: far beyond guessing, the issue asks for at least 128
MIN_KEY_LENGTH = 16  # a configured owner key shorter than this is refused at start-up
OWNER_SIGN_IN_DAYS = 30  # an owner's browser signs in again after this, on the server too
_INVITATION = re.compile(r"(\d{1,12})-([A-Za-z0-9_-]{43})")


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
    return bool(given) and hmac.compare_digest(
        given.encode("utf-8", "surrogatepass"), owner_key.encode()
    )


def checked_owner_key(key: str, source: str = "COORDINATION_OWNER_KEY") -> str:
    """A configured owner key, refused when it is too short to resist guessing."""
    if len(key.strip()) < MIN_KEY_LENGTH:
        raise InvalidInput(
            f"{source} is too short ({len(key.strip())} characters): use at least "
            f"{MIN_KEY_LENGTH} random characters, e.g. the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`."
        )
    return key


def invitation_token(owner_key: str, invitation: int) -> str:
    """The secret of an invitation link: its number and an HMAC of it under the owner key."""
    mac = hmac.new(owner_key.encode(), f"invitation:{invitation}".encode(), hashlib.sha256)
    return f"{invitation}-{base64.urlsafe_b64encode(mac.digest()).decode().rstrip('=')}"


def invitation_of_token(owner_key: str, token: str | None) -> int | None:
    """The invitation number a link's token names, if its HMAC is right (constant time)."""
    found = _INVITATION.fullmatch(token or "")
    if found is None:
        return None
    number = int(found.group(1))
    expected = invitation_token(owner_key, number)
    return number if hmac.compare_digest(expected.encode(), token.encode()) else None


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
