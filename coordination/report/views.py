"""Organization views: pandas DataFrames built from an assessment and its scores.

Rows are use cases in the assessment's order, labelled by name (made unique where two share
one); columns are the questionnaire's question labels or level names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import numpy as np
import pandas as pd

from coordination import wording
from coordination.method.scoring import Scores
from coordination.models import Assessment
from coordination.progress.since import Since
from coordination.progress.targets import cell as target_cell
from coordination.report import standing

NOT_TRACED = "Not traced"
IN_PROGRESS = "In progress"
TRACED = standing.TRACED


def row_labels(assessment: Assessment) -> list[str]:
    """Use case names, with the id added where a name is used more than once."""
    counts = Counter(uc.name for uc in assessment.use_cases)
    return [
        uc.name if counts[uc.name] == 1 else f"{uc.name} ({uc.id})" for uc in assessment.use_cases
    ]


def _question_frame(values: np.ndarray, assessment: Assessment, scores: Scores) -> pd.DataFrame:
    labels = [q.label for q in scores.questionnaire.questions]
    frame = pd.DataFrame(values, index=row_labels(assessment), columns=labels)
    frame.index.name, frame.columns.name = "use case", "question"
    return frame


def answers_frame(assessment: Assessment, scores: Scores) -> pd.DataFrame:
    """Use case × question: the aggregated answer 0–3, NaN where nobody knew."""
    return _question_frame(scores.answers, assessment, scores)


def spread_frame(assessment: Assessment, scores: Scores) -> pd.DataFrame:
    """Use case × question: how far respondents' answers lie apart (0 = agreement)."""
    return _question_frame(scores.spread, assessment, scores)


def trace_states(scores: Scores) -> list[str]:
    """Per use case, how far its trace is: "traced", "4 of 8 answered" or "not traced"
    (`standing.trace_text`, the rule the Result page and the files read too)."""
    required = len(scores.questionnaire.required_ids)
    return [
        standing.trace_text(level, done, n, required)
        for level, done, n in zip(
            scores.level.tolist(), scores.complete.tolist(), scores.progress.tolist(), strict=True
        )
    ]


def risk_marks(scores: Scores) -> list[str]:
    """Per use case, its risks in a table cell ("at level 4"; `standing.risk_mark`)."""
    levels = [g.level for g in scores.questionnaire.gates]
    return [
        standing.risk_mark([lv for lv, risky in zip(levels, row, strict=True) if risky])
        for row in scores.risks.tolist()
    ]


def states(scores: Scores) -> list[str]:
    """Per use case: traced, in progress or not traced (`standing.state`)."""
    return [
        standing.state(level, done)
        for level, done in zip(scores.level.tolist(), scores.complete.tolist(), strict=True)
    ]


def levels_frame(assessment: Assessment, scores: Scores) -> pd.DataFrame:
    """One row per use case: its function (and those it also involves), objective, level
    (provisional while its trace is in progress), state and how many people answered."""
    q = scores.questionnaire
    level = pd.array(np.where(scores.started, scores.level, None), dtype="Int64")
    state = states(scores)
    return pd.DataFrame(
        {
            "id": [uc.id for uc in assessment.use_cases],
            "use case": row_labels(assessment),
            "function": [uc.function or "—" for uc in assessment.use_cases],
            "functions": [
                standing.functions_text(uc.function, uc.involved) for uc in assessment.use_cases
            ],
            "part of": [
                standing.functions_of(uc.function, uc.involved) for uc in assessment.use_cases
            ],
            "objective": [uc.objective or "—" for uc in assessment.use_cases],
            "level": level,
            "level name": [q.level_name(lv) if lv else NOT_TRACED for lv in scores.level.tolist()],
            "state": state,
            "provisional": np.array([s == standing.IN_PROGRESS for s in state], dtype=bool),
            "trace": trace_states(scores),
            "risks": risk_marks(scores),
            "respondents": scores.respondents,
        }
    )


def function_levels(levels: pd.DataFrame, level_names: list[str]) -> pd.DataFrame:
    """Function × level: how many use cases of each function sit at each level. A use case
    whose trace is unfinished counts under "In progress", not at its provisional level."""
    columns = [*level_names, IN_PROGRESS, NOT_TRACED]
    where = levels["level name"].where(levels["state"] != standing.IN_PROGRESS, IN_PROGRESS)
    counts = pd.crosstab(levels["function"], where)
    counts = counts.reindex(columns=columns, fill_value=0)
    counts.index.name, counts.columns.name = "function", "level"
    return counts


def level_counts(levels: pd.DataFrame, level_names: list[str]) -> pd.Series:
    counts = levels["level name"].value_counts()
    return counts.reindex([*level_names, NOT_TRACED], fill_value=0).rename("use cases")


def level_trace_counts(levels: pd.DataFrame, level_names: list[str]) -> pd.DataFrame:
    """Per level name (and "Not traced"): how many use cases are there with a finished trace,
    how many provisionally (trace in progress), and how many are not traced."""
    counts = pd.crosstab(levels["level name"], levels["state"])
    counts = counts.reindex(
        index=[*level_names, NOT_TRACED],
        columns=[standing.TRACED, standing.IN_PROGRESS, standing.NOT_TRACED],
    ).fillna(0)
    counts.index.name, counts.columns.name = "level", "use cases"
    return counts.astype(int)


def map_table(
    levels: pd.DataFrame,
    since: Since | None = None,
    targets: Mapping[str, int | None] = {},
    risks: Mapping[str, str] = {},
) -> pd.DataFrame:
    """The map page's table: what a reader looks for, under capitalised headers, what it looks
    for first on the left (a phone shows two or three columns): the level as "2 · Tool
    standardization", with a baseline its change since it ("▲ from 2", "=", "new"), how far its
    trace is; with targets set, each use case's target and how far it is ("4 · two below");
    where a use case runs ahead of its foundations, its risks ("at level 4",
    `Standing.risk_mark`); then function, objective and respondents."""
    level = [
        "—" if pd.isna(lv) else f"{int(lv)} · {name}"
        for lv, name in zip(levels["level"], levels["level name"], strict=True)
    ]
    columns = {"Use case": levels["use case"].to_numpy(), "Level": level}
    if since is not None:
        columns[f"Since {since.label}"] = [since.mark(uc) for uc in levels["id"]]
    columns["Trace"] = levels["trace"].to_numpy()
    if any(targets.get(uc) for uc in levels["id"]):
        columns["Target"] = [
            target_cell(None if pd.isna(lv) else int(lv), targets.get(uc))
            for uc, lv in zip(levels["id"], levels["level"], strict=True)
        ]
    if any(risks.get(uc) for uc in levels["id"]):
        columns["Risk"] = [risks.get(uc, "") for uc in levels["id"]]
    columns["Function"] = levels["functions"].to_numpy()
    columns["Objective"] = levels["objective"].to_numpy()
    columns["Respondents"] = levels["respondents"].to_numpy()
    return pd.DataFrame(columns)


def function_choices(levels: pd.DataFrame) -> list[str]:
    """The Function filter's options: every function a use case is part of, owning it or
    also involved (`standing.functions_of`), in alphabetical order."""
    return standing.function_choices(levels["part of"])


def filter_levels(levels: pd.DataFrame, functions=(), level_names=(), objectives=()):
    """Keep rows matching every non-empty filter; an empty filter keeps everything. A use case
    matches a function it owns or also involves (`standing.functions_of`)."""
    keep = pd.Series(True, index=levels.index)
    if functions:
        wanted = set(functions)
        keep &= levels["part of"].map(lambda part_of: not wanted.isdisjoint(part_of))
    for column, wanted in (
        ("level name", level_names),
        ("objective", objectives),
    ):
        if wanted:
            keep &= levels[column].isin(list(wanted))
    return levels[keep]


def headline(scores: Scores, rows: np.ndarray | None = None) -> str:
    """One or two sentences for the top of the map: where most use cases stop and why.

    Only finished traces count: a use case with one answer is not "stuck at level 1", it is
    in progress, and says so. `rows` (a boolean mask) limits it to the use cases on screen."""
    q = scores.questionnaire
    rows = np.ones(len(scores.level), dtype=bool) if rows is None else rows
    traced = scores.complete & rows
    pending = int((scores.started & ~scores.complete & rows).sum())
    in_progress = (
        wording.counted(pending, "more trace").capitalize()
        + (" is" if pending == 1 else " are")
        + " in progress."
    )
    if not traced.any():
        if pending:
            return f"No use case is fully traced yet. {in_progress.replace(' more', '')}"
        return "No use case has been traced yet."
    stuck = int((scores.level[traced] < q.milestone).sum())
    text = (
        f"{stuck} of {int(traced.sum())} traced use cases are stuck before "
        f"{q.level_name(q.milestone)}"  # as the lens writes it: a name, never re-cased
    )
    missing = missing_counts(scores, traced)
    if missing:
        text += "; " + _most_common(missing)
    return f"{text}. {in_progress}" if pending else f"{text}."


def _most_common(missing: Counter) -> str:
    """The most common missing condition, or all those tied for it, in the questionnaire's
    order (a tie broken by picking one would name an arbitrary one as *the* gap)."""
    top = max(missing.values())
    tied = [need for need, n in missing.items() if n == top]
    if len(tied) == 1:
        return f"the most common missing condition is {tied[0]}"
    named = tied[:3] + ([f"{wording.number(len(tied) - 3)} more"] if len(tied) > 3 else [])
    listed = ", ".join(named[:-1]) + " and " + named[-1]
    return (
        f"the most common missing conditions, {wording.counted(top, 'use case')} each, are {listed}"
    )


def missing_counts(scores: Scores, rows: np.ndarray | None = None) -> Counter:
    """How often each condition (by its `need`) fails at a traced use case's next gate."""
    q = scores.questionnaire
    rows = scores.traced if rows is None else rows
    counts: Counter = Counter()  # in the questionnaire's order: gates, then conditions
    for k, gate in enumerate(q.gates):
        at_gate = rows & (scores.level == gate.level - 1)
        failing = ~scores.conditions[k][at_gate]
        for c, n in zip(gate.conditions, failing.sum(axis=0).tolist(), strict=True):
            counts[c.need] += n
    return +counts
