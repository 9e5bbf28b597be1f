"""Who gave a response, and the label it is shown under: the rule, once.

A response belongs to one identity: a respondent the owner named (typed on the trace page,
imported from a form, restored from a file) or a participant who came through an invitation.
The identity is what storage looks answers up by; the label is only for display, worked out
here when a workspace is read, the same way for every page, export and file:

- a named respondent is shown under their name;
- a participant under their display name, unless their workshop hides names (or they gave
  none): then "Participant n", n being the order in which they joined — the number the
  facilitator's console shows;
- within a use case no two labels are the same (compared without case): a later one is
  numbered ("Ben", "Ben 2"), and "Participant n" that a named respondent already uses (a restored
  backup) becomes "Workshop participant n".
- Survey rows without a name are named respondents too, "Anonymous n", numbered here as well.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from coordination.names import name_key, unique

FORMER = "Former participant"  # a participant row whose participant is gone


@dataclass(frozen=True)
class Who:
    """One response's identity, as storage reads it."""

    response: int
    use_case: int
    name: str | None = None  # a named respondent
    participant: int | None = None
    display_name: str | None = None
    number: int | None = None  # the order the participant joined their invitation in
    hidden: bool = False  # the participant's workshop hides names


def participant_label(number: int) -> str:
    return f"Participant {number}"


def shown_name(display_name: str | None, number: int, *, hidden: bool) -> str:
    """A participant's label before it is made unique within its use case."""
    return display_name if display_name and not hidden else participant_label(number)


def labels(rows: Iterable[Who]) -> dict[int, str]:
    """Each response's label, by response id: unique within its use case."""
    by_case: dict[int, list[Who]] = {}
    for row in rows:
        by_case.setdefault(row.use_case, []).append(row)
    out: dict[int, str] = {}
    for group in by_case.values():
        taken = [row.name for row in group if row.name is not None]
        for row in group:
            if row.name is not None:
                out[row.response] = row.name
        people = sorted(
            (row for row in group if row.name is None), key=lambda r: (r.number or 0, r.response)
        )
        for row in people:
            label = _participant(row, taken)
            taken.append(label)
            out[row.response] = label
    return out


def _participant(row: Who, taken: list[str]) -> str:
    if row.participant is None or row.number is None:
        return unique(FORMER, taken, sep=" ")
    base = shown_name(row.display_name, row.number, hidden=row.hidden)
    folded = {name_key(t) for t in taken}
    if base == participant_label(row.number) and base.casefold() in folded:
        base = f"Workshop participant {row.number}"
    return unique(base, taken, sep=" ")


def participant_labels(joined: Iterable[tuple[int, str | None]], *, names: bool) -> dict[int, str]:
    """A workshop's participants' labels on its console, by participant id, in join order:
    the same labels as everywhere else."""
    rows = [
        Who(
            response=pid,
            use_case=0,
            participant=pid,
            display_name=display,
            number=n,
            hidden=not names,
        )
        for n, (pid, display) in enumerate(joined, 1)
    ]
    return labels(rows)


def anonymous_labels(given: Iterable[str | None], taken: Iterable[str] = ()) -> list[str]:
    """Labels for responses that came without a name (form rows): "Anonymous 1", "Anonymous 2",
    … skipping any label already in use; named ones are kept."""
    given = list(given)
    used = [*taken, *(g for g in given if g is not None)]
    out = []
    for name in given:
        if name is None:
            name = unique_numbered("Anonymous", used)
            used.append(name)
        out.append(name)
    return out


def unique_numbered(base: str, taken: Iterable[str]) -> str:
    """`base 1`, `base 2`, … the first not taken (compared without case)."""
    folded = {name_key(t) for t in taken}
    n = 1
    while name_key(f"{base} {n}") in folded:
        n += 1
    return f"{base} {n}"
