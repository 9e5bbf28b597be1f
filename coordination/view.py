"""A workspace as the owner's pages, exports, the CLI and comparisons may show it: the read side.

Privacy is decided here, once, where a workspace is read, not remembered by each page:
- every response carries its label (`coordination.respondents`): names an anonymous workshop
  hides already read "Participant n", numbered as the facilitator's console numbers them;
- `withheld` names, per use case, the workshop answers below their workshop's threshold; the
  OrgMap built from a view leaves them out of every table, chart and file.
The backup is the one file that keeps withheld answers (it is the owner's copy of the data, not
a view of it); its names are hidden the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import msgspec

from coordination.models import Assessment, Snapshot, WithheldAnswers
from coordination.workshop.withheld import Withheld, without


@dataclass(frozen=True)
class WorkspaceView:
    """A workspace at one moment: now, or a snapshot (whose own record says what was withheld
    when it was taken, so a later answer never re-judges it)."""

    assessment: Assessment  # every response, under its shown label
    withheld: Mapping[str, Withheld] = field(default_factory=dict)

    @property
    def shown(self) -> Assessment:
        """What every view shows: withheld answers left out."""
        return without(self.assessment, self.withheld)

    @property
    def label(self) -> str | None:
        return self.assessment.snapshot.label if self.assessment.snapshot else None

    def frozen(self, label: str, taken: str) -> Assessment:
        """This moment as a snapshot file: every answer, and what is withheld now."""
        kept = {
            uc: WithheldAnswers(
                respondents=sorted(w.respondents), answered=w.answered, threshold=w.threshold
            )
            for uc, w in self.withheld.items()
        }
        info = Snapshot(label=label, taken=taken, withheld=kept)
        return msgspec.structs.replace(self.assessment, snapshot=info, snapshots=[])

    @classmethod
    def of_snapshot(cls, snapshot: Assessment) -> WorkspaceView:
        """A snapshot as it was seen when it was taken."""
        kept = snapshot.snapshot.withheld if snapshot.snapshot else {}
        return cls(
            snapshot,
            {
                uc: Withheld(frozenset(w.respondents), w.answered, w.threshold)
                for uc, w in kept.items()
            },
        )
