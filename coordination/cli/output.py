"""What the command line prints: one line per error, stdout flushed here, "wrote FILE"."""

from __future__ import annotations

import contextlib
import os
import re
import sys

from coordination.errors import ExportError

# Every character str.splitlines() breaks at: one of them in a message would make two lines.
_LINE_BREAKS = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def one_line(message: str) -> str:
    """Escape line breaks as \\n: a field name or file name in a hostile file can hold one, and
    scripts rely on an error being exactly one line."""
    return _LINE_BREAKS.sub(lambda m: repr(m[0])[1:-1], message)


@contextlib.contextmanager
def stdout():
    """Write and flush stdout here, so a full disk or a closed pipe ends as one error line
    rather than a traceback when Python flushes at exit. (A failed flush drops the buffered
    bytes, so the exit flush has nothing left to fail on.)"""
    try:
        yield sys.stdout
        sys.stdout.flush()
    except OSError as e:
        raise ExportError(f"cannot write to standard output ({e.strerror or e})") from None


def wrote(path) -> None:
    with stdout() as out:
        # The name as the user's bytes: a non-UTF-8 file name cannot go through print().
        out.buffer.write(b"wrote " + os.fsencode(path) + b"\n")
