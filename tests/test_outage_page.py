"""The pages while the database is down, through AppTest: an answer given then is kept, shown
as not saved yet, and saved once the database is back; live parts say that they wait.

The outage is played at the database's edge (every read and write raises Unavailable, as
Database does when PostgreSQL is stopped), so identity checks fail too, as in a real one."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from streamlit.testing.v1 import AppTest

from coordination.errors import Unavailable
from coordination.storage.database import UNAVAILABLE, Database
from coordination.workshop.settings import checked_setup
from tests.app_helpers import Browser, answer, answer_buttons, texts


class Outage:
    """Switch the database off and on for every store in this process."""

    def __init__(self, monkeypatch) -> None:
        self.down = False
        real_read, real_write, real_reachable = Database.read, Database.write, Database.reachable
        outage = self

        @contextmanager
        def read(db):
            if outage.down:
                raise Unavailable(UNAVAILABLE["read"])
            with real_read(db) as conn:
                yield conn

        def write(db, work):
            if outage.down:
                raise Unavailable(UNAVAILABLE["write"])
            return real_write(db, work)

        monkeypatch.setattr(Database, "read", read)
        monkeypatch.setattr(Database, "write", write)
        monkeypatch.setattr(
            Database, "reachable", lambda db: not outage.down and real_reachable(db)
        )


@pytest.fixture
def outage(monkeypatch):
    return Outage(monkeypatch)


@pytest.fixture
def participant(store, demo, monkeypatch):
    workshop = store.workshops.create(demo, checked_setup(use_cases=("spec-sheets",)))
    store.workshops.set_phase(demo, workshop.key, "spec-sheets", "voting")
    token = store.join(store.invitation_token(workshop.invitation))
    return Browser(monkeypatch).as_participant(token), store.identify(None, token)


def test_an_answer_given_during_an_outage_is_shown_as_not_saved_then_saved_when_it_is_back(
    store, participant, outage
):
    browser, me = participant
    at = browser.open()
    outage.down = True
    answer(at, 2)
    assert not at.exception
    shown = texts(at)
    assert "cannot be reached" in shown
    assert "Not saved yet: Your answer (Who uses it: 2 · " in shown
    assert "reloading it now would lose" in shown and "comes back by itself" in shown
    outage.down = False
    assert store.participant_response(me, "spec-sheets") is None  # nothing reached it yet
    at.run()  # the next run (the live part's, every second) finds the database back
    assert store.participant_response(me, "spec-sheets").answers == {"reach": 2}
    shown = texts(at)
    assert "The database is back: your answer (Who uses it: 2 · " in shown and "saved now" in shown
    assert "Not saved yet" not in shown and "cannot be reached" not in shown


def test_a_change_of_mind_during_an_outage_replaces_the_kept_answer_and_the_last_one_is_saved(
    store, participant, outage, monkeypatch
):
    """While only writes fail (a locked or read-only SQLite file), the page stays up on its
    question: two answers to it are kept as one, and once back the later one is saved."""
    browser, me = participant
    at = browser.open()
    real_write = Database.write

    def refused(db, work):
        raise Unavailable(UNAVAILABLE["write"])

    monkeypatch.setattr(Database, "write", refused)
    answer(at, 1)
    answer(at, 3)  # the page stayed on its question: a change of mind replaces the kept answer
    assert "Not saved yet" in texts(at)
    assert any("your answer, not saved yet" in b.label for b in answer_buttons(at).values())
    monkeypatch.setattr(Database, "write", real_write)
    at.run()
    assert store.participant_response(me, "spec-sheets").answers == {"reach": 3}
    assert "Not saved yet" not in texts(at)


def test_a_live_part_says_once_that_it_waits_for_the_database_instead_of_an_error_box():
    def script():
        from app_pages.errors import live_part
        from coordination.errors import Unavailable

        @live_part(1)
        def live():
            raise Unavailable("The database cannot be reached right now.")

        live()

    at = AppTest.from_function(script).run()
    assert not at.exception
    assert [i.value for i in at.info] == [
        "Waiting for the database: this part comes back by itself once it is reachable."
    ]
