"""Budget planner: the best program a fixed budget buys, team by team, and what the next $10K returns.

Every number comes from :mod:`calculator.planner` (options priced by the model, an exact MILP);
the page only draws. The options and the frontier are cached by scenario, objective and forcing,
so moving the budget only solves the two small programs at that budget and the next $10K.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calculator import planner
from calculator.charts.planner import frontier_chart
from calculator.charts.style import stamped
from calculator.formatting import count, hours, money, months
from ui import budget, charts, presenter, state, typed
from ui.text import plain

state.ensure_state()

OBJECTIVE_LABELS = {"npv": "NPV", "cash_npv": "Cash NPV", "hours": "Hours a year (capacity)"}
BUDGET, BUDGET_INPUT, BUDGET_TEXT = "planner_budget", "planner_budget_input", "planner_budget_text"
OBJECTIVE, FORCE_IN, FORCE_OUT = "planner_objective", "planner_force_in", "planner_force_out"


def _sync_from_slider() -> None:
    st.session_state[BUDGET_INPUT] = st.session_state[BUDGET]
    typed.forget(BUDGET_TEXT)  # a refused typed amount is stale once the slider sets the budget


def _set_exact_budget(value: float) -> None:
    st.session_state[BUDGET] = st.session_state[BUDGET_INPUT] = value


def _use_selection(scenario, view: planner.BudgetView) -> None:
    state.replace_scenario(planner.apply_plan(scenario, view.plan))
    st.toast("The optimal selection is now the scenario. Undo last change (sidebar) brings the plan back.",
             icon=":material/check:")


def _clean(key: str, allowed: set[int]) -> list[int]:
    """A stored team choice without teams that no longer exist (the scenario may have changed)."""
    kept = [i for i in st.session_state.get(key, []) if i in allowed]
    st.session_state[key] = kept
    return kept


def _selection_table(view: planner.BudgetView, cur: str) -> pd.DataFrame:
    objective = view.plan.objective
    rows = []
    for r in view.selection_rows(cur):
        row = {"Team": r["team"], "Option chosen": r["option"], "Cash cost": money(r["cost"], cur, exact=True),
               "Participants' time": money(r["time_cost"], cur, exact=True),
               "NPV": money(r["npv"], cur, exact=True),
               "Payback": "—" if r["option"] == planner.SKIP else months(r["payback_months"])}
        if objective == "cash_npv":
            row["Cash NPV"] = money(r["cash_npv"], cur, exact=True)
        if objective == "hours":
            row["Hours a year (capacity)"] = hours(r["annual_hours"])
        row["What it is"] = r["description"]
        rows.append(row)
    return pd.DataFrame(rows)


scenario = state.scenario()
cur = scenario.currency
state.show_problems()
st.title("Budget planner")
st.caption(f"Scenario: {plain(scenario.name)}")
st.markdown("The best program a fixed cash budget buys. Each team can be skipped, kept as planned, or bought "
            "another way (a workshop, platform seats, coaching at another length where that changes the value, "
            "consulting for Tier 3); the model prices and values every option and a mixed-integer program finds "
            "the best combination exactly. The budget pays cash (fees, AI seats, other program costs, cost risk "
            "included), the fixed costs first; participants' time counts in the NPV, not against the budget, and "
            "what is committed regardless (baseline) is apart.")

if not scenario.cohorts:
    st.info("This scenario has no Tier 2 or Tier 3 teams, so there is nothing to choose between. Add teams on "
            "the Program builder page.")
    budget.remember(None)
    st.stop()

teams, fixed = budget.options(scenario)
names = {t.index: t.team for t in teams}
st.session_state.setdefault(OBJECTIVE, "npv")
chosen = st.segmented_control(
    "Maximise", list(planner.OBJECTIVES), key=OBJECTIVE, format_func=lambda o: OBJECTIVE_LABELS[o], required=True,
    help="NPV counts every saved hour at its value (recapture and risk applied); cash NPV only the share each team "
         "releases as cash (its cash share); hours a year is capacity given back (time, not cash).")
objective = "npv" if chosen is None else chosen  # required=True: never None, though Streamlit's signature allows it

with st.expander("Teams that must be funded or skipped", expanded=False):
    left, right = st.columns(2)
    label = lambda i: f"{i + 1}. {names[i]}"  # noqa: E731 (a team's name may repeat: number them)
    _clean(FORCE_IN, set(names))
    force_in = left.multiselect("Always fund", list(names), key=FORCE_IN, format_func=label,
                                placeholder="No team forced in",
                                help="These teams get one of their options whatever the budget.")
    allowed_out = set(names) - set(force_in)
    _clean(FORCE_OUT, allowed_out)
    force_out = right.multiselect("Never fund", [i for i in names if i in allowed_out], key=FORCE_OUT,
                                  format_func=label, placeholder="No team forced out",
                                  help="These teams are skipped whatever the budget.")
forced_in, forced_out = tuple(sorted(force_in)), tuple(sorted(force_out))

try:
    plans = budget.frontier(scenario, objective, forced_in, forced_out)
except planner.InfeasibleBudget as exc:
    st.error(f"No budget can fund these choices: {plain(exc)}")
    st.stop()
as_entered = planner.planned(teams, fixed, objective)
low, high, step, default = planner.slider_bounds(plans, as_entered.total_cost)
if BUDGET not in st.session_state:
    st.session_state[BUDGET] = default
    st.session_state[BUDGET_INPUT] = default
st.session_state[BUDGET] = min(max(float(st.session_state[BUDGET]), low), high)

left, right = st.columns([3, 1], vertical_alignment="bottom")
left.slider(f"Cash budget ({cur})", min_value=low, max_value=high, step=step, key=BUDGET, on_change=_sync_from_slider,
            format="localized",
            help="The decision's cash: fees, AI seats and other program costs (cost risk included), literacy "
                 "and other program costs of the decision included. Participants' time and baseline items are not "
                 "paid from it.")
# A text box read by calculator.typed: a number box read "100k" as $100.
typed.amount(right, f"Exact budget ({cur})", BUDGET_TEXT, float(st.session_state[BUDGET_INPUT]),
             _set_exact_budget, help="Type any amount (250000, 250,000 or 250k); the slider covers up to twice the "
                                     "plan's cash cost.")
settings = planner.BudgetSettings(float(st.session_state[BUDGET_INPUT]), objective, forced_in, forced_out)
try:
    view = budget.view(scenario, settings)
except planner.InfeasibleBudget as exc:
    st.error(f"{plain(exc)}.", icon="🚫")
    budget.remember(None)
    st.stop()
budget.remember(settings)
plan = view.plan

# Two rows of equal cards (each number is sized to its card's width): what the budget pays, then what it returns.
# Headline cards read as the Pitch's do ($87.7K); the exact figure is in each card's help and in the table.
cols = st.columns(3)
cols[0].metric("Fixed costs", money(plan.fixed.cost, cur),
               help=f"{money(plan.fixed.cost, cur, exact=True)} of cash: the decision's literacy and other program "
                    "costs, not a choice, paid first.")
cols[1].metric("Spent on teams", money(plan.team_cost, cur),
               help=f"{money(plan.team_cost, cur, exact=True)} of cash: fees, AI seats and share-of-fees costs of the "
                    f"{plan.funded} of {count(len(plan.choice), 'team')} funded.")
cols[2].metric("Left unspent", money(plan.unspent, cur),
               help=f"{money(plan.unspent, cur, exact=True)} of the {money(plan.budget, cur, exact=True)} budget.")
cols = st.columns(3)
cols[0].metric(f"{OBJECTIVE_LABELS[objective]} of the teams chosen",
               planner.value_figure(plan.objective_value, objective, cur),
               help=f"{planner.value_text(plan.objective_value, objective, cur, exact=True)}: the sum of the "
                    "chosen options' values, what the planner maximises; the fixed costs are not in it.")
cols[1].metric("NPV with fixed costs", money(plan.program_npv, cur),
               help=f"{money(plan.program_npv, cur, exact=True)}: the decision's NPV with this selection, its fixed "
                    "costs included (the Pitch's Decision NPV if this selection were the scenario; baseline items "
                    "are apart).")
outside = [f"participants' time {money(plan.time_cost, cur)} (a cost in the NPV)"] if plan.time_cost else []
if plan.fixed.baseline_cost:
    outside.append(f"{money(plan.fixed.baseline_cost, cur)} committed regardless (baseline)")
if outside:
    cols[2].caption(f"Not paid from this budget: {' and '.join(outside)}.")
st.markdown(f"**The next \\$10K.** {plain(view.marginal)}")
st.markdown(f"**Your plan.** {plain(view.placement)}")

if not plan.optimal:
    st.info(f"The solver's time limit ({planner.PAGE_TIME_LIMIT:g} s) came first: this selection is "
            f"{planner.gap_text(plan.gap)} at this budget (proven), not proven the best. The command line "
            "(`python -m calculator optimize`) may take longer.", icon=":material/timer:")
st.subheader("The best selection at this budget", anchor=False)
st.dataframe(_selection_table(view, cur), hide_index=True, width="stretch")
if not state.presenter_mode():
    st.button("Make this selection the scenario", key="planner_use", icon=":material/published_with_changes:",
              on_click=_use_selection, args=(scenario, view), type="primary",
              help="Replaces the teams with the selection above (skipped teams removed). Undo last change in the "
                   "sidebar brings the plan back.")

charts.draw(presenter.chart(stamped(frontier_chart(view, cur).to_dict(), scenario.name)))  # larger on a projector
st.caption("Each point is the exact optimum at that budget. A team's own delivery model keeps its price, adoption "
           "and hours; another takes the published benchmark price, the adoption assumption "
           "(data/adoption_assumptions.csv) and the hours assumption (data/delivery_hours_assumptions.csv: a "
           "platform or workshop adopter saves at most 1 hour a week). Rules: Methodology & sources.")
