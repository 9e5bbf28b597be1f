"""Benchmarks for progress over time (issue 13), each against a baseline in the same run:

1. `python -m coordination compare` of two 10,000-use-case files vs. a bare process that only
   `json.load`s both. Target: ratio ≤ 2.
2. The map with a baseline chosen vs. the map without: scoring the workspace, its table and
   headline, plus (with a baseline) the comparison, the Since column and sentence. The
   snapshot's own map is cached by the app, so it is built before timing. Target: ≤ 1.2.

    python bench/bench_progress.py [--use-cases 10000] [--respondents 20] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_score import timed, write_file  # noqa: E402

from coordination.files.fileformat import read_assessment  # noqa: E402
from coordination.method.questionnaire import load_questionnaire  # noqa: E402
from coordination.report.orgmap import OrgMap  # noqa: E402
from coordination.report.views import map_table  # noqa: E402


def changed_copy(before: Path, after: Path, seed: int = 11) -> None:
    """The same organization a month later: a tenth of the answers changed, some use cases
    retired and some new."""
    rng = random.Random(seed)
    data = json.loads(before.read_text())
    for uc in data["use_cases"]:
        for r in uc["responses"]:
            for q in r["answers"]:
                if rng.random() < 0.1:
                    r["answers"][q] = rng.randint(0, 3)
    data["use_cases"] = data["use_cases"][50:] + [
        dict(uc, id=f"new-{k}", name=f"New use case {k}")
        for k, uc in enumerate(data["use_cases"][:50])
    ]
    after.write_text(json.dumps(data))


def bench_compare(before: Path, after: Path, rounds: int) -> tuple[float, float]:
    compare = [sys.executable, "-m", "coordination", "compare", str(before), str(after)]
    both = f"import json; json.load(open({str(before)!r})); json.load(open({str(after)!r}))"
    baseline = [sys.executable, "-c", both]
    timed(compare), timed(baseline)  # warm the page cache and the bytecode cache
    pairs = [(timed(baseline), timed(compare)) for _ in range(rounds)]
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def bench_map(before: Path, after: Path, rounds: int) -> tuple[float, float]:
    q = load_questionnaire()
    old_file, now_file = read_assessment(before, q), read_assessment(after, q)
    old = OrgMap(old_file, q)
    old.scores  # noqa: B018 — cached by the app per snapshot: not part of a page run

    def page(with_baseline: bool) -> float:
        start = time.perf_counter()
        org = OrgMap(now_file, q)
        levels = org.active_levels
        org.headline()
        since = org.since(old) if with_baseline else None
        if since is not None:
            since.headline()
        map_table(levels, since, org.targets)
        return time.perf_counter() - start

    page(False), page(True)
    pairs = [(page(False), page(True)) for _ in range(rounds)]
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--use-cases", type=int, default=10_000)
    parser.add_argument("--respondents", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        before, after = Path(tmp) / "before.json", Path(tmp) / "after.json"
        write_file(before, args.use_cases, args.respondents)
        changed_copy(before, after)
        base, ours = bench_compare(before, after, args.rounds)
        print(
            f"compare, two files of {args.use_cases:,} use cases × {args.respondents}: "
            f"{ours:.2f} s vs. json.load of both {base:.2f} s = {ours / base:.2f}× (target ≤ 2×)"
        )
        base, ours = bench_map(before, after, args.rounds)
        print(
            f"map of {args.use_cases:,} use cases: with a baseline {ours:.3f} s vs. without "
            f"{base:.3f} s = {ours / base:.2f}× (target ≤ 1.2×)"
        )


if __name__ == "__main__":
    main()
