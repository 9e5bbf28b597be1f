"""Hostile files and outputs: exit 2 and one line, never a traceback, in the CLI and in restore.

Restore in the app calls `decode_assessment` and shows `str(error)`; the CLI prints
`error: <message>`. Both must say what is wrong in plain words for every row below.
"""

from __future__ import annotations

import errno
import json
import resource
import signal
import subprocess
import sys

import pytest

from coordination.errors import AssessmentError
from coordination.files.fileformat import decode_assessment
from coordination.settings import DEMO_PATH

DEEP = 100_000
ANSWER = "use_cases[0].responses[0].answers"


def with_answer(value: str, after: str = "") -> str:
    """A valid file but for one answer written as `value`; `after` adds a second use case."""
    response = '{"respondent": "r", "answers": {"reach": ' + value + "}}"
    case = '{"id": "a", "name": "A", "responses": [' + response + "]}"
    return '{"organization": "X", "use_cases": [' + case + after + "]}"


def top_level(field: str, value: str) -> str:
    return '{"organization": "X", "use_cases": [], "' + field + '": ' + value + "}"


# (id, file content, the message: str(error) in restore, after "error: " in the CLI)
HOSTILE = [
    (
        "a 5,000-digit answer",
        with_answer("1" * 5000),
        f"{ANSWER}.reach: must be 0–3 or null, got a 5,000-digit number",
    ),
    (
        "a million-digit answer",
        with_answer("9" * 1_000_000),
        f"{ANSWER}.reach: must be 0–3 or null, got a 1,000,000-digit number",
    ),
    ("an answer of 1e999", with_answer("1e999"), f"{ANSWER}.reach: must be 0–3 or null, got 1e999"),
    ("a 5,000-digit format", top_level("format", "1" * 5000), "format: the number is too large"),
    ("a file that is one 5,000-digit number", "1" * 5000, "the number is too large"),
    (
        "an answer nested 100,000 deep",
        with_answer("[" * DEEP + "]" * DEEP),
        f"{ANSWER}: an answer must be 0–3 or null, got an array",
    ),
    (
        "a file nested 100,000 deep",
        "[" * DEEP + "]" * DEEP,
        "expected 'object', got 'array'",
    ),
    ("100,000 unclosed brackets", "[" * DEEP, "expected 'object', got 'array'"),
    (
        "an unknown field nested 100,000 deep",
        top_level("x", '{"a": ' * DEEP + "1" + "}" * DEEP),
        "contains unknown field 'x'",
    ),
    (
        "a bad answer, then a value nested 100,000 deep",
        with_answer("4", ', {"id": "b", "name": "B", "x": ' + "[" * DEEP + "]" * DEEP + "}"),
        f"{ANSWER}: an answer must be 0–3 or null (expected 'int' <= 3)",
    ),
    (
        "a bad answer, then the file cut off",
        with_answer("4")[:-2],
        f"{ANSWER}: an answer must be 0–3 or null (expected 'int' <= 3)",
    ),
    (
        "a 10,000-character answer",
        with_answer(json.dumps("x" * 10_000)),
        f"{ANSWER}.reach: must be 0–3 or null, got a 10,000-character string",
    ),
    (
        "Latin-1 text",
        '{"organization": "Café", "use_cases": []}'.encode("latin-1"),
        "not a valid JSON file: it is not UTF-8 text (byte 0xe9 at position 21)",
    ),
    (
        "a 0xff byte outside any string",
        b'{"organization": "X", "use_cases": []}\xff',
        "not a valid JSON file: it is not UTF-8 text (byte 0xff at position 38)",
    ),
    (
        "a 0xff byte in a field name",
        b'{"organization": "X", "\xff": 1, "use_cases": []}',
        "not a valid JSON file: it is not UTF-8 text (byte 0xff at position 23)",
    ),
    (
        "UTF-16 text",
        '{"organization": "X", "use_cases": []}'.encode("utf-16"),
        "not a valid JSON file: it is not UTF-8 text (byte 0xff at position 0)",
    ),
    (
        "UTF-8 with a byte order mark",
        b'\xef\xbb\xbf{"organization": "X", "use_cases": []}',
        "not a valid JSON file: it starts with a byte order mark (save it as UTF-8)",
    ),
]
IDS = [row[0] for row in HOSTILE]


def as_bytes(content: str | bytes) -> bytes:
    return content.encode() if isinstance(content, str) else content


# --- restore: decode_assessment ---------------------------------------------------------------


@pytest.mark.timeout(10)
@pytest.mark.parametrize(("name", "content", "message"), HOSTILE, ids=IDS)
def test_restore_refuses_a_hostile_file_with_a_plain_message(questionnaire, name, content, message):
    with pytest.raises(AssessmentError) as caught:
        decode_assessment(as_bytes(content), questionnaire)
    assert str(caught.value) == message


def test_restore_refuses_text_holding_a_lone_surrogate(questionnaire):
    with pytest.raises(AssessmentError) as caught:
        decode_assessment('{"organization": "\ud800", "use_cases": []}', questionnaire)
    assert str(caught.value) == (
        "not a valid JSON file: it holds a character that is not text (U+D800 at position 18)"
    )


# --- the CLI: each run is a real process, as a script would run it ---------------------------


def run(*args: str, **options) -> subprocess.CompletedProcess:
    options.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, *args], stderr=subprocess.PIPE, text=True, timeout=120, **options
    )


def assert_one_error_line(done: subprocess.CompletedProcess, message: str) -> None:
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [f"error: {message}"]
    assert done.stdout in ("", None)  # None: stdout went to /dev/full
    assert done.returncode == 2


@pytest.mark.parametrize("command", ["score", "heatmap"])
@pytest.mark.parametrize(("name", "content", "message"), HOSTILE, ids=IDS)
def test_the_cli_ends_a_hostile_file_with_exit_2_and_one_line(
    tmp_path, command, name, content, message
):
    path = tmp_path / "hostile.json"
    path.write_bytes(as_bytes(content))
    out = ["-o", str(tmp_path / "map.html")] if command == "heatmap" else []
    assert_one_error_line(run("-m", "coordination", command, str(path), *out), message)
    assert not (tmp_path / "map.html").exists()


def test_a_line_break_in_a_field_name_stays_on_the_one_error_line(tmp_path):
    path = tmp_path / "x.json"
    path.write_text(top_level("a\\nb\\u2028c", "1"))
    done = run("-m", "coordination", "score", str(path))
    assert_one_error_line(done, "contains unknown field 'a\\nb\\u2028c'")


@pytest.mark.parametrize(
    "args",
    [["score", str(DEMO_PATH)], ["heatmap", str(DEMO_PATH), "-o", "{tmp}/map.html"]],
    ids=["score's report", "heatmap's 'wrote' line"],
)
def test_a_full_disk_on_stdout_ends_with_one_line(tmp_path, args):
    args = [arg.format(tmp=tmp_path) for arg in args]
    with open("/dev/full", "wb") as full:
        done = run("-m", "coordination", *args, stdout=full)
    assert_one_error_line(done, "cannot write to standard output (No space left on device)")


# (id, OUT under tmp_path, what exists before, the message with {out} and {tmp})
BAD_OUTPUTS = [
    ("a folder that does not exist", "nope/map.html", None, "{out}: there is no folder {tmp}/nope"),
    (
        "a file as its folder",
        "notes.txt/map.html",
        "file",
        "{out}: there is no folder {tmp}/notes.txt",
    ),
    ("a folder as OUT", "maps.html", "folder", "{out}: is a folder; name a file inside it"),
    ("a name too long", "m" * 300 + ".html", None, "{out}: cannot be written (File name too long)"),
    (
        "an unknown extension",
        "map.pdf",
        None,
        "{out}: the file name must end in .html, .png or .svg",
    ),
]


@pytest.mark.parametrize(
    ("name", "out", "existing", "message"), BAD_OUTPUTS, ids=[row[0] for row in BAD_OUTPUTS]
)
def test_heatmap_refuses_an_output_path_that_cannot_work_with_one_line(
    tmp_path, name, out, existing, message
):
    if existing == "file":
        (tmp_path / "notes.txt").write_text("notes")
    elif existing == "folder":
        (tmp_path / out).mkdir()
    before = sorted(tmp_path.rglob("*"))
    done = run("-m", "coordination", "heatmap", str(DEMO_PATH), "-o", str(tmp_path / out))
    assert_one_error_line(done, message.format(out=tmp_path / out, tmp=tmp_path))
    assert sorted(tmp_path.rglob("*")) == before


def limit_file_size() -> None:
    """In the child: any write past 100 kB fails (EFBIG), as a disk that fills midway would."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # else the kernel kills the process


# Runs the CLI with every fsync failing as on a full disk: the file's data is already written.
FULL_DISK = f"""
import os, sys
def full(fd):
    raise OSError({errno.ENOSPC}, os.strerror({errno.ENOSPC}))
os.fsync = full
from coordination.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(
    ("start", "options", "problem"),
    [
        (["-m", "coordination"], {"preexec_fn": limit_file_size}, "File too large"),
        (["-c", FULL_DISK], {}, "No space left on device"),
    ],
    ids=["the write stops midway", "the disk is full"],
)
def test_heatmap_that_fails_midway_leaves_the_previous_file_and_nothing_else(
    tmp_path, start, options, problem
):
    out = tmp_path / "map.html"
    out.write_text("the previous map")
    done = run(*start, "heatmap", str(DEMO_PATH), "-o", str(out), **options)
    assert_one_error_line(done, f"{out}: cannot be written ({problem})")
    assert out.read_text() == "the previous map"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


# --- import-survey: hostile spreadsheets, refused within the bounds of files/limits.py -------


def _hostile_spreadsheets():
    from tests import workbooks

    return [
        (
            "100,000 rows × 50",
            "big.xlsx",
            lambda: workbooks.grid(100_000, 50),
            "big.xlsx, sheet Form1: more than 5,000 rows under the header; at most 5,000 are "
            "imported at once (split the file)",
        ),
        (
            "a zip bomb",
            "bomb.xlsx",
            lambda: workbooks.bomb(200),
            "bomb.xlsx: the workbook unpacks to more than 50.0 MB; at most 50.0 MB are read "
            "(a survey export unpacks to far less)",
        ),
        (
            "a cell of a million characters",
            "cell.xlsx",
            lambda: workbooks.huge_cell(),
            "cell.xlsx, sheet Form1: row 2, column B holds 1,000,000 characters; a cell may hold "
            "at most 10,000",
        ),
        (
            "200,000 columns",
            "wide.csv",
            lambda: workbooks.wide_csv(200_000),
            "wide.csv (UTF-8): row 1 has 200,000 columns; at most 300 are read (leave out the "
            "columns you do not need)",
        ),
        (
            "21 MB",
            "huge.csv",
            lambda: b"x" * 21_000_000,
            "huge.csv: the file is 21.0 MB; a survey export may be at most 20 MB",
        ),
    ]


SPREADSHEETS = _hostile_spreadsheets()


def cap() -> None:
    """In the child: 600 MB of address space, so a reader that builds the whole file fails
    here (the old one needed 2 GB and more for the first row) instead of filling the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (600_000_000, 600_000_000))


@pytest.mark.parametrize(
    ("name", "filename", "make", "message"), SPREADSHEETS, ids=[row[0] for row in SPREADSHEETS]
)
def test_import_survey_ends_a_hostile_spreadsheet_with_exit_2_and_one_line(
    tmp_path, name, filename, make, message
):
    path = tmp_path / filename
    path.write_bytes(make())
    out = tmp_path / "out.json"
    done = run("-m", "coordination", "import-survey", str(path), "-o", str(out), preexec_fn=cap)
    assert_one_error_line(done, message)
    assert not out.exists()
