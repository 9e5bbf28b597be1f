from __future__ import annotations

import os
import shutil
from contextlib import contextmanager

import pytest

from coordination.method.questionnaire import DEFAULT_PATH, load_questionnaire
from coordination.models import Assessment, Response, UseCase
from tests.postgres import postgres_bin, postgres_server

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def questionnaire():
    return load_questionnaire()


def use_case(uc_id: str = "uc", *answer_sets: dict, **fields) -> UseCase:
    """A use case whose respondents gave these answer sets, in order."""
    responses = [
        Response(respondent=f"r{i}", answers=answers) for i, answers in enumerate(answer_sets)
    ]
    return UseCase(id=uc_id, name=fields.pop("name", uc_id.title()), responses=responses, **fields)


def assessment(*use_cases: UseCase, **fields) -> Assessment:
    return Assessment(
        organization=fields.pop("organization", "Testco"), use_cases=list(use_cases), **fields
    )


def need_browser() -> str:
    """The Chromium path; in CI a missing browser fails the run instead of skipping."""
    if CHROMIUM:
        return CHROMIUM
    if IN_CI:
        pytest.fail("Chromium is required in CI (apt-get install chromium)")
    pytest.skip("Chromium is not installed")


@pytest.fixture(scope="session")
def postgres_url():
    """A throwaway PostgreSQL server for the whole run; in CI a missing server fails."""
    if postgres_bin() is None:
        if IN_CI:
            pytest.fail("PostgreSQL is required in CI (apt-get install postgresql)")
        pytest.skip("PostgreSQL is not installed")
    with postgres_server() as url:
        yield url


@contextmanager
def pg_database(postgres_url: str, template: str | None = None):
    """A database of its own on the session's PostgreSQL server, empty or a copy of
    `template` (PostgreSQL copies its files: no migration runs); dropped afterwards."""
    from uuid import uuid4

    from sqlalchemy import create_engine

    name = f"t_{uuid4().hex[:12]}"
    copied = f' TEMPLATE "{template}"' if template else ""
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"{copied}')
    try:
        yield f"{postgres_url.rsplit('/', 1)[0]}/{name}"
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def pg_url(postgres_url):
    """A fresh, empty database of its own on the session's PostgreSQL server."""
    with pg_database(postgres_url) as url:
        yield url


# Empty databases of the newest schema, made once per worker and copied for each test that
# needs an empty store: a copy opens without running a migration (a new SQLite database took
# about 0.1 s of CPU, a PostgreSQL one 0.5 s of wall time on a busy machine, against 0.2 s for
# a copy). The migrations themselves are tested on fresh databases, in
# test_migrations and test_concurrency.


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory):
    from coordination.storage import Store

    folder = tmp_path_factory.mktemp("migrated")
    return _copied(Store.from_url(f"sqlite:///{folder / 'made.db'}"), folder / "migrated.db")


def _copied(made, target):
    """The store's SQLite database as one file at `target`, and the store closed.
    SQLite's backup API: one file holding everything, the write-ahead log's pages included."""
    import sqlite3

    with made.engine.connect() as conn, sqlite3.connect(target) as copy:
        conn.connection.driver_connection.backup(copy)
    copy.close()
    made.engine.dispose()
    return target


@pytest.fixture
def migrated_sqlite_url(tmp_path, migrated_sqlite) -> str:
    """An empty SQLite database of the newest schema, of this test's own."""
    shutil.copyfile(migrated_sqlite, tmp_path / "migrated.db")
    return f"sqlite:///{tmp_path / 'migrated.db'}"


@pytest.fixture(scope="session")
def migrated_pg(postgres_url):
    """The name of a PostgreSQL database of the newest schema, to use as a template."""
    from coordination.storage import Store

    with pg_database(postgres_url) as url:
        Store.from_url(url).engine.dispose()  # closed: a template must have no connection
        yield url.rsplit("/", 1)[1]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_db_url(request):
    """The same test on SQLite and on PostgreSQL: an empty database of the newest schema."""
    if request.param == "sqlite":
        yield request.getfixturevalue("migrated_sqlite_url")
        return
    template = request.getfixturevalue("migrated_pg")
    with pg_database(request.getfixturevalue("postgres_url"), template) as url:
        yield url


@pytest.fixture
def any_store(any_db_url):
    from coordination.storage import Store

    store = Store.from_url(any_db_url)
    yield store
    store.engine.dispose()


# ── the app through AppTest: one SQLite database with the demo, and a signed-in owner ─────


@pytest.fixture
def db_url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("COORDINATION_DB_URL", url)
    monkeypatch.setenv("COORDINATION_KEY_FILE", str(tmp_path / "owner-key"))
    monkeypatch.delenv("COORDINATION_OWNER_KEY", raising=False)
    return url


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory):
    """A database as the app leaves it on its first start with the bundled questionnaire
    (migrated, the demo seeded), made once per worker: each test gets a copy of it instead of
    building its own (migrations, then the demo: about 0.1 s of CPU per test, 200 tests)."""
    from coordination.services import open_services
    from coordination.settings import Settings

    where = tmp_path_factory.mktemp("first-start")
    settings = Settings(
        questionnaire_path=DEFAULT_PATH,
        db_url=f"sqlite:///{where / 'made.db'}",
        key_file=where / "owner-key",
    )
    return _copied(open_services(settings)[0], where / "first-start.db")


@pytest.fixture
def store(db_url, demo_database):
    """The store the app's pages use (the same object, so the same owner key), with the demo.
    Its database starts as a copy of the first start's; the owner key is made anew for each
    test, as on a first start. A test that changes the questionnaire first gets a database of
    its own, built as the app builds it."""
    from coordination.services import open_services
    from coordination.settings import Settings

    settings = Settings.from_env()
    if settings.questionnaire_path == DEFAULT_PATH:
        shutil.copyfile(demo_database, settings.db_url.removeprefix("sqlite:///"))
    return open_services()[0]


@pytest.fixture
def demo(store) -> str:
    return store.demo_workspace().key


@pytest.fixture
def owner(store, monkeypatch):
    from tests.app_helpers import Browser

    return Browser(monkeypatch).as_owner(store)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per test module (a module may define its own
    `browser` fixture for something else, as test_roles does)."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM_ARGS

    executable = need_browser()
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# The suite runs on two workers (pytest-xdist, one file at a time per worker; a worker takes
# its next file when two of its tests are left). Longest file first (--no-loadscope-reorder
# keeps this order; xdist would otherwise start the files with the most tests), so that the
# last files either worker takes are short ones and the two finish together. With only the
# eight slowest files listed, test_workshops (105 tests) came last in name order and ran
# alone at the end. Order from per-file times measured one file at a time on 7 December 2026
# on a busy machine (the seconds are inflated, the order holds): the 30 longest, longest
# first. Files not listed follow by name; each is short, so the workers end within seconds of
# each other. A new long file belongs in this list, in its place.
SLOW_FIRST = (
    "test_workshop_browser",  # ~240 s: the live workshop
    "test_workshop_pages_browser",  # ~215 s
    "test_a11y",
    "test_replicas",
    "test_trace_browser",
    "test_outage_browser",
    "test_browser",
    "test_console_browser",
    "test_concurrency",
    "test_map_browser",
    "test_workshops",
    "test_app",
    "test_hostile_files",
    "test_inventory_browser",
    "test_since_browser",
    "test_roles",
    "test_import_limits",
    "test_server_browser",
    "test_limits",
    "test_app_workshop",
    "test_scoring",
    "test_custom_lens",
    "test_resume_browser",
    "test_deck",
    "test_progress_files",
    "test_identity",
    "test_storage",
    "test_secrets",
    "test_images",
    "test_cli",
)


def pytest_collection_modifyitems(items) -> None:
    def rank(item) -> int:
        module = item.module.__name__.rsplit(".", 1)[-1]
        return SLOW_FIRST.index(module) if module in SLOW_FIRST else len(SLOW_FIRST)

    items.sort(key=rank)  # stable: within a file, the written order stays
