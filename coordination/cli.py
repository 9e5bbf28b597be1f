"""The command line: `python -m coordination score FILE` and `heatmap FILE -o OUT`.

A user's mistake ends with exit status 2 and one line on stderr; stdout stays empty.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import re
import sys

from coordination.errors import CoordinationError, ExportError
from coordination.settings import Settings

HEATMAPS = ("answers", "spread", "levels", "functions", "distribution")
# Every character str.splitlines() breaks at: one of them in a message would make two lines.
_LINE_BREAKS = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--questionnaire",
        metavar="PATH",
        help="a custom questionnaire file (default: $COORDINATION_QUESTIONNAIRE "
        "or the built-in method v1)",
    )
    parser = argparse.ArgumentParser(
        prog="python -m coordination",
        description="Score AI use cases by coordination level and draw the organization's map.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    score = commands.add_parser(
        "score",
        parents=[common],
        help="print each use case's level and next steps as JSON",
        description="Score an assessment file and print the results as JSON on stdout.",
    )
    score.add_argument("file", metavar="FILE", help="an assessment file (JSON, format v1)")
    heatmap = commands.add_parser(
        "heatmap",
        parents=[common],
        help="write the organization heatmap to HTML, PNG or SVG",
        description="Draw the organization's heatmap; the output's extension picks the format.",
    )
    heatmap.add_argument("file", metavar="FILE", help="an assessment file (JSON, format v1)")
    heatmap.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="where to write: OUT.html, OUT.png or OUT.svg",
    )
    heatmap.add_argument(
        "--view",
        choices=HEATMAPS,
        default="answers",
        help="answers: use case × question (default); spread: disagreement; "
        "levels: level by use case; functions: function × level; "
        "distribution: use cases per level",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        from coordination.questionnaire import load_questionnaire

        settings = Settings.from_env()
        questionnaire = load_questionnaire(args.questionnaire or settings.questionnaire_path)
        if args.command == "score":
            return _score(args, questionnaire)
        return _heatmap(args, questionnaire)
    except CoordinationError as e:
        print(f"error: {_one_line(str(e))}", file=sys.stderr)
        return 2


def _one_line(message: str) -> str:
    """Escape line breaks as \\n: a field name or file name in a hostile file can hold one, and
    scripts rely on an error being exactly one line."""
    return _LINE_BREAKS.sub(lambda m: repr(m[0])[1:-1], message)


@contextlib.contextmanager
def _stdout():
    """Write and flush stdout here, so a full disk or a closed pipe ends as one error line
    rather than a traceback when Python flushes at exit. (A failed flush drops the buffered
    bytes, so the exit flush has nothing left to fail on.)"""
    try:
        yield sys.stdout
        sys.stdout.flush()
    except OSError as e:
        raise ExportError(f"cannot write to standard output ({e.strerror or e})") from None


def _score(args, questionnaire) -> int:
    import msgspec

    from coordination.fileformat import read_assessment
    from coordination.scoring import results, score, summary

    assessment = read_assessment(args.file, questionnaire)
    # The assessment lives until the process ends: keep the collector from rescanning it
    # while the results are built (a one-shot process, so nothing is kept longer than needed).
    gc.freeze()
    scores = score(assessment, questionnaire)
    report = {
        "organization": assessment.organization,
        "use_cases": results(scores, assessment),
        "summary": summary(scores),
    }
    with _stdout() as out:
        out.buffer.write(msgspec.json.encode(report) + b"\n")
    return 0


def _heatmap(args, questionnaire) -> int:
    from coordination.export import check_output, write_figure
    from coordination.fileformat import read_assessment
    from coordination.orgmap import OrgMap

    check_output(args.output)  # a wrong OUT fails now, not after reading and drawing
    assessment = read_assessment(args.file, questionnaire)
    write_figure(OrgMap(assessment, questionnaire).figure(args.view), args.output)
    with _stdout() as out:
        # The name as the user's bytes: a non-UTF-8 file name cannot go through print().
        out.buffer.write(b"wrote " + os.fsencode(args.output) + b"\n")
    return 0
