"""What a slide deck or PDF pack says about a workspace, worked out once for both.

`build_pack` turns an organization map into plain records (texts, numbers, states), and the
deck and PDF renderers only lay them out. Active use cases only (retired ones leave the map);
in-progress traces are included and marked provisional; anonymous workshop names read
"Participant n" in the appendix.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace

from coordination import wording
from coordination.method.advice import explain
from coordination.method.scoring import UseCaseResult
from coordination.progress.plan import frame as plan_frame
from coordination.progress.plan import plan_rows
from coordination.progress.since import Since
from coordination.report.orgmap import OrgMap
from coordination.report.standing import IN_PROGRESS, NOT_TRACED, TRACED
from coordination.respondents import anonymous_labels
from coordination.workshop.agreed import agreement
from coordination.workshop.story import WorkshopStory, story
from coordination.workshop.withheld import Withheld


@dataclass(frozen=True)
class Cell:
    value: int | None  # 0–3; None for "don't know" and unanswered
    state: str  # "answer", "dont_know" or "unanswered"
    text: str  # "2", "?", "–"


@dataclass(frozen=True)
class HeatmapRow:
    use_case: str
    function: str
    level: int
    level_name: str
    provisional: bool
    trace: str  # "traced" or "3 of 8 answered"
    cells: list[Cell]
    change: str = ""  # since the baseline, when one is chosen: "▲ from 2"


@dataclass(frozen=True)
class CaseSection:
    id: str
    name: str
    context: str  # function, tool, objective
    level: int
    level_name: str
    level_summary: str
    provisional: bool
    trace: str
    respondents: str  # "one answer", "four people's answers", "agreed in a workshop"
    held: list[str]
    missing: list[str]  # for the next level
    next_level: str | None
    next_step: str | None
    then: list[str]
    obstacles: list[tuple[str, str]]
    risks: list[str]
    disagreements: list[str]
    agreement: str = ""  # agreed in a workshop: both levels in a sentence
    reasons: list[str] = field(default_factory=list)  # "Who uses it: … (the room: …) — why"


@dataclass(frozen=True)
class AppendixRow:
    """One person's answers to one use case (question order) and their notes."""

    use_case: str
    respondent: str
    cells: list[Cell]
    notes: list[tuple[str, str]]  # (what it is about, the note)


@dataclass(frozen=True)
class Improvement:
    """A next useful improvement many use cases share: its words, how many, whose."""

    text: str
    use_cases: list[str]
    functions: list[str]  # the functions of those use cases, the most frequent first


@dataclass(frozen=True)
class SinceSection:
    """What changed since a baseline: the sentence, and per use case then, now, change and
    what made the difference (the map's "what changed" table, as text)."""

    label: str
    headline: str
    rows: list[list[str]]
    columns: list[str]


@dataclass(frozen=True)
class Pack:
    organization: str
    date: dt.date
    headline: str
    traced: int
    in_progress: int
    not_traced: int
    respondents: int
    levels: list[tuple[int, str, str]]  # number, name, summary
    questions: list[str]  # labels, heatmap column order
    answer_names: list[str]  # "0 · missing" … for the legend
    heatmap: list[HeatmapRow]
    distribution: list[tuple[str, int, int]]  # level name, finished, provisional
    # Function × (each level, in progress, not traced): the map's functions view, every
    # function of the inventory, a trace in progress under "In progress", not at its level.
    function_columns: list[str]
    function_table: list[tuple[str, list[int]]]
    cases: list[CaseSection]
    appendix: list[AppendixRow]
    gaps_title: str = "Where coordination is missing"  # the lens's words (`Texts`)
    deck_subtitle: str = "Where our use of AI is stuck: the coordination map"
    untraced: list[str] = field(default_factory=list)  # inventoried, not traced yet: names
    improvements: list[Improvement] = field(default_factory=list)  # the most useful, first
    functions: int = 0  # functions with a use case in scope
    since: SinceSection | None = None  # with a baseline chosen
    workshops: list[WorkshopStory] = field(default_factory=list)  # the workspace's, in order
    plan: list[list[str]] = field(default_factory=list)  # PLAN_COLUMNS' cells, as text

    @property
    def date_text(self) -> str:
        return f"{self.date.day} {self.date:%B %Y}"

    @property
    def subtitle(self) -> str:
        return f"{self.organization} · {self.date_text}"


def build_pack(
    org: OrgMap,
    today: dt.date | None = None,
    only: str | None = None,
    since: Since | None = None,
    workshops=(),
) -> Pack:
    """The whole workspace, or with `only` (a use case id) that one use case's records, for
    its one-page result (retired or not: it was asked for by name). Names are as the read side
    labelled them (`coordination.view`): an anonymous workshop's read "Participant n"."""
    q = org.questionnaire
    active = org.active_levels
    started = active[active["level"].notna()]
    ids = [only] if only is not None else list(started["id"])
    cases = [org.assessment.use_case(uc_id) for uc_id in ids if org.results[uc_id].level]
    return Pack(
        organization=org.assessment.organization,
        date=today or dt.date.today(),
        headline=org.headline(),
        traced=int((active["state"] == TRACED).sum()),
        in_progress=int((active["state"] == IN_PROGRESS).sum()),
        not_traced=int((active["state"] == NOT_TRACED).sum()),
        gaps_title=q.texts.gaps,
        deck_subtitle=q.texts.deck_subtitle,
        untraced=[org.assessment.use_case(i).name for i in active[active["level"].isna()]["id"]],
        improvements=_improvements(org, cases) if only is None else [],
        functions=len(_functions(org, list(active["id"]) if only is None else ids)),
        respondents=len({r.respondent for uc in cases for r in uc.responses} - {None})
        + sum(r.respondent is None for uc in cases for r in uc.responses),
        levels=[(lv.level, lv.name, lv.summary) for lv in q.levels],
        questions=[x.label for x in q.questions],
        answer_names=[q.scale_name(v) for v in range(4)],
        heatmap=[
            replace(
                _heatmap_row(org, org.results[uc.id], uc.function), change=_moved(since, uc.id)
            )  # fmt: skip
            for uc in cases
        ],
        distribution=_distribution(org, started),
        function_columns=[
            *(f"{n} · {name}" for n, name in enumerate(org.level_names, 1)),
            "In progress",
            "Not traced",
        ],  # fmt: skip
        function_table=_function_table(org, active),
        cases=[_section(org, uc, org.results[uc.id]) for uc in cases],
        appendix=_appendix(org, cases),
        since=_since(since) if since and only is None else None,
        plan=_plan(org, today or dt.date.today()) if only is None else [],
        # (storage's Workshop, how many took part) pairs: the workshop's story
        workshops=[story(org, w, joined) for w, joined in workshops] if only is None else [],
    )


def _improvements(org: OrgMap, cases, most: int = 3) -> list[Improvement]:
    """The next useful improvements the most use cases share (a step is the same step when it
    fixes the same conditions), with the use cases and the functions that would own them."""
    groups: dict[tuple, list] = {}
    for uc in cases:
        steps = org.results[uc.id].steps
        if steps and steps[0].conditions:
            groups.setdefault(steps[0].conditions, []).append(uc)
    ranked = sorted(groups.values(), key=len, reverse=True)[:most]
    return [
        Improvement(
            text=org.results[group[0].id].steps[0].text,
            use_cases=[uc.name for uc in group],
            functions=[
                f for f, _ in Counter(uc.function for uc in group if uc.function).most_common()
            ],  # fmt: skip
        )
        for group in ranked
    ]


def _moved(since: Since | None, use_case_id: str) -> str:
    """The heatmap's change mark ("▲ from 2"), left out where nothing moved."""
    mark = since.mark(use_case_id) if since else ""
    return "" if mark.startswith("=") else mark


def _since(since: Since) -> SinceSection:
    table = since.frame()
    if not table["Flag"].any():  # a column of nothing takes room from what made the difference
        table = table.drop(columns="Flag")
    return SinceSection(since.label, since.headline(), table.astype(str).values.tolist(),
                        list(table.columns))  # fmt: skip


def _plan(org: OrgMap, today: dt.date) -> list[list[str]]:
    answers = {k: r.answers for k, r in org.results.items()}
    table = plan_frame(org.questionnaire, plan_rows(org.assessment.use_cases, answers, today))
    table["Due"] = [f"{d.day} {d:%b %Y}" if d else "" for d in table["Due"]]
    return table[ROADMAP_COLUMNS].astype(str).values.tolist()


ROADMAP_COLUMNS = ["Use case", "Step", "Owner", "Due", "Status", "Achieved", "Flag"]


def _heatmap_row(org: OrgMap, r: UseCaseResult, function: str | None) -> HeatmapRow:
    cells = []
    for qid, value in r.answers.items():
        if value is not None:
            cells.append(Cell(value, "answer", str(value)))
        elif qid in r.unknown:
            cells.append(Cell(None, "dont_know", "?"))
        else:
            cells.append(Cell(None, "unanswered", "–"))
    standing = org.standings[r.id]
    return HeatmapRow(
        r.name,
        function or "—",
        standing.level,
        standing.level_name,
        standing.provisional,
        standing.trace,
        cells,
    )


def _distribution(org: OrgMap, started) -> list[tuple[str, int, int]]:
    """Per level: finished traces and traces in progress there (the map's distribution)."""
    counts = org.level_trace_counts(started)
    return [
        (name, int(counts.loc[name, TRACED]), int(counts.loc[name, IN_PROGRESS]))
        for name in org.level_names
    ]


def _function_table(org: OrgMap, active) -> list[tuple[str, list[int]]]:
    """The map's functions view as rows (`OrgMap.function_levels`): read, not recounted."""
    table = org.function_levels(active)
    return [
        (str(f), [int(n) for n in row]) for f, row in zip(table.index, table.values, strict=True)
    ]


def _functions(org: OrgMap, ids) -> set[str]:
    """The functions these use cases belong to or also involve."""
    use_cases = [org.assessment.use_case(i) for i in ids]
    return {f for uc in use_cases for f in (uc.function, *uc.involved) if f}


def _section(org: OrgMap, uc, r: UseCaseResult) -> CaseSection:
    q = org.questionnaire
    standing = org.standings[uc.id]
    gates = explain(q, r)
    upto = r.next_gate.level if r.next_gate else q.max_level
    held = [c.need for g in gates if g.level <= upto for c in g.conditions if c.held]
    missing = [c.need for g in gates if r.next_gate and g.level == upto for c in g.conditions]
    missing = [need for need in missing if need not in held]
    first, *rest = r.next_steps or [None]
    functions = standing.functions if uc.function or uc.involved else ""
    context = " · ".join(filter(None, [functions, uc.tool and f"tool: {uc.tool}", uc.objective]))
    return CaseSection(
        id=uc.id,
        name=uc.name,
        context=context,
        level=standing.level,
        level_name=standing.level_name,
        level_summary=q.levels[standing.level - 1].summary,
        provisional=standing.provisional,
        trace=standing.trace,
        respondents=_respondents(uc, r, org.withheld.get(uc.id)),
        held=held,
        missing=missing,
        next_level=f"Level {upto} · {q.level_name(upto)}" if r.next_gate else None,
        next_step=first,
        then=rest,
        obstacles=[(o.name, o.explanation) for o in q.obstacles if o.id in r.obstacles],
        risks=standing.risk_lines,
        disagreements=[q.question(qid).label for qid in r.disagreements],
        **_agreed(q, uc, r),
    )


def _agreed(q, uc, r: UseCaseResult) -> dict:
    """The workshop's agreement and, for each answer it settled or explained, the reason."""
    found = agreement(q, uc, r)
    if found is None:
        return {}
    reasons = [
        f"{row.question}: {row.agreed}"
        + (f" (the room: {row.room})" if row.room and row.room != row.agreed else "")
        + (f" — {row.why}" if row.why else "")
        for row in found.rows
        if row.why or (row.room and row.room != row.agreed)
    ]
    return {"agreement": found.sentence(q), "reasons": reasons}


def _respondents(uc, r: UseCaseResult, withheld: Withheld | None) -> str:
    if uc.agreed:
        said = "the team's answers, agreed in a workshop"
    elif r.respondents == 1:
        said = "one person's answers"
    else:
        said = f"{wording.number(r.respondents)} people's answers, combined"
    return f"{said}; {withheld.phrase}" if withheld else said


def _appendix(org: OrgMap, cases) -> list[AppendixRow]:
    q = org.questionnaire
    about = {x.id: x.label for x in (*q.questions, *q.open_questions)}
    rows = []
    for uc in cases:
        labels = anonymous_labels(r.respondent for r in uc.responses)
        for r, who in zip(uc.responses, labels, strict=True):
            notes = [(about[k], text) for k, text in r.notes.items() if k in about and text]
            rows.append(
                AppendixRow(uc.name, who, [_cell(q, x.id, r.answers) for x in q.questions], notes)
            )
    return rows


def _cell(q, question_id: str, answers: dict) -> Cell:
    if question_id not in answers:
        return Cell(None, "unanswered", "–")
    value = answers[question_id]
    return Cell(None, "dont_know", "?") if value is None else Cell(value, "answer", str(value))
