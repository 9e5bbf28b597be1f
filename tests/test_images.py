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


def test_all_charts_come_as_one_zip(demo_map, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", need_browser())
    with zipfile.ZipFile(io.BytesIO(charts_zip(demo_map, "ashgrove"))) as archive:
        names = sorted(archive.namelist())
        sizes = {n: png_size(archive.read(n)) for n in names if n.endswith(".png")}
    views = ("answers", "distribution", "functions", "levels", "spread")
    assert len(names) == 15
    assert all(f"ashgrove-{v}.svg" in names for v in views)
    assert sizes["ashgrove-answers-1280x720.png"] == (1280, 720)
    assert sizes["ashgrove-spread-1920x1080.png"] == (1920, 1080)


def test_without_chromium_the_export_says_how_to_install_one(demo_map, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(BrowserMissing, match="apt-get install chromium"):
        figure_bytes(demo_map.slide("answers"), "png")
    assert figure_bytes(demo_map.slide("answers"), "html").startswith(b"<!DOCTYPE html>")
