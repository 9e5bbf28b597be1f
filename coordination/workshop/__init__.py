"""Live workshops, the pure part: join codes, what each view may show, and the team's answer.

codes.py      short join codes people can type without ambiguity
settings.py   a workshop's set-up (use cases, anonymity, threshold, time slot) and phases
reveal.py     one use case's answers as a team sees them: counts, agreement, disagreement,
              withheld below the anonymity threshold
"""
