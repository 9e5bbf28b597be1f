"""Numbers in sentences: "eight questions", "one answer", "12 use cases"."""

from __future__ import annotations

_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number(n: int) -> str:
    """Small counts as words, as a person would write them; larger ones as digits."""
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """`counted(1, "answer")` is "one answer", `counted(3, "use case")` "three use cases"."""
    return f"{number(n)} {singular if n == 1 else plural or singular + 's'}"
