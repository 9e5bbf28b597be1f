"""The questionnaire as a form template: the questions and answer labels to paste into Google
Forms or Microsoft Forms, worded exactly as the survey import expects them, so that the export
of that form maps itself (see `survey_mapping.auto_mapping`)."""

from __future__ import annotations

from coordination.method.questionnaire import Questionnaire

USE_CASE_QUESTION = "Use case"


def form_template(q: Questionnaire, use_cases: list[str] | None = None) -> str:
    """Plain text, one block per form question. Multiple-choice options come one per line:
    both form builders turn pasted lines into separate options."""
    lines = [
        f"Form template: {q.name}",
        "",
        "Make one form question per block below, with the title exactly as written (the import",
        "matches titles and answers word for word, ignoring case). Turn on 'collect e-mail",
        "addresses' if answers should carry names; without it every answer is anonymous.",
        "",
        f"1. {USE_CASE_QUESTION}",
        "   Type: " + ("multiple choice" if use_cases else "short answer"),
    ]
    lines += [f"   {name}" for name in use_cases or []]
    lines.append("")
    for k, question in enumerate(q.questions, 2):
        lines += [f"{k}. {question.text}", f"   Description: {question.help}"]
        lines.append("   Type: multiple choice (one answer)")
        lines += [f"   {answer}" for answer in question.answers]
        lines += [f"   {q.scale.dont_know}", ""]
    start = len(q.questions) + 2
    for k, open_q in enumerate(q.open_questions, start):
        lines += [f"{k}. {open_q.text}", f"   Description: {open_q.help}"]
        lines += ["   Type: paragraph (optional)", ""]
    return "\n".join(lines)
