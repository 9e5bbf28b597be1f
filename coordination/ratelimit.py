"""Limits against guessing credentials and flooding invitations, in memory, per process.

Guessing (`Attempts`). Every credential a request brings (owner key, invitation or resume link,
join code) is one attempt of the client that sent it: an IPv4 address, or an IPv6 /64 (one
household or phone holds a whole /64). An attempt counts as a failure unless its credential was
correct. A client with fewer than `failures` failures in the window is checked at once. Past
that it is not refused but waits its turn: its attempts are spaced to `failures` per window,
and while more than `overall` failures a window come from everywhere, all failing clients share
that many turns too. A correct credential is then accepted, so one person behind a room's NAT
who guesses slows the guessing down without locking the room out of the right code or key.
Only a client whose line is longer than `max_wait` (a flood from its own address) gets "try
again in n seconds" (429 with Retry-After).

Joins (`Joins`). At most `per_client` new participants from one client and `per_invitation`
through one invitation in a window: a script cannot fill a workshop with empty participants.

With several app servers each counts its own, which still keeps a guesser far below anything
that could find a 256-bit token or a join code in the life of a workshop.
"""

from __future__ import annotations

import ipaddress
import math
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass


def client_key(host: str | None) -> str:
    """Whom to count an attempt against: the address, or its /64 for IPv6."""
    try:
        address = ipaddress.ip_address(host or "")
    except ValueError:
        return host or "?"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


@dataclass(frozen=True)
class Turn:
    client: str
    at: float  # when this attempt is checked (a failure at that time, unless it succeeds)
    wait: float  # seconds to wait before checking the credential
    retry_after: int = 0  # when refused: whole seconds until a turn is within reach

    @property
    def refused(self) -> bool:
        return self.retry_after > 0


class Attempts:
    def __init__(
        self,
        failures: int = 10,
        overall: int = 60,
        window: float = 60.0,
        max_wait: float = 10.0,
        clock=time.monotonic,
    ) -> None:
        self.failures, self.overall = failures, overall
        self.window, self.max_wait = window, max_wait
        self.clock = clock
        self._mine: dict[str, deque[float]] = defaultdict(deque)
        self._everyone: deque[float] = deque()
        self._next: dict[str, float] = {}
        self._next_all = 0.0
        self._swept = clock()
        self._lock = threading.Lock()

    def start(self, client: str) -> Turn:
        """This client's turn to have a credential checked (refused when it must come back
        later). The attempt counts as failed until `succeeded` says otherwise,
        so a burst of simultaneous guesses is counted before any of them is answered."""
        with self._lock:
            now = self.clock()
            self._sweep(now)
            mine = self._recent(self._mine[client], now)
            everyone = self._recent(self._everyone, now)
            over_mine = len(mine) >= self.failures
            over_all = bool(mine) and len(everyone) >= self.overall
            at = now
            if over_mine:
                at = max(at, self._next.get(client, now))
            if over_all:
                at = max(at, self._next_all)
            if at - now > self.max_wait:
                return Turn(client, at, at - now, max(1, math.ceil(at - now - self.max_wait)))
            if over_mine:
                self._next[client] = at + self.window / self.failures
            if over_all:
                self._next_all = at + self.window / self.overall
            mine.append(at)
            everyone.append(at)
            return Turn(client, at, at - now)

    def succeeded(self, turn: Turn) -> None:
        """The credential was correct: the attempt was no failure."""
        with self._lock:
            for seen in (self._mine[turn.client], self._everyone):
                if turn.at in seen:
                    seen.remove(turn.at)

    def _recent(self, seen: deque[float], now: float) -> deque[float]:
        while seen and seen[0] <= now - self.window:
            seen.popleft()
        return seen

    def _sweep(self, now: float) -> None:
        """Forget clients with nothing left in the window (once a window): addresses that
        guessed once must not pile up in memory."""
        if now - self._swept < self.window:
            return
        self._swept = now
        for client in list(self._mine):
            if not self._recent(self._mine[client], now) and self._next.get(client, 0) <= now:
                del self._mine[client]
                self._next.pop(client, None)


class Joins:
    def __init__(
        self,
        per_client: int = 50,
        per_invitation: int = 100,
        window: float = 600.0,
        clock=time.monotonic,
    ) -> None:
        self.per_client, self.per_invitation, self.window = per_client, per_invitation, window
        self.clock = clock
        self._seen: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._swept = clock()
        self._lock = threading.Lock()

    def take(self, client: str, invitation: str) -> str | None:
        """Count one new participant; None when allowed, else which limit refused it
        ("client" or "invitation")."""
        with self._lock:
            now = self.clock()
            if now - self._swept >= self.window:  # forget what left the window (memory)
                self._swept = now
                for key in [key for key in self._seen if not self._recent(key, now)]:
                    del self._seen[key]
            by_client = self._recent(("client", client), now)
            by_invitation = self._recent(("invitation", invitation), now)
            if len(by_client) >= self.per_client:
                return "client"
            if len(by_invitation) >= self.per_invitation:
                return "invitation"
            by_client.append(now)
            by_invitation.append(now)
            return None

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        seen = self._seen[key]
        while seen and seen[0] <= now - self.window:
            seen.popleft()
        return seen
