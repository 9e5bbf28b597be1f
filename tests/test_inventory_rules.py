"""The inventory's rules without a page (`coordination.inventory`): a use case added in the
form files its function, the functions it involves and its objective under their known
spellings, so a typed "sales" is not a second function."""

from __future__ import annotations

from coordination.inventory import new_use_case


def test_a_new_use_case_takes_the_known_spelling_of_what_was_typed():
    fields = new_use_case(
        ["Sales", "Legal"],
        ["Reduce repetitive work"],
        function=" sales ",
        involved=["LEGAL", "Procurement"],
        objective="reduce repetitive work",
        tool="Gong",
    )
    assert fields == {
        "function": "Sales",
        "involved": ["Legal", "Procurement"],  # a new one kept as typed
        "objective": "Reduce repetitive work",
        "tool": "Gong",
    }


def test_a_new_use_case_may_leave_function_and_objective_empty():
    fields = new_use_case([], [], function=None, involved=[], objective=None, tool="")
    assert fields == {"function": None, "involved": [], "objective": None, "tool": ""}
