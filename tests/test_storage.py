"""Storage on SQLite and on a real PostgreSQL server: nothing lost, nothing half-written."""

from __future__ import annotations

import threading

import msgspec
import pytest
from sqlalchemy import text

from coordination.errors import CoordinationError, InvalidInput, NotFound, StorageError
from coordination.files.fileformat import decode_assessment, read_assessment
from coordination.inventory import apply_table_edits, edited_functions, inventory_frame
from coordination.models import Assessment, UseCase
from coordination.settings import DEMO_PATH
from coordination.storage import Store


@pytest.fixture
def store(any_store):
    return any_store


@pytest.fixture
def demo(questionnaire):
    return read_assessment(DEMO_PATH, questionnaire)


def test_a_restored_assessment_reads_back_exactly(store, demo):
    ws = store.restore(demo)
    assert store.load(ws.key) == demo
    assert ws.name == demo.organization


def test_saving_the_same_answer_twice_keeps_one_answer(store):
    ws = store.create_workspace("Acme")
    key = store.add_use_case(ws.key, "Call notes")
    store.set_answer(ws.key, key, "Dana", "reach", 2)
    store.set_answer(ws.key, key, "Dana", "reach", 2)
    store.set_answer(ws.key, key, "Dana", "reach", 3)
    store.set_answer(ws.key, key, " Dana ", "ownership", None)
    saved = store.load(ws.key).use_case(key).responses
    assert len(saved) == 1
    assert saved[0].answers == {"reach": 3, "ownership": None}  # None: "don't know"


def test_every_write_raises_the_workspace_version(store):
    ws = store.create_workspace("Acme")
    versions = [store.version(ws.key)]
    key = store.add_use_case(ws.key, "Call notes")
    versions.append(store.version(ws.key))
    store.set_answer(ws.key, key, "Dana", "reach", 2)
    versions.append(store.version(ws.key))
    store.set_note(ws.key, key, "Dana", "reach", "the whole sales team")
    versions.append(store.version(ws.key))
    assert versions == sorted(set(versions))


def test_an_empty_note_removes_it(store):
    ws = store.create_workspace("Acme")
    key = store.add_use_case(ws.key, "Call notes")
    store.set_note(ws.key, key, "Dana", "learned", "a lot")
    store.set_note(ws.key, key, "Dana", "learned", "  ")
    assert store.response(ws.key, key, "Dana").notes == {}


@pytest.mark.parametrize("value", [4, -1, "2", 1.5, True])
def test_an_out_of_range_answer_is_refused(store, value):
    ws = store.create_workspace("Acme")
    key = store.add_use_case(ws.key, "Call notes")
    with pytest.raises(InvalidInput, match="0–3"):
        store.set_answer(ws.key, key, "Dana", "reach", value)
    assert store.response(ws.key, key, "Dana") is None


def test_names_must_be_present_and_unique(store):
    ws = store.create_workspace("Acme")
    with pytest.raises(InvalidInput, match="needs a name"):
        store.create_workspace("  ")
    with pytest.raises(InvalidInput, match="already exists"):
        store.create_workspace("ACME")
    store.add_use_case(ws.key, "Call notes")
    key = store.add_use_case(ws.key, "Lead scores")
    with pytest.raises(InvalidInput, match="already exists"):
        store.add_use_case(ws.key, "call notes")
    with pytest.raises(InvalidInput, match="already exists"):
        store.update_use_case(ws.key, key, name="Call Notes")
    store.update_use_case(ws.key, key, name="Lead scoring")
    assert store.load(ws.key).use_case(key).name == "Lead scoring"  # the key stays


def test_a_failed_restore_writes_nothing(store, demo):
    broken = Assessment(
        organization="Broken",
        use_cases=[UseCase(id="same", name="A"), UseCase(id="same", name="B")],
    )  # the file check skipped
    before = store.workspaces()
    with pytest.raises(CoordinationError, match="duplicate id"):
        store.restore(broken)
    assert store.workspaces() == before
    ws = store.restore(demo)
    with pytest.raises(CoordinationError):
        store.restore(broken, replace=ws.key)
    assert store.load(ws.key) == demo


def test_a_restore_never_takes_an_existing_name(store, demo):
    first, second = store.restore(demo), store.restore(demo)
    assert (first.name, second.name) == (demo.organization, f"{demo.organization} 2")
    assert first.key != second.key


def test_many_people_answering_at_once_lose_nothing(store):
    ws = store.create_workspace("Workshop")
    key = store.add_use_case(ws.key, "Call notes")
    questions = ["reach", "tool_standard", "workflow_defined", "ownership"]
    errors = []

    def participant(n: int) -> None:
        try:
            for i, q in enumerate(questions):
                store.set_answer(ws.key, key, f"person {n}", q, (n + i) % 4)
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=participant, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    responses = store.load(ws.key).use_case(key).responses
    assert len(responses) == 12
    assert all(len(r.answers) == 4 for r in responses)
    assert store.version(ws.key) >= 1 + 12 * 4


def test_a_snapshot_keeps_the_workspace_as_it_was(store, demo, questionnaire):
    ws = store.restore(demo)
    snapshot = store.take_snapshot(ws.key, "Before the workshop")
    store.set_answer(ws.key, "release-notes", "Zoë", "reach", 1)
    assert [s.label for s in store.snapshots(ws.key)] == ["Before the workshop"]
    frozen = decode_assessment(store.snapshot_payload(ws.key, snapshot), questionnaire)
    assert frozen.snapshot.label == "Before the workshop"
    assert msgspec.structs.replace(frozen, snapshot=None) == demo


def test_deleting_a_workspace_removes_its_answers(store, demo):
    ws = store.restore(demo)
    store.delete_workspace(ws.key)
    with pytest.raises(NotFound):
        store.load(ws.key)
    with store.engine.connect() as conn:
        assert conn.execute(text("select count(*) from answers")).scalar() == 0


def test_the_demo_is_seeded_once_only(store, demo):
    store.seed_demo_once(demo)
    store.delete_workspace(store.demo_workspace().key)
    store.seed_demo_once(demo)
    assert store.workspaces() == []


def test_a_database_from_a_newer_app_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    store = Store.from_url(url)
    with store.engine.begin() as conn:
        conn.execute(text("update alembic_version set version_num = '0099'"))
    with pytest.raises(StorageError, match="revision '0099'.*newer version"):
        Store.from_url(url)


def test_an_unreachable_database_is_a_clear_message_that_hides_the_password():
    with pytest.raises(StorageError, match="Cannot open the database"):
        Store.from_url("sqlite:////no/such/folder/x.db")
    with pytest.raises(StorageError) as caught:
        Store.from_url("postgresql+psycopg://ann:s3cret@127.0.0.1:1/db")
    assert "s3cret" not in str(caught.value) and "ann:***@127.0.0.1" in str(caught.value)
    with pytest.raises(StorageError, match="Cannot open the database"):
        Store.from_url("not a url")


def test_the_use_case_picker_lists_only_use_cases_in_use(store):
    ws = store.create_workspace("Acme")
    a = store.add_use_case(ws.key, "Call notes")
    b = store.add_use_case(ws.key, "Lead scores")
    store.update_use_case(ws.key, a, retired=True)
    assert store.use_cases(ws.key) == [(b, "Lead scores")]


def test_table_edits_save_good_rows_and_report_bad_ones(store):
    ws = store.create_workspace("Acme")
    store.add_use_case(ws.key, "Call notes", function="Sales")
    store.add_use_case(ws.key, "Lead scores", function="Sales")
    store.add_use_case(ws.key, "Churn alerts", function="Support")
    keys = [uc.id for uc in store.load(ws.key).use_cases]
    problems = apply_table_edits(
        store,
        ws.key,
        keys,
        {
            "edited_rows": {
                "0": {"Use case": "Lead scores"},
                "1": {"Retired": True, "Tool": "X"},
                "2": {"Use case": "  "},
                "3": {},
            }
        },
    )
    assert problems == [
        "A use case called 'Lead scores' already exists in this workspace.",
        "The use case needs a name.",
    ]
    frame = inventory_frame(store.load(ws.key))
    assert frame["Use case"].tolist() == ["Call notes", "Lead scores", "Churn alerts"]
    assert frame["Retired"].tolist() == [False, True, False]
    assert frame.loc[1, "Tool"] == "X"


def test_function_edits_rename_remove_and_add():
    delta = {
        "edited_rows": {"1": {"Function": "Revenue"}},
        "deleted_rows": [0],
        "added_rows": [{"Function": "Support"}, {}, {"Function": " "}],
    }
    assert edited_functions(["Marketing", "Sales", "Product"], delta) == [
        "Revenue",
        "Product",
        "Support",
    ]
