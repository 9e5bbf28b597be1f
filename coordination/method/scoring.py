"""The method: from answers to levels, next gates, risks and obstacles — vectorized with numpy.

`score` turns an assessment into `Scores`, a set of arrays with one row per use case, so that
10,000 use cases cost a few array operations rather than 10,000 Python loops. `results` turns
those rows into the per-use-case records the CLI prints and the pages show.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import repeat

import msgspec
import numpy as np

from coordination.method import advice
from coordination.method.agreement import disagrees
from coordination.method.questionnaire import Condition, Questionnaire
from coordination.models import Assessment

_VALUES = 4  # answers are 0, 1, 2, 3
UNANSWERED = -1.0  # in the answer matrix; NaN is "don't know", which is an answer


class NextGate(msgspec.Struct, frozen=True):
    level: int
    missing: list[str]


class Risk(msgspec.Struct, frozen=True):
    level: int
    message: str


class UseCaseResult(msgspec.Struct, frozen=True):
    """`level` is None until someone answers; it is provisional until `complete` (every
    required question answered). `unanswered` questions were never answered; `unknown` ones
    were answered, but only with "don't know". `held` is, per gate, whether each condition
    holds: the same booleans the level was computed from, for the "why this level"."""

    id: str
    name: str
    level: int | None
    level_name: str | None
    complete: bool
    answered: int  # required questions with an answer ("don't know" included)
    required: int
    respondents: int
    answers: dict[str, int | None]
    spread: dict[str, int | None]
    known: dict[str, int]  # how many people gave a 0–3 answer to each question
    next_gate: NextGate | None
    unknown: list[str]
    unanswered: list[str]
    held: list[list[bool]]
    risks: list[Risk]
    obstacles: list[str]
    next_steps: list[str]
    steps: tuple[advice.Step, ...]  # the same, each with the conditions it fixes

    @property
    def provisional(self) -> bool:
        return self.level is not None and not self.complete

    @property
    def disagreements(self) -> list[str]:
        """The questions people disagree on (`agreement.disagrees`), in questionnaire order."""
        return [qid for qid, spread in self.spread.items() if disagrees(self.known[qid], spread)]


@dataclass(frozen=True, eq=False)
class Scores:
    """One row per use case, one column per question, gate or obstacle (questionnaire order).

    `answers` and `spread` hold NaN where no 0–3 answer is known; `answered` tells an
    unanswered question (0) from one answered "don't know" (> 0). `level` is 0 for a use case
    nobody has answered yet, so that it is never mistaken for level 1; `complete` says whether
    its level is final (every required question answered).
    """

    questionnaire: Questionnaire
    answers: np.ndarray  # (U, Q) float
    spread: np.ndarray  # (U, Q) float
    known: np.ndarray  # (U, Q) int: people who gave a 0–3 answer
    answered: np.ndarray  # (U, Q) int: people who answered, "don't know" included
    respondents: np.ndarray  # (U,) int
    conditions: tuple[np.ndarray, ...]  # per gate: (U, conditions) bool
    gates: np.ndarray  # (U, G) bool: every condition of the gate holds
    level: np.ndarray  # (U,) int, 0 = not traced
    obstacles: np.ndarray  # (U, O) bool

    @cached_property
    def started(self) -> np.ndarray:
        """Someone has answered at least one question: the use case has a level."""
        return self.level > 0

    @cached_property
    def progress(self) -> np.ndarray:
        """(U,) int: required questions answered by at least one person."""
        q = self.questionnaire
        columns = [q.question_ids.index(r) for r in q.required_ids]
        return (self.answered[:, columns] > 0).sum(axis=1)

    @cached_property
    def complete(self) -> np.ndarray:
        """Traced: every required question answered, so the level is final."""
        return self.progress == len(self.questionnaire.required_ids)

    @property
    def traced(self) -> np.ndarray:
        return self.complete

    @cached_property
    def risks(self) -> np.ndarray:
        """(U, G) bool: a gate that holds although a gate beneath it fails — practice running
        ahead of its foundations, a risk at that gate's level. A use case at level L fails the
        gate of L + 1, so only gates from L + 2 up can be risks. The one rule: per-use-case
        results and the map's table both read it."""
        gate_levels = np.array([g.level for g in self.questionnaire.gates])
        ahead = gate_levels[None, :] >= self.level[:, None] + 2
        return self.gates & ahead & self.started[:, None]


def answer_matrix(assessment: Assessment, question_ids: tuple[str, ...]):
    """All responses as a (R, Q) float matrix (NaN = don't know, -1 = unanswered) and each
    row's use case."""
    scored = [uc.scored_responses() for uc in assessment.use_cases]
    responses = [r for case in scored for r in case]
    counts = [len(case) for case in scored]
    owner = np.repeat(np.arange(len(counts)), counts)
    answers = [r.answers for r in responses]
    # map() with dict.get runs in C: twice as fast as a comprehension on 200k responses.
    columns = [list(map(dict.get, answers, repeat(q), repeat(UNANSWERED))) for q in question_ids]
    matrix = np.array(columns, dtype=float).reshape(len(question_ids), len(responses)).T
    return matrix, owner


def aggregate(matrix: np.ndarray, owner: np.ndarray, n_use_cases: int):
    """Per use case and question: lower median, spread (max − min), how many people gave a
    0–3 answer and how many answered at all; and per use case, its respondents.

    Answers take four values, so counting them per cell replaces sorting: the lower median is
    the first value whose running count passes the middle.
    """
    n_questions = matrix.shape[1]
    size = n_use_cases * n_questions
    known = matrix >= 0  # NaN and -1 compare false
    cell = owner[:, None] * n_questions + np.arange(n_questions)
    codes = cell[known] * _VALUES + matrix[known].astype(np.int64)
    counts = np.bincount(codes, minlength=size * _VALUES).reshape(n_use_cases, n_questions, _VALUES)
    n = counts.sum(axis=-1)
    answered = np.bincount(cell[matrix != UNANSWERED], minlength=size)
    middle = (n - 1) // 2
    median = np.argmax(counts.cumsum(axis=-1) > middle[..., None], axis=-1).astype(float)
    present = counts > 0
    spread = (_VALUES - 1 - np.argmax(present[..., ::-1], axis=-1)) - np.argmax(present, axis=-1)
    empty = n == 0
    median[empty] = np.nan
    spread = np.where(empty, np.nan, spread)
    respondents = np.bincount(owner, minlength=n_use_cases)
    return median, spread, n, answered.reshape(n_use_cases, n_questions), respondents


def holds(answers: np.ndarray, question_ids: tuple[str, ...], condition) -> np.ndarray:
    """`at_least`: known and ≥ n (NaN compares false); `below`: unknown or < n."""
    column = answers[:, question_ids.index(condition.question)]
    if getattr(condition, "below", None) is not None:
        return ~(column >= condition.below)
    return column >= condition.at_least


def _all_hold(answers, qids, conditions: tuple[Condition, ...]) -> np.ndarray:
    result = np.ones(len(answers), dtype=bool)
    for c in conditions:
        result &= holds(answers, qids, c)
    return result


def score_answers(matrix, owner, n_use_cases: int, questionnaire: Questionnaire) -> Scores:
    qids = questionnaire.question_ids
    answers, spread, known, answered, respondents = aggregate(matrix, owner, n_use_cases)
    conditions = tuple(
        np.column_stack([holds(answers, qids, c) for c in g.conditions])
        for g in questionnaire.gates
    )
    gates = np.column_stack([c.all(axis=1) for c in conditions])
    level = 1 + np.cumprod(gates, axis=1).sum(axis=1)
    untouched = ~(answered > 0).any(axis=1)  # nobody answered anything: no level at all
    level[untouched] = 0
    obstacles = np.zeros((n_use_cases, len(questionnaire.obstacles)), dtype=bool)
    for k, o in enumerate(questionnaire.obstacles):
        obstacles[:, k] = _all_hold(answers, qids, o.all)
        if o.any:
            obstacles[:, k] &= np.logical_or.reduce([holds(answers, qids, c) for c in o.any])
    obstacles[untouched] = False
    return Scores(
        questionnaire,
        answers,
        spread,
        known,
        answered,
        respondents,
        conditions,
        gates,
        level,
        obstacles,
    )


def score(assessment: Assessment, questionnaire: Questionnaire) -> Scores:
    matrix, owner = answer_matrix(assessment, questionnaire.question_ids)
    return score_answers(matrix, owner, len(assessment.use_cases), questionnaire)


def _as_lists(values: np.ndarray) -> list[list[int | None]]:
    known = ~np.isnan(values)
    return np.where(known, np.nan_to_num(values).astype(np.int64), None).tolist()


def results(scores: Scores, assessment: Assessment) -> list[UseCaseResult]:
    q = scores.questionnaire
    qids = q.question_ids
    answers, spreads = _as_lists(scores.answers), _as_lists(scores.spread)
    # Python lists, not numpy rows: indexing numpy element by element is slow in a loop.
    rows = _Rows(
        conditions=[c.tolist() for c in scores.conditions],
        gates=scores.gates.tolist(),
        obstacles=scores.obstacles.tolist(),
        risks=scores.risks.tolist(),
        known=scores.known.tolist(),
        answered=(scores.answered > 0).tolist(),
    )
    required = set(q.required_ids)
    levels, progress = scores.level.tolist(), scores.progress.tolist()
    complete, respondents = scores.complete.tolist(), scores.respondents.tolist()
    out = []
    for u, uc in enumerate(assessment.use_cases):
        level = levels[u] or None
        said = dict(zip(qids, rows.answered[u], strict=True))
        known = dict(zip(qids, rows.known[u], strict=True))
        unknown = [qid for qid in qids if said[qid] and not known[qid]]
        unanswered = [qid for qid in qids if qid in required and not said[qid]]
        next_gate, risks, obstacles, gaps = _gaps(q, rows, u, level, unknown, unanswered)
        out.append(
            UseCaseResult(
                id=uc.id,
                name=uc.name,
                level=level,
                level_name=q.level_name(level) if level else None,
                complete=complete[u],
                answered=progress[u],
                required=len(required),
                respondents=respondents[u],
                answers=dict(zip(qids, answers[u], strict=True)),
                spread=dict(zip(qids, spreads[u], strict=True)),
                known=known,
                next_gate=next_gate,
                unknown=unknown,
                unanswered=unanswered,
                held=[c[u] for c in rows.conditions],
                risks=risks,
                obstacles=list(obstacles),
                next_steps=advice.next_steps(q, gaps),
                steps=advice.steps(q, gaps),
            )
        )
    return out


@dataclass(frozen=True)
class _Rows:
    conditions: list[list[list[bool]]]
    gates: list[list[bool]]
    obstacles: list[list[bool]]
    risks: list[list[bool]]
    known: list[list[int]]
    answered: list[list[bool]]


def _gaps(q: Questionnaire, rows: _Rows, u: int, level, unknown, unanswered):
    """The first failing gate, the gates holding above it (risks) and the obstacles, and the
    same as `advice.Gaps` for the next steps."""
    obstacles = tuple(o.id for o, on in zip(q.obstacles, rows.obstacles[u], strict=True) if on)
    gaps = advice.Gaps(level, None, (), tuple(unknown), tuple(unanswered), obstacles, ())
    if level is None or level == q.max_level:
        return None, [], obstacles, gaps
    # From the next gate up (those beneath it all hold); plain tuples of ids, because reading
    # pydantic fields here, per use case, took most of the time of `results`.
    failing = [
        tuple(qid for qid, ok in zip(questions, held[u], strict=True) if not ok)
        for questions, held in zip(
            q.gate_questions[level - 1 :], rows.conditions[level - 1 :], strict=True
        )
    ]
    gate = q.gates[level - 1]  # gates start at level 2
    missing = failing[0]
    above = [g for g, risky in zip(q.gates, rows.risks[u], strict=True) if risky]
    risks = [Risk(level=g.level, message=g.risk) for g in above]
    # What a risk's advice would fix: everything failing in the gates beneath it.
    beneath = tuple(
        (g.level, tuple(qid for f in failing[: g.level - level - 1] for qid in f)) for g in above
    )
    gaps = advice.Gaps(
        level, gate.level, missing, tuple(unknown), tuple(unanswered), obstacles, beneath
    )
    return NextGate(level=gate.level, missing=list(missing)), risks, obstacles, gaps


def summary(scores: Scores) -> dict:
    """Finished traces per level; traces in progress (provisional levels) and untraced use
    cases apart."""
    q = scores.questionnaire
    counts = np.bincount(scores.level[scores.complete], minlength=q.max_level + 1)
    return {
        "levels": {str(k): int(counts[k]) for k in range(1, q.max_level + 1)},
        "in_progress": int((scores.started & ~scores.complete).sum()),
        "not_traced": int((~scores.started).sum()),
    }
