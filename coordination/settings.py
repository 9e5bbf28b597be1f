"""Settings read from the environment, in one place.

COORDINATION_QUESTIONNAIRE   path of a custom questionnaire (default: data/questionnaire.toml)
COORDINATION_DB_URL          any SQLAlchemy URL (default: SQLite in the user's data directory)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from coordination.questionnaire import DEFAULT_PATH

APP_NAME = "coordination-map"
DEMO_PATH = DEFAULT_PATH.parent / "demo" / "demo.json"


@dataclass(frozen=True)
class Settings:
    questionnaire_path: Path
    db_url: str

    @classmethod
    def from_env(cls, environ=os.environ) -> Settings:
        return cls(
            questionnaire_path=Path(environ.get("COORDINATION_QUESTIONNAIRE") or DEFAULT_PATH),
            db_url=environ.get("COORDINATION_DB_URL") or default_db_url(),
        )


def default_db_url() -> str:
    from platformdirs import user_data_path

    folder = user_data_path(APP_NAME, appauthor=False, ensure_exists=True)
    return f"sqlite:///{folder / 'coordination.db'}"
