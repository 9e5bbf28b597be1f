"""The rules for text people type: names, functions, tools, notes.

Plain functions, no database: storage calls them before any SQL so that SQLite and PostgreSQL
refuse the same things with the same sentence (a column limit would otherwise be a raw
PostgreSQL error, while SQLite silently stores a longer string).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher

from coordination.errors import InvalidInput

MAX_NAME = 200  # names, functions, tools, objectives, display names
MAX_NOTE = 4000  # a note or an open answer
MAX_FUNCTIONS = 100

# Bidirectional overrides and isolates reorder what follows them on screen: a use case named
# "\u202eKPI" would display reversed. They are removed, not refused: pasted text carries them.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
# Control characters other than line breaks and tabs never belong in typed text; NUL also
# breaks PostgreSQL, which refuses it in any text column.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_name(value: str | None, field: str) -> str:
    """The name of a `field` ("workspace", "use case"…), stripped and checked; raises
    InvalidInput with a sentence that names the field."""
    text = _one_line(value, f"{field} name")
    if not text:
        raise InvalidInput(f"The {field} needs a name.")
    return text


def clean_optional(value: str | None, field: str) -> str | None:
    """An optional one-line field ("function", "tool", "display name"): None when empty."""
    return _one_line(value, field) or None


def _one_line(value: str | None, label: str) -> str:
    text = _clean(value, label, MAX_NAME)
    if "\n" in text or "\r" in text or "\t" in text:
        raise InvalidInput(f"The {label} must fit on one line.")
    return text


def clean_note(value: str | None, field: str = "note") -> str:
    """A free-text note: several lines allowed; an empty result means "remove it"."""
    return _clean(value, field, MAX_NOTE)


def clean_functions(functions: Iterable[str | None], field: str = "function") -> list[str]:
    """A list of function names, in order, without blanks or case-insensitive repeats."""
    cleaned: list[str] = []
    for f in functions:
        name = clean_optional(f, field)
        if name and name_key(name) not in {name_key(c) for c in cleaned}:
            cleaned.append(name)
    if len(cleaned) > MAX_FUNCTIONS:
        raise InvalidInput(f"At most {MAX_FUNCTIONS} functions, got {len(cleaned)}.")
    return cleaned


def name_key(name: str) -> str:
    """What two names are compared by, everywhere: "Sales" and " sales " are one name."""
    return name.strip().casefold()


def loose_key(name: str) -> str:
    """A name without case, spaces or punctuation: "Maria K" and "maria k." meet here."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def near_name(typed: str, existing: Iterable[str]) -> str | None:
    """An existing name the typed one is probably a slip of ("Maria K" for "Maria K."), to ask
    about before a second person is made; None for the very same name (it is that person) or
    when none is close. Close: the same letters and digits, or at most about one wrong letter
    in five (difflib's ratio ≥ 0.8) for names of four letters or more."""
    key, loose = name_key(typed), loose_key(typed)
    if any(name_key(e) == key for e in existing):
        return None
    for e in existing:
        if loose and loose_key(e) == loose:
            return e
    if len(loose) < 4:
        return None
    scored = [(SequenceMatcher(None, loose, loose_key(e)).ratio(), e) for e in existing]
    best = max(scored, default=(0.0, None))
    return best[1] if best[0] >= 0.8 else None


def slugify(name: str) -> str:
    """A file-name-safe form of a name: `Acme GmbH` → `acme-gmbh`."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")[:60] or "item"


def unique(base: str, taken: Iterable[str], sep: str = "-") -> str:
    """`base`, or `base-2`, `base-3`… whichever is not taken (compared without case)."""
    folded = {name_key(x) for x in taken}
    candidate, n = base, 2
    while name_key(candidate) in folded:
        candidate, n = f"{base}{sep}{n}", n + 1
    return candidate


def _clean(value: str | None, field: str, limit: int) -> str:
    if value is not None and not isinstance(value, str):
        raise InvalidInput(f"The {field} must be text, got {type(value).__name__}.")
    text = _BIDI_CONTROLS.sub("", value or "")
    if _CONTROL.search(text):
        raise InvalidInput(f"The {field} contains a control character (such as NUL).")
    text = text.strip()
    if text and not _visible(text):
        return ""  # only zero-width or format characters: nothing a reader could see
    if len(text) > limit:
        raise InvalidInput(f"The {field} is too long ({len(text)} characters, at most {limit}).")
    return text


def _visible(text: str) -> bool:
    """True when the text has a character a reader can see (not space, not zero-width)."""
    return any(not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Zs") for ch in text)
