"""The join link and its QR code (coordination/workshop/links.py)."""

from __future__ import annotations

import io

from PIL import Image

from coordination.workshop.links import join_link, only_local, qr_png


def test_the_join_link_carries_the_code_under_the_servers_address():
    assert (
        join_link("https://map.example.org/", "ABC123")
        == "https://map.example.org/join?code=ABC123"
    )


def test_a_local_address_is_told_apart_from_one_phones_can_open():
    assert only_local("http://localhost:8501") and only_local("http://127.0.1.1:8501")
    assert not only_local("http://192.168.1.20:8501")


def test_the_qr_code_is_a_black_on_white_png_with_its_quiet_zone_made_once_per_link():
    link = join_link("http://192.168.1.20:8501", "ABC123")
    png = qr_png(link)
    image = Image.open(io.BytesIO(png)).convert("L")
    assert image.size[0] == image.size[1] and image.size[0] >= 25 * 10
    assert image.getpixel((5, 5)) == 255  # the quiet zone is white
    assert {image.getpixel((x, x)) for x in range(0, image.size[0], 5)} == {0, 255}
    # The presenter draws it every second while the room joins: made once, not each time.
    assert qr_png(link) is png
    assert qr_png(join_link("http://192.168.1.20:8501", "XYZ789")) != png
