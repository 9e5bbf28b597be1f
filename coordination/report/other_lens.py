"""Answers this server's questionnaire does not ask: given under another one, kept, not shown.

Answers are stored by question id, and scoring reads only the ids of the questionnaire the
server runs (COORDINATION_QUESTIONNAIRE). A workspace answered under one lens and opened under
another therefore looked untraced — "No use case has been traced yet" — with every answer still
in the database and not a word about them. This finds such answers, names the questionnaire that
asks them when it is one this app ships, and says in a sentence what happened and how to see
them. It never changes them: switching back shows them again.

The app and the command line choose the questionnaire differently (the server's setting, or
`--questionnaire`), so the sentence's reader and its instruction are a `Reader`; the words are
one and the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from coordination import wording
from coordination.method.questionnaire import (
    DEFAULT_PATH,
    SHIPPED,
    Questionnaire,
    load_questionnaire,
)
from coordination.models import Assessment, Response, UseCase

ROOT = DEFAULT_PATH.parents[1]  # the app's folder: shipped lenses are named from it
SETTING = "COORDINATION_QUESTIONNAIRE"


@dataclass(frozen=True)
class Reader:
    """Who reads the answers, and how its questionnaire is chosen: the sentence's variable part."""

    who: str  # "this server"
    start: str  # how the instruction begins: "Start the app"
    choose: str  # what precedes a questionnaire's file: f"{SETTING}="
    default: str  # how the built-in questionnaire is chosen: f"without {SETTING}"

    @property
    def setting(self) -> str:
        return self.choose.rstrip("= ")


APP = Reader("this server", "Start the app", f"{SETTING}=", f"without {SETTING}")
CLI = Reader(
    "this command",
    "Run the command again",
    "--questionnaire ",
    f"without --questionnaire or {SETTING}",
)


@lru_cache(maxsize=8)
def _loaded(path: Path) -> Questionnaire:
    return load_questionnaire(path)


def _questions(path: Path) -> tuple[str, frozenset[str]]:
    q = _loaded(path)
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

    def what_to_do(self, reader: Reader = APP) -> str:
        if self.path is None:
            return (
                f"{reader.start} with {reader.setting} set to the questionnaire that asks them "
                "to see them."
            )
        if self.path == DEFAULT_PATH:
            return f"{reader.start} {reader.default} (the built-in questionnaire) to see them."
        where = self.path.relative_to(ROOT) if self.path.is_relative_to(ROOT) else self.path
        return f"{reader.start} with {reader.choose}{where} to see them."

    def sentence(
        self, answers: int | None = None, where: str = "in this workspace", reader: Reader = APP
    ) -> str:
        """ "12 answers in this workspace were given under the questionnaire 'X'; this server
        uses 'Y'. They are kept as they were. Start the app with … to see them." """
        n = self.answers if answers is None else answers
        under = f"the questionnaire “{self.lens}”" if self.lens else "another questionnaire"
        were = "was" if n == 1 else "were"
        return (
            f"{wording.counted(n, 'answer').capitalize()} {where} {were} given under "
            f"{under}; {reader.who} uses “{self.current}”, which does not ask those questions, "
            f"so they are not shown. They are kept as they were. {self.what_to_do(reader)}"
        )

    def to_participant(self) -> str:
        """What a person whose own answers these are reads (a participant: the instruction to
        start the app differently is for the owner)."""
        n = self.answers
        said = wording.counted(n, "answer").capitalize()
        if n == 1:
            return (
                f"{said} you gave earlier was to a question this questionnaire no longer asks. "
                "It is kept as it was, but not shown here: please answer the questions below."
            )
        return (
            f"{said} you gave earlier were to questions this questionnaire no longer asks. "
            "They are kept as they were, but not shown here: please answer the questions below."
        )


def other_lens(
    assessment: Assessment, questionnaire: Questionnaire, shipped=SHIPPED
) -> OtherLens | None:
    """The answers this questionnaire does not ask, or None when it asks every one."""
    return among(assessment.use_cases, questionnaire, shipped)


def among(
    use_cases: Iterable[UseCase], questionnaire: Questionnaire, shipped=SHIPPED
) -> OtherLens | None:
    """`other_lens` for some use cases only, or some of their responses: what a page that
    shows one person's answers, or one workshop round's, can say without loading the workspace."""
    use_cases = list(use_cases)
    asked = set(questionnaire.question_ids)
    # The usual case, every answer asked, checked at set speed: a file can hold 200k responses.
    if all(
        asked.issuperset(uc.agreed) and all(asked.issuperset(r.answers) for r in uc.responses)
        for uc in use_cases
    ):
        return None
    counts = {uc.id: unasked(uc, questionnaire) for uc in use_cases}
    holding = tuple(uc for uc, n in counts.items() if n)
    if not holding:
        return None
    ids = {
        a
        for uc in use_cases
        for a in [*(a for r in uc.responses for a in r.answers), *uc.agreed]
        if a not in asked
    }
    lens, path = _asking(ids, questionnaire.name, shipped)
    return OtherLens(sum(counts.values()), holding, questionnaire.name, lens, path)


def of_responses(responses: Iterable[Response], questionnaire: Questionnaire) -> OtherLens | None:
    """`other_lens` for some answers to one use case: one person's on the trace page, one
    workshop round's on the console."""
    return among([UseCase(id="-", name="-", responses=list(responses))], questionnaire)


def _asking(ids: set[str], current: str, shipped) -> tuple[str | None, Path | None]:
    """The shipped questionnaire (not this one) that asks the most of these ids, if any."""
    best, most = (None, None), 0
    for path in shipped:
        name, questions = _questions(Path(path))
        found = len(ids & questions)
        if name != current and found > most:
            best, most = (name, Path(path)), found
    return best
