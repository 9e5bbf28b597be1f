"""The store and questionnaire of this process, opened once per settings and shared by the
web server's sign-in middleware and every page (one engine, one connection pool)."""

from __future__ import annotations

from functools import lru_cache

from coordination.fileformat import read_assessment
from coordination.questionnaire import Questionnaire, load_questionnaire
from coordination.settings import DEMO_PATH, Settings
from coordination.storage import Store


def open_services(settings: Settings | None = None) -> tuple[Store, Questionnaire]:
    settings = settings or Settings.from_env()
    return _open(settings.db_url, str(settings.questionnaire_path), settings.owner_key)


@lru_cache(maxsize=8)
def _open(db_url: str, questionnaire_path: str, owner_key: str | None):
    questionnaire = load_questionnaire(questionnaire_path)
    store = Store.from_url(db_url, questionnaire, owner_key=owner_key)
    store.seed_demo_once(read_assessment(DEMO_PATH, questionnaire))
    return store, questionnaire
