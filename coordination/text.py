"""User text inside markdown: shown exactly as typed.

Streamlit renders GitHub-flavoured markdown with its own extras (colours, maths, emoji), so a
use case called "[offer](http://…)" would otherwise become a live link. Pages pass every name
and note through `md_literal` before it reaches a markdown element.
"""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'])")
# Streamlit's markdown turns URLs, www. addresses and e-mail addresses into links after parsing,
# so escaping cannot stop it; an invisible word joiner inside the pattern does.
_AUTOLINK = re.compile(r"(?<=https:)|(?<=http:)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def md_literal(text: str) -> str:
    """User text for a markdown element, shown as typed: no links, images, HTML, colours or
    maths. Every markdown character is escaped and automatic links are broken invisibly."""
    return _PUNCTUATION.sub(r"\\\1", _AUTOLINK.sub(WORD_JOINER, text))
