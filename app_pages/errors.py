"""The one error boundary: a core error becomes a sentence on the page, never a traceback.

Pages wrap a write in `with shown():`; app.py wraps the whole page run in `boundary()`, so an
error no page expected (a database that went away mid-page) still reads as a sentence. A page
stopped because the database went away waits for it and comes back by itself (app_pages.kept).
Live parts (fragments that rerun themselves every few seconds) are made with `live_part(seconds)`,
which puts each of their runs inside the same boundary: during an outage they say once that they
wait, and resume by themselves.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import streamlit as st

from app_pages import kept
from coordination.errors import CoordinationError, Unavailable
from coordination.text import md_literal

log = logging.getLogger("coordination.app")


def sentence(text: str) -> str:
    return md_literal(text)


def show(error: Exception | str) -> None:
    icon = ":material/cloud_off:" if isinstance(error, Unavailable) else ":material/error:"
    st.error(sentence(str(error)), icon=icon)


@contextmanager
def shown() -> Iterator[None]:
    """Show a core error where it happened and carry on with the rest of the page."""
    try:
        yield
    except CoordinationError as e:
        show(e)


@contextmanager
def boundary() -> Iterator[None]:
    """Around a whole page: show the error and stop that page, nothing else."""
    try:
        yield
    except Unavailable as e:
        log.info("page waits for the database: %s", e)
        show(e)
        kept.retrying(down=True)
        return
    except CoordinationError as e:
        log.info("page stopped: %s", e)
        show(e)
    kept.retrying(down=False)  # answers kept on an earlier run are still saved in the background


WAITING = "Waiting for the database: this part comes back by itself once it is reachable."


def live_part(seconds: float | None) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """`st.fragment(run_every=seconds)` whose every run goes through the boundary."""

    def make(draw: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(draw)
        def guarded(*args, **kwargs) -> None:
            try:
                draw(*args, **kwargs)
            except Unavailable:
                st.info(WAITING, icon=":material/cloud_off:")
            except CoordinationError as e:
                show(e)

        return st.fragment(guarded, run_every=seconds)

    return make
