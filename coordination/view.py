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

from coordination.models import Assessment
from coordination.workshop.withheld import Withheld, without


@dataclass(frozen=True)
class WorkspaceView:
    assessment: Assessment  # every response, under its shown label
    withheld: Mapping[str, Withheld] = field(default_factory=dict)

    @property
    def shown(self) -> Assessment:
        """What every view shows: withheld answers left out."""
        return without(self.assessment, self.withheld)
