"""Today where the person looking is: a slide's date, what is overdue."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import streamlit as st


def today() -> date:
    try:
        return datetime.now(ZoneInfo(st.context.timezone or "")).date()
    except (ValueError, KeyError, OSError):  # no or an unknown time zone: the server's date
        return date.today()
