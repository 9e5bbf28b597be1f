"""User text inside markdown: shown exactly as typed.

Streamlit renders GitHub-flavoured markdown (CommonMark, tables, strikethrough, footnotes,
autolinks) with maths, emoji shortcodes, directives (`:red[…]`, `:small[…]`), Material icons
(`:material/home:`), the `:streamlit:` logo and typographic arrows (`->` becomes →). A use case
called "[offer](http://…)" would otherwise become a live link. Pages pass every name and note
through `md_literal` before it reaches a markdown element.

How `md_literal` keeps text literal, in two layers:

- Syntax: every ASCII punctuation character gets a backslash. CommonMark allows an escape
  before each of them and before nothing else, and each markdown construct (headings, lists,
  quotes, emphasis, tables, code, links, images, footnotes, raw HTML, entities, maths,
  directives, rules, setext underlines) starts with one of them.
- Text: some features work on the text after parsing, where escapes are already gone: GFM's
  autolinks (`http://`, `www.`, `ann@example.com`), emoji and icon shortcodes, the logo and the
  arrows. An invisible word joiner (U+2060) after every `:` and `@`, between `www` and `.`, and
  inside `->`, `<-`, `--`, `>=`, `<=`, `~=` breaks each of those patterns: `http:` + joiner +
  `//` is no URL, `:` + joiner + `smile:` no emoji.

Line breaks are kept as line breaks, but never as the end of a block: each one becomes a hard
break (two spaces and a newline) inside the same paragraph. A line that is empty or starts with
whitespace begins with a word joiner, so it is neither a blank line (which would end the
paragraph, or a list item) nor indented code; a line that ends with whitespace ends with one,
so its spaces stay text. Inside a one-line construct (a `###` heading, a table row) the caller's
construct still ends at the line break; names are one line by the rules in `names.py`.

Shown, the result has exactly the user's characters: the visible text equals the input, with
CR LF and a lone CR read as LF, plus invisible word joiners. Escaping twice shows the backslashes
of the first escape: escape once, at the place where text enters markdown.
"""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"
# Every ASCII punctuation character, the exact set CommonMark lets a backslash escape.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# Places where a pattern matched on parsed text would start: after `:` (http:, https:, ftp:,
# mailto:, :emoji:, :material_icon:, :streamlit:), after `@` (e-mail), inside `www.`, and
# inside Streamlit's arrows and dashes: -> <- <-> -- >= <= ~=.
_JOIN_AT = re.compile(r"(?<=[:@])|(?<=www)(?=\.)|(?<=[<>~\-])(?=[>=\-])", re.IGNORECASE)
# The line endings of CommonMark, and only those.
_LINE_END = re.compile(r"\r\n|\r|\n")
_HARD_BREAK = "  \n"


def md_literal(text: str) -> str:
    """User text for a markdown element, shown as typed: no links, images, HTML, colours,
    icons, emoji or maths, and no new block. Every markdown character is escaped, automatic
    patterns are broken invisibly and line breaks stay line breaks in the same paragraph."""
    return _HARD_BREAK.join(_literal_line(line) for line in _LINE_END.split(text))


def _literal_line(line: str) -> str:
    out = _PUNCTUATION.sub(r"\\\1", _JOIN_AT.sub(WORD_JOINER, line))
    if not line or line[0].isspace():  # neither a blank line nor indented code
        out = WORD_JOINER + out
    if line and line[-1].isspace():  # trailing spaces stay text, not part of a break
        out += WORD_JOINER
    return out


# Punctuation that starts no markdown in the middle of a line (after the escapes and joiners
# of `md_literal`): its backslash only made screen readers say "backslash" in a widget's
# accessible name, which Streamlit takes from the label as written.
_INERT = re.compile(r"\\([?,;'\"/%(])")
# Inert too, except where a line starts with them: list markers ("- ", "+ ", "1. ", "1) ").
_INERT_AFTER_START = re.compile(r"(?<=\S)\\([-+.)])")
_LIST_START = re.compile(r"^(\s*\d+)([.)])")


def label_literal(text: str) -> str:
    """`md_literal` for a widget's label: shown as typed as well, with the backslashes kept
    only where markdown needs them, because Streamlit uses the label as written for the
    widget's accessible name ("Hand-off", not "Hand\\-off")."""
    return _HARD_BREAK.join(_label_line(line) for line in _LINE_END.split(text))


def _label_line(line: str) -> str:
    out = _INERT.sub(r"\1", _literal_line(line))
    head = _LIST_START.match(line)  # "1." stays "1\." at the start of a line
    kept = len(_literal_line(head.group(1))) + 2 if head else 0
    return out[:kept] + _INERT_AFTER_START.sub(r"\1", out[kept:])
