"""The command line: `python -m coordination score FILE` and `heatmap FILE -o OUT`.

A user's mistake ends with exit status 2 and one line on stderr; stdout stays empty.
"""

from __future__ import annotations

import argparse
import gc
import sys

from coordination.errors import CoordinationError
from coordination.settings import Settings

HEATMAPS = ("answers", "spread", "levels", "functions", "distribution")


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
        print(f"error: {e}", file=sys.stderr)
        return 2


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
    sys.stdout.buffer.write(msgspec.json.encode(report) + b"\n")
    return 0


def _heatmap(args, questionnaire) -> int:
    from coordination.export import write_figure
    from coordination.fileformat import read_assessment
    from coordination.orgmap import OrgMap

    assessment = read_assessment(args.file, questionnaire)
    write_figure(OrgMap(assessment, questionnaire).figure(args.view), args.output)
    print(f"wrote {args.output}")
    return 0
