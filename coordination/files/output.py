"""Writing a file the CLI or an export produced: the name checked before the work starts, and
the content written whole or not at all."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from coordination.errors import ExportError


def checked_path(path: str | Path, suffixes: tuple[str, ...]) -> Path:
    """Refuse a path that cannot work before anything is drawn, which can take seconds."""
    path = Path(path)
    if path.suffix.lower() not in suffixes:
        raise ExportError(f"{path}: the file name must end in {_either(suffixes)}")
    try:  # is_dir() is False for a missing path but raises for a name too long or no access
        is_folder, has_folder = path.is_dir(), path.parent.is_dir()
    except OSError as e:
        raise ExportError(f"{path}: cannot be written ({e.strerror or e})") from None
    if is_folder:
        raise ExportError(f"{path}: is a folder; name a file inside it")
    if not has_folder:
        raise ExportError(f"{path}: there is no folder {path.parent}")
    return path


def write_file(path: Path, content: bytes) -> None:
    """Write a temporary file beside `path`, then rename it over `path`.

    A full disk or a crash midway leaves the previous file (or none), never half a file: the
    rename is atomic within one folder. "x" mode creates the file with the usual permissions
    (0666 less the umask), which tempfile's 0600 would not.
    """
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(temporary, "xb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())  # a full disk may only say so when the data reaches it
        os.replace(temporary, path)
    except OSError as e:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise ExportError(f"{path}: cannot be written ({e.strerror or e})") from None
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _either(suffixes: tuple[str, ...]) -> str:
    return suffixes[0] if len(suffixes) == 1 else ", ".join(suffixes[:-1]) + " or " + suffixes[-1]
