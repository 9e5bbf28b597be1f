"""User text in markdown is escaped so it shows exactly as typed.

Exact outputs, one case per markdown construct, so that dropping any character from the escaped
set or any pattern from the joiner fails here; tests/test_text_render.py renders the output.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coordination.text import WORD_JOINER, md_literal

J = WORD_JOINER
BR = "  \n"  # a hard line break

ESCAPED = [
    # (what the user typed, what goes into markdown)
    ("Sales call summaries", "Sales call summaries"),
    ("Acme GmbH 2024", "Acme GmbH 2024"),
    # headings, ATX and setext
    ("# heading", r"\# heading"),
    ("### three", r"\#\#\# three"),
    ("Title\n===", "Title" + BR + r"\=\=\="),
    ("Title\n---", "Title" + BR + rf"\-{J}\-{J}\-"),
    # emphasis and strikethrough
    ("*em* _em_", r"\*em\* \_em\_"),
    ("**strong** __strong__", r"\*\*strong\*\* \_\_strong\_\_"),
    ("~one~ ~~two~~", r"\~one\~ \~\~two\~\~"),
    # tables
    ("a | b", r"a \| b"),
    ("|a|b|\n|-|-|", r"\|a\|b\|" + BR + r"\|\-\|\-\|"),
    # lists, ordered lists, task lists, block quotes
    ("- item", r"\- item"),
    ("+ item", r"\+ item"),
    ("* item", r"\* item"),
    ("1. first", r"1\. first"),
    ("1) first", r"1\) first"),
    ("- [ ] task", r"\- \[ \] task"),
    ("> quote", r"\> quote"),
    # code: spans, fences, indented code
    ("`code`", r"\`code\`"),
    ("```py\nx\n```", r"\`\`\`py" + BR + "x" + BR + r"\`\`\`"),
    ("~~~\nx\n~~~", r"\~\~\~" + BR + "x" + BR + r"\~\~\~"),
    ("    indented code", J + "    indented code"),
    ("\tindented code", J + "\tindented code"),
    ("text\n\n    code", "text" + BR + J + BR + J + "    code"),
    # links, images, references, footnotes
    ("[a](http://e.com)", rf"\[a\]\(http\:{J}\/\/e\.com\)"),
    ("![img](x.png)", r"\!\[img\]\(x\.png\)"),
    ("[a][1]\n[1]: /u", r"\[a\]\[1\]" + BR + rf"\[1\]\:{J} \/u"),
    ("note[^1]", r"note\[\^1\]"),
    # raw HTML and entities
    ("<b>x</b>", r"\<b\>x\<\/b\>"),
    ("<img src=x onerror=y>", r"\<img src\=x onerror\=y\>"),
    ("&amp; &#60; &#x3C;", r"\&amp\; \&\#60\; \&\#x3C\;"),
    # maths
    ("cost $5 or $6", r"cost \$5 or \$6"),
    ("$$x^2$$", r"\$\$x\^2\$\$"),
    # Streamlit colours, icons, emoji, logo, directives
    (":red[alarm]", rf"\:{J}red\[alarm\]"),
    (":blue-background[x]", rf"\:{J}blue\-background\[x\]"),
    (":material/home:", rf"\:{J}material\/home\:{J}"),
    (":smile: :+1:", rf"\:{J}smile\:{J} \:{J}\+1\:{J}"),
    (":streamlit:", rf"\:{J}streamlit\:{J}"),
    ("::leaf :::container", rf"\:{J}\:{J}leaf \:{J}\:{J}\:{J}container"),
    ("{#id .class}", r"\{\#id \.class\}"),
    # Streamlit's arrows and dashes
    ("a -> b <- c <-> d", rf"a \-{J}\> b \<{J}\- c \<{J}\-{J}\> d"),
    ("a -- b >= c <= d ~= e", rf"a \-{J}\- b \>{J}\= c \<{J}\= d \~{J}\= e"),
    # horizontal rules
    ("---", rf"\-{J}\-{J}\-"),
    ("***", r"\*\*\*"),
    ("___", r"\_\_\_"),
    # hard line breaks: trailing spaces and a trailing backslash
    ("two spaces  \nnext", "two spaces  " + J + BR + "next"),
    ("backslash\\\nnext", r"backslash\\" + BR + "next"),
    # line breaks and blank lines stay in one paragraph
    ("a\nb", "a" + BR + "b"),
    ("a\r\nb\rc", "a" + BR + "b" + BR + "c"),
    ("a\n\nb", "a" + BR + J + BR + "b"),
    ("a\n  \nb", "a" + BR + J + "  " + J + BR + "b"),
    ("", J),
    (" padded ", J + " padded " + J),
    # the rest of ASCII punctuation
    ("%,;?\"'", r"\%\,\;\?\"\'"),
]

AUTOLINKS = [
    ("https://example.com", rf"https\:{J}\/\/example\.com"),
    ("HTTP://EXAMPLE.COM", rf"HTTP\:{J}\/\/EXAMPLE\.COM"),
    ("ftp://example.com", rf"ftp\:{J}\/\/example\.com"),
    ("www.example.org", rf"www{J}\.example\.org"),
    ("WWW.example.org", rf"WWW{J}\.example\.org"),
    ("ann@example.com", rf"ann\@{J}example\.com"),
    ("mailto:ann@example.com", rf"mailto\:{J}ann\@{J}example\.com"),
    ("xmpp:ann@example.com", rf"xmpp\:{J}ann\@{J}example\.com"),
    ("<https://example.com>", rf"\<https\:{J}\/\/example\.com\>"),
]


@pytest.mark.parametrize(("text", "expected"), ESCAPED + AUTOLINKS)
def test_every_markdown_character_is_escaped(text, expected):
    assert md_literal(text) == expected


def autolink_left(markdown: str) -> list[str]:
    """Patterns that would still become a link when the renderer matches them on its text:
    a scheme, `www.` or an `@` without the word joiner right after it."""
    text = markdown.replace("\\", "")  # the renderer matches the text after escapes are resolved
    patterns = [
        r"(?:https?|ftp|mailto|xmpp):(?!\u2060)",
        r"https?://|ftp://",
        r"www\.",
        r"@(?!\u2060)",
        r":(?!\u2060)",  # also :emoji: and :material_icon:
    ]
    return [m.group() for p in patterns for m in re.finditer(p, text, re.IGNORECASE)]


@pytest.mark.parametrize("text", [t for t, _ in AUTOLINKS])
def test_md_literal_breaks_autolinks(text):
    assert autolink_left(text), "the case should be an autolink before escaping"
    out = md_literal(text)
    assert autolink_left(out) == []
    for plain in ("http://", "https://", "ftp://", "www.", "mailto:", "@example"):
        assert plain not in out.lower()


# Words and characters that build markdown: every ASCII punctuation character, scheme and
# shortcode names, letters, digits, spaces, tabs and line breaks.
MARKDOWNISH = st.lists(
    st.sampled_from(
        [*"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", *"aZ19 \t\n\r"]
        + ["http", "https", "ftp", "www", "mailto", "example", "com", "smile", "material"]
        + ["streamlit", "red", "    ", "\r\n", "\n\n", "é", "\u00a0", "\u3000"]
    ),
    max_size=40,
).map("".join)


@given(MARKDOWNISH)
def test_no_autolink_survives(text):
    assert autolink_left(md_literal(text)) == []


def unescape(markdown: str) -> str:
    """md_literal backwards: drop the hard breaks' spaces, the joiners and the backslashes."""
    lines = markdown.split("\n")
    lines = [line.removesuffix(BR[:-1]) for line in lines[:-1]] + lines[-1:]
    return "\n".join(re.sub(r"\\(.)", r"\1", line.replace(J, "")) for line in lines)


@given(st.one_of(MARKDOWNISH, st.text()).filter(lambda t: J not in t))
def test_escaping_only_adds_backslashes_joiners_and_breaks(text):
    out = md_literal(text)
    assert unescape(out) == re.sub(r"\r\n|\r", "\n", text)
    for line in out.split(BR):
        assert line, "no blank line: it would end the paragraph"
        assert not line[0].isspace(), "no indented code, no stripped indentation"
        assert not line[-1].isspace(), "trailing spaces are no line break"
