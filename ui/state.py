"""The one canonical scenario in session state, and the widgets that edit it.

Every page calls :func:`ensure_state` first. The scenario lives under a plain
(non-widget) key; widgets are keyed ``w{generation}_{path}`` and write into the
scenario through ``on_change`` callbacks, which validate with the calculator's
own loader. A rejected edit leaves the scenario as it was, puts the widget back
to the last good value and records the problem for :func:`show_problems`.
Replacing the scenario wholesale (a preset, an upload, a link, adding or
removing a team) bumps the generation, so every widget starts afresh from it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from calculator import presets, share
from calculator.editing import edit
from calculator.model import evaluate
from calculator.pitch import pitch_summary
from calculator.scenario import Scenario, ScenarioError, loads_bytes

SCENARIO = "scenario"
PROBLEMS = "scenario_problems"
NOTICES = "scenario_notices"
GENERATION = "widget_generation"
PRESENTER = "presenter_mode"
LINK_PARAM = "s"


def ensure_state() -> None:
    """Set up the session's scenario once: from the share link if it has one, else the default preset."""
    ss = st.session_state
    if SCENARIO in ss:
        return
    ss[GENERATION] = 0
    ss[PROBLEMS] = []
    ss[NOTICES] = []
    ss.setdefault(PRESENTER, False)
    payload = st.query_params.get(LINK_PARAM)
    scenario = presets.load_preset(presets.DEFAULT_PRESET)
    if payload:
        try:
            scenario = share.decode(payload)
        except ScenarioError as exc:
            ss[NOTICES] = [f"This link's scenario could not be opened, so the default scenario is shown. "
                           f"{'; '.join(exc.problems)}"]
    ss[SCENARIO] = scenario
    _write_link(scenario)


def scenario() -> Scenario:
    return st.session_state[SCENARIO]


def _write_link(value: Scenario) -> None:
    _set_link(share.encode(value))


def _set_link(payload: str) -> None:
    # Never a link the app would refuse: a scenario too large for one leaves the address bar without
    # a scenario, and the sidebar says so and offers the file (link_too_long).
    if share.fits_in_link(payload):
        if st.query_params.get(LINK_PARAM) != payload:
            st.query_params[LINK_PARAM] = payload
    elif LINK_PARAM in st.query_params:
        del st.query_params[LINK_PARAM]


def link_too_long() -> int | None:
    """The length of the scenario's link when it is over the limit, else None."""
    payload = share.encode(scenario())
    return None if share.fits_in_link(payload) else len(payload)


def keep_link() -> None:
    """Put the scenario back in the address bar on every run.

    Moving to another page drops the query string, and a reload then starts a new
    session from the address bar alone: without this, a reload after a page change
    would lose every edit.
    """
    _set_link(share.encode(scenario()))


HISTORY = "scenario_history"
HISTORY_LENGTH = 50  # enough to walk back a meeting's worth of changes


def replace_scenario(value: Scenario, *, redraw: bool = True, remember: bool = True) -> None:
    """Make ``value`` the scenario (already validated) and keep the link in step.

    The scenario it replaces is kept, so a preset picked by mistake or a removed team
    can be undone.
    """
    ss = st.session_state
    if remember and SCENARIO in ss and ss[SCENARIO] != value:
        ss[HISTORY] = (ss.get(HISTORY, []) + [ss[SCENARIO]])[-HISTORY_LENGTH:]
    ss[SCENARIO] = value
    ss[PROBLEMS] = []
    ss[NOTICES] = []  # a warning about a link that could not be opened is stale once a good scenario replaces it
    if redraw:
        fresh_widgets()
    _write_link(value)


def can_undo() -> bool:
    return bool(st.session_state.get(HISTORY))


def undo() -> None:
    """Go back to the scenario before the last change."""
    history = st.session_state.get(HISTORY, [])
    if history:
        previous = history.pop()
        replace_scenario(previous, remember=False)
    else:
        st.toast("Nothing to undo: this is the scenario the session started with.", icon=":material/info:")


def apply_upload(file_name: str, data: bytes) -> bool:
    """Load an uploaded scenario file; on any problem keep the current scenario and report why."""
    try:
        replace_scenario(loads_bytes(data, "file"))
        return True
    except ScenarioError as exc:
        report(exc.prefixed(f"{file_name}: ").problems)
    return False


def fresh_widgets() -> None:
    """Redraw every widget from the scenario (after a rejected table edit, say)."""
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1


def report(problems: list[str]) -> None:
    st.session_state[PROBLEMS] = list(problems)


def key(path: str) -> str:
    """The widget key for a scenario path in the current generation."""
    return f"w{st.session_state.get(GENERATION, 0)}_{path}"


def _apply_widget(path: str, widget_key: str, to_model: Callable[[Any], Any],
                  to_widget: Callable[[Any], Any], current: Callable[[Scenario], Any]) -> None:
    ss = st.session_state
    try:
        updated = edit(ss[SCENARIO], {path: to_model(ss[widget_key])})
    except ScenarioError as exc:
        report(exc.problems)
        ss[widget_key] = to_widget(current(ss[SCENARIO]))  # back to the last good value
        return
    replace_scenario(updated, redraw=False)


def bound(widget: Callable, label: str, path: str, current: Callable[[Scenario], Any], *,
          to_model: Callable[[Any], Any] = lambda v: v, to_widget: Callable[[Any], Any] = lambda v: v,
          **kwargs) -> Any:
    """Draw ``widget`` bound to the scenario value at ``path``.

    ``current`` reads the value from a scenario; ``to_widget`` / ``to_model`` convert
    at the page edge (a percent slider holds 80, the scenario 0.8).
    """
    widget_key = key(path)
    if widget_key not in st.session_state:
        st.session_state[widget_key] = to_widget(current(scenario()))
    return widget(label, key=widget_key, on_change=_apply_widget,
                  args=(path, widget_key, to_model, to_widget, current), **kwargs)


def percent_in(value: float) -> float:
    return round(value * 100.0, 6)


def percent_out(value: float) -> float:
    return round(float(value) / 100.0, 10)


def show_problems() -> None:
    """Any rejected edit, by field path, and any notice about the link."""
    ss = st.session_state
    for notice in ss.get(NOTICES, []):
        st.warning(notice, icon="⚠️")
    problems = ss.get(PROBLEMS, [])
    if problems:
        st.error("That change was not applied; the scenario keeps its last good values.\n\n"
                 + "\n".join(f"- `{p}`" for p in problems), icon="🚫")


def presenter_mode() -> bool:
    return bool(st.session_state.get(PRESENTER, False))


# Caching lives here in the shell, not in the calculator: a frozen Scenario hashes by value.
@st.cache_data(max_entries=64, show_spinner=False)
def cached_pitch(value: Scenario):
    return pitch_summary(value)


@st.cache_data(max_entries=64, show_spinner=False)
def cached_result(value: Scenario):
    return evaluate(value)
