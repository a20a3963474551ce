"""Download buttons that build their file when clicked and, when one cannot be built, say which and why.

Streamlit runs a download button's data callable outside the script run, on the click; when it raises,
the browser shows only Streamlit's own "Failed to generate file for download" under the button for five
seconds, with no file name and no reason, and the server logs the traceback. Here the callable records
the failure (the file, the reason, the scenario it was built from) in a holder the session keeps, and
re-raises so Streamlit's own message still shows. A small script on the page sees that message appear
and reruns the page through a hidden button; the run then shows, under the button that failed, which
file could not be built and why. The scenario is never touched: a failed build changes nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from calculator import export
from calculator.scenario import Scenario
from ui import compat, state
from ui.text import plain

FAILURES = "download_failures"
RERUN_KEY = "download_failed_rerun"


@dataclass(frozen=True)
class Failure:
    scenario: Scenario  # the scenario the file was built from: the message is shown only while it is current
    reason: str


class Failures:
    """The session's failed downloads by file name, reachable without the session (the callable runs
    outside the script run, where ``st.session_state`` cannot be read; see ``state.Latest``)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_file: dict[str, Failure] = {}

    def record(self, file_name: str, failure: Failure) -> None:
        with self._lock:
            self._by_file[file_name] = failure

    def clear(self, file_name: str) -> None:
        with self._lock:
            self._by_file.pop(file_name, None)

    def get(self, file_name: str) -> Failure | None:
        with self._lock:
            return self._by_file.get(file_name)


def _failures() -> Failures:
    return st.session_state.setdefault(FAILURES, Failures())


def button(label: str, make: Callable[[Scenario], bytes], *, file_name: str, mime: str, key: str, help: str,
           icon: str | None = None, primary: bool = False) -> Failure | None:
    """A download button whose bytes are ``make(scenario)``, built on the click, for the scenario as drawn.

    Returns why its last click failed for this scenario (None when it did not), for :func:`show`
    to draw where the page has room.
    """
    scenario, failures = state.scenario(), _failures()

    def data(scenario: Scenario = scenario) -> bytes:
        try:
            content = make(scenario)
        except Exception as exc:
            failures.record(file_name, Failure(scenario, export.failure_reason(exc)))
            raise  # Streamlit shows its own message at once; the page's next run names the file and the reason
        failures.clear(file_name)
        return content

    st.download_button(label, data=data, file_name=file_name, mime=mime, on_click="ignore", icon=icon, key=key,
                       help=help, type="primary" if primary else "secondary", width="stretch")
    failure = failures.get(file_name)
    return failure if failure is not None and failure.scenario == scenario else None


def show(file_name: str, failure: Failure) -> None:
    """Which file could not be built and why, and that nothing else was affected."""
    st.error(f"**{plain(file_name)}** could not be built: {plain(failure.reason)}. The scenario is unchanged and "
             "the other files still download; please report this with the scenario file (Save scenario in the "
             "sidebar).", icon=":material/error:")


def watch_failures() -> None:
    """Rerun the page when Streamlit reports a failed download, so the failure is named (once per page)."""
    st.button("Show why a download failed", key=RERUN_KEY)
    compat.run_script(compat.download_failure_watch(RERUN_KEY))
