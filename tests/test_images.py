"""Chart images for slides: PNG at 1920×1080 and 1280×720, SVG, all of them in one zip; and a
sentence, not a crash, when there is no Chromium."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from coordination.errors import BrowserMissing
from coordination.files.images import charts_zip, figure_bytes
from tests.conftest import need_browser


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def demo_map():
    from coordination.files.fileformat import read_assessment
    from coordination.method.questionnaire import load_questionnaire
    from coordination.report.orgmap import OrgMap
    from coordination.settings import DEMO_PATH

    q = load_questionnaire()
    return OrgMap(read_assessment(DEMO_PATH, q), q)


def test_png_comes_in_two_slide_sizes_and_svg_as_a_vector(demo_map, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", need_browser())
    fig = demo_map.slide("levels")
    assert png_size(figure_bytes(fig, "png", "1920x1080")) == (1920, 1080)
    assert png_size(figure_bytes(fig, "png", "1280x720")) == (1280, 720)
    svg = figure_bytes(fig, "svg").decode()
    assert svg.startswith("<svg") and 'width="1600"' in svg


def test_all_charts_come_as_one_zip_named_as_their_buttons_with_progress(demo_map, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", need_browser())
    told = []
    data = charts_zip(demo_map, "ashgrove", progress=lambda *step: told.append(step))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = sorted(archive.namelist())
        sizes = {n: png_size(archive.read(n)) for n in names if n.endswith(".png")}
        svg = archive.read("ashgrove-disagreement.svg").decode()
    # The map's buttons: Gaps by question, Levels, Functions × levels, Distribution,
    # Disagreement — not the code's "answers" and "spread".
    buttons = ("gaps-by-question", "levels", "functions-levels", "distribution", "disagreement")
    assert names == sorted(
        f"ashgrove-{b}{end}" for b in buttons for end in ("-1920x1080.png", "-1280x720.png", ".svg")
    )
    assert sizes["ashgrove-gaps-by-question-1280x720.png"] == (1280, 720)
    assert sizes["ashgrove-disagreement-1920x1080.png"] == (1920, 1080)
    assert svg.startswith("<svg") and "Where respondents disagree" in svg
    # Told before each chart and when done: the page's bar moves while the zip is drawn.
    assert [done for done, _, _ in told] == [0, 1, 2, 3, 4, 5]
    assert {total for _, total, _ in told} == {5}
    assert told[0][2] == "Gaps by question" and told[-1][2] == "Disagreement"


def test_without_chromium_the_export_says_how_to_install_one(demo_map, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(BrowserMissing, match="apt-get install chromium"):
        figure_bytes(demo_map.slide("answers"), "png")
    assert figure_bytes(demo_map.slide("answers"), "html").startswith(b"<!DOCTYPE html>")
