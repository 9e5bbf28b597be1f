"""Benchmark: `python -m coordination score` on 10,000 use cases × 20 respondents.

Times the whole CLI process against a bare process that only `json.load`s the same file,
interleaved in one run so both see the same machine load. Target: ratio ≤ 2.

    python bench/bench_score.py [--use-cases 10000] [--respondents 20] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from coordination.method.questionnaire import load_questionnaire

FUNCTIONS = ("Marketing", "Sales", "Customer Service", "Leadership", "Product", "Operations")


def write_file(path: Path, use_cases: int, respondents: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    questions = load_questionnaire().question_ids
    cases = []
    for i in range(use_cases):
        responses = [
            {
                "respondent": f"person-{j}",
                "answers": {
                    q: (None if rng.random() < 0.05 else rng.randint(0, 3)) for q in questions
                },
                "notes": {},
            }
            for j in range(respondents)
        ]
        cases.append(
            {
                "id": f"uc-{i}",
                "name": f"Use case {i}",
                "function": FUNCTIONS[i % 6],
                "objective": "reduce repetitive work",
                "responses": responses,
            }
        )
    path.write_text(
        json.dumps({"organization": "Bench Corp", "functions": list(FUNCTIONS), "use_cases": cases})
    )


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--use-cases", type=int, default=10_000)
    parser.add_argument("--respondents", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.json"
        write_file(path, args.use_cases, args.respondents)
        size = path.stat().st_size / 1e6
        score = [sys.executable, "-m", "coordination", "score", str(path)]
        baseline = [sys.executable, "-c", f"import json; json.load(open({str(path)!r}))"]
        timed(score), timed(baseline)  # warm the page cache and the bytecode cache
        pairs = [(timed(baseline), timed(score)) for _ in range(args.rounds)]
    base = statistics.median(p[0] for p in pairs)
    ours = statistics.median(p[1] for p in pairs)
    print(
        f"file: {args.use_cases} use cases × {args.respondents} respondents "
        f"({args.use_cases * args.respondents:,} responses, {size:.0f} MB)"
    )
    print(f"json.load process:   median {base:.3f} s over {args.rounds} rounds")
    print(f"coordination score:  median {ours:.3f} s")
    print(f"ratio: {ours / base:.2f}× (target ≤ 2×)")


if __name__ == "__main__":
    main()
