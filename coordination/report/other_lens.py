"""Answers this server's questionnaire does not ask: given under another one, kept, not shown.

Answers are stored by question id, and scoring reads only the ids of the questionnaire the
server runs (COORDINATION_QUESTIONNAIRE). A workspace answered under one lens and opened under
another therefore looked untraced — "No use case has been traced yet" — with every answer still
in the database and not a word about them. This finds such answers, names the questionnaire that
asks them when it is one this app ships, and says in a sentence what happened and how to see
them. It never changes them: switching back shows them again.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from coordination import wording
from coordination.method.questionnaire import DEFAULT_PATH, Questionnaire, load_questionnaire
from coordination.models import Assessment, UseCase

ROOT = DEFAULT_PATH.parents[1]  # the app's folder: shipped lenses are named from it
SHIPPED = (DEFAULT_PATH, *sorted((DEFAULT_PATH.parent / "lenses").glob("*.toml")))
SETTING = "COORDINATION_QUESTIONNAIRE"


@lru_cache(maxsize=8)
def _questions(path: Path) -> tuple[str, frozenset[str]]:
    q = load_questionnaire(path)
    return q.name, frozenset(q.question_ids)


def unasked(use_case: UseCase, questionnaire: Questionnaire) -> int:
    """How many of this use case's answers (its team's agreed ones too) answer questions this
    questionnaire does not ask."""
    asked = set(questionnaire.question_ids)
    given = [a for r in use_case.responses for a in r.answers] + list(use_case.agreed)
    return sum(a not in asked for a in given)


@dataclass(frozen=True)
class OtherLens:
    answers: int  # answers to questions this server's questionnaire does not ask
    use_cases: tuple[str, ...]  # the ids of the use cases holding them
    current: str  # the name of the questionnaire this server uses
    lens: str | None  # the shipped questionnaire that asks them, when one does
    path: Path | None  # its file

    def what_to_do(self) -> str:
        if self.path is None:
            return (
                f"Start the app with {SETTING} set to the questionnaire that asks them to see them."
            )
        if self.path == DEFAULT_PATH:
            return f"Start the app without {SETTING} (the built-in questionnaire) to see them."
        where = self.path.relative_to(ROOT) if self.path.is_relative_to(ROOT) else self.path
        return f"Start the app with {SETTING}={where} to see them."

    def sentence(self, answers: int | None = None, where: str = "in this workspace") -> str:
        """ "12 answers in this workspace were given under the questionnaire 'X'; this server
        uses 'Y'. They are kept as they were. Start the app with … to see them." """
        n = self.answers if answers is None else answers
        under = f"the questionnaire “{self.lens}”" if self.lens else "another questionnaire"
        were = "was" if n == 1 else "were"
        return (
            f"{wording.counted(n, 'answer').capitalize()} {where} {were} given under "
            f"{under}; this server uses “{self.current}”, which does not ask those questions, "
            f"so they are not shown. They are kept as they were. {self.what_to_do()}"
        )


def other_lens(
    assessment: Assessment, questionnaire: Questionnaire, shipped=SHIPPED
) -> OtherLens | None:
    """The answers this questionnaire does not ask, or None when it asks every one."""
    counts = {uc.id: unasked(uc, questionnaire) for uc in assessment.use_cases}
    holding = tuple(uc for uc, n in counts.items() if n)
    if not holding:
        return None
    asked = set(questionnaire.question_ids)
    ids = {
        a
        for uc in assessment.use_cases
        for a in [*(a for r in uc.responses for a in r.answers), *uc.agreed]
        if a not in asked
    }
    lens, path = _asking(ids, questionnaire.name, shipped)
    return OtherLens(sum(counts.values()), holding, questionnaire.name, lens, path)


def _asking(ids: set[str], current: str, shipped) -> tuple[str | None, Path | None]:
    """The shipped questionnaire (not this one) that asks the most of these ids, if any."""
    best, most = (None, None), 0
    for path in shipped:
        name, questions = _questions(Path(path))
        found = len(ids & questions)
        if name != current and found > most:
            best, most = (name, Path(path)), found
    return best
