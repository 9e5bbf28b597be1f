"""The assessment: an organization, its AI use cases and the answers given for each.

These are msgspec Structs rather than pydantic models on purpose: an assessment file can hold
hundreds of thousands of responses, and msgspec decodes and validates such a file about five
times faster than pydantic (0.28 s against 1.6 s for 200k responses, measured while choosing).
Rules that need the questionnaire (known question ids, unique ids) live in `files/fileformat.py`.
"""

from __future__ import annotations

from typing import Annotated

import msgspec

FORMAT_VERSION = 1

Name = Annotated[str, msgspec.Meta(pattern=r"\S", max_length=200)]
# A regex per response costs a third of the decode time on large files; `fileformat` rejects
# blank respondent names in the pass it already makes over them.
Respondent = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Answer = Annotated[int, msgspec.Meta(ge=0, le=3)] | None


class Response(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One respondent's answers for one use case; notes are keyed by question id. A response
    without a respondent is anonymous (a survey row without a name): each is its own person."""

    respondent: Respondent | None = None
    answers: dict[str, Answer] = {}
    notes: dict[str, str] = {}


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

    def scored_responses(self) -> list[Response]:
        """What the level is computed from: the agreement when there is one, else everyone."""
        if self.agreed:
            return [Response(respondent="Agreed", answers=self.agreed)]
        return self.responses


class Assessment(
    msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True
):
    organization: Name
    format: int = FORMAT_VERSION
    functions: list[str] = []
    use_cases: list[UseCase]

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
