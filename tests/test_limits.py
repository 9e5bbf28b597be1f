"""Limits named, on both databases alike: every refused value gets a sentence naming the field,
and nothing is stored (PostgreSQL used to answer with a raw error, SQLite to store anything)."""

from __future__ import annotations

import pytest

from coordination.errors import InvalidInput
from coordination.names import clean_name

LONG = "x" * 201
ZERO_WIDTH = "\u200b\u200c\u200d\ufeff\u2060"


@pytest.fixture
def store(any_store):
    return any_store


@pytest.fixture
def ws(store):
    return store.create_workspace("Acme")


@pytest.fixture
def uc(store, ws):
    return store.add_use_case(ws.key, "Call notes")


WRITES = {
    "workspace name": lambda s, ws, uc, v: s.create_workspace(v),
    "workspace rename": lambda s, ws, uc, v: s.rename_workspace(ws.key, v),
    "use case name": lambda s, ws, uc, v: s.add_use_case(ws.key, v),
    "use case rename": lambda s, ws, uc, v: s.update_use_case(ws.key, uc, name=v),
    "function": lambda s, ws, uc, v: s.add_use_case(ws.key, "Other", function=v),
    "tool": lambda s, ws, uc, v: s.update_use_case(ws.key, uc, tool=v),
    "objective": lambda s, ws, uc, v: s.update_use_case(ws.key, uc, objective=v),
    "functions list": lambda s, ws, uc, v: s.set_functions(ws.key, ["Sales", v]),
    "involved": lambda s, ws, uc, v: s.update_use_case(ws.key, uc, involved=[v]),
    "respondent": lambda s, ws, uc, v: s.set_answer(ws.key, uc, v, "reach", 1),
    "snapshot label": lambda s, ws, uc, v: s.take_snapshot(ws.key, v),
}
EXPECTED = {  # the field each write's message names
    "workspace name": "workspace name",
    "workspace rename": "workspace name",
    "use case name": "use case name",
    "use case rename": "use case name",
    "function": "function",
    "tool": "tool",
    "objective": "objective",
    "functions list": "function",
    "involved": "function",
    "respondent": "respondent name",
    "snapshot label": "snapshot name",
}


def stored(store, ws_key):
    return store.load(ws_key), [s.label for s in store.snapshots(ws_key)], store.workspaces()


@pytest.mark.parametrize("write", WRITES)
def test_a_value_over_its_limit_is_refused_with_the_field_named(store, ws, uc, write):
    before = stored(store, ws.key)
    with pytest.raises(InvalidInput, match=f"The {EXPECTED[write]} is too long \\(201"):
        WRITES[write](store, ws, uc, LONG)
    assert stored(store, ws.key) == before


@pytest.mark.parametrize("write", WRITES)
def test_a_nul_character_is_refused_with_the_field_named(store, ws, uc, write):
    before = stored(store, ws.key)
    with pytest.raises(InvalidInput, match=f"The {EXPECTED[write]} contains a control"):
        WRITES[write](store, ws, uc, "Sa\x00les")
    assert stored(store, ws.key) == before


def test_notes_have_a_limit_and_refuse_nul(store, ws, uc):
    with pytest.raises(InvalidInput, match="The note is too long \\(4001"):
        store.set_note(ws.key, uc, "Dana", "reach", "x" * 4001)
    with pytest.raises(InvalidInput, match="The note contains a control character"):
        store.set_note(ws.key, uc, "Dana", "reach", "a\x00b")
    store.set_note(ws.key, uc, "Dana", "reach", "line one\nline two\ttabbed")
    assert store.response(ws.key, uc, "Dana").notes == {"reach": "line one\nline two\ttabbed"}


@pytest.mark.parametrize("name", ["", "   ", ZERO_WIDTH, f" {ZERO_WIDTH} ", "\u202e\u202c"])
def test_a_name_with_nothing_visible_is_refused(store, name):
    with pytest.raises(InvalidInput, match="The workspace needs a name"):
        store.create_workspace(name)


def test_right_to_left_overrides_are_removed_from_names(store):
    ws = store.create_workspace("Acme \u202egnp.exe\u202c")
    assert ws.name == "Acme gnp.exe"
    assert clean_name("\u2066Sales\u2069 team", "function") == "Sales team"


def test_a_line_break_in_a_name_is_refused(store):
    with pytest.raises(InvalidInput, match="must fit on one line"):
        store.create_workspace("Acme\nGmbH")


@pytest.mark.parametrize("question", ["made_up", "q" * 60, "reach; drop table answers"])
def test_an_unknown_question_id_is_refused_and_the_backup_still_restores(store, ws, uc, question):
    with pytest.raises(InvalidInput, match="There is no question"):
        store.set_answer(ws.key, uc, "Dana", question, 1)
    with pytest.raises(InvalidInput, match="There is no question"):
        store.set_note(ws.key, uc, "Dana", question, "text")
    store.set_answer(ws.key, uc, "Dana", "reach", 1)
    backup = store.load(ws.key)
    assert store.restore(backup).name == "Acme 2"  # the backup of what was stored restores


def test_two_hundred_characters_are_fine_everywhere(store, ws, uc):
    name = "é" * 200
    store.update_use_case(ws.key, uc, name=name, tool=name, objective=name, function=name)
    store.set_answer(ws.key, uc, name, "reach", 1)
    case = store.load(ws.key).use_case(uc)
    assert (case.name, case.tool, case.responses[0].respondent) == (name, name, name)
