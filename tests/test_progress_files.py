"""Progress in the files a meeting uses (issue 13): the deck's "Since" and roadmap slides and
the change beside each heatmap level, the spreadsheet's Plan and Changes sheets, the CLI's
`deck NEW --since OLD` and `spreadsheet --since`."""

from __future__ import annotations

import io
import subprocess
import sys

from pptx import Presentation

from coordination.files.fileformat import encode_assessment
from coordination.files.spreadsheets import sheets
from coordination.method.questionnaire import load_questionnaire
from coordination.settings import DEMO_PATH


def _week(store, demo):
    """A snapshot "Q1 workshop", then LinkedIn post drafts raised to level 4 and a plan."""
    snap = store.take_snapshot(demo, "Q1 workshop")
    for r in store.load(demo).use_case("linkedin-posts").responses:
        for q in ("reach", "handoff", "feedback_loop", "workflow_defined", "ownership",
                  "review_criteria", "tool_standard"):  # fmt: skip
            store.set_answer(demo, "linkedin-posts", r.respondent, q, 3)
    store.add_plan_item(demo, "call-summaries", "Agree the hand-off with service",
                        owner="Marta", due="2020-01-31")  # fmt: skip
    return snap


def _texts(pptx: bytes) -> list[str]:
    deck = Presentation(io.BytesIO(pptx))
    out = []
    for slide in deck.slides:
        words = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                words.append(shape.text_frame.text)
            if shape.has_table:
                words += [c.text for row in shape.table.rows for c in row.cells]
        out.append("\n".join(words))
    return out


def test_the_cli_deck_says_what_changed_since_an_older_file(store, demo, tmp_path):
    snap = _week(store, demo)
    old, new = tmp_path / "q1.json", tmp_path / "now.json"
    old.write_bytes(store.snapshot_file(demo, snap))
    new.write_bytes(encode_assessment(store.load(demo)))
    out = tmp_path / "deck.pptx"
    done = subprocess.run([sys.executable, "-m", "coordination", "deck", str(new), "-o",
                           str(out), "--since", str(old)], capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    slides = _texts(out.read_bytes())
    since = next(s for s in slides if s.startswith("Since Q1 workshop"))
    assert "LinkedIn post drafts" in since and "up" in since
    assert "one use case moved up" in since
    heatmap = next(s for s in slides if s.startswith("Where coordination is missing"))
    assert "▲ from 2" in heatmap
    roadmap = next(s for s in slides if s.startswith("Roadmap"))
    assert "Agree the hand-off with service" in roadmap and "overdue" in roadmap


def test_the_workbook_has_plan_and_changes_sheets(store, demo, tmp_path):
    from coordination.report.orgmap import OrgMap

    snap = _week(store, demo)
    q = load_questionnaire()
    now = OrgMap(store.load(demo), q)
    view = store.view_at(demo, snap)
    since = now.since(OrgMap(view.assessment, q, view.withheld))
    tables = sheets(now, since=since)
    plan, changes = tables["Plan"], tables["Changes"]
    assert list(plan["Flag"]) == ["overdue"] and list(plan["Owner"]) == ["Marta"]
    row = changes[changes["Use case"] == "LinkedIn post drafts"].iloc[0]
    assert (row["Change"], row["Then"]) == ("up", "2")
    assert "Changes" not in sheets(now) and "Plan" in sheets(now)
    results = tables["Results"]
    assert "target level" in results.columns


def test_the_cli_spreadsheet_csv_names_a_missing_table(tmp_path):
    out = tmp_path / "plan.csv"
    done = subprocess.run([sys.executable, "-m", "coordination", "spreadsheet", str(DEMO_PATH),
                           "-o", str(out), "--table", "changes"], capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert done.returncode != 0 and "--since" in done.stderr and not out.exists()


def test_the_pdf_pack_carries_the_since_and_roadmap_pages(store, demo):
    import subprocess as sp

    from coordination.files.pack import build_pack
    from coordination.files.pdf import pack_pdf
    from coordination.report.orgmap import OrgMap

    snap = _week(store, demo)
    q = load_questionnaire()
    view = store.view_at(demo, snap)
    now = OrgMap(store.load(demo), q)
    pdf = pack_pdf(build_pack(now, since=now.since(OrgMap(view.assessment, q, view.withheld))))
    text = sp.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    text = text.decode()
    assert "Since Q1 workshop: one use case moved up." in text
    assert "Roadmap" in text and "Agree the hand-off with service" in text
    assert "Achieved" in text  # a header whole, not broken mid-word


def test_score_echoes_the_target_and_judges_each_plan_item(store, demo, tmp_path):
    import json

    from coordination.models import Condition

    store.update_use_case(demo, "linkedin-posts", target_level=4)
    store.add_plan_item(demo, "linkedin-posts", "Name an owner", owner="Priya", due="2020-01-01",
                        conditions=[Condition(question="ownership", at_least=2)])  # fmt: skip
    store.add_plan_item(demo, "linkedin-posts", "Claimed", status="done",
                        conditions=[Condition(question="handoff", at_least=3)])  # fmt: skip
    store.add_plan_item(demo, "linkedin-posts", "Already there", due="2020-01-01",
                        conditions=[Condition(question="reach", at_least=1)])  # fmt: skip
    path = tmp_path / "now.json"
    path.write_bytes(encode_assessment(store.load(demo)))
    done = subprocess.run([sys.executable, "-m", "coordination", "score", str(path)],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    case = next(u for u in json.loads(done.stdout)["use_cases"] if u["id"] == "linkedin-posts")
    assert case["target_level"] == 4
    verdicts = [(p["text"], p["achieved"], p["flag"]) for p in case["plan"]]
    assert verdicts == [("Name an owner", False, "overdue"),
                        ("Claimed", False, "done_but_unmet"),
                        ("Already there", True, None)]  # fmt: skip
    assert case["plan"][0]["conditions"] == [{"question": "ownership", "at_least": 2}]


def test_no_pdf_table_header_breaks_inside_a_word(store, demo):
    """Issue 15: 'Tool sta ndard', 'Feedbac k loop': every header word is whole in the text
    pdftotext reads from the pack."""
    import subprocess as sp

    from coordination.files.pack import build_pack
    from coordination.files.pdf import pack_pdf
    from coordination.report.orgmap import OrgMap

    q = load_questionnaire()
    pdf = pack_pdf(build_pack(OrgMap(store.load(demo), q)))
    text = sp.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    words = set(text.decode().split())
    for x in q.questions:
        for word in x.label.split():
            assert word in words, (x.label, word)
