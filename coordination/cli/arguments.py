"""The command line's commands and options, as argparse reads them (and `--help` prints them)."""

from __future__ import annotations

import argparse

from coordination.files import limits

HEATMAPS = ("answers", "spread", "levels", "functions", "distribution")


def parser() -> argparse.ArgumentParser:
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
    _file_commands(commands, common)
    return parser


SINCE_HELP = (
    "an earlier assessment file (a snapshot): add what changed since it, its label naming it "
    "(or the file's name)"
)


def _file_commands(commands, common) -> None:
    deck = commands.add_parser(
        "deck",
        parents=[common],
        help="write a slide deck (PowerPoint) or the same as a PDF pack",
        description="Write the organization's results as an editable 16:9 PowerPoint deck "
        "(OUT.pptx) or as a PDF pack (OUT.pdf). Made without a browser or office suite.",
    )
    deck.add_argument("file", metavar="FILE", help="an assessment file (JSON, format v1)")
    deck.add_argument("-o", "--output", required=True, metavar="OUT", help="OUT.pptx or OUT.pdf")
    deck.add_argument("--accent", default="#225ea8", help="titles' colour, #RRGGBB")
    deck.add_argument("--font", default="Arial", help="the deck's font (PowerPoint only)")
    deck.add_argument("--logo", metavar="IMAGE", help="a PNG or JPEG shown on every slide")
    deck.add_argument("--since", metavar="OLD", help=SINCE_HELP)
    sheet = commands.add_parser(
        "spreadsheet",
        parents=[common],
        help="write results, answers and the inventory to XLSX or CSV",
        description="Write results, raw answers and the inventory as one workbook (OUT.xlsx) "
        "or one table as CSV (OUT.csv, UTF-8 with BOM). Cells that a spreadsheet would run "
        "as formulas are neutralized.",
    )
    sheet.add_argument("file", metavar="FILE", help="an assessment file (JSON, format v1)")
    sheet.add_argument("-o", "--output", required=True, metavar="OUT", help="OUT.xlsx or OUT.csv")
    sheet.add_argument("--since", metavar="OLD", help=SINCE_HELP + " (as a Changes sheet)")
    sheet.add_argument(
        "--table",
        choices=("results", "answers", "inventory", "plan", "changes"),
        default="results",
        help="which table goes into a CSV (default: results)",
    )
    survey = commands.add_parser(
        "import-survey",
        parents=[common],
        help="turn a Google Forms or Microsoft Forms export into an assessment file",
        description="Read a form export (CSV or XLSX), one row per respondent, and write an "
        "assessment file. Columns are matched to the questions by their text; the mapping is "
        "printed so you can check it. A bad row stops the import, naming its row, column and "
        f"value, and nothing is written. {limits.described()}",
    )
    survey.add_argument("file", metavar="FILE", help="the form's export: .csv or .xlsx")
    survey.add_argument("-o", "--output", required=True, metavar="OUT", help="OUT.json")
    survey.add_argument("--use-case", metavar="NAME", help="file every row under this use case")
    survey.add_argument("--mapping", metavar="MAPPING", help="a mapping file (JSON)")
    survey.add_argument("--organization", metavar="NAME", help="default: the file's name")
    survey.add_argument(
        "--skip-invalid", action="store_true", help="leave bad rows out and list them instead"
    )
    template = commands.add_parser(
        "form-template",
        parents=[common],
        help="print the questions and answers to paste into a form",
        description="Print the questionnaire as a form template; a form built from it is "
        "imported by import-survey without a mapping.",
    )
    template.add_argument(
        "--use-case",
        action="append",
        metavar="NAME",
        help="offer this use case as a choice (repeat for several)",
    )
    compare = commands.add_parser(
        "compare",
        parents=[common],
        help="compare two assessment files (e.g. two snapshots) as JSON",
        description="Compare BEFORE with AFTER (two assessment files, such as two snapshots "
        "or a snapshot and a backup): per use case the level before and after, whether either "
        "was provisional, the change (up, down, same, new, retired, untraced) and the gate "
        "conditions gained and lost; then a summary. Use cases are matched by id.",
    )
    compare.add_argument("before", metavar="BEFORE", help="the earlier assessment file")
    compare.add_argument("after", metavar="AFTER", help="the later assessment file")
    link = commands.add_parser(
        "sign-in-link",
        help="print the owner's sign-in link again",
        description="Print the owner's sign-in link for the app's database "
        "($COORDINATION_DB_URL), with the key from $COORDINATION_OWNER_KEY or the key file "
        "the app made on its first start. Keep it private: it signs in as the owner.",
    )
    link.add_argument(
        "--base",
        metavar="URL",
        help="the app's address (default: $COORDINATION_PUBLIC_URL or http://localhost:8501)",
    )
