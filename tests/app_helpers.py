"""Opening pages in Streamlit's AppTest as a given person.

AppTest cannot send cookies, so these helpers stand in for the browser's cookie jar: the app
still checks whatever they hold against the database, exactly as it does for a real browser.
"""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

import app_pages.session
from coordination.access import OWNER_COOKIE, PARTICIPANT_COOKIE

ROOT = Path(__file__).resolve().parent.parent
KINDS = (
    "title",
    "header",
    "subheader",
    "markdown",
    "caption",
    "info",
    "warning",
    "error",
    "success",
)


class Browser:
    """The cookies one browser holds; `open` runs a page with them."""

    def __init__(self, monkeypatch) -> None:
        self.jar: dict[str, str] = {}
        monkeypatch.setattr(app_pages.session, "cookies", lambda: self.jar)

    def as_owner(self, store) -> Browser:
        self.jar = {OWNER_COOKIE: store.sign_in(store.owner_key())}
        return self

    def as_participant(self, token: str) -> Browser:
        self.jar = {PARTICIPANT_COOKIE: token}
        return self

    def open(self, page: str | None = None, **params) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.query_params.update(params)
        at.run()
        if page is not None:
            at.switch_page(page)
            at.run()
        return at


def widget(at: AppTest, kind: str, label: str):
    """The page's widget of this kind with this label."""
    return next(w for w in getattr(at, kind) if w.label == label)


def plain(markdown: str) -> str:
    """Markdown source as a reader sees it: backslash escapes and invisible joiners removed."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


LINK = re.compile(r"^\[(.*)\]\(result\?[^)]*\)$", re.DOTALL)  # a name linked to its result


def map_rows(at: AppTest):
    """The map's table (app_pages/map_table.py) as a reader sees it: each name without its
    link, every cell without its markdown escapes."""
    return at.table[0].value.map(lambda cell: plain(LINK.sub(r"\1", str(cell))))


def texts(at: AppTest) -> str:
    """Everything written on the page, as a reader sees it."""
    return plain("\n".join(str(e.value) for kind in KINDS for e in getattr(at, kind)))


def room_charts(at: AppTest) -> list:
    """The plotly charts a page shows, but for the empty one the console and presenter draw out
    of sight to load the chart library early (app_pages/chart_warmup.preload_charts)."""
    return [c for c in at.get("plotly_chart") if "chart-warm-up" not in c.proto.id]


def answer_buttons(at: AppTest) -> dict:
    """The answer buttons of the question on screen, by value (None: "don't know"). Only
    they have keys, ending in the value: `…|<question>|<value>`."""
    values = {str(v): v for v in (0, 1, 2, 3, None)}
    return {
        values[b.key.rsplit("|", 1)[1]]: b
        for b in at.button
        if b.key and b.key.rsplit("|", 1)[-1] in values
    }


def answer(at: AppTest, value: int | None) -> AppTest:
    """Click an answer of the question on screen: one click, one write."""
    answer_buttons(at)[value].click().run()
    return at


def chosen(at: AppTest) -> int | None | str:
    """The value the question on screen shows as its answer, or "none"."""
    return next((v for v, b in answer_buttons(at).items() if "your answer" in b.label), "none")
