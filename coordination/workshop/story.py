"""A workshop's story for the deck and the PDF: when it was, how many took part, how anonymous
it was, and per use case the level the room's own answers gave, the level the team agreed, where
the room disagreed (the finding) and the team's reasons. Raw answers stay in the appendix.
"""

from __future__ import annotations

from dataclasses import dataclass

from coordination import wording
from coordination.report.orgmap import OrgMap
from coordination.workshop.agreed import agreement

ANONYMITY = {
    "off": "names shown beside answers",
    "facilitator": "names seen by the facilitator only",
    "full": "nobody saw who answered what",
}
COLUMNS = ["Use case", "The room's answers gave", "Agreed", "Where the room disagreed", "Why"]


@dataclass(frozen=True)
class WorkshopStory:
    title: str  # "Workshop 6 December 2026"
    facts: str  # "9 people took part · nobody saw who answered what · shown from 5 answers"
    rows: list[list[str]]  # COLUMNS' cells
    columns: list[str]


def story(org: OrgMap, workshop, joined: int) -> WorkshopStory:
    """`workshop`: storage's Workshop (its rounds in order); `joined`: how many took part."""
    q = org.questionnaire
    day = workshop.created_at
    facts = [
        f"{wording.counted(joined, 'person', 'people').capitalize()} took part",
        ANONYMITY.get(workshop.anonymity, workshop.anonymity),
        f"answers shown once {workshop.threshold} have answered",
        "closed" if workshop.closed else "the workshop is still open",
    ]
    known = {uc.id: uc for uc in org.assessment.use_cases}
    rows = []
    for rnd in workshop.rounds:
        uc = known.get(rnd.use_case)
        if uc is None:
            continue
        result = org.results[uc.id]
        found = agreement(q, uc, result)
        room = found.room_level if found else result.level
        disagree = found.room_disagreements if found else result.disagreements
        reasons = [f"{r.question}: {r.why}" for r in found.rows if r.why] if found else []
        withheld = org.withheld.get(uc.id)
        rows.append([
            uc.name,
            withheld.phrase if withheld else _level(q, room) if room else "no answers yet",
            _level(q, found.agreed_level) if found else "not agreed",
            ", ".join(q.question(d).label for d in disagree) or "—",
            "; ".join(reasons) or "—",
        ])  # fmt: skip
    title = f"Workshop {day.day} {day:%B %Y}"
    return WorkshopStory(title, " · ".join(facts), rows, COLUMNS)


def _level(q, level: int | None) -> str:
    return "not traced" if level is None else f"{level} · {q.level_name(level)}"
