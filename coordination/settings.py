"""Settings read from the environment, in one place.

COORDINATION_QUESTIONNAIRE   path of a custom questionnaire (default: data/questionnaire.toml)
COORDINATION_DB_URL          any SQLAlchemy URL (default: SQLite in the user's data directory)
COORDINATION_OWNER_KEY       the owner's sign-in key (default: made on first start and kept in
                             the database; `make run` prints the sign-in link)
COORDINATION_PUBLIC_URL      the address people use to reach the app, for invitation links
                             (default: the address the owner's browser used)
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

    @classmethod
    def from_env(cls, environ=os.environ) -> Settings:
        return cls(
            questionnaire_path=Path(environ.get("COORDINATION_QUESTIONNAIRE") or DEFAULT_PATH),
            db_url=environ.get("COORDINATION_DB_URL") or default_db_url(),
            owner_key=environ.get("COORDINATION_OWNER_KEY") or None,
            public_url=(environ.get("COORDINATION_PUBLIC_URL") or "").rstrip("/") or None,
        )


def default_db_url() -> str:
    from platformdirs import user_data_path

    folder = user_data_path(APP_NAME, appauthor=False, ensure_exists=True)
    return f"sqlite:///{folder / 'coordination.db'}"
