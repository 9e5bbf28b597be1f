"""The owner key: where it comes from, and where the owner can read it again.

COORDINATION_OWNER_KEY when it is set (at least `access.MIN_KEY_LENGTH` characters; several app
servers on one database share it this way). Otherwise a key made on the first start and kept in
a file that only this user may read — `owner-key` in the user data directory, or
COORDINATION_KEY_FILE — as notebook servers keep their token in a runtime file. The database
never holds it: a copy of the database signs nobody in. `python -m coordination sign-in-link`
prints the link again from the same place.

Releases before this one kept a generated key in clear in the database; it is moved into the
file on the first start (so links already handed out keep working) and removed from the
database.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from coordination import access
from coordination.errors import StorageError


def owner_key(
    configured: str | None,
    path: Path,
    legacy: Callable[[], str | None] = lambda: None,
    forget_legacy: Callable[[], None] = lambda: None,
) -> str:
    if configured:
        key = access.checked_owner_key(configured)
    else:
        key = _read(path) or _make(path, legacy() or access.new_token())
        access.checked_owner_key(key, f"The owner key in {path}")
    forget_legacy()
    return key


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None
    except OSError as e:
        raise StorageError(f"Cannot read the owner key file {path}: {e.strerror}.") from e


def _make(path: Path, key: str) -> str:
    """Write the key to a new file readable by this user only; when another process made it
    first (two servers starting at once), its key is the key."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read(path) or key
    except OSError as e:
        raise StorageError(f"Cannot keep the owner key in {path}: {e.strerror}.") from e
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(key + "\n")
    return key
