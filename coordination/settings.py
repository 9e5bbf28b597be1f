"""Settings read from the environment, in one place.

COORDINATION_QUESTIONNAIRE   path of a custom questionnaire (default: data/questionnaire.toml)
COORDINATION_DB_URL          any SQLAlchemy URL (default: SQLite in the user's data directory)
COORDINATION_OWNER_KEY       the owner's sign-in key, at least 16 characters (default: made on
                             first start and kept in COORDINATION_KEY_FILE; `make run` and
                             `python -m coordination sign-in-link` print the sign-in link)
COORDINATION_KEY_FILE        where a generated owner key is kept (default: `owner-key` in the
                             user data directory, readable by this user only)
COORDINATION_PUBLIC_URL      the address people use to reach the app, for invitation links
                             (default: the address the owner's browser used)
COORDINATION_TRUSTED_PROXIES reverse proxies whose X-Forwarded-For / -Proto are believed,
                             comma-separated addresses or networks (default: none; read by
                             server.py through `coordination.proxies`)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from coordination.method.questionnaire import DEFAULT_PATH

APP_NAME = "coordination-map"
DEMO_PATH = DEFAULT_PATH.parent / "demo" / "demo.json"


@dataclass(frozen=True)
class Settings:
    questionnaire_path: Path
    db_url: str
    owner_key: str | None = None
    public_url: str | None = None
    key_file: Path | None = None

    @classmethod
    def from_env(cls, environ=os.environ) -> Settings:
        return cls(
            questionnaire_path=Path(environ.get("COORDINATION_QUESTIONNAIRE") or DEFAULT_PATH),
            db_url=environ.get("COORDINATION_DB_URL") or default_db_url(),
            owner_key=environ.get("COORDINATION_OWNER_KEY") or None,
            public_url=(environ.get("COORDINATION_PUBLIC_URL") or "").rstrip("/") or None,
            key_file=Path(environ["COORDINATION_KEY_FILE"])
            if environ.get("COORDINATION_KEY_FILE")
            else None,
        )

    def owner_key_file(self) -> Path:
        return self.key_file or data_folder() / "owner-key"


def data_folder() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False, ensure_exists=True)


def default_db_url() -> str:
    return f"sqlite:///{data_folder() / 'coordination.db'}"
