"""Write figures to HTML, PNG or SVG files, or to bytes for a download button.

PNG and SVG go through kaleido, which drives the system's Chromium; HTML needs nothing more.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from pathlib import Path

import plotly.graph_objects as go

from coordination.charts import SLIDE
from coordination.errors import BrowserMissing, ExportError

FORMATS = ("html", "png", "svg")
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
INSTALL_HINT = (
    "PNG and SVG export needs Chromium: install it (on Debian/Ubuntu "
    "`apt-get install chromium`) or set BROWSER_PATH to a Chrome or Chromium binary; "
    "HTML export works without it"
)


def figure_bytes(fig: go.Figure, fmt: str, scale: float = 2) -> bytes:
    """The figure as a file's content; PNG at twice the slide size so it stays sharp."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format '{fmt}': choose one of {', '.join(FORMATS)}")
    if fmt == "html":
        # The whole plotly.js goes in, so the file opens offline — in a workshop room with no wifi.
        return fig.to_html(include_plotlyjs=True, full_html=True).encode()
    os.environ.setdefault("BROWSER_PATH", find_browser())
    return fig.to_image(format=fmt, scale=scale if fmt == "png" else 1, **SLIDE)


def find_browser() -> str:
    """The Chrome or Chromium kaleido will drive: $BROWSER_PATH, or the first one on PATH.

    Looked up here rather than left to kaleido, whose own failure is a long advice to download
    Chrome — impossible on many company laptops and servers.
    """
    if configured := os.environ.get("BROWSER_PATH"):
        if os.access(configured, os.X_OK):
            return configured
        raise BrowserMissing(f"BROWSER_PATH={configured} is not an executable; {INSTALL_HINT}")
    for name in BROWSERS:
        if found := shutil.which(name):
            return found
    raise BrowserMissing(INSTALL_HINT)


def write_figure(fig: go.Figure, path: str | Path) -> Path:
    """Write by the file's extension; nothing is left behind when the export fails."""
    path = check_output(path)
    content = figure_bytes(fig, path.suffix.lower().lstrip("."))
    try:
        _replace_with(path, content)
    except OSError as e:
        raise ExportError(f"{path}: cannot be written ({e.strerror or e})") from None
    return path


def check_output(path: str | Path) -> Path:
    """Refuse a path that cannot work before the figure is drawn, which can take seconds."""
    path = Path(path)
    if path.suffix.lower().lstrip(".") not in FORMATS:
        raise ExportError(f"{path}: the file name must end in .html, .png or .svg")
    try:  # is_dir() is False for a missing path but raises for a name too long or no access
        is_folder, has_folder = path.is_dir(), path.parent.is_dir()
    except OSError as e:
        raise ExportError(f"{path}: cannot be written ({e.strerror or e})") from None
    if is_folder:
        raise ExportError(f"{path}: is a folder; name a file inside it")
    if not has_folder:
        raise ExportError(f"{path}: there is no folder {path.parent}")
    return path


def _replace_with(path: Path, content: bytes) -> None:
    """Write a temporary file beside `path`, then rename it over `path`.

    A full disk or a crash midway leaves the previous file (or none), never half a chart: the
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
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
