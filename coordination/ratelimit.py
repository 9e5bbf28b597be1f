"""A small in-memory limit on failed attempts per client, against guessing keys and codes.

Per process: with several app servers each counts its own failures, which still caps a guesser
far below anything that could find a 256-bit token.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque


class FailureLimit:
    def __init__(self, failures: int = 10, per_seconds: float = 60.0) -> None:
        self.failures, self.per_seconds = failures, per_seconds
        self._seen: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def blocked(self, client: str) -> bool:
        with self._lock:
            recent = self._recent(client)
            return len(recent) >= self.failures

    def failed(self, client: str) -> None:
        with self._lock:
            self._recent(client).append(time.monotonic())

    def _recent(self, client: str) -> deque[float]:
        recent = self._seen[client]
        while recent and recent[0] < time.monotonic() - self.per_seconds:
            recent.popleft()
        return recent
