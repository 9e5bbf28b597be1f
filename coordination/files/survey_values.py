"""A form's own answers ("Partly", "4") that are not the questionnaire's labels: which ones a
value mapping must give a meaning, and a guess at that meaning for the person to check."""

from __future__ import annotations

import re

from coordination.files.survey_mapping import DONT_KNOW, Mapping, normalized
from coordination.files.tables import Table
from coordination.method.questionnaire import Questionnaire

MOST_VALUES = 40  # distinct unknown answers offered for mapping on the page
WORDS = {"no": 0, "none": 0, "never": 0, "partly": 1, "somewhat": 1, "sometimes": 1,
         "mostly": 2, "often": 2, "yes": 3, "fully": 3, "always": 3}  # fmt: skip


def unknown_values(table: Table, mapping: Mapping, q: Questionnaire) -> list[str]:
    """The form's own answers in the question columns that are not the questionnaire's labels
    (nor "don't know"): what a value mapping has to say the meaning of. At most MOST_VALUES."""
    known = {normalized(a) for x in q.questions for a in x.answers}
    known |= DONT_KNOW | {normalized(q.scale.dont_know)}
    found: dict[str, None] = {}
    for row in table.rows:
        for i in mapping.questions:
            cell = row[i].strip()
            if cell and normalized(cell) not in known:
                found.setdefault(cell)
                if len(found) >= MOST_VALUES:
                    return list(found)
    return list(found)


def suggested_values(values: list[str]) -> dict[str, int | None]:
    """A guess at what a form's answers mean, for the person to check: a 1–4 or 1–5 scale
    spread over 0–3, and plain words (no, partly, mostly, yes; not sure → don't know). Values
    it cannot guess are left out."""
    guess: dict[str, int | None] = {}
    numbers = {v: int(v) for v in values if re.fullmatch(r"\d+", v.strip())}
    top = max(numbers.values(), default=0)
    if numbers and min(numbers.values()) >= 1 and top in (4, 5):
        guess |= {v: round((n - 1) * 3 / (top - 1)) for v, n in numbers.items()}
    for v in values:
        key = normalized(v)
        if key in WORDS:
            guess[v] = WORDS[key]
        elif key in DONT_KNOW or key in {"unsure", "n/a", "no idea"}:
            guess[v] = None
    return guess


NOT_AN_ANSWER = "— not an answer —"


class Meanings:
    """What a form's own answer can be said to mean on the Import page: each of the scale's
    words, "don't know", or not an answer at all (the cell is then refused)."""

    def __init__(self, q: Questionnaire) -> None:
        self.values: dict[str, int | str | None] = {q.scale_name(v): v for v in range(4)}
        self.values |= {q.scale.dont_know: None, NOT_AN_ANSWER: NOT_AN_ANSWER}
        self.words = {v: k for k, v in self.values.items()}

    @property
    def choices(self) -> list[str]:
        return list(self.values)

    def suggested(self, own: list[str]) -> list[str]:
        """The word suggested for each of the form's answers, in order."""
        guess = suggested_values(own)
        return [self.words[guess[v]] if v in guess else NOT_AN_ANSWER for v in own]

    def mapping(self, said: list[str], meant: list[str]) -> dict[str, int | None]:
        """The value mapping the person chose: every answer given a meaning, in their words."""
        return {s: self.values[m] for s, m in zip(said, meant, strict=True) if m != NOT_AN_ANSWER}
