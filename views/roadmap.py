"""Roadmap & proof: the 90-day plan, what to measure, the pilots' actuals and the 90-day report.

Everything shown is computed by ``calculator`` (roadmap, measurement, actuals,
ninety_day, governance); this page only draws it and passes edits back through
the calculator's validated edit.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calculator.charts.roadmap import roadmap_chart
from calculator.formatting import money
from calculator.rollout import actuals, governance, measurement, ninety_day, roadmap
from calculator.scenario import Scenario, ScenarioError
from ui import charts, presenter, state
from ui.text import plain
from ui.widgets import regulated_data_toggles

ACTUALS_TABLE = "actuals_table"

state.ensure_state()


# Thin caches in the shell around pure calculator functions; a frozen Scenario hashes by value.
@st.cache_data(max_entries=32, show_spinner=False)
def _report(scenario: Scenario) -> ninety_day.NinetyDayReport:
    return ninety_day.ninety_day_figures(scenario)


@st.cache_data(max_entries=32, show_spinner=False)
def _chart(scenario: Scenario):
    return roadmap_chart(scenario)


@st.cache_data(max_entries=32, show_spinner=False)
def _targets(scenario: Scenario) -> tuple:
    return measurement.checkpoint_targets(scenario)


@st.cache_data(max_entries=32, show_spinner=False)
def _plan(scenario: Scenario) -> tuple:
    return measurement.measurement_plan(scenario)


@st.cache_data(max_entries=32, show_spinner=False)
def _plan_vs_actual(scenario: Scenario) -> tuple:
    return actuals.plan_vs_actual(scenario)


@st.cache_data(max_entries=32, show_spinner=False)
def _changes(scenario: Scenario) -> list[dict]:
    return actuals.recalibration_changes(scenario)


def _num(value, fmt: str = "{:,.1f}") -> str:
    return "" if value is None else fmt.format(value)


def _pct(value) -> str:
    return "" if value is None else f"{value:.0%}"


def report_box(scenario: Scenario) -> None:
    report = _report(scenario)
    st.info(f"**90-day report.** {plain(report.sentence)}", icon=":material/summarize:")
    cols = st.columns(5)
    cols[0].metric("People trained", "—" if report.trained is None else f"{report.trained:,}",
                   border=True, help="Tier 1 learners x completion rate, as far as the course has run by day 90.")
    cols[1].metric("First-wave teams", f"{len(report.teams)}", border=True,
                   help="Teams whose engagement starts by day 90.")
    # Not "built": until the pilots report, the count is a target (the plan's, or the guide's benchmark).
    cols[2].metric("Workflows by day 90", f"{report.workflows:,}", border=True,
                   help="Built (measured) where a team's actuals give a count; otherwise expected: the team's own "
                        "target, or for a coached team without one the guide's benchmark of "
                        f"{measurement.BENCHMARK_WORKFLOWS_PER_TEAM}, as far as it has run by day 90. The report "
                        "above says which is which.")
    cols[3].metric("Hours a week saved", f"{report.weekly_hours:,.0f} h", border=True,
                   help=f"Week {report.week} (the week holding day 90), from the model with the measured values.")
    cols[4].metric("Spend to day 90", money(report.cost, scenario.currency), border=True,
                   help=f"The model's cost in weeks 1-{report.week}.")


def timeline_tab(scenario: Scenario) -> None:
    # Larger text on a projector (presenter mode), as on every page's charts.
    charts.draw(presenter.chart(_chart(scenario).to_dict()), width="content", key="chart_roadmap")
    st.caption("Calendar days fall on the model's weeks as day d → week ⌈d × W / 364⌉ (⌈d / 7⌉ with 52 weeks a "
               "year). A coaching engagement starts with a week of audit and a quick win, then builds with the "
               "team and ends with practice and hand-over (the source's 6 weeks: 1 + 3 + 2).")
    rows = [{"Phase": p.name, "Days": f"{p.first_day}-{p.last_day}", "Weeks": f"{p.start_week}-{p.end_week}",
             "What happens": p.activities} for p in roadmap.phases(scenario)]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    later = roadmap.next_wave(scenario)
    if later:
        st.markdown(f"**Next wave** (starting after day 90): {plain(', '.join(later))}.")
    else:
        st.markdown("**Next wave:** no team starts after day 90 yet. The plan's third phase picks the next "
                    "5-10 teams.")


def measurement_tab(scenario: Scenario) -> None:
    st.markdown("What proves the program works, tier by tier. Targets come from the scenario and the model, "
                "so each one is a number to check, not a hope.")
    plan = pd.DataFrame([{"Tier": f"Tier {m.tier}", "Measure": m.metric, "Target": m.target, "When": m.when,
                          "Where the target comes from": m.basis} for m in _plan(scenario)])
    st.dataframe(plan, hide_index=True, width="stretch")
    st.subheader("Checkpoint targets by team")
    marks = ", ".join(f"day {c.day} = week {c.week}" for c in measurement.checkpoints(scenario))
    st.caption(f"Each checkpoint is read at the end of the week holding its day ({marks}). Hours are the "
               "model's for that team alone; beyond the horizon they are left empty.")
    rows = []
    for t in _targets(scenario):
        expected = t.completions_expected if t.index is None else t.workflows_expected
        rows.append({"Team": t.team, "Tier": t.tier, "Checkpoint": f"Day {t.day}", "Week": t.week,
                     "Stage": t.status, "Completions / workflows expected": expected,
                     "Hours saved that week": _num(t.weekly_hours), "Hours saved to date": _num(t.cumulative_hours)})
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _apply_actuals(scenario: Scenario, edited_rows: dict, added_rows: list, deleted_rows: list) -> Scenario:
    # The table has a fixed row per team: only cell edits arrive.
    return actuals.apply_actuals_edits(scenario, edited_rows)


def actuals_editor(scenario: Scenario) -> None:
    frame = pd.DataFrame(actuals.actuals_rows(scenario), columns=list(actuals.ACTUALS_COLUMNS))
    if state.presenter_mode():
        st.dataframe(frame, hide_index=True, width="stretch")
        return
    state.show_problems(ACTUALS_TABLE)
    cfg = st.column_config
    st.data_editor(
        frame, key=state.key(ACTUALS_TABLE), num_rows="fixed", hide_index=True, width="stretch",
        disabled=["team", "tier"],
        column_config={
            "team": cfg.TextColumn("Team"),
            "tier": cfg.NumberColumn("Tier"),
            "workflows_built": cfg.NumberColumn("Workflows built", min_value=0, step=1),
            "workflows_in_use_30d": cfg.NumberColumn("In daily use 30 days later", min_value=0, step=1),
            "measured_hours_saved_per_person_per_week": cfg.NumberColumn(
                "Measured h saved / person / week", min_value=0, max_value=80, step=0.25),
            "observed_adoption_pct": cfg.NumberColumn("Observed adoption %", min_value=0, max_value=100,
                                                      format="%.0f%%"),
        },
    )


def _recalibrate() -> None:
    try:
        state.replace_scenario(actuals.recalibrate(state.scenario()))
    except ScenarioError as exc:
        state.report(exc.problems)


def actuals_tab(scenario: Scenario) -> None:
    if not scenario.cohorts:
        st.info("No Tier 2 or Tier 3 teams yet: add them on the Program builder page.")
        return
    st.markdown("Enter what each pilot measured. Leave a cell empty until it is measured. Every value is checked "
                "like a scenario file; a bad one is reported by its field and the scenario keeps its last good "
                "values.")
    actuals_editor(scenario)

    st.subheader("Plan against actual")
    rows = []
    for r in _plan_vs_actual(scenario):
        rows.append({
            "Team": r.team, "Tier": r.tier,
            "Workflows (plan)": f"{r.planned_workflows}" + (" (benchmark)" if r.workflows_basis == "benchmark"
                                                             else ""),
            "Workflows (actual)": _num(r.actual_workflows, "{:,}"),
            "In use after 30 days": _num(r.actual_in_use_30d, "{:,}"),
            "h / person / week (plan)": _num(r.planned_hours_per_person, "{:,.2f}"),
            "h / person / week (actual)": _num(r.actual_hours_per_person, "{:,.2f}"),
            "Adoption (plan)": _pct(r.planned_adoption), "Adoption (actual)": _pct(r.actual_adoption),
            "Team h / week (plan)": _num(r.planned_weekly_hours),
            "Team h / week (actual)": _num(r.actual_weekly_hours),
            "Actual vs plan": _pct(r.weekly_hours_ratio),
        })
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.caption("Team hours a week once adopted: people x adoption x hours saved per person; the actual column "
               "uses the measured values where there are some and the plan's elsewhere.")

    st.subheader("Recalibrate the scenario")
    changes = _changes(scenario)
    if changes:
        st.markdown("Measured values replace the assumptions for the teams measured, and their ranges narrow "
                    "around the measurement. This will change:")
        st.dataframe(pd.DataFrame([{"Input": c["path"], "Team": c["team"], "Now": str(c["before"]),
                                    "After": str(c["after"])} for c in changes]),
                     hide_index=True, width="stretch")
    else:
        st.caption("Nothing to change: no team has a measurement the scenario does not already use.")
    with st.expander("How recalibration works", icon=":material/info:"):
        st.markdown(
            "- Measured hours saved per person replace the team's assumed hours; observed adoption replaces its "
            "adoption rate; the workflows built replace its planned count. Teams without actuals keep theirs.\n"
            "- If a range applied to a measured input, the team gets its own range of the measured value "
            "±10%, kept inside the earlier range when that range contained the measurement. An input that had "
            "no range still has none.\n"
            "- A range shared by every team is stretched just enough to contain the measured value (a shared "
            "range must contain every team's value); the measured team follows its own, narrower range.\n"
            "- The actuals stay in the scenario file, so recalibrating again changes nothing.")
    if not state.presenter_mode():
        st.button("Recalibrate the scenario from actuals", key=state.key("recalibrate"), on_click=_recalibrate,
                  icon=":material/tune:", disabled=not changes, type="primary",
                  help="The next wave's projection then rests on the pilots' evidence.")


def governance_tab(scenario: Scenario) -> None:
    st.markdown("Risk control is part of each tier: acceptable use and data handling for everyone, a risk review "
                "of each workflow during coaching, and approvals, escalation and human-judgment points where AI "
                "becomes part of a process.")
    if not state.presenter_mode():
        regulated_data_toggles()
    items = governance.governance_checklist(scenario)
    st.dataframe(pd.DataFrame([{
        "Tier": f"Tier {i.tier}" if i.tier else "Flag", "Area": i.area, "Check": i.check,
        "Applies to": ", ".join(i.applies_to), "Due": f"week {i.due_week}"} for i in items]),
        hide_index=True, width="stretch")
    flagged = governance.flagged_teams(scenario)
    if flagged:
        st.subheader("Teams and their flags")
        st.dataframe(pd.DataFrame([{
            "Team": t["team"], "Tier": t["tier"], "Function": t["function"],
            "Flags": ", ".join(governance.FLAGS[f] for f in t["flags"]) or "none"} for t in flagged]),
            hide_index=True, width="stretch")


def page() -> None:
    # The actuals table's edits first, so the report, every tab and the table show the edited scenario.
    state.apply_pending_edits(state.key(ACTUALS_TABLE), _apply_actuals, ACTUALS_TABLE)
    state.show_problems()
    scenario = state.scenario()
    st.title("Roadmap & proof")
    st.caption(f"Scenario: **{plain(scenario.name)}**. The first 90 days on the model's weeks, what to measure at each "
               "checkpoint, and the pilots' results feeding back into the case.")
    report_box(scenario)
    # Keyed: the open tab survives a rerun that adds or removes a message above it.
    tabs = st.tabs(["Timeline", "Measurement plan", "Pilot actuals", "Governance"], key="roadmap_tab")
    with tabs[0]:
        timeline_tab(scenario)
    with tabs[1]:
        measurement_tab(scenario)
    with tabs[2]:
        actuals_tab(scenario)
    with tabs[3]:
        governance_tab(scenario)


page()
