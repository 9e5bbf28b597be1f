"""The slide deck: 16:9, native tables and chart, a slide per traced use case, text that stays
in its box, brand options; rendered by LibreOffice one page per slide."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess

import pytest
from pptx import Presentation
from pptx.util import Inches

from coordination.errors import ExportError
from coordination.files.brand import Brand
from coordination.files.deck import deck_bytes
from coordination.files.pack import build_pack
from coordination.models import Assessment, Response, UseCase
from coordination.report.orgmap import OrgMap
from tests.conftest import IN_CI

DAY = dt.date(2026, 11, 26)


def deck_of(org: OrgMap, brand: Brand | None = None) -> Presentation:
    return Presentation(io.BytesIO(deck_bytes(build_pack(org, DAY), brand)))


def texts(slide) -> str:
    out = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            out.append(shape.text_frame.text)
        if shape.has_table:
            out += [c.text for row in shape.table.rows for c in row.cells]
    return "\n".join(out)


@pytest.fixture(scope="module")
def demo_deck(request):
    from coordination.files.fileformat import read_assessment
    from coordination.method.questionnaire import load_questionnaire
    from coordination.settings import DEMO_PATH

    q = load_questionnaire()
    org = OrgMap(read_assessment(DEMO_PATH, q), q)
    return org, deck_of(org)


def test_the_deck_is_16_9_and_opens_with_the_organization_date_and_counts(demo_deck):
    org, deck = demo_deck
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))
    first = texts(deck.slides[0])
    assert "Ashgrove Industrial Supply" in first and "26 November 2026" in first
    assert "14 use cases traced, one in progress" in first and "respondents" in first


def test_the_levels_slide_says_the_questionnaires_levels(demo_deck):
    org, deck = demo_deck
    text = next(texts(s) for s in deck.slides if texts(s).startswith("The five levels"))
    assert all(lv.name in text and lv.summary in text for lv in org.questionnaire.levels)


def test_the_heatmap_is_a_native_coloured_table_split_into_legible_slides(demo_deck):
    org, deck = demo_deck
    slides = [s for s in deck.slides if "Where coordination is missing" in texts(s)]
    tables = [sh.table for s in slides for sh in s.shapes if sh.has_table]
    assert len(slides) == 2 and len(tables) == 2
    rows = [r for t in tables for r in list(t.rows)[1:]]
    started = org.active_levels[org.active_levels["level"].notna()]
    assert len(rows) == len(started) == 15
    first = list(tables[0].rows)[1].cells
    assert first[1].text == "5 · Strategic learning"
    assert first[1].fill.fore_color.rgb is not None  # coloured, and editable as a cell fill
    provisional = [r.cells[1].text for r in rows if "provisional" in r.cells[1].text]
    assert provisional == ["2 · Tool standardization (provisional)"]
    unanswered = [c.text for r in rows for c in list(r.cells)[2:] if c.text == "–"]
    assert len(unanswered) == 5  # the trace in progress: five questions not answered yet
    assert "Website chatbot pilot" not in "".join(texts(s) for s in slides)  # retired


def test_the_level_distribution_is_a_native_chart_with_editable_data(demo_deck):
    org, deck = demo_deck
    (chart,) = [sh.chart for s in deck.slides for sh in s.shapes if sh.has_chart]
    plot = chart.plots[0]
    assert list(plot.categories) == [lv.name for lv in org.questionnaire.levels] + ["Not traced"]
    traced, provisional = (list(s.values) for s in plot.series)
    assert sum(traced[:-1]) == 14 and sum(provisional) == 1 and traced[-1] == 1
    assert chart.value_axis.major_unit == 1  # whole use cases, not 0.5 steps
    assert not chart.has_legend  # a series swatch cannot carry one colour per level


def test_every_count_on_the_level_chart_is_labelled_and_light_on_the_dark_levels(demo_deck):
    _, deck = demo_deck
    (chart,) = [sh.chart for s in deck.slides for sh in s.shapes if sh.has_chart]
    traced = chart.plots[0].series[0]
    ns = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
          "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}  # fmt: skip
    labels = traced._element.find("c:dLbls", ns)
    # The series' own labels stand in for the plot's: they must show every value.
    assert labels.find("c:showVal", ns).get("val") == "1"
    white = {
        int(d.find("c:idx", ns).get("val"))
        for d in labels.findall("c:dLbl", ns)
        if d.find(".//a:solidFill/a:srgbClr", ns).get("val").lower() == "ffffff"
    }
    assert white == {3, 4}  # Cross-functional coordination and Strategic learning


def test_the_function_by_level_table_leaves_zero_cells_blank(demo_deck):
    _, deck = demo_deck
    (slide,) = [s for s in deck.slides if "Use cases per function and level" in texts(s)]
    (table,) = [sh.table for sh in slide.shapes if sh.has_table]
    cells = [c.text for r in list(table.rows)[1:] for c in list(r.cells)[1:]]
    assert "0" not in cells and "" in cells and "2" in cells


def test_every_traced_use_case_has_its_slide_with_the_next_useful_improvement(demo_deck):
    org, deck = demo_deck
    titles = [texts(s).split("\n")[0] for s in deck.slides]
    for uc_id in org.active_levels[org.active_levels["level"].notna()]["id"]:
        result = org.results[uc_id]
        (k,) = [k for k, t in enumerate(titles) if t == result.name]
        text = texts(deck.slides[k])
        assert f"Level {result.level} · {result.level_name}" in text
        if result.next_steps:
            assert result.next_steps[0] in text
        assert ("Provisional: 3 of 8 answered" in text) == result.provisional
    assert "Website chatbot pilot" not in titles and "Ordering portal release notes" not in titles


def test_the_appendix_holds_every_answer_and_note_and_hides_anonymous_names(questionnaire):
    cases = [
        UseCase(
            id="uc",
            name="Call notes",
            responses=[
                # As the read side labels an anonymous workshop's participant (test_identity).
                Response(
                    respondent="Participant 1", answers={"reach": 2}, notes={"reach": "A note"}
                ),
                Response(respondent="Ben", answers={"reach": None}),
                Response(answers={"reach": 1}),  # a form row without a name
            ],
        )
    ]
    org = OrgMap(Assessment(organization="Testco", use_cases=cases), questionnaire)
    appendix = "\n".join(texts(s) for s in deck_of(org).slides if "Appendix" in texts(s))
    assert "Participant 1" in appendix and "Anonymous 1" in appendix
    assert "Who uses it: A note" in appendix and "Ben" in appendix and "?" in appendix


def test_long_names_and_notes_stay_inside_the_slide(questionnaire):
    long_name = "A use case whose name goes on and on " * 5
    note = "word " * 1500
    cases = [
        UseCase(
            id="long",
            name=long_name.strip()[:200],
            notes=note[:4000],
            responses=[
                Response(
                    respondent="Someone with a very long name indeed " * 4,
                    answers={"reach": 2, "tool_standard": 2},
                    notes={"learned": note[:4000], "reach": note[:3000]},
                )
            ],
        )
    ]
    deck = deck_of(OrgMap(Assessment(organization="O" * 200, use_cases=cases), questionnaire))
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.top + shape.height <= deck.slide_height, texts(slide)[:80]
            assert shape.left + shape.width <= deck.slide_width
    appendix = [s for s in deck.slides if "Appendix" in texts(s)]
    assert len(appendix) >= 3  # 7,000 characters of notes continue over several slides
    assert sum(texts(s).count("word") for s in appendix) == 800 + 600  # nothing lost


def test_brand_colour_font_and_logo_reach_every_slide(tmp_path, questionnaire):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (200, 80), "#aa3300").save(logo)
    cases = [UseCase(id="a", name="A", responses=[Response(respondent="x", answers={"reach": 1})])]
    org = OrgMap(Assessment(organization="Brand AG", use_cases=cases), questionnaire)
    deck = deck_of(org, Brand(accent="#aa3300", font="Georgia", logo=logo.read_bytes()))
    for slide in deck.slides:
        assert any(sh.shape_type == 13 for sh in slide.shapes)  # a picture: the logo
    title = deck.slides[0].shapes[1].text_frame.paragraphs[0].runs[0].font
    assert (str(title.color.rgb), title.name) == ("AA3300", "Georgia")


@pytest.mark.parametrize(
    ("brand", "problem"),
    [
        ({"accent": "blue"}, "not a colour: 'blue'"),
        ({"accent": "#12345"}, "not a colour"),
        ({"logo": b"GIF89a..."}, "logo: not a PNG or JPEG image"),
        ({"logo": b"\x89PNG\r\n\x1a\n" + bytes(2_000_000)}, "logo: 2,000 kB; at most 1,000 kB"),
        ({"font": ""}, "font: '' is not a font name"),
    ],
)
def test_a_bad_brand_option_is_refused_with_what_to_write(brand, problem):
    with pytest.raises(ExportError, match=problem):
        Brand(**brand)


def test_libreoffice_renders_one_page_per_slide(tmp_path, demo_deck):
    soffice = shutil.which("soffice")
    if not soffice:
        if IN_CI:
            pytest.fail("LibreOffice is required in CI (apt-get install libreoffice-impress)")
        pytest.skip("LibreOffice is not installed")
    org, deck = demo_deck
    path = tmp_path / "deck.pptx"
    path.write_bytes(deck_bytes(build_pack(org, today=DAY)))
    env = {**os.environ, "HOME": str(tmp_path)}  # its own profile: no lock with another run
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=240,
        env=env,
    )
    pdf = (tmp_path / "deck.pdf").read_bytes()
    assert _pages(pdf) == len(deck.slides)


def _pages(pdf: bytes) -> int:
    import re

    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_advice_longer_than_a_slide_continues_on_the_next_one(tmp_path):
    from coordination.method.questionnaire import DEFAULT_PATH, load_questionnaire

    long_step = "Write it down, then check it with the team. " * 120  # about 5,300 characters
    text = DEFAULT_PATH.read_text(encoding="utf-8").replace(
        'step = "The team lead approves one tool',
        f'step = "{long_step}The team lead approves one tool',
    )
    lens = tmp_path / "lens.toml"
    lens.write_text(text, encoding="utf-8")
    q = load_questionnaire(lens)
    answers = dict.fromkeys(q.question_ids, 0) | {"reach": 2}  # only the tool is missing
    cases = [UseCase(id="a", name="A", responses=[Response(respondent="x", answers=answers)])]
    deck = deck_of(OrgMap(Assessment(organization="Long Advice", use_cases=cases), q))
    pages = [s for s in deck.slides if texts(s).startswith("A")]
    assert len(pages) >= 3 and texts(pages[1]).startswith("A (continued)")
    assert texts(pages[2]).startswith("A (continued)")
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.top + shape.height <= deck.slide_height
    shown = "".join(texts(s) for s in pages)
    assert shown.count("Write it down") == 120  # every word of it, on some slide


def test_the_deck_opens_with_a_summary_and_its_scope_for_a_board(demo_deck):
    """Issue 15: an executive summary (where we stand, the most useful improvements and who
    owns them), scope and method with every inventoried use case accounted for, and speaker
    notes that say what a slide shows."""
    org, deck = demo_deck
    titles = [texts(s).split("\n")[0] for s in deck.slides]
    assert titles[1:3] == ["Executive summary", "Scope and method"]
    summary, scope = texts(deck.slides[1]), texts(deck.slides[2])
    assert org.headline() in summary and "The most useful improvements" in summary
    assert "(three use cases; owned by" in summary
    said = "16 use cases of AI in six functions: 14 traced, 1 in progress, 1 not traced yet"
    assert said in scope
    assert "Not traced yet" in scope and "Ordering portal release notes" in scope
    for slide in list(deck.slides)[1:4]:
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()


def test_a_heatmap_of_four_use_cases_fills_its_slide(questionnaire):
    answers = dict.fromkeys(questionnaire.question_ids, 2)
    cases = [
        UseCase(
            id=f"u{k}", name=f"Use case {k}", responses=[Response(respondent="x", answers=answers)]
        )
        for k in range(4)
    ]
    deck = deck_of(OrgMap(Assessment(organization="Fourco", use_cases=cases), questionnaire))
    slide = next(s for s in deck.slides if texts(s).startswith("Where coordination is missing"))
    (table,) = [sh for sh in slide.shapes if sh.has_table]
    # Four rows reach well down the slide (they took a third of it), above the key line.
    assert table.top + table.height > deck.slide_height * 0.7
    assert table.top + table.height <= deck.slide_height - Inches(0.6)
