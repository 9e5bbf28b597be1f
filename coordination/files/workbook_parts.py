"""A workbook's parts: the zip read within the import's bounds, each part inflated in chunks
against one budget and parsed by expat (no tree, no document type)."""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable, Iterator
from xml.parsers import expat

from coordination.files import limits

CHUNK = 64 * 1024


class Unreadable(Exception):
    """The workbook's structure is broken; the message says where."""


def check_directory(data: bytes, filename: str) -> None:
    """Refuse a zip whose table of contents lists more parts than a workbook has, before
    zipfile makes an object for each: 20 MB of directory would be 200,000 of them (110 MB).
    The counts are read where zipfile reads them: the end record, and the Zip64 end record
    that overrides it when one precedes it."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or len(data) < end + 22:
        return  # zipfile names the problem
    _, _, _, _, entries, size, _, _ = struct.unpack("<4s4H2LH", data[end : end + 22])
    _check_counts(entries, size, filename)
    if end >= 76 and data[end - 20 : end - 16] == b"PK\x06\x07":
        record = data[end - 76 : end - 20]
        if record[:4] == b"PK\x06\x06":
            _, _, _, _, _, _, _, entries, size, _ = struct.unpack("<4sQ2H2L4Q", record)
            _check_counts(entries, size, filename)


def _check_counts(entries: int, size: int, filename: str) -> None:
    if entries > limits.MAX_MEMBERS:
        raise limits.too_many_members(entries, filename)
    if size > limits.MAX_MEMBERS * 1024:  # a directory that lies about its count
        raise limits.too_many_members(
            f"{size:,} bytes of table of contents, so more than {limits.MAX_MEMBERS:,}", filename
        )


class Parts:
    """The workbook's parts, each inflated in chunks against one budget for all of them."""

    def __init__(self, book: zipfile.ZipFile, filename: str) -> None:
        self.book = book
        self.filename = filename
        self.left = limits.MAX_UNPACKED
        self.names = set(book.namelist())

    def chunks(self, name: str) -> Iterator[bytes]:
        if name not in self.names:
            raise Unreadable(f"no part {name}")
        with self.book.open(name) as part:
            while chunk := part.read(CHUNK):
                self.left -= len(chunk)
                if self.left < 0:
                    raise limits.unpacks_too_far(self.filename)
                yield chunk

    def parse(self, name: str, start: Callable, end: Callable | None = None, text=None) -> None:
        """Run expat over a part with handlers that receive local names (no prefix)."""
        parser = expat.ParserCreate()
        parser.buffer_text = True
        parser.buffer_size = CHUNK
        end = end or _ignore

        def root(tag: str, attrs: dict) -> None:
            # Excel writes names without a prefix (<c>); some writers use one (<x:c>). Only then
            # do the handlers go through a translation: a sheet has a million elements.
            if ":" in tag:
                parser.StartElementHandler = lambda tag, attrs: start(local(tag), attrs)
                parser.EndElementHandler = lambda tag: end(local(tag))
            else:
                parser.StartElementHandler, parser.EndElementHandler = start, end
            start(local(tag), attrs)

        parser.StartElementHandler = root
        parser.EndElementHandler = end
        if text is not None:
            parser.CharacterDataHandler = text
        # A workbook has no document type: one that declares entities is refused outright.
        parser.StartDoctypeDeclHandler = _no_doctype
        for chunk in self.chunks(name):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)


def _no_doctype(*_) -> None:
    raise Unreadable("a part declares a document type")


def _ignore(*_) -> None:
    pass


def local(tag: str) -> str:
    return tag.rpartition(":")[2]


def attr(attrs: dict, name: str) -> str | None:
    """An attribute by local name: `r:id` and `id` alike."""
    for key, value in attrs.items():
        if local(key) == name:
            return value
    return None
