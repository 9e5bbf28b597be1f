"""Which address a request comes from, and whether it came over HTTPS, behind a reverse proxy.

COORDINATION_TRUSTED_PROXIES lists the proxies in front of the app (addresses or networks,
comma-separated, e.g. `10.0.0.5, 172.16.0.0/12`). Only a request whose direct peer is one of
them has its X-Forwarded-For and X-Forwarded-Proto read, taking the right-most address that is
not itself a trusted proxy (anyone can put anything on the left). Empty, the default: the
headers are ignored, whoever sends them, and the address is the connection's own.

uvicorn, which Streamlit runs on, trusts these headers from 127.0.0.1 and ::1 unless told
otherwise; then anyone on this machine, or any proxy that passes a client's header through,
could pick a new address per request and escape the limits on guessing (`ratelimit`).
server.py therefore switches uvicorn's reading off and puts `ForwardedHeaders` in its place.
The reading itself is uvicorn's (its ProxyHeadersMiddleware), given only the list above.
"""

from __future__ import annotations

import ipaddress
import os

from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from coordination.errors import InvalidInput

VARIABLE = "COORDINATION_TRUSTED_PROXIES"


def trusted_proxies(environ=os.environ) -> list[str]:
    """The configured proxies, each checked: a typo must not silently trust nobody (or all)."""
    listed = [part.strip() for part in environ.get(VARIABLE, "").split(",") if part.strip()]
    for entry in listed:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError as exc:
            raise InvalidInput(
                f"{VARIABLE}: {entry!r} is not an IP address or network (e.g. 10.0.0.5 or "
                "10.0.0.0/8)."
            ) from exc
    return [str(ipaddress.ip_network(entry, strict=False)) for entry in listed]


class ForwardedHeaders:
    """ASGI middleware: the client's address and scheme from a trusted proxy's headers, and
    from nothing else."""

    def __init__(self, app, proxies: list[str] | None = None) -> None:
        proxies = trusted_proxies() if proxies is None else proxies
        self.app = ProxyHeadersMiddleware(app, trusted_hosts=proxies) if proxies else app

    async def __call__(self, scope, receive, send) -> None:
        await self.app(scope, receive, send)


def as_connected(app, trusted_hosts=None):
    """Stands in for uvicorn's own proxy-header reading (see the module's docstring)."""
    return app
