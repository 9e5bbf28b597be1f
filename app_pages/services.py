"""The store and questionnaire for this server, shown as a sentence if they cannot open."""

from __future__ import annotations

import streamlit as st

from app_pages.errors import sentence
from coordination.errors import CoordinationError
from coordination.method.questionnaire import Questionnaire
from coordination.services import open_services
from coordination.storage import Store


def services() -> tuple[Store, Questionnaire]:
    try:
        return open_services()
    except CoordinationError as e:
        st.error(sentence(f"The app cannot start: {e}"), icon=":material/error:")
        st.stop()
