"""The PDF pack and the one-page result: made in-process, everything in them, text literal."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

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
