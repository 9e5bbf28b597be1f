"""The store and questionnaire of this process, opened once per settings and shared by the
web server's sign-in middleware and every page (one engine, one connection pool)."""

from __future__ import annotations

import logging
from functools import lru_cache

from coordination import keyfile
from coordination.errors import AssessmentError
from coordination.files.fileformat import read_assessment
from coordination.method.questionnaire import Questionnaire, load_questionnaire
from coordination.settings import DEMO_PATH, Settings
from coordination.storage import Store

log = logging.getLogger("coordination")


def open_services(settings: Settings | None = None) -> tuple[Store, Questionnaire]:
    settings = settings or Settings.from_env()
    return _open(settings.db_url, str(settings.questionnaire_path), settings)


@lru_cache(maxsize=8)
def _open(db_url: str, questionnaire_path: str, settings: Settings):
    questionnaire = load_questionnaire(questionnaire_path)
    store = Store.from_url(db_url, questionnaire)
    store.use_owner_key(
        keyfile.owner_key(
            settings.owner_key,
            settings.owner_key_file(),
            store.legacy_owner_key,
            store.forget_legacy_owner_key,
        )
    )
    store.seed_demo_once(lambda: demo_for(questionnaire))
    return store, questionnaire


def demo_for(questionnaire: Questionnaire):
    """The bundled demo, or None when it does not fit this questionnaire.

    The demo was answered for the bundled method; a custom lens that renames or drops a
    question cannot score it, and refusing to start over a demo nobody asked for would be
    worse than starting without it."""
    try:
        return read_assessment(DEMO_PATH, questionnaire)
    except AssessmentError as e:
        log.warning(
            "The demo organization does not fit this questionnaire, so it is left out: %s", e
        )
        return None
