"""The one error boundary: a core error becomes a sentence on the page, never a traceback.

Pages wrap a write in `with shown():`; app.py wraps the whole page run in `boundary()`, so an
error no page expected (a database that went away mid-page) still reads as a sentence.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

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
    except CoordinationError as e:
        log.info("page stopped: %s", e)
        show(e)
