"""The README and the data files say what the product does."""

from __future__ import annotations

import re
from pathlib import Path

from coordination.cli.arguments import HEATMAPS, parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_quick_start_is_exactly_make_run_and_make_test():
    block = README.split("## Quick start", 1)[1].split("```")[1]
    assert block.split() == ["make", "run", "make", "test"]


def test_every_cli_command_and_view_is_in_the_readme():
    commands = parser()._subparsers._group_actions[0].choices
    for name in commands:
        assert f"python -m coordination {name}" in README
    for view in HEATMAPS:
        assert f"`{view}`" in README


def test_every_image_the_readme_shows_exists():
    for path in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README):
        assert (ROOT / path).is_file(), path


def test_every_module_of_the_core_is_in_the_architecture_section():
    section = README.split("## Architecture", 1)[1]
    for module in (ROOT / "coordination").rglob("*.py"):
        if not module.name.startswith("__") and "migrations" not in module.parts:
            assert module.name in section, module.relative_to(ROOT)


def test_the_settings_the_app_reads_are_documented():
    for variable in (
        "COORDINATION_DB_URL",
        "COORDINATION_QUESTIONNAIRE",
        "COORDINATION_OWNER_KEY",
        "COORDINATION_PUBLIC_URL",
    ):
        assert variable in README


def test_every_file_the_suite_starts_first_exists():
    """conftest.SLOW_FIRST orders the two workers' files by time: a renamed file would drop
    to the end silently and could run alone there."""
    from tests.conftest import SLOW_FIRST

    tests = Path(__file__).parent
    assert [name for name in SLOW_FIRST if not (tests / f"{name}.py").is_file()] == []
    assert len(set(SLOW_FIRST)) == len(SLOW_FIRST)
