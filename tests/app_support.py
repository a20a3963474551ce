"""AppTest set-up shared by the page tests: the app's entry file, and the Program builder opened on a tab."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def open_builder(tab: str | None = None) -> AppTest:
    """The app on the default scenario, switched to the Program builder (on ``tab`` if given), with no exception."""
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("views/builder.py").run()
    if tab:
        at.session_state["builder_tab"] = tab
        at.run()
    assert not at.exception
    return at
