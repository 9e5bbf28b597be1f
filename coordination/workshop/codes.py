"""Join codes: short, random, typed on a phone. No 0/O, 1/I/L, 2/Z, 5/S or 8/B to mix up."""

from __future__ import annotations

import re
import secrets

ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
LENGTH = 6  # 25^6 ≈ 244 million codes; guessing is slowed per address (ratelimit.py)


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize(typed: str | None) -> str:
    """What a person typed, as a code: case, spaces and dashes do not matter."""
    return re.sub(r"[\s\-]", "", typed or "").upper()[:20]


def spaced(code: str) -> str:
    """`ACD EFG`: easier to read off a projector."""
    return f"{code[:3]} {code[3:]}"
