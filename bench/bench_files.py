"""Benchmark: files in and out, each against the bare library doing the least it can in the
same run (these machines are noisy: the ratio is what compares).

- deck: 200 traced use cases × 3 respondents with notes, as PowerPoint (target: under 5 s),
  against python-pptx saving as many slides with one text box each;
- PDF pack of the same, against ReportLab writing as many pages of one paragraph each;
- survey import: a 2,000-row Google Forms CSV read, mapped and checked, against the csv module
  only reading it;
- chart images: each of the five slides as a 1920×1080 PNG after the first (target: under 1 s),
  against the first, which starts Chromium.

    python bench/bench_files.py [--use-cases 200] [--rows 2000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coordination.files.deck import deck_bytes  # noqa: E402
from coordination.files.pack import build_pack  # noqa: E402
from coordination.files.pdf import pack_pdf  # noqa: E402
from coordination.files.survey import import_rows  # noqa: E402
from coordination.files.survey_mapping import auto_mapping  # noqa: E402
from coordination.files.tables import table_from_bytes  # noqa: E402
from coordination.method.questionnaire import load_questionnaire  # noqa: E402
from coordination.models import Assessment, Response, UseCase  # noqa: E402
from coordination.report.orgmap import OrgMap  # noqa: E402
from tests.survey_files import large_csv  # noqa: E402

FUNCTIONS = ("Marketing", "Sales", "Customer Service", "Leadership", "Product", "Operations")


def organization(use_cases: int, seed: int = 3) -> OrgMap:
    q = load_questionnaire()
    rng = random.Random(seed)
    cases = [
        UseCase(
            id=f"uc-{i}",
            name=f"Use case {i}: drafts of customer replies",
            function=FUNCTIONS[i % len(FUNCTIONS)],
            responses=[
                Response(
                    respondent=f"Person {j}",
                    answers={x: rng.choice((0, 1, 2, 3, None)) for x in q.question_ids},
                    notes={"learned": "What we learned, in a sentence or two of moderate length."},
                )
                for j in range(3)
            ],
        )
        for i in range(use_cases)
    ]
    return OrgMap(Assessment(organization="Bench Ltd", use_cases=cases), q)


def bare_deck(slides: int) -> bytes:
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    for k in range(slides):
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        slide.shapes.add_textbox(Inches(1), Inches(1), Inches(8), Inches(1)).text = f"Slide {k}"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def bare_pdf(pages: int) -> bytes:
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    out = io.BytesIO()
    style = getSampleStyleSheet()["Normal"]
    story = []
    for k in range(pages):
        story += [Paragraph(f"Page {k}", style), PageBreak()]
    SimpleDocTemplate(out).build(story)
    return out.getvalue()


def timed(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--use-cases", type=int, default=200)
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    org = organization(args.use_cases)
    pack = build_pack(org)
    slides = len(__import__("pptx").Presentation(io.BytesIO(deck_bytes(pack))).slides)
    deck = timed(lambda: deck_bytes(build_pack(org)), args.rounds)
    floor = timed(lambda: bare_deck(slides), args.rounds)
    print(f"deck, {args.use_cases} use cases ({slides} slides): median {deck:.2f} s (target < 5 s)")
    print(
        f"  bare python-pptx, {slides} slides of one text box: {floor:.2f} s — {deck / floor:.1f}×"
    )
    pdf = timed(lambda: pack_pdf(build_pack(org)), args.rounds)
    floor = timed(lambda: bare_pdf(slides), args.rounds)
    print(f"PDF pack, same content: median {pdf:.2f} s")
    print(f"  bare ReportLab, {slides} one-paragraph pages: {floor:.2f} s — {pdf / floor:.1f}×")
    q = org.questionnaire
    data = large_csv(q, args.rows)

    def survey():
        table = table_from_bytes(data, "form.csv")
        import_rows(table, auto_mapping(table.headers, q), q, organization="Bench")

    imported = timed(survey, args.rounds)
    floor = timed(lambda: list(csv.reader(io.StringIO(data.decode(), newline=""))), args.rounds)
    print(f"survey import, {args.rows:,} rows: median {imported * 1000:.0f} ms")
    print(f"  csv.reader alone: {floor * 1000:.1f} ms — {imported / floor:.0f}×")
    images(org)


def images(org: OrgMap) -> None:
    from coordination.files.images import figure_bytes
    from coordination.report.style import TITLES

    start = time.perf_counter()
    figure_bytes(org.slide("answers"), "png")
    first = time.perf_counter() - start
    each = []
    for view in TITLES:
        start = time.perf_counter()
        figure_bytes(org.slide(view), "png")
        each.append(time.perf_counter() - start)
    print(
        f"chart PNG 1920×1080: first {first:.2f} s (starts Chromium); after it, per chart: "
        f"median {statistics.median(each):.2f} s, slowest {max(each):.2f} s (target < 1 s)"
    )


if __name__ == "__main__":
    main()
