"""The PDF pack and the one-page result: made in-process, everything in them, text literal."""

from __future__ import annotations

import base64
import datetime as dt
import html
import re
import shutil
import subprocess
import zlib
from dataclasses import replace

import pytest

from coordination.files.pack import build_pack
from coordination.files.pdf import pack_pdf
from coordination.files.pdf_case import case_pdf
from coordination.models import Assessment, Response, UseCase
from coordination.report.orgmap import OrgMap
from tests.conftest import IN_CI

DAY = dt.date(2026, 11, 26)


def pdf_text(data: bytes, tmp_path) -> tuple[str, int]:
    """The text and page count, read back by poppler (pdftotext, pdfinfo)."""
    if not shutil.which("pdftotext"):
        if IN_CI:
            pytest.fail("poppler-utils is required in CI (apt-get install poppler-utils)")
        pytest.skip("poppler-utils is not installed")
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    pages = int(
        next(line for line in info.stdout.splitlines() if line.startswith("Pages:")).split()[1]
    )
    return text.stdout.decode(), pages


@pytest.fixture(scope="module")
def demo_org():
    from coordination.files.fileformat import read_assessment
    from coordination.method.questionnaire import load_questionnaire
    from coordination.settings import DEMO_PATH

    q = load_questionnaire()
    return OrgMap(read_assessment(DEMO_PATH, q), q)


def test_the_pack_holds_every_traced_use_case_and_marks_the_provisional_one(demo_org, tmp_path):
    text, pages = pdf_text(pack_pdf(build_pack(demo_org, today=DAY)), tmp_path)
    flat = " ".join(text.split())
    assert "Ashgrove Industrial Supply" in flat and "26 November 2026" in flat
    for uc_id in demo_org.active_levels[demo_org.active_levels["level"].notna()]["id"]:
        assert demo_org.results[uc_id].name in flat
    assert "Provisional: 3 of 8 answered" in flat
    assert "Website chatbot pilot" not in flat  # retired
    assert pages > 20


def test_user_text_in_the_pack_is_shown_literally(demo_org, tmp_path):
    text, _ = pdf_text(pack_pdf(build_pack(demo_org, today=DAY)), tmp_path)
    flat = " ".join(text.split())
    assert "<b>bold</b> tags & a [link](http://example.com)" in flat


def test_notes_longer_than_a_page_continue_and_nothing_is_lost(questionnaire, tmp_path):
    note = "word " * 1400
    cases = [
        UseCase(
            id="a",
            name="Long notes " * 18,
            responses=[Response(respondent="Ann", answers={"reach": 2}, notes={"learned": note})],
        )
    ]
    org = OrgMap(Assessment(organization="Longco", use_cases=cases), questionnaire)
    text, pages = pdf_text(pack_pdf(build_pack(org, today=DAY)), tmp_path)
    assert text.count("word") == 1400
    assert "Ann (continued)" in text


def test_the_one_page_result_stays_one_page_however_long_its_texts(questionnaire, tmp_path):
    cases = [
        UseCase(
            id="a",
            name="A use case with a long name " * 7,
            tool="A tool " * 28,
            responses=[Response(respondent="Ann", answers={"reach": 2, "tool_standard": 1})],
        )
    ]
    org = OrgMap(Assessment(organization="Longco", use_cases=cases), questionnaire)
    pack = build_pack(org, today=DAY)
    text, pages = pdf_text(case_pdf(pack, pack.cases[0]), tmp_path)
    assert pages == 1
    assert "Next useful improvement" in text


def pdf_info(data: bytes, tmp_path) -> dict[str, str]:
    path = tmp_path / "info.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    return dict(
        (key.strip(), value.strip())
        for key, _, value in (line.partition(":") for line in out.stdout.splitlines())
    )


def pdf_words(data: bytes, tmp_path, page: int) -> list[tuple[str, float, float, float, float]]:
    """Each word of one page with its box (x min, y min, x max, y max, in points)."""
    path = tmp_path / "words.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True, check=True, text=True,
    )  # fmt: skip
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        out.stdout,
    )
    return [(html.unescape(w), float(a), float(b), float(c), float(d)) for a, b, c, d, w in found]


def strokes(data: bytes) -> int:
    """How many straight lines the PDF's pages stroke (their content streams decoded)."""
    total = 0
    for filters, stream in re.findall(rb"/Filter \[([^\]]*)\][^>]*>>\s*stream\r?\n(.*?)endstream",
                                      data, re.S):  # fmt: skip
        if b"ASCII85Decode" in filters:
            stream = base64.a85decode(stream.strip().removesuffix(b"~>"))
        if b"FlateDecode" in filters:
            stream = zlib.decompressobj().decompress(stream)
        total += len(re.findall(rb" l S\b", stream))
    return total


def test_a_provisional_level_is_hatched_in_the_pack(demo_org):
    pack = build_pack(demo_org, today=DAY)
    assert any(row.provisional for row in pack.heatmap)
    finished = replace(
        pack,
        heatmap=[replace(row, provisional=False) for row in pack.heatmap],
        cases=[replace(case, provisional=False) for case in pack.cases],
    )
    # The heatmap's level cell and the use case's level badge: hatched, as on the charts.
    assert strokes(pack_pdf(pack)) > strokes(pack_pdf(finished)) + 20


def test_notes_sit_below_the_answers_and_leave_them_their_width(questionnaire, tmp_path):
    note = "Reviewed by the team lead before it goes out " * 12
    cases = [
        UseCase(
            id="a",
            name="Support ticket tagging",
            responses=[
                Response(
                    respondent="Ann",
                    answers={q.id: 2 for q in questionnaire.questions},
                    notes={"learned": note},
                )
            ],
        )
    ]
    org = OrgMap(Assessment(organization="Longco", use_cases=cases), questionnaire)
    data = pack_pdf(build_pack(org, today=DAY))
    _, pages = pdf_text(data, tmp_path)
    words = pdf_words(data, tmp_path, pages)  # the appendix is the last page
    header = [w for w in words if w[0] == "workflow"]  # "Defined workflow", a column header
    assert header and header[0][4] - header[0][2] >= 8  # 9 pt type, not shrunk to fit
    answers = [w for w in words if w[0] == "2"]
    first_note = next(w for w in words if w[0] == "Reviewed")
    assert len(answers) == len(questionnaire.questions)
    assert first_note[2] > max(a[4] for a in answers)  # below the answers' row
    assert first_note[1] < min(a[1] for a in answers)  # starting left of the first answer


def test_the_one_page_result_is_the_use_cases_with_steps_from_one_and_its_answers(
    demo_org, tmp_path
):
    case_id = next(
        uc_id for uc_id in demo_org.active_ids
        if len(demo_org.results[uc_id].steps) > 2 and demo_org.results[uc_id].respondents > 1
    )  # fmt: skip
    pack = build_pack(demo_org, today=DAY, only=case_id)
    case = pack.cases[0]
    data = case_pdf(pack, case)
    info = pdf_info(data, tmp_path)
    assert info["Title"] == f"{case.name} — {pack.organization}"
    assert info["Pages"] == "1"
    text, _ = pdf_text(data, tmp_path)
    steps = re.findall(r"^\s*(\d)\. ", text, re.M)
    assert steps[:3] == ["1", "2", "3"], text
    flat = " ".join(text.split())
    assert "Answers" in flat
    for row in pack.appendix:
        assert row.respondent in flat
    for label in pack.questions:
        assert label.split()[0] in flat
