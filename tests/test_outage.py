"""PostgreSQL going away and coming back, on a server of this module's own that it stops and
starts: people see a sentence without the password, and the running app recovers by itself."""

from __future__ import annotations

import threading
import time

import pytest

from coordination import kept
from coordination.errors import StorageError, Unavailable
from coordination.kept import Kept
from coordination.services import open_when_reachable
from coordination.settings import Settings
from coordination.storage import Store
from tests.conftest import IN_CI
from tests.postgres import postgres_bin, postgres_cluster

pytestmark = pytest.mark.postgres

PASSWORD = "s3cret-Pw"  # the server trusts local connections, so any password is accepted


@pytest.fixture(scope="module")
def server():
    if postgres_bin() is None:
        if IN_CI:
            pytest.fail("PostgreSQL is required in CI (apt-get install postgresql)")
        pytest.skip("PostgreSQL is not installed")
    with postgres_cluster() as server:
        yield server


@pytest.fixture
def store(server):
    store = Store.from_url(server.url.replace("postgres@", f"postgres:{PASSWORD}@"))
    yield store
    store.engine.dispose()
    if not server.is_running():  # a test that failed while the server was down
        server.start()


def assert_a_sentence(message: str, *secrets: str) -> None:
    assert message.strip() and "\n" not in message, message
    assert "Traceback" not in message and "sqlalche.me" not in message, message
    assert "(psycopg." not in message and "OperationalError" not in message, message
    for secret in secrets:
        assert secret not in message, message


def test_while_the_database_is_down_writes_and_reads_are_sentences_then_the_same_store_recovers(
    server, store
):
    ws = store.create_workspace("Down for a while")
    key = store.add_use_case(ws.key, "Call notes")
    store.set_answer(ws.key, key, "Dana", "reach", 2)

    server.stop()
    with pytest.raises(Unavailable) as write:
        store.set_answer(ws.key, key, "Dana", "ownership", 1)
    assert_a_sentence(str(write.value), PASSWORD)
    assert "nothing was saved" in str(write.value)
    with pytest.raises(StorageError) as read:
        store.load(ws.key)
    assert_a_sentence(str(read.value), PASSWORD)

    server.start()  # same port, same data; the app is not restarted
    store.set_answer(ws.key, key, "Dana", "ownership", 3)
    assert store.response(ws.key, key, "Dana").answers == {"reach": 2, "ownership": 3}


def test_after_a_restart_nobody_saw_the_first_read_and_write_just_work(server, store):
    ws = store.create_workspace("Restarted unseen")
    key = store.add_use_case(ws.key, "Call notes")
    store.set_answer(ws.key, key, "Dana", "reach", 2)

    server.stop()  # the pooled connections die while nobody uses the app
    server.start()
    # A read is not retried: it works only because a dead pooled connection is replaced first.
    assert store.response(ws.key, key, "Dana").answers == {"reach": 2}
    store.set_answer(ws.key, key, "Dana", "ownership", 3)
    assert store.response(ws.key, key, "Dana").answers == {"reach": 2, "ownership": 3}


@pytest.mark.parametrize(
    ("url", "secrets"),
    [
        ("postgresql+psycopg://u:p%40ss@127.0.0.1:1/db", ["p@ss", "p%40ss"]),
        ("postgresql+psycopg://u:p@ss@127.0.0.1:1/db", ["p@ss", "ss@"]),
        ("postgresql+psycopg://u:hunter2@home@127.0.0.1:1/db", ["hunter2", "home"]),
        ("postgresql+psycopg://u@127.0.0.1:1/db?password=s3cret", ["s3cret"]),
        ("postgresql+psycopg://u:s3cret@127.0.0.1:1/db?sslmode=disable", ["s3cret"]),
        ("postgresql+psycopg://u:s3cret@127.0.0.1:1/db?password=0ther", ["s3cret", "0ther"]),
    ],
    ids=["encoded", "unencoded", "unencoded-long", "query", "with-query", "both"],
)
def test_a_database_that_cannot_be_opened_never_shows_its_password(url, secrets):
    with pytest.raises(StorageError) as caught:
        Store.from_url(url)
    message = str(caught.value)
    assert message.startswith("Cannot open the database postgresql+psycopg://u"), message
    assert_a_sentence(message, *secrets)


def test_an_answer_kept_during_the_outage_is_saved_once_the_server_is_back(server, store):
    ws = store.create_workspace("Kept through the outage")
    key = store.add_use_case(ws.key, "Call notes")
    assert store.reachable()

    server.stop()
    assert not store.reachable()
    given = kept.keep((), Kept("dana", "reach", 2, "Reach: 2"))
    given = kept.keep(given, Kept("dana", "ownership", 1, "Ownership: 1"))

    def write(answer: Kept) -> None:
        store.set_answer(ws.key, key, "Dana", answer.question, answer.value)

    still = kept.save_in_order(given, write)
    assert still.saved == () and still.left == given  # nothing written, everything kept

    server.start()
    started = time.monotonic()
    done = kept.save_in_order(still.left, write)
    took = time.monotonic() - started
    assert done.left == () and done.saved == given
    assert store.response(ws.key, key, "Dana").answers == {"reach": 2, "ownership": 1}
    assert took < 2, f"saving the kept answers took {took:.2f} s after the server was back"
    print(f"kept answers saved {took * 1000:.0f} ms after PostgreSQL was back")


def test_a_server_started_while_the_database_is_down_waits_and_opens_it_once_it_is_back(
    server, tmp_path, monkeypatch
):
    """At start-up the app does not give up: it says it waits, tries again in the background
    and opens the store (printing the sign-in link) once PostgreSQL answers."""
    monkeypatch.setenv("COORDINATION_KEY_FILE", str(tmp_path / "owner-key"))
    monkeypatch.delenv("COORDINATION_OWNER_KEY", raising=False)
    monkeypatch.setenv("COORDINATION_DB_URL", server.url)
    settings = Settings.from_env()
    server.stop()
    said, opened = [], threading.Event()
    thread = open_when_reachable(
        settings, lambda store: opened.set(), lambda e: said.append(str(e)), every=0.2
    )
    assert thread is not None and thread.is_alive() and not opened.is_set()
    assert said and said[0].startswith("Cannot open the database postgresql+psycopg://")
    time.sleep(1)
    assert not opened.is_set()  # still waiting, still running

    server.start()
    back = time.monotonic()
    assert opened.wait(10), "the store did not open after the database came back"
    took = time.monotonic() - back
    assert took < 2, f"opening took {took:.2f} s after the database was back"
    print(f"start-up opened the store {took * 1000:.0f} ms after PostgreSQL was back")
