"""The label a form row without a respondent goes by, the same in every export of the form."""

from __future__ import annotations

import re

from coordination.files.survey_mapping import normalized


class RowIds:
    """The label a row without a respondent goes by, the same in every export of the form.

    An ID column (Microsoft's) names a row by itself. A timestamp does not: Excel re-saves keep
    minutes only, an XLSX export cuts seconds, and a room submitting together shares a second.
    So a timestamp is read to the minute (whatever way it is written) and rows in the same
    minute are told apart by their order: "submitted 2026-12-01 10:02", then "… 10:02 (2)"."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def label(self, header: str, value: str) -> str:
        minute = to_minute(value) if normalized(header) == "timestamp" else None
        if minute is None:
            return f"{header} {value}"
        base = f"submitted {minute}"
        self.seen[base] = self.seen.get(base, 0) + 1
        k = self.seen[base]
        return base if k == 1 else f"{base} ({k})"


TIMESTAMP = re.compile(
    r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})[ T](?P<H>\d{1,2}):(?P<M>\d{2})"
    r"|(?P<m2>\d{1,2})/(?P<d2>\d{1,2})/(?P<y2>\d{2,4}),? (?P<H2>\d{1,2}):(?P<M2>\d{2})"
    r"(?::\d{2})?(?:\.\d+)? ?(?P<ampm>[AaPp][Mm])?"
)


def to_minute(value: str) -> str | None:
    """ "2026/12/01 10:02:03 AM GMT+1", "12/1/2026 10:02", "2026-12-01 10:02:03" →
    "2026-12-01 10:02"; None when it is not a timestamp this reads. Month first, as Google and
    Microsoft write US-style dates; a form exported in another locale reads its own way in
    every export, so the same row still gets the same label."""
    found = TIMESTAMP.search(value)
    if not found:
        return None
    g = found.groupdict()
    if g["y"]:
        y, m, d, hour, minute = g["y"], g["m"], g["d"], int(g["H"]), g["M"]
        ampm = re.search(r"\b([AaPp][Mm])\b", value[found.end() : found.end() + 8])
        ampm = ampm.group(1) if ampm else None
    else:
        y, m, d, hour, minute, ampm = g["y2"], g["m2"], g["d2"], int(g["H2"]), g["M2"], g["ampm"]
        y = f"20{y}" if len(y) == 2 else y
    if ampm:
        hour = hour % 12 + (12 if ampm.lower() == "pm" else 0)
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d} {hour:02d}:{minute}"
