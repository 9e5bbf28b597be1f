"""Every page through Streamlit's AppTest: it renders, and it does what a person asks of it."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from coordination.method.questionnaire import DEFAULT_PATH as DEFAULT_QUESTIONNAIRE
from coordination.method.questionnaire import load_questionnaire
from coordination.report.orgmap import OrgMap
from coordination.settings import DEMO_PATH
from tests.app_helpers import Browser, answer, chosen, map_rows, plain, texts, widget

PAGES = ["start", "inventory", "trace", "result", "map", "plan", "data"]


@pytest.fixture
def open_page(owner):
    """Open an owner page, signed in as the owner."""

    def open_(page: str = "start", **params) -> AppTest:
        return owner.open(None if page == "start" else f"app_pages/owner/{page}.py", **params)

    return open_


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_with_the_demo_on_a_fresh_database(db_url, page, open_page, demo):
    at = open_page(page, ws=demo)
    assert not at.exception
    assert not at.error


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_when_there_is_no_workspace_at_all(store, page, open_page, demo):
    store.delete_workspace(demo)
    at = open_page(page)
    assert not at.exception
    if page not in ("start", "data"):
        assert "Create a workspace or open the demo first." in texts(at)


def test_the_demo_is_there_from_the_first_start_labelled_and_not_chosen(db_url, open_page):
    at = open_page("start")
    picker = at.sidebar.selectbox[0]
    assert [label.endswith("demo") for label in picker.options] == [True]
    assert picker.value is None  # a first-time owner must not take the demo's data for theirs


def test_start_creates_a_workspace_and_refuses_empty_or_duplicate_names(store, open_page):
    at = open_page("start")
    at.text_input[0].set_value("   ")
    at.button[0].click().run()
    assert "The workspace needs a name." in texts(at)
    at.text_input[0].set_value("Ashgrove Industrial Supply")
    at.button[0].click().run()
    assert "already exists" in texts(at)
    at.text_input[0].set_value("Acme <b>GmbH</b>")
    at.button[0].click().run()
    assert not at.exception
    assert [ws.name for ws in store.workspaces() if not ws.is_demo] == ["Acme <b>GmbH</b>"]
    assert at.query_params["ws"] == store.workspaces()[0].key


def answer_all(at: AppTest, answers: list[int | None]) -> AppTest:
    """Answer the questions in order: each answer moves on to the next question by itself."""
    for value in answers:
        answer(at, value)
        assert not at.exception
    return at


def test_tracing_a_use_case_saves_every_answer_and_the_result_matches_the_core(store, open_page):
    ws = store.create_workspace("Acme")
    key = store.add_use_case(ws.key, "Weekly pipeline summary", function="Sales")
    at = open_page("trace", ws=ws.key, uc=key)
    at.text_input(key="respondent").set_value("Dana").run()
    assert at.query_params["r"] == "Dana"
    answer_all(at, [2, 3, 2, 1, None, 0, 1, 2])
    assert "Open questions" in texts(at)
    at.text_area[0].set_value("In the CRM, after each call").run()
    saved = store.response(ws.key, key, "Dana")
    assert saved.answers == {
        "reach": 2,
        "tool_standard": 3,
        "workflow_defined": 2,
        "ownership": 1,
        "review_criteria": None,
        "handoff": 0,
        "feedback_loop": 1,
        "decision_impact": 2,
    }
    assert saved.notes == {"entry_point": "In the CRM, after each call"}

    next(b for b in at.button if b.label == "See the result").click().run()
    expected = OrgMap(store.load(ws.key), load_questionnaire()).results[key]
    assert expected.level == 2
    assert plain(at.header[0].value) == "Level 2 · Tool standardization"
    assert any("Risk at level 5" in e.value for e in at.error)


def test_a_new_session_finds_every_answer_where_it_was_left(store, open_page, demo):
    """What a browser refresh or a restarted server does: a new session, the same URL."""
    at = open_page("trace", ws=demo, uc="release-notes", r="Zoë", step="1")
    answer_all(at, [3, 2])
    at.text_area[0].set_value("We use the approved assistant").run()
    assert at.query_params["step"] == "3"

    again = open_page("trace", **at.query_params)
    assert "Answering as Zoë" in texts(again).replace("*", "")
    assert "Question 3 of 8" in texts(again)
    assert again.get("button_group")[0].label.startswith("2 of 8 questions answered")
    assert again.text_area[0].value == "We use the approved assistant"
    next(b for b in again.button if b.label == "← Back").click().run()
    assert chosen(again) == 2


def test_the_result_page_shows_the_cores_level_for_every_demo_use_case(store, open_page, demo):
    org = OrgMap(store.load(demo), load_questionnaire())
    for result in org.results.values():
        at = open_page("result", ws=demo, uc=result.id)
        header = plain(at.header[0].value)
        if result.level is None:
            assert header == "Not traced yet"
        elif result.provisional:
            assert header == f"Level {result.level} · {result.level_name} · provisional"
        else:
            assert header == f"Level {result.level} · {result.level_name}"


def test_user_text_on_the_result_page_is_shown_literally(store, open_page, demo):
    at = open_page("result", ws=demo, uc="linkedin-posts")
    notes = at.dataframe[-1].value
    assert (
        notes["Note"]
        .str.contains("<b>bold</b> tags & a [link](http://example.com)", regex=False)
        .any()
    )


def test_the_map_filters_by_function_and_lists_use_cases(store, open_page, demo):
    at = open_page("map", ws=demo)
    assert "traced use cases are stuck before Workflow integration" in texts(at)
    at.multiselect[0].set_value(["Sales"]).run()
    table = map_rows(at)
    # The five Sales owns ("Sales (also Product)") and the three it is also involved in
    # ("Leadership (also Sales)"): every use case Sales is part of, as its column says
    assert all("Sales" in f for f in table["Function"]) and len(table) == 8
    assert sum(f.startswith("Sales") for f in table["Function"]) == 5
    # The first view is Streamlit's own Vega-Lite: a new tab shows it without plotly's 4.7 MB
    # of JavaScript. The other charts are plotly's.
    assert len(at.get("vega_lite_chart")) == 1 and not at.get("plotly_chart")
    at.get("button_group")[0].set_value("functions").run()
    assert at.query_params["view"] == "functions"
    assert "Use cases per function and level" in texts(at)
    assert len(at.get("plotly_chart")) == 1 and not at.get("vega_lite_chart")


def test_a_bad_backup_is_refused_and_nothing_is_written(store, open_page, demo):
    before = (store.workspaces(), store.load(demo))
    bad = json.loads(DEMO_PATH.read_text(encoding="utf-8"))
    bad["use_cases"][2]["responses"][0]["answers"]["handoff"] = 7
    at = open_page("data", ws=demo)
    at.file_uploader(key="backup_file").set_value(
        ("backup.json", json.dumps(bad).encode(), "application/json")
    )
    at.run()
    at.radio[0].set_value("replace").run()
    at.checkbox(key="confirm_replace").check().run()
    next(b for b in at.button if b.label == "Restore").click().run()
    assert "nothing was restored" in texts(at)
    assert "answers.handoff: must be 0–3 or null, got 7" in texts(at)
    assert (store.workspaces(), store.load(demo)) == before


def test_a_good_backup_is_restored_as_a_new_workspace(store, open_page, demo):
    at = open_page("data", ws=demo)
    at.file_uploader(key="backup_file").set_value(
        ("b.json", DEMO_PATH.read_bytes(), "application/json")
    ).run()
    next(b for b in at.button if b.label == "Restore").click().run()
    assert not at.error
    names = [ws.name for ws in store.workspaces()]
    assert "Ashgrove Industrial Supply 2" in names
    assert store.load(at.query_params["ws"]).use_cases == store.load(demo).use_cases


def test_the_demo_can_be_removed_and_stays_removed(store, db_url, open_page, demo):
    at = open_page("data", ws=demo)
    at.checkbox[-1].check().run()
    next(b for b in at.button if b.label == "Delete").click().run()
    assert store.workspaces() == []
    assert not open_page("start").exception
    assert store.workspaces() == []  # a restart does not bring it back


def test_a_workspace_can_be_renamed_but_not_to_an_existing_name(store, open_page):
    ws = store.create_workspace("Acme")
    at = open_page("inventory", ws=ws.key)
    [t for t in at.text_input if t.label == "Workspace name"][0].set_value(
        "Ashgrove Industrial Supply"
    )
    next(b for b in at.button if b.label == "Rename").click().run()
    assert "already exists" in texts(at)
    [t for t in at.text_input if t.label == "Workspace name"][0].set_value("Acme Europe")
    next(b for b in at.button if b.label == "Rename").click().run()
    assert store.workspace(ws.key).name == "Acme Europe"  # the link keeps working


@pytest.mark.postgres
def test_the_app_runs_on_postgresql(pg_url, monkeypatch, tmp_path):
    from coordination.services import open_services

    monkeypatch.setenv("COORDINATION_DB_URL", pg_url)
    monkeypatch.setenv("COORDINATION_KEY_FILE", str(tmp_path / "owner-key"))
    store = open_services()[0]  # the app's own store: the same owner key
    demo = store.demo_workspace().key
    owner = Browser(monkeypatch).as_owner(store)
    at = owner.open("app_pages/owner/trace.py", ws=demo, uc="release-notes")
    at.text_input(key="respondent").set_value("Jürgen").run()
    answer_all(at, [3, 3, 2, 2, 2])
    assert store.response(demo, "release-notes", "Jürgen").answers["review_criteria"] == 2
    result = owner.open("app_pages/owner/result.py", ws=demo, uc="release-notes")
    assert plain(result.header[0].value) == "Level 3 · Workflow integration · provisional"
    assert not owner.open("app_pages/owner/map.py", ws=demo).exception
    store.engine.dispose()


def test_adding_use_cases_from_an_empty_workspace(store, open_page):
    ws = store.create_workspace("Acme", functions=["Sales"])
    at = open_page("inventory", ws=ws.key)
    assert not at.exception

    def add(name, function=None):
        at.text_input[0].set_value(name)
        if function:
            next(s for s in at.selectbox if s.label == "Function").set_value(function)
        next(b for b in at.button if b.label == "Add use case").click().run()

    add("Sales call summaries", "Sales")
    add("   ")
    assert "The use case needs a name." in texts(at)
    add("sales CALL summaries")
    assert "already exists" in texts(at)
    added = store.load(ws.key)
    assert [(uc.name, uc.function) for uc in added.use_cases] == [("Sales call summaries", "Sales")]
    assert added.all_functions() == ["Sales"]


def test_a_deleted_workspace_never_comes_back_under_its_name(store, open_page, owner):
    """The cache was keyed on a slug made from the name: a new workspace with the deleted one's
    name showed its use cases, and its backup gave the deleted data."""
    old = store.create_workspace("Acme")
    store.add_use_case(old.key, "Deleted use case")
    assert "Deleted use case" in str(open_page("inventory", ws=old.key).dataframe[0].value)
    store.delete_workspace(old.key)
    new = store.create_workspace("Acme")
    store.add_use_case(new.key, "New use case")
    at = open_page("inventory", ws=new.key)
    shown = at.dataframe[0].value["Use case"].tolist()
    assert shown == ["New use case"]
    data = open_page("data", ws=new.key)
    backup = next(b for b in data.get("download_button") if "backup" in b.proto.label)
    assert backup is not None and not data.exception
    assert [uc.name for uc in store.load(new.key).use_cases] == ["New use case"]
    assert new.key != old.key


def test_an_answer_that_cannot_be_saved_is_shown_as_not_saved_and_saved_later(
    store, open_page, monkeypatch
):
    from coordination.errors import Unavailable
    from coordination.storage.store import Store as StoreClass

    ws = store.create_workspace("Acme")
    key = store.add_use_case(ws.key, "Calls")
    at = open_page("trace", ws=ws.key, uc=key)
    at.text_input(key="respondent").set_value("Dana").run()
    real = StoreClass.set_answer

    def down(*args, **kwargs):
        raise Unavailable("The database cannot be reached right now, so nothing was saved.")

    monkeypatch.setattr(StoreClass, "set_answer", down)
    answer(at, 2)
    assert "Not saved yet." in texts(at)
    assert store.response(ws.key, key, "Dana") is None
    monkeypatch.setattr(StoreClass, "set_answer", real)  # the database is back
    at.run()
    assert "Not saved yet." not in texts(at)
    assert store.response(ws.key, key, "Dana").answers == {"reach": 2}


def test_a_database_password_never_reaches_the_page(monkeypatch, owner):
    for url in (
        "postgresql+psycopg://ann:s3cr%40et@127.0.0.1:1/db",
        "postgresql+psycopg://ann:s3cr@et@127.0.0.1:1/db",
        "postgresql+psycopg://ann@127.0.0.1:1/db?password=s3cr3t",
    ):
        monkeypatch.setenv("COORDINATION_DB_URL", url)
        shown = texts(owner.open())
        # down, not wrong: the page says so and waits for it (it comes back by itself)
        assert "Cannot open the database" in shown
        assert "waits for the database and comes back by itself" in shown
        assert "s3cr" not in shown, url


def test_the_owner_closes_an_invitation_link_on_the_trace_page(store, open_page, monkeypatch):
    monkeypatch.setenv("COORDINATION_PUBLIC_URL", "https://maps.example.org")
    ws = store.create_workspace("Acme")
    key = store.add_use_case(ws.key, "Calls")
    at = open_page("trace", ws=ws.key, uc=key)
    next(b for b in at.button if b.label == "Show the invitation link").click().run()
    (box,) = (t for t in at.text_area if t.label == "Invitation link")
    link = box.value
    token = link.split("invite=")[1]
    assert store.invitation_state(token) == "open"
    next(b for b in at.button if b.label == "Close this link").click().run()
    assert store.invitation_state(token) == "closed" and store.join(token) is None
    assert "This link is closed: it lets nobody new in." in texts(at)
    next(b for b in at.button if b.label == "Show the invitation link").click().run()
    (box,) = (t for t in at.text_area if t.label == "Invitation link")
    assert box.value != link  # a new link, open again


@pytest.mark.parametrize(
    "problem, said",
    [
        ("closed", "That invitation link has been closed: it lets nobody new in."),
        ("full", "Too many people joined through this link or from this network"),
        ("limited", "Too many wrong attempts from this network. Wait a minute"),
    ],
)
def test_a_visitor_is_told_why_a_link_did_not_let_them_in(store, monkeypatch, problem, said):
    at = Browser(monkeypatch).open(signin=problem)
    assert not at.exception and said in texts(at)


def test_the_suites_copy_of_a_first_start_holds_what_a_first_start_makes(store, demo, tmp_path):
    """The `store` fixture copies one first start's database per test (see conftest.py): it
    must hold exactly what opening a new database makes, or every page test checks less."""
    from coordination.services import open_services
    from coordination.settings import Settings

    new = Settings(
        DEFAULT_QUESTIONNAIRE, f"sqlite:///{tmp_path / 'new.db'}", key_file=tmp_path / "k"
    )
    fresh = open_services(new)[0]
    [made] = fresh.workspaces()
    assert [(w.name, w.is_demo) for w in store.workspaces()] == [(made.name, made.is_demo)]
    assert store.backup(demo) == fresh.backup(made.key)  # every use case, answer and note
    assert store.owner_key() != fresh.owner_key()  # each test's first start makes its own key
    fresh.engine.dispose()


def test_the_maps_filters_live_in_the_url_and_come_back(store, open_page, demo):
    """A reload, a shared link or the way back from another page shows the same use cases."""
    both = ["Sales", "Marketing"]
    at = open_page("map", ws=demo)
    widget(at, "multiselect", "Function").set_value(both).run()
    level = widget(at, "multiselect", "Level").options[1]  # Tool standardization
    widget(at, "multiselect", "Level").set_value([level]).run()
    assert at.query_params["function"] == both  # ?function=Sales&function=Marketing
    assert at.query_params["level"] == level  # one value (AppTest shows it as text)
    filtered = map_rows(at)["Use case"].tolist()
    assert filtered and len(filtered) < len(store.use_cases(demo))

    at.switch_page("app_pages/owner/result.py").run()  # the menu drops the query string
    at.query_params.pop("function", None)
    at.query_params.pop("level", None)
    at.switch_page("app_pages/owner/map.py").run()
    assert widget(at, "multiselect", "Function").value == both
    assert map_rows(at)["Use case"].tolist() == filtered

    # A shared link; what it names that is not on offer (an edited link) is left out.
    edited = [*both, "No such function", "Sales"]
    shared = open_page("map", ws=demo, function=edited, level=level)
    assert not shared.exception
    assert widget(shared, "multiselect", "Function").value == both
    assert map_rows(shared)["Use case"].tolist() == filtered
    widget(shared, "multiselect", "Function").set_value([]).run()
    assert "function" not in shared.query_params  # no filter, nothing in the URL
