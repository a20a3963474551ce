"""Pitch: the decision's headline numbers (fully loaded, cash and capacity apart, over what happens anyway), the
baseline apart, the honest bracket, the J-curve, the cost lines, the teams ranked, and the case in one sentence."""

from __future__ import annotations

import streamlit as st

from calculator.charts.pitch import chart_spec
from calculator.formatting import count
from calculator.pitch import headline_cards, team_table
from ui import charts, presenter, state
from ui.presenter import Card
from ui.text import plain
from ui.widgets import ranged_slider

state.ensure_state()


# Three sliders a team: past this many teams the panel would slow every rerun; the builder has them all.
MAX_LIVE_TEAMS = 12
LIVE_TEAM_PX = 118  # one team's name and slider row in the What if… box


def live_what_ifs() -> None:
    """Per-team sliders for the questions a CFO asks mid-meeting."""
    scenario = state.scenario()
    if not scenario.cohorts:
        st.info("No Tier 2 or Tier 3 teams yet: add them on the Program builder page.")
        return
    for i, cohort in enumerate(scenario.cohorts[:MAX_LIVE_TEAMS]):
        st.markdown(f"**{plain(cohort.name)}** · Tier {cohort.tier} · {cohort.delivery}")
        size_col, weeks_col, adopt_col = st.columns(3)
        with size_col:
            ranged_slider("Team size", f"cohorts[{i}].team_size", top=max(50, cohort.team_size), step=1,
                          help="People in the team (whole people).")
        with weeks_col:
            ranged_slider("Weeks", f"cohorts[{i}].engagement_weeks", top=max(26, cohort.engagement_weeks), step=1,
                          help="Length of the coaching engagement in weeks; value ramps up over it.")
        with adopt_col:
            # Never refused because of an uncertainty range: a move outside it widens the range (a toast says so).
            ranged_slider("Adoption (%)", f"cohorts[{i}].adoption_rate", percent=True, step=5.0, format="%.0f%%",
                          help="Share of the team that uses the new workflows.")
    if len(scenario.cohorts) > MAX_LIVE_TEAMS:
        st.caption(f"The first {MAX_LIVE_TEAMS} of {len(scenario.cohorts)} teams; edit the others on the "
                   "Program builder page.")


# ---- Lens row (issue 14): the three readings of the plan under the headline, so the conservative figure is
# on screen. Self-contained: one cached call into calculator.analysis, one caption row.
@st.cache_data(max_entries=32, show_spinner=False)
def _lenses(scenario):
    from calculator.analysis import lenses  # imported here: only this row needs the analysis package

    return lenses(scenario)


def lens_row(scenario) -> None:
    from calculator.analysis.lenses import lens_help, lens_summary

    readings = _lenses(scenario)
    cols = st.container(key=presenter.LENS_ROW_KEY).columns(len(readings))
    for col, lens in zip(cols, readings):
        col.caption(f"**{lens_summary(lens, scenario.currency)}**",
                    help=lens_help(lens))
# ---- end of the lens row


@st.cache_data(max_entries=32, show_spinner=False)
def _npv_position(scenario):
    from calculator.pitch import npv_position_text  # the Monte Carlo: drawn last, so it never holds up the headline

    return npv_position_text(scenario)


@st.fragment
def pitch() -> None:
    # A fragment: a slider here reruns only this page body, not the sidebar and navigation.
    state.page_start()
    state.show_problems()
    scenario = state.scenario()
    summary = state.cached_pitch(scenario)
    result = summary.result

    st.title(plain(scenario.name), anchor=False)
    st.markdown(f"#### {plain(summary.sentence)}")
    # Visible, not a tooltip: spend the totals leave out, an IRR that may mislead.
    for warning in summary.warnings:  # the brief and the deck print the same list
        st.warning(plain(warning), icon="⚠️")

    # One wrapping row of cards (ui.presenter lays out six to eight for any screen).
    cards = headline_cards(summary)
    presenter.headline_cards([Card(card.label, card.value, card.help) for card in cards])
    # Program fees beneath the fully loaded investment, and the cash part of the yearly value.
    st.caption(" · ".join(plain(card.beneath) for card in cards[:2] if card.beneath))
    lens_row(scenario)

    def context_rows():
        # The range row: pessimistic to optimistic, then where the as-entered NPV sits in its own Monte Carlo
        # (filled at the end of the page: the draws must not hold up the cards and the J-curve), then the
        # baseline committed regardless with the whole program's NPV.
        if summary.bracket_sentence:
            st.caption(plain(summary.bracket_sentence))
        slot = st.empty()
        if summary.baseline_sentence:
            st.caption(plain(summary.baseline_sentence))
        return slot

    # chart_spec(name, r) is PITCH_CHARTS[name](r).to_dict(), the chart the exports render;
    # presenter.chart enlarges its text for a projector.
    if presenter.active():
        # On a projector the J-curve comes straight under the cards (it must fit 1024x768); the context rows
        # follow it, one scroll away.
        charts.draw(presenter.chart(chart_spec("cashflow", result), under_the_cards=True), key="chart_cashflow")
        position_slot = context_rows()
        # Closed, the projected screen shows no controls; one click opens them when the CFO asks
        # "what if only half adopt?" (the third walk had to leave presenter mode for that).
        with st.expander("What if… (team size, weeks, adoption)", expanded=False):
            live_what_ifs()
    else:
        position_slot = context_rows()
        chart_col, controls_col = st.columns([3, 2])
        with chart_col:
            charts.draw(chart_spec("cashflow", result), key="chart_cashflow")
        with controls_col:
            st.markdown("##### What if…")
            teams = len(scenario.cohorts)
            # Whole teams: three fit, and the box ends between two teams rather than across one's sliders;
            # more scroll inside it, and the caption says how many.
            with st.container(height=50 + LIVE_TEAM_PX * max(1, min(teams, 3)), border=True):
                live_what_ifs()
            if teams > 3:
                st.caption(f"Scroll the box for the other {count(teams - 3, 'team')}.")
    charts.draw(presenter.chart(chart_spec("costs", result)), key="chart_costs")
    if result.by_team:
        st.markdown("##### Which team to fund first")
        st.caption("Each team's own fees, participants' time and AI seats against the value of the hours it adds "
                   "over what it would save anyway, best NPV per dollar first. Literacy and the program's other "
                   "costs belong to no team.")
        st.dataframe(team_table(result), hide_index=True, width="stretch", key="team_economics")
    with st.container(key=presenter.LOWER_CHARTS_KEY):  # side by side on a wide screen, stacked below 1,100 px
        left, right = st.columns(2)
    with left:
        charts.draw(presenter.chart(chart_spec("tiers", result)), key="chart_tiers")
    with right:
        charts.draw(presenter.chart(chart_spec("hours", result)), key="chart_hours")
    if scenario.ranges:
        position = _npv_position(scenario)
        if position is not None:
            position_slot.caption(plain(position))


# The cards' CSS, outside the fragment: a slider move does not send it again (ui.presenter.headline_cards_style).
presenter.headline_cards_style([card.value for card in headline_cards(state.cached_pitch(state.scenario()))])
pitch()
