"""Secrets that stay secret: a copy of the database signs nobody in (issue 12, item 2), the owner
key is long enough and never half-matched, and an owner's sign-in ends on the server too."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text, update

from coordination.access import Owner, Visitor
from coordination.errors import InvalidInput
from coordination.services import open_services
from coordination.storage import Store
from coordination.storage import schema as t


@pytest.fixture
def env(tmp_path, monkeypatch):
    """The app's own settings: a fresh SQLite database, no configured key, a key file."""
    monkeypatch.setenv("COORDINATION_DB_URL", f"sqlite:///{tmp_path / 'app.db'}")
    monkeypatch.setenv("COORDINATION_KEY_FILE", str(tmp_path / "keys" / "owner-key"))
    monkeypatch.delenv("COORDINATION_OWNER_KEY", raising=False)
    return tmp_path


def test_a_copy_of_the_database_holds_no_owner_key_and_no_invitation_secret(env):
    store, _ = open_services()
    ws = store.demo_workspace().key
    invitation = store.invitation(ws, ["release-notes"])
    participant = store.join(invitation)
    signed_in = store.sign_in(store.owner_key())
    store.engine.dispose()
    copy = (env / "app.db").read_bytes() + b"".join(
        p.read_bytes() for p in env.glob("app.db-*")
    )  # the WAL too
    for secret in (store.owner_key(), invitation, participant, signed_in):
        assert secret.encode() not in copy
    with Store.from_url(f"sqlite:///{env / 'app.db'}").engine.connect() as conn:
        assert conn.execute(text("select key from meta")).scalars().all() == ["demo"]


def test_the_generated_key_is_kept_in_a_file_only_this_user_reads(env):
    store, _ = open_services()
    key_file = env / "keys" / "owner-key"
    assert key_file.read_text().strip() == store.owner_key()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    again = Store.from_url(f"sqlite:///{env / 'app.db'}")
    from coordination import keyfile

    assert keyfile.owner_key(None, key_file) == store.owner_key()  # a restart reads it again
    again.engine.dispose()


def test_an_older_releases_clear_key_moves_to_the_key_file_and_its_links_keep_working(env):
    url = os.environ["COORDINATION_DB_URL"]
    old = Store.from_url(url)
    old.db.write(lambda conn: conn.execute(t.meta.insert().values(key="owner_key", value="k" * 43)))
    old.engine.dispose()
    store, _ = open_services()
    assert store.owner_key() == "k" * 43  # the link printed by the old release still works
    assert (env / "keys" / "owner-key").read_text().strip() == "k" * 43
    with store.engine.connect() as conn:
        assert conn.execute(text("select value from meta where key = 'owner_key'")).all() == []


def test_an_invitation_link_handed_out_before_its_secret_was_derived_still_works(env):
    store, _ = open_services()
    ws = store.demo_workspace().key
    store.invitation(ws, ["release-notes"])
    legacy = "an-old-random-invitation-token-kept-in-clear"
    store.db.write(
        lambda conn: conn.execute(
            update(t.invitations).values(token_hash=hashlib.sha256(legacy.encode()).hexdigest())
        )
    )
    assert store.join(legacy) is not None
    assert store.join(legacy[:-1]) is None


@pytest.mark.parametrize("key", ["k", "short-key", " " * 20, "fifteen-chars!!"])
def test_an_owner_key_too_short_to_resist_guessing_is_refused(tmp_path, key):
    with pytest.raises(InvalidInput, match="too short.*at least 16"):
        Store.from_url(f"sqlite:///{tmp_path / 'k.db'}", owner_key=key)


def test_a_prefix_or_a_near_miss_of_the_owner_key_is_refused(tmp_path):
    key = "the-right-owner-key-0123456789"
    store = Store.from_url(f"sqlite:///{tmp_path / 'k.db'}", owner_key=key)
    for wrong in (key[:-1], key + "x", key[:16], key.upper(), key.replace("0", "O"), "", None):
        assert store.sign_in(wrong) is None, wrong
    assert store.sign_in(key) is not None


def test_an_owners_sign_in_ends_on_the_server_after_thirty_days(tmp_path):
    store = Store.from_url(f"sqlite:///{tmp_path / 'k.db'}")
    token = store.sign_in(store.owner_key())
    assert isinstance(store.identify(token, None), Owner)
    month_ago = datetime.now(UTC) - timedelta(days=30, minutes=1)
    store.db.write(lambda conn: conn.execute(update(t.sign_ins).values(created_at=month_ago)))
    assert isinstance(store.identify(token, None), Visitor)


def test_the_cli_prints_a_sign_in_link_that_signs_in(env):
    done = subprocess.run(
        [sys.executable, "-m", "coordination", "sign-in-link", "--base", "http://10.1.2.3:8501/"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    link = done.stdout.strip()
    assert link.startswith("http://10.1.2.3:8501/?key=")
    store, _ = open_services()
    assert store.sign_in(link.split("key=", 1)[1]) is not None
