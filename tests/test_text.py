"""User text in markdown is escaped so it shows exactly as typed."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coordination.text import WORD_JOINER, md_literal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sales call summaries", "Sales call summaries"),
        ("**bold**", r"\*\*bold\*\*"),
        ("<b>x</b>", r"\<b\>x\</b\>"),
        ("[a](http://e.com)", "\\[a\\]\\(http\\:" + WORD_JOINER + "//e\\.com\\)"),
        ("cost $5 or $6", r"cost \$5 or \$6"),
        (":red[alarm]", r"\:red\[alarm\]"),
        ("www.example.org", "www" + WORD_JOINER + r"\.example\.org"),
        ("ann@example.com", "ann@" + WORD_JOINER + r"example\.com"),
    ],
)
def test_markdown_characters_are_escaped_and_autolinks_broken(text, expected):
    assert md_literal(text) == expected


@given(st.text().filter(lambda t: WORD_JOINER not in t))
def test_escaping_only_adds_backslashes_and_invisible_joiners(text):
    unescaped = md_literal(text).replace(WORD_JOINER, "")
    assert re.sub(r"\\(.)", r"\1", unescaped, flags=re.S) == text
