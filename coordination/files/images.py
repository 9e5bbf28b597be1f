"""Write figures to HTML, PNG or SVG files, or to bytes for a download button.

PNG and SVG go through kaleido, which drives the system's Chromium; HTML needs nothing more.
Starting Chromium takes seconds, so kaleido's server is started once per process, at the first
image, and kept; images go through it one at a time (one lock), as kaleido's single browser tab
would otherwise be shared by two requests. It starts without MathJax: the charts hold no
formulas, a name written between two "$" stays as written, and nothing is fetched from the
internet at the start (kaleido would load MathJax from a CDN).
"""

from __future__ import annotations

import atexit
import html
import io
import os
import shutil
import threading
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import kaleido
import plotly.graph_objects as go
from PIL import Image

from coordination.errors import BrowserMissing, ExportError
from coordination.files.output import checked_path, write_file
from coordination.names import slugify
from coordination.report.style import CHART_NAMES, SLIDE

FORMATS = ("html", "png", "svg")
PNG_SIZES = {"1920x1080": 1920 / SLIDE["width"], "1280x720": 1280 / SLIDE["width"]}
DEFAULT_SIZE = "1920x1080"
_RENDERING = threading.Lock()
_renderer_started = False
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
INSTALL_HINT = (
    "PNG and SVG export needs Chromium: install it (on Debian/Ubuntu "
    "`apt-get install chromium`) or set BROWSER_PATH to a Chrome or Chromium binary; "
    "HTML export works without it"
)


def figure_bytes(fig: go.Figure, fmt: str, size: str = DEFAULT_SIZE) -> bytes:
    """The figure as a file's content. PNG at `size` pixels ("1920x1080" or "1280x720"),
    drawn from the 1600×900 slide so text keeps its size relative to the slide; SVG at the
    slide's size (it scales without loss)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format '{fmt}': choose one of {', '.join(FORMATS)}")
    if fmt == "html":
        return html_page(fig).encode()
    if size not in PNG_SIZES:
        raise ExportError(f"unknown size '{size}': choose one of {', '.join(PNG_SIZES)}")
    scale = PNG_SIZES[size] if fmt == "png" else 1
    with _RENDERING, warnings.catch_warnings():
        # plotly passes browser options that only matter when no server is running.
        warnings.filterwarnings("ignore", "The kopts argument is ignored")
        _start_renderer()
        return fig.to_image(format=fmt, scale=scale, **SLIDE)


def _start_renderer() -> None:
    """Chromium once per process (the lock is held): about 4 s for the first image, then
    well under one for each after it."""
    global _renderer_started
    os.environ.setdefault("BROWSER_PATH", find_browser())
    if not _renderer_started:
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)
        atexit.register(kaleido.stop_sync_server, silence_warnings=True)
        _renderer_started = True


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
    write_file(path, figure_bytes(fig, path.suffix.lower().lstrip(".")))
    return path


def check_output(path: str | Path) -> Path:
    """Refuse a path that cannot work before the figure is drawn, which can take seconds."""
    return checked_path(path, tuple(f".{fmt}" for fmt in FORMATS))


def charts_zip(
    org,
    stem: str,
    ids: list[str] | None = None,
    day=None,
    progress: Callable[[int, int, str], None] | None = None,
) -> bytes:
    """Every chart of the map as slides: PNG at 1920×1080 and 1280×720, and SVG, in one zip,
    each file named by the words of the chart's button ("stem-gaps-by-question.svg").

    `progress(done, total, chart)` is told before each chart is drawn and once at the end, so
    a page can show how far it is: the first chart waits for Chromium to start."""
    tell = progress or (lambda done, total, chart: None)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for k, (view, name) in enumerate(CHART_NAMES.items()):
            tell(k, len(CHART_NAMES), name)
            for ending, content in slide_files(org.slide(view, ids, day)).items():
                archive.writestr(f"{stem}-{slugify(name)}{ending}", content)
        tell(len(CHART_NAMES), len(CHART_NAMES), name)
    return out.getvalue()


def slide_files(fig: go.Figure) -> dict[str, bytes]:
    """One slide as the zip holds it, by file-name ending: two renders, not three. The
    1280×720 PNG is the 1920×1080 one scaled down (Lanczos), a fraction of a render's time,
    and the figure goes to kaleido as one dict (it would convert the figure for each image)."""
    spec = fig.to_dict()
    with _RENDERING:
        _start_renderer()
        large = _render(spec, "png", PNG_SIZES["1920x1080"])
        svg = _render(spec, "svg", 1)
    return {"-1920x1080.png": large, "-1280x720.png": _scaled(large, 1280, 720), ".svg": svg}


def _render(spec: dict, fmt: str, scale: float) -> bytes:
    return kaleido.calc_fig_sync(spec, opts={"format": fmt, "scale": scale, **SLIDE})


def _scaled(png: bytes, width: int, height: int) -> bytes:
    out = io.BytesIO()
    picture = Image.open(io.BytesIO(png)).convert("RGB")  # opaque white: no alpha to keep
    picture.resize((width, height), Image.Resampling.LANCZOS).save(out, "PNG")
    return out.getvalue()
