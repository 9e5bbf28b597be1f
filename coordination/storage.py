"""Storage: workspaces, use cases and answers in SQLite or PostgreSQL, through SQLAlchemy 2.

`Store` is the port the app talks to. Every write is one short transaction that also bumps the
workspace's `version`, so readers can cache whatever they derive from a workspace on that number.
Answers and notes are idempotent upserts keyed by (use case, respondent, question): saving the
same answer twice, or two people saving at once, never loses or duplicates anything.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, make_url, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from coordination import schema as t
from coordination.errors import InvalidInput, NotFound, StorageError
from coordination.fileformat import encode_assessment
from coordination.models import Assessment, Response, UseCase

MAX_NAME = 200
USE_CASE_FIELDS = ("name", "function", "objective", "involved", "tool", "notes", "retired")


@dataclass(frozen=True)
class Workspace:
    id: int
    slug: str
    name: str
    is_demo: bool
    version: int


@dataclass(frozen=True)
class Snapshot:
    id: int
    label: str
    taken_at: object


def _safe(url: str) -> str:
    """The URL for a message, with any password masked."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL has no password we could find either
        return "(unreadable URL)"


def clean_name(name: str | None, what: str) -> str:
    name = (name or "").strip()
    if not name:
        raise InvalidInput(f"The {what} needs a name.")
    if len(name) > MAX_NAME:
        raise InvalidInput(f"The {what} name is too long ({len(name)} characters, at most 200).")
    return name


def slugify(name: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")[:60] or "item"


def _unique(base: str, taken: set[str], sep: str = "-") -> str:
    candidate, n = base, 2
    while candidate.casefold() in {x.casefold() for x in taken}:
        candidate, n = f"{base}{sep}{n}", n + 1
    return candidate


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def from_url(cls, url: str) -> Store:
        """Open the database, creating the tables on first start."""
        try:
            engine = t.make_engine(url)
            t.metadata.create_all(engine)
            store = cls(engine)
            store._check_schema_version()
        except (SQLAlchemyError, ValueError) as e:  # ValueError: a URL SQLAlchemy cannot parse
            raise StorageError(
                f"cannot open the database {_safe(url)}: {e.__class__.__name__}: "
                f"{getattr(e, 'orig', e)}"
            ) from None
        return store

    def _check_schema_version(self) -> None:
        with self._write_tx() as conn:
            found = conn.scalar(select(t.meta.c.value).where(t.meta.c.key == "schema_version"))
            if found is None:
                conn.execute(
                    insert(t.meta).values(key="schema_version", value=str(t.SCHEMA_VERSION))
                )
            elif int(found) > t.SCHEMA_VERSION:
                raise StorageError(
                    f"the database has schema version {found}, newer than this "
                    f"app's {t.SCHEMA_VERSION}: update the app"
                )

    # ── transactions ───────────────────────────────────────────────────────────────────────

    @contextmanager
    def _write_tx(self) -> Iterator[Connection]:
        try:
            with self.engine.connect().execution_options(write=True) as conn, conn.begin():
                yield conn
        except SQLAlchemyError as e:
            raise StorageError(
                f"the database refused the change ({getattr(e, 'orig', e)})"
            ) from None

    @contextmanager
    def _write(self, slug: str) -> Iterator[tuple[Connection, int]]:
        """A write to one workspace; its version goes up in the same transaction."""
        with self._write_tx() as conn:
            ws_id = self._workspace_id(conn, slug)
            yield conn, ws_id
            conn.execute(
                update(t.workspaces)
                .where(t.workspaces.c.id == ws_id)
                .values(version=t.workspaces.c.version + 1)
            )

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        options = (
            {"isolation_level": "REPEATABLE READ"}
            if self.engine.dialect.name == "postgresql"
            else {}
        )
        try:
            with self.engine.connect().execution_options(**options) as conn, conn.begin():
                yield conn  # one consistent view of the data for the whole read
        except SQLAlchemyError as e:
            raise StorageError(f"the database cannot be read ({getattr(e, 'orig', e)})") from None

    @staticmethod
    def _workspace_id(conn: Connection, slug: str) -> int:
        ws_id = conn.scalar(select(t.workspaces.c.id).where(t.workspaces.c.slug == slug))
        if ws_id is None:
            raise NotFound(f"There is no workspace '{slug}'. It may have been deleted.")
        return ws_id

    # ── workspaces ─────────────────────────────────────────────────────────────────────────

    def workspaces(self) -> list[Workspace]:
        w = t.workspaces.c
        with self._read() as conn:
            rows = conn.execute(
                select(w.id, w.slug, w.name, w.is_demo, w.version).order_by(w.is_demo, w.name)
            ).all()
        return [Workspace(*row) for row in rows]

    def workspace(self, slug: str) -> Workspace:
        found = [ws for ws in self.workspaces() if ws.slug == slug]
        if not found:
            raise NotFound(f"There is no workspace '{slug}'. It may have been deleted.")
        return found[0]

    def version(self, slug: str) -> int:
        with self._read() as conn:
            version = conn.scalar(select(t.workspaces.c.version).where(t.workspaces.c.slug == slug))
        if version is None:
            raise NotFound(f"There is no workspace '{slug}'. It may have been deleted.")
        return version

    def create_workspace(
        self, name: str, functions: list[str] = (), *, is_demo: bool = False
    ) -> Workspace:
        name = clean_name(name, "workspace")
        with self._write_tx() as conn:
            ws_id, slug = self._insert_workspace(conn, name, functions, is_demo, unique=False)
        return self.workspace(slug)

    def _insert_workspace(self, conn, name, functions, is_demo, *, unique: bool):
        names = set(conn.scalars(select(t.workspaces.c.name)))
        if name.casefold() in {n.casefold() for n in names}:
            if not unique:
                raise InvalidInput(f"A workspace called '{name}' already exists.")
            name = _unique(name, names, sep=" ")
        slug = _unique(slugify(name), set(conn.scalars(select(t.workspaces.c.slug))))
        ws_id = conn.execute(
            insert(t.workspaces).values(
                slug=slug,
                name=name,
                is_demo=is_demo,
                version=0,
                functions=json.dumps(_clean_functions(functions)),
            )
        ).inserted_primary_key[0]
        return ws_id, slug

    def rename_workspace(self, slug: str, name: str) -> None:
        name = clean_name(name, "workspace")
        with self._write(slug) as (conn, ws_id):
            clash = conn.scalar(
                select(t.workspaces.c.id).where(
                    func.lower(t.workspaces.c.name) == name.lower(), t.workspaces.c.id != ws_id
                )
            )
            if clash is not None:
                raise InvalidInput(f"A workspace called '{name}' already exists.")
            conn.execute(
                update(t.workspaces)
                .where(t.workspaces.c.id == ws_id)
                .values(name=name, is_demo=False)
            )

    def delete_workspace(self, slug: str) -> None:
        with self._write_tx() as conn:
            conn.execute(
                delete(t.workspaces).where(t.workspaces.c.id == self._workspace_id(conn, slug))
            )

    def set_functions(self, slug: str, functions: list[str]) -> None:
        with self._write(slug) as (conn, ws_id):
            conn.execute(
                update(t.workspaces)
                .where(t.workspaces.c.id == ws_id)
                .values(functions=json.dumps(_clean_functions(functions)))
            )

    # ── use cases ──────────────────────────────────────────────────────────────────────────

    def add_use_case(self, slug: str, name: str, **fields) -> str:
        """Add a use case; returns its key, made from its name and stable across renames."""
        name = clean_name(name, "use case")
        with self._write(slug) as (conn, ws_id):
            existing = conn.execute(
                select(t.use_cases.c.key, t.use_cases.c.name).where(
                    t.use_cases.c.workspace_id == ws_id
                )
            ).all()
            _refuse_duplicate(name, [row.name for row in existing])
            key = _unique(slugify(name), {row.key for row in existing})
            position = (
                conn.scalar(
                    select(func.coalesce(func.max(t.use_cases.c.position), -1)).where(
                        t.use_cases.c.workspace_id == ws_id
                    )
                )
                + 1
            )
            conn.execute(
                insert(t.use_cases).values(
                    workspace_id=ws_id,
                    key=key,
                    position=position,
                    name=name,
                    **_use_case_columns(fields),
                )
            )
        return key

    def update_use_case(self, slug: str, key: str, **fields) -> None:
        unknown = set(fields) - set(USE_CASE_FIELDS)
        if unknown:
            raise ValueError(f"not use case fields: {sorted(unknown)}")
        with self._write(slug) as (conn, ws_id):
            uc_id = self._use_case_id(conn, ws_id, key)
            if "name" in fields:
                fields["name"] = clean_name(fields["name"], "use case")
                others = conn.scalars(
                    select(t.use_cases.c.name).where(
                        t.use_cases.c.workspace_id == ws_id, t.use_cases.c.id != uc_id
                    )
                ).all()
                _refuse_duplicate(fields["name"], others)
            conn.execute(
                update(t.use_cases)
                .where(t.use_cases.c.id == uc_id)
                .values(**_use_case_columns(fields))
            )

    @staticmethod
    def _use_case_id(conn: Connection, ws_id: int, key: str) -> int:
        uc_id = conn.scalar(
            select(t.use_cases.c.id).where(
                t.use_cases.c.workspace_id == ws_id, t.use_cases.c.key == key
            )
        )
        if uc_id is None:
            raise NotFound(f"There is no use case '{key}' in this workspace.")
        return uc_id

    # ── answers and notes ──────────────────────────────────────────────────────────────────

    def set_answer(
        self, slug: str, key: str, respondent: str, question: str, value: int | None
    ) -> None:
        """Save one answer (None = "don't know"); saving it again changes nothing."""
        if value is not None and (type(value) is not int or not 0 <= value <= 3):
            raise InvalidInput(f"An answer must be 0–3 or don't know, got {value!r}.")
        with self._write(slug) as (conn, ws_id):
            response_id = self._response_id(conn, ws_id, key, respondent)
            _upsert(
                conn,
                t.answers,
                {"response_id": response_id, "question": question, "value": value},
                ["response_id", "question"],
                ["value"],
            )

    def set_note(self, slug: str, key: str, respondent: str, note_key: str, text: str) -> None:
        """Save a note or an open answer; an empty text removes it."""
        with self._write(slug) as (conn, ws_id):
            response_id = self._response_id(conn, ws_id, key, respondent)
            if text.strip():
                _upsert(
                    conn,
                    t.notes,
                    {"response_id": response_id, "key": note_key, "text": text},
                    ["response_id", "key"],
                    ["text"],
                )
            else:
                conn.execute(
                    delete(t.notes).where(
                        t.notes.c.response_id == response_id, t.notes.c.key == note_key
                    )
                )

    def response(self, slug: str, key: str, respondent: str) -> Response | None:
        """One respondent's saved answers and notes for one use case (None before any)."""
        r, a, n = t.responses.c, t.answers.c, t.notes.c
        with self._read() as conn:
            uc_id = self._use_case_id(conn, self._workspace_id(conn, slug), key)
            rid = conn.scalar(
                select(r.id).where(r.use_case_id == uc_id, r.respondent == respondent.strip())
            )
            if rid is None:
                return None
            answers = dict(
                conn.execute(select(a.question, a.value).where(a.response_id == rid)).all()
            )
            notes = dict(conn.execute(select(n.key, n.text).where(n.response_id == rid)).all())
        return Response(respondent=respondent.strip(), answers=answers, notes=notes)

    def _response_id(self, conn: Connection, ws_id: int, key: str, respondent: str) -> int:
        respondent = clean_name(respondent, "respondent")
        uc_id = self._use_case_id(conn, ws_id, key)
        row = {"use_case_id": uc_id, "respondent": respondent, "updated_at": func.now()}
        return _upsert(
            conn,
            t.responses,
            row,
            ["use_case_id", "respondent"],
            ["updated_at"],
            returning=t.responses.c.id,
        )

    # ── whole assessments ──────────────────────────────────────────────────────────────────

    def load(self, slug: str) -> Assessment:
        with self._read() as conn:
            return _read_assessment(conn, self._workspace_id(conn, slug))

    def restore(
        self, assessment: Assessment, *, replace: str | None = None, is_demo: bool = False
    ) -> Workspace:
        """Write a whole assessment in one transaction: all of it, or nothing at all.

        With `replace`, that workspace's content is swapped for the file's; otherwise a new
        workspace is made, named after the organization (with a number if the name is taken).
        """
        if replace:
            with self._write(replace) as (conn, ws_id):
                conn.execute(delete(t.use_cases).where(t.use_cases.c.workspace_id == ws_id))
                conn.execute(
                    update(t.workspaces)
                    .where(t.workspaces.c.id == ws_id)
                    .values(functions=json.dumps(_clean_functions(assessment.functions)))
                )
                _write_use_cases(conn, ws_id, assessment.use_cases)
            return self.workspace(replace)
        with self._write_tx() as conn:
            slug = self._restore_new(conn, assessment, is_demo)
        return self.workspace(slug)

    def _restore_new(self, conn: Connection, assessment: Assessment, is_demo: bool) -> str:
        name = clean_name(assessment.organization, "organization")
        ws_id, slug = self._insert_workspace(conn, name, assessment.functions, is_demo, unique=True)
        _write_use_cases(conn, ws_id, assessment.use_cases)
        return slug

    def seed_demo_once(self, demo: Assessment) -> None:
        """Add the demo on the very first start only, so a removed demo stays removed.

        The flag and the demo are written together, and only by whichever server process
        sets the flag first."""
        with self._write_tx() as conn:
            claimed = _insert_ignore(conn, t.meta, {"key": "demo_seeded", "value": "1"})
            if claimed:
                self._restore_new(conn, demo, is_demo=True)

    def use_cases(self, slug: str) -> list[tuple[str, str]]:
        """(key, name) of the use cases in use, in order: what a picker needs, without loading
        every answer of the workspace."""
        u = t.use_cases.c
        with self._read() as conn:
            ws_id = self._workspace_id(conn, slug)
            rows = conn.execute(
                select(u.key, u.name)
                .where(u.workspace_id == ws_id, ~u.retired)
                .order_by(u.position)
            ).all()
        return [tuple(row) for row in rows]

    def demo_workspace(self) -> Workspace | None:
        return next((ws for ws in self.workspaces() if ws.is_demo), None)

    # ── snapshots ──────────────────────────────────────────────────────────────────────────

    def take_snapshot(self, slug: str, label: str) -> int:
        label = clean_name(label, "snapshot")
        with self._write_tx() as conn:
            ws_id = self._workspace_id(conn, slug)
            payload = encode_assessment(_read_assessment(conn, ws_id)).decode()
            return conn.execute(
                insert(t.snapshots).values(workspace_id=ws_id, label=label, payload=payload)
            ).inserted_primary_key[0]

    def snapshots(self, slug: str) -> list[Snapshot]:
        s = t.snapshots.c
        with self._read() as conn:
            rows = conn.execute(
                select(s.id, s.label, s.taken_at)
                .where(s.workspace_id == self._workspace_id(conn, slug))
                .order_by(s.taken_at)
            ).all()
        return [Snapshot(*row) for row in rows]

    def snapshot_payload(self, snapshot_id: int) -> str:
        with self._read() as conn:
            payload = conn.scalar(
                select(t.snapshots.c.payload).where(t.snapshots.c.id == snapshot_id)
            )
        if payload is None:
            raise NotFound(f"There is no snapshot {snapshot_id}.")
        return payload


def _upsert(conn, table, values: dict, keys: list[str], update_columns: list[str], returning=None):
    """INSERT … ON CONFLICT DO UPDATE, in the dialect of whichever database this is."""
    stmt = _dialect_insert(conn)(table).values(**values)
    stmt = stmt.on_conflict_do_update(
        index_elements=keys, set_={c: stmt.excluded[c] for c in update_columns}
    )
    if returning is not None:
        return conn.execute(stmt.returning(returning)).scalar_one()
    conn.execute(stmt)
    return None


def _dialect_insert(conn):
    """The INSERT with ON CONFLICT clauses of whichever database this is."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


def _insert_ignore(conn, table, values: dict) -> bool:
    """INSERT … ON CONFLICT DO NOTHING; True when this call inserted the row.

    Told by RETURNING, not rowcount, which drivers need not report for an INSERT."""
    stmt = _dialect_insert(conn)(table).values(**values).on_conflict_do_nothing()
    key = table.primary_key.columns.values()[0]
    return conn.execute(stmt.returning(key)).first() is not None


def _clean_functions(functions) -> list[str]:
    cleaned: list[str] = []
    for f in functions:
        f = (f or "").strip()
        if f and f.casefold() not in {c.casefold() for c in cleaned}:
            cleaned.append(f)
    return cleaned


def _refuse_duplicate(name: str, others) -> None:
    if name.casefold() in {o.casefold() for o in others}:
        raise InvalidInput(f"A use case called '{name}' already exists in this workspace.")


def _use_case_columns(fields: dict) -> dict:
    columns = {k: v for k, v in fields.items() if k in USE_CASE_FIELDS}
    for k in ("function", "objective", "tool", "notes"):
        if k in columns:
            columns[k] = (columns[k] or "").strip() or None
    if "involved" in columns:
        columns["involved"] = json.dumps(_clean_functions(columns["involved"] or []))
    if "retired" in columns:
        columns["retired"] = bool(columns["retired"])
    return columns


def _write_use_cases(conn: Connection, ws_id: int, cases: list[UseCase]) -> None:
    if not cases:
        return
    u, r = t.use_cases, t.responses
    uc_ids = conn.scalars(
        insert(u).returning(u.c.id, sort_by_parameter_order=True),
        [
            {
                "workspace_id": ws_id,
                "key": uc.id,
                "position": i,
                "name": uc.name,
                **_use_case_columns({f: getattr(uc, f) for f in USE_CASE_FIELDS if f != "name"}),
            }
            for i, uc in enumerate(cases)
        ],
    ).all()
    pairs = [
        (uc_id, resp) for uc_id, uc in zip(uc_ids, cases, strict=True) for resp in uc.responses
    ]
    if not pairs:
        return
    response_ids = conn.scalars(
        insert(r).returning(r.c.id, sort_by_parameter_order=True),
        [{"use_case_id": uc_id, "respondent": resp.respondent} for uc_id, resp in pairs],
    ).all()
    answer_rows = [
        {"response_id": rid, "question": q, "value": v}
        for rid, (_, resp) in zip(response_ids, pairs, strict=True)
        for q, v in resp.answers.items()
    ]
    note_rows = [
        {"response_id": rid, "key": k, "text": text}
        for rid, (_, resp) in zip(response_ids, pairs, strict=True)
        for k, text in resp.notes.items()
        if text.strip()
    ]
    if answer_rows:
        conn.execute(insert(t.answers), answer_rows)
    if note_rows:
        conn.execute(insert(t.notes), note_rows)


def _read_assessment(conn: Connection, ws_id: int) -> Assessment:
    ws = conn.execute(
        select(t.workspaces.c.name, t.workspaces.c.functions).where(t.workspaces.c.id == ws_id)
    ).one()
    u, r, a, n = t.use_cases.c, t.responses.c, t.answers.c, t.notes.c
    cases = conn.execute(
        select(t.use_cases).where(u.workspace_id == ws_id).order_by(u.position)
    ).all()
    in_ws = select(u.id).where(u.workspace_id == ws_id)
    resp_rows = conn.execute(
        select(r.id, r.use_case_id, r.respondent).where(r.use_case_id.in_(in_ws)).order_by(r.id)
    ).all()
    resp_ids = select(r.id).where(r.use_case_id.in_(in_ws))
    answers: dict[int, dict] = {}
    for rid, q, v in conn.execute(
        select(a.response_id, a.question, a.value).where(a.response_id.in_(resp_ids))
    ):
        answers.setdefault(rid, {})[q] = v
    notes: dict[int, dict] = {}
    for rid, k, text in conn.execute(
        select(n.response_id, n.key, n.text).where(n.response_id.in_(resp_ids))
    ):
        notes.setdefault(rid, {})[k] = text
    by_case: dict[int, list[Response]] = {}
    for rid, uc_id, respondent in resp_rows:
        by_case.setdefault(uc_id, []).append(
            Response(respondent=respondent, answers=answers.get(rid, {}), notes=notes.get(rid, {}))
        )
    return Assessment(
        organization=ws.name,
        functions=json.loads(ws.functions),
        use_cases=[
            UseCase(
                id=c.key,
                name=c.name,
                function=c.function,
                objective=c.objective,
                involved=json.loads(c.involved),
                tool=c.tool,
                notes=c.notes,
                retired=c.retired,
                responses=by_case.get(c.id, []),
            )
            for c in cases
        ],
    )
