"""The assessment file (JSON, format v1): decode with exact error locations, and encode.

The app's backup and restore use this same format, so a backup round-trips every field.
"""

from __future__ import annotations

import codecs
import gc
import re
from contextlib import contextmanager
from pathlib import Path

import msgspec

from coordination.errors import AssessmentError
from coordination.method.questionnaire import Questionnaire
from coordination.models import FORMAT_VERSION, Answer, Assessment

_decoder = msgspec.json.Decoder(Assessment)
_encoder = msgspec.json.Encoder()
# msgspec's type names, as the fallback message of `_answer_error` says them.
_KINDS = {"array": "an array", "object": "an object", "str": "a string", "bool": "true or false"}
_AT = re.compile(r"^(?P<msg>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.S)


def read_assessment(
    path: str | Path, questionnaire: Questionnaire, others: tuple[Questionnaire, ...] = ()
) -> Assessment:
    """`decode_assessment` of a file, its name in the error when it cannot be read."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise AssessmentError("", f"{path}: no such file") from None
    except OSError as e:
        raise AssessmentError("", f"{path}: cannot be read ({e.strerror})") from None
    return decode_assessment(data, questionnaire, others)


def decode_assessment(
    data: bytes | str, questionnaire: Questionnaire, others: tuple[Questionnaire, ...] = ()
) -> Assessment:
    """Parse and validate; raise AssessmentError naming the first problem's location. Answers
    and notes to the questions of `others` (questionnaires the file may have been answered
    under) are accepted as they are: this questionnaire does not ask them, so nothing reads
    them, and the caller says so."""
    try:
        with _paused_gc():
            assessment = _decoder.decode(data)
    except msgspec.ValidationError as e:
        raise _located(str(e), data) from None
    except (msgspec.DecodeError, UnicodeError) as e:
        raise _not_json(data, e) from None
    check_assessment(assessment, questionnaire, others)
    return assessment


def _not_json(data: bytes | str, error: Exception) -> AssessmentError:
    """Name a text-encoding problem before blaming the JSON syntax.

    msgspec checks UTF-8 only inside the strings it reads (raising a bare UnicodeDecodeError
    with a position inside that string) and calls a stray byte elsewhere "malformed JSON";
    a Latin-1 or UTF-16 export is the likelier cause. Checked only here, off the fast path.
    """
    try:
        data.encode() if isinstance(data, str) else bytes(data).decode()
    except UnicodeDecodeError as e:
        return AssessmentError(
            "",
            f"not a valid JSON file: it is not UTF-8 text "
            f"(byte 0x{e.object[e.start]:02x} at position {e.start})",
        )
    except UnicodeEncodeError as e:
        return AssessmentError(
            "",
            f"not a valid JSON file: it holds a character that is not text "
            f"(U+{ord(e.object[e.start]):04X} at position {e.start})",
        )
    if isinstance(data, bytes) and data.startswith(codecs.BOM_UTF8):
        # Windows tools call this "UTF-8 with BOM"; msgspec reports "invalid character (byte 0)".
        return AssessmentError(
            "", "not a valid JSON file: it starts with a byte order mark (save it as UTF-8)"
        )
    return AssessmentError("", f"not a valid JSON file ({error})")


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


def check_assessment(
    assessment: Assessment, questionnaire: Questionnaire, others: tuple[Questionnaire, ...] = ()
) -> None:
    """The rules that need the questionnaire or the whole file, not just one field's type."""
    if assessment.format > FORMAT_VERSION:
        raise AssessmentError(
            "format",
            f"this file is format {assessment.format}, made by a newer version of the app; "
            f"this one reads format {FORMAT_VERSION}",
        )
    if assessment.format != FORMAT_VERSION:
        raise AssessmentError(
            "format", f"this app reads format {FORMAT_VERSION}, got {assessment.format}"
        )
    _check_unique("use_cases", "id", [uc.id for uc in assessment.use_cases])
    for i, uc in enumerate(assessment.use_cases):
        names = [r.respondent or "" for r in uc.responses]  # "": anonymous, may repeat
        _check_unique(f"use_cases[{i}].responses", "respondent", [n for n in names if n])
        if any(name and not name.strip() for name in names):
            j = next(j for j, name in enumerate(names) if name and not name.strip())
            raise AssessmentError(f"use_cases[{i}].responses[{j}].respondent", "must not be empty")
    asked = frozenset(questionnaire.question_ids).union(*(o.question_ids for o in others))
    noted = questionnaire.note_keys.union(*(o.note_keys for o in others))
    _check_keys(assessment, "answers", asked, "question id")
    _check_keys(assessment, "notes", noted, "question id")
    _check_agreed(assessment, asked)
    for i, uc in enumerate(assessment.use_cases):
        _check_progress(f"use_cases[{i}]", uc, questionnaire, others)
    if assessment.snapshot is not None:
        _check_date("snapshot.taken", assessment.snapshot.taken[:10])
    for i, snap in enumerate(assessment.snapshots):
        # Snapshots in a backup are kept as they were taken: under an older lens their
        # question ids may be unknown today, so only their shape is checked.
        if snap.snapshot is None:
            raise AssessmentError(f"snapshots[{i}].snapshot", "a snapshot needs its label and date")
        if snap.snapshots:
            raise AssessmentError(f"snapshots[{i}].snapshots", "a snapshot holds no snapshots")
        _check_date(f"snapshots[{i}].snapshot.taken", snap.snapshot.taken[:10])


def _check_progress(where: str, uc, questionnaire: Questionnaire, others=()) -> None:
    """Target level, plan items and outcomes: fields of progress over time. Like answers, a
    plan's conditions and the outcomes may belong to another questionnaire of `others` (the
    file was written under it): kept as they are, judged by the questions asked today."""
    if uc.target_level is not None and uc.target_level > questionnaire.max_level:
        raise AssessmentError(
            f"{where}.target_level",
            f"must be 1–{questionnaire.max_level} (the questionnaire's levels), "
            f"got {uc.target_level}",
        )
    lenses = (questionnaire, *others)
    known = frozenset().union(*(q.question_ids for q in lenses))
    for j, item in enumerate(uc.plan):
        at = f"{where}.plan[{j}]"
        if not item.text.strip():
            raise AssessmentError(f"{at}.text", "must not be empty")
        for k, c in enumerate(item.conditions):
            if c.question not in known:
                raise AssessmentError(
                    f"{at}.conditions[{k}].question", f"unknown question id {c.question!r}"
                )
        if item.due is not None:
            _check_date(f"{at}.due", item.due)
    for key, answer in uc.outcomes.items():
        outcome = next((o for q in lenses if (o := q.outcome(key)) is not None), None)
        if outcome is None:
            raise AssessmentError(f"{where}.outcomes.{key}", f"unknown outcome id {key!r}")
        if outcome.answer(answer) is None:
            choices = ", ".join(a.id for a in outcome.answers)
            raise AssessmentError(
                f"{where}.outcomes.{key}", f"must be one of {choices}, got {answer!r}"
            )


def _check_date(where: str, text: str) -> None:
    import datetime as dt

    try:
        if len(text) != 10:
            raise ValueError(text)
        dt.date.fromisoformat(text)
    except ValueError:
        raise AssessmentError(where, f"must be a date as YYYY-MM-DD, got {text!r}") from None


def _check_agreed(assessment: Assessment, allowed: frozenset[str]) -> None:
    for i, uc in enumerate(assessment.use_cases):
        for field in ("agreed", "agreed_notes"):
            for key in getattr(uc, field):
                if key not in allowed:
                    raise AssessmentError(
                        f"use_cases[{i}].{field}.{key}", f"unknown question id {key!r}"
                    )


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
    problem = re.sub(r"Expected `str` matching regex \S+", "must not be empty", problem)
    # A 5,000-digit number or 1e999: msgspec refuses it before looking at the field's type.
    problem = re.sub(r"^(Integer value|Number) out of range$", "the number is too large", problem)
    problem = re.sub(r"`([^`]*)`", r"'\1'", problem)
    problem = problem[0].lower() + problem[1:]
    if path.endswith("answers[...]"):
        return _answer_error(path.removesuffix("[...]"), data, problem)
    return AssessmentError(path, problem.replace("object ", "", 1))


def _answer_error(path: str, data: bytes | str, problem: str) -> AssessmentError:
    """Name the answer whose key msgspec's path elides (`answers[...]`), quoting it as written.

    The file is walked one level at a time with msgspec.Raw: json.loads would fail on the
    hostile values that brought us here (a 5,000-digit number, an array nested 100,000 deep)
    and on anything malformed later in the file. Skipping a value nested past Python's
    recursion limit fails too; then the location is named with msgspec's own problem.
    """
    got = re.search(r", got '(\w+)'$", problem)
    detail = f", got {_KINDS[got[1]]}" if got and got[1] in _KINDS else f" ({problem})"
    fallback = AssessmentError(path, f"an answer must be 0–3 or null{detail}")
    try:
        node = data
        for part in re.findall(r"[A-Za-z_]+|\[\d+\]", path):
            if part.startswith("["):
                node = msgspec.json.decode(node, type=list[msgspec.Raw])[int(part[1:-1])]
            else:
                node = msgspec.json.decode(node, type=dict[str, msgspec.Raw])[part]
        answers = msgspec.json.decode(node, type=dict[str, msgspec.Raw])
    except (msgspec.DecodeError, UnicodeError, RecursionError, LookupError):
        return fallback
    for key, raw in answers.items():
        try:
            msgspec.json.decode(raw, type=Answer)
        except (msgspec.DecodeError, UnicodeError):
            return AssessmentError(f"{path}.{key}", f"must be 0–3 or null, got {_as_written(raw)}")
    return fallback


def _as_written(raw: msgspec.Raw) -> str:
    """The value as the file spells it (1e999 stays 1e999, not Infinity), or what it is when
    quoting it would span lines (an array or object) or thousands of characters."""
    text = bytes(raw).decode(errors="replace")
    if text[0] in "[{":
        return "an array" if text[0] == "[" else "an object"
    if len(text) <= 40:
        return text
    if text[0] == '"':
        return f"a {len(text) - 2:,}-character string"
    return f"a {sum(map(str.isdigit, text)):,}-digit number"
