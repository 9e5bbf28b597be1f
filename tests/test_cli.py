"""`python -m coordination`: score and heatmap on good and bad files."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from coordination.cli import main
from coordination.settings import DEMO_PATH
from tests.conftest import need_browser


def run(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "coordination", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_score_prints_each_use_case_with_the_documented_keys():
    done = run("score", str(DEMO_PATH))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert set(report) == {"organization", "use_cases", "summary"}
    assert set(report["use_cases"][0]) == {
        "id",
        "name",
        "level",
        "level_name",
        "complete",
        "answered",
        "required",
        "respondents",
        "answers",
        "spread",
        "known",
        "next_gate",
        "unknown",
        "unanswered",
        "held",
        "risks",
        "obstacles",
        "next_steps",
        "steps",  # the same steps, each with the conditions it fixes
        "target_level",
        "plan",
    }
    levels = report["summary"]["levels"]
    assert set(levels) == {"1", "2", "3", "4", "5"} and all(levels.values())
    assert (report["summary"]["in_progress"], report["summary"]["not_traced"]) == (1, 1)


def test_an_invalid_file_exits_2_with_one_line_and_nothing_on_stdout(tmp_path):
    bad = json.loads(DEMO_PATH.read_text(encoding="utf-8"))
    bad["use_cases"][3]["responses"][0]["answers"]["reach"] = 4
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    done = run("score", str(path))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip().count("\n") == 0
    assert "use_cases[3].responses[0].answers.reach: must be 0–3 or null, got 4" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("content", [b"", b"not json", b"[]", b'{"organization": 3}'])
def test_garbage_never_produces_a_traceback(tmp_path, capsys, content):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    assert main(["score", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("error: ") and err.count("\n") == 1


def test_a_missing_file_is_named(capsys):
    assert main(["score", "no/such/file.json"]) == 2
    assert "no/such/file.json: no such file" in capsys.readouterr().err


def test_a_custom_questionnaire_comes_from_the_environment_or_the_option(
    tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv("COORDINATION_QUESTIONNAIRE", str(tmp_path / "lens.toml"))
    assert main(["score", str(DEMO_PATH)]) == 2
    assert "lens.toml: no such questionnaire file" in capsys.readouterr().err
    assert main(["score", str(DEMO_PATH), "--questionnaire", "data/questionnaire.toml"]) == 0


@pytest.mark.parametrize("command", [[], ["score"], ["heatmap"]])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as stop:
        main([*command, "--help"])
    assert stop.value.code == 0
    assert "usage:" in capsys.readouterr().out


def test_heatmap_writes_a_self_contained_html_file(tmp_path, capsys):
    out = tmp_path / "map.html"
    assert main(["heatmap", str(DEMO_PATH), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Where coordination is missing" in html
    assert '<script src="https://cdn' not in html and len(html) > 1_000_000  # opens offline


def test_heatmap_refuses_an_unknown_extension(tmp_path, capsys):
    assert main(["heatmap", str(DEMO_PATH), "-o", str(tmp_path / "map.pdf")]) == 2
    assert "must end in .html, .png or .svg" in capsys.readouterr().err
    assert not (tmp_path / "map.pdf").exists()


def test_heatmap_without_a_browser_says_how_to_install_one(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    assert main(["heatmap", str(DEMO_PATH), "-o", str(tmp_path / "map.png")]) == 2
    err = capsys.readouterr().err
    assert "apt-get install chromium" in err and err.count("\n") == 1
    assert not (tmp_path / "map.png").exists()


@pytest.mark.browser
@pytest.mark.parametrize(("suffix", "magic"), [(".png", b"\x89PNG"), (".svg", b"<svg")])
def test_heatmap_exports_png_and_svg_through_chromium(tmp_path, suffix, magic):
    need_browser()
    out = tmp_path / f"map{suffix}"
    done = run("heatmap", str(DEMO_PATH), "-o", str(out), "--view", "levels")
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:200].lstrip().startswith(magic) or magic in out.read_bytes()[:400]
