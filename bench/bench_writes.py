"""Benchmark: answers saved by 30 participants at once, as 30 threads of one process (the way the
Streamlit server runs them), on SQLite and on PostgreSQL. Every `set_answer` call is timed; the
baseline is the same writes by 1 writer, interleaved in the same run so both see the same
machine load. Target: p99 < 100 ms with 30 writers.

Then, on SQLite, 5 writers answer in one workspace while a large restore replaces another
(300 use cases × 50 responses × 8 answers): their latency, and whether any write failed.

    python bench/bench_writes.py [--writers 30] [--rounds 6] [--pause-ms 0] [--seconds 15]

Writers answer back to back by default (the worst case: each waits for the ~30 writes queued
ahead of it); --pause-ms N makes each wait 0–2N ms between answers, like a person clicking.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from latency import max_ms, percentile_ms  # noqa: E402

from coordination.method.questionnaire import load_questionnaire  # noqa: E402
from coordination.models import Assessment, Response, UseCase  # noqa: E402
from coordination.storage import Store  # noqa: E402
from tests.postgres import postgres_bin, postgres_server  # noqa: E402

TARGET_MS = 100.0
USE_CASES = 6  # per workspace; not a multiple of 5, so a round's values differ from the last's
VALUES = (0, 1, 2, 3, None)
FUNCTIONS = ["Marketing", "Sales", "Customer Service", "Leadership", "Product", "Operations"]


@dataclass
class Run:
    writers: int
    latencies: list[float] = field(default_factory=list)  # seconds, successful calls only
    failures: list[str] = field(default_factory=list)
    wall: float = 0.0
    cut_short: bool = False
    lost: int = 0  # answers whose stored value is not the last one written

    def add(self, other: Run) -> None:
        self.latencies += other.latencies
        self.failures += other.failures
        self.wall += other.wall
        self.cut_short |= other.cut_short
        self.lost += other.lost

    def pct(self, p: int) -> float:
        return percentile_ms(self.latencies, p)

    @property
    def max_ms(self) -> float:
        return max_ms(self.latencies)

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.wall


def workspace(store: Store, name: str) -> tuple[str, list[str]]:
    ws = store.create_workspace(name, FUNCTIONS)
    return ws.key, [store.add_use_case(ws.key, f"Use case {i}") for i in range(USE_CASES)]


def write_answers(
    store: Store,
    ws_key: str,
    uc_keys: list[str],
    writers: int,
    *,
    rounds: int | None,
    seconds: float,
    stop: threading.Event | None = None,
    started: threading.Barrier | None = None,
    name: str = "participant",
    pause: float = 0.0,
) -> Run:
    """`writers` threads, each under its own name, answering the 8 questions of one use case per
    round (the next use case each round, values changing) until `rounds` are done, `stop` is
    set or `seconds` have passed."""
    questions = store.questionnaire.question_ids
    barrier = started or threading.Barrier(writers + 1)
    deadline: list[float] = []
    runs = [Run(1) for _ in range(writers)]
    last: list[dict] = [{} for _ in range(writers)]

    def writer(i: int) -> None:
        run, respondent, rng = runs[i], f"{name} {i}", random.Random(i)
        barrier.wait()
        r = 0
        while rounds is None or r < rounds:
            if stop is not None and stop.is_set():
                return
            if time.perf_counter() > deadline[0]:
                run.cut_short = True
                return
            uc = uc_keys[(i + r) % len(uc_keys)]
            for qi, q in enumerate(questions):
                value = VALUES[(i + r + qi) % len(VALUES)]
                if pause:
                    time.sleep(rng.uniform(0, 2 * pause))
                start = time.perf_counter()
                try:
                    store.set_answer(ws_key, uc, respondent, q, value)
                except Exception as e:  # counted and shown, the run goes on
                    run.failures.append(f"{type(e).__name__}: {e}")
                    continue
                run.latencies.append(time.perf_counter() - start)
                last[i][(uc, q)] = value
            r += 1

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(writers)]
    for t in threads:
        t.start()
    deadline.append(time.perf_counter() + seconds)
    start = time.perf_counter()
    barrier.wait()
    for t in threads:
        t.join()
    total = Run(writers)
    for run in runs:
        total.add(run)
    total.wall = time.perf_counter() - start
    total.lost = count_lost(store, ws_key, name, last)
    return total


def count_lost(store: Store, ws_key: str, name: str, last: list[dict]) -> int:
    """Answers that do not read back as the last value their writer saved."""
    lost = 0
    for i, expected in enumerate(last):
        for uc in {uc for uc, _ in expected}:
            response = store.response(ws_key, uc, f"{name} {i}")
            stored = response.answers if response else {}
            lost += sum(stored.get(q, "missing") != v for (u, q), v in expected.items() if u == uc)
    return lost


def compare(store: Store, label: str, args: argparse.Namespace) -> tuple[Run, Run]:
    """1 writer and `writers` writers, in two interleaved halves, each in a fresh workspace."""
    writers, rounds, seconds, pause = args.writers, args.rounds, args.seconds, args.pause_ms / 1e3
    one, many = Run(1), Run(writers)
    ws, ucs = workspace(store, f"{label} warm-up")
    write_answers(store, ws, ucs, 1, rounds=1, seconds=seconds)  # connections, caches
    for half in range(2):
        ws, ucs = workspace(store, f"{label} one {half}")
        one.add(write_answers(store, ws, ucs, 1, rounds=rounds, seconds=seconds, pause=pause))
        ws, ucs = workspace(store, f"{label} many {half}")
        many.add(
            write_answers(store, ws, ucs, writers, rounds=rounds, seconds=seconds, pause=pause)
        )
    return one, many


def make_assessment(use_cases: int, respondents: int, seed: int = 13) -> Assessment:
    rng = random.Random(seed)
    questions = load_questionnaire().question_ids
    return Assessment(
        organization="Bench Restore",
        functions=FUNCTIONS,
        use_cases=[
            UseCase(
                id=f"uc-{i}",
                name=f"Use case {i}",
                function=FUNCTIONS[i % 6],
                responses=[
                    Response(
                        respondent=f"person {j}",
                        answers={q: rng.choice(VALUES) for q in questions},
                    )
                    for j in range(respondents)
                ],
            )
            for i in range(use_cases)
        ],
    )


def during_restore(store: Store, assessment: Assessment, writers: int, seconds: float):
    """`writers` writers in one workspace from the moment a restore starts replacing another
    workspace until it ends; returns (their run, restore seconds, restore error or None)."""
    target = store.restore(assessment)  # the workspace to replace, full of rows to purge
    ws, ucs = workspace(store, "live during restore")
    write_answers(store, ws, ucs, writers, rounds=1, seconds=seconds, name="warm")
    stop = threading.Event()
    started = threading.Barrier(writers + 2)
    outcome: dict = {}

    def restore() -> None:
        started.wait()
        begin = time.perf_counter()
        try:
            store.restore(assessment, replace=target.key)
        except Exception as e:
            outcome["error"] = f"{type(e).__name__}: {e}"
        outcome["seconds"] = time.perf_counter() - begin
        stop.set()

    restorer = threading.Thread(target=restore)
    restorer.start()
    run = write_answers(
        store, ws, ucs, writers, rounds=None, seconds=seconds, stop=stop, started=started
    )
    restorer.join()
    restored = len(store.use_cases(target.key))
    wanted = len(assessment.use_cases)
    if "error" not in outcome and restored != wanted:
        outcome["error"] = f"{restored} use cases after the restore, not {wanted}"
    return run, outcome["seconds"], outcome.get("error")


def row(label: str, run: Run) -> str:
    return (
        f"{label:<24}{len(run.latencies):>7}{run.per_second:>9.0f}{run.pct(50):>8.1f}"
        f"{run.pct(95):>8.1f}{run.pct(99):>8.1f}{run.max_ms:>8.1f}{len(run.failures):>7}"
        f"{run.lost:>6}"
    )


HEADER = (
    f"{'':<24}{'writes':>7}{'per s':>9}{'p50':>8}{'p95':>8}{'p99':>8}{'max':>8}"
    f"{'failed':>7}{'lost':>6}   (latency in ms)"
)


def report(db: str, one: Run, many: Run) -> None:
    print(f"\n{db}")
    print(HEADER)
    print(row("1 writer (baseline)", one))
    print(row(f"{many.writers} writers", many))
    verdict = "PASS" if many.pct(99) < TARGET_MS and not many.failures else "FAIL"
    print(
        f"p99({many.writers} writers) / p50(1 writer): {many.pct(99) / one.pct(50):.1f}×   "
        f"p99 {many.pct(99):.1f} ms < {TARGET_MS:.0f} ms: {verdict}"
    )
    for run in (one, many):
        if run.cut_short:
            print(f"  note: {run.writers} writer run stopped at the time limit")
        for message in sorted(set(run.failures))[:3]:
            print(f"  failure: {message[:160]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=6, help="use cases answered per writer")
    parser.add_argument("--seconds", type=float, default=15, help="time limit of each run")
    parser.add_argument("--pause-ms", type=float, default=0, help="mean pause between answers")
    parser.add_argument("--restore-use-cases", type=int, default=300)
    parser.add_argument("--restore-respondents", type=int, default=50)
    parser.add_argument("--restore-writers", type=int, default=5)
    args = parser.parse_args()
    began = time.perf_counter()
    print(
        f"{args.writers} writers as threads of one process, each answering 8 questions × "
        f"{args.rounds} rounds over {USE_CASES} use cases of one workspace, "
        + (
            f"pausing 0–{2 * args.pause_ms:.0f} ms between answers"
            if args.pause_ms
            else "back to back"
        )
    )
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = Store.from_url(f"sqlite:///{tmp}/bench.db")
        one, many = compare(sqlite, "sqlite", args)
        report("SQLite (file in a temp folder)", one, many)

        if postgres_bin() is None:
            print("\nPostgreSQL: skipped, not installed (apt-get install postgresql)")
        else:
            with postgres_server() as url:
                pg = Store.from_url(url)
                pg_one, pg_many = compare(pg, "pg", args)
                pg.engine.dispose()
            report("PostgreSQL 127.0.0.1 (fsync off, as in the tests)", pg_one, pg_many)

        assessment = make_assessment(args.restore_use_cases, args.restore_respondents)
        run, restore_s, error = during_restore(
            sqlite, assessment, args.restore_writers, args.seconds * 4
        )
        responses = args.restore_use_cases * args.restore_respondents
        print(
            f"\nSQLite, {args.restore_writers} writers in another workspace during a restore "
            f"(replace) of {args.restore_use_cases} use cases × {args.restore_respondents} "
            f"responses ({responses:,} responses, {responses * 8:,} answers)"
        )
        print(HEADER)
        print(row(f"{args.restore_writers} writers + restore", run))
        print(
            f"restore took {restore_s:.1f} s: {'FAILED ' + error if error else 'ok'};  "
            f"failed writes: {len(run.failures)};  p99/p50(1 writer, above): "
            f"{run.pct(99) / one.pct(50):.1f}×;  p99 < {TARGET_MS:.0f} ms: "
            f"{'PASS' if run.pct(99) < TARGET_MS else 'FAIL'}"
        )
        if run.cut_short:
            print("  note: the writers stopped at the time limit, before the restore ended")
        for message in sorted(set(run.failures))[:3]:
            print(f"  failure: {message[:160]}")
        sqlite.engine.dispose()
    print(f"\nwhole run: {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
