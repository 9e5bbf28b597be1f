"""The command line: `python -m coordination score FILE` and `heatmap FILE -o OUT`.

A user's mistake ends with exit status 2 and one line on stderr; stdout stays empty.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import os
import re
import sys

from coordination.errors import CoordinationError, ExportError
from coordination.files import limits
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


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        from coordination.method.questionnaire import load_questionnaire

        settings = Settings.from_env()
        questionnaire = load_questionnaire(
            getattr(args, "questionnaire", None) or settings.questionnaire_path
        )
        commands = {
            "score": _score,
            "heatmap": _heatmap,
            "deck": _deck,
            "spreadsheet": _spreadsheet,
            "import-survey": _import_survey,
            "form-template": _form_template,
            "sign-in-link": _sign_in_link,
            "compare": _compare,
        }
        return commands[args.command](args, questionnaire)
    except CoordinationError as e:
        print(f"error: {_one_line(str(e))}", file=sys.stderr)
        return 2


def _compare(args, questionnaire) -> int:
    import msgspec

    from coordination.progress.compare import Moment, compare

    before, after = (
        Moment.of(_read_named(path, questionnaire), questionnaire, fallback=_stem(path))
        for path in (args.before, args.after)
    )
    if not (found := compare(before, after)).same_organization:
        print(
            f"note: comparing two organizations: {before.assessment.organization!r} and "
            f"{after.assessment.organization!r}; use cases are matched by id",
            file=sys.stderr,
        )
    with _stdout() as out:
        out.buffer.write(msgspec.json.encode(found.as_json()) + b"\n")
    return 0


def _since(args, org, questionnaire):
    """What changed since `--since OLD`, or None without it."""
    from coordination.progress.since import Since
    from coordination.report.orgmap import OrgMap
    from coordination.view import WorkspaceView

    if not getattr(args, "since", None):
        return None
    view = WorkspaceView.of_snapshot(_read_named(args.since, questionnaire))
    old = OrgMap(view.assessment, questionnaire, view.withheld)  # withheld then stays withheld
    return Since.between(old.moment(fallback=_stem(args.since)), org.moment())


def _read_named(path: str, questionnaire):
    """An assessment file, any problem with it naming the file as well as the place."""
    from coordination.errors import AssessmentError
    from coordination.files.fileformat import read_assessment

    try:
        return read_assessment(path, questionnaire)
    except AssessmentError as e:
        if str(e).startswith(str(path)):
            raise
        raise AssessmentError(
            f"{path}: {e.location}" if e.location else str(path), e.problem
        ) from None


def _stem(path: str) -> str:
    """A file's label when it carries none (`snapshot.label` wins): its name without .json."""
    from pathlib import Path

    return Path(path).stem or str(path)


def _sign_in_link(args, _questionnaire) -> int:
    from coordination.services import open_services
    from coordination.signin import sign_in_link

    settings = Settings.from_env()
    store, _ = open_services(settings)
    base = args.base or settings.public_url or "http://localhost:8501"
    with _stdout() as out:
        out.write(sign_in_link(base, store.owner_key()) + "\n")
    return 0


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

    from coordination.files.fileformat import read_assessment
    from coordination.method.scoring import results, score, summary
    from coordination.progress.plan import with_progress

    assessment = read_assessment(args.file, questionnaire)
    # The assessment lives until the process ends: keep the collector from rescanning it
    # while the results are built (a one-shot process, so nothing is kept longer than needed).
    gc.freeze()
    scores = score(assessment, questionnaire)
    found = results(scores, assessment)
    report = {
        "organization": assessment.organization,
        "use_cases": [
            with_progress(r, uc, dt.date.today())
            for r, uc in zip(found, assessment.use_cases, strict=True)
        ],
        "summary": summary(scores),
    }
    with _stdout() as out:
        out.buffer.write(msgspec.json.encode(report) + b"\n")
    return 0


def _heatmap(args, questionnaire) -> int:
    from coordination.files.fileformat import read_assessment
    from coordination.files.images import check_output, write_figure
    from coordination.report.orgmap import OrgMap

    check_output(args.output)  # a wrong OUT fails now, not after reading and drawing
    assessment = read_assessment(args.file, questionnaire)
    # Drawn for a slide: 18 pt text, the title, the organization and today's date.
    write_figure(OrgMap(assessment, questionnaire).slide(args.view), args.output)
    with _stdout() as out:
        # The name as the user's bytes: a non-UTF-8 file name cannot go through print().
        out.buffer.write(b"wrote " + os.fsencode(args.output) + b"\n")
    return 0


def _wrote(path) -> None:
    with _stdout() as out:
        # The name as the user's bytes: a non-UTF-8 file name cannot go through print().
        out.buffer.write(b"wrote " + os.fsencode(path) + b"\n")


def _deck(args, questionnaire) -> int:
    from pathlib import Path

    from coordination.files.brand import Brand
    from coordination.files.deck import deck_bytes
    from coordination.files.output import checked_path, write_file
    from coordination.files.pack import build_pack
    from coordination.files.pdf import pack_pdf
    from coordination.report.orgmap import OrgMap

    path = checked_path(args.output, (".pptx", ".pdf"))
    logo = None
    if args.logo:
        try:
            logo = Path(args.logo).read_bytes()
        except OSError as e:
            raise ExportError(f"logo: cannot read {args.logo} ({e.strerror or e})") from None
    brand = Brand(accent=args.accent, font=args.font, logo=logo)  # checked before drawing
    org = OrgMap(_read_named(args.file, questionnaire), questionnaire)
    pack = build_pack(org, since=_since(args, org, questionnaire))
    pptx = path.suffix.lower() == ".pptx"
    write_file(path, deck_bytes(pack, brand) if pptx else pack_pdf(pack, brand.accent))
    _wrote(path)
    return 0


def _spreadsheet(args, questionnaire) -> int:
    from coordination.files import spreadsheets
    from coordination.files.output import checked_path, write_file
    from coordination.report.orgmap import OrgMap

    path = checked_path(args.output, (".xlsx", ".csv"))
    org = OrgMap(_read_named(args.file, questionnaire), questionnaire)
    tables = spreadsheets.sheets(org, since=_since(args, org, questionnaire))
    if path.suffix.lower() == ".xlsx":
        write_file(path, spreadsheets.to_xlsx(tables))
    else:
        name = args.table.capitalize()
        if name not in tables:
            why = "give --since OLD" if name == "Changes" else "the file holds no plan items"
            raise ExportError(f"--table {args.table}: there is no such table here ({why}).")
        write_file(path, spreadsheets.to_csv(tables[name]))
    _wrote(path)
    return 0


def _import_survey(args, questionnaire) -> int:
    import json
    from pathlib import Path

    from coordination.errors import ImportProblem
    from coordination.files.fileformat import encode_assessment
    from coordination.files.output import checked_path, write_file
    from coordination.files.survey import auto_mapping, import_rows, mapping_from_file
    from coordination.files.tables import read_table
    from coordination.wording import counted

    path = checked_path(args.output, (".json",))
    table = read_table(args.file)
    if args.mapping:
        try:
            raw = json.loads(Path(args.mapping).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            raise ImportProblem(f"{args.mapping}: not a readable mapping file ({e})") from None
        mapping = mapping_from_file(raw, table.headers, questionnaire)
    else:
        mapping = auto_mapping(table.headers, questionnaire)
    organization = args.organization or Path(args.file).stem
    result = import_rows(
        table,
        mapping,
        questionnaire,
        organization=organization,
        use_case=args.use_case,
        skip_invalid=args.skip_invalid,
    )
    write_file(path, encode_assessment(result.assessment))
    responses = sum(len(uc.responses) for uc in result.assessment.use_cases)
    lines = [
        f"read {table.source}: {result.rows} rows",
        *mapping.describe(table.headers, questionnaire),
    ]
    lines += [f"skipped {problem}" for problem in result.skipped]
    if result.replaced_sentence:
        lines.append(result.replaced_sentence)
    cases = counted(len(result.assessment.use_cases), "use case")
    skipped = f", {counted(len(result.skipped), 'row')} skipped" if result.skipped else ""
    lines.append(f"{counted(responses, 'response')} for {cases}{skipped}")
    with _stdout() as out:
        out.write("".join(_one_line(line) + "\n" for line in lines))
    _wrote(path)
    return 0


def _form_template(args, questionnaire) -> int:
    from coordination.files.form_template import form_template

    with _stdout() as out:
        out.write(form_template(questionnaire, args.use_case) + "\n")
    return 0
