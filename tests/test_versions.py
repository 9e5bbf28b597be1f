"""Every write raises the workspace's version: the app's map and backups are cached on it, so a
write that forgot would leave a stale map or a backup with the old name."""

from __future__ import annotations

import pytest

WRITES = {
    "rename_workspace": lambda s, ws, uc: s.rename_workspace(ws, "Renamed Ltd"),
    "set_functions": lambda s, ws, uc: s.set_functions(ws, ["Sales", "Legal"]),
    "add_use_case": lambda s, ws, uc: s.add_use_case(ws, "Another one"),
    "update_use_case": lambda s, ws, uc: s.update_use_case(ws, uc, retired=True),
    "set_answer": lambda s, ws, uc: s.set_answer(ws, uc, "Ann", "reach", 2),
    "set_note": lambda s, ws, uc: s.set_note(ws, uc, "Ann", "reach", "Most of the team"),
}
SEEN = {
    "rename_workspace": lambda a: a.organization == "Renamed Ltd",
    "set_functions": lambda a: a.functions == ["Sales", "Legal"],
    "add_use_case": lambda a: len(a.use_cases) == 2,
    "update_use_case": lambda a: a.use_cases[0].retired,
    "set_answer": lambda a: a.use_cases[0].responses[0].answers == {"reach": 2},
    "set_note": lambda a: a.use_cases[0].responses[0].notes == {"reach": "Most of the team"},
}


@pytest.mark.parametrize("write", WRITES)
def test_each_write_raises_the_version_and_shows_in_the_next_load(store, write):
    ws = store.create_workspace("Versioned GmbH", ["Sales"])
    uc = store.add_use_case(ws.key, "Call notes", function="Sales")
    before = store.version(ws.key)
    WRITES[write](store, ws.key, uc)
    assert store.version(ws.key) > before
    assert SEEN[write](store.load(ws.key))
