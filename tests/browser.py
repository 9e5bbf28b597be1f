"""A real Streamlit server and a real Chromium for end-to-end tests, started the way
Streamlit's own e2e suite does: headless, on a free port, ready once /_stcore/health answers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OWNER_KEY = "e2e-owner-key-0123456789"
# A plotly chart on show: any but the empty one the console and presenter draw out of sight to
# load the chart library early (app_pages/chart_warmup.preload_charts).
PLOTLY_CHART = ".js-plotly-plot:not(.st-key-chart-warm-up *)"
CHART = f"[data-testid=stVegaLiteChart] svg.marks, {PLOTLY_CHART} .main-svg"  # either, drawn
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(
    db_url: str,
    port: int | None = None,
    extra_env: dict | None = None,
    log_path: Path | None = None,
):
    """Yield the base URL of a running app using this database; stop it afterwards.
    `extra_env` adds or overrides environment variables of the server (STREAMLIT_* options);
    `log_path`, when given, receives the server's output (what it prints), for the test to read."""
    port = port or free_port()
    env = {
        **os.environ,
        "COORDINATION_DB_URL": db_url,
        "COORDINATION_OWNER_KEY": OWNER_KEY,
        "STREAMLIT_SERVER_HEADLESS": "true",
        "STREAMLIT_SERVER_PORT": str(port),
        "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        **(extra_env or {}),
    }
    # The server's log goes to a file, not a pipe: nobody reads a pipe while the tests run, and a
    # full pipe (64 KB of log) would block the server on its next log line.
    with (
        open(log_path, "w+b")
        if log_path
        else tempfile.NamedTemporaryFile(  # noqa: SIM115
            prefix="streamlit-", suffix=".log"
        )
    ) as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "server.py")],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(url, process, Path(log.name))
            yield url
        finally:
            _show_log_if_it_failed(Path(log.name))
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _show_log_if_it_failed(log: Path) -> None:
    """The server's traceback, if any, on stderr: pytest shows it with the failing test."""
    if os.environ.get("E2E_SERVER_LOG") or b"Traceback" in log.read_bytes():
        sys.stderr.write(f"streamlit log ({log.stat().st_size} bytes), last lines:\n")
        sys.stderr.write(_tail(log) + "\n")


def _tail(path: Path, size: int = 4000) -> str:
    return path.read_bytes()[-size:].decode(errors="replace")


def _wait_healthy(url: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited: {_tail(log)}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not become healthy at {url}")


def wait_idle(page, timeout: float = 30_000) -> None:
    """Wait until the script has finished running (Streamlit's own e2e signal)."""
    page.wait_for_selector(
        "[data-test-script-state='notRunning']", state="attached", timeout=timeout
    )
    page.wait_for_timeout(300)
    page.wait_for_selector(
        "[data-test-script-state='notRunning']", state="attached", timeout=timeout
    )


def sign_in(page, url: str, path: str = "") -> None:
    """Open an app address with the owner key, as the printed sign-in link does."""
    page.goto(f"{url}/{path}{'&' if '?' in path else '?'}key={OWNER_KEY}")
    wait_idle(page)
    assert "key=" not in page.url
