"""The use-case half of `Store`: use cases added (one or a batch, all or none), changed and
listed, every field checked first. A mixin, so the app keeps one `store` to talk to."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from coordination import names
from coordination.errors import InvalidInput
from coordination.storage import use_cases
from coordination.storage import workspaces as ws_sql

TEXT_FIELDS = ("function", "objective", "tool")


class UseCasePort:
    def add_use_case(self, key: str, name: str, **fields) -> str:
        """Add a use case; returns its key, made from its name and stable across renames."""
        name = names.clean_name(name, "use case")
        columns = use_cases.to_columns(self._checked_fields(fields))
        return self._write(key, lambda conn, ws_id: use_cases.add(conn, ws_id, name, columns))

    def add_use_cases(self, key: str, rows) -> list[str]:
        """Add several use cases in one transaction: all of them, or none when one is refused
        (by the checks `add_use_case` makes), with a message naming which one. Each row is a
        dict: "name" and the fields `add_use_case` takes. Returns their keys, in order."""
        rows = list(rows)
        checked = [_numbered(i, len(rows), self._checked_row, row) for i, row in enumerate(rows, 1)]

        def work(conn: Connection, ws_id: int) -> list[str]:
            return [
                _numbered(i, len(rows), use_cases.add, conn, ws_id, name, columns)
                for i, (name, columns) in enumerate(checked, 1)
            ]

        return self._write(key, work) if rows else []

    def _checked_row(self, row: dict) -> tuple[str, dict]:
        fields = dict(row)
        name = names.clean_name(fields.pop("name", None), "use case")
        unknown = set(fields) - set(use_cases.FIELDS)
        if unknown:
            raise ValueError(f"not use case fields: {sorted(unknown)}")
        return name, use_cases.to_columns(self._checked_fields(fields))

    def update_use_case(self, key: str, use_case: str, **fields) -> None:
        unknown = set(fields) - set(use_cases.FIELDS)
        if unknown:
            raise ValueError(f"not use case fields: {sorted(unknown)}")
        checked = self._checked_fields(fields)
        if "name" in fields:
            checked["name"] = names.clean_name(fields["name"], "use case")
        columns = use_cases.to_columns(checked)
        self._write(
            key, lambda conn, ws_id: use_cases.update_fields(conn, ws_id, use_case, columns)
        )

    def use_cases(self, key: str) -> list[tuple[str, str]]:
        """(key, name) of the use cases in use, in order: what a picker needs."""
        with self.db.read() as conn:
            return use_cases.in_use(conn, ws_sql.id_for_read(conn, key))

    def _checked_fields(self, fields: dict) -> dict:
        checked = {}
        for field in TEXT_FIELDS:
            if field in fields:
                checked[field] = names.clean_optional(fields[field], field)
        if "notes" in fields:
            checked["notes"] = names.clean_note(fields["notes"], "notes") or None
        if "involved" in fields:
            checked["involved"] = names.clean_functions(fields["involved"] or [], "function")
        if "retired" in fields:
            checked["retired"] = bool(fields["retired"])
        if "target_level" in fields:
            checked["target_level"] = self._checked_target(fields["target_level"])
        return checked

    def _checked_target(self, level) -> int | None:
        top = self.questionnaire.max_level
        if level is None:
            return None
        if type(level) is not int or not 1 <= level <= top:
            raise InvalidInput(f"A target level must be 1–{top}, or none; got {level!r}.")
        return level


def _numbered(i: int, count: int, check, *args):
    """`check(*args)`, its refusal naming the row of a batch it concerns."""
    try:
        return check(*args)
    except InvalidInput as e:
        raise InvalidInput(f"Use case {i} of {count}: {e}") from e
