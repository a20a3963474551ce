"""The budget planner: the best program a fixed budget buys, team by team.

Every Tier 2 / Tier 3 team is a choice: skip it, keep it as planned, or buy it
another way (coaching at the planned length and at the ends of its engagement
range where a length changes the value, a workshop, the self-paced platform,
consulting for Tier 3). Each option is priced and valued by the model itself, as
a one-team scenario with the scenario's organization and finance settings and
its share-of-fees lines, so its ``cost`` is the cash that team commits within
the horizon (fees, AI seats and the share-of-fees lines its fees bring, cost risk
included: methodology v3's ``cash_cost``) and its value is the team's NPV, cash
NPV or hours a year; participants' time is not paid from the budget, it is in
the NPV. The model is linear in teams (every flow is a sum over teams), so a
selection's total is the sum of its options, plus the fixed part: the decision's
literacy tier and other program costs, which are not a choice and whose cash
comes off the budget first. Baseline items (committed regardless) are neither
spent from the budget nor in the decision's NPV.

Choosing at most one option per team to maximise the objective within the
budget is a multiple-choice knapsack, solved exactly as a mixed-integer program
by HiGHS through :func:`scipy.optimize.milp` (no heuristic). The efficient
frontier is the optimum at about 30 budgets from the fixed costs alone to the
cost of every team's best option.

Delivery-model assumptions come from ``data/``, as the What-if strategies read them:
prices from ``price_benchmarks.csv`` (the guide's published ranges; platform seats
are $0 where the organization already licenses the platform), adoption from
``adoption_assumptions.csv`` and hours saved per person from
``delivery_hours_assumptions.csv`` (assumptions; the guide gives no figure: a
platform or workshop adopter is credited at most 1 hour a week, never more than
the team's own plan; coaching and consulting keep the plan's hours). A team's own
delivery model keeps its planned price, adoption and hours.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .analysis.strategies import delivery_hours_assumptions
from .formatting import count, hours, money, round_half_up
from .model import COST_LINES, evaluate, evaluate_batch
from .presets import adoption_assumptions, price_benchmark
from .scenario import (
    RANGEABLE,
    Cohort,
    ParameterPath,
    Scenario,
    from_dict,
    parameter_values,
    parse_path,
    to_dict,
)

OBJECTIVES = {"npv": "NPV", "cash_npv": "cash NPV", "hours": "hours a year"}
SKIP = "skip"
AS_PLANNED = "as planned"
# The guide sells coaching as "a 6-8 week engagement" (data/price_benchmarks.csv, coaching source):
# the engagement range of a team that has none of its own.
COACHING_WEEKS = (6, 8)
WORKSHOP_WEEKS = 1  # a half-day to full-day session: one week on the model's grid
MARGINAL_STEP = 10_000.0
# A selection may cost at most the budget plus this: sums of cents in binary floating point differ from the
# exact sum by ~1e-10, which is noise, not money (the model's own zero tolerance is the same millionth).
BUDGET_TOLERANCE = 1e-6
FRONTIER_POINTS = 30
# The exact solver's time limits (seconds): a page answers within about a second and a half, the command line
# may take longer. Past the limit the best selection found so far is kept with its proven gap (Plan.gap):
# 20 teams whose value is proportional to their cost took HiGHS 6.7-13.2 s to prove optimal, 25 over 240 s.
PAGE_TIME_LIMIT = 1.5
CLI_TIME_LIMIT = 20.0


class InfeasibleBudget(ValueError):
    """No selection fits: the budget is below the fixed costs, or below the teams forced in."""


@dataclass(frozen=True)
class Option:
    """One way to fund one team, with the model's figures for it as a one-team scenario."""

    option: str                  # "skip", "as planned", "coaching 8 weeks", "workshop", ...
    description: str
    cohort: Cohort | None        # None for skip
    cost: float                  # cash within the horizon: fees, AI seats, share-of-fees lines, cost risk included
    npv: float                   # participants' time included
    cash_npv: float              # the cash part of the value less the cash cost, discounted (methodology v3)
    annual_hours: float
    payback_months: float | None
    time_cost: float = 0.0       # participants' time within the horizon: in the NPV, not paid from the budget

    def value(self, objective: str) -> float:
        """The option's objective: ``npv``, ``cash_npv`` or ``hours`` (a year, steady state)."""
        if objective == "npv":
            return self.npv
        if objective == "hours":
            return self.annual_hours
        if objective == "cash_npv":
            return self.cash_npv
        raise ValueError(f"objective: must be one of {', '.join(OBJECTIVES)}, got {objective!r}")


@dataclass(frozen=True)
class TeamOptions:
    index: int                   # the team's position in the scenario
    team: str
    options: tuple[Option, ...]  # "skip" first, then "as planned", then the alternatives


@dataclass(frozen=True)
class Fixed:
    """The part of the decision that is not a choice: literacy (unless baseline) and other program costs."""

    cost: float                  # cash: literacy seats and the decision's other costs, cost risk included
    npv: float                   # the decision's, participants' time included
    cash_npv: float
    annual_hours: float
    time_cost: float = 0.0       # literacy's training time: in the NPV, not paid from the budget
    baseline_cost: float = 0.0   # baseline items, committed regardless: neither spent from the budget nor in the NPV

    def value(self, objective: str) -> float:
        return {"npv": self.npv, "cash_npv": self.cash_npv, "hours": self.annual_hours}[objective]


@dataclass(frozen=True)
class Plan:
    """The optimal selection at one budget."""

    budget: float
    objective: str
    fixed: Fixed
    teams: tuple[TeamOptions, ...]
    choice: tuple[int, ...]      # per team, the index of its chosen option (0 = skip)
    gap: float = 0.0             # proven: the teams' value is within this share of the best (0 = optimal)

    @property
    def optimal(self) -> bool:
        """True when the selection is proven the best; False when the solver's time limit stopped it first."""
        return self.gap <= 0.0

    @property
    def selected(self) -> list[Option]:
        return [t.options[k] for t, k in zip(self.teams, self.choice)]

    @property
    def team_cost(self) -> float:
        return math.fsum(o.cost for o in self.selected)

    @property
    def total_cost(self) -> float:
        """Fixed costs plus the selected options' costs, all cash: what the budget pays for."""
        return self.fixed.cost + self.team_cost

    @property
    def time_cost(self) -> float:
        """Participants' time of the fixed part and the selected options: in the NPV, not paid from the budget."""
        return self.fixed.time_cost + math.fsum(o.time_cost for o in self.selected)

    @property
    def program_npv(self) -> float:
        """The decision's NPV with this selection, fixed costs included, whatever the objective: what ``evaluate``
        gives (``npv``) for the scenario reduced to this selection (:func:`apply_plan`)."""
        return self.fixed.npv + math.fsum(o.npv for o in self.selected)

    @property
    def objective_value(self) -> float:
        """The sum of the selected options' values (the fixed part is reported apart)."""
        return math.fsum(o.value(self.objective) for o in self.selected)

    @property
    def unspent(self) -> float:
        """The budget left over once the fixed costs and the selected options are paid."""
        return self.budget - self.total_cost

    @property
    def program_value(self) -> float:
        """The whole program's objective with this selection: the teams' plus the fixed part's."""
        return self.fixed.value(self.objective) + self.objective_value

    @property
    def funded(self) -> int:
        """How many teams get an option (not skipped)."""
        return sum(1 for k in self.choice if k)


# --------------------------------------------------------------------------- options
TIME_LINE = COST_LINES.index("participant_time")


def _evaluate_alone(scenario: Scenario, cohorts: Sequence[Cohort]) \
        -> list[tuple[float, float, float, float, float | None, float]]:
    """(cash cost, NPV, cash NPV, hours a year, payback, participants' time) of each cohort alone in the scenario,
    in a few batched model calls.

    Options that differ only in inputs the model can vary per draw (team size, weeks, price, adoption, hours,
    ...: ``RANGEABLE["cohorts"]``) share one :func:`~calculator.model.evaluate_batch` call, one draw each; the
    model guarantees a draw equals the single evaluation. 120 options take about eight calls, not 120.
    """
    varied = RANGEABLE["cohorts"]
    blank = {name: getattr(Cohort(), name) for name in varied}
    groups: dict[Cohort, list[int]] = {}
    for j, cohort in enumerate(cohorts):
        shape = dataclasses.replace(cohort, name="", actuals=None, workflows_built=0, **blank)
        groups.setdefault(shape, []).append(j)
    out: list[tuple[float, float, float, float, float | None, float]] = [(0.0, 0.0, 0.0, 0.0, None, 0.0)] * len(cohorts)
    for shape, members in groups.items():
        overrides = {f"cohorts[0].{name}": np.array([
            math.nan if getattr(cohorts[j], name) is None else float(getattr(cohorts[j], name)) for j in members])
            for name in varied}  # NaN hourly cost: the organization's, as the model reads it
        # The base team has the blank values (an unset hourly cost among them), so every draw is read alike.
        batch = evaluate_batch(_alone(scenario, shape), overrides)
        for row, j in enumerate(members):
            payback = float(batch.payback_months[row])
            out[j] = (float(batch.cash_cost[row]), float(batch.npv[row]),
                      float(batch.cash_npv[row]), float(batch.annual_hours_saved[row]),
                      None if math.isnan(payback) else payback, float(batch.cost_by_line[row, TIME_LINE]))
    return out


def _alone(scenario: Scenario, cohort: Cohort) -> Scenario:
    """The scenario with only this team: no literacy tier, no ranges, and of the other program costs only the
    share-of-fees lines, which follow this team's fees (a line is a share of the fees week by week, so the
    lines of a selection are the sum of its teams')."""
    return dataclasses.replace(scenario, cohorts=(cohort,), ranges=(),
                               literacy=dataclasses.replace(scenario.literacy, enabled=False),
                               other_costs=tuple(c for c in scenario.other_costs if c.share_of_fees is not None))


def fixed_part(scenario: Scenario) -> Fixed:
    """The decision without its teams: literacy (unless baseline) and the other program costs.

    Its ``cost`` is cash: a share-of-fees line is charged to the teams (it is $0 here but for literacy's own fees)
    and literacy's training time stays in the NPV (``time_cost``); baseline items are neither (``baseline_cost``).

    >>> from calculator import load_preset
    >>> # program management $15,600 + evaluation $7,200 + security review $4,000, x 1.1 cost risk; literacy is
    >>> # baseline: 200 x 85% x 6 h x $45.65 x 1.1 = $51,219.30 of training time, committed regardless
    >>> fixed = fixed_part(load_preset("seed-200-person-org"))
    >>> round(fixed.cost, 2), round(fixed.baseline_cost, 2)
    (29480.0, 51219.3)
    """
    result = evaluate(dataclasses.replace(scenario, cohorts=(), ranges=()))
    return Fixed(result.cash_cost, result.npv, result.cash_npv, result.annual_hours_saved,
                 result.cost_by_line["participant_time"], result.baseline["total_cost"])


def engagement_range(scenario: Scenario, index: int) -> tuple[int, int]:
    """A team's engagement range: its own range, else the scenario's ``cohorts[*]`` one, else the guide's 6-8.

    >>> from calculator import load_preset
    >>> engagement_range(load_preset("seed-200-person-org"), 0)
    (6, 8)
    """
    ranges = {path: (low, high) for path, low, high in scenario.ranges}
    own = ranges.get(f"cohorts[{index}].engagement_weeks") or ranges.get("cohorts[*].engagement_weeks")
    low, high = own if own else COACHING_WEEKS
    return int(round_half_up(low)), int(round_half_up(high))


def _alternatives(scenario: Scenario, index: int) -> list[tuple[str, str, Cohort]]:
    """(option, description, cohort) for every way to buy team ``index``, duplicates removed."""
    team = scenario.cohorts[index]
    adoption = {d: a.adoption_rate for d, a in adoption_assumptions().items()}

    credited = {d: a.hours_saved_per_person_per_week for d, a in delivery_hours_assumptions().items()}
    licensed = scenario.literacy.already_licensed

    def price_of(delivery: str) -> float:
        # Seats on a platform the organization already licenses are sunk: $0, as in the What-if strategies.
        return 0.0 if delivery == "platform" and licensed else price_benchmark(delivery).default_price

    def bought(delivery: str, weeks: int) -> Cohort:
        if delivery == team.delivery:  # the plan's own quote, adoption and hours beat a benchmark
            return dataclasses.replace(team, engagement_weeks=weeks, actuals=None)
        b = price_benchmark(delivery)
        saved = team.hours_saved_per_person_per_week
        cap = credited.get(delivery)  # None: the benchmark credits no hours of its own, keep the plan's
        if cap is not None:
            saved = min(saved, cap)
        return dataclasses.replace(team, delivery=delivery, price=price_of(delivery), price_unit=b.unit,
                                   adoption_rate=adoption[delivery], hours_saved_per_person_per_week=saved,
                                   engagement_weeks=weeks, actuals=None)

    def priced(delivery: str) -> str:
        if delivery == team.delivery:
            return "at the plan's price and adoption"
        b = price_benchmark(delivery)
        price = ("on the platform already licensed ($0 for seats)" if delivery == "platform" and licensed
                 else f"at the benchmark ${b.default_price:,.0f} {b.unit.replace('_', ' ')}")
        hours_text = ("" if credited.get(delivery) is None
                      else f", at most {credited[delivery]:g} h a week saved per adopter")
        return f"{price}, {adoption[delivery]:.0%} adoption assumed{hours_text}"

    low, high = engagement_range(scenario, index)
    length = count(team.engagement_weeks, "week")
    out = [(AS_PLANNED, f"{team.delivery}, {length}, as entered", team)]
    for weeks in dict.fromkeys((team.engagement_weeks, low, high)):
        out.append((f"coaching {count(weeks, 'week')}", f"coaching for {count(weeks, 'week')} {priced('coaching')}",
                    bought("coaching", weeks)))
    if team.delivery != "workshop":  # a workshop team's own workshop is its plan, at the plan's length and cost
        out.append(("workshop", f"a workshop (one session) {priced('workshop')}",
                    bought("workshop", WORKSHOP_WEEKS)))
    out.append((f"platform {length}", f"self-paced platform seats for {length} {priced('platform')}",
                bought("platform", team.engagement_weeks)))
    if team.tier == 3:
        out.append(("consulting", f"a consulting engagement over {length} "
                                  f"{priced('consulting')}", bought("consulting", team.engagement_weeks)))
    seen, unique = set(), []
    for name, description, cohort in out:
        # "coaching 7 weeks" of a team coached for 7 weeks is the plan itself, measured actuals or not (the
        # model does not read them): the same delivery, the same cost, listed once, as planned.
        key = dataclasses.replace(cohort, actuals=None)
        if key not in seen:
            seen.add(key)
            unique.append((name, description, cohort))
    return unique


def team_options(scenario: Scenario) -> tuple[TeamOptions, ...]:
    """Every team's options, each evaluated alone with the scenario's finance settings.

    An option that differs from another of the team only in its engagement length is offered only where the
    length changes the value (:func:`_length_dominated`): a longer engagement of the same delivery costs more and,
    on v1's ramp, reaches the same steady hours later, so it buys nothing unless the benefit decays after the
    engagement ends (a longer one then holds the full hours longer).

    Examples
    --------
    >>> from calculator import load_preset
    >>> teams = team_options(load_preset("seed-200-person-org"))
    >>> [o.option for o in teams[0].options]   # coaching 8 weeks: more cash than the plan's 7 for the same hours
    ['skip', 'as planned', 'coaching 6 weeks', 'workshop', 'platform 7 weeks']
    >>> # cash: fees 10 x $350 x 7 weeks + AI seats 10 x $30 x 12 / 52 x 102 weeks, x 1.1 cost risk
    >>> round(teams[0].options[1].cost, 2)
    34717.69
    >>> # not from the budget, in the NPV: sessions 10 x 3 h x 7 weeks x $45.65 x 1.1
    >>> round(teams[0].options[1].time_cost, 2)
    10545.15
    """
    alternatives = [_alternatives(scenario, i) for i in range(len(scenario.cohorts))]
    figures = iter(_evaluate_alone(scenario, [cohort for team in alternatives for _, _, cohort in team]))
    out = []
    for i, team in enumerate(scenario.cohorts):
        options = []
        for name, description, cohort in alternatives[i]:
            cost, npv, cash, annual, payback, time_cost = next(figures)
            options.append(Option(name, description, cohort, cost, npv, cash, annual, payback, time_cost))
        offered = [o for k, o in enumerate(options) if k == 0 or not _length_dominated(options, k)]
        out.append(TeamOptions(i, team.name, (Option(SKIP, "not funded", None, 0.0, 0.0, 0.0, 0.0, None),
                                              *offered)))
    return tuple(out)


def _length_dominated(options: Sequence[Option], k: int) -> bool:
    """Option ``k`` is another engagement length of an option that costs no more cash and is worth no less on
    every objective (NPV, cash NPV, hours), so no budget and no objective needs it; of identical ones the first
    listed stays. The plan itself (option 0 here) is never left out: it is the point the page compares against.

    >>> from calculator.scenario import Cohort
    >>> six, eight = Cohort(engagement_weeks=6), Cohort(engagement_weeks=8)
    >>> plan = Option("as planned", "", six, 100.0, 50.0, -10.0, 500.0, 3.0)
    >>> longer = Option("coaching 8 weeks", "", eight, 130.0, 40.0, -20.0, 500.0, 4.0)
    >>> _length_dominated([plan, longer], 1)
    True
    >>> holds = dataclasses.replace(longer, npv=55.0)   # worth more NPV (the benefit decays after the engagement)
    >>> _length_dominated([plan, holds], 1)
    False
    """
    def shape(o: Option) -> Cohort | None:
        return None if o.cohort is None else dataclasses.replace(o.cohort, engagement_weeks=1, actuals=None)

    mine = options[k]
    for j, other in enumerate(options):
        if j == k or shape(other) != shape(mine):
            continue
        no_worse = (other.cost <= mine.cost and other.npv >= mine.npv and other.cash_npv >= mine.cash_npv
                    and other.annual_hours >= mine.annual_hours)
        strictly = (other.cost < mine.cost or other.npv > mine.npv or other.cash_npv > mine.cash_npv
                    or other.annual_hours > mine.annual_hours)
        if no_worse and (strictly or j < k):
            return True
    return False


# --------------------------------------------------------------------------- the exact solver
def solve(costs: Sequence[Sequence[float]], values: Sequence[Sequence[float]], capacity: float,
          force_in: Iterable[int] = (), force_out: Iterable[int] = ()) -> list[int]:
    """:func:`solve_within` with no time limit: the proven optimum (see there).

    >>> solve([[10e3, 25e3], [20e3]], [[5, 9], [8]], 30e3)
    [1, 1]
    """
    return solve_within(costs, values, capacity, force_in, force_out).choice


@dataclass(frozen=True)
class Solution:
    """A selection (per team, 0 for skip or ``k + 1`` for option ``k``) and its proven gap to the best (0: optimal)."""

    choice: list[int]
    gap: float = 0.0


def gap_share(value: float, bound: float) -> float:
    """How far ``value`` may be below the best, as a share of the best, given a proven ``bound`` on the best.

    $96,822 found, the best proven at most $97,305: (97,305 - 96,822) / 97,305 = 0.50%.

    >>> round(gap_share(96_822, 97_305), 4), gap_share(5.0, 5.0), gap_share(0.0, 0.0)
    (0.005, 0.0, 0.0)
    """
    if not math.isfinite(bound):
        return math.inf
    return max(0.0, bound - value) / max(abs(bound), 1e-12) if bound > value else 0.0


def solve_within(costs: Sequence[Sequence[float]], values: Sequence[Sequence[float]], capacity: float,
                 force_in: Iterable[int] = (), force_out: Iterable[int] = (),
                 time_limit: float | None = None) -> Solution:
    """Pick at most one option per team to maximise the total value with total cost <= ``capacity``.

    A multiple-choice knapsack solved exactly by HiGHS (:func:`scipy.optimize.milp`, relative gap 0).

    Parameters
    ----------
    costs, values : per team, one number per option (not counting "skip", which costs and is worth 0)
    capacity : the cash available for teams (met to within :data:`BUDGET_TOLERANCE`, a millionth of a unit)
    force_in : teams that must get one of their options
    force_out : teams that must be skipped
    time_limit : seconds the solver may take in all (None: until it proves the optimum). Past it, the best
        selection found so far, with its proven gap; when the solver found none, a greedy selection (forced
        teams at their cheapest, then the best value per dollar that fits) with the gap to the sum of each
        team's best value.

    Returns
    -------
    Solution
        ``choice``: per team, 0 for skip or ``k + 1`` for option ``k``; ``gap``: 0 when proven optimal.

    Raises
    ------
    InfeasibleBudget
        When the capacity is negative or cannot pay for the teams forced in.

    Examples
    --------
    Two teams, $30K: A's options cost 10K/25K for 5/9, B's 20K for 8; best is A's 10K and B's (13 > 9).

    >>> solve_within([[10e3, 25e3], [20e3]], [[5, 9], [8]], 30e3)
    Solution(choice=[1, 1], gap=0.0)
    >>> solve_within([[10e3, 25e3], [20e3]], [[5, 9], [8]], 30e3, force_out=[1]).choice
    [2, 0]
    """
    import time

    from scipy.optimize import Bounds, LinearConstraint, milp

    force_in, force_out = set(force_in), set(force_out)
    if capacity < 0:
        raise InfeasibleBudget("the budget is below the fixed costs")
    n_teams = len(costs)
    # One binary per option a team may take. An option worth nothing (or less) is never needed unless
    # the team is forced in: skipping is as good and costs nothing, which also keeps ties to the cheaper.
    columns = [(t, k) for t in range(n_teams) if t not in force_out for k in range(len(costs[t]))
               if (t in force_in or values[t][k] > 0) and not _dominated(costs[t], values[t], k)]
    choice = [0] * n_teams
    if not columns:
        if force_in - force_out:
            raise InfeasibleBudget("a team forced in has no option")
        return Solution(choice)
    cost = np.array([costs[t][k] for t, k in columns], dtype=float)
    value = np.array([values[t][k] for t, k in columns], dtype=float)
    teams = sorted({t for t, _ in columns})
    row_of = {t: r for r, t in enumerate(teams)}
    a = np.zeros((len(teams) + 1, len(columns)))
    for j, (t, _) in enumerate(columns):
        a[row_of[t], j] = 1.0
    a[-1] = cost
    lower = np.array([1.0 if t in force_in else 0.0 for t in teams] + [-np.inf])
    missing = (force_in - force_out) - set(teams)
    if missing:
        raise InfeasibleBudget("a team forced in has no option")
    # HiGHS's feasibility and integrality tolerances (about 1e-6 of a variable) let it accept a selection a hair
    # over the capacity; tighten past that slack until the selection's own sum truly fits.
    limit = float(capacity)
    slack = 1e-6 * float(np.abs(cost).sum())
    deadline = None if time_limit is None else time.monotonic() + max(0.0, float(time_limit))
    gap = 0.0
    for _ in range(5):
        upper = np.array([1.0] * len(teams) + [limit])
        options: dict = {"mip_rel_gap": 0.0, "presolve": True}
        if deadline is not None:
            options["time_limit"] = max(1e-3, deadline - time.monotonic())
        result = milp(-value, integrality=np.ones(len(columns)), bounds=Bounds(0, 1),
                      constraints=LinearConstraint(a, lower, upper), options=options)
        if result.status == 1 and result.x is None:  # the time limit came before any selection
            return _greedy(columns, cost, value, capacity, force_in - force_out, n_teams)
        if result.status == 2 or result.x is None:
            raise InfeasibleBudget("the budget cannot pay for the teams forced in")
        if result.status not in (0, 1):
            raise RuntimeError(f"the MILP solver stopped without an optimum: {result.message}")
        taken = np.flatnonzero(result.x > 0.5)
        spent = math.fsum(cost[taken])
        if result.status == 1:  # stopped by the time limit: the best found, and how far the best may be
            gap = gap_share(math.fsum(value[taken]), -float(result.mip_dual_bound))
        if spent <= capacity + BUDGET_TOLERANCE:
            break
        limit -= (spent - capacity) + slack
    else:
        raise RuntimeError("the MILP solver's selection kept exceeding the budget")
    for column in taken.tolist():
        team, option = columns[column]
        choice[team] = option + 1
    return Solution(choice, gap)


def _greedy(columns: list[tuple[int, int]], cost: np.ndarray, value: np.ndarray, capacity: float,
            force_in: set[int], n_teams: int) -> Solution:
    """A selection within ``capacity`` when the solver had no time to find one: each team forced in at its
    cheapest option, then the options with the most value per dollar that still fit, one per team. Its gap is
    to the sum of every team's best value, a bound no selection can pass."""
    choice = [0] * n_teams
    spent = 0.0
    for t in sorted(force_in):
        j = min((j for j, (team, _) in enumerate(columns) if team == t), key=lambda j: cost[j])
        choice[t], spent = columns[j][1] + 1, spent + float(cost[j])
    if spent > capacity + BUDGET_TOLERANCE:
        raise InfeasibleBudget("the budget cannot pay for the teams forced in")
    order = sorted(range(len(columns)), key=lambda j: -value[j] / max(float(cost[j]), 1e-9))
    for j in order:
        team, option = columns[j]
        if not choice[team] and value[j] > 0 and spent + cost[j] <= capacity + BUDGET_TOLERANCE:
            choice[team], spent = option + 1, spent + float(cost[j])
    got = math.fsum(float(value[j]) for j, (t, k) in enumerate(columns) if choice[t] == k + 1)
    best: dict[int, float] = {}
    for j, (t, _) in enumerate(columns):
        best[t] = max(best.get(t, 0.0), float(value[j]))
    return Solution(choice, gap_share(got, math.fsum(best.values())))


def _dominated(costs: Sequence[float], values: Sequence[float], k: int) -> bool:
    """Another option of the same team costs no more and is worth no less, and is strictly better in one.

    An optimum never needs a dominated option (swapping in the better one keeps it within budget and
    loses nothing), so leaving them out keeps the program exact and makes it smaller.

    >>> _dominated([10, 12, 10], [5, 5, 5], 1), _dominated([10, 12, 10], [5, 5, 5], 0)
    (True, False)
    """
    return any(costs[j] <= costs[k] and values[j] >= values[k] and (costs[j] < costs[k] or values[j] > values[k])
               for j in range(len(costs)) if j != k)


def brute_force(costs, values, capacity, force_in=(), force_out=()) -> tuple[float, list[int]]:
    """The optimum by trying every combination (for tests on small instances): (value, choice)."""
    force_in, force_out = set(force_in), set(force_out)
    best: tuple[float, list[int]] | None = None
    ranges = [[0] if t in force_out else (range(1, len(c) + 1) if t in force_in else range(len(c) + 1))
              for t, c in enumerate(costs)]
    for combo in itertools.product(*ranges):
        spent = math.fsum(costs[t][k - 1] for t, k in enumerate(combo) if k)
        if spent > capacity + BUDGET_TOLERANCE:
            continue
        total = math.fsum(values[t][k - 1] for t, k in enumerate(combo) if k)
        if best is None or total > best[0]:
            best = (total, list(combo))
    if best is None:
        raise InfeasibleBudget("no combination fits")
    return best


# --------------------------------------------------------------------------- plans
def _check(objective: str, budget: float) -> None:
    if objective not in OBJECTIVES:
        raise ValueError(f"objective: must be one of {', '.join(OBJECTIVES)}, got {objective!r}")
    if isinstance(budget, bool) or not isinstance(budget, (int, float)) or not math.isfinite(budget) or budget < 0:
        raise ValueError(f"budget: must be a finite number >= 0, got {budget!r}")


def optimize(scenario: Scenario, budget: float, objective: str = "npv", force_in: Iterable[int] = (),
             force_out: Iterable[int] = (), teams: tuple[TeamOptions, ...] | None = None,
             fixed: Fixed | None = None, time_limit: float | None = CLI_TIME_LIMIT) -> Plan:
    """The best selection of options within a cash ``budget`` (fixed costs included).

    Parameters
    ----------
    scenario : Scenario
    budget : float
        The decision's cash budget: fees, AI seats and other program costs, cost risk included; the fixed part's
        cash (literacy unless baseline, other program costs) comes off it first. Participants' time is not paid
        from it (it is in the NPV), nor are baseline items (committed regardless).
    objective : {"npv", "cash_npv", "hours"}
    force_in, force_out : team indices that must be funded (any option) or skipped
    teams, fixed : the scenario's options and fixed part, when already computed
    time_limit : seconds the solver may take (None: no limit); past it the plan is the best found, with its gap

    Examples
    --------
    >>> from calculator import load_preset
    >>> plan = optimize(load_preset("seed-200-person-org"), 250_000)
    >>> plan.total_cost <= 250_000, len(plan.selected)
    (True, 7)
    """
    _check(objective, budget)
    teams = team_options(scenario) if teams is None else teams
    fixed = fixed_part(scenario) if fixed is None else fixed
    force_in, force_out = set(force_in), set(force_out)
    both = force_in & force_out
    if both:
        raise ValueError(f"force: team {min(both)} cannot be both forced in and forced out")
    for i in force_in | force_out:
        if not 0 <= i < len(teams):
            raise ValueError(f"force: there is no team {i} (the scenario has {len(teams)})")
    capacity = budget - fixed.cost
    if -BUDGET_TOLERANCE <= capacity < 0:  # float noise in the fixed costs' sum (29,480.000000000004), not money
        capacity = 0.0
    if capacity < 0:
        raise InfeasibleBudget(f"budget: {money(budget, scenario.currency, exact=True)} is below the fixed costs "
                               f"({money(fixed.cost, scenario.currency, exact=True)} of cash for literacy and other "
                               f"program costs, which come off the budget first); no selection fits")
    costs = [[o.cost for o in t.options[1:]] for t in teams]
    values = [[o.value(objective) for o in t.options[1:]] for t in teams]
    try:
        found = solve_within(costs, values, capacity, force_in, force_out, time_limit)
    except InfeasibleBudget:
        need = fixed.cost + math.fsum(min(costs[i]) for i in force_in)
        raise InfeasibleBudget(f"budget: {money(budget, scenario.currency, exact=True)} cannot pay for the fixed "
                               f"costs and the teams forced in; the least that does is "
                               f"{money(need, scenario.currency, exact=True)}") from None
    return Plan(float(budget), objective, fixed, teams, tuple(found.choice), found.gap)


def planned_choice(teams: Sequence[TeamOptions]) -> tuple[int, ...]:
    """The scenario as entered, as a choice: every team "as planned" (option 1)."""
    return tuple(1 for _ in teams)


def planned(teams: Sequence[TeamOptions], fixed: Fixed, objective: str) -> Plan:
    """The plan as entered (every team as planned), as a plan; its ``budget`` is its own cost."""
    draft = Plan(0.0, objective, fixed, tuple(teams), planned_choice(teams))
    return dataclasses.replace(draft, budget=draft.total_cost)


def best_spend(teams: Sequence[TeamOptions], objective: str) -> float:
    """What funding every team's best option costs (a team whose options are all worth nothing: $0)."""
    total = 0.0
    for t in teams:
        best = max(t.options, key=lambda o: (o.value(objective), -o.cost))
        total += best.cost
    return total


def frontier(scenario: Scenario, objective: str = "npv", points: int = FRONTIER_POINTS,
             force_in: Iterable[int] = (), force_out: Iterable[int] = (),
             teams: tuple[TeamOptions, ...] | None = None, fixed: Fixed | None = None,
             up_to: float | None = None, time_limit: float | None = CLI_TIME_LIMIT) -> list[Plan]:
    """The efficient frontier: the optimal plan at ``points`` budgets, evenly spaced.

    From the fixed costs alone (nothing for teams; more if teams are forced in) to the fixed costs plus
    the cost of every team's best option (or ``up_to``, when larger). ``up_to`` (the plan as entered's cost)
    is always one of the budgets, so the plan is marked against the optimum at its own cost, never against
    the value of a lower budget the step line carries forward.

    >>> from calculator import load_preset
    >>> plans = frontier(load_preset("seed-200-person-org"), points=5)
    >>> [p.objective_value for p in plans] == sorted(p.objective_value for p in plans)
    True
    """
    teams = team_options(scenario) if teams is None else teams
    fixed = fixed_part(scenario) if fixed is None else fixed
    force_in = set(force_in)
    least = fixed.cost + math.fsum(min(o.cost for o in t.options[1:]) for t in teams if t.index in force_in)
    most = max(least, fixed.cost + best_spend(teams, objective), up_to or 0.0)
    budgets = np.linspace(least, most, max(points, 2))
    if up_to is not None and least < up_to < most and not np.any(budgets == up_to):
        budgets = np.insert(budgets, int(np.searchsorted(budgets, up_to)), up_to)
    # From the top down: an optimum at budget B that costs C is also the optimum at every budget in [C, B]
    # (it fits there, and the optimum never rises as the budget falls), so only a new step needs a solve.
    plans: list[Plan] = []
    above: Plan | None = None
    for b in budgets[::-1]:
        if above is not None and above.total_cost <= b + BUDGET_TOLERANCE:
            plan = dataclasses.replace(above, budget=float(b))
        else:
            plan = optimize(scenario, float(b), objective, force_in, force_out, teams, fixed, time_limit)
        plans.append(plan)
        above = plan
    return plans[::-1]


# --------------------------------------------------------------------------- words
def value_text(value: float, objective: str, currency: str = "USD", exact: bool = False) -> str:
    """An objective value as read aloud: money for NPVs (compact, as the Pitch reads money; exact
    figures are in the selection table), hours (capacity, never cash) for hours.

    >>> value_text(12_345.6, "npv"), value_text(1560, "hours")
    ('$12.3K of NPV', '1,560 h a year of capacity')
    """
    if objective == "hours":
        return f"{hours(value)} a year of capacity"
    return f"{money(value, currency, exact=exact)} of {OBJECTIVES[objective]}"


def gap_text(gap: float) -> str:
    """How close a selection is proven to be to the best, rounded up so the claim stays true.

    >>> gap_text(0.0), gap_text(0.00372), gap_text(float("inf"))
    ('the best', 'within 0.4% of the best', 'the best found in the time allowed (how far from the best is not known)')
    """
    if gap <= 0.0:
        return "the best"
    if not math.isfinite(gap):
        return "the best found in the time allowed (how far from the best is not known)"
    return f"within {math.ceil(round(gap * 1000, 6)) / 10:g}% of the best"


def value_figure(value: float, objective: str, currency: str = "USD") -> str:
    """An objective value as a headline card's figure: money as the Pitch's cards read it, or hours a year.

    >>> value_figure(12_345.6, "npv"), value_figure(1560, "hours")
    ('$12.3K', '1,560 h a year')
    """
    return f"{hours(value)} a year" if objective == "hours" else money(value, currency)


def changes(before: Plan, after: Plan) -> list[str]:
    """What differs between two plans, team by team ("Sales: skip -> coaching 6 weeks")."""
    out = []
    for t, a, b in zip(before.teams, before.choice, after.choice):
        if a != b:
            out.append(f"{t.team}: {t.options[a].option} -> {t.options[b].option}")
    return out


def marginal_sentence(plan: Plan, scenario: Scenario, step: float = MARGINAL_STEP,
                      force_in: Iterable[int] = (), force_out: Iterable[int] = (),
                      time_limit: float | None = CLI_TIME_LIMIT) -> str:
    """What the next ``step`` (default $10,000) of budget would buy, in words.

    >>> from calculator import load_preset
    >>> s = load_preset("seed-200-person-org")
    >>> marginal_sentence(optimize(s, 200_000), s)[:49]
    'The next $10.0K (a budget of $210.0K) would buy n'
    """
    cur = scenario.currency
    more = optimize(scenario, plan.budget + step, plan.objective, force_in, force_out, plan.teams, plan.fixed,
                    time_limit)
    gain = more.objective_value - plan.objective_value
    head = (f"The next {money(step, cur)} (a budget of {money(plan.budget + step, cur)}) "
            f"would")
    if gain <= 1e-9 * max(1.0, abs(plan.objective_value)):
        if plan.choice == more.choice and all(
                k == max(range(len(t.options)), key=lambda j: (t.options[j].value(plan.objective),
                                                               -t.options[j].cost))
                for t, k in zip(plan.teams, plan.choice)):
            unfunded = plan.choice.count(0)
            why = "" if not unfunded else (
                f" (for {count(unfunded, 'team')} that is not funding "
                f"{'it' if unfunded == 1 else 'them'}: no option adds {OBJECTIVES[plan.objective]})")
            return f"{head} buy nothing more: every team already has its best option{why}."
        return (f"{head} buy nothing more: no better option fits in {money(step, cur)} more. "
                f"Look further along the frontier.")
    moves = changes(plan, more)
    return (f"{head} add {value_text(gain, plan.objective, cur)} "
            f"({value_text(gain / step * 1000, plan.objective, cur)} per {money(1000, cur)}): "
            + "; ".join(moves) + ".")


def plan_budget(cost: float) -> float:
    """The budget that buys the plan as entered: its cost rounded up to the whole dollar (or unit of currency).

    The Budget planner opens at it, and the sentence about the plan weighs "the best use of the same budget"
    at it, so the page's "Left unspent" and the sentence's are one plan's figure. Up, so the plan still fits;
    whole, because a budget is stated in dollars (the walk found "$85,496.81" on the slider: nobody budgets
    cents). At most a dollar is left unspent by it, which shows as $0 or $1.

    >>> plan_budget(1_030_848.2546153849), plan_budget(171_500.0), plan_budget(41_148.04)
    (1030849.0, 171500.0, 41149.0)
    """
    return float(math.ceil(round(cost, 6)))


def plan_sentence(scenario: Scenario, teams: Sequence[TeamOptions], fixed: Fixed, objective: str,
                  time_limit: float | None = CLI_TIME_LIMIT) -> str:
    """Where the plan as entered sits against the frontier: on it, or below it, by how much.

    >>> from calculator import load_preset
    >>> s = load_preset("seed-200-person-org")
    >>> plan_sentence(s, team_options(s), fixed_part(s), "npv")[:27]
    'The plan as entered costs $'
    """
    cur = scenario.currency
    as_entered = planned(teams, fixed, objective)
    cost = as_entered.total_cost
    best = optimize(scenario, plan_budget(cost), objective, teams=tuple(teams), fixed=fixed, time_limit=time_limit)
    head = (f"The plan as entered costs {money(cost, cur)} and returns "
            f"{value_text(as_entered.objective_value, objective, cur)} from its teams")
    if fixed.cost > 0.5:
        # The bridge to the Pitch (walk D7: "+$8.0K from its teams" here, Decision NPV -$2.6K there).
        head += (f" ({money(as_entered.program_npv, cur)} of NPV once its {money(fixed.cost, cur)} of fixed costs "
                 "are counted: the Pitch's Decision NPV)")
    gap = best.objective_value - as_entered.objective_value
    if gap <= 1e-6 * max(1.0, abs(best.objective_value)):
        return head + ": it sits on the frontier (no other choice of options does better for that money)."
    saving = best.unspent  # the page's "Left unspent" at its opening budget: the same optimize call
    tail = f"; the best use of the same budget returns {value_text(best.objective_value, objective, cur)}"
    if saving > 0.5:
        tail += f" and leaves {money(saving, cur)} unspent"
    return head + tail + ": the plan sits below the frontier."


# --------------------------------------------------------------------------- the selection as a scenario
def apply_plan(scenario: Scenario, plan: Plan) -> Scenario:
    """The scenario with the plan's selection as its teams: skipped teams removed, others as chosen.

    Ranges follow their teams: a ``cohorts[i]`` range moves with its team, a ``cohorts[*]`` range stays
    when every team still fits it and is otherwise kept per team where it fits; a range a changed team
    no longer fits (a coaching price range on a workshop) is dropped rather than made invalid.

    >>> from calculator import evaluate, load_preset
    >>> s = load_preset("seed-200-person-org")
    >>> plan = optimize(s, 250_000)
    >>> round(evaluate(apply_plan(s, plan)).total_cost, 6) == round(plan.total_cost, 6)
    True
    """
    kept: list[tuple[int, Cohort]] = [(t.index, o.cohort) for t, o in zip(plan.teams, plan.selected)
                                      if o.cohort is not None]
    cohorts = tuple(c for _, c in kept)
    new_index = {old: new for new, (old, _) in enumerate(kept)}
    draft = dataclasses.replace(scenario, cohorts=cohorts, ranges=())
    ranges = []
    for path, low, high in scenario.ranges:
        p = parse_path(path)
        if p.section != "cohorts":
            ranges.append((path, low, high))
            continue
        targets = range(len(cohorts)) if p.every_cohort else (
            [new_index[p.index]] if p.index in new_index else [])
        fitting = [j for j in targets
                   if low <= parameter_values(draft, ParameterPath("cohorts", p.field, j))[0] <= high]
        if p.every_cohort and len(fitting) == len(cohorts):
            ranges.append((path, low, high))
        else:
            ranges += [(str(ParameterPath("cohorts", p.field, j)), low, high) for j in fitting]
    # Through the file format: the result is validated exactly like a file the user loads.
    data = to_dict(dataclasses.replace(draft, ranges=tuple(dict.fromkeys(ranges))))
    return from_dict(data)


def plan_dict(plan: Plan, scenario: Scenario, frontier_plans: Sequence[Plan] | None = None) -> dict:
    """The command line's JSON object (see ``docs/MODEL.md``, "Budget planner")."""
    out = {
        "budget": plan.budget,
        "objective": plan.objective,
        "fixed_cost": plan.fixed.cost,
        "options": [{"team": t.team, "options": [{"option": o.option, "cost": o.cost,
                                                  "value": o.value(plan.objective)} for o in t.options]}
                    for t in plan.teams],
        "selection": [{"team": t.team, "option": o.option, "cost": o.cost, "value": o.value(plan.objective)}
                      for t, o in zip(plan.teams, plan.selected)],
        "total_cost": plan.total_cost,
        "objective_value": plan.objective_value,
        "program_npv": plan.program_npv,
        "gap": plan.gap if math.isfinite(plan.gap) else None,  # proven share below the best; 0 when optimal
        "optimal": plan.optimal,
        "scenario": to_dict(apply_plan(scenario, plan)),
    }
    if frontier_plans is not None:
        out["frontier"] = [{"budget": p.budget, "objective_value": p.objective_value} for p in frontier_plans]
    return out


# --------------------------------------------------------------------------- everything one view shows
@dataclass(frozen=True)
class BudgetSettings:
    """What the user set on the Budget planner page; the brief and the deck add the plan when one is set."""

    budget: float
    objective: str = "npv"
    force_in: tuple[int, ...] = ()
    force_out: tuple[int, ...] = ()

    def view(self, scenario: Scenario) -> BudgetView:
        return budget_view(scenario, self.budget, self.objective, self.force_in, self.force_out)


@dataclass(frozen=True)
class BudgetView:
    """The planner at one budget: the optimal plan, the frontier, the plan as entered and the words."""

    plan: Plan
    frontier: tuple[Plan, ...]   # the frontier's budgets, the chosen one and the plan's cost among them
    planned_cost: float          # the plan as entered: fixed costs plus every team as planned, in cash
    planned_value: float         # its teams' objective value
    marginal: str
    placement: str

    def selection_rows(self, currency: str = "USD") -> list[dict]:
        """Per team: team, option chosen, cash cost, participants' time, NPV, payback (and the objective's value),
        as numbers."""
        return [{"team": t.team, "option": o.option, "description": o.description, "cost": o.cost,
                 "time_cost": o.time_cost, "npv": o.npv,
                 "cash_npv": o.cash_npv, "annual_hours": o.annual_hours, "payback_months": o.payback_months,
                 "value": o.value(self.plan.objective)}
                for t, o in zip(self.plan.teams, self.plan.selected)]


def with_budget(frontier_plans: Sequence[Plan], plan: Plan) -> tuple[Plan, ...]:
    """The frontier with the optimum at ``plan``'s budget among its points, in budget order.

    The line steps between computed budgets, carrying each one's optimum forward: between two of them it reads
    the lower budget's value, a floor, so the exact optimum at a budget off the grid (the one the user chose)
    would sit above the line. Solved at its own budget, it is a point of the line.

    >>> from calculator import load_preset
    >>> s = load_preset("starter-300-person-pilots")
    >>> plans = frontier(s, points=5)
    >>> chosen = optimize(s, (plans[1].budget + plans[2].budget) / 2)
    >>> [p.budget for p in with_budget(plans, chosen)].index(chosen.budget), len(with_budget(plans, chosen))
    (2, 6)
    """
    if any(p.budget == plan.budget for p in frontier_plans):
        return tuple(frontier_plans)
    return tuple(sorted([*frontier_plans, plan], key=lambda p: p.budget))


def budget_view(scenario: Scenario, budget: float, objective: str = "npv", force_in: Iterable[int] = (),
                force_out: Iterable[int] = (), teams: tuple[TeamOptions, ...] | None = None,
                fixed: Fixed | None = None, frontier_plans: Sequence[Plan] | None = None,
                placement: str | None = None, time_limit: float | None = CLI_TIME_LIMIT) -> BudgetView:
    """Everything the Budget planner page, the brief and the deck show for one budget.

    Parameters
    ----------
    scenario, budget, objective, force_in, force_out : as for :func:`optimize`
    teams, fixed, frontier_plans, placement : already computed parts (the page caches them: they do not
        depend on the budget), computed here otherwise
    time_limit : seconds each of its solves may take (:func:`optimize`)

    Examples
    --------
    >>> from calculator import load_preset
    >>> view = budget_view(load_preset("seed-200-person-org"), 250_000)
    >>> len(view.frontier), view.plan.total_cost <= 250_000   # 30 budgets and the chosen one
    (31, True)
    """
    teams = team_options(scenario) if teams is None else teams
    fixed = fixed_part(scenario) if fixed is None else fixed
    force_in, force_out = tuple(sorted(set(force_in))), tuple(sorted(set(force_out)))
    plan = optimize(scenario, budget, objective, force_in, force_out, teams, fixed, time_limit)
    as_entered = planned(teams, fixed, objective)
    if frontier_plans is None:
        frontier_plans = frontier(scenario, objective, force_in=force_in, force_out=force_out, teams=teams,
                                  fixed=fixed, up_to=as_entered.total_cost, time_limit=time_limit)
    return BudgetView(plan, with_budget(frontier_plans, plan), as_entered.total_cost, as_entered.objective_value,
                      marginal_sentence(plan, scenario, force_in=force_in, force_out=force_out, time_limit=time_limit),
                      placement if placement is not None
                      else plan_sentence(scenario, teams, fixed, objective, time_limit))


def slider_bounds(frontier_plans: Sequence[Plan], planned_cost: float) -> tuple[float, float, float, float]:
    """(low, high, step, default) for a budget slider: 0 to twice the plan's cost (or the frontier's top, if
    higher) rounded up to a round step, defaulting to the plan's own cost (:func:`plan_budget`).

    Twice: "we have $100K" for a $66K plan is a question the slider must reach (the walk found it stopping at
    $67K, so the presenter had to type it while the CFO watched).

    The default is not rounded to the step: at the plan's cost the page's "Left unspent" and the sentence
    about the plan (the best use of the same budget) read one plan; rounded, they were two budgets apart.

    >>> slider_bounds([], 66_385.85)   # 2 x $66,385.85 = $132,771.70: step $1,000 under $250K, up to $133,000
    (0.0, 133000.0, 1000.0, 66386.0)
    >>> slider_bounds([], 1_030_848.2546)[1:]   # up to $2.07M in steps of $10,000; opens at the plan's cost
    (2070000.0, 10000.0, 1030849.0)

    Past $25M a power of ten that keeps the slider to at most 250 steps, however large the program:
    $40 billion / 250 = $160M, so steps of $1 billion (10^9, the next power of ten), 40 of them.

    >>> slider_bounds([], 4e10)   # up to $80 billion: $320M a step, so steps of $1 billion
    (0.0, 80000000000.0, 1000000000.0, 40000000000.0)
    """
    top = max([p.budget for p in frontier_plans] + [2 * planned_cost, 1.0])
    step = next(s for s in (100.0, 1_000.0, 5_000.0, 10_000.0, 50_000.0, 100_000.0) if top / s <= 250) \
        if top <= 250 * 100_000.0 else 10.0 ** math.ceil(math.log10(top / 250))
    high = math.ceil(top / step) * step
    return 0.0, float(high), step, float(min(high, plan_budget(planned_cost)))
