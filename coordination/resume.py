"""A resume link (`?p=`) opened in a browser that already answers as someone else.

Whoever holds a resume link answers as its participant. Opened on a device with no participant,
it simply signs that device in. But a page on another site could send a browser that already
answers as someone to an *attacker's* resume link: the victim would then answer as the attacker,
who reads those answers from their own link (login CSRF). So a browser that holds another
participant is never switched by a link alone: it gets this page, and switches only when its
person presses the button. The button posts a one-time value that is also in a SameSite=Strict
cookie; a request another site starts (a form it submits, a link it follows) does not carry
that cookie, and the page itself refuses to be framed, so no other site can press it.
"""

from __future__ import annotations

import hmac
import html
import secrets

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

CONFIRM_COOKIE = "cm_confirm"
PATH = "/resume"

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>Switch to other answers? · Coordination Map</title>
<style>
body {{ font-family: "Source Sans Pro", Arial, sans-serif; color: #0b1017; margin: 0;
       display: flex; justify-content: center; }}
main {{ max-width: 32rem; width: 100%; padding: 2rem 1.25rem; line-height: 1.45; }}
h1 {{ font-size: 1.7rem; margin: 0 0 .75rem; }}
button, a.keep {{ display: block; box-sizing: border-box; width: 100%; font-size: 1.1rem;
         margin-top: 1rem; padding: .75rem; border-radius: .5rem; text-align: center; }}
button {{ border: 0; background: #225ea8; color: #fff; }}
a.keep {{ border: 2px solid #225ea8; color: #225ea8; text-decoration: none; }}
button:focus, a.keep:focus {{ outline: 3px solid #fd8d3c; outline-offset: 2px; }}
</style></head>
<body><main>
<h1>This device already answers as someone</h1>
<p>The link you opened is a personal resume link: it opens <strong>someone's</strong> answers,
and whoever uses it answers as that person. If it is your own link from another device, switch.
If someone sent it to you, keep your own answers: they stay as they are either way.</p>
<form method="post" action="{path}">
<input type="hidden" name="p" value="{token}">
<input type="hidden" name="confirm" value="{confirm}">
<input type="hidden" name="next" value="{next}">
<button type="submit">Switch to the answers of this link</button>
</form>
<a class="keep" href="{next}">Keep answering as I do now</a>
</main></body></html>"""


def confirmation(token: str, next_path: str, *, secure: bool) -> HTMLResponse:
    """The page that asks before a browser is switched to another participant."""
    confirm = secrets.token_urlsafe(24)
    page = HTMLResponse(
        _PAGE.format(
            path=PATH,
            token=html.escape(token, quote=True),
            confirm=confirm,
            next=html.escape(_local(next_path), quote=True),
        )
    )
    _no_framing(page)
    page.set_cookie(
        CONFIRM_COOKIE, confirm, max_age=600, httponly=True, samesite="strict", secure=secure,
        path=PATH,
    )  # fmt: skip
    return page


async def confirmed(request: Request) -> tuple[str | None, str]:
    """(the resume token, where to go) of a switch this browser's person confirmed, else
    (None, where to go)."""
    form = await request.form()
    next_path = _local(str(form.get("next") or "/"))
    expected = request.cookies.get(CONFIRM_COOKIE) or ""
    given = str(form.get("confirm") or "")
    same_site = request.headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")
    origin = request.headers.get("origin")
    same_origin = origin is None or origin == f"{request.url.scheme}://{request.url.netloc}"
    if not (expected and hmac.compare_digest(expected, given) and same_site and same_origin):
        return None, next_path
    return str(form.get("p") or "") or None, next_path


def done(next_path: str) -> RedirectResponse:
    response = RedirectResponse(next_path, status_code=303)
    response.delete_cookie(CONFIRM_COOKIE, path=PATH)
    response.headers["Cache-Control"] = "no-store"
    return response


def refused() -> Response:
    page = HTMLResponse(
        "<!doctype html><title>Not switched</title><p>Nothing was switched: that request did "
        'not come from this app\'s own page. <a href="/">Back to your answers</a></p>',
        status_code=403,
    )
    _no_framing(page)
    return page


def _no_framing(response: Response) -> None:
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = "frame-ancestors 'none'"
    response.headers["Cache-Control"] = "no-store"
    # Same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" with the
    # form, which the switch could not tell from another site's. Nothing leaves this app.
    response.headers["Referrer-Policy"] = "same-origin"


def _local(path: str) -> str:
    """Only a path on this app: never another site (an open redirect)."""
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    return path
