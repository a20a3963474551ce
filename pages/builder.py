"""Program builder: the organization, Tier 1 literacy, and the Tier 2 / Tier 3 teams."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calculator.editing import (
    TABLE_COLUMNS,
    add_cohort,
    apply_table_edits,
    change_delivery,
    cohort_rows,
    duplicate_cohort,
    edit,
    new_team,
    remove_cohort,
)
from calculator.formatting import fte, hours, money, months_short
from calculator.presets import price_benchmarks
from calculator.scenario import DELIVERY_DEFAULTS, FUNCTIONS, PRICE_UNITS, Cohort, ScenarioError
from ui import state
from ui.widgets import regulated_data_toggles

state.ensure_state()

UNIT_LABELS = {
    "per_employee_per_week": "per employee per week",
    "per_employee_per_month": "per employee per month",
    "per_employee": "per employee, once",
    "fixed": "fixed fee for the engagement",
}
DELIVERY_LABELS = {"platform": "Self-paced platform", "workshop": "Instructor-led workshop",
                   "coaching": "Team-embedded coaching", "consulting": "Consulting-led"}


def _pct(label: str, path: str, current, help: str, max_value: float = 100.0) -> None:
    state.bound(st.slider, label, path, current, to_model=state.percent_out, to_widget=state.percent_in,
                min_value=0.0, max_value=max_value, step=5.0, format="%.0f%%", help=help)


def _structural(change) -> None:
    """Apply a change that adds or removes teams; widgets start afresh from the result."""
    try:
        state.replace_scenario(change(state.scenario()))
    except ScenarioError as exc:
        state.report(exc.problems)


def _set_delivery(index: int, widget_key: str) -> None:
    try:
        state.replace_scenario(change_delivery(state.scenario(), index, st.session_state[widget_key]))
    except ScenarioError as exc:
        state.report(exc.problems)


def headline() -> None:
    scenario = state.scenario()
    result = state.cached_pitch(scenario).result
    cols = st.columns(5)
    cols[0].metric("Total investment", money(result.total_cost, scenario.currency))
    cols[1].metric("Hours returned a year", hours(result.annual_hours_saved))
    cols[2].metric("FTE returned", fte(result.fte_returned))
    cols[3].metric("Payback (months)", months_short(result.payback_months))
    cols[4].metric("NPV", money(result.npv, scenario.currency))


def organization_form() -> None:
    st.caption("Who is in the program and what an hour of their time costs.")
    c1, c2, c3, c4 = st.columns(4)
    with c1:
        state.bound(st.number_input, "Headcount", "organization.headcount", lambda s: s.organization.headcount,
                    min_value=1, max_value=10_000_000, step=10, help="People in the organization.")
    with c2:
        state.bound(st.number_input, "Loaded hourly cost ($/h)", "organization.loaded_hourly_cost",
                    lambda s: s.organization.loaded_hourly_cost, min_value=0.0, max_value=10_000.0, step=1.0,
                    format="%.2f",
                    help="Employer cost per hour worked. Default $45.65: US private industry, June 2025 "
                         "(BLS ECEC). Knowledge-worker teams usually cost more: override it per team.")
    with c3:
        state.bound(st.number_input, "Working weeks a year", "organization.working_weeks_per_year",
                    lambda s: s.organization.working_weeks_per_year, min_value=1, max_value=53, step=1,
                    help="The model's weekly grid; the source uses 52. Finance may prefer 46-48.")
    with c4:
        state.bound(st.number_input, "Hours per FTE year", "organization.hours_per_fte_year",
                    lambda s: s.organization.hours_per_fte_year, min_value=1.0, max_value=8784.0, step=10.0,
                    help="Hours in one full-time year: 2,080 in the source; ~1,880 productive hours is common.")
    regulated_data_toggles()

def literacy_form() -> None:
    scenario = state.scenario()
    st.caption("Tier 1: everyone learns what AI is, its limits and responsible use, on a self-paced platform.")
    c1, c2, c3 = st.columns(3)
    with c1:
        state.bound(st.toggle, "Include Tier 1 literacy", "literacy.enabled", lambda s: s.literacy.enabled,
                    help="Off: the literacy tier adds no cost and no value.")
        state.bound(st.toggle, "Platform already licensed (sunk cost)", "literacy.already_licensed",
                    lambda s: s.literacy.already_licensed,
                    help="On: seats are already paid for, so the incremental cost is $0.")
        state.bound(st.number_input, "Learners", "literacy.learners", lambda s: s.learners,
                    min_value=1, max_value=max(1, scenario.organization.headcount), step=10,
                    help="People taking the course (at most the headcount).")
    with c2:
        state.bound(st.number_input, "Seat price ($ per month)", "literacy.seat_price_per_month",
                    lambda s: s.literacy.seat_price_per_month, min_value=0.0, max_value=100_000.0, step=5.0,
                    help="Published range $20-$50 per seat per month.")
        state.bound(st.number_input, "Access (months)", "literacy.access_months",
                    lambda s: s.literacy.access_months, min_value=0.25, max_value=120.0, step=0.5,
                    help="Months of seats bought; the cost is spread over those weeks.")
        state.bound(st.number_input, "Start week", "literacy.start_week", lambda s: s.literacy.start_week,
                    min_value=1, max_value=5000, step=1, help="Week of the program in which courses open.")
    with c3:
        _pct("Completion (%)", "literacy.completion_rate", lambda s: s.literacy.completion_rate,
             "Share of learners who finish; the usual target is 85% or more.")
        state.bound(st.number_input, "Course hours per learner", "literacy.training_hours_per_learner",
                    lambda s: s.literacy.training_hours_per_learner, min_value=0.0, max_value=1000.0, step=1.0,
                    help="Time each learner spends; a cost only when participants' time is counted.")
        state.bound(st.number_input, "Hours saved per person a week", "literacy.hours_saved_per_person_per_week",
                    lambda s: s.literacy.hours_saved_per_person_per_week, min_value=0.0, max_value=80.0,
                    step=0.25, help="0 by default: courses alone change no workflow (the source's point).")
        _pct("Adoption (%)", "literacy.adoption_rate", lambda s: s.literacy.adoption_rate,
             "Share of completers who change how they work.")


def team_form(i: int, cohort: Cohort) -> None:
    cur = lambda name: (lambda s: getattr(s.cohorts[i], name))  # noqa: E731  (reads one team field)
    p = f"cohorts[{i}]"
    top = st.columns([3, 2, 1, 2])
    with top[0]:
        state.bound(st.text_input, "Team name", f"{p}.name", cur("name"), max_chars=200,
                    help="Shown on charts and in exports.")
    with top[1]:
        state.bound(st.selectbox, "Function", f"{p}.function", cur("function"), options=list(FUNCTIONS),
                    format_func=lambda f: f.replace("_", " ").capitalize(), help="The team's business function.")
    with top[2]:
        state.bound(st.selectbox, "Tier", f"{p}.tier", cur("tier"), options=[2, 3],
                    help="2 = fluency (use AI in one's own job); 3 = integration (AI in the team's process).")
    with top[3]:
        delivery_key = state.key(f"{p}.delivery")
        st.session_state.setdefault(delivery_key, cohort.delivery)
        st.selectbox("Delivery model", list(DELIVERY_DEFAULTS), key=delivery_key,
                     format_func=DELIVERY_LABELS.get, on_change=_set_delivery, args=(i, delivery_key),
                     help="Changing it loads that model's benchmark price and unit.")
    sliders = st.columns(4)
    with sliders[0]:
        state.bound(st.slider, "Team size", f"{p}.team_size", cur("team_size"), min_value=1,
                    max_value=max(50, cohort.team_size), step=1, help="People in the team.")
    with sliders[1]:
        state.bound(st.slider, "Engagement length (weeks)", f"{p}.engagement_weeks", cur("engagement_weeks"),
                    min_value=1, max_value=max(26, cohort.engagement_weeks), step=1,
                    help="Coaching runs 6-8 weeks in the source; value ramps up over the engagement.")
    with sliders[2]:
        state.bound(st.slider, "Hours saved per person a week", f"{p}.hours_saved_per_person_per_week",
                    cur("hours_saved_per_person_per_week"), min_value=0.0,
                    max_value=max(10.0, cohort.hours_saved_per_person_per_week), step=0.25,
                    help="At full adoption, once the workflows are built (the source's example: 3.75 h).")
    with sliders[3]:
        _pct("Adoption (%)", f"{p}.adoption_rate", cur("adoption_rate"), "Share of the team using the workflows.")
    rest = st.columns(5)
    with rest[0]:
        state.bound(st.number_input, "Price", f"{p}.price", cur("price"), min_value=0.0, max_value=1e9,
                    step=10.0, help="In the unit to the right. Coaching benchmark: $200-$500 per employee per week.")
    with rest[1]:
        state.bound(st.selectbox, "Price unit", f"{p}.price_unit", cur("price_unit"), options=list(PRICE_UNITS),
                    format_func=UNIT_LABELS.get, help="How the price applies; see Methodology for each rule.")
    with rest[2]:
        state.bound(st.number_input, "Start week", f"{p}.start_week", cur("start_week"), min_value=1,
                    max_value=5000, step=1, help="Program week in which the engagement begins.")
    with rest[3]:
        state.bound(st.number_input, "Session hours a week", f"{p}.participant_hours_per_week",
                    cur("participant_hours_per_week"), min_value=0.0, max_value=80.0, step=0.5,
                    help="Time each member spends in sessions; a cost only when participants' time is counted.")
    with rest[4]:
        state.bound(st.number_input, "Hourly cost override ($/h)", f"{p}.loaded_hourly_cost",
                    cur("loaded_hourly_cost"), min_value=0.0, max_value=10_000.0, step=1.0,
                    placeholder="organization's", help="Empty: the organization's loaded hourly cost.")
    b1, b2, _ = st.columns([1, 1, 2])
    b1.button("Duplicate team", key=state.key(f"{p}.duplicate"), on_click=_structural,
              args=(lambda s, i=i: duplicate_cohort(s, i),), icon=":material/content_copy:")
    b2.button("Remove team", key=state.key(f"{p}.remove"), on_click=_structural,
              args=(lambda s, i=i: remove_cohort(s, i),), icon=":material/delete:")


def teams_form() -> None:
    scenario = state.scenario()
    st.caption("Tier 2 fluency and Tier 3 integration: teams coached on their own work (or the alternatives).")
    add1, add2 = st.columns(2)
    add1.button("Add a Tier 2 coaching team", key=state.key("add_t2"), icon=":material/add:", on_click=_structural,
                args=(lambda s: add_cohort(s, new_team(s, 2)),))
    add2.button("Add a Tier 3 department", key=state.key("add_t3"), icon=":material/add:", on_click=_structural,
                args=(lambda s: add_cohort(s, new_team(s, 3, f"Department {len(s.cohorts) + 1}")),))
    if not scenario.cohorts:
        st.info("No teams yet. Add one above: the value of the program comes from the coached teams.")
        return
    names = [f"{i + 1}. {c.name} (Tier {c.tier})" for i, c in enumerate(scenario.cohorts)]
    choice_key = state.key("team_choice")
    if st.session_state.get(choice_key, 0) >= len(names):
        st.session_state[choice_key] = 0
    # Buttons read fastest for a handful of teams; a long list needs a searchable box.
    picker = st.radio if len(names) <= 8 else st.selectbox
    options = {"horizontal": True} if picker is st.radio else {}
    chosen = picker("Team", range(len(names)), format_func=lambda i: names[i], key=choice_key,
                    help="Pick the team to edit; the table tab shows all of them.", **options)
    with st.container(border=True):
        team_form(chosen, scenario.cohorts[chosen])


def _has_edits(delta) -> bool:
    return bool(delta) and any(delta.get(k) for k in ("edited_rows", "added_rows", "deleted_rows"))


def _apply_table(widget_key: str) -> None:
    delta = st.session_state[widget_key]
    try:
        updated = apply_table_edits(state.scenario(), delta.get("edited_rows", {}),
                                    delta.get("added_rows", []), delta.get("deleted_rows", []))
    except ScenarioError as exc:
        state.report(exc.problems)
        state.fresh_widgets()  # redraw the table from the last good scenario
        return
    state.replace_scenario(updated)


def teams_table() -> None:
    st.caption("Every team in one table: edit cells, add rows at the bottom, delete rows with the row menu. "
               "Every change is checked again here; a bad cell is reported and the table returns to the "
               "last good scenario.")
    frame = pd.DataFrame(cohort_rows(state.scenario()), columns=list(TABLE_COLUMNS))
    widget_key = state.key("teams_table")
    cfg = st.column_config
    st.data_editor(
        frame, key=widget_key, num_rows="dynamic", hide_index=True, width="stretch",
        column_config={
            "name": cfg.TextColumn("Team", max_chars=200, required=True),
            "function": cfg.SelectboxColumn("Function", options=list(FUNCTIONS), required=True),
            "tier": cfg.SelectboxColumn("Tier", options=[2, 3], required=True),
            "delivery": cfg.SelectboxColumn("Delivery", options=list(DELIVERY_DEFAULTS), required=True),
            "team_size": cfg.NumberColumn("Size", min_value=1, step=1, required=True),
            "start_week": cfg.NumberColumn("Start wk", min_value=1, step=1, required=True),
            "engagement_weeks": cfg.NumberColumn("Weeks", min_value=1, max_value=520, step=1, required=True),
            "price": cfg.NumberColumn("Price", min_value=0, format="$%.0f", required=True),
            "price_unit": cfg.SelectboxColumn("Unit", options=list(PRICE_UNITS), required=True),
            "participant_hours_per_week": cfg.NumberColumn("Session h/wk", min_value=0, max_value=80),
            "hours_saved_per_person_per_week": cfg.NumberColumn("Saved h/person/wk", min_value=0, max_value=80),
            "adoption_pct": cfg.NumberColumn("Adoption %", min_value=0, max_value=100, format="%.0f%%"),
            "loaded_hourly_cost": cfg.NumberColumn("$/h override", min_value=0, format="$%.2f"),
            "workflows_built": cfg.NumberColumn("Workflows", min_value=0, step=1),
        },
    )
    # Applied after drawing (not in on_change) so a delta set through session state counts too;
    # either way the table is redrawn from the scenario under a fresh key.
    if _has_edits(st.session_state.get(widget_key)):
        _apply_table(widget_key)
        st.rerun()


def _apply_ranges(widget_key: str) -> None:
    delta = st.session_state[widget_key]
    rows = [dict(path=p, low=lo, high=hi) for p, lo, hi in state.scenario().ranges]
    for index, values in delta.get("edited_rows", {}).items():
        rows[int(index)].update(values)
    rows += [dict(r) for r in delta.get("added_rows", [])]
    deleted = {int(i) for i in delta.get("deleted_rows", [])}
    ranges = {r.get("path"): [r.get("low"), r.get("high")] for i, r in enumerate(rows)
              if i not in deleted and r.get("path")}
    try:
        state.replace_scenario(edit(state.scenario(), {"ranges": ranges}))
    except ScenarioError as exc:
        state.report(exc.problems)
        state.fresh_widgets()


def ranges_table() -> None:
    st.caption("Inputs you are unsure of, with a low and a high value. The scenario's own value is the most "
               "likely one. They drive the investment range on the Pitch page, the sensitivity and the "
               "uncertainty views. `cohorts[*]` means every team at once; `cohorts[0]` the first team.")
    frame = pd.DataFrame([dict(path=p, low=lo, high=hi) for p, lo, hi in state.scenario().ranges],
                         columns=["path", "low", "high"])
    widget_key = state.key("ranges_table")
    st.data_editor(frame, key=widget_key, num_rows="dynamic", hide_index=True, width="stretch",
                   column_config={"path": st.column_config.TextColumn("Input (path)", required=True),
                                  "low": st.column_config.NumberColumn("Low", required=True),
                                  "high": st.column_config.NumberColumn("High", required=True)})
    if _has_edits(st.session_state.get(widget_key)):
        _apply_ranges(widget_key)
        st.rerun()


def benchmarks_note() -> None:
    rows = [{"Delivery": DELIVERY_LABELS[b.delivery], "Tier": b.tier, "Low": money(b.low), "High": money(b.high),
             "Unit": UNIT_LABELS[b.unit], "Default": money(b.default_price, exact=True)}
            for b in price_benchmarks()]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


@st.fragment
def builder() -> None:
    # A fragment: editing a team reruns only this body, not the sidebar.
    state.show_problems()
    st.title("Program builder")
    headline()
    if state.presenter_mode():
        # Presenting: the plan read-only, no editing controls on the shared screen.
        st.info("Presenter mode is on, so editing is hidden. Switch it off in the sidebar to change the plan.",
                icon=":material/slideshow:")
        st.dataframe(pd.DataFrame(cohort_rows(state.scenario()), columns=list(TABLE_COLUMNS)), hide_index=True,
                     width="stretch")
        return
    sections = {"Tier 2 & 3 teams": teams_form, "All teams (table)": teams_table, "Tier 1 literacy": literacy_form,
                "Organization": organization_form, "Uncertainty ranges": ranges_table,
                "Price benchmarks": benchmarks_note}
    # Tab state on: only the open tab draws its widgets, which keeps a slider move short.
    for tab, draw in zip(st.tabs(list(sections), key="builder_tab", on_change="rerun"), sections.values()):
        if tab.open:
            with tab:
                draw()

builder()
