"""The commands whose answer is printed: score, compare, sign-in-link, form-template."""

from __future__ import annotations

import datetime as dt
import gc
import sys

from coordination.cli.inputs import read, read_named, stem
from coordination.cli.output import stdout
from coordination.settings import Settings


def run_compare(args, questionnaire) -> int:
    import msgspec

    from coordination.progress.compare import Moment, compare

    before, after = (
        Moment.of(read_named(path, questionnaire), questionnaire, fallback=stem(path))
        for path in (args.before, args.after)
    )
    if not (found := compare(before, after)).same_organization:
        print(
            f"note: comparing two organizations: {before.assessment.organization!r} and "
            f"{after.assessment.organization!r}; use cases are matched by id",
            file=sys.stderr,
        )
    with stdout() as out:
        out.buffer.write(msgspec.json.encode(found.as_json()) + b"\n")
    return 0


def run_sign_in_link(args, _questionnaire) -> int:
    from coordination.services import open_services
    from coordination.signin import sign_in_link

    settings = Settings.from_env()
    store, _ = open_services(settings)
    base = args.base or settings.public_url or "http://localhost:8501"
    with stdout() as out:
        out.write(sign_in_link(base, store.owner_key()) + "\n")
    return 0


def run_score(args, questionnaire) -> int:
    import msgspec

    from coordination.method.scoring import results, score, summary
    from coordination.progress.plan import with_progress

    assessment = read(args.file, questionnaire)
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
    with stdout() as out:
        out.buffer.write(msgspec.json.encode(report) + b"\n")
    return 0


def run_form_template(args, questionnaire) -> int:
    from coordination.files.form_template import form_template

    with stdout() as out:
        out.write(form_template(questionnaire, args.use_case) + "\n")
    return 0
