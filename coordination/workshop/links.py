"""The join link and its QR code, and a warning when the link could only work on this machine.

Phones in the room cannot open `localhost`: when the facilitator's browser reached the app that
way and no public address is configured, the console says so and names the addresses of this
machine on the local network instead.
"""

from __future__ import annotations

import functools
import io
import socket
from urllib.parse import urlsplit

import psutil
import segno

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}


def join_link(base: str, code: str) -> str:
    return f"{base.rstrip('/')}/join?code={code}"


@functools.lru_cache(maxsize=32)  # the presenter draws it every second while the room joins
def qr_png(url: str, scale: int = 10) -> bytes:
    """A QR code as PNG, with a quiet zone and dark-on-white for any phone camera."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=scale, border=4, dark="#000000")
    return out.getvalue()


def only_local(base: str) -> bool:
    host = urlsplit(base).hostname or ""
    return host in LOCAL_HOSTS or host.startswith("127.")


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses other than loopback, read from its network interfaces."""
    found = {
        address.address
        for addresses in psutil.net_if_addrs().values()
        for address in addresses
        if address.family == socket.AF_INET and not address.address.startswith("127.")
    }
    return sorted(found)


def with_host(base: str, host: str) -> str:
    parts = urlsplit(base)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}"
