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
import logging
import os

from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from coordination.errors import InvalidInput

VARIABLE = "COORDINATION_TRUSTED_PROXIES"
log = logging.getLogger(__name__)


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
        self.networks = [ipaddress.ip_network(entry, strict=False) for entry in proxies]
        self.app = ProxyHeadersMiddleware(app, trusted_hosts=proxies) if proxies else app
        self.warned = False

    async def __call__(self, scope, receive, send) -> None:
        if not self.warned and scope["type"] in ("http", "websocket"):
            self._warn_once(scope)
        await self.app(scope, receive, send)

    def _warn_once(self, scope) -> None:
        """A proxy in front that is not listed: say so once, in the server's log (its
        addresses are ignored, and the app does not know it is served over HTTPS)."""
        peer = (scope.get("client") or ("",))[0]
        if self._trusted(peer):
            return
        if any(name == b"x-forwarded-for" for name, _ in scope.get("headers", ())):
            self.warned = True
            log.warning(
                "A request from %s carried X-Forwarded-For, which is ignored: %s is not in %s. "
                "If it is your reverse proxy, add it there.",
                peer,
                peer,
                VARIABLE,
            )

    def _trusted(self, peer: str) -> bool:
        try:
            address = ipaddress.ip_address(peer)
        except ValueError:
            return False
        return any(address in network for network in self.networks)


def as_connected(app, trusted_hosts=None):
    """Stands in for uvicorn's own proxy-header reading (see the module's docstring)."""
    return app
