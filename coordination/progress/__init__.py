"""Progress over time, pure: two moments of a workspace compared, the improvement plan checked
against the answers, target levels and outcomes."""
