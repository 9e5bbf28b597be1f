"""The snapshot half of `Store`: named, dated, read-only copies of a workspace, taken by hand
or when a workshop closes, renamed and deleted by the owner, and read back as a
`WorkspaceView` of that moment (with what was withheld then). A mixin, like `PeoplePort`."""

from __future__ import annotations

from datetime import UTC, datetime

import msgspec
from sqlalchemy.engine import Connection

from coordination import names
from coordination.files.fileformat import encode_assessment
from coordination.models import Assessment, Snapshot
from coordination.storage import assessments, snapshots
from coordination.storage import workspaces as ws_sql
from coordination.storage.snapshots import Snapshot as SnapshotRow
from coordination.view import WorkspaceView
from coordination.workshop.withheld import withheld


class SnapshotPort:
    def take_snapshot(self, key: str, label: str) -> int:
        """Freeze the workspace as it is now, under a label (required), dated now."""
        label = names.clean_name(label, "snapshot")
        return self._write(key, lambda conn, ws_id: freeze(conn, ws_id, label))

    def snapshots(self, key: str) -> list[SnapshotRow]:
        """Oldest first."""
        with self.db.read() as conn:
            return snapshots.of_workspace(conn, ws_sql.id_for_read(conn, key))

    def snapshot(self, key: str, snapshot_id: int) -> Assessment:
        """A snapshot as its file holds it, its `snapshot` record filled in for one taken
        before snapshots carried their own (label and date from the list)."""
        with self.db.read() as conn:
            ws_id = ws_sql.id_for_read(conn, key)
            row = snapshots.one(conn, ws_id, snapshot_id)
            payload = snapshots.payload(conn, ws_id, snapshot_id)
        frozen = msgspec.json.decode(payload, type=Assessment)
        if frozen.snapshot is None:
            info = Snapshot(label=row.label, taken=_iso(row.taken_at))
            frozen = msgspec.structs.replace(frozen, snapshot=info)
        return frozen

    def view_at(self, key: str, snapshot_id: int | None = None) -> WorkspaceView:
        """The workspace now (None) or at a snapshot, as views may show it."""
        if snapshot_id is None:
            return self.view(key)
        return WorkspaceView.of_snapshot(self.snapshot(key, snapshot_id))

    def snapshot_payload(self, key: str, snapshot_id: int) -> str:
        with self.db.read() as conn:
            return snapshots.payload(conn, ws_sql.id_for_read(conn, key), snapshot_id)

    def snapshot_file(self, key: str, snapshot_id: int) -> bytes:
        """A snapshot as a file: names hidden as in the backup, with its label and date."""
        return encode_assessment(self.snapshot(key, snapshot_id))

    def rename_snapshot(self, key: str, snapshot_id: int, label: str) -> None:
        label = names.clean_name(label, "snapshot")

        def work(conn: Connection, ws_id: int) -> None:
            frozen = msgspec.json.decode(
                snapshots.payload(conn, ws_id, snapshot_id), type=Assessment
            )
            if frozen.snapshot is not None:
                frozen = msgspec.structs.replace(
                    frozen, snapshot=msgspec.structs.replace(frozen.snapshot, label=label)
                )
            snapshots.rename(conn, ws_id, snapshot_id, label, encode_assessment(frozen).decode())

        self._write(key, work)

    def delete_snapshot(self, key: str, snapshot_id: int) -> None:
        self._write(key, lambda conn, ws_id: snapshots.remove(conn, ws_id, snapshot_id))


def freeze(conn: Connection, ws_id: int, label: str, now: datetime | None = None) -> int:
    """Store the workspace as it is in this transaction, with what is withheld now."""
    now = now or datetime.now(UTC)
    assessment, in_workshops = assessments.read_with_people(conn, ws_id)
    view = WorkspaceView(assessment, withheld(in_workshops))
    payload = encode_assessment(view.frozen(label, _iso(now))).decode()
    return snapshots.add(conn, ws_id, label, payload, taken_at=now)


def keep_snapshots(conn: Connection, ws_id: int, assessment: Assessment) -> None:
    """A restored backup's snapshots, each once (one with the same label and date is kept)."""
    have = {(row.label, _iso(row.taken_at)) for row in snapshots.of_workspace(conn, ws_id)}
    for snap in assessment.snapshots:
        info = snap.snapshot
        taken = _parsed(info.taken)
        if (info.label, _iso(taken)) in have:
            continue
        snapshots.add(conn, ws_id, info.label, encode_assessment(snap).decode(), taken_at=taken)


def _parsed(text: str) -> datetime:
    when = datetime.fromisoformat(text) if len(text) > 10 else datetime.fromisoformat(text[:10])
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def unique_label(conn: Connection, ws_id: int, label: str) -> str:
    return names.unique(label, snapshots.labels(conn, ws_id), sep=" ")


def _iso(when: datetime) -> str:
    if when.tzinfo is None:  # SQLite gives naive UTC times back
        when = when.replace(tzinfo=UTC)
    return when.isoformat(timespec="seconds")
