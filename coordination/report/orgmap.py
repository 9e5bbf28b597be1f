"""The organization map: score an assessment once, then derive every view and figure from it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import cached_property

import pandas as pd
import plotly.graph_objects as go

from coordination import wording
from coordination.method.questionnaire import Questionnaire
from coordination.method.scoring import Scores, UseCaseResult, results, score
from coordination.models import Assessment
from coordination.progress.compare import Moment
from coordination.progress.since import Since
from coordination.progress.targets import distance as target_distance
from coordination.report import bars, grid, heatmaps, vega, views
from coordination.report.other_lens import OtherLens, other_lens
from coordination.report.standing import Standing, standing
from coordination.report.style import ON_SCREEN, ON_SLIDE, Medium
from coordination.workshop.agreed import agreement
from coordination.workshop.withheld import Withheld, without

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
GRIDS = ("answers", "spread")  # the use case × question heatmaps


class OrgMap:
    """Everything the map page, the CLI and exports show about one assessment.

    `withheld` (by use case id) names workshop answers below their workshop's anonymity
    threshold: they are left out of the assessment here, so no view, chart or file shows them.
    """

    def __init__(
        self,
        assessment: Assessment,
        questionnaire: Questionnaire,
        withheld: Mapping[str, Withheld] | None = None,
    ) -> None:
        self.withheld = dict(withheld or {})
        self.assessment = without(assessment, self.withheld)
        self.questionnaire = questionnaire
        self._figures: dict[tuple, go.Figure] = {}
        self._since: dict[int, tuple[OrgMap, Since]] = {}

    @cached_property
    def scores(self) -> Scores:
        return score(self.assessment, self.questionnaire)

    def moment(self, fallback: str = "Now") -> Moment:
        """This map as one side of a comparison, scored once (a snapshot by its label)."""
        info = self.assessment.snapshot
        return Moment(
            label=info.label if info else fallback,
            taken=info.taken if info else None,
            assessment=self.assessment,
            scores=self.scores,
        )

    def since(self, baseline: OrgMap) -> Since:
        """What changed from `baseline` (an earlier map, a snapshot's) to this one: both
        as their views show them, withheld answers out at each moment. Worked out once per
        baseline: a live map redraws it every few seconds."""
        kept = self._since.get(id(baseline))
        if kept is None or kept[0] is not baseline:
            kept = self._since[id(baseline)] = (
                baseline,
                Since.between(baseline.moment(), self.moment()),
            )
        return kept[1]

    @cached_property
    def results(self) -> dict[str, UseCaseResult]:
        return {r.id: r for r in results(self.scores, self.assessment)}

    @cached_property
    def other_lens(self) -> OtherLens | None:
        """Answers given under another questionnaire: kept, not scored (`other_lens`)."""
        return other_lens(self.assessment, self.questionnaire)

    @cached_property
    def standings(self) -> dict[str, Standing]:
        """Where each use case stands (`standing`): what Result, the map and the files say."""
        return {uc.id: standing(uc, self.results[uc.id]) for uc in self.assessment.use_cases}

    def risk_marks(self, ids: list[str]) -> dict[str, str]:
        """The map table's risk cells for these use cases: "at level 4", or none (from the
        scores' own risk matrix: the map need not work out every use case's result)."""
        marks = self.levels.set_index("id")["risks"]
        return {i: marks[i] for i in ids if marks[i]}

    @cached_property
    def targets(self) -> dict[str, int | None]:
        """Each use case's target level (None where the owner set none)."""
        return {uc.id: uc.target_level for uc in self.assessment.use_cases}

    @cached_property
    def levels(self) -> pd.DataFrame:
        return views.levels_frame(self.assessment, self.scores)

    @cached_property
    def active_ids(self) -> list[str]:
        """The use cases on the map: retired ones stay in backups and spreadsheets only."""
        return [uc.id for uc in self.assessment.use_cases if not uc.retired]

    @cached_property
    def active_levels(self) -> pd.DataFrame:
        return self.levels[self.levels["id"].isin(self.active_ids)]

    @cached_property
    def answers(self) -> pd.DataFrame:
        return views.answers_frame(self.assessment, self.scores)

    @cached_property
    def spread(self) -> pd.DataFrame:
        return views.spread_frame(self.assessment, self.scores)

    @property
    def level_names(self) -> list[str]:
        return [lv.name for lv in self.questionnaire.levels]

    def function_levels(self, levels: pd.DataFrame | None = None) -> pd.DataFrame:
        return views.function_levels(self.levels if levels is None else levels, self.level_names)

    def level_counts(self, levels: pd.DataFrame | None = None) -> pd.Series:
        return views.level_counts(self.levels if levels is None else levels, self.level_names)

    def level_trace_counts(self, levels: pd.DataFrame | None = None) -> pd.DataFrame:
        """Per level: finished traces, traces in progress (provisional), not traced."""
        chosen = self.levels if levels is None else levels
        return views.level_trace_counts(chosen, self.level_names)

    def results_frame(self) -> pd.DataFrame:
        """One row per use case for a CSV a person reads: level, how far the trace is,
        answers, what is missing in words, obstacles by name, and the next steps. An answer
        reads as its value, as "Don't know" or as "Not answered": the first two were asked."""
        q = self.questionnaire
        obstacle_names = {o.id: o.name for o in q.obstacles}
        rows = []
        for uc, (_, r) in zip(self.assessment.use_cases, self.levels.iterrows(), strict=True):
            result = self.results[uc.id]
            agreed = agreement(q, uc, result)
            gate = result.next_gate
            needs = {c.question: c.need for c in q.gates[gate.level - 2].conditions} if gate else {}
            rows.append(
                {
                    "id": uc.id,
                    "use case": uc.name,
                    "function": uc.function or "",
                    "objective": uc.objective or "",
                    "retired": "yes" if uc.retired else "no",
                    # An agreement is scored as one answer; the people who answered stay.
                    "respondents": len(uc.responses) if agreed else result.respondents,
                    "trace": r["trace"],
                    "level": result.level,
                    "level name": r["level name"],
                    "provisional": "yes" if result.provisional else "no",
                    "agreed level": agreed.agreed_level if agreed else None,
                    "room's level": agreed.room_level if agreed else None,
                    "target level": uc.target_level,
                    "to target": target_distance(result.level, uc.target_level),
                    **{
                        f"answer: {qq.label}": self._answer_cell(result, qq.id)
                        for qq in q.questions
                    },
                    "next level": gate.level if gate else None,
                    "missing": ", ".join(needs[m] for m in gate.missing) if gate else "",
                    "obstacles": ", ".join(obstacle_names[o] for o in result.obstacles),
                    "risks": " | ".join(risk.message for risk in result.risks),
                    "next steps": " | ".join(result.next_steps),
                }
            )
        frame = pd.DataFrame(rows)
        return frame.astype(dict.fromkeys(["level", "next level"], "Int64"))  # 2, not 2.0

    def _answer_cell(self, result: UseCaseResult, question_id: str) -> int | str:
        value = result.answers[question_id]
        if value is not None:
            return value
        if question_id in result.unknown:
            return self.questionnaire.scale.dont_know
        return self.questionnaire.scale.unanswered

    def headline(self, ids: list[str] | None = None) -> str:
        """The map's summary, for the active use cases or just these (by id)."""
        rows = self.levels["id"].isin(self.active_ids if ids is None else ids).to_numpy()
        if self.other_lens and not self.scores.started[rows].any():
            # Not "No use case has been traced yet": they were, under another questionnaire.
            return self.other_lens.sentence()
        return views.headline(self.scores, rows)

    def withheld_note(self, ids: list[str] | None = None) -> str | None:
        """Which of these use cases have workshop answers kept out, in a sentence."""
        names = [
            uc.name
            for uc in self.assessment.use_cases
            if uc.id in self.withheld and (ids is None or uc.id in ids)
        ]
        if not names:
            return None
        return (
            f"Workshop answers withheld on {', '.join(names)}: fewer people have answered than "
            "the workshop's anonymity threshold."
        )

    def figure(self, view: str = "answers", ids: list[str] | None = None) -> go.Figure:
        """One of the map's figures drawn for a screen, for the active use cases or a subset
        of them (by id).

        Built once per view and subset: the app keeps one OrgMap per data version and redraws
        the same figure on every rerun. Treat the returned figure as read-only."""
        key = (view, None if ids is None else tuple(ids))
        if key not in self._figures:
            self._figures[key] = self._build_figure(view, ids, ON_SCREEN)
        return self._figures[key]

    def slide(
        self, view: str = "answers", ids: list[str] | None = None, day: date | None = None
    ) -> go.Figure:
        """The same figure as a 16:9 slide: 18 pt text, and under the title the organization,
        the date (`day`, today by default) and how many use cases are traced."""
        fig = self._build_figure(view, ids, ON_SLIDE, day or date.today())
        fig.layout.meta = {**fig.layout.meta, "organization": self.assessment.organization}
        return fig

    def _build_figure(
        self, view: str, ids: list[str] | None, medium: Medium, day: date | None = None
    ) -> go.Figure:
        levels = self.levels[self.levels["id"].isin(self.active_ids if ids is None else ids)]
        rows = self._rows(levels)
        q = self.questionnaire
        text = {"medium": medium, "subtitle": self._subtitle(levels, day) if day else ""}
        if view in GRIDS:
            return heatmaps.question_heatmap(self._grid(view, levels, medium, text["subtitle"]))
        if view == "levels":
            return bars.levels_chart(rows, q, **text)
        if view == "functions":
            return heatmaps.function_level_heatmap(
                self.function_levels(levels), self.level_names, **text
            )
        if view == "distribution":
            return bars.level_distribution(self.level_trace_counts(levels), q, **text)
        raise ValueError(f"unknown view {view!r}")

    def on_screen(self, view: str = "answers", ids: list[str] | None = None) -> go.Figure | dict:
        """What the map page draws: the question heatmaps as a Vega-Lite spec (a new tab shows
        them without loading plotly's JavaScript), the other views as `figure` draws them.
        Built once per view and subset, like `figure`; read-only."""
        if view not in GRIDS:
            return self.figure(view, ids)
        key = ("vega", view, None if ids is None else tuple(ids))
        if key not in self._figures:
            levels = self.levels[self.levels["id"].isin(self.active_ids if ids is None else ids)]
            self._figures[key] = vega.grid_spec(self._grid(view, levels, ON_SCREEN, ""))
        return self._figures[key]

    def _rows(self, levels: pd.DataFrame) -> pd.DataFrame:
        """The use cases in the charts' order, with how far each trace is."""
        # Highest level first, untraced last: the gaps then form a visible staircase.
        order = levels.sort_values("level", ascending=False, na_position="last", kind="stable")
        return order.assign(
            answered=self.scores.progress[order.index],
            required=len(self.questionnaire.required_ids),
        )

    def _grid(self, view: str, levels: pd.DataFrame, medium: Medium, subtitle: str):
        """A question heatmap's cells, labels and key (`grid.Grid`), whatever draws it."""
        rows = self._rows(levels)
        q, s, i = self.questionnaire, self.scores, rows.index
        text = {"medium": medium, "subtitle": subtitle}
        if view == "answers":
            return grid.answers_grid(
                s.answers[i], s.answered[i], rows, q, title=q.texts.gaps, **text
            )
        return grid.spread_grid(s.spread[i], s.known[i], s.answered[i], rows, q, **text)

    def nothing_to_compare(self, ids: list[str] | None = None) -> str | None:
        """The disagreement view's sentence when no use case shown has two people's answers:
        a chart of single answers would be a grid of "one"."""
        shown = self.active_ids if ids is None else ids
        if any(self.results[i].respondents > 1 for i in shown if i in self.results):
            return None
        return (
            "Each use case shown has one person's answers, so there is no disagreement to see "
            "yet: ask others who do this work to answer too — where people disagree is often "
            "the finding."
        )

    def subtitle(self, ids: list[str] | None, day: date) -> str:
        """A slide's line under its title, for these use cases (by id) or all active ones."""
        levels = self.levels[self.levels["id"].isin(self.active_ids if ids is None else ids)]
        return self._subtitle(levels, day)

    def _subtitle(self, levels: pd.DataFrame, day: date) -> str:
        """ "Northwind · 26 November 2026 · 12 traced use cases, one in progress"."""
        traced = int((levels["trace"] == views.TRACED).sum())
        pending = int(levels["provisional"].sum())
        counted = wording.counted(traced, "traced use case")
        if pending:
            counted += f", {wording.number(pending)} in progress"
        when = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
        return f"{self.assessment.organization} · {when} · {counted}"
