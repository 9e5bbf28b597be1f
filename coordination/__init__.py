"""Coordination Map: see where an organization's use of AI is stuck.

The package is the pure-Python core — questionnaire, scoring, organization views, charts,
storage, exports and the CLI. It never imports streamlit; the front end lives in app.py and pages/.
"""

__version__ = "0.1.0"
