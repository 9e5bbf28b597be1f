"""The meeting files on Backup & data: offered for download, drawn when clicked, and the look
(accent, font, logo) saved with the workspace."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation

from coordination.files.brand import Brand

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def data_page(owner, demo):
    at = owner.open("app_pages/owner/data.py", ws=demo)
    assert not at.exception, at.exception
    return at


def labels(at) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def test_the_deck_pack_and_spreadsheets_are_offered(data_page):
    offered = labels(data_page)
    for label in ("Slide deck (PowerPoint)", "PDF pack", "Spreadsheet (Excel)", "Results (CSV)"):
        assert label in offered


def test_the_look_is_saved_and_reaches_the_deck(data_page, store, demo):
    at = data_page
    at.color_picker[0].set_value("#aa3300")
    at.file_uploader(key="brand_logo").set_value(("logo.png", PNG, "image/png"))
    next(b for b in at.button if b.label == "Save the look").click().run()
    assert not at.exception, at.exception
    assert store.brand(demo) == Brand("#aa3300", "Arial", PNG)


def test_a_deck_built_as_the_button_would_carries_the_brand(store, demo):
    from coordination.files.deck import deck_bytes
    from coordination.files.pack import build_pack
    from coordination.report.orgmap import OrgMap

    store.set_brand(demo, Brand("#aa3300", "Georgia", PNG))
    org = OrgMap(store.load(demo), store.questionnaire)
    deck = Presentation(io.BytesIO(deck_bytes(build_pack(org), store.brand(demo))))
    assert any(sh.shape_type == 13 for sh in deck.slides[0].shapes)


def test_no_download_button_reruns_the_page_when_clicked(data_page, owner, demo, store):
    """By default a click also reruns the page, which gives a drawn-when-clicked file a new id
    and drops the old one; the download asking for the old id then fails if the rerun wins
    (seen in CI: the button showed "Failed to generate file" and no file came)."""
    ws = store.create_workspace("Form users")
    pages = [
        data_page,
        owner.open("app_pages/owner/result.py", ws=demo, uc="quote-follow-ups"),
        owner.open("app_pages/owner/imports.py", ws=ws.key),
    ]
    buttons = [b.proto for at in pages for b in at.get("download_button")]
    assert len(buttons) >= 9
    assert [b.label for b in buttons if not b.ignore_rerun] == []
