"""The commands that write a file: heatmap, deck, spreadsheet, import-survey."""

from __future__ import annotations

from coordination.cli.inputs import read, read_named, since
from coordination.cli.output import one_line, stdout, wrote
from coordination.errors import ExportError


def run_heatmap(args, questionnaire) -> int:
    from coordination.files.images import check_output, write_figure
    from coordination.report.orgmap import OrgMap

    check_output(args.output)  # a wrong OUT fails now, not after reading and drawing
    assessment = read(args.file, questionnaire)
    # Drawn for a slide: 18 pt text, the title, the organization and today's date.
    write_figure(OrgMap(assessment, questionnaire).slide(args.view), args.output)
    wrote(args.output)
    return 0


def run_deck(args, questionnaire) -> int:
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
    org = OrgMap(read_named(args.file, questionnaire), questionnaire)
    pack = build_pack(org, since=since(args, org, questionnaire))
    pptx = path.suffix.lower() == ".pptx"
    write_file(path, deck_bytes(pack, brand) if pptx else pack_pdf(pack, brand.accent))
    wrote(path)
    return 0


def run_spreadsheet(args, questionnaire) -> int:
    from coordination.files import spreadsheets
    from coordination.files.output import checked_path, write_file
    from coordination.report.orgmap import OrgMap

    path = checked_path(args.output, (".xlsx", ".csv"))
    org = OrgMap(read_named(args.file, questionnaire), questionnaire)
    tables = spreadsheets.sheets(org, since=since(args, org, questionnaire))
    if path.suffix.lower() == ".xlsx":
        write_file(path, spreadsheets.to_xlsx(tables))
    else:
        name = args.table.capitalize()
        if name not in tables:
            why = "give --since OLD" if name == "Changes" else "the file holds no plan items"
            raise ExportError(f"--table {args.table}: there is no such table here ({why}).")
        write_file(path, spreadsheets.to_csv(tables[name]))
    wrote(path)
    return 0


def run_import_survey(args, questionnaire) -> int:
    import json
    from pathlib import Path

    from coordination.errors import ImportProblem
    from coordination.files.fileformat import encode_assessment
    from coordination.files.output import checked_path, write_file
    from coordination.files.survey import import_rows
    from coordination.files.survey_mapping import auto_mapping, mapping_from_file
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
    with stdout() as out:
        out.write("".join(one_line(line) + "\n" for line in lines))
    wrote(path)
    return 0
