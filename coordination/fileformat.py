"""The assessment file (JSON, format v1): decode with exact error locations, and encode.

The app's backup and restore use this same format, so a backup round-trips every field.
"""

from __future__ import annotations

import gc
import json
import re
from contextlib import contextmanager
from pathlib import Path

import msgspec

from coordination.errors import AssessmentError
from coordination.models import FORMAT_VERSION, Assessment
from coordination.questionnaire import Questionnaire

_decoder = msgspec.json.Decoder(Assessment)
_encoder = msgspec.json.Encoder()
_AT = re.compile(r"^(?P<msg>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.S)


def read_assessment(path: str | Path, questionnaire: Questionnaire) -> Assessment:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise AssessmentError("", f"{path}: no such file") from None
    except OSError as e:
        raise AssessmentError("", f"{path}: cannot be read ({e.strerror})") from None
    return decode_assessment(data, questionnaire)


def decode_assessment(data: bytes | str, questionnaire: Questionnaire) -> Assessment:
    """Parse and validate; raise AssessmentError naming the first problem's location."""
    try:
        with _paused_gc():
            assessment = _decoder.decode(data)
    except msgspec.ValidationError as e:
        raise _located(str(e), data) from None
    except msgspec.DecodeError as e:
        raise AssessmentError("", f"not a valid JSON file ({e})") from None
    check_assessment(assessment, questionnaire)
    return assessment


@contextmanager
def _paused_gc():
    """Decoding creates hundreds of thousands of small containers; the cyclic collector would
    rescan them again and again (more than half the decode time on large files, measured)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def encode_assessment(assessment: Assessment) -> bytes:
    return msgspec.json.format(_encoder.encode(assessment), indent=2)


def check_assessment(assessment: Assessment, questionnaire: Questionnaire) -> None:
    """The rules that need the questionnaire or the whole file, not just one field's type."""
    if assessment.format != FORMAT_VERSION:
        raise AssessmentError(
            "format", f"this app reads format {FORMAT_VERSION}, got {assessment.format}"
        )
    _check_unique("use_cases", "id", [uc.id for uc in assessment.use_cases])
    for i, uc in enumerate(assessment.use_cases):
        names = [r.respondent for r in uc.responses]
        _check_unique(f"use_cases[{i}].responses", "respondent", names)
        if not all(map(str.strip, names)):
            j = next(j for j, name in enumerate(names) if not name.strip())
            raise AssessmentError(f"use_cases[{i}].responses[{j}].respondent", "must not be empty")
    _check_keys(assessment, "answers", frozenset(questionnaire.question_ids), "question id")
    _check_keys(assessment, "notes", questionnaire.note_keys, "question id")


def _check_unique(where: str, field: str, values: list[str]) -> None:
    if len(set(values)) == len(values):
        return
    seen: set[str] = set()
    for i, value in enumerate(values):
        if value in seen:
            raise AssessmentError(f"{where}[{i}].{field}", f"duplicate {field} {value!r}")
        seen.add(value)


def _check_keys(assessment: Assessment, field: str, allowed: frozenset[str], what: str) -> None:
    # One set union over all responses keeps the common, valid case fast; the slow walk below
    # runs only to name the place of a key already known to be wrong.
    used: set[str] = set()
    for uc in assessment.use_cases:
        for r in uc.responses:
            used.update(getattr(r, field))
    if used <= allowed:
        return
    for i, uc in enumerate(assessment.use_cases):
        for j, r in enumerate(uc.responses):
            for key in getattr(r, field):
                if key not in allowed:
                    raise AssessmentError(
                        f"use_cases[{i}].responses[{j}].{field}.{key}", f"unknown {what} {key!r}"
                    )


def _located(message: str, data: bytes | str) -> AssessmentError:
    """Turn msgspec's message into `location: problem`, naming the answer key it elides."""
    match = _AT.match(message)
    problem, path = match["msg"], (match["path"] or "").lstrip(".")
    if path.endswith("answers[...]"):
        return _answer_error(path.removesuffix("[...]"), data)
    problem = re.sub(r"Expected `str` matching regex \S+", "must not be empty", problem)
    problem = re.sub(r"`([^`]*)`", r"'\1'", problem)
    problem = problem[0].lower() + problem[1:]
    return AssessmentError(path, problem.replace("object ", "", 1))


def _answer_error(path: str, data: bytes | str) -> AssessmentError:
    node = json.loads(data)
    for part in re.findall(r"[A-Za-z_]+|\[\d+\]", path):
        node = node[int(part[1:-1])] if part.startswith("[") else node[part]
    for key, value in node.items():
        if value is not None and (type(value) is not int or not 0 <= value <= 3):
            return AssessmentError(f"{path}.{key}", f"must be 0–3 or null, got {json.dumps(value)}")
    return AssessmentError(path, "answers must be 0–3 or null")
