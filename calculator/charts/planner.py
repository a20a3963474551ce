"""The budget planner's chart: the efficient frontier, the plan as entered, and the chosen budget.

Pure: from a :class:`calculator.planner.BudgetView` to an ``alt.Chart``; colours, font and
size from :mod:`.style`, written into the spec so the exported file shows what the screen showed.
"""

from __future__ import annotations

import altair as alt

from ..formatting import count, hours, money
from ..planner import OBJECTIVES, BudgetView
from .style import HEIGHT, OKABE_ITO, WIDTH, house_style, money_axis

FRONTIER = "Best selection at each budget"
PLANNED = "Plan as entered"
CHOSEN = "Your budget"
# One legend: colour and shape share the field and domain, so the plan reads as the diamond it is drawn as.
SHAPES = alt.Scale(domain=[FRONTIER, PLANNED, CHOSEN], range=["circle", "diamond", "circle"])


def _value_label(value: float, objective: str, currency: str) -> str:
    return hours(value) + " a year" if objective == "hours" else money(value, currency, exact=True)


def frontier_chart(view: BudgetView, currency: str = "USD"):
    """The efficient frontier (budget on x, the objective on y) with the plan and the chosen budget marked.

    The line steps: between two computed budgets the optimum is at least the left one's (a step down
    would need a budget cut), so the chart never shows more than was computed. The chosen budget and the
    plan's cost are computed budgets (:func:`calculator.planner.with_budget`, ``frontier(up_to=...)``), so the
    "Your budget" dot is on the line and the plan's diamond on or below it.

    Examples
    --------
    >>> from calculator import load_preset
    >>> from calculator.planner import budget_view
    >>> spec = frontier_chart(budget_view(load_preset("seed-200-person-org"), 250_000)).to_dict()
    >>> spec["title"]["text"]
    'What each budget buys: the efficient frontier'
    """
    objective = view.plan.objective
    name = OBJECTIVES[objective]
    y_title = "Hours a year returned by the teams (capacity)" if objective == "hours" else \
        f"{name} of the teams chosen ({currency})"
    y_axis = alt.Axis(format="~s") if objective == "hours" else money_axis(currency)
    rows = [{"budget": p.budget, "value": p.objective_value, "what": FRONTIER,
             "budget_label": money(p.budget, currency, exact=True),
             "value_label": _value_label(p.objective_value, objective, currency),
             "teams": f"{p.funded} of {count(len(p.choice), 'team')} funded"}
            for p in view.frontier]
    line = alt.Chart(alt.InlineData(values=rows)).mark_line(interpolate="step-after", point=True, strokeWidth=2).encode(
        x=alt.X("budget:Q", title=f"Cash budget, fixed costs included ({currency})", axis=money_axis(currency)),
        y=alt.Y("value:Q", title=y_title, axis=y_axis),
        color=alt.Color("what:N", title=None,
                        scale=alt.Scale(domain=[FRONTIER, PLANNED, CHOSEN],
                                        range=[OKABE_ITO["blue"], OKABE_ITO["vermillion"], OKABE_ITO["black"]])),
        shape=alt.Shape("what:N", title=None, scale=SHAPES),
        tooltip=[alt.Tooltip("budget_label:N", title="Budget"), alt.Tooltip("value_label:N", title=name),
                 alt.Tooltip("teams:N", title="Teams")],
    )
    plan = view.plan
    marks = [
        {"budget": view.planned_cost, "value": view.planned_value, "what": PLANNED,
         "budget_label": money(view.planned_cost, currency, exact=True),
         "value_label": _value_label(view.planned_value, objective, currency), "teams": "every team as planned"},
        {"budget": plan.budget, "value": plan.objective_value, "what": CHOSEN,
         "budget_label": money(plan.budget, currency, exact=True),
         "value_label": _value_label(plan.objective_value, objective, currency),
         "teams": f"{plan.funded} of {count(len(plan.choice), 'team')} funded"},
    ]
    points = alt.Chart(alt.InlineData(values=marks)).mark_point(size=160, filled=True, opacity=1).encode(
        x="budget:Q", y="value:Q",
        shape=alt.Shape("what:N", title=None, scale=SHAPES),
        color=alt.Color("what:N"),
        tooltip=[alt.Tooltip("what:N", title="Point"), alt.Tooltip("budget_label:N", title="Budget"),
                 alt.Tooltip("value_label:N", title=name), alt.Tooltip("teams:N", title="Teams")],
    )
    chosen = alt.InlineData(values=[m for m in marks if m["what"] == CHOSEN])
    rule = alt.Chart(chosen).mark_rule(strokeDash=[6, 4], color=OKABE_ITO["black"]).encode(x="budget:Q")
    # The line carries each computed optimum forward to the next budget (a floor, never more than was computed),
    # so it meets the marked points only because their budgets are among those computed: say so.
    subtitle = [f"Exact best choice of each team's options at {count(len(view.frontier), 'budget')}, your budget "
                "and the plan's cost among them",
                "Between two budgets the line holds the lower one's best; the budget is cash, fixed costs paid first"]
    return house_style(
        alt.layer(line, rule, points)
        .properties(title=alt.TitleParams("What each budget buys: the efficient frontier", subtitle=subtitle,
                                          anchor="start", fontSize=16), width=WIDTH, height=HEIGHT), grid=None)
