"""Benchmark: the import's peak memory, whatever the file. Each file is read in a child process
of its own, as the Import page reads it (the table, then the rows mapped and checked), and the
child reports its peak resident size (ru_maxrss). The baseline is a child importing a small
valid export in the same run; "added" is a file's peak minus the baseline's.

The hostile files are those of the issue and tests/test_import_limits.py; the largest valid
files are 5,000 answers × 300 columns, every cell a different text. With --openpyxl the old
reader (openpyxl, whole workbook) and its read-only mode are measured too, each child held to
--cap MB of address space so that a file that needs more ends with MemoryError, not a swapping
machine.

    python bench/bench_import_memory.py [--openpyxl] [--cap 1500]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coordination.method.questionnaire import load_questionnaire  # noqa: E402
from tests import survey_files, workbooks  # noqa: E402

CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from coordination.errors import ImportProblem
from coordination.files.survey import import_rows
from coordination.files.survey_mapping import auto_mapping
from coordination.files.tables import Table, table_from_bytes, _table
from coordination.method.questionnaire import load_questionnaire

def openpyxl_table(data, name, read_only):
    import io, openpyxl
    from coordination.files.workbook import cell_text
    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=read_only)
    sheet = [s for s in book.worksheets if s.sheet_state == "visible"][0]
    return _table([[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)], name)

path, reader = sys.argv[1], sys.argv[2]
q = load_questionnaire()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
try:
    data = open(path, "rb").read()
    if reader == "ours":
        table = table_from_bytes(data, path.rsplit("/", 1)[1])
    else:
        table = openpyxl_table(data, path, reader == "openpyxl read-only")
    result = import_rows(table, auto_mapping(table.headers, q), q, organization="X",
                         use_case="Any", skip_invalid=True)
    outcome = f"imported {{len(table.rows):,}} rows × {{len(table.headers)}} columns"
except ImportProblem as e:
    outcome = "refused: " + str(e).split(": ", 1)[1]
except MemoryError:
    outcome = "MemoryError"
print(json.dumps({{"before": before, "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "seconds": time.perf_counter() - started, "outcome": outcome}}))
"""


def files(q) -> dict[str, bytes]:
    return {
        "small valid CSV (baseline)": survey_files.google_csv(q),
        "small valid XLSX (Microsoft Forms)": survey_files.microsoft_xlsx(q),
        "largest valid XLSX, 5,000 × 300": workbooks.largest(q, "xlsx"),
        "largest valid CSV, 5,000 × 300": workbooks.largest(q, "csv"),
        "the issue's XLSX, 100,000 × 50": workbooks.grid(100_000, 50),
        "zip bomb: sheet of 200 MB": workbooks.bomb(200),
        "zip bomb: texts of 200 MB": workbooks.bomb(200, part="strings"),
        "5,000 parts": workbooks.many_parts(5_000),
        "a cell of 1,000,000 characters": workbooks.huge_cell(1_000_000),
        "2,000,000 shared strings": workbooks.many_strings(2_000_000),
        "CSV of 200,000 columns": workbooks.wide_csv(200_000),
        "CSV of one row, 9,999,999 columns (20 MB)": b"a," * 9_999_999 + b"a",
        "CSV of 20 MB in one cell": b"x" * 19_999_999,
    }


def measure(path: Path, reader: str, cap_mb: int | None) -> dict:
    def limit() -> None:
        if cap_mb:
            cap = cap_mb * 1_000_000
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    done = subprocess.run(
        [sys.executable, "-c", CHILD.format(root=str(ROOT)), str(path), reader],
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=limit,
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"peak": None, "seconds": None, "outcome": f"crashed: {last[:80]}"}
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--openpyxl", action="store_true", help="measure the old reader too")
    parser.add_argument("--cap", type=int, default=1500, help="MB of address space (openpyxl)")
    args = parser.parse_args()
    q = load_questionnaire()
    readers = ["ours"] + (["openpyxl", "openpyxl read-only"] if args.openpyxl else [])
    with tempfile.TemporaryDirectory() as folder:
        made = {}
        for n, (name, data) in enumerate(files(q).items()):
            suffix = ".csv" if "CSV" in name else ".xlsx"
            path = Path(folder) / f"file{n}{suffix}"
            path.write_bytes(data)
            made[name] = (path, len(data))
        base = measure(made["small valid CSV (baseline)"][0], "ours", None)["peak"]
        print(
            f"baseline: a child importing a {made['small valid CSV (baseline)'][1]:,}-byte "
            f"CSV peaks at {base / 1024:.0f} MB\n"
        )
        print("| file | size | reader | peak | added | time | outcome |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for name, (path, size) in made.items():
            for reader in readers:
                if reader != "ours" and path.suffix != ".xlsx":
                    continue
                started = time.perf_counter()
                r = measure(path, reader, args.cap if reader != "ours" else None)
                peak = f"{r['peak'] / 1024:.0f} MB" if r["peak"] else "—"
                added = f"{(r['peak'] - base) / 1024:+.0f} MB" if r["peak"] else "—"
                took = (
                    f"{r['seconds']:.2f} s"
                    if r["seconds"] is not None
                    else (f"({time.perf_counter() - started:.1f} s)")
                )
                print(
                    f"| {name} | {size / 1000:,.0f} KB | {reader} | {peak} | {added} | "
                    f"{took} | {r['outcome']} |"
                )


if __name__ == "__main__":
    main()
