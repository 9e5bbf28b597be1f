"""Whole assessments in and out of `Store`: a restore written in steps and swapped in at once,
the demo seeded on the first start, survey answers merged in one transaction, and the backup.
A mixin, so the app keeps one `store` to talk to."""

from __future__ import annotations

import time
from collections.abc import Callable

import msgspec

from coordination import names
from coordination.errors import AssessmentError, InvalidInput
from coordination.files.fileformat import encode_assessment
from coordination.models import Assessment
from coordination.storage import assessments, imports, use_cases
from coordination.storage import workspaces as ws_sql
from coordination.storage.snapshot_port import keep_snapshots
from coordination.storage.sql import insert_ignore
from coordination.storage.workspaces import Workspace

RESTORE_PAUSE = 0.005  # seconds between a restore's steps


class RestorePort:
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
        from coordination.method.questionnaire import shipped

        # A backup taken before the questionnaire was switched holds answers to the other
        # one's questions: kept as they were, as they were kept in the workspace it came from.
        check_assessment(assessment, self.questionnaire, others=shipped())
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
        return self._write(
            key, lambda conn, ws_id: imports.merge(conn, ws_id, assessment, self.questionnaire)
        )

    def backup(self, key: str) -> bytes:
        """The whole workspace in the file format, to keep or restore. Every answer is in it,
        those withheld below a workshop's threshold too (a backup loses nothing); names an
        anonymous workshop hides read "Participant n", as on every page and in every file."""
        history = [self.snapshot(key, snap.id) for snap in self.snapshots(key)]
        return encode_assessment(msgspec.structs.replace(self.load(key), snapshots=history))


def _at(where: str, check, *args):
    try:
        return check(*args)
    except InvalidInput as e:
        raise AssessmentError(where, str(e)) from e
