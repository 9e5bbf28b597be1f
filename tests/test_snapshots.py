"""Snapshots, first class (issue 13): named and dated inside their file, taken when a workshop
closes, renamed and deleted by the owner, carried by the backup, and never re-judged by a
later answer: what was withheld when one was taken stays withheld in it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from coordination.errors import InvalidInput, NotFound
from coordination.files.fileformat import decode_assessment
from coordination.workshop.settings import checked_setup


@pytest.fixture
def store(any_store):
    return any_store


def joined(store, workshop):
    return store.identify(None, store.join(store.invitation_token(workshop.invitation)))


def test_closing_a_workshop_takes_a_snapshot_and_a_later_answer_rejudges_no_snapshot(store):
    ws = store.create_workspace("Acme")
    uc = store.add_use_case(ws.key, "Call notes")
    workshop = store.workshops.create(ws.key, checked_setup(use_cases=(uc,), threshold=3))
    store.workshops.set_phase(ws.key, workshop.key, uc, "voting")
    people = [joined(store, workshop) for _ in range(3)]
    for me in people[:2]:
        store.participant_answer(me, uc, "reach", 3)
    during = store.take_snapshot(ws.key, "During the vote")  # two of three: withheld
    store.participant_answer(people[2], uc, "reach", 2)  # the third releases them, now
    when = (datetime.now(UTC) + timedelta(minutes=1)).replace(microsecond=0)  # after `during`
    closed = store.workshops.close(ws.key, workshop.key, now=when)
    assert store.workshops.close(ws.key, workshop.key) is None  # one snapshot per close
    assert [(s.id, s.label) for s in store.snapshots(ws.key)] == [
        (during, "During the vote"),
        (closed, f"Workshop {when.day} {when:%b}"),
    ]
    assert store.snapshot(ws.key, closed).snapshot.taken == when.isoformat()

    then = store.view_at(ws.key, during)
    assert then.shown.use_case(uc).responses == []
    assert then.withheld[uc].respondents == frozenset({"Participant 1", "Participant 2"})
    assert len(store.view_at(ws.key, closed).shown.use_case(uc).responses) == 3
    assert len(store.view_at(ws.key).shown.use_case(uc).responses) == 3


def test_a_snapshot_is_renamed_and_deleted_by_its_workspace_only(store):
    ws, other = store.create_workspace("Acme"), store.create_workspace("Globex")
    store.add_use_case(ws.key, "Call notes")
    snap = store.take_snapshot(ws.key, "Baseline")
    store.rename_snapshot(ws.key, snap, "Baseline, before the pilot")
    assert store.snapshot(ws.key, snap).snapshot.label == "Baseline, before the pilot"
    assert [s.label for s in store.snapshots(ws.key)] == ["Baseline, before the pilot"]
    with pytest.raises(NotFound):
        store.delete_snapshot(other.key, snap)
    with pytest.raises(InvalidInput, match="needs a name"):
        store.rename_snapshot(ws.key, snap, "   ")
    store.delete_snapshot(ws.key, snap)
    assert store.snapshots(ws.key) == []


def test_a_snapshot_needs_a_label(store):
    ws = store.create_workspace("Acme")
    with pytest.raises(InvalidInput, match="snapshot needs a name"):
        store.take_snapshot(ws.key, "")


def test_the_backup_carries_the_snapshots_and_a_restore_keeps_them(store):
    ws = store.create_workspace("Acme")
    uc = store.add_use_case(ws.key, "Call notes")
    store.set_answer(ws.key, uc, "Dana", "reach", 1)
    store.take_snapshot(ws.key, "Baseline")
    store.set_answer(ws.key, uc, "Dana", "reach", 3)
    backup = decode_assessment(store.backup(ws.key), store.questionnaire)
    assert [s.snapshot.label for s in backup.snapshots] == ["Baseline"]
    restored = store.restore(backup)
    [row] = store.snapshots(restored.key)
    then = store.snapshot(restored.key, row.id)
    assert then.use_case(uc).responses[0].answers == {"reach": 1}
    store.restore(backup, replace=restored.key)  # the same snapshot is not kept twice
    assert [s.label for s in store.snapshots(restored.key)] == ["Baseline"]


def test_target_level_plan_and_outcomes_round_trip_through_a_backup(store):
    from coordination.models import Assessment, Condition, PlanItem, UseCase

    item = PlanItem(
        text="Write the review criteria down",
        conditions=[Condition(question="review_criteria", at_least=2)],
        owner="Priya",
        due="2026-12-20",
        status="doing",
    )
    case = UseCase(
        id="blog",
        name="Blog post drafts",
        target_level=4,
        plan=[item, PlanItem(text="Share the prompt pack")],
        outcomes={"better_or_faster": "faster"},
    )
    ws = store.restore(Assessment(organization="Acme", use_cases=[case]))
    back = decode_assessment(store.backup(ws.key), store.questionnaire).use_case("blog")
    assert (back.target_level, back.plan, back.outcomes) == (4, case.plan, case.outcomes)
    store.update_use_case(ws.key, "blog", target_level=None)
    assert store.load(ws.key).use_case("blog").target_level is None
    for wrong in (0, 6, "3", True):
        with pytest.raises(InvalidInput, match="target level must be 1–5"):
            store.update_use_case(ws.key, "blog", target_level=wrong)
