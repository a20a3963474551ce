"""Coaching vs platform spend: one cash budget split between coaching and platform courses, share by share.

For a fixed cash budget ``B`` (the plan's cash cost unless given), the part left
once the fixed cash is paid (literacy and the other program costs that are not a
share of fees: the scenario without its teams), ``D = B - fixed``, is split: a
share ``s`` may go to coaching and the rest to platform seats and courses. Each
team is delivered as it really is (:func:`~calculator.analysis.strategies.as_coaching`,
:func:`~calculator.analysis.strategies.as_course`): its cash is the team alone in
the scenario (fees, its AI seats, its share-of-fees lines, with the cost risk),
and it is valued over its own counterfactual.

At each share, whole teams are coached while the coaching money ``s x D`` lasts
(teams first where coaching adds the most NPV per extra dollar over the course,
ties in plan order); the money left, ``D`` less what coaching took, buys courses
for the other teams in plan order while it lasts; a team neither pays for is not
funded. Each point is the model's evaluation of that program: decision NPV, hours
a year and cash cost.

The **plan** is marked at its own coaching share (its coached teams' cash over
``D``), and the **best mix** is the budget planner's optimum at
``B`` (:func:`calculator.planner.optimize` on NPV, its selected teams), evaluated by the model and placed at its
coaching cash over ``D``. The planner may skip a team or shorten an engagement,
which the line does not: the best mix can sit above the line.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..model import evaluate
from ..scenario import Cohort, Scenario
from .strategies import BUDGET_TOLERANCE, adoption_rates, as_coaching, as_course

SHARES = 21  # 0%, 5%, ..., 100%


@dataclass(frozen=True)
class MixPoint:
    """One program on the spend-mix line: who is coached, who takes a course, and the model's figures."""

    coaching_share: float          # on the line: the share of the money for teams coaching may take (0..1);
    coaching_cash: float           # the plan and the best mix: the share coaching took, coaching_cash / that money
    course_cash: float
    cash_cost: float               # the whole decision's cash: fixed cash included
    npv: float
    annual_hours_saved: float
    coached: tuple[str, ...]
    courses: tuple[str, ...]
    unfunded: tuple[str, ...]


@dataclass(frozen=True)
class SpendMix:
    """The spend-mix line of one budget, the plan and the planner's best mix on it."""

    budget: float
    fixed_cash: float              # literacy and fixed program costs: paid whatever the mix
    points: tuple[MixPoint, ...]
    plan: MixPoint | None          # the scenario as entered, at its own coaching share (None: not this budget)
    best: MixPoint | None          # the budget planner's optimum at this budget (None: none fits)
    best_note: str
    notes: tuple[str, ...]


def _alone(scenario: Scenario, cohort: Cohort) -> Scenario:
    # The team, its AI seats and the share-of-fees lines that follow its fees; no literacy, no fixed costs.
    return dataclasses.replace(scenario, cohorts=(cohort,), ranges=(),
                               literacy=dataclasses.replace(scenario.literacy, enabled=False),
                               other_costs=tuple(o for o in scenario.other_costs if o.share_of_fees is not None))


def _cash_and_npv(scenario: Scenario, cohort: Cohort) -> tuple[float, float]:
    r = evaluate(_alone(scenario, cohort))
    return r.cash_cost, r.npv


def _share(coached_cash: float, total_cash: float) -> float:
    return coached_cash / total_cash if total_cash > BUDGET_TOLERANCE else 0.0


def _point(scenario: Scenario, share: float, cohorts: Sequence[Cohort | None], coached: set[int],
           cash: Sequence[float], names: Sequence[str]) -> MixPoint:
    r = evaluate(dataclasses.replace(scenario, cohorts=tuple(c for c in cohorts if c is not None), ranges=()))
    funded = [i for i, c in enumerate(cohorts) if c is not None]
    return MixPoint(
        coaching_share=share, coaching_cash=math.fsum(cash[i] for i in funded if i in coached),
        course_cash=math.fsum(cash[i] for i in funded if i not in coached), cash_cost=r.cash_cost, npv=r.npv,
        annual_hours_saved=r.annual_hours_saved, coached=tuple(names[i] for i in funded if i in coached),
        courses=tuple(names[i] for i in funded if i not in coached),
        unfunded=tuple(names[i] for i, c in enumerate(cohorts) if c is None))


def _best(scenario: Scenario, budget: float, money_for_teams: float) -> tuple[MixPoint | None, str]:
    from .. import planner  # the planner imports this package: import it when the function runs

    try:
        plan = planner.optimize(scenario, budget, "npv")
    except planner.InfeasibleBudget as exc:
        return None, str(exc)
    # The selected options' teams, as apply_plan builds them but without its ranges or re-validation: a
    # scenario built in code (never validated) must still draw its chart.
    chosen = dataclasses.replace(scenario, cohorts=tuple(o.cohort for o in plan.selected if o.cohort is not None),
                                 ranges=())
    figures = [_cash_and_npv(scenario, c) for c in chosen.cohorts]
    coached = {i for i, c in enumerate(chosen.cohorts) if c.delivery == "coaching"}
    point = _point(chosen, 0.0, chosen.cohorts, coached, [cash for cash, _ in figures],
                   [c.name for c in chosen.cohorts])
    point = dataclasses.replace(point, coaching_share=_share(point.coaching_cash, money_for_teams),
                                unfunded=tuple(t.team for t, k in zip(plan.teams, plan.choice) if k == 0))
    picks = [f"{t.team}: {o.option}" for t, o in zip(plan.teams, plan.selected)]
    return point, "The budget planner's best selection on NPV: " + "; ".join(picks) + "."


def spend_mix(scenario: Scenario, budget: float | None = None, shares: int = SHARES,
              adoption: Mapping[str, float] | None = None) -> SpendMix:
    """Decision NPV and hours as the share of a cash budget spent on coaching goes from 0% to 100%.

    Parameters
    ----------
    scenario : Scenario
        The plan: its teams are the people to train, its settings price and value every mix.
    budget : float, optional
        The cash budget; the plan's own cash cost when not given.
    shares : int
        Points from 0% to 100% coaching (21: every 5%).
    adoption : mapping of delivery model to rate, optional
        Overrides of the adoption assumptions, as the What-if strategies take them.

    Returns
    -------
    SpendMix
        ``points`` from 0% to 100%, ``plan`` at its own coaching share (when ``budget`` is the plan's),
        ``best`` the budget planner's optimum at the budget.

    Examples
    --------
    The seed's marketing team: coaching costs its whole delivery money ($26,400 less the $1,584 measurement
    line = $24,816), the course only its $6,336 of AI seats and 10% cost risk on $0 of seats:

    >>> from calculator.presets import load_preset
    >>> mix = spend_mix(load_preset("seed-marketing-team"))
    >>> round(mix.budget, 2), round(mix.fixed_cash, 2)
    (26400.0, 1584.0)
    >>> [p.coached for p in mix.points[::10]]   # 0%, 50%, 100% of the money for coaching
    [(), (), ('Marketing',)]
    >>> mix.plan.coaching_share, round(mix.points[-1].npv, 2) == round(mix.plan.npv, 2)
    (1.0, True)
    """
    if shares < 2:
        raise ValueError(f"shares: at least 2 points (0% and 100%), got {shares}")
    plan_cash = evaluate(scenario).cash_cost
    budget = plan_cash if budget is None else float(budget)
    if not math.isfinite(budget) or budget < 0:
        raise ValueError(f"budget: must be a cash amount of 0 or more, got {budget!r}")
    rates = adoption_rates(adoption)
    fixed = evaluate(dataclasses.replace(scenario, cohorts=(), ranges=())).cash_cost
    money_for_teams = max(0.0, budget - fixed)
    names = [c.name for c in scenario.cohorts]
    coaching = [as_coaching(c, rates) for c in scenario.cohorts]
    courses = [as_course(scenario, c, rates) for c in scenario.cohorts]
    coach_figures = [_cash_and_npv(scenario, c) for c in coaching]
    course_figures = [_cash_and_npv(scenario, c) for c in courses]

    def gain(i: int) -> float:
        extra = coach_figures[i][0] - course_figures[i][0]
        more = coach_figures[i][1] - course_figures[i][1]
        return math.inf if extra <= BUDGET_TOLERANCE else more / extra

    order = sorted(range(len(names)), key=lambda i: (-gain(i), i))
    points, seen = [], {}
    for k in range(shares):
        share = k / (shares - 1)
        pot, coached = share * money_for_teams, set()
        for i in order:
            if coach_figures[i][0] <= pot + BUDGET_TOLERANCE:
                coached.add(i)
                pot -= coach_figures[i][0]
        left = money_for_teams - math.fsum(coach_figures[i][0] for i in coached)
        chosen: list[Cohort | None] = []
        for i in range(len(names)):
            if i in coached:
                chosen.append(coaching[i])
            elif course_figures[i][0] <= left + BUDGET_TOLERANCE:
                chosen.append(courses[i])
                left -= course_figures[i][0]
            else:
                chosen.append(None)
        key = (frozenset(coached), tuple(c is None for c in chosen))
        if key not in seen:  # neighbouring shares often buy the same program: evaluate it once
            cash = [coach_figures[i][0] if i in coached else course_figures[i][0] for i in range(len(names))]
            seen[key] = _point(scenario, share, chosen, coached, cash, names)
        points.append(dataclasses.replace(seen[key], coaching_share=share))
    plan_point = None
    notes = []
    if abs(budget - plan_cash) <= BUDGET_TOLERANCE * max(1.0, plan_cash):
        plan_cash_by_team = [_cash_and_npv(scenario, c)[0] for c in scenario.cohorts]
        coached = {i for i, c in enumerate(scenario.cohorts) if c.delivery == "coaching"}
        plan_point = _point(scenario, 0.0, scenario.cohorts, coached, plan_cash_by_team, names)
        plan_point = dataclasses.replace(plan_point, coaching_share=_share(plan_point.coaching_cash,
                                                                           money_for_teams))
    else:
        notes.append("The budget is not the plan's cash cost, so the plan is not on this line.")
    if money_for_teams <= 0:
        notes.append("The fixed cash (literacy and program costs) takes the whole budget: no team is funded.")
    best, best_note = _best(scenario, budget, money_for_teams)
    return SpendMix(budget, fixed, tuple(points), plan_point, best, best_note, tuple(notes))
