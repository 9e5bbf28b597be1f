"""How the question-by-question form looks: its keys and its fixed style.

Answers read from the left, like a list, with their key at the right; less empty space above
the page, and smaller headings on a phone, so that the answers and Next fit one screen.
Fixed styles only: no user text goes through st.html.
"""

BACK_KEY, NEXT_KEY = "B", "N"
TAKEN_KEYS = frozenset({"C", "R", BACK_KEY, NEXT_KEY})  # Streamlit keeps C and R for itself
STYLE = """<style>
.st-key-answers button > div, .st-key-answers button > div > span { width: 100%; }
.st-key-answers button > div { justify-content: flex-start; text-align: left; }
.st-key-answers button [data-testid="stMarkdownContainer"] p { text-align: left; }
.st-key-answers button kbd { margin-left: auto; }
button[kind="primary"] kbd { opacity: 0.9; }  /* Streamlit's 0.6: 3.4:1 on the blue, now 5:1+ */
.stMainBlockContainer { padding-top: 3rem; }
@media (max-width: 640px) {
  .stMainBlockContainer h1 { font-size: 2rem; }
  .stMainBlockContainer h3 { font-size: 1.4rem; }
}
/* No keys on a touch screen without a mouse: the hints 0–3, D, B and N would promise keys
   that are not there. A laptop with a touch screen still has a fine pointer and keeps them.
   Hidden in place: without the hint's width the answers' text moved to the middle. */
@media (hover: none) and (pointer: coarse) {
  .stMainBlockContainer button kbd { visibility: hidden; }
}
</style>"""
