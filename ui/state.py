"""The one canonical scenario in session state, and the widgets that edit it.

Every page calls :func:`ensure_state` first. The scenario lives under a plain
(non-widget) key. A widget bound to a scenario path (:func:`bound`) is keyed
``at_{path}`` and, on every draw, is handed the scenario's value at that path
(:func:`calculator.editing.value_at`): whatever happened before (a page or tab
switch, an undo, a preset, a team removed), a control shows what the headline
numbers use. Streamlit forgets a widget's value when it is not drawn in a run
(another page, a closed tab) and a re-created widget would show its minimum, so
the value is handed over on every draw, not only the first.

A page's own settings, which are not the scenario's (the What-if page's lens
parameters, break-even target, Monte Carlo draws, open tab), follow the same idea
with :func:`setting`: each lives under a plain key (:data:`PAGE_SETTINGS`) and its
widget is handed it on every draw, so a setting survives another tab or page.

Every change goes through :func:`apply`: try it, make the result the scenario,
or keep the scenario and report the problem beside the control that caused it.
Tables (data editors) keep their edits in a delta under a generation-numbered
key (:func:`key`); replacing the scenario bumps the generation so they redraw.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from calculator import presets, share
from calculator.editing import Widened, edit_widening, value_at
from calculator.notices import one_message
from calculator.pitch import pitch_summary
from calculator.scenario import Scenario, ScenarioError, load_noting_defaults
from ui import compat
from ui.messages import readable
from ui.text import plain

SCENARIO = "scenario"
PROBLEMS = "scenario_problems"  # {where: [problem, ...]}: the last refused change, shown beside its control
NOTICES = "scenario_notices"
LOAD_NOTICE = "load_notice"  # the fields the last loaded file left out, and their defaults (sidebar)
GENERATION = "widget_generation"
PRESENTER = "presenter_mode"
LATEST = "scenario_latest"
LINK_PARAM = "s"
BOUND_PREFIX = "at_"  # a bound widget's key is this + its scenario path (the browser walk reads it back)
PAGE = "page"  # where a problem with no control of its own is shown: the top of the page
SIDEBAR = "sidebar"
_RERUN_APP = "rerun_app_for_stale_problems"
PRESET_CHOICE = "preset_choice"  # the sidebar's preset box: it names the preset on screen, or None
_TOASTS = "pending_toasts"  # shown by the script, not the callback: a fragment's callback may not draw
_RECONNECTED = "reconnected_without_history"  # this session replaced one the server lost: say so once, as a toast
RECONNECTED_NOTICE = ("The connection to the server was lost and this page reconnected: the scenario and every "
                      "number are the link's, as before, but the undo history was reset (Undo cannot go back past "
                      "this point).")


class Latest:
    """The session's current scenario, reachable without the session.

    Streamlit runs a download button's data callable outside the script run, where
    ``st.session_state`` cannot be read (the sidebar's Save button failed with
    MediaFileStorageError); the callable holds this object instead.
    """

    def __init__(self, scenario: Scenario):
        self.scenario = scenario


def ensure_state() -> None:
    """Set up the session's scenario once: from the share link if it has one, else the default preset."""
    ss = st.session_state
    if SCENARIO in ss:
        ss.setdefault(LATEST, Latest(ss[SCENARIO]))  # a scenario set from outside (a test, a later state)
        return
    ss[GENERATION] = 0
    ss[PROBLEMS] = {}
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
    if _replaces_a_lost_session():
        ss[NOTICES] = [*ss[NOTICES], RECONNECTED_NOTICE]
        ss[_RECONNECTED] = True
    ss[SCENARIO] = scenario
    ss[LATEST] = Latest(scenario)
    _write_link(scenario)


@st.fragment(run_every=dt.timedelta(hours=1))
def rerun_on_reconnect() -> None:
    """Draws nothing; call it on every full run. Streamlit's page asks for a full run when its websocket reconnects
    only while a fragment reruns on a timer; otherwise it waits for the user's next action, and a page whose
    replica was lost showed that replica's last drawing, with the first action lost to the new session's set-up.
    With this one the new session runs at once, from the link, and says the undo history was reset. Its timer
    reruns it hourly, which costs nothing."""


def _replaces_a_lost_session() -> bool:
    """Whether this new session stands in for one the server no longer has (its replica was lost, the server
    restarted): reconnecting, the browser offers its last session's id (the third entry of the websocket's
    Sec-WebSocket-Protocol header; a page load has none) and the server had no such session, so made this one,
    from the link, without the old session's undo history (README, "Hosting")."""
    try:
        offered = st.context.headers.get("Sec-WebSocket-Protocol") or ""
    except Exception:  # noqa: BLE001  (no request behind this run: AppTest, a bare script)
        return False
    entries = [entry.strip() for entry in offered.split(",")]
    return len(entries) >= 3 and bool(entries[2])


def scenario() -> Scenario:
    return st.session_state[SCENARIO]


def latest() -> Latest:
    return st.session_state[LATEST]


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
UNDO_STEP_SECONDS = 1.0  # moves of one control this close together are one undo step (a drag, held arrow keys)
_LAST_MOVE = "scenario_last_move"  # (control path, time) of the last change a control made; None after others


def _now() -> float:
    return time.monotonic()


def _continues_move(control: str | None) -> bool:
    """Whether a change by ``control`` continues that control's last move (under a second since it): one undo step.

    A slider sends one change per tick, so Undo stepped back one tick at a time (issue 22).
    """
    last = st.session_state.get(_LAST_MOVE)
    return (control is not None and last is not None and last[0] == control
            and _now() - last[1] <= UNDO_STEP_SECONDS and bool(st.session_state.get(HISTORY)))


def replace_scenario(value: Scenario, *, redraw: bool = True, remember: bool = True,
                     control: str | None = None) -> None:
    """Make ``value`` the scenario (already validated) and keep the link in step.

    The scenario it replaces is kept, so a preset picked by mistake or a removed team
    can be undone; ``control`` (a bound widget's path) moved again within
    :data:`UNDO_STEP_SECONDS` of its last change adds no step: undo takes the whole move back.
    Any message about an earlier refused change is cleared: it is stale.
    """
    ss = st.session_state
    if remember and SCENARIO in ss and ss[SCENARIO] != value and not _continues_move(control):
        ss[HISTORY] = (ss.get(HISTORY, []) + [ss[SCENARIO]])[-HISTORY_LENGTH:]
    ss[_LAST_MOVE] = (control, _now()) if control is not None and remember else None
    ss[SCENARIO] = value
    # A page fragment's edit (a team slider) does not redraw the sidebar, whose preset box would go on naming
    # a preset no longer on screen (and picking it again would change nothing): one full run redraws it.
    shown = ss.get(PRESET_CHOICE)
    if shown is not None and value != presets.load_preset(shown):
        ss[_RERUN_APP] = True
    ss[NOTICES] = []  # a warning about a link that could not be opened is stale once a good scenario replaces it
    ss.setdefault(LATEST, Latest(value)).scenario = value
    _clear_problems()
    if redraw:
        fresh_widgets()
    _write_link(value)


def apply(change: Callable[[Scenario], Scenario | Widened], *, at: str = PAGE, redraw: bool = True,
          control: str | None = None) -> bool:
    """Try ``change`` on the scenario: make its result the scenario, or report why not.

    ``change`` returns the new scenario, or a :class:`~calculator.editing.Widened` whose
    notes (uncertainty ranges widened to hold a moved value) are shown in a toast. A
    ``ScenarioError`` keeps the scenario as it was and shows its problems at ``at``: a
    bound widget's path (beside that control), :data:`SIDEBAR`, or :data:`PAGE`. ``control``: the bound
    widget's path that made the change (see :func:`replace_scenario`'s undo steps).
    """
    before = scenario()
    try:
        outcome = change(before)
    except ScenarioError as exc:
        report(exc.problems, at=at)
        return False
    if isinstance(outcome, Widened):
        # One change, one message (five stacked toasts covered the headline cards).
        message = one_message(before, outcome.scenario, outcome.notes)
        st.session_state[_TOASTS] = st.session_state.get(_TOASTS, []) + ([message] if message else [])
        outcome = outcome.scenario
    replace_scenario(outcome, redraw=redraw, control=control)
    return True


def apply_pending_edits(widget_key: str, change: Callable[..., Scenario | Widened], at: str) -> None:
    """Apply a data editor's pending edits before it is drawn; a new generation redraws it from the scenario.

    ``change(scenario, edited_rows, added_rows, deleted_rows)`` returns the edited scenario or raises
    ``ScenarioError`` (shown at ``at``, the scenario kept). Done in the script, not in ``on_change``, so a
    delta set through session state (as AppTest does) counts too; done before drawing, so everything
    below the table is drawn from the edited scenario in the same run, with no second run.
    """
    delta = st.session_state.get(widget_key)
    if delta and any(delta.get(k) for k in ("edited_rows", "added_rows", "deleted_rows")):
        apply(lambda s: change(s, delta.get("edited_rows", {}), delta.get("added_rows", []),
                               delta.get("deleted_rows", [])), at=at)
        fresh_widgets()


TABLE_DRAWINGS = "table_drawings"  # {table name: TableDrawing}: what each stable-keyed table was drawn from


@dataclasses.dataclass(frozen=True)
class TableDrawing:
    """A data editor drawn from ``base`` under ``key``, and the delta on it the scenario already holds.

    Streamlit keeps a data editor's edits as one delta against the frame it was first drawn with, for as
    long as the key and the frame stay the same. So the frame stays ``base`` while the person types, and
    each run applies the whole delta to ``base`` again: an edit made while the last one's run was still
    going is in that delta too, where a table redrawn under a new key after every edit dropped it.
    """

    key: str
    base: Scenario
    delta: dict | None = None  # the delta ``result`` was made from; None: nothing typed yet
    result: Scenario | None = None  # the scenario that delta made; None: ``base``

    @property
    def holds(self) -> Scenario:
        return self.base if self.result is None else self.result


def _typed(delta: Any) -> dict | None:
    """A data editor's delta as plain edited / added / deleted rows, or None when it holds no edit."""
    if not delta or not any(delta.get(k) for k in ("edited_rows", "added_rows", "deleted_rows")):
        return None
    return {"edited_rows": {int(i): dict(v) for i, v in (delta.get("edited_rows") or {}).items()},
            "added_rows": [dict(r) for r in delta.get("added_rows") or []],
            "deleted_rows": [int(i) for i in delta.get("deleted_rows") or []]}


def _new_drawing(name: str) -> TableDrawing:
    ss = st.session_state
    drawings = ss.setdefault(TABLE_DRAWINGS, {})
    count = int(ss.get(f"{TABLE_DRAWINGS}_count", 0)) + 1
    ss[f"{TABLE_DRAWINGS}_count"] = count
    drawings[name] = TableDrawing(key=f"{name}_{count}", base=scenario())
    return drawings[name]


def table_drawing(name: str, change: Callable[..., Scenario | Widened], at: str) -> TableDrawing:
    """Apply a data editor's edits, and say under which key and from which scenario to draw it.

    Call it before anything that shows the scenario (the headline), and again where the table is drawn
    (the second call changes nothing). ``change(scenario, edited_rows, added_rows, deleted_rows)`` returns
    the edited scenario or raises ``ScenarioError``: the scenario is kept, the problems are shown at ``at``
    and the table is drawn afresh from the scenario. The key stays the same while edits are applied, so the
    table keeps what was typed; it changes when the scenario was changed elsewhere (a slider, an undo, a
    preset) or the table was not drawn in the last run, so the table then shows the scenario as it is.
    """
    ss = st.session_state
    drawing = ss.setdefault(TABLE_DRAWINGS, {}).get(name)
    typed = _typed(ss.get(drawing.key)) if drawing is not None else None
    if drawing is None or drawing.holds != scenario() or (typed is None and drawing.delta is not None):
        return _new_drawing(name)  # anything typed belonged to a table showing another scenario
    if typed is None or typed == drawing.delta:
        return drawing
    base = drawing.base
    if not apply(lambda _: change(base, typed["edited_rows"], typed["added_rows"], typed["deleted_rows"]),
                 at=at, redraw=False):
        return _new_drawing(name)  # the table returns to the last good scenario; the message says why
    drawing = dataclasses.replace(drawing, delta=typed, result=scenario())
    ss[TABLE_DRAWINGS][name] = drawing
    return drawing


def can_undo() -> bool:
    return bool(st.session_state.get(HISTORY))


def undo() -> None:
    """Go back to the scenario before the last change."""
    history = st.session_state.get(HISTORY, [])
    forget_load_notice()
    if history:
        previous = history.pop()
        replace_scenario(previous, remember=False)
    else:
        st.toast("Nothing to undo: this is the scenario the session started with.", icon=":material/info:")


def apply_upload(file_name: str, data: bytes) -> bool:
    """Load an uploaded scenario file; on any problem keep the current scenario and report why.

    A file may leave fields out (each has a default); the load then succeeds and the sidebar names the
    fields and the defaults they took (:func:`show_load_notice`), so no value is invented silently.
    """
    forget_load_notice()
    try:
        parsed, notice = load_noting_defaults(data, "file", file_name)
    except ScenarioError as exc:
        report(exc.prefixed(f"{file_name}: ").problems, at=SIDEBAR)
        return False
    replace_scenario(parsed)
    if notice:
        st.session_state[LOAD_NOTICE] = notice
    return True


def forget_load_notice() -> None:
    """The scenario no longer comes from the last loaded file (a preset, an undo, another file): drop its notice."""
    st.session_state.pop(LOAD_NOTICE, None)


def show_load_notice() -> None:
    """The fields the loaded file left out and the defaults they took, until another scenario is loaded."""
    notice = st.session_state.get(LOAD_NOTICE)
    if notice:
        st.warning(plain(notice), icon=":material/rule:")


def fresh_widgets() -> None:
    """Redraw every table from the scenario (after a rejected table edit, say)."""
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1


def report(problems: list[str], *, at: str = PAGE) -> None:
    """Show ``problems`` at ``at`` (replacing any older message: only the last refusal is current)."""
    _clear_problems()
    st.session_state[PROBLEMS] = {at: list(problems)}


def _clear_problems() -> None:
    ss = st.session_state
    if ss.get(PROBLEMS):
        # The message may sit in the sidebar, which a page's fragment run does not redraw.
        ss[_RERUN_APP] = True
    ss[PROBLEMS] = {}


def _show_toasts() -> None:
    for note in st.session_state.pop(_TOASTS, []):
        # Escaped: a note holds team names and money ("$200–$650" would read as LaTeX between the dollars).
        st.toast(plain(note), icon=":material/open_in_full:")


def sidebar_drawn() -> None:
    """The sidebar calls this as it draws (every full run): its messages are current again."""
    st.session_state.pop(_RERUN_APP, None)
    _show_toasts()
    if st.session_state.pop(_RECONNECTED, False):  # seen on any page; the notice stays atop the scenario's pages
        st.toast(RECONNECTED_NOTICE, icon=":material/sync_problem:", duration="long")


def page_start() -> None:
    """Called first in a page fragment. When only the fragment ran (the sidebar was not redrawn) and a
    message that is no longer true may still show there, the whole app runs once more."""
    if st.session_state.pop(_RERUN_APP, False):
        st.rerun(scope="app")
    _show_toasts()


def key(name: str) -> str:
    """A key for a table or uploader in the current generation (a new generation redraws it)."""
    return f"w{st.session_state.get(GENERATION, 0)}_{name}"


def bound_key(path: str) -> str:
    """The key of the widget bound to a scenario path."""
    return BOUND_PREFIX + path


def _to_widget(value: Any, percent: bool) -> Any:
    return percent_in(value) if percent and value is not None else value


def _to_model(value: Any, percent: bool) -> Any:
    return percent_out(value) if percent and value is not None else value


def _apply_widget(path: str, widget_key: str, percent: bool) -> None:
    ss = st.session_state
    typed = _to_model(ss[widget_key], percent)
    if not apply(lambda s: edit_widening(s, {path: typed}), at=path, redraw=False, control=path):
        ss[widget_key] = _to_widget(value_at(scenario(), path), percent)  # back to the scenario's value


def bound(widget: Callable, label: str, path: str, percent: bool = False, **kwargs) -> Any:
    """Draw ``widget`` showing the scenario's value at ``path``; a change is applied with :func:`apply`.

    ``percent``: the widget shows 80 where the scenario holds 0.8. A refused change puts
    the scenario's value back in the widget and the reason right under it.
    """
    widget_key = bound_key(path)
    st.session_state[widget_key] = _to_widget(value_at(scenario(), path), percent)
    st.session_state.setdefault(FIELD_LABELS, {})[path] = label
    if widget is st.number_input:
        # Without a default of None, a number box the user clears sends its implicit default, 0: a blank hourly
        # cost was applied as $0/h. With it, a blank arrives as None and the calculator refuses it by name.
        kwargs.setdefault("value", None)
    out = widget(label, key=widget_key, on_change=_apply_widget, args=(path, widget_key, percent), **kwargs)
    show_problems(path, below_row=True)
    return out


PAGE_SETTINGS = "page_settings"  # {widget key: [the setting, the value last handed to its widget]}


def _fitted(value: Any, default: Any, bounds: dict) -> Any:
    """``value`` as the widget can show it now: one of its options, inside its minimum and maximum."""
    options = bounds.get("options")
    if options is not None and value not in options:
        value = default
    low, high = bounds.get("min_value"), bounds.get("max_value")
    if low is not None and value < low:
        value = low
    if high is not None and value > high:
        value = high
    return value


def setting(widget: Callable, label: Any, key: str, default: Any, **kwargs) -> Any:
    """Draw ``widget`` keyed ``key`` showing the page setting kept for it (``default`` until it is moved).

    A page setting (not the scenario's: a lens parameter, a break-even target, the open tab) survives tab
    and page switches as a scenario-bound widget (:func:`bound`) does: Streamlit forgets a widget's value
    when it is not drawn in a run (a closed tab, another page), so the setting is kept under the plain
    key :data:`PAGE_SETTINGS` and handed to the widget on every draw. A widget holding something other
    than what it was handed has been moved (by the user, or through session state): that is the setting
    now. When the widget's bounds have moved (a horizon cut below a kept target) it shows the nearest
    value it can, and the setting comes back once it fits again. Returns what the widget shows.
    """
    ss = st.session_state
    kept = ss.setdefault(PAGE_SETTINGS, {}).setdefault(key, [default, None])
    if key in ss and ss[key] != kept[1]:
        kept[0] = ss[key]
    kept[1] = ss[key] = _fitted(kept[0], default, kwargs)
    return widget(label, key=key, **kwargs)


def percent_in(value: float) -> float:
    return round(value * 100.0, 6)


def percent_out(value: float) -> float:
    return round(float(value) / 100.0, 10)


def show_notices() -> None:
    """Any notice about the link the session opened with (top of the page)."""
    # Messages quote the user's own text (a key, a name, a file name): shown as text, never as Markdown.
    for notice in st.session_state.get(NOTICES, []):
        st.warning(plain(notice), icon="⚠️")


FIELD_LABELS = "field_labels"  # {path: label} of the controls drawn: a message names a field as its control does


def show_problems(at: str = PAGE, labels: Mapping[str, str] | None = None, *, below_row: bool = False) -> None:
    """The last refused change, if it belongs here: each problem names its field as the screen does.

    ``labels`` maps field paths (``cohorts[*].team_size`` for every team) to what the screen calls them, a
    table's column headings say; without it, the labels of the controls drawn so far. The wording is
    :func:`ui.messages.readable`'s. ``below_row``: drawn in a column, the message goes under the whole row
    of columns instead, where it reads in full (in a 125 px column it wrapped mid-word). The page-level call
    also shows the link notices.
    """
    if at == PAGE:
        show_notices()
    problems = (st.session_state.get(PROBLEMS) or {}).get(at)
    if problems:
        known = st.session_state.get(FIELD_LABELS, {}) if labels is None else labels
        names = [c.name for c in scenario().cohorts]
        (compat.container_below_row() if below_row else st).error(
            "Not applied; the scenario keeps its last good values.\n\n"
            + "\n".join(f"- {plain(readable(p, known, names))}" for p in problems), icon="🚫")


def presenter_mode() -> bool:
    return bool(st.session_state.get(PRESENTER, False))


# Caching lives here in the shell, not in the calculator: a frozen Scenario hashes by value.
@st.cache_data(max_entries=64, show_spinner=False)
def cached_pitch(value: Scenario):
    return pitch_summary(value)
