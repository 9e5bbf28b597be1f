"""A workspace's brand is kept with it, on both databases, and leaves with it."""

from __future__ import annotations

import pytest

from coordination.errors import ExportError
from coordination.files.brand import Brand

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_a_workspace_starts_with_the_default_look_and_keeps_the_one_set(any_store):
    ws = any_store.create_workspace("Branded")
    assert any_store.brand(ws.key) == Brand()
    before = any_store.version(ws.key)
    any_store.set_brand(ws.key, Brand(accent="#aa3300", font="Georgia", logo=PNG))
    assert any_store.brand(ws.key) == Brand("#aa3300", "Georgia", PNG)
    assert any_store.version(ws.key) > before
    any_store.set_brand(ws.key, Brand(accent="#112233"))
    assert any_store.brand(ws.key) == Brand("#112233")  # the logo removed too
    other = any_store.create_workspace("Plain")
    assert any_store.brand(other.key) == Brand()


def test_a_bad_brand_never_reaches_the_database():
    with pytest.raises(ExportError, match="not a colour"):
        Brand(accent="#zzzzzz")
