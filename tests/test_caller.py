"""Owner-only methods check the owner inside the core (issue 12): the store a page gets is bound
to the identity its cookies proved, and refuses the owner's methods to anyone else."""

from __future__ import annotations

import pytest

from coordination.access import Owner, Visitor
from coordination.errors import Forbidden
from coordination.storage.caller import Caller


@pytest.fixture
def invited(any_store):
    ws = any_store.create_workspace("Acme")
    uc = any_store.add_use_case(ws.key, "Calls")
    invite = any_store.invitation(ws.key, [uc])
    me, other = (any_store.identify(None, any_store.join(invite)) for _ in range(2))
    return any_store, ws.key, uc, me, other


@pytest.mark.parametrize(
    "call",
    [
        lambda s, ws, uc: s.create_workspace("Mine now"),
        lambda s, ws, uc: s.load(ws),
        lambda s, ws, uc: s.view(ws),
        lambda s, ws, uc: s.backup(ws),
        lambda s, ws, uc: s.set_answer(ws, uc, "Dana", "reach", 2),
        lambda s, ws, uc: s.delete_workspace(ws),
        lambda s, ws, uc: s.workshops,
        lambda s, ws, uc: s.invitation(ws, [uc]),
        lambda s, ws, uc: s.workspaces(),
        lambda s, ws, uc: s.owner_key(),
    ],
)
def test_a_participant_or_a_visitor_is_refused_every_owner_method(invited, call):
    store, ws, uc, me, _ = invited
    for who in (me, Visitor()):
        with pytest.raises(Forbidden, match="Only the owner"):
            call(Caller(store, who), ws, uc)
    call(Caller(store, Owner(sign_in="x")), ws, uc)  # the owner may


def test_a_participant_writes_and_reads_only_as_themselves(invited):
    store, ws, uc, me, other = invited
    mine = Caller(store, me)
    mine.participant_answer(me, uc, "reach", 2)
    assert mine.participant_response(me, uc).answers == {"reach": 2}
    with pytest.raises(Forbidden, match="not yours"):
        mine.participant_answer(other, uc, "reach", 0)
    with pytest.raises(Forbidden, match="not yours"):
        mine.participant_response(other, uc)
    assert store.participant_response(other, uc) is None
