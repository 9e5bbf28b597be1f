"""`Store`: the port the app and the tests talk to. Each method checks its input with the pure
rules (names, question ids, who may write), then runs one short transaction.

Every write to a workspace locks its row first and bumps its `version`, so readers can cache
whatever they derive from a workspace on (key, version): keys are random and never reused.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

import msgspec
from sqlalchemy import select
from sqlalchemy.engine import Connection

from coordination import access, names
from coordination.errors import (
    AssessmentError,
    InvalidInput,
    SchemaMismatch,
    StorageError,
    Unavailable,
)
from coordination.files.brand import Brand
from coordination.files.fileformat import encode_assessment
from coordination.method.questionnaire import Questionnaire, load_questionnaire
from coordination.models import Assessment, Response
from coordination.storage import (
    answers,
    assessments,
    brands,
    imports,
    migrate,
    use_cases,
)
from coordination.storage import schema as t
from coordination.storage import workspaces as ws_sql
from coordination.storage.database import Database, redact, safe_url
from coordination.storage.people_port import PeoplePort
from coordination.storage.plan_port import PlanPort
from coordination.storage.snapshot_port import SnapshotPort, keep_snapshots
from coordination.storage.sql import insert_ignore, upsert
from coordination.storage.workshop_port import Workshops
from coordination.storage.workspaces import Workspace
from coordination.view import WorkspaceView
from coordination.workshop.withheld import withheld

T = TypeVar("T")
TEXT_FIELDS = ("function", "objective", "tool")
PURGE_STEP = 50  # use cases per transaction when a deleted workspace is removed
RESTORE_PAUSE = 0.005  # seconds between a restore's steps
LAST_WORKSPACE = "last_workspace"  # meta key: where an owner coming back lands


class Store(PeoplePort, SnapshotPort, PlanPort):
    def __init__(self, db: Database, questionnaire: Questionnaire, owner_key: str | None = None):
        """`owner_key`: the key owners sign in with (`coordination.keyfile` finds it for the
        app); without one, a random key that lives as long as this object (tests, tools)."""
        self.db = db
        self.engine = db.engine
        self.questionnaire = questionnaire
        self._owner_key = access.checked_owner_key(owner_key) if owner_key else access.new_token()
        self.workshops = Workshops(self)

    def reachable(self) -> bool:
        """Whether the database answers now (a cheap check for pages that wait for it)."""
        return self.db.reachable()

    def use_owner_key(self, key: str, source: str = "The owner key") -> None:
        self._owner_key = access.checked_owner_key(key, source)

    @classmethod
    def from_url(
        cls,
        url: str,
        questionnaire: Questionnaire | None = None,
        *,
        owner_key: str | None = None,
    ) -> Store:
        """Open the database and bring its schema up to date (refusing one it does not know)."""
        try:
            db = Database(url)
            db.change_schema(migrate.upgrade)
        except SchemaMismatch:
            raise
        except Exception as e:  # an unparsable URL, a missing driver, no such server or file
            cause = getattr(e.__cause__, "orig", None) if isinstance(e, Unavailable) else e
            cause = cause or e  # the driver's own words say why it cannot be reached
            detail = (
                redact(str(cause), url).strip().splitlines()[0] if str(cause) else type(e).__name__
            )
            message = f"Cannot open the database {safe_url(url)}: {detail}"
            if isinstance(e, Unavailable):  # down, not wrong: worth waiting for
                raise Unavailable(message) from e
            raise StorageError(message) from e
        store = cls(db, questionnaire or load_questionnaire(), owner_key)
        store.purge_trash()
        return store

    # ── workspaces ─────────────────────────────────────────────────────────────────────────

    def workspaces(self) -> list[Workspace]:
        with self.db.read() as conn:
            return ws_sql.all_live(conn)

    def workspace(self, key: str) -> Workspace:
        with self.db.read() as conn:
            return ws_sql.one(conn, key)

    def version(self, key: str) -> int:
        return self.workspace(key).version

    def demo_workspace(self) -> Workspace | None:
        with self.db.read() as conn:
            return ws_sql.demo(conn)

    def create_workspace(self, name: str, functions=()) -> Workspace:
        name = names.clean_name(name, "workspace")
        functions = names.clean_functions(functions)
        _, key = self.db.write(lambda conn: ws_sql.insert_workspace(conn, name, functions))
        return self.workspace(key)

    def rename_workspace(self, key: str, name: str) -> None:
        name = names.clean_name(name, "workspace")
        self._write(key, lambda conn, ws_id: ws_sql.rename(conn, ws_id, name))

    def set_functions(self, key: str, functions) -> None:
        functions = names.clean_functions(functions)
        self._write(key, lambda conn, ws_id: ws_sql.set_functions(conn, ws_id, functions))

    def delete_workspace(self, key: str) -> None:
        """Gone from every page at once; its rows are then removed in short steps."""
        self._write(key, lambda conn, ws_id: ws_sql.hide(conn, ws_id))
        self.purge_trash()

    def purge_trash(self) -> None:
        with self.db.read() as conn:
            trash = ws_sql.trash_ids(conn)
        for ws_id in trash:
            self._purge(ws_id)

    def _purge(self, ws_id: int) -> None:
        """Delete a hidden workspace a few use cases at a time, so writers never wait long."""
        while True:
            with self.db.read() as conn:
                batch = ws_sql.use_case_ids(conn, ws_id, limit=PURGE_STEP)
            if not batch:
                break
            self.db.write(lambda conn, b=batch: ws_sql.delete_use_cases(conn, b))
        self.db.write(lambda conn: ws_sql.delete_row(conn, ws_id))

    # ── use cases ──────────────────────────────────────────────────────────────────────────

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

    # ── answers and notes, by a respondent's name (the owner's own tracing) ─────────────────

    def set_answer(self, key: str, use_case: str, respondent: str, question: str, value) -> None:
        """Save one answer (None = "don't know"); saving it again changes nothing."""
        self._check_answer(question, value)
        name = names.clean_name(respondent, "respondent")

        def work(conn: Connection, ws_id: int) -> None:
            uc_id = use_cases.id_of(conn, ws_id, use_case)
            answers.set_answer(conn, answers.response_for_name(conn, uc_id, name), question, value)

        self._write(key, work)

    def set_note(self, key: str, use_case: str, respondent: str, note_key: str, text: str):
        """Save a note or an open answer; an empty text removes it."""
        self._check_note_key(note_key)
        text = names.clean_note(text)
        name = names.clean_name(respondent, "respondent")

        def work(conn: Connection, ws_id: int) -> None:
            uc_id = use_cases.id_of(conn, ws_id, use_case)
            answers.set_note(conn, answers.response_for_name(conn, uc_id, name), note_key, text)

        self._write(key, work)

    def response(self, key: str, use_case: str, respondent: str) -> Response | None:
        name = names.clean_name(respondent, "respondent")
        with self.db.read() as conn:
            uc_id = use_cases.id_of(conn, ws_sql.id_for_read(conn, key), use_case)
            return answers.read(conn, answers.find_by_name(conn, uc_id, name))

    def remember_workspace(self, key: str) -> None:
        """The owner's last workspace, where a later visit without a link lands."""
        row = {"key": LAST_WORKSPACE, "value": key}
        self.db.write(lambda conn: upsert(conn, t.meta, row, ["key"], ["value"]))

    def last_workspace(self) -> Workspace | None:
        """The workspace remembered last, if it still exists."""
        with self.db.read() as conn:
            key = conn.scalar(select(t.meta.c.value).where(t.meta.c.key == LAST_WORKSPACE))
        found = [ws for ws in self.workspaces() if ws.key == key]
        return found[0] if found else None

    def respondent_names(self, key: str, use_case: str) -> list[str]:
        """Who already answers this use case under a name the owner typed (never a
        participant), the most recently active first: the trace page offers them to pick."""
        with self.db.read() as conn:
            uc_id = use_cases.id_of(conn, ws_sql.id_for_read(conn, key), use_case)
            return answers.named(conn, uc_id)

    def _check_answer(self, question: str, value) -> None:
        if question not in self.questionnaire.question_ids:
            raise InvalidInput(f"There is no question {str(question)[:60]!r} in the questionnaire.")
        if value is not None and (type(value) is not int or not 0 <= value <= 3):
            raise InvalidInput(f"An answer must be 0–3 or don't know, got {value!r}.")

    def _check_note_key(self, note_key: str) -> None:
        if note_key not in self.questionnaire.note_keys:
            raise InvalidInput(f"There is no question {str(note_key)[:60]!r} to note on.")

    # ── whole assessments ──────────────────────────────────────────────────────────────────

    def load(self, key: str) -> Assessment:
        """Every response, under its shown label (names an anonymous workshop hides read
        "Participant n"), withheld answers included: the owner's copy, not a view."""
        with self.db.read() as conn:
            return assessments.read(conn, ws_sql.id_for_read(conn, key))

    def view(self, key: str) -> WorkspaceView:
        """The workspace as pages and exports may show it (`coordination.view`)."""
        with self.db.read() as conn:
            assessment, in_workshops = assessments.read_with_people(
                conn, ws_sql.id_for_read(conn, key)
            )
        return WorkspaceView(assessment, withheld(in_workshops))

    def restore(
        self, assessment: Assessment, *, replace: str | None = None, is_demo: bool = False
    ) -> Workspace:
        """Write a whole assessment: all of it, or nothing at all.

        It is written in steps into a hidden workspace, so other writers never wait long for
        the database, then swapped in with one short transaction. With `replace`, that
        workspace's content is swapped for the file's; otherwise a new workspace is made,
        named after the organization (with a number if the name is taken)."""
        name, functions = self._checked_assessment(assessment)
        staging, _ = self.db.write(
            lambda conn: ws_sql.insert_workspace(
                conn, f"restore {ws_sql.new_key()}", functions, state="staging"
            )
        )
        try:
            for start, group in assessments.chunks(assessment.use_cases):
                self.db.write(
                    lambda conn, s=start, g=group: assessments.write_use_cases(conn, staging, g, s)
                )
                time.sleep(RESTORE_PAUSE)  # let writers waiting for the lock go first
            if replace:
                key = self._write(
                    replace,
                    lambda conn, ws_id: ws_sql.swap_in(conn, staging, ws_id, functions),
                )
            else:
                key = self.db.write(
                    lambda conn: ws_sql.publish(conn, staging, name, is_demo=is_demo)
                )
            if assessment.snapshots:
                self._write(key, lambda conn, ws_id: keep_snapshots(conn, ws_id, assessment))
        finally:
            self.purge_trash()
            self._drop_staging(staging)
        return self.workspace(key)

    def _drop_staging(self, staging: int) -> None:
        with self.db.read() as conn:
            still_staging = ws_sql.state_of(conn, staging) == "staging"
        if still_staging:
            self.db.write(lambda conn: ws_sql.to_trash(conn, staging))
            self.purge_trash()

    def _checked_assessment(self, assessment: Assessment) -> tuple[str, list[str]]:
        """Every name and field checked before anything is written, naming its place."""
        from coordination.files.fileformat import check_assessment

        check_assessment(assessment, self.questionnaire)
        name = _at("organization", names.clean_name, assessment.organization, "organization")
        functions = _at("functions", names.clean_functions, assessment.functions)
        for i, uc in enumerate(assessment.use_cases):
            fields = {f: getattr(uc, f) for f in use_cases.FIELDS if f not in ("name", "retired")}
            _at(f"use_cases[{i}]", self._checked_fields, fields)
            _at(f"use_cases[{i}].name", names.clean_name, uc.name, "use case")
            for j, r in enumerate(uc.responses):
                where = f"use_cases[{i}].responses[{j}]"
                if r.respondent is not None:
                    _at(f"{where}.respondent", names.clean_name, r.respondent, "respondent")
                for k, text in r.notes.items():
                    _at(f"{where}.notes.{k}", names.clean_note, text)
        return name, functions

    def seed_demo_once(self, demo: Assessment | Callable[[], Assessment | None]) -> None:
        """Add the demo on the very first start only, so a removed demo stays removed. Given
        a function, it is read then and only then (returning None: no demo after all)."""
        from coordination.storage import schema as t

        if self.db.write(lambda conn: insert_ignore(conn, t.meta, {"key": "demo", "value": "1"})):
            assessment = demo() if callable(demo) else demo
            if assessment is not None:
                self.restore(assessment, is_demo=True)

    def import_survey(self, key: str, assessment: Assessment) -> imports.Merged:
        """Survey answers into this workspace, all in one transaction or none (every name and
        note checked first, as a restore does)."""
        self._checked_assessment(assessment)
        return self._write(key, lambda conn, ws_id: imports.merge(conn, ws_id, assessment))

    def brand(self, key: str) -> Brand:
        """How this workspace's decks and PDFs look (the default until someone sets it)."""
        with self.db.read() as conn:
            return brands.read(conn, ws_sql.id_for_read(conn, key))

    def set_brand(self, key: str, brand: Brand) -> None:
        self._write(key, lambda conn, ws_id: brands.write(conn, ws_id, brand))

    # ── files for the owner: every answer, but no name an anonymous workshop hides ──────────

    def backup(self, key: str) -> bytes:
        """The whole workspace in the file format, to keep or restore. Every answer is in it,
        those withheld below a workshop's threshold too (a backup loses nothing); names an
        anonymous workshop hides read "Participant n", as on every page and in every file."""
        history = [self.snapshot(key, snap.id) for snap in self.snapshots(key)]
        return encode_assessment(msgspec.structs.replace(self.load(key), snapshots=history))

    # ── transactions ───────────────────────────────────────────────────────────────────────

    def _write(self, key: str, work: Callable[[Connection, int], T]) -> T:
        """A write to one workspace: its row locked first, its version bumped last."""

        def locked(conn: Connection) -> T:
            ws_id = ws_sql.id_for_write(conn, key)
            result = work(conn, ws_id)
            ws_sql.bump(conn, ws_id)
            return result

        return self.db.write(locked)


def _at(where: str, check, *args):
    try:
        return check(*args)
    except InvalidInput as e:
        raise AssessmentError(where, str(e)) from e


def _numbered(i: int, count: int, check, *args):
    """`check(*args)`, its refusal naming the row of a batch it concerns."""
    try:
        return check(*args)
    except InvalidInput as e:
        raise InvalidInput(f"Use case {i} of {count}: {e}") from e
