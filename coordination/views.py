"""Organization views: pandas DataFrames built from an assessment and its scores.

Rows are use cases in the assessment's order, labelled by name (made unique where two share
one); columns are the questionnaire's question labels or level names.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from coordination.models import Assessment
from coordination.scoring import Scores

NOT_TRACED = "Not traced"


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


def levels_frame(assessment: Assessment, scores: Scores) -> pd.DataFrame:
    """One row per use case: its function, objective, level and how many people answered."""
    q = scores.questionnaire
    level = pd.array(np.where(scores.traced, scores.level, None), dtype="Int64")
    return pd.DataFrame(
        {
            "id": [uc.id for uc in assessment.use_cases],
            "use case": row_labels(assessment),
            "function": [uc.function or "—" for uc in assessment.use_cases],
            "objective": [uc.objective or "—" for uc in assessment.use_cases],
            "level": level,
            "level name": [q.level_name(lv) if lv else NOT_TRACED for lv in scores.level.tolist()],
            "respondents": scores.respondents,
        }
    )


def function_levels(levels: pd.DataFrame, level_names: list[str]) -> pd.DataFrame:
    """Function × level: how many use cases of each function sit at each level."""
    columns = [*level_names, NOT_TRACED]
    counts = pd.crosstab(levels["function"], levels["level name"])
    counts = counts.reindex(columns=columns, fill_value=0)
    counts.index.name, counts.columns.name = "function", "level"
    return counts


def level_counts(levels: pd.DataFrame, level_names: list[str]) -> pd.Series:
    counts = levels["level name"].value_counts()
    return counts.reindex([*level_names, NOT_TRACED], fill_value=0).rename("use cases")


def filter_levels(levels: pd.DataFrame, functions=(), level_names=(), objectives=()):
    """Keep rows matching every non-empty filter; an empty filter keeps everything."""
    keep = pd.Series(True, index=levels.index)
    for column, wanted in (
        ("function", functions),
        ("level name", level_names),
        ("objective", objectives),
    ):
        if wanted:
            keep &= levels[column].isin(list(wanted))
    return levels[keep]


def headline(scores: Scores, rows: np.ndarray | None = None) -> str:
    """One sentence for the top of the map: where most use cases stop and why.

    `rows` (a boolean mask) limits it to the use cases on screen, e.g. after a filter."""
    q = scores.questionnaire
    traced = scores.traced if rows is None else scores.traced & rows
    if not traced.any():
        return "No use case has been traced yet."
    workflow_level = min(3, q.max_level)
    stuck = int((scores.level[traced] < workflow_level).sum())
    text = (
        f"{stuck} of {int(traced.sum())} traced use cases are stuck before "
        f"{q.level_name(workflow_level).lower()}"
    )
    missing = missing_counts(scores, traced)
    if missing:
        need, _ = missing.most_common(1)[0]
        text += f"; the most common missing condition is {need}"
    return text + "."


def missing_counts(scores: Scores, rows: np.ndarray | None = None) -> Counter:
    """How often each condition (by its `need`) fails at a traced use case's next gate."""
    q = scores.questionnaire
    rows = scores.traced if rows is None else rows
    counts: Counter = Counter()
    for k, gate in enumerate(q.gates):
        at_gate = rows & (scores.level == gate.level - 1)
        failing = ~scores.conditions[k][at_gate]
        for c, n in zip(gate.conditions, failing.sum(axis=0).tolist(), strict=True):
            counts[c.need] += n
    return +counts
