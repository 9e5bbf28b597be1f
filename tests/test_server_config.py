"""The server's Streamlit settings that the workshop depends on (.streamlit/config.toml), read
as Streamlit reads them when `make run` starts the app from the project's folder."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.browser import ROOT

READ = """
import json
from streamlit import config
config.get_config_options(force_reparse=True)
names = ("runner.postScriptGC", "server.fileWatcherType", "server.runOnSave",
         "client.showErrorDetails")
print(json.dumps({name: config.get_option(name) for name in names}))
"""


def test_the_server_runs_without_a_full_collection_after_every_run_and_without_reloading():
    options = json.loads(
        subprocess.run(
            [sys.executable, "-c", READ], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
    )
    # A full gc.collect(2) after each run, fragments included, filled the server with 30
    # participants' live parts: the presenter never showed the opened vote (bench_workshop.py).
    assert options["runner.postScriptGC"] is False
    # Reloading code under a running workshop broke imports mid-vote.
    assert options["server.fileWatcherType"] == "none"
    assert options["server.runOnSave"] is False
    assert options["client.showErrorDetails"] == "none"  # no traceback for a participant
