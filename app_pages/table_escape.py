"""Escape in a table's cell keeps what was typed.

Glide's cell editor (the table widget's) drops what was typed on Escape: it finishes editing
with no value, while a click elsewhere keeps it. People typing a name lose it silently, so
Escape inside a cell editor (#portal .gdg-style) becomes that click: the edit is kept and
saved. Installed once per browser tab; every other Escape (menus, dialogs) is left alone.
"""

import streamlit as st

KEEP_ON_ESCAPE = """<script>
(() => {
  const doc = window.parent?.document ?? document;
  if (doc.cmKeepOnEscape) return;
  doc.cmKeepOnEscape = true;
  doc.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !event.target.closest?.("#portal .gdg-style")) return;
    event.stopImmediatePropagation();
    event.preventDefault();
    doc.body.dispatchEvent(new PointerEvent("pointerdown", {bubbles: true}));
  }, true);
})();
</script>"""


def keep_edits_on_escape() -> None:
    """Last on the page: the script draws nothing, but its element still takes a gap."""
    st.html(KEEP_ON_ESCAPE, unsafe_allow_javascript=True)
