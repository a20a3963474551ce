"""AI-training ROI calculator: the entry file.

Page config, the shared sidebar (scenario, the finance assumptions a CFO
challenges first, save / load / share, presenter mode) and the navigation.
Widgets in the entry file keep their state across pages.
"""

from __future__ import annotations

import functools

import streamlit as st

from calculator import dumps, presets, share
from calculator.formatting import scenario_file_name
from calculator.limits import MAX_NAME_CHARS
from ui import compat, presenter, state
from ui.text import plain
from ui.widgets import ranged_slider

compat.check_version()  # the Streamlit ui/compat.py's workarounds were written for, or a warning in the log
state.ensure_state()
presenter.read_link()  # before the page config: ?present=1 opens with the sidebar collapsed
st.set_page_config(page_title="AI-training ROI", page_icon="assets/icon.png", layout="wide",
                   initial_sidebar_state=presenter.sidebar_state())

PAGES = [
    st.Page("views/pitch.py", title="Pitch", icon=":material/campaign:", default=True, url_path="pitch"),
    st.Page("views/builder.py", title="Program builder", icon=":material/construction:", url_path="builder"),
    st.Page("views/what_if.py", title="What-if analysis", icon=":material/balance:", url_path="analysis"),
    st.Page("views/budget.py", title="Budget planner", icon=":material/savings:", url_path="budget"),
    st.Page("views/roadmap.py", title="Roadmap & proof", icon=":material/calendar_month:", url_path="roadmap"),
    st.Page("views/exports.py", title="Exports", icon=":material/download:", url_path="exports"),
    st.Page("views/methodology.py", title="Methodology & sources", icon=":material/functions:", url_path="methodology"),
]


def _load_preset() -> None:
    name = st.session_state[state.PRESET_CHOICE]
    if name is not None and state.apply(lambda _: presets.load_preset(name), at=state.SIDEBAR):
        state.forget_load_notice()


def _preset_of(scenario) -> str | None:
    """The shipped preset this scenario is, unchanged; None once it is the user's own (a link, a file, an edit)."""
    return next((name for name in presets.preset_names() if presets.load_preset(name) == scenario), None)


def _load_upload() -> None:
    upload = st.session_state.get(state.key("upload"))
    if upload is not None:
        state.apply_upload(upload.name, upload.getvalue())


def _scenario_json(latest: state.Latest) -> bytes:
    # Runs when the button is clicked, outside the session (see state.Latest): reads the holder only.
    return dumps(latest.scenario).encode("utf-8")


def sidebar() -> None:
    state.sidebar_drawn()
    state.rerun_on_reconnect()
    scenario = state.scenario()
    with st.sidebar:
        presenter.controls()
        if state.presenter_mode():
            st.caption(f"Scenario: **{plain(scenario.name)}**")
            return
        state.bound(st.text_input, "Scenario name", "name", max_chars=MAX_NAME_CHARS,
                    help="The title on the Pitch page, in the PDF brief, the deck and the exported file names.")
        # Always enabled: a slider in a page fragment changes the scenario without redrawing the sidebar.
        st.button("Undo last change", key="undo", on_click=state.undo,
                  icon=":material/undo:", width="stretch",
                  help="Back to the scenario before the last change: a slider move, a preset, a load, a team "
                       "added or removed.")
        # Set from the scenario on every run (the box is not drawn in presenter mode, and a widget not drawn
        # is forgotten): it names the preset on screen, or says the scenario is the user's own.
        st.session_state[state.PRESET_CHOICE] = _preset_of(scenario)
        st.selectbox("Start from a preset", presets.preset_names(), key=state.PRESET_CHOICE,
                     on_change=_load_preset,
                     format_func=lambda n: presets.load_preset(n).name,
                     placeholder="Your own scenario",
                     help="Loads a shipped scenario, replacing the current one (save it first to keep it).")
        st.subheader("Finance assumptions")
        # Each slider runs over its field's declared bounds (calculator.fields), to a comfortable end; a valid
        # value past that end (a 31% discount rate from a file) is shown in a number box instead.
        ranged_slider("Horizon (months)", "finance.horizon_months", step=1,
                      help="How many months of costs and value are counted (1-120).")
        ranged_slider("Productivity recapture (%)", "finance.productivity_recapture", percent=True, step=5.0,
                      format="%.0f%%",
                      help="Share of saved hours that turns into valuable work. 100% counts every saved "
                           "hour at the loaded hourly cost; finance teams often use 50%.")
        ranged_slider("Benefit risk adjustment (%)", "finance.benefit_risk_adjustment", percent=True, top=90.0,
                      step=5.0, format="%.0f%%", help="A haircut on all value for estimation risk (0% = none).")
        ranged_slider("Discount rate (% a year)", "finance.annual_discount_rate", percent=True, top=30.0, step=0.5,
                      format="%.1f%%",
                      help="Used for NPV only: each week's net is discounted by (1 + rate)^(-week / weeks per year).")
        ranged_slider("Cost risk adjustment (%)", "finance.cost_risk_adjustment", percent=True, top=50.0, step=5.0,
                      format="%.0f%%", help="Every cost line x (1 + this): TEI's upward cost risk, commonly 10%.")
        state.bound(st.toggle, "Count participants' time as cost", "finance.include_participant_time",
                    help="Adds the hours people spend in sessions and courses, at their loaded hourly cost.")
        st.subheader("Scenario file")
        st.download_button("Save scenario (JSON)", data=functools.partial(_scenario_json, state.latest()),
                           file_name=scenario_file_name(scenario.name), mime="application/json", on_click="ignore",
                           key="save_scenario", width="stretch",
                           help="The scenario as a JSON file you can load again or send to finance.")
        st.file_uploader("Load a scenario (JSON)", type=["json"], key=state.key("upload"),
                         on_change=_load_upload,
                         help="A file saved from this app. A bad file is reported field by field and "
                              "the current scenario stays; fields a file leaves out take their defaults, "
                              "named here.")
        state.show_load_notice()
        state.show_problems(state.SIDEBAR)
        too_long = state.link_too_long()
        if too_long:
            st.warning(f"This scenario is too large for a link ({too_long:,} characters; a link holds at most "
                       f"{share.MAX_PAYLOAD_CHARS:,}), so the address bar does not hold it and a reload opens the "
                       "default scenario. Save it as a file (above) to share or keep it.", icon="⚠️")
        else:
            st.caption("The address bar holds the whole scenario: copy the link to share or bookmark it.")


# The navigation is declared before any sidebar widget: with the widgets first, Streamlit 1.67
# re-mounts the sidebar after the first change in a new server's first session, and a slider
# jumps back to its minimum (seen in headless Chromium; tests/test_browser.py guards it).
navigation = st.navigation(PAGES)
sidebar()
presenter.page_style(navigation.url_path)
navigation.run()
state.keep_link()
presenter.keep_flag()
