"""Schema changes go through Alembic at start-up; a database the app does not know is refused
before anything in it is touched."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from coordination.errors import SchemaMismatch
from coordination.storage import Store, migrate
from coordination.storage.schema import metadata


def tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def legacy_database(url: str, schema_version: str) -> None:
    """A database as the first release left it: today's first migration, no alembic_version,
    and `meta.schema_version`."""
    engine = create_engine(url)
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), "0001")
        conn.execute(text("DROP TABLE alembic_version"))
        conn.execute(text("INSERT INTO meta VALUES ('schema_version', :v)"), {"v": schema_version})
        conn.execute(
            text(
                "INSERT INTO workspaces (id, slug, name, is_demo, version, functions) "
                "VALUES (1, 'acme-gmbh', 'Acme GmbH', false, 3, '[\"Sales\"]')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO use_cases (id, workspace_id, key, position, name, involved, retired)"
                " VALUES (1, 1, 'calls', 0, 'Call notes', '[]', false)"
            )
        )
        conn.execute(
            text("INSERT INTO responses (id, use_case_id, respondent) VALUES (1, 1, 'Dana')")
        )
        conn.execute(text("INSERT INTO answers VALUES (1, 'reach', 2)"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'm.db'}"
    return request.getfixturevalue("pg_url")


def test_a_fresh_database_is_built_by_the_migrations_and_matches_the_code(url):
    store = Store.from_url(url)
    with store.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == migrate.head()
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    store.engine.dispose()


def test_a_database_of_the_first_release_is_upgraded_with_its_answers(url):
    legacy_database(url, "1")
    store = Store.from_url(url)
    [ws] = store.workspaces()
    assert ws.name == "Acme GmbH" and ws.key != "acme-gmbh" and len(ws.key) >= 16
    assert store.response(ws.key, "calls", "Dana").answers == {"reach": 2}
    assert store.load(ws.key).functions == ["Sales"]
    store.engine.dispose()


@pytest.mark.parametrize("version", ["0", "2", "99"])
def test_an_unknown_legacy_version_is_refused_before_anything_is_touched(url, version):
    legacy_database(url, version)
    before = tables(url)
    with pytest.raises(SchemaMismatch, match=f"schema version '{version}'.*Nothing"):
        Store.from_url(url)
    assert tables(url) == before and "alembic_version" not in before


def test_a_database_from_a_newer_app_is_refused_before_anything_is_touched(url):
    engine = create_engine(url)
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), "0001")
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    before = tables(url)
    with pytest.raises(SchemaMismatch, match="revision '0099'.*newer version"):
        Store.from_url(url)
    assert tables(url) == before and "sign_ins" not in before


def test_an_up_to_date_database_opens_without_running_a_migration(url, monkeypatch):
    Store.from_url(url).engine.dispose()

    def no_migration(*_args, **_kwargs):
        raise AssertionError("a migration ran on a database at the newest revision")

    monkeypatch.setattr(ScriptDirectory, "run_env", no_migration)
    store = Store.from_url(url)  # a server start, a replica, a CLI call on the same database
    with store.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == migrate.head()
    store.engine.dispose()


def test_the_suites_empty_stores_are_at_the_newest_revision_and_empty(any_store):
    """`any_store` copies one migrated database per worker (see conftest.py): each copy must
    be what opening a new database makes, or every storage test checks less."""
    with any_store.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == migrate.head()
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    assert any_store.workspaces() == []
    with any_store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM meta")).scalar() == 0
