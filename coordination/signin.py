"""The web server's sign-in step: links with a credential become HttpOnly cookies.

    ?key=OWNER_KEY      signs this browser in as the owner
    ?invite=TOKEN       makes this browser a new participant of that invitation
    ?p=TOKEN            brings a participant back (their personal resume link); a browser
                        that already answers as someone else asks first (`resume`)

Any app address takes them. The server answers with a redirect to the same address without the
credential, so it leaves the address bar and the browser history at once and never reaches a
page. Pages then learn who is asking from the cookie, checked against the database on every run.
This is plain ASGI (Starlette), with no Streamlit: server.py puts it in front of the app.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from coordination import resume
from coordination.access import OWNER_COOKIE, PARTICIPANT_COOKIE, Owner, Participant
from coordination.errors import Unavailable
from coordination.ratelimit import Attempts, Joins, Turn, client_key
from coordination.storage import Store

CREDENTIALS = ("key", "invite", "p")
WRONG = ("failed", "invite")  # a credential that opens nothing: counted as a guess
COOKIE_DAYS = 90


class SignInMiddleware:
    def __init__(
        self,
        app,
        store: Callable[[], Store],
        attempts: Attempts | None = None,
        joins: Joins | None = None,
    ) -> None:
        self.app = app
        self.store = store
        self.attempts = attempts or Attempts()
        self.joins = joins or Joins()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and scope["path"] == resume.PATH:
            response = await self._switch(Request(scope, receive))
            return await response(scope, receive, send)
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            return await self.app(scope, receive, send)
        request = Request(scope)
        if not any(name in request.query_params for name in CREDENTIALS):
            return await self.app(scope, receive, send)
        turn = await self.attempts.turn(client_of(request))  # after many failures: waits
        if turn is None:
            response = _redirect(request, problem="limited")
            response.headers["Retry-After"] = str(self.attempts.retry_after)
            return await response(scope, receive, send)
        try:
            response = await run_in_threadpool(self._exchange, request, turn)
        except Unavailable:  # nothing was checked: not a guess, and the link works once back
            self.attempts.done(turn, correct=True)
            response = waiting()
        finally:
            self.attempts.done(turn, correct=False)  # unless _exchange said otherwise
        await response(scope, receive, send)

    async def _switch(self, request: Request):
        """The person pressed "switch" on the confirmation page (`coordination.resume`)."""
        token, next_path = await resume.confirmed(request)
        if token is None:
            return resume.refused()
        turn = await self.attempts.turn(client_of(request))  # a resume token: counted too
        if turn is None:
            refused = resume.done("/?signin=limited")
            refused.headers["Retry-After"] = str(self.attempts.retry_after)
            return refused
        valid = False
        try:
            valid = await run_in_threadpool(self._participant, token)
        finally:
            self.attempts.done(turn, correct=valid)
        response = resume.done(next_path)
        if valid:
            set_cookie(response, request, PARTICIPANT_COOKIE, token)
        return response

    def _participant(self, token: str) -> bool:
        return isinstance(self.store().identify(None, token), Participant)

    def _exchange(self, request: Request, turn: Turn) -> Response:
        store = self.store()
        params = request.query_params
        cookie: tuple[str, str] | None = None
        if "key" in params:
            token = store.sign_in(params["key"])
            cookie = (OWNER_COOKIE, token) if token else None
            problem = None if token else "failed"
        elif "invite" in params:
            cookie, problem = self._join(store, request, params["invite"], turn.client)
        else:
            token = params["p"]
            valid = isinstance(store.identify(None, token), Participant)
            held = request.cookies.get(PARTICIPANT_COOKIE)
            if valid and held and held != token and self._participant(held):
                self.attempts.done(turn, correct=True)
                # Another participant answers in this browser: switch only when asked
                # (login CSRF: a link from another site must not make this browser answer as
                # the link's owner).
                return resume.confirmation(
                    token, _without_credentials(request), secure=_https(request)
                )
            cookie = (PARTICIPANT_COOKIE, token) if valid else None
            problem = None if valid else "invite"
        self.attempts.done(turn, correct=problem not in WRONG)  # a right one is no guess
        response = _redirect(request, problem=problem)
        if cookie:
            set_cookie(response, request, *cookie)
        return response

    def _join(
        self, store: Store, request: Request, invite: str, client: str
    ) -> tuple[tuple[str, str] | None, str | None]:
        """A new participant, unless this browser is the owner or already joined this
        invitation, the link is closed, or too many joined through it or from here lately."""
        now = store.identify(
            request.cookies.get(OWNER_COOKIE), request.cookies.get(PARTICIPANT_COOKIE)
        )
        if isinstance(now, Owner):
            return None, None  # the owner answers on the trace page, as a named respondent
        if isinstance(now, Participant) and store.same_invitation(now, invite):
            return None, None  # this browser joined already: reopening the link resumes
        state = store.invitation_state(invite)
        if state != "open":
            return None, "closed" if state == "closed" else "invite"
        if self.joins.take(client, invite):
            return None, "full"
        token = store.join(invite)
        return ((PARTICIPANT_COOKIE, token), None) if token else (None, "closed")


def waiting() -> PlainTextResponse:
    """A link that came while the database cannot be reached: nothing was exchanged, and the
    same link works again once it is back (a sentence, not a server error page)."""
    return PlainTextResponse(
        "The app cannot reach its database right now, so nobody was signed in. "
        "Open the same link again in a moment.",
        status_code=503,
        headers={"Retry-After": "2", "Cache-Control": "no-store"},
    )


def sign_in_link(base: str, owner_key: str) -> str:
    return f"{base.rstrip('/')}/?{urlencode({'key': owner_key})}"


def start_message(link: str, network: str | None) -> str:
    """What the server prints on start: the owner's way in first, then the participants'."""
    lines = [
        "",
        "  Coordination Map is running.",
        "",
        "  Sign in as the owner with this link (keep it private; it is your key):",
        f"  {link}",
        "",
        "  Lost it? `python -m coordination sign-in-link` prints it again.",
    ]
    if network:
        lines += ["", f"  Participants on this network join at {network}/join", ""]
    return "\n".join(lines + [""])


def set_cookie(response, request: Request, name: str, value: str) -> None:
    """A credential cookie: HttpOnly (no script reads it), same-site, Secure over HTTPS."""
    response.set_cookie(
        name,
        value,
        max_age=COOKIE_DAYS * 86400,
        httponly=True,
        samesite="lax",
        secure=_https(request),
        path="/",
    )


def participant_cookie(response, request: Request, token: str) -> None:
    set_cookie(response, request, PARTICIPANT_COOKIE, token)


def _without_credentials(request: Request, problem: str | None = None) -> str:
    """The same address, the credential left out (and the problem, if any, said)."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k not in CREDENTIALS]
    if problem:
        kept.append(("signin", problem))
    return request.url.path + (f"?{urlencode(kept)}" if kept else "")


def _redirect(request: Request, *, problem: str | None) -> RedirectResponse:
    response = RedirectResponse(_without_credentials(request, problem), status_code=303)
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response


def client_of(request: Request) -> str:
    """Whom a request's attempts count against: its peer, or what a trusted proxy said
    (`coordination.proxies` sets it; nobody else's header is read)."""
    return client_key(request.client.host if request.client else None)


def _https(request: Request) -> bool:
    # The scheme a trusted proxy reported is already in the request (`coordination.proxies`);
    # an X-Forwarded-Proto from anyone else is not read.
    return request.url.scheme in ("https", "wss")
