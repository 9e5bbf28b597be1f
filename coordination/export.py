"""Write figures to HTML, PNG or SVG files, or to bytes for a download button.

PNG and SVG go through kaleido, which drives the system's Chromium; HTML needs nothing more.
"""

from __future__ import annotations

import contextlib
import html
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
        return html_page(fig).encode()
    os.environ.setdefault("BROWSER_PATH", find_browser())
    return fig.to_image(format=fmt, scale=scale if fmt == "png" else 1, **SLIDE)


def html_page(fig: go.Figure) -> str:
    """A page titled with the chart's title and organization (from `layout.meta`, which charts
    and OrgMap.slide set) that fills the browser window at any size.

    A slide keeps its 16:9 layout and is scaled to the window, as a slide show would: laid out
    again at another size, its 30 px text would no longer fit its columns. A figure without a
    fixed size is left to plotly to fill the window. The whole plotly.js goes in, so the file
    opens offline — in a workshop room with no wifi.
    """
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    words = [meta.get("title"), meta.get("organization")]
    title = " — ".join(str(w) for w in words if w) or "Coordination Map"
    width, height = fig.layout.width, fig.layout.height
    sized = width and height
    div = fig.to_html(
        include_plotlyjs=True,
        full_html=False,
        config={"responsive": not sized, "displaylogo": False},
        default_width="100%",
        default_height="100%",
    )
    if sized:
        frame = (
            f"#chart {{ position: absolute; left: 50%; top: 50%; width: {width}px; "
            f"height: {height}px; transform: translate(-50%, -50%); }}"
        )
        fit = (
            "<script>function fit() { var s = Math.min(innerWidth / "
            f"{width}, innerHeight / {height}); document.getElementById('chart').style"
            ".transform = 'translate(-50%, -50%) scale(' + s + ')'; }\n"
            "addEventListener('resize', fit); fit();</script>\n"
        )
    else:
        frame, fit = "#chart { width: 100%; height: 100%; }", ""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        "<style>html, body { margin: 0; height: 100%; overflow: hidden; background: #ffffff; }\n"
        f'{frame}</style>\n</head>\n<body>\n<div id="chart">{div}</div>\n{fit}</body>\n</html>\n'
    )


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
