"""`/join`: type a workshop's code on a phone, become a participant, land on the questions.

A plain server-rendered form, served by the web server rather than Streamlit, because only an
HTTP response can set the participant's HttpOnly cookie; it also loads fast on a weak network.
The QR code and the join link open `/join?code=ABC123`, which joins straight away.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from coordination.access import OWNER_COOKIE, PARTICIPANT_COOKIE, Participant
from coordination.errors import Unavailable
from coordination.ratelimit import Attempts, Joins, Turn
from coordination.signin import client_of, participant_cookie
from coordination.storage import Store

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Join a workshop · Coordination Map</title>
<style>
body {{ font-family: "Source Sans Pro", Arial, sans-serif; color: #1f2630; margin: 0;
       display: flex; justify-content: center; }}
main {{ max-width: 26rem; width: 100%; padding: 2rem 1.25rem; }}
h1 {{ font-size: 1.8rem; margin: 0 0 .5rem; }}
label {{ display: block; font-size: 1.1rem; margin: 1.5rem 0 .5rem; }}
input {{ font-size: 1.8rem; letter-spacing: .2em; text-transform: uppercase; width: 100%;
        box-sizing: border-box; padding: .5rem .75rem; border: 2px solid #5a6472;
        border-radius: .5rem; }}
button {{ font-size: 1.2rem; margin-top: 1rem; width: 100%; padding: .75rem; border: 0;
         border-radius: .5rem; background: #225ea8; color: #fff; }}
input:focus, button:focus {{ outline: 3px solid #fd8d3c; outline-offset: 2px; }}
.problem {{ color: #9b1c1c; font-weight: 600; margin-top: 1rem; }}
</style></head>
<body><main>
<h1>Join a workshop</h1>
<p>Type the code on the facilitator's screen. You answer on this device; nobody sees your
answers before the facilitator reveals the group's.</p>
<form method="get" action="/join">
<label for="code">Workshop code</label>
<input id="code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false"
       maxlength="12" required autofocus value="{code}">
<button type="submit">Join</button>
</form>
{problem}
</main></body></html>"""

PROBLEMS = {
    "wrong": "That code does not match an open workshop. Check it and try again.",
    "closed": "This workshop is closed: it takes no more answers. The answers given in it are "
    "kept; ask the facilitator if you expected it to be open.",
    "limited": "Too many wrong codes from this network. Wait a minute, then try again.",
    "down": "The app cannot reach its database right now, so nobody joined. Try again in a moment.",
    "client": "Too many people joined from this network in the last few minutes. Wait a few "
    "minutes, then try again, or ask the facilitator.",
    "invitation": "Too many people joined this workshop in the last few minutes. Wait a few "
    "minutes, then try again, or ask the facilitator.",
}


class JoinPage:
    def __init__(
        self,
        store: Callable[[], Store],
        attempts: Attempts | None = None,
        joins: Joins | None = None,
    ) -> None:
        self.store = store
        self.attempts = attempts or Attempts()
        self.joins = joins or Joins()

    async def respond(self, request: Request) -> Response:
        typed = request.query_params.get("code")
        if typed is None:
            return form()
        turn = await self.attempts.turn(client_of(request))  # after many wrong codes: waits
        if turn is None:
            page = form("limited", typed, status=429)
            page.headers["Retry-After"] = str(self.attempts.retry_after)
            return page
        try:
            return await run_in_threadpool(self._answer, request, turn)
        except Unavailable:  # nothing was checked or joined: the same code works once it is back
            self.attempts.done(turn, correct=True)  # not a guess
            page = form("down", typed, status=503)
            page.headers["Retry-After"] = "2"
            return page
        finally:
            self.attempts.done(turn, correct=False)  # unless _answer said otherwise

    def _answer(self, request: Request, turn: Turn) -> Response:
        store = self.store()
        typed = request.query_params["code"]
        invitation = store.workshops.invitation_for_code(typed)
        if invitation is None:  # the attempt stays counted as a guess, a closed code's too
            problem = "closed" if store.workshops.closed_code(typed) else "wrong"
            return form(problem, typed, status=404)
        self.attempts.done(turn, correct=True)
        now = store.identify(
            request.cookies.get(OWNER_COOKIE), request.cookies.get(PARTICIPANT_COOKIE)
        )
        response = RedirectResponse("/", status_code=303)
        response.headers["Cache-Control"] = "no-store"
        if isinstance(now, Participant) and store.same_invitation(now, invitation):
            return response  # joined already on this device: straight back to the questions
        if refused := self.joins.take(turn.client, invitation):
            return form(refused, typed, status=429)  # "client" or "invitation": which limit
        token = store.join(invitation)
        if token is None:  # closed between the two steps
            return form("closed", typed, status=404)
        participant_cookie(response, request, token)
        return response


def form(problem: str | None = None, typed: str = "", status: int = 200) -> HTMLResponse:
    """The form, saying what went wrong, with the code as typed still in the box to correct
    (one wrong letter should not mean typing all six again)."""
    shown = (
        f'<p class="problem" role="alert">{html.escape(PROBLEMS[problem])}</p>' if problem else ""
    )
    page = HTMLResponse(
        _PAGE.format(problem=shown, code=html.escape(typed[:12], quote=True)), status_code=status
    )
    page.headers["Cache-Control"] = "no-store"
    return page
