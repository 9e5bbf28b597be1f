"""A custom lens: a copy of the questionnaire with other wording or other questions starts the
app, with or without the bundled demo, and a typo in it is refused with its place named."""

from __future__ import annotations

import pytest

from coordination.errors import QuestionnaireError
from coordination.method.questionnaire import DEFAULT_PATH, load_questionnaire
from coordination.method.scoring import results, score
from coordination.services import open_services
from coordination.settings import Settings
from tests.app_helpers import Browser
from tests.conftest import assessment, use_case

OWNER_PAGES = ["inventory", "trace", "result", "map", "data", "workshop"]


def _lens(tmp_path, mutate):
    path = tmp_path / "lens.toml"
    path.write_text(mutate(DEFAULT_PATH.read_text(encoding="utf-8")), encoding="utf-8")
    return path


def renamed(text: str) -> str:
    """`sed s/"reach"/"audience"/g`: the question keeps its wording under another id."""
    return text.replace('"reach"', '"audience"')


def test_a_renamed_question_starts_on_a_fresh_database_without_the_demo(tmp_path, caplog):
    settings = Settings(
        db_url=f"sqlite:///{tmp_path / 'fresh.db'}",
        questionnaire_path=_lens(tmp_path, renamed),
        owner_key=None,
        public_url=None,
    )
    store, questionnaire = open_services(settings)
    assert "audience" in questionnaire.question_ids
    assert store.demo_workspace() is None
    assert "does not fit this questionnaire" in caplog.text
    store.engine.dispose()


@pytest.mark.parametrize("page", OWNER_PAGES)
def test_a_renamed_question_opens_every_page_over_data_kept_from_before(
    tmp_path, monkeypatch, store, demo, page
):
    # The demo was stored under the old id "reach": under the lens that answer is simply
    # not part of this questionnaire, and every page still works.
    monkeypatch.setenv("COORDINATION_QUESTIONNAIRE", str(_lens(tmp_path, renamed)))
    owner = Browser(monkeypatch).as_owner(store)
    at = owner.open(f"app_pages/owner/{page}.py", ws=demo, uc="call-summaries")
    assert not at.exception, at.exception
    problems = [e.value for e in at.error]
    assert not any("cannot start" in p or "unknown question" in p for p in problems), problems


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda s: s.replace("format = 1", "format = 99"), "format 99 is not one this app reads"),
        (lambda s: s.replace("level = 1\n", "level = true\n", 1), "levels[0].level"),
        (lambda s: s.replace("at_least = 2", 'at_least = "2"', 1), "at_least: Input should be"),
        (lambda s: s.replace('label = "Owner"', 'label = " "'), "questions[3].label: must not be"),
        (lambda s: s.replace('"decision_impact",\n]', '"budget",\n]'), "unknown question 'budget'"),
        (lambda s: s.replace("milestone = 3", "milestone = 6"), "trace.milestone 6 is above"),
        (lambda s: s.replace('dont_know = "Don\'t know"', 'dont_know = ""'), "scale.dont_know"),
    ],
)
def test_a_typo_in_a_lens_is_refused_rather_than_coerced(tmp_path, mutate, expected):
    path = _lens(tmp_path, mutate)
    assert path.read_text(encoding="utf-8") != DEFAULT_PATH.read_text(encoding="utf-8")
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(path)
    assert expected in str(caught.value)


def test_a_lens_may_leave_out_the_scale_and_trace_tables(tmp_path):
    def without_new_tables(text: str) -> str:
        start, end = text.index("[scale]"), text.index("[[levels]]")
        return text[:start] + text[end:]

    q = load_questionnaire(_lens(tmp_path, without_new_tables))
    assert q.required_ids == q.question_ids and q.milestone == 3
    assert q.scale_name(2) == "2 · defined" and q.scale.dont_know == "Don't know"


def test_a_lens_can_require_fewer_questions_for_a_finished_trace(tmp_path):
    def two_required(text: str) -> str:
        start = text.index("required = [")
        end = text.index("]", start) + 1
        return text[:start] + 'required = ["reach", "tool_standard"]' + text[end:]

    q = load_questionnaire(_lens(tmp_path, two_required))
    a = assessment(use_case("uc", {"reach": 2, "tool_standard": None}))
    (r,) = results(score(a, q), a)
    assert (r.complete, r.answered, r.required) == (True, 2, 2)


@pytest.mark.parametrize("name", ["capability-maturity", "enterprise-ai-stages"])
def test_the_bundled_example_lenses_load_score_and_start_the_app(tmp_path, name):
    path = DEFAULT_PATH.parent / "lenses" / f"{name}.toml"
    q = load_questionnaire(path)
    top = dict.fromkeys(q.question_ids, 3)
    a = assessment(use_case("top", top), use_case("low", dict.fromkeys(q.question_ids, 0)))
    high, low = results(score(a, q), a)
    assert (high.level, low.level) == (q.max_level, 1)
    assert low.next_steps[0] == q.gates[0].conditions[0].step
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'lens.db'}", questionnaire_path=path)
    store, _ = open_services(settings)
    assert store.demo_workspace() is None  # the demo answers another questionnaire
    store.engine.dispose()


@pytest.mark.parametrize("page", ["start", "inventory", "trace", "result", "map"])
def test_a_four_level_lens_draws_every_page(db_url, monkeypatch, page):
    path = DEFAULT_PATH.parent / "lenses" / "enterprise-ai-stages.toml"
    monkeypatch.setenv("COORDINATION_QUESTIONNAIRE", str(path))
    store, q = open_services()
    ws = store.create_workspace("Four Stages AG")
    uc = store.add_use_case(ws.key, "Invoice matching")
    for question in q.question_ids[:3]:
        store.set_answer(ws.key, uc, "Ann", question, 2)
    owner = Browser(monkeypatch).as_owner(store)
    at = owner.open(None if page == "start" else f"app_pages/owner/{page}.py", ws=ws.key, uc=uc)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


def test_a_lens_speaks_its_own_words_in_the_app_and_the_deck(tmp_path):
    """Issue 15: the Start page's pitch, the heatmap's title (app, deck, PDF) and the deck's
    subtitle come from the questionnaire, so a lens is not left with the default words."""
    from coordination.files.pack import build_pack
    from coordination.report.orgmap import OrgMap

    words = (
        '\n[texts]\npitch = "Our own pitch: {questions}."\n'
        'gaps = "Where the handovers break"\ndeck_subtitle = "Our own subtitle"\n'
    )
    path = _lens(tmp_path, lambda text: text.replace("\n[advice]", words + "\n[advice]", 1))
    q = load_questionnaire(path)
    assert q.texts.pitch == "Our own pitch: {questions}."
    org = OrgMap(assessment(use_case("a", {"reach": 2})), q)
    pack = build_pack(org)
    assert pack.gaps_title == "Where the handovers break"
    assert pack.deck_subtitle == "Our own subtitle"
    import datetime as dt

    slide = org.slide("answers", None, dt.date(2026, 12, 6))
    assert "Where the handovers break" in str(slide.layout.title.text)
