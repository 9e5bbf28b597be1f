"""The assessment files a command reads: named in every error, and `--since OLD`."""

from __future__ import annotations


def since(args, org, questionnaire):
    """What changed since `--since OLD`, or None without it."""
    from coordination.progress.since import Since
    from coordination.report.orgmap import OrgMap
    from coordination.view import WorkspaceView

    if not getattr(args, "since", None):
        return None
    view = WorkspaceView.of_snapshot(read_named(args.since, questionnaire))
    old = OrgMap(view.assessment, questionnaire, view.withheld)  # withheld then stays withheld
    return Since.between(old.moment(fallback=stem(args.since)), org.moment())


def read_named(path: str, questionnaire):
    """An assessment file, any problem with it naming the file as well as the place."""
    from coordination.errors import AssessmentError

    try:
        return read(path, questionnaire)
    except AssessmentError as e:
        if str(e).startswith(str(path)):
            raise
        raise AssessmentError(
            f"{path}: {e.location}" if e.location else str(path), e.problem
        ) from None


def read(path: str, questionnaire):
    """An assessment file, answers to another shipped questionnaire's questions kept (a file
    saved before the questionnaire was switched), with a note on stderr saying so: they are in
    no level or table this command prints, and stdout stays the command's own output."""
    import sys

    from coordination.cli.output import one_line
    from coordination.files.fileformat import read_assessment
    from coordination.method.questionnaire import shipped
    from coordination.report.other_lens import CLI, other_lens

    assessment = read_assessment(path, questionnaire, others=shipped())
    if found := other_lens(assessment, questionnaire):
        said = found.sentence(where=f"in {path}", reader=CLI)
        print(f"note: {one_line(said)}", file=sys.stderr)
    return assessment


def stem(path: str) -> str:
    """A file's label when it carries none (`snapshot.label` wins): its name without .json."""
    from pathlib import Path

    return Path(path).stem or str(path)
