"""The Budget planner's session settings (read by the Exports page) and its caches."""

from __future__ import annotations

import streamlit as st

from calculator import planner
from calculator.scenario import Scenario

SETTINGS = "budget_plan_settings"  # planner.BudgetSettings once the page has set a budget


def settings() -> planner.BudgetSettings | None:
    """The budget set on the Budget planner page, or None when the page has not been used."""
    return st.session_state.get(SETTINGS)


def remember(value: planner.BudgetSettings | None) -> None:
    st.session_state[SETTINGS] = value


# Each frontier point may take this long (seconds): the page computes the frontier as it opens, so its 31 solves
# are bounded to about 6 s in all, whatever a link holds (25 equal-ratio teams once pinned a core for 240 s and went
# on after the tab closed). A point stopped by the limit is the best found, a floor under the true frontier.
FRONTIER_POINT_LIMIT = 0.2

# Thin caches around pure calculator functions; a frozen Scenario hashes by value. The options and the
# frontier do not depend on the budget, so moving the budget slider only solves two small MILPs.
@st.cache_resource(max_entries=32, show_spinner=False)
def options(scenario: Scenario) -> tuple[tuple[planner.TeamOptions, ...], planner.Fixed]:
    return planner.team_options(scenario), planner.fixed_part(scenario)


@st.cache_resource(max_entries=64, show_spinner="Tracing the frontier…")
def frontier(scenario: Scenario, objective: str, force_in: tuple[int, ...],
             force_out: tuple[int, ...]) -> tuple[planner.Plan, ...]:
    teams, fixed = options(scenario)
    return tuple(planner.frontier(scenario, objective, force_in=force_in, force_out=force_out, teams=teams,
                                  fixed=fixed, up_to=planner.planned(teams, fixed, objective).total_cost,
                                  time_limit=FRONTIER_POINT_LIMIT))


@st.cache_resource(max_entries=64, show_spinner=False)
def placement(scenario: Scenario, objective: str) -> str:
    teams, fixed = options(scenario)
    return planner.plan_sentence(scenario, teams, fixed, objective, planner.PAGE_TIME_LIMIT)


@st.cache_resource(max_entries=256, show_spinner=False)
def view(scenario: Scenario, value: planner.BudgetSettings) -> planner.BudgetView:
    teams, fixed = options(scenario)
    plans = frontier(scenario, value.objective, value.force_in, value.force_out)
    return planner.budget_view(scenario, value.budget, value.objective, value.force_in, value.force_out,
                               teams, fixed, plans, placement(scenario, value.objective),
                               time_limit=planner.PAGE_TIME_LIMIT)
