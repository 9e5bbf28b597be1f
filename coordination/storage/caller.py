"""The store as one caller may use it: the owner checks, inside the core.

Pages are chosen per role (`st.navigation`), so a participant never runs an owner page; this is
the second wall behind that one. The app hands every page `Caller(store, who)` for the identity
its cookies prove, and only the owner may call anything beyond a participant's own methods: a
participant's page that called `restore` or `workshops.close` by mistake is refused here, not
trusted to the router. A participant's own methods take that same participant, never another.
The CLI, tests and tools use the `Store` itself: a local process is the owner.
"""

from __future__ import annotations

from typing import Any

from coordination.access import Identity, Owner, Participant, require_owner
from coordination.errors import Forbidden

# What anyone but the owner may call; everything else on the store is the owner's.
PARTICIPANT_METHODS = frozenset(
    {
        "participant_answer",
        "participant_note",
        "participant_response",
        "participant_use_cases",
        "set_display_name",
    }
)
ANYONE = frozenset({"questionnaire", "identify", "reachable"})


class Caller:
    def __init__(self, store, who: Identity) -> None:
        self._store = store
        self.who = who

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._store, name)
        if name in ANYONE or isinstance(self.who, Owner):
            return found
        if name in PARTICIPANT_METHODS and isinstance(self.who, Participant):
            return self._as_themselves(found)
        require_owner(self.who)
        return found  # not reached: require_owner raised

    def _as_themselves(self, method):
        me = self.who

        def call(who, *args, **kwargs):
            if not isinstance(who, Participant) or who.id != me.id:
                raise Forbidden("These answers are not yours to change.")
            return method(who, *args, **kwargs)

        return call
