"""A small group's answers stay inside its workshop.

Below a workshop's anonymity threshold, its participants' answers reach no view: not the map,
not the Result page, not the deck, PDF or spreadsheets; only how many people answered does.
The team's agreed answer is not withheld (it is the team's, not a person's), and the backup
keeps every answer: it is the owner's copy of the data, not a view of it (its names are
hidden as everywhere: `console.names_hidden`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import msgspec

from coordination import wording
from coordination.models import Assessment


@dataclass(frozen=True)
class Withheld:
    respondents: frozenset[str]  # the response labels kept out of every view
    answered: int  # how many of them gave at least one answer
    threshold: int

    @property
    def phrase(self) -> str:
        """ "two workshop answers withheld until at least three people have answered" """
        answers = wording.counted(self.answered, "workshop answer")
        enough = wording.number(self.threshold)
        return f"{answers} withheld until at least {enough} people have answered"

    @property
    def text(self) -> str:
        return f"{self.phrase[0].upper()}{self.phrase[1:]}."


@dataclass(frozen=True)
class ParticipantResponse:
    """One workshop participant's response to one use case, as storage reads it."""

    workshop: int
    use_case: str
    respondent: str
    answered: bool
    threshold: int


def withheld(rows: Iterable[ParticipantResponse]) -> dict[str, Withheld]:
    """Per use case, the participants' responses to keep out: those of every workshop where
    fewer people answered that use case than its threshold."""
    groups: dict[tuple[int, str], list[ParticipantResponse]] = {}
    for row in rows:
        groups.setdefault((row.workshop, row.use_case), []).append(row)
    out: dict[str, Withheld] = {}
    for (_, use_case), group in groups.items():
        answered = sum(row.answered for row in group)
        if answered >= group[0].threshold:
            continue
        earlier = out.get(use_case)  # the same use case in two small workshops
        out[use_case] = Withheld(
            frozenset(row.respondent for row in group)
            | (earlier.respondents if earlier else set()),
            answered + (earlier.answered if earlier else 0),
            max(group[0].threshold, earlier.threshold if earlier else 0),
        )
    return out


def without(assessment: Assessment, kept_out: Mapping[str, Withheld]) -> Assessment:
    """The assessment as views may show it: withheld responses left out."""
    if not kept_out:
        return assessment
    use_cases = []
    for uc in assessment.use_cases:
        out = kept_out.get(uc.id)
        if out is not None:
            kept = [r for r in uc.responses if r.respondent not in out.respondents]
            uc = msgspec.structs.replace(uc, responses=kept)
        use_cases.append(uc)
    return msgspec.structs.replace(assessment, use_cases=use_cases)
