"""The Start and Inventory pages through AppTest: the ways in, the form, the pasted list, the
table's columns, and which workspace a page opens when the link names none."""

from __future__ import annotations

import json

import pytest

import app_pages.services
from coordination.inventory import apply_table_edits, objective_choices
from tests.app_helpers import plain, widget
from tests.app_helpers import texts as marked_texts

INVENTORY = "app_pages/owner/inventory.py"
CHOOSE = "Choose the workspace to work on, or create your own on Start."
NO_WORKSPACE = "Choose a workspace in the sidebar, or create one on Start."


def texts(at) -> str:
    """What a reader sees, without markdown's emphasis marks."""
    return marked_texts(at).replace("*", "")


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


# ── Start ──────────────────────────────────────────────────────────────────────────────────


def test_start_shows_the_ways_in_before_the_levels(owner):
    at = owner.open()
    headings = [plain(h.value) for h in at.subheader]
    assert headings == ["Where do you want to start?", "The five levels"]
    assert "through eight plain questions" in texts(at)


def test_start_counts_questions_and_levels_from_the_questionnaire(store, owner, monkeypatch):
    """A custom lens with other counts: the page says so, in words."""
    real = app_pages.services.open_services

    def lens():
        store, questionnaire = real()
        return store, questionnaire.model_copy(
            update={"questions": questionnaire.questions[:5], "levels": questionnaire.levels[:3]}
        )

    monkeypatch.setattr(app_pages.services, "open_services", lens)
    at = owner.open()
    assert not at.exception
    assert "through five plain questions" in texts(at)
    assert "The three levels" in [plain(h.value) for h in at.subheader]


# ── which workspace a page opens ───────────────────────────────────────────────────────────


def test_a_first_visit_chooses_no_workspace_not_even_the_demo(store, owner):
    start = owner.open()
    assert start.sidebar.selectbox[0].value is None
    assert CHOOSE in texts(start.sidebar)
    inventory = owner.open(INVENTORY)
    assert NO_WORKSPACE in texts(inventory)
    assert not inventory.dataframe and "Ashgrove" not in texts(inventory)
    assert "ws" not in inventory.query_params


def test_the_owners_only_own_workspace_opens_when_the_link_names_none(store, owner):
    acme = store.create_workspace("Acme")
    store.add_use_case(acme.key, "Call summaries")
    at = owner.open(INVENTORY)
    assert at.dataframe[0].value["Use case"].tolist() == ["Call summaries"]
    assert at.query_params["ws"] == acme.key
    assert at.sidebar.selectbox[0].value == acme.key


def test_with_several_own_workspaces_the_owner_chooses(store, owner):
    store.create_workspace("Acme")
    store.create_workspace("Beta")
    at = owner.open(INVENTORY)
    assert NO_WORKSPACE in texts(at) and not at.dataframe
    assert at.sidebar.selectbox[0].value is None and CHOOSE in texts(at.sidebar)


def test_the_demo_opens_when_the_link_names_it(store, owner, demo):
    at = owner.open(INVENTORY, ws=demo)
    assert "demo organization" in texts(at) and len(at.dataframe[0].value) > 0


# ── adding one use case ────────────────────────────────────────────────────────────────────


@pytest.fixture
def acme(store):
    return store.create_workspace("Acme", functions=["Sales", "Marketing", "Legal"])


def test_the_form_saves_the_other_functions_involved(store, owner, acme):
    at = owner.open(INVENTORY, ws=acme.key)
    widget(at, "text_input", "Use case").set_value("Offer drafts")
    widget(at, "selectbox", "Function").set_value("Sales")
    widget(at, "multiselect", "Also involved").set_value(["Legal", "Marketing"])
    button(at, "Add use case").click().run()
    assert not at.exception and not at.error
    [case] = store.load(acme.key).use_cases
    assert (case.name, case.function, case.involved) == (
        "Offer drafts",
        "Sales",
        ["Legal", "Marketing"],
    )


def test_the_form_takes_objectives_and_functions_of_ones_own(store, owner, acme):
    """AppTest cannot type a new option (the browser test does); the widgets accept them."""
    store.add_use_case(acme.key, "Offer drafts", objective="answer tenders faster")
    at = owner.open(INVENTORY, ws=acme.key)
    objective = widget(at, "selectbox", "Objective")
    assert objective.proto.accept_new_options and "answer tenders faster" in objective.options
    assert widget(at, "selectbox", "Function").proto.accept_new_options
    assert widget(at, "multiselect", "Also involved").proto.accept_new_options


def test_the_forms_objectives_come_from_the_questionnaire(owner, acme, questionnaire):
    at = owner.open(INVENTORY, ws=acme.key)
    assert widget(at, "selectbox", "Objective").options == list(questionnaire.objectives)


# ── the table ──────────────────────────────────────────────────────────────────────────────


def test_the_table_shows_name_function_objective_and_respondents_first(store, owner, demo):
    at = owner.open(INVENTORY, ws=demo)
    proto = at.dataframe[0].proto
    assert list(proto.column_order)[:4] == ["Use case", "Function", "Objective", "Respondents"]
    columns = json.loads(proto.columns)
    assert columns["Use case"]["pinned"] is True
    first_four = sum(columns[c]["width"] for c in list(proto.column_order)[:4])
    assert first_four <= 900  # the main column is about 950 px wide at 1440 px
    assert columns["Objective"]["type_config"]["type"] == "text"  # people type their own


def test_the_table_tells_how_edits_are_kept(owner, demo):
    shown = texts(owner.open(INVENTORY, ws=demo))
    assert "Enter, Tab, Escape or a click elsewhere keeps what you typed" in shown


def test_an_objective_typed_in_the_table_is_kept_and_known_ones_keep_their_spelling(
    store, acme, questionnaire
):
    first = store.add_use_case(acme.key, "Offer drafts")
    second = store.add_use_case(acme.key, "Lead scores")
    known = questionnaire.objectives[0]
    delta = {"edited_rows": {0: {"Objective": known.upper()}, 1: {"Objective": "win tenders"}}}
    assert apply_table_edits(store, acme.key, [first, second], delta, known_list := [known]) == []
    stored = store.load(acme.key)
    assert [uc.objective for uc in stored.use_cases] == [known, "win tenders"]
    assert objective_choices(known_list, stored) == [known, "win tenders"]


# ── a pasted list ──────────────────────────────────────────────────────────────────────────

FIVE = "Call summaries; sales; Gong\n\nRelease notes; Product\nLead scores\t\tHubSpot\n" + (
    "Offer drafts; Sales\nSupport replies  \n"
)


def paste(at, text: str):
    widget(at, "text_area", "Your list").set_value(text)
    button(at, "Preview").click().run()
    return at


def test_a_pasted_list_is_previewed_then_added_in_one_step(store, owner, acme):
    at = owner.open(INVENTORY, ws=acme.key)
    assert at.expander[0].label == "Paste a list" and at.expander[0].proto.expanded
    before = store.version(acme.key)
    paste(at, FIVE)
    preview = at.dataframe[0].value
    assert preview["Line"].tolist() == [1, 3, 4, 5, 6]
    assert store.load(acme.key).use_cases == []  # nothing yet: a preview
    button(at, "Add 5 use cases").click().run()
    assert not at.exception and not at.error
    stored = store.load(acme.key).use_cases
    assert [(uc.name, uc.function, uc.tool) for uc in stored] == [
        ("Call summaries", "Sales", "Gong"),  # filed under the known spelling
        ("Release notes", "Product", None),
        ("Lead scores", None, "HubSpot"),
        ("Offer drafts", "Sales", None),
        ("Support replies", None, None),
    ]
    assert store.version(acme.key) == before + 1  # one transaction
    assert widget(at, "text_area", "Your list").value == ""
    assert at.subheader[0].value == "AI use cases (5)"


def test_a_pasted_list_with_bad_lines_names_them_and_adds_nothing(store, owner, acme):
    store.add_use_case(acme.key, "Release notes")
    at = owner.open(INVENTORY, ws=acme.key)
    paste(at, "Call summaries\nrelease NOTES\n" + "x" * 201 + "\nCall summaries")
    shown = texts(at)
    assert "Line 2: A use case called 'release NOTES' already exists" in shown
    assert "Line 3: The use case name is too long (201 characters, at most 200)." in shown
    assert "Line 4: 'Call summaries' is already on line 1." in shown
    assert button(at, "Add 1 use case").disabled
    assert [uc.name for uc in store.load(acme.key).use_cases] == ["Release notes"]


def test_a_pasted_list_refused_by_the_store_shows_why(store, owner, acme):
    at = owner.open(INVENTORY, ws=acme.key)
    paste(at, "Call summaries\nRelease notes")
    store.add_use_case(acme.key, "Release notes")  # someone else, in another tab
    button(at, "Add 2 use cases").click().run()
    assert "Use case 2 of 2: A use case called 'Release notes' already exists" in texts(at)
    assert [uc.name for uc in store.load(acme.key).use_cases] == ["Release notes"]


def test_a_list_changed_in_the_same_click_as_add_is_previewed_again_not_added(store, owner, acme):
    """Typing and clicking *Add* without leaving the box sends both at once: the button still
    carries the old preview, so the new list is shown first instead of adding the old one."""
    at = owner.open(INVENTORY, ws=acme.key)
    paste(at, "Call summaries\nRelease notes")
    widget(at, "text_area", "Your list").set_value("Call summaries\nRelease notes\nLead scores")
    button(at, "Add 2 use cases").click().run()
    assert "The list changed: check the new preview, then add." in texts(at)
    assert store.load(acme.key).use_cases == []
    button(at, "Add 3 use cases").click().run()
    assert len(store.load(acme.key).use_cases) == 3
