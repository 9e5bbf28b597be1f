"""A company's look for its decks and PDFs: accent colour, font and logo, checked once."""

from __future__ import annotations

from dataclasses import dataclass

from coordination.errors import ExportError
from coordination.files.colours import channels

DEFAULT_ACCENT, DEFAULT_FONT = "#225ea8", "Arial"
MAX_LOGO = 1_000_000  # bytes: a logo, not a photograph
FONTS = ("Arial", "Calibri", "Helvetica", "Georgia", "Verdana", "Segoe UI", "Source Sans Pro")


@dataclass(frozen=True)
class Brand:
    """The accent colours titles and rules; the font is the deck's (a PDF keeps its own,
    which holds every accent); the logo (PNG or JPEG bytes) sits top right on each slide."""

    accent: str = DEFAULT_ACCENT
    font: str = DEFAULT_FONT
    logo: bytes | None = None

    def __post_init__(self) -> None:
        channels(self.accent)  # "#RRGGBB", or a sentence saying how to write it
        if not self.font.strip() or len(self.font) > 100 or "\n" in self.font:
            raise ExportError(f"font: {self.font!r} is not a font name")
        if self.logo is not None:
            check_logo(self.logo)


def check_logo(data: bytes) -> None:
    if len(data) > MAX_LOGO:
        raise ExportError(f"logo: {len(data) // 1000:,} kB; at most {MAX_LOGO // 1000:,} kB")
    if not data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        raise ExportError("logo: not a PNG or JPEG image")
