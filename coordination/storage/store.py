"""`Store`: the port the app and the tests talk to. Each method checks its input with the pure
rules (names, question ids, who may write), then runs one short transaction.

Every write to a workspace locks its row first and bumps its `version`, so readers can cache
whatever they derive from a workspace on (key, version): keys are random and never reused.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.engine import Connection

from coordination import access, names
from coordination.errors import (
    InvalidInput,
    SchemaMismatch,
    StorageError,
    Unavailable,
)
from coordination.files.brand import Brand
from coordination.method.questionnaire import Questionnaire, load_questionnaire
from coordination.models import Assessment, Response
from coordination.storage import (
    answers,
    assessments,
    brands,
    migrate,
    use_cases,
)
from coordination.storage import schema as t
from coordination.storage import workspaces as ws_sql
from coordination.storage.database import Database, redact, safe_url
from coordination.storage.people_port import PeoplePort
from coordination.storage.plan_port import PlanPort
from coordination.storage.restore_port import RestorePort
from coordination.storage.snapshot_port import SnapshotPort
from coordination.storage.sql import upsert
from coordination.storage.use_case_port import UseCasePort
from coordination.storage.workshop_port import Workshops
from coordination.storage.workspaces import Workspace
from coordination.view import WorkspaceView
from coordination.workshop.withheld import withheld

T = TypeVar("T")
PURGE_STEP = 50  # use cases per transaction when a deleted workspace is removed
LAST_WORKSPACE = "last_workspace"  # meta key: where an owner coming back lands


class Store(UseCasePort, PeoplePort, SnapshotPort, PlanPort, RestorePort):
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

    def brand(self, key: str) -> Brand:
        """How this workspace's decks and PDFs look (the default until someone sets it)."""
        with self.db.read() as conn:
            return brands.read(conn, ws_sql.id_for_read(conn, key))

    def set_brand(self, key: str, brand: Brand) -> None:
        self._write(key, lambda conn, ws_id: brands.write(conn, ws_id, brand))

    # ── transactions ───────────────────────────────────────────────────────────────────────

    def _write(self, key: str, work: Callable[[Connection, int], T]) -> T:
        """A write to one workspace: its row locked first, its version bumped last."""

        def locked(conn: Connection) -> T:
            ws_id = ws_sql.id_for_write(conn, key)
            result = work(conn, ws_id)
            ws_sql.bump(conn, ws_id)
            return result

        return self.db.write(locked)
