"""The workspace's files for a meeting: the slide deck, the PDF pack, spreadsheets, and the look
(accent colour, font, logo) that the deck and pack carry. Files are drawn when their button is
clicked, not on every visit of the page."""

from __future__ import annotations

from datetime import date

import streamlit as st

from app_pages.clock import today
from app_pages.errors import shown
from app_pages.services import services
from app_pages.since import since_picker
from coordination.files import spreadsheets
from coordination.files.brand import FONTS, Brand
from coordination.files.deck import deck_bytes
from coordination.files.pack import build_pack
from coordination.files.pdf import pack_pdf
from coordination.report.orgmap import OrgMap
from coordination.storage import Workspace

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def exports(ws: Workspace, org: OrgMap) -> None:
    store, _ = services()
    stem = f"{ws.file_stem}-{date.today()}"
    st.subheader("For a meeting")
    since = since_picker(ws)  # with a snapshot chosen: a "Since" slide, a Changes sheet

    def pack():
        workshops = [(w, len(store.workshops.joined(ws.key, w.key)))
                     for w in store.workshops.of_workspace(ws.key)]  # fmt: skip
        return build_pack(org, today=today(), since=since, workshops=workshops)

    def tables():
        return spreadsheets.sheets(org, since=since, today=today())

    deck, pdf, workbook = st.columns(3)
    # Every download button here and elsewhere says on_click="ignore". By default a click also
    # reruns the page, the rerun gives the button a new file id and drops the old one, and a
    # download still asking for the old id fails when the rerun wins the race (seen in CI).
    deck.download_button(
        "Slide deck (PowerPoint)",
        lambda: deck_bytes(pack(), store.brand(ws.key)),
        file_name=f"{stem}.pptx",
        mime=PPTX,
        icon=":material/slideshow:",
        help="16:9 and editable: the heatmap as tables, the levels as a chart, a slide per "
        "traced use case and every answer in an appendix. Opens in PowerPoint, Keynote and "
        "Google Slides.",
        on_click="ignore",
    )
    pdf.download_button(
        "PDF pack",
        lambda: pack_pdf(pack(), store.brand(ws.key).accent),
        file_name=f"{stem}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        help="The same content as the deck, as a PDF.",
        on_click="ignore",
    )
    workbook.download_button(
        "Spreadsheet (Excel)",
        lambda: spreadsheets.to_xlsx(tables()),
        file_name=f"{stem}.xlsx",
        mime=XLSX,
        icon=":material/table:",
        help="Results, every answer and the inventory; the plan, and what changed since the "
        "chosen snapshot, when there are.",
        on_click="ignore",
    )
    st.caption("Or one table as CSV (UTF-8, opens in Excel with its accents):")
    for column, name in zip(st.columns(3), ("Results", "Answers", "Inventory"), strict=True):
        column.download_button(
            f"{name} (CSV)",
            lambda name=name: spreadsheets.to_csv(tables()[name]),
            file_name=f"{stem}-{name.lower()}.csv",
            mime="text/csv",
            on_click="ignore",
        )
    _look(ws)


def _look(ws: Workspace) -> None:
    store, _ = services()
    brand = store.brand(ws.key)
    with st.expander("The look of the deck and the PDF"), st.form("brand", border=False):
        colour, font = st.columns(2)
        accent = colour.color_picker("Accent colour (titles)", brand.accent)
        fonts = list(dict.fromkeys([brand.font, *FONTS]))
        typeface = font.selectbox("Font of the deck", fonts, accept_new_options=True)
        if brand.logo:
            st.image(brand.logo, caption="The logo now", width=160)
        logo = st.file_uploader(
            "Logo (PNG or JPEG, at most 1 MB)", type=["png", "jpg", "jpeg"], key="brand_logo"
        )
        drop = brand.logo is not None and st.checkbox("Remove the logo")
        if st.form_submit_button("Save the look"):
            with shown():
                picture = None if drop else logo.getvalue() if logo else brand.logo
                store.set_brand(
                    ws.key, Brand(accent=accent, font=typeface or brand.font, logo=picture)
                )
                st.toast("Saved: the next deck and PDF use it", icon=":material/check:")
