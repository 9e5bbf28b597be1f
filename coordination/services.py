"""The store and questionnaire of this process, opened once per settings and shared by the
web server's sign-in middleware and every page (one engine, one connection pool).

A database that cannot be reached at start-up is waited for, not given up on: the server keeps
running, `open_when_reachable` tries again in the background, and pages say that they wait.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from functools import lru_cache

from coordination import keyfile
from coordination.errors import AssessmentError, Unavailable
from coordination.files.fileformat import read_assessment
from coordination.method.questionnaire import Questionnaire, load_questionnaire
from coordination.settings import DEMO_PATH, Settings
from coordination.storage import Store

log = logging.getLogger("coordination")
RETRY_SECONDS = 1.5
# One opener at a time: pages, the sign-in middleware and the waiting thread may all ask at
# once while the database comes back, and each would otherwise migrate and seed it.
_opening = threading.Lock()


def open_services(settings: Settings | None = None) -> tuple[Store, Questionnaire]:
    settings = settings or Settings.from_env()
    with _opening:
        return _open(settings.db_url, str(settings.questionnaire_path), settings)


def open_when_reachable(
    settings: Settings,
    opened: Callable[[Store], None],
    waiting: Callable[[Unavailable], None],
    every: float = RETRY_SECONDS,
) -> threading.Thread | None:
    """Open the services now, or, while the database cannot be reached, in a background
    thread that tries again every `every` seconds; `opened(store)` runs once it is open and
    `waiting(error)` once, when the first try fails. Any other error (a wrong URL, a schema of
    another version) is raised here: waiting would not cure it."""
    try:
        store, _ = open_services(settings)
    except Unavailable as e:
        waiting(e)
    else:
        opened(store)
        return None

    def keep_trying() -> None:
        while True:
            time.sleep(every)
            try:
                store, _ = open_services(settings)
            except Unavailable:
                continue
            except Exception:  # not an outage any more but a real fault: say it in the log
                log.exception("The database was reached but could not be opened")
                return
            opened(store)
            return

    thread = threading.Thread(target=keep_trying, name="open-when-reachable", daemon=True)
    thread.start()
    return thread


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
