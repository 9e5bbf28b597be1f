"""md_literal, proven by rendering: user text shows as plain text, exactly as typed.

The renderer is markdown-it-py with Streamlit's features added: CommonMark with raw HTML on,
GFM tables and strikethrough, footnotes, task lists and dollar maths, plus what Streamlit does
that markdown-it has no rule for:
- Text-level features, run on the parsed text (after escapes are resolved) as Streamlit does:
  GFM autolink literals and e-mail addresses, emoji shortcodes, `:material_x:` icons,
  `:streamlit:`, the arrows and dashes, and the `:material/` rewrite of the source.
- Syntax markdown-it lacks, flagged strictly: any unescaped `:name` is a directive (`:red[x]`,
  `::leaf`, `:::container`), any unescaped `~` is GFM's one-tilde strikethrough.
Each of these turns into an HTML tag, so "only the tags the caller wrote" catches them all.

The user's text is rendered in the places pages put it: alone, in bold, in list items, in a
heading and in a table cell (the last two on one line: a line break ends them).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from coordination.text import WORD_JOINER, label_literal, md_literal

# What Streamlit's markdown matches on parsed text (patterns from its markdown component).
_ON_TEXT = [
    ("a", re.compile(r"(https?://|www(?=\.))([-.\w]+)([^ \t\r\n]*)", re.I | re.A)),  # GFM
    ("a", re.compile(r"ftp://\w", re.I)),  # not GFM, but linkify-it and others
    ("a", re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)", re.A)),  # GFM e-mail
    ("i", re.compile(r":material_(\w+):", re.A)),
    ("img", re.compile(r":streamlit:")),
    ("span", re.compile(r":\+1:|:-1:|:[\w-]+:", re.A)),  # remark-emoji
    ("b", re.compile(r"(?:^|\s)(?:<->|->|<-|--|>=|<=|~=)(?:\s|$)")),  # typographic symbols
]


def _text_features(state: StateCore) -> None:
    for block in state.tokens:
        depth = 0  # GFM leaves text inside links alone
        for token in block.children or []:
            depth += {"link_open": 1, "link_close": -1}.get(token.type, 0)
            if token.type != "text" or depth:
                continue
            for tag, pattern in _ON_TEXT:
                if pattern.search(token.content):
                    token.type = "html_inline"
                    token.content = f"<{tag}>{html.escape(token.content)}</{tag}>"
                    break


def _directive(state: StateInline, silent: bool) -> bool:
    match = re.compile(r":+[A-Za-z][\w-]*").match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        state.push("html_inline", "", 0).content = f"<span>{html.escape(match.group())}</span>"
    state.pos = match.end()
    return True


def _one_tilde(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "~":
        return False
    if not silent:
        state.push("html_inline", "", 0).content = "<del>~</del>"
    state.pos += 1
    return True


def _streamlit_like() -> MarkdownIt:
    md = (
        MarkdownIt("commonmark", {"html": True})
        .enable(["table", "strikethrough"])
        .use(footnote_plugin)
        .use(tasklists_plugin)
        .use(dollarmath_plugin, double_inline=True)
    )
    md.inline.ruler.before("escape", "directive", _directive)
    md.inline.ruler.before("strikethrough", "one_tilde", _one_tilde)
    md.core.ruler.after("text_join", "text_features", _text_features)
    return md


MD = _streamlit_like()


class _Elements(HTMLParser):
    """The tags of an HTML fragment and the text shown inside each element of one kind: a
    line break where there is a <br>, a space for any other newline, as a browser shows it."""

    def __init__(self, element: str):
        super().__init__(convert_charrefs=True)
        self.element, self.tags, self.texts, self._depth = element, [], [], 0
        self._after_br = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == self.element:
            if self._depth == 0:
                self.texts.append("")
            self._depth += 1
        elif tag == "br" and self._depth:
            self.texts[-1] += "\n"
            self._after_br = True

    def handle_endtag(self, tag):
        if tag == self.element:
            self._depth -= 1

    def handle_data(self, data):
        if self._after_br:  # the renderer writes a newline after each <br>
            data, self._after_br = data.removeprefix("\n"), False
        if self._depth:
            self.texts[-1] += data.replace("\n", " ")


def render(markdown: str, element: str) -> tuple[set[str], list[str]]:
    """Tags in Streamlit-like HTML of `markdown`, and the visible text of each `element`."""
    parsed = _Elements(element)
    parsed.feed(MD.render(markdown.replace(":material/", ":material_")))
    parsed.close()
    return set(parsed.tags), [t.replace(WORD_JOINER, "") for t in parsed.texts]


# Where pages put user text: (markdown around it, element holding it, tags the caller made,
# the element's texts besides the user's)
CONTEXTS = {
    "alone": ("{}", "p", {"p"}, []),
    "bold": ("**{}** — about it", "strong", {"p", "strong"}, []),
    "list item": ("- held: {}\n- next", "li", {"ul", "li"}, ["next"]),
    "numbered": ("1. {}\n2. next", "li", {"ol", "li"}, ["next"]),
}
ONE_LINE_CONTEXTS = {
    "heading": ("### Level 2 · {}", "h3", {"h3"}, []),
    "table cell": (
        "| Name |\n| --- |\n| {} |",
        "td",
        {"table", "thead", "tbody", "tr", "th", "td"},
        [],
    ),
}
PREFIX = {"list item": "held: ", "heading": "Level 2 · "}


def assert_literal(text: str, context: str, escape=md_literal) -> None:
    template, element, tags, others = (CONTEXTS | ONE_LINE_CONTEXTS)[context]
    expected = PREFIX.get(context, "") + re.sub(r"\r\n|\r", "\n", text).replace(WORD_JOINER, "")
    found, texts = render(template.format(escape(text)), element)
    assert found <= tags | {"br"}, f"{found - tags - {'br'}} from {text!r}"
    assert texts == [expected, *others]


METACHARACTERS = {
    "ATX heading": "# Heading",
    "heading, closed": "## Heading ##",
    "setext heading =": "Title\n===",
    "setext heading -": "Title\n---",
    "emphasis": "*em* and _em_",
    "strong": "**strong** and __strong__",
    "strikethrough": "~~gone~~",
    "strikethrough, one tilde": "~gone~",
    "table": "| a | b |\n| --- | --- |\n| 1 | 2 |",
    "table, no outer pipes": "a | b\n--|--",
    "pipe, a cell boundary in a table": "a | b",
    "bullet -": "- item",
    "bullet +": "+ item",
    "bullet *": "* item",
    "ordered 1.": "1. first",
    "ordered 1)": "1) first",
    "ordered later": "some text\n2. second",
    "task list": "- [x] done",
    "block quote": "> quoted",
    "code span": "`code`",
    "code fence `": "```python\nprint(1)\n```",
    "code fence ~": "~~~\nprint(1)\n~~~",
    "indented code": "    indented code",
    "indented code, tab": "\tindented code",
    "indented code after blank line": "text\n\n    code",
    "link": "[offer](http://evil.example)",
    "image": "![x](https://evil.example/pixel.png)",
    "reference link": "[offer][1]\n\n[1]: https://evil.example",
    "footnote": "claim[^1]\n\n[^1]: a note",
    "angle autolink": "<https://evil.example>",
    "angle e-mail": "<ann@example.com>",
    "raw HTML": "<img src=x onerror=alert(1)>",
    "HTML block": "<div>\nblock\n</div>",
    "HTML comment": "<!-- hidden -->",
    "entity": "&amp; &lt; &copy;",
    "numeric entity": "&#60; &#x3C;",
    "inline maths": "$x^2$",
    "display maths": "$$x^2$$",
    "colour": ":red[alarm]",
    "background colour": ":orange-background[x]",
    "badge": ":green-badge[ok]",
    "small": ":small[fine print]",
    "material icon": ":material/home:",
    "emoji": ":smile: :+1:",
    "logo": ":streamlit:",
    "leaf directive": "::youtube[x]",
    "container directive": ":::note\nx\n:::",
    "arrows": "a -> b <- c <-> d",
    "dashes and relations": "a -- b >= c <= d ~= e",
    "rule ---": "---",
    "rule ***": "***",
    "rule ___": "___",
    "rule, spaced": "- - -",
    "hard break, spaces": "line  \nnext",
    "hard break, backslash": "line\\\nnext",
    "escaped already": r"\*not em\*",
    "new paragraph": "one\n\ntwo",
    "blank line with spaces": "one\n   \ntwo",
    "URL": "see https://evil.example/x",
    "URL, http": "http://evil.example",
    "URL, ftp": "ftp://evil.example",
    "www": "www.evil.example",
    "e-mail": "ann@example.com",
    "mailto": "mailto:ann@example.com",
}
# Plain text whose whitespace or line endings markdown would change.
WHITESPACE = {
    "CR LF": "one\r\ntwo\rthree",
    "trailing newline": "one\n",
    "padded": "  padded  ",
    "tab inside": "a\tb",
    "empty": "",
    "only spaces": "   ",
    "only line breaks": "\n\n",
}
CASES = METACHARACTERS | WHITESPACE
ONE_LINE = {k: v for k, v in CASES.items() if not re.search(r"[\r\n]", v)}


@pytest.mark.parametrize("context", CONTEXTS)
@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_renders_as_typed(text, context):
    assert_literal(text, context)


@pytest.mark.parametrize("context", ONE_LINE_CONTEXTS)
@pytest.mark.parametrize("text", ONE_LINE.values(), ids=ONE_LINE.keys())
def test_renders_as_typed_on_one_line(text, context):
    assert_literal(text, context)


@pytest.mark.parametrize("text", METACHARACTERS.values(), ids=METACHARACTERS.keys())
def test_the_renderer_sees_each_case_as_markdown(text):
    """Unescaped, each case renders as something other than its own text: the table above
    tests markdown, and the renderer knows it."""
    contexts = CONTEXTS if re.search(r"[\r\n]", text) else CONTEXTS | ONE_LINE_CONTEXTS
    for context, (template, element, tags, others) in contexts.items():
        found, texts = render(template.format(text), element)
        expected = PREFIX.get(context, "") + text
        if not found <= tags | {"br"} or texts != [expected, *others]:
            return
    pytest.fail(f"{text!r} renders as plain text unescaped too")


# Random text made of markdown: every ASCII punctuation character, scheme and shortcode names,
# letters, digits, spaces, tabs and line breaks.
MARKDOWNISH = st.lists(
    st.sampled_from(
        [*"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", *"aZ19 \t\n\r"]
        + ["http", "https", "ftp", "www", "mailto", "example", "com", "smile", "material"]
        + ["streamlit", "red", "    ", "\r\n", "\n\n", "1. ", "- ", "é", "\u00a0", "\u3000"]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300)
@given(MARKDOWNISH, st.sampled_from(sorted(CONTEXTS)))
def test_random_markdown_renders_as_typed(text, context):
    assert_literal(text, context)


@settings(max_examples=300)
@given(
    MARKDOWNISH.map(lambda t: re.sub(r"[\r\n]", " ", t)), st.sampled_from(sorted(ONE_LINE_CONTEXTS))
)
def test_random_markdown_on_one_line_renders_as_typed(text, context):
    assert_literal(text, context)


@given(st.text().filter(lambda t: "\0" not in t))  # CommonMark shows NUL as U+FFFD
def test_any_text_renders_as_typed(text):
    assert_literal(text, "alone")


# ── labels: literal too, with no backslash a screen reader would read (issue 14 item 6) ─────


@pytest.mark.parametrize("context", CONTEXTS | ONE_LINE_CONTEXTS)
@pytest.mark.parametrize("text", ONE_LINE.values(), ids=ONE_LINE.keys())
def test_a_label_renders_as_typed(text, context):
    assert_literal(text, context, escape=label_literal)


@settings(max_examples=500)
@given(MARKDOWNISH, st.sampled_from(sorted(CONTEXTS | ONE_LINE_CONTEXTS)))
def test_a_random_label_renders_as_typed(text, context):
    if context in ONE_LINE_CONTEXTS:
        text = re.sub(r"[\r\n]", " ", text)
    assert_literal(text, context, escape=label_literal)


@pytest.mark.parametrize(
    "text",
    ["Hand-off", "What do they check it against?", "Who reviews it (and how)?", "A/B, 50%; ok."],
)
def test_a_label_of_plain_punctuation_has_no_backslash(text):
    """Streamlit reads a widget's accessible name from its label as written: "Hand\\-off" was
    read out with its backslash."""
    assert label_literal(text) == text


# ── the app's widgets: every label, option, help and caption a page draws ──────────────────
#
# Streamlit renders markdown in every widget label and help, in the options of radio, pills,
# segmented controls and select sliders, in expander and tab labels, progress texts, toasts
# and captions. Selectbox and multiselect options, text box values and placeholders, and chart
# specs are plain text (checked in Chromium: `![x](…)` as a radio option loads the image, as a
# selectbox option it does not). So a name typed, imported or restored from a backup must reach
# the first kind escaped and the second kind as typed.

HOSTILE = (
    "![img](http://example.invalid/x.png) **bold** :red[red] $x^2$ <b>b</b> "
    "[link](http://example.invalid)"
)
# What only unescaped markdown contains: md_literal leaves none of these whole.
RAW = ("![img](", "**bold**", ":red[", "$x^2$", "<b>", "[link](")
# (element type, field) that Streamlit shows as plain text, so user text stays as typed there.
PLAIN = {
    ("selectbox", "options"),
    ("selectbox", "raw_value"),
    ("multiselect", "options"),
    ("multiselect", "raw_values"),
    ("multiselect", "default"),
    ("text_input", "value"),
    ("text_input", "default"),
    ("text_area", "value"),
    ("text_area", "default"),
    ("plotly_chart", "spec"),  # Plotly text is escaped for Plotly (tests/test_orgmap.py)
    ("vega_lite_chart", "spec"),  # Vega-Lite draws text as given (tests/test_vega.py)
    ("code", "code_text"),
}
INTERNAL = {"id", "form_id", "key"}  # widget identities, never shown
NAMES = {
    "workspace": f"WS {HOSTILE}",
    "use case": f"UC {HOSTILE}",
    "other use case": f"UC2 {HOSTILE}",
    "function": f"FN {HOSTILE}",
    "other function": f"FN2 {HOSTILE}",
    "tool": f"TL {HOSTILE}",
    "objective": f"OB {HOSTILE}",
    "respondent": f"RS {HOSTILE}",
    "participant": f"PT {HOSTILE}",
    "note": f"NT {HOSTILE}",
}


def _strings(value, path: tuple[str, ...] = ()):
    """Every string in a protobuf message (or JSON value) with the field names leading to it."""
    from google.protobuf.message import Message

    if isinstance(value, Message):
        for field, inner in value.ListFields():
            yield from _strings(inner, (*path, field.name))
    elif isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _strings(inner, (*path, str(key)))
    elif isinstance(value, (list, tuple)) or type(value).__name__.startswith("Repeated"):
        for inner in value:
            yield from _strings(inner, path)


def _shown(at):
    """(element type, field path, text) of every string the page sends the browser. The
    data editor's column settings are JSON: their help and labels are markdown, the rest
    (select options) plain."""
    import json

    for node in at._tree:
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "ListFields"):
            continue
        for path, text in _strings(proto):
            if path and path[-1] == "columns" and text.startswith("{"):
                for inner, value in _strings(json.loads(text)):
                    shown_as = "markdown" if inner[-1] in ("help", "label") else "plain"
                    yield node.type, (*path, *inner, shown_as), value
            else:
                yield node.type, path, text


def _markdown_and_plain(at) -> tuple[list, list]:
    markdown, plain_text = [], []
    for kind, path, text in _shown(at):
        if INTERNAL & set(path):
            continue
        plain_place = path[-1] == "plain" or any((kind, field) in PLAIN for field in path)
        (plain_text if plain_place else markdown).append((kind, path, text))
    return markdown, plain_text


def assert_user_text_literal(at, page: str) -> tuple[list, list]:
    assert not at.exception, (page, at.exception)
    markdown, plain_text = _markdown_and_plain(at)
    rendered = [
        (kind, ".".join(path), text) for kind, path, text in markdown if any(r in text for r in RAW)
    ]
    assert not rendered, f"{page}: user text reaches markdown unescaped: {rendered}"
    escaped = [md_literal(name) for name in NAMES.values()]
    doubled = [
        (kind, ".".join(path), text)
        for kind, path, text in plain_text
        if any(e in text for e in escaped)
    ]
    assert not doubled, f"{page}: plain text shows markdown escapes: {doubled}"
    return markdown, plain_text


@pytest.fixture
def hostile(store):
    """A workspace whose every name is markdown: a workshop voting on one use case, with a
    named participant who answered, and a second use case traced by a named respondent."""
    from coordination.workshop.settings import checked_setup

    ws = store.create_workspace(NAMES["workspace"], [NAMES["function"], NAMES["other function"]])
    uc = store.add_use_case(
        ws.key,
        NAMES["use case"],
        function=NAMES["function"],
        involved=[NAMES["other function"]],
        tool=NAMES["tool"],
        objective=NAMES["objective"],
        notes=NAMES["note"],
    )
    other = store.add_use_case(ws.key, NAMES["other use case"], function=NAMES["other function"])
    for n, q in enumerate(store.questionnaire.question_ids):
        store.set_answer(ws.key, other, NAMES["respondent"], q, n % 4)
    store.set_note(ws.key, other, NAMES["respondent"], "reach", NAMES["note"])
    workshop = store.workshops.create(
        ws.key, checked_setup(use_cases=(uc, other), anonymity="off", threshold=3)
    )
    store.workshops.set_phase(ws.key, workshop.key, uc, "voting")
    token = store.join(store.invitation_token(workshop.invitation))
    me = store.identify(None, token)
    store.set_display_name(me, NAMES["participant"], NAMES["function"])
    store.participant_answer(me, uc, "reach", 2)
    store.participant_note(me, uc, "reach", NAMES["note"])
    return ws, uc, other, workshop, token


def _pages(store, owner, monkeypatch, hostile):
    """Every page that shows the workspace's names, as the owner and as the participant."""
    from tests.app_helpers import Browser

    ws, uc, other, workshop, token = hostile
    owner_pages = {
        "start": ("app_pages/owner/start.py", {}),
        "inventory": ("app_pages/owner/inventory.py", {}),
        "trace": ("app_pages/owner/trace.py", {"uc": other, "r": NAMES["respondent"]}),
        "trace, open questions": (
            "app_pages/owner/trace.py",
            {"uc": other, "r": NAMES["respondent"], "step": "9"},
        ),
        "result": ("app_pages/owner/result.py", {"uc": other}),
        "map": ("app_pages/owner/map.py", {}),
        "data": ("app_pages/owner/data.py", {}),
        "import": ("app_pages/owner/imports.py", {}),
        "workshop console, voting": ("app_pages/owner/workshop.py", {"w": workshop.key, "uc": uc}),
        "presenter": ("app_pages/owner/present.py", {"w": workshop.key, "live": "0"}),
    }
    for name, (page, params) in owner_pages.items():
        yield name, owner.open(page, ws=ws.key, **params)
    store.workshops.set_phase(ws.key, workshop.key, uc, "revealed")
    yield (
        "workshop console, revealed",
        owner.open("app_pages/owner/workshop.py", ws=ws.key, w=workshop.key, uc=uc),
    )
    store.workshops.set_phase(ws.key, workshop.key, uc, "voting")
    participant = Browser(monkeypatch).as_participant(token)
    yield "participant", participant.open()
    invitation = store.invitation(ws.key, [uc, other])
    yield "participant, two use cases", participant.as_participant(store.join(invitation)).open()


def test_every_widget_shows_user_text_literally(store, owner, monkeypatch, hostile):
    seen_markdown, seen_plain = [], []
    for page, at in _pages(store, owner, monkeypatch, hostile):
        markdown, plain_text = assert_user_text_literal(at, page)
        seen_markdown += [(page, kind, path[-1], t) for kind, path, t in markdown]
        seen_plain += [(page, kind, path[-1], t) for kind, path, t in plain_text]

    # The check above saw the names, escaped where markdown shows them: in the console's
    # choice of use case (issue 12 item 7), its list of who answered, the presenter's title.
    def escaped_in(kind: str, name: str) -> bool:
        return any(k == kind and md_literal(NAMES[name]) in t for _, k, _, t in seen_markdown)

    assert escaped_in("radio", "use case") and escaped_in("radio", "other use case")
    assert escaped_in("markdown", "participant") and escaped_in("markdown", "respondent")
    assert escaped_in("title", "use case") and escaped_in("caption", "workspace")
    # …and as typed where Streamlit shows plain text (the pickers of use cases and functions).
    as_typed = {t for *_, t in seen_plain}
    for name in ("use case", "other use case", "function", "workspace"):
        assert any(NAMES[name] in t for t in as_typed), name


def test_the_import_page_shows_a_files_headers_as_typed_and_names_literally(
    store, owner, questionnaire
):
    from tests.survey_files import google_csv

    ws = store.create_workspace(NAMES["workspace"])
    header = "Who relies on this AI use case today?"
    data = google_csv(questionnaire).replace(header.encode(), f"{header} {HOSTILE}".encode(), 1)
    data = data.replace(b"Tender drafts", NAMES["use case"].encode(), 1)
    at = owner.open("app_pages/owner/imports.py", ws=ws.key)
    at.file_uploader(key="survey_file").set_value(("f.csv", data, "text/csv")).run()
    markdown, plain_text = assert_user_text_literal(at, "import, uploaded")
    typed_header = f"{header} {HOSTILE}"[:80]  # the page shows 80 characters of a header
    assert any(typed_header in t for kind, _, t in plain_text if kind == "selectbox")
    import_button = md_literal(f"into {NAMES['workspace']}")
    assert any(import_button in t for kind, _, t in markdown if kind == "button")
