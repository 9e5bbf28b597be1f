"""The command line: `python -m coordination score FILE` and `heatmap FILE -o OUT`.

A user's mistake ends with exit status 2 and one line on stderr; stdout stays empty.
"""

from __future__ import annotations

import sys

from coordination.cli import printed, written
from coordination.cli.arguments import parser
from coordination.cli.output import one_line
from coordination.errors import CoordinationError
from coordination.settings import Settings


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        from coordination.method.questionnaire import load_questionnaire

        settings = Settings.from_env()
        questionnaire = load_questionnaire(
            getattr(args, "questionnaire", None) or settings.questionnaire_path
        )
        commands = {
            "score": printed.run_score,
            "heatmap": written.run_heatmap,
            "deck": written.run_deck,
            "spreadsheet": written.run_spreadsheet,
            "import-survey": written.run_import_survey,
            "form-template": printed.run_form_template,
            "sign-in-link": printed.run_sign_in_link,
            "compare": printed.run_compare,
        }
        return commands[args.command](args, questionnaire)
    except CoordinationError as e:
        print(f"error: {one_line(str(e))}", file=sys.stderr)
        return 2
