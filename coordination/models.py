"""The assessment: an organization, its AI use cases and the answers given for each.

These are msgspec Structs rather than pydantic models on purpose: an assessment file can hold
hundreds of thousands of responses, and msgspec decodes and validates such a file about five
times faster than pydantic (0.28 s against 1.6 s for 200k responses, measured while choosing).
Rules that need the questionnaire (known question ids, unique ids) live in `files/fileformat.py`.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

FORMAT_VERSION = 1

Name = Annotated[str, msgspec.Meta(pattern=r"\S", max_length=200)]
# A regex per response costs a third of the decode time on large files; `fileformat` rejects
# blank respondent names in the pass it already makes over them.
Respondent = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Answer = Annotated[int, msgspec.Meta(ge=0, le=3)] | None
Level = Annotated[int, msgspec.Meta(ge=1, le=9)]  # `fileformat` checks it against the levels
Status = Literal["planned", "doing", "done", "dropped"]


class Response(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One respondent's answers for one use case; notes are keyed by question id. A response
    without a respondent is anonymous (a survey row without a name): each is its own person."""

    respondent: Respondent | None = None
    answers: dict[str, Answer] = {}
    notes: dict[str, str] = {}


class Condition(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A gate's condition: this question's combined answer is at least `at_least`."""

    question: str
    at_least: Annotated[int, msgspec.Meta(ge=0, le=3)]


class PlanItem(
    msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True
):
    """An improvement someone took on. Its identity is what it fixes (`conditions`), not its
    wording, so it survives a change of the lens's words; a free item has no conditions."""

    text: Annotated[str, msgspec.Meta(min_length=1, max_length=4000)]
    conditions: list[Condition] = []
    owner: Annotated[str, msgspec.Meta(max_length=200)] = ""
    due: str | None = None  # YYYY-MM-DD, checked by `fileformat`
    status: Status = "planned"


class UseCase(
    msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True
):
    id: Name
    name: Name
    function: str | None = None
    objective: str | None = None
    involved: list[str] = []
    tool: str | None = None
    notes: str | None = None
    retired: bool = False
    responses: list[Response] = []
    # The team's answers, agreed in a workshop: when present they are the use case's
    # assessment; the individual responses stay for comparison. Rationale keyed by question.
    agreed: dict[str, Answer] = {}
    agreed_notes: dict[str, str] = {}
    target_level: Level | None = None  # where the owner wants it to be
    plan: list[PlanItem] = []
    outcomes: dict[str, str] = {}  # the lens's outcome question id → the chosen answer's id

    def scored_responses(self) -> list[Response]:
        """What the level is computed from: the agreement when there is one, else everyone."""
        if self.agreed:
            return [Response(respondent="Agreed", answers=self.agreed)]
        return self.responses


class WithheldAnswers(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A use case's workshop answers kept out of every view when a snapshot was taken."""

    respondents: list[str]
    answered: int
    threshold: int


class Snapshot(
    msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True
):
    """What makes a file a snapshot: its name, when it was taken, and what was withheld then
    (so a later answer never re-judges it)."""

    label: Name
    taken: Annotated[str, msgspec.Meta(pattern=r"^\d{4}-\d{2}-\d{2}")]
    withheld: dict[str, WithheldAnswers] = {}


class Assessment(
    msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True
):
    organization: Name
    format: int = FORMAT_VERSION
    functions: list[str] = []
    use_cases: list[UseCase]
    snapshot: Snapshot | None = None  # present in a snapshot file
    # In a backup: the workspace's snapshots, each an Assessment with its `snapshot` set.
    snapshots: list[Assessment] = []

    def all_functions(self) -> list[str]:
        """Declared functions first, then any a use case names that the list left out."""
        seen = dict.fromkeys(self.functions)
        for uc in self.use_cases:
            for f in (uc.function, *uc.involved):
                if f:
                    seen.setdefault(f)
        return list(seen)

    def use_case(self, use_case_id: str) -> UseCase:
        return next(uc for uc in self.use_cases if uc.id == use_case_id)
