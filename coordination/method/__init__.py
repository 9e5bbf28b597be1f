"""The method, pure: what is asked, how answers become levels, and what to do next.

questionnaire.py  the questions, levels, gates, obstacles, risks and advice, read from TOML
scoring.py        answers → combined answers, disagreement, a level per use case (vectorized)
agreement.py      whether one question's answers disagree: the rule every view flags with
advice.py         the gaps of a result → the next useful improvement and the steps after it
steps.py          a trace walked one question at a time: keys, step names, what comes next
"""
