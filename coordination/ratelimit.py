"""Limits against guessing credentials and flooding invitations, in memory, per process.

Guessing (`Attempts`). Every credential a request brings (owner key, invitation or resume link,
join code) is one attempt of the client that sent it: an IPv4 address, or an IPv6 /64 (one
household or phone holds a whole /64). An attempt counts as a failure unless its credential was
correct. A client with fewer than `failures` failures in the window is checked at once. Past
that it is not refused but waits its turn: one check at a time, and after a wrong one the next
only `window / failures` seconds later (10 a minute); while more than `overall` failures a
window come from everywhere, all failing clients share one such turn too (60 a minute). A
correct credential is accepted and frees the turn at once, so one person behind a room's NAT
who guessed slows guessing down without locking the room out: the right code or key still
opens, one after another, within moments. Only a request that finds no turn within
`max_wait` (a flood from its own address going on) is answered "try again later" unchecked
(the join page with 429, a link with a redirect to that sentence; both carry Retry-After): a
guess that is never checked cannot be told from a right one.

Joins (`Joins`). At most `per_client` new participants from one client and `per_invitation`
through one invitation in a window: a script cannot fill a workshop with empty participants.

With several app servers each counts its own, which still keeps a guesser far below anything
that could find a 256-bit token or a join code in the life of a workshop.
"""

from __future__ import annotations

import asyncio
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


@dataclass
class Turn:
    client: str
    at: float  # when it was taken: a failure at that time, unless the credential was correct
    mine: bool  # this client is over its limit: it holds the client's one turn
    everyone: bool  # failures from everywhere are over the limit: it holds the shared turn
    finished: bool = False


class Attempts:
    POLL = 0.05  # seconds between looks for a free turn
    WAITERS = 50  # requests of one client that may wait at once (a room behind one NAT)

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
        self._busy: set[str] = set()  # limited clients with a check under way
        self._free_at: dict[str, float] = {}  # a limited client's next check, after a failure
        self._busy_all = False
        self._free_at_all = 0.0
        self._waiting: dict[str, int] = defaultdict(int)
        self._swept = clock()
        self._lock = threading.Lock()

    @property
    def retry_after(self) -> int:
        """Whole seconds to tell a refused client (429's Retry-After)."""
        return math.ceil(self.window / self.failures)

    async def turn(self, client: str) -> Turn | None:
        """Wait (up to `max_wait`) for this client's turn to have a credential checked; None
        when it did not come. Whoever gets a turn must hand it back with `done`."""
        taken = self.take(client)
        if taken is not None:
            return taken
        with self._lock:
            if self._waiting[client] >= self.WAITERS:
                return None  # a flood from one address: no hundreds of sleepers for it
            self._waiting[client] += 1
        try:
            deadline = self.clock() + self.max_wait
            while (taken := self.take(client)) is None:
                if self.clock() >= deadline:
                    return None
                await asyncio.sleep(self.POLL)
            return taken
        finally:
            with self._lock:
                self._waiting[client] -= 1
                if not self._waiting[client]:
                    del self._waiting[client]

    def take(self, client: str) -> Turn | None:
        """A turn now, or None. Under its limit a client always has one; over it, one check
        at a time, and the next only `window / failures` after a wrong one (a right one frees
        the turn at once). The attempt counts as a failure until `done` says it was correct, so
        a burst of simultaneous guesses is counted before any is answered."""
        with self._lock:
            now = self.clock()
            self._sweep(now)
            mine = self._recent(self._mine[client], now)
            everyone = self._recent(self._everyone, now)
            over_mine = len(mine) >= self.failures
            over_all = bool(mine) and len(everyone) >= self.overall
            if over_mine and (client in self._busy or now < self._free_at.get(client, 0.0)):
                return None
            if over_all and (self._busy_all or now < self._free_at_all):
                return None
            if over_mine:
                self._busy.add(client)
            if over_all:
                self._busy_all = True
            mine.append(now)
            everyone.append(now)
            return Turn(client, now, over_mine, over_all)

    def done(self, turn: Turn, *, correct: bool) -> None:
        """The credential was checked: a correct one is no failure and frees the turn at once;
        a wrong one keeps its failure and holds the turn for `window / failures` seconds
        (`window / overall` for the shared one). Once per turn; later calls do nothing."""
        with self._lock:
            if turn.finished:
                return
            turn.finished = True
            now = self.clock()
            if correct:
                for seen in (self._mine[turn.client], self._everyone):
                    if turn.at in seen:
                        seen.remove(turn.at)
            if turn.mine:
                self._busy.discard(turn.client)
                if not correct:
                    self._free_at[turn.client] = now + self.window / self.failures
            if turn.everyone:
                self._busy_all = False
                if not correct:
                    self._free_at_all = now + self.window / self.overall

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
            if self._recent(self._mine[client], now) or client in self._busy:
                continue
            del self._mine[client]
            if self._free_at.get(client, 0.0) <= now:
                self._free_at.pop(client, None)


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
