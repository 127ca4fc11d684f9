"""Tests of the Streamlit pages with ``AppTest``.

A page run loads the store and draws maps; on a busy two-core machine the first run has taken
over a minute, so the limit is generous: a slow machine must not fail a test.
"""

APP_TIMEOUT = 600.0
