"""Benchmark: the organization map page for 500 use cases × 30 respondents, rerun through
AppTest, against a bare page that draws a precomputed figure of the same size, in one run.
Target: the map page's rerun within 3× the bare page's.

    python bench/bench_app.py [--use-cases 500] [--respondents 30] [--reruns 10]
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

import app_pages.session  # noqa: E402
from coordination.access import OWNER_COOKIE  # noqa: E402
from coordination.method.questionnaire import load_questionnaire  # noqa: E402
from coordination.models import Assessment, Response, UseCase  # noqa: E402
from coordination.report.orgmap import OrgMap  # noqa: E402
from coordination.storage import Store  # noqa: E402

BARE_PAGE = """
import pickle, streamlit as st
with open({path!r}, "rb") as f:
    figure = pickle.load(f)
st.title("Organization map")
st.plotly_chart(figure, theme=None, width="stretch")
"""


def make_assessment(use_cases: int, respondents: int, seed: int = 11) -> Assessment:
    rng = random.Random(seed)
    questions = load_questionnaire().question_ids
    functions = ["Marketing", "Sales", "Customer Service", "Leadership", "Product", "Operations"]
    return Assessment(
        organization="Bench Corp",
        functions=functions,
        use_cases=[
            UseCase(
                id=f"uc-{i}",
                name=f"Use case {i}",
                function=functions[i % 6],
                objective="reduce repetitive work",
                responses=[
                    Response(
                        respondent=f"person {j}",
                        answers={q: rng.choice([None, 0, 1, 2, 3]) for q in questions},
                    )
                    for j in range(respondents)
                ],
            )
            for i in range(use_cases)
        ],
    )


def rerun_times(at: AppTest, reruns: int) -> list[float]:
    at.run()  # first run: imports, caches
    times = []
    for _ in range(reruns):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        assert not at.exception, at.exception
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--use-cases", type=int, default=500)
    parser.add_argument("--respondents", type=int, default=30)
    parser.add_argument("--reruns", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        os.environ["COORDINATION_DB_URL"] = url
        assessment = make_assessment(args.use_cases, args.respondents)
        store = Store.from_url(url)
        ws = store.restore(assessment)
        signed_in = {OWNER_COOKIE: store.sign_in(store.owner_key())}
        app_pages.session.cookies = lambda: signed_in  # what the browser's cookie would say
        figure = OrgMap(assessment, load_questionnaire()).figure("answers")
        figure_path = Path(tmp) / "figure.pkl"
        figure_path.write_bytes(pickle.dumps(figure))

        map_page = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        map_page.query_params["ws"] = ws.key
        map_page.run()
        map_page.switch_page("app_pages/owner/map.py")
        bare = AppTest.from_string(BARE_PAGE.format(path=str(figure_path)), default_timeout=120)
        ours, base = [], []
        for _ in range(2):  # interleave the two, so both see the same machine load
            ours += rerun_times(map_page, args.reruns // 2)
            base += rerun_times(bare, args.reruns // 2)
    ours_s, base_s = statistics.median(ours), statistics.median(base)
    print(
        f"workspace: {args.use_cases} use cases × {args.respondents} respondents "
        f"({args.use_cases * args.respondents:,} responses)"
    )
    print(f"bare page rerun (one precomputed figure): median {base_s * 1000:.0f} ms")
    print(f"organization map rerun:                   median {ours_s * 1000:.0f} ms")
    print(f"ratio: {ours_s / base_s:.2f}× (target ≤ 3×)")


if __name__ == "__main__":
    main()
