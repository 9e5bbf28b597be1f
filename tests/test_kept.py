"""Answers kept while the database is down: the queue's rules, without a database or a page."""

from __future__ import annotations

import pytest

from coordination import kept
from coordination.errors import InvalidInput, Unavailable
from coordination.kept import Kept

REACH = Kept("ann|calls", "reach", 2, "Reach: 2 · One approved tool")
OWNERSHIP = Kept("ann|calls", "ownership", 1, "Ownership: 1 · Someone")
REACH_LATER = Kept("ann|calls", "reach", 3, "Reach: 3 · Everyone")
BENS_REACH = Kept("ben|calls", "reach", 0, "Reach: 0 · Nobody")


def queue(*answers: Kept) -> kept.Queue:
    q: kept.Queue = ()
    for a in answers:
        q = kept.keep(q, a)
    return q


def test_answers_are_kept_in_the_order_they_were_given():
    assert queue(REACH, OWNERSHIP, BENS_REACH) == (REACH, OWNERSHIP, BENS_REACH)


def test_a_later_answer_to_the_same_question_replaces_the_kept_one_and_goes_last():
    assert queue(REACH, OWNERSHIP, REACH_LATER) == (OWNERSHIP, REACH_LATER)


def test_the_same_question_for_another_person_is_kept_apart():
    assert queue(REACH, BENS_REACH) == (REACH, BENS_REACH)
    assert kept.pending(queue(REACH, BENS_REACH), "ann|calls") == {"reach": 2}
    assert kept.pending(queue(REACH, BENS_REACH), "ben|calls") == {"reach": 0}
    assert kept.pending((), "ann|calls") == {}


def test_forgetting_one_question_leaves_the_others_waiting():
    assert kept.forget(queue(REACH, OWNERSHIP, BENS_REACH), "ann|calls", "reach") == (
        OWNERSHIP,
        BENS_REACH,
    )


def test_saving_writes_first_to_last_and_stops_where_the_database_is_still_down():
    written = []

    def write(answer):
        if answer is BENS_REACH:
            raise Unavailable("The database cannot be reached right now.")
        written.append(answer)

    done = kept.save_in_order(queue(REACH, OWNERSHIP, BENS_REACH, REACH_LATER), write)
    # REACH was replaced by REACH_LATER, which waits behind Ben's answer: never before it
    assert written == [OWNERSHIP]
    assert done.saved == (OWNERSHIP,) and done.left == (BENS_REACH, REACH_LATER)
    assert done.refused == ()


def test_an_answer_refused_for_good_is_dropped_with_its_reason_and_the_rest_saved():
    written = []

    def write(answer):
        if answer is REACH:
            raise InvalidInput("This workshop is closed.")
        written.append(answer)

    done = kept.save_in_order(queue(REACH, OWNERSHIP), write)
    assert written == [OWNERSHIP] and done.left == ()
    assert done.refused == ((REACH, "This workshop is closed."),)


def test_a_programming_error_is_not_swallowed():
    def write(answer):
        raise KeyError(answer.place)

    with pytest.raises(KeyError):
        kept.save_in_order(queue(REACH), write)


def test_the_page_says_what_waits_and_that_a_reload_would_lose_it():
    assert kept.waiting(()) is None
    one = kept.waiting(queue(REACH))
    assert one.startswith("Not saved yet: Your answer (Reach: 2 · One approved tool) is kept")
    assert "reloading it now would lose" in one
    two = kept.waiting(queue(REACH, OWNERSHIP))
    assert "Your 2 answers (Reach: 2 · One approved tool; Ownership: 1 · Someone) are" in two


def test_the_page_says_what_was_saved_once_the_database_is_back():
    assert kept.saved((REACH,)) == (
        "The database is back: your answer (Reach: 2 · One approved tool) is saved now."
    )
    assert "your 2 waiting answers" in kept.saved((REACH, OWNERSHIP))


def test_a_refusal_is_said_to_the_answer_it_was_for_not_to_a_later_one():
    from coordination.kept import Saved, refusal_of

    early, late = Kept("p", "reach", 1, "Reach: 1"), Kept("p", "handoff", 2, "Hand-off: 2")
    done = Saved(saved=(late,), refused=((early, "The workshop is closed."),))
    assert refusal_of(early, done) == "The workshop is closed."
    assert refusal_of(late, done) is None
