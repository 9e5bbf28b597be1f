"""Write figures to HTML, PNG or SVG files, or to bytes for a download button.

PNG and SVG go through kaleido, which drives the system's Chromium; HTML needs nothing more.
"""

from __future__ import annotations

import os
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
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ExportError(f"{path}: the file name must end in .html, .png or .svg")
    content = figure_bytes(fig, fmt)
    try:
        path.write_bytes(content)
    except OSError as e:
        raise ExportError(f"{path}: cannot be written ({e.strerror})") from None
    return path
