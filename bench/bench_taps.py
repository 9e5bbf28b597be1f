"""Benchmark: the server's work for one participant's tap, in a small room and a full one.

Each tap on an answer costs the server a run (the answer's callback, its write, what the page
draws next). With thirty people tapping at once that work is what delays the facilitator's
console (bench_workshop.py), so it must not grow with the room. Participants are scripted
pages (tests/page_client.py) that answer every question one after the other, each tap waiting
for the next question; the server's CPU time over the taps, less what the room's live parts
cost while nobody taps (measured just before), is divided by the taps. The baseline is a room
of 3 (the anonymity threshold) on the same server, just before.

    python bench/bench_taps.py [--participants 30]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_workshop import BASELINE, make_room, server_process  # noqa: E402
from latency import percentile_ms  # noqa: E402

from coordination.access import PARTICIPANT_COOKIE  # noqa: E402
from coordination.storage import Store  # noqa: E402
from tests.browser import free_port, streamlit_server  # noqa: E402
from tests.page_client import PageClient  # noqa: E402

IDLE_S = 4.0  # how long the room's live parts are timed with nobody tapping


def cpu_seconds(process) -> float:
    times = process.cpu_times()
    return times.user + times.system


def room_taps(store: Store, url: str, server, people: int, name: str) -> tuple[float, list]:
    """Server CPU seconds per tap, and each tap's time until the page showed the next step."""
    room = make_room(store, name, people, 1)
    pages = [PageClient(url, {PARTICIPANT_COOKIE: token}) for token in room.tokens]
    try:
        for page in pages:
            page.wait_for("Waiting", timeout=120)
        store.workshops.set_phase(room.ws, room.workshop, room.cases[0], "voting")
        count = len(store.questionnaire.questions)
        for page in pages:
            page.wait_for(f"Question 1 of {count}")
        time.sleep(2.0)  # the vote's first live-part runs are over
        start, cpu = time.monotonic(), cpu_seconds(server)
        time.sleep(IDLE_S)
        idle = (cpu_seconds(server) - cpu) / (time.monotonic() - start)
        rng, waits = random.Random(7), []
        start, cpu = time.monotonic(), cpu_seconds(server)
        for step in range(1, count + 1):
            after = (f"Question {step + 1} of",) if step < count else ("Open questions", "Waiting")
            for page in pages:
                screen = page.wait_for(f"Question {step} of {count}")
                tapped = time.monotonic()
                page.tap(rng.choice([b for b in screen.buttons if b[:1].isdigit()]))
                page.wait_for(*after, timeout=30)
                waits.append(time.monotonic() - tapped)
        spent = cpu_seconds(server) - cpu - idle * (time.monotonic() - start)
        return spent / len(waits), waits
    finally:
        for page in pages:
            page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=30)
    people = parser.parse_args().participants
    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite:///{tmp}/taps.db"
        store, port = Store.from_url(db_url), free_port()
        with streamlit_server(db_url, port) as url:
            server = server_process(port)
            room_taps(store, url, server, 1, "warm-up")  # the first runs load the code
            base, base_waits = room_taps(store, url, server, BASELINE, "baseline")
            ours, waits = room_taps(store, url, server, people, "room")
    print("Server CPU per participant tap (tap → next question, sequential taps)")
    for label, cpu, w in (("baseline", base, base_waits), ("room", ours, waits)):
        who = f"{BASELINE if label == 'baseline' else people} participants"
        print(
            f"  {who:<16} {cpu * 1000:6.1f} ms CPU per tap   tap → next question "
            f"p50 {percentile_ms(w, 50):.0f} ms, p95 {percentile_ms(w, 95):.0f} ms"
        )
    print(f"  per-tap cost, {people} against {BASELINE}: {ours / base:.2f}×")


if __name__ == "__main__":
    main()
