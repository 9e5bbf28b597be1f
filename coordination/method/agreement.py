"""Whether people's answers to one question disagree: the one rule every view asks.

The room disagrees on a question when at least `MIN_ANSWERS` people gave an answer 0–3 and
those answers lie `MIN_SPAN` steps or more apart (highest − lowest). "Don't know" is no answer
here, and two people alone are a difference of opinion, not a room that disagrees. The
workshop's reveal, the Result page, the deck and the PDF all flag exactly these questions.
"""

from __future__ import annotations

from collections.abc import Iterable

MIN_ANSWERS = 3  # answers 0–3, "don't know" not counted
MIN_SPAN = 2  # highest − lowest


def disagrees(known: int, spread: int | None) -> bool:
    """`known` answers 0–3 whose highest and lowest lie `spread` steps apart (None: none)."""
    return known >= MIN_ANSWERS and spread is not None and spread >= MIN_SPAN


def answers_disagree(answers: Iterable[int | None]) -> bool:
    """The same rule over one question's answers as given (None: "don't know")."""
    known = [a for a in answers if a is not None]
    return disagrees(len(known), max(known) - min(known) if known else None)
