"""Methodology v1: weekly cost and benefit flows and the results (docs/MODEL.md).

One function does the arithmetic, :func:`evaluate_batch`: it takes a scenario
and optional per-draw overrides of its inputs (``{path: array of N values}``)
and evaluates all N draws at once on the weekly grid with numpy. :func:`evaluate`
is the single-scenario case of the same code, so a batch of N draws equals N
single evaluations by construction, and the analyses (tornado, break-even,
Monte Carlo) all share the arithmetic the headline numbers use.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from .formatting import round_half_up
from .scenario import Cohort, Literacy, ParameterPath, Scenario, parse_path  # noqa: F401 (doctests)

TIERS = (1, 2, 3)
# Cumulative sums within a millionth of a currency unit of zero are float noise, not a sign.
_ZERO_TOLERANCE = 1e-6


def horizon_weeks(scenario: Scenario) -> int:
    """``horizon_months * W / 12`` rounded to the nearest whole week, halves up.

    >>> from calculator.scenario import Finance
    >>> horizon_weeks(Scenario(finance=Finance(horizon_months=24)))  # 24 * 52 / 12 = 104
    104
    >>> horizon_weeks(Scenario(finance=Finance(horizon_months=1)))   # 4.33 -> 4
    4
    """
    months = scenario.finance.horizon_months
    weeks_per_year = scenario.organization.working_weeks_per_year
    # Integer arithmetic: floor(m * W / 12 + 1/2) = floor((2 m W + 12) / 24), no float ties.
    return (2 * months * weeks_per_year + 12) // 24


def month_of_week(week, weeks_per_year: int):
    """Week ``w`` belongs to month ``ceil(w * 12 / W)``.

    >>> month_of_week(np.array([4, 5, 13, 52]), 52).tolist()  # 4*12/52 = 0.92 -> 1; 5*12/52 = 1.15 -> 2
    [1, 2, 3, 12]
    """
    return -((-np.asarray(week) * 12) // weeks_per_year)


@dataclass
class BatchResult:
    """Results of N draws: every array's first axis is the draw.

    ``payback_months``, ``roi_pct`` and ``bcr`` hold NaN where MODEL.md says null.
    """

    horizon_weeks: int
    weeks_per_year: int
    total_cost: np.ndarray
    total_benefit: np.ndarray
    net_benefit: np.ndarray
    roi_pct: np.ndarray
    bcr: np.ndarray
    npv: np.ndarray
    payback_months: np.ndarray
    cost_by_tier: np.ndarray          # (N, 3)
    benefit_by_tier: np.ndarray       # (N, 3)
    people_by_tier: np.ndarray        # (N, 3)
    annual_hours_saved: np.ndarray
    annual_hours_by_tier: np.ndarray  # (N, 3)
    fte_returned: np.ndarray
    annual_value: np.ndarray
    hours_saved_in_horizon: np.ndarray
    weekly_cost: np.ndarray | None = None      # (N, H), only with keep_weekly
    weekly_benefit: np.ndarray | None = None
    weekly_hours: np.ndarray | None = None
    weekly_cost_by_tier: np.ndarray | None = None     # (N, 3, H)
    weekly_benefit_by_tier: np.ndarray | None = None  # (N, 3, H)

    @property
    def draws(self) -> int:
        return int(self.total_cost.shape[0])

    def cost_per_employee_by_tier(self) -> np.ndarray:
        """(N, 3) cost per person in each tier; NaN for a tier with nobody in it."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(self.people_by_tier > 0, self.cost_by_tier / self.people_by_tier, np.nan)


def _none_if_nan(x: float) -> float | None:
    return None if math.isnan(x) else float(x)


@dataclass(frozen=True)
class Result:
    """The results of one scenario, as MODEL.md names them."""

    scenario: Scenario
    horizon_weeks: int
    total_cost: float
    total_benefit: float
    net_benefit: float
    roi_pct: float | None
    bcr: float | None
    npv: float
    payback_months: float | None
    cost_by_tier: dict
    benefit_by_tier: dict
    people_by_tier: dict
    cost_per_employee_by_tier: dict
    annual_hours_saved: float
    annual_hours_by_tier: dict
    fte_returned: float
    annual_value: float
    hours_saved_in_horizon: float
    weekly_cost: np.ndarray = field(repr=False)
    weekly_benefit: np.ndarray = field(repr=False)
    weekly_hours: np.ndarray = field(repr=False)
    weekly_cost_by_tier: np.ndarray = field(repr=False)     # (3, H)
    weekly_benefit_by_tier: np.ndarray = field(repr=False)  # (3, H)

    @property
    def weeks(self) -> np.ndarray:
        return np.arange(1, self.horizon_weeks + 1)

    @property
    def months(self) -> np.ndarray:
        return month_of_week(self.weeks, self.scenario.organization.working_weeks_per_year)

    @property
    def cumulative_net(self) -> np.ndarray:
        return np.cumsum(self.weekly_benefit - self.weekly_cost)

    def weekly_rows(self) -> list[dict]:
        """The week-by-week table: week, month, cost, benefit, net, cumulative_net, hours_saved."""
        net = self.weekly_benefit - self.weekly_cost
        cumulative = self.cumulative_net
        return [
            {"week": int(w), "month": int(m), "cost": float(c), "benefit": float(b),
             "net": float(n), "cumulative_net": float(cn), "hours_saved": float(h)}
            for w, m, c, b, n, cn, h in zip(self.weeks, self.months, self.weekly_cost,
                                            self.weekly_benefit, net, cumulative, self.weekly_hours)
        ]

    def weekly_frame(self):
        """The weekly table as a pandas DataFrame (pandas imported only when asked)."""
        import pandas as pd

        return pd.DataFrame(self.weekly_rows())

    def to_dict(self, weekly: bool = False) -> dict:
        """The JSON object of the command line (MODEL.md "Results")."""
        out = {
            "scenario": self.scenario.name,
            "currency": self.scenario.currency,
            "horizon_weeks": self.horizon_weeks,
            "total_cost": self.total_cost,
            "total_benefit": self.total_benefit,
            "net_benefit": self.net_benefit,
            "roi_pct": self.roi_pct,
            "bcr": self.bcr,
            "npv": self.npv,
            "payback_months": self.payback_months,
            "cost_by_tier": self.cost_by_tier,
            "cost_per_employee_by_tier": self.cost_per_employee_by_tier,
            "benefit_by_tier": self.benefit_by_tier,
            "people_by_tier": self.people_by_tier,
            "annual_hours_saved": self.annual_hours_saved,
            "annual_hours_by_tier": self.annual_hours_by_tier,
            "fte_returned": self.fte_returned,
            "annual_value": self.annual_value,
            "hours_saved_in_horizon": self.hours_saved_in_horizon,
        }
        if weekly:
            out["weekly"] = self.weekly_rows()
        return out


def evaluate(scenario: Scenario) -> Result:
    """Evaluate one scenario: the weekly flows and every result of MODEL.md.

    >>> from calculator.scenario import Cohort, Finance
    >>> team = Cohort(team_size=10, price=200, engagement_weeks=6)   # 10 x $200 x 6 weeks
    >>> evaluate(Scenario(cohorts=(team,), literacy=Literacy(enabled=False))).total_cost
    12000.0
    """
    batch = evaluate_batch(scenario, keep_weekly=True)

    def tiers(row: np.ndarray) -> dict:
        return {str(t): _none_if_nan(float(v)) for t, v in zip(TIERS, row)}

    return Result(
        scenario=scenario,
        horizon_weeks=batch.horizon_weeks,
        total_cost=float(batch.total_cost[0]),
        total_benefit=float(batch.total_benefit[0]),
        net_benefit=float(batch.net_benefit[0]),
        roi_pct=_none_if_nan(batch.roi_pct[0]),
        bcr=_none_if_nan(batch.bcr[0]),
        npv=float(batch.npv[0]),
        payback_months=_none_if_nan(batch.payback_months[0]),
        cost_by_tier=tiers(batch.cost_by_tier[0]),
        benefit_by_tier=tiers(batch.benefit_by_tier[0]),
        people_by_tier={str(t): int(v) for t, v in zip(TIERS, batch.people_by_tier[0])},
        cost_per_employee_by_tier=tiers(batch.cost_per_employee_by_tier()[0]),
        annual_hours_saved=float(batch.annual_hours_saved[0]),
        annual_hours_by_tier=tiers(batch.annual_hours_by_tier[0]),
        fte_returned=float(batch.fte_returned[0]),
        annual_value=float(batch.annual_value[0]),
        hours_saved_in_horizon=float(batch.hours_saved_in_horizon[0]),
        weekly_cost=batch.weekly_cost[0],
        weekly_benefit=batch.weekly_benefit[0],
        weekly_hours=batch.weekly_hours[0],
        weekly_cost_by_tier=batch.weekly_cost_by_tier[0],
        weekly_benefit_by_tier=batch.weekly_benefit_by_tier[0],
    )


class _Flows:
    """Weekly cost and value, summed as they are added: totals per week and per tier, and the
    (N, 3, H) per-tier weeks only when asked (a 10,000-draw batch does not need them)."""

    def __init__(self, n: int, horizon: int, keep_by_tier: bool):
        self.cost = np.zeros((n, horizon))
        self.benefit = np.zeros((n, horizon))
        self.cost_by_tier = np.zeros((n, 3))
        self.benefit_by_tier = np.zeros((n, 3))
        self.weekly_cost_by_tier = np.zeros((n, 3, horizon)) if keep_by_tier else None
        self.weekly_benefit_by_tier = np.zeros((n, 3, horizon)) if keep_by_tier else None

    def add_cost(self, tier: int, flow: np.ndarray) -> None:
        flow = np.broadcast_to(flow, self.cost.shape)
        self.cost += flow
        self.cost_by_tier[:, tier - 1] += flow.sum(axis=1)
        if self.weekly_cost_by_tier is not None:
            self.weekly_cost_by_tier[:, tier - 1, :] += flow

    def add_benefit(self, tier: int, flow: np.ndarray) -> None:
        flow = np.broadcast_to(flow, self.benefit.shape)
        self.benefit += flow
        self.benefit_by_tier[:, tier - 1] += flow.sum(axis=1)
        if self.weekly_benefit_by_tier is not None:
            self.weekly_benefit_by_tier[:, tier - 1, :] += flow


class _Inputs:
    """Resolves each input to an (N, 1) column: the override's draws, or the scenario's value."""

    def __init__(self, scenario: Scenario, overrides: Mapping[str, np.ndarray] | None):
        self.scenario = scenario
        self.columns: dict[str, np.ndarray] = {}
        sizes = set()
        for key, values in (overrides or {}).items():
            path = parse_path(key) if isinstance(key, str) else key
            if path.section == "cohorts" and not path.every_cohort and path.index >= len(scenario.cohorts):
                raise ValueError(f"{path}: there is no cohort {path.index}")
            column = np.asarray(values, dtype=float).reshape(-1, 1)
            sizes.add(column.shape[0])
            self.columns[str(path)] = column
        if len(sizes) > 1:
            raise ValueError(f"overrides must all have the same number of draws, got {sorted(sizes)}")
        self.n = sizes.pop() if sizes else 1

    def section(self, section: str, name: str, base: float) -> np.ndarray:
        return self.columns.get(f"{section}.{name}", np.full((self.n, 1), float(base)))

    def cohort(self, index: int, name: str, base: float) -> np.ndarray:
        own = self.columns.get(str(ParameterPath("cohorts", name, index)))
        if own is None:
            own = self.columns.get(str(ParameterPath("cohorts", name, None, True)))
        return own if own is not None else np.full((self.n, 1), float(base))

    def cohort_int(self, index: int, name: str, base: int) -> np.ndarray:
        # Draws of whole-number inputs (team size, weeks) round half up, like with_parameter.
        return round_half_up(self.cohort(index, name, base))


def evaluate_batch(scenario: Scenario, overrides: Mapping[str, np.ndarray] | None = None,
                   keep_weekly: bool = False) -> BatchResult:
    """Evaluate N draws of a scenario's inputs at once.

    Parameters
    ----------
    scenario : Scenario
        The base scenario; inputs not overridden keep its values.
    overrides : mapping of parameter path to array of N values, optional
        For example ``{"cohorts[*].price": prices, "finance.productivity_recapture": r}``.
        A ``cohorts[i]`` path beats a ``cohorts[*]`` path for the same field.
    keep_weekly : bool
        Keep the (N, H) weekly flows (the single evaluation needs them; large batches do not).

    Examples
    --------
    >>> import numpy as np
    >>> from calculator.scenario import Cohort
    >>> s = Scenario(cohorts=(Cohort(team_size=10, price=200, engagement_weeks=6),),
    ...              literacy=Literacy(enabled=False))
    >>> evaluate_batch(s, {"cohorts[0].price": np.array([200, 500])}).total_cost.tolist()
    [12000.0, 30000.0]
    """
    org, fin, lit = scenario.organization, scenario.finance, scenario.literacy
    inputs = _Inputs(scenario, overrides)
    n = inputs.n
    weeks_per_year = org.working_weeks_per_year
    horizon = horizon_weeks(scenario)
    weeks = np.arange(1, horizon + 1, dtype=float)[None, :]  # (1, H)

    org_hourly = inputs.section("organization", "loaded_hourly_cost", org.loaded_hourly_cost)
    fte_hours = inputs.section("organization", "hours_per_fte_year", org.hours_per_fte_year)
    rate = inputs.section("finance", "annual_discount_rate", fin.annual_discount_rate)
    recapture = inputs.section("finance", "productivity_recapture", fin.productivity_recapture)
    risk = inputs.section("finance", "benefit_risk_adjustment", fin.benefit_risk_adjustment)
    decay = inputs.section("finance", "annual_benefit_decay", fin.annual_benefit_decay)
    value_per_hour_factor = recapture * (1.0 - risk)
    no_decay = not np.any(decay)

    flows = _Flows(n, horizon, keep_weekly)
    hours = np.zeros((n, horizon))
    people_tier = np.zeros((n, 3))
    annual_hours_tier = np.zeros((n, 3))
    annual_value = np.zeros((n, 1))

    def add_benefit(tier: int, people, hours_per_person, start, ramp_weeks, hourly):
        """Ramp over ``ramp_weeks`` from ``start``, then retention decay after the ramp's end."""
        nonlocal hours, annual_value
        ramp = np.clip((weeks - start + 1.0) / ramp_weeks, 0.0, 1.0)
        end = start + ramp_weeks - 1.0
        # max(0, .) keeps 0 ** negative (decay 100%, weeks before the end) from warning; where() picks 1 there.
        if no_decay:  # the common case: skip a power over the whole draws x weeks grid
            saved = people * hours_per_person * ramp
        else:
            retention = np.where(weeks <= end, 1.0,
                                 (1.0 - decay) ** (np.maximum(weeks - end, 0.0) / weeks_per_year))
            saved = people * hours_per_person * ramp * retention
        hours += saved
        flows.add_benefit(tier, saved * hourly * value_per_hour_factor)
        # Steady state (no ramp, no decay), only for streams that start within the horizon.
        within = start <= horizon
        annual = np.where(within, people * hours_per_person * weeks_per_year, 0.0)
        annual_hours_tier[:, tier - 1] += annual[:, 0]
        annual_value += annual * hourly * value_per_hour_factor

    if lit.enabled:
        learners = round_half_up(inputs.section("literacy", "learners", scenario.learners))
        start = round_half_up(inputs.section("literacy", "start_week", lit.start_week))
        access_months = inputs.section("literacy", "access_months", lit.access_months)
        completion = inputs.section("literacy", "completion_rate", lit.completion_rate)
        # Licence weeks: ceil(access_months * W / 12); the epsilon keeps 13.0000000001 at 13.
        access_weeks = np.ceil(access_months * weeks_per_year / 12.0 - 1e-9)
        active = (weeks >= start) & (weeks < start + access_weeks)
        if not lit.already_licensed:
            seat = inputs.section("literacy", "seat_price_per_month", lit.seat_price_per_month)
            flows.add_cost(1, active * (learners * seat * access_months / access_weeks))
        if fin.include_participant_time:
            train = inputs.section("literacy", "training_hours_per_learner", lit.training_hours_per_learner)
            flows.add_cost(1, active * (learners * completion * train * org_hourly / access_weeks))
        people_tier[:, 0] += np.where(start <= horizon, learners, 0.0)[:, 0]
        adoption = inputs.section("literacy", "adoption_rate", lit.adoption_rate)
        saved = inputs.section("literacy", "hours_saved_per_person_per_week", lit.hours_saved_per_person_per_week)
        add_benefit(1, learners * completion * adoption, saved, start, access_weeks, org_hourly)

    for i, cohort in enumerate(scenario.cohorts):
        _add_cohort(i, cohort, scenario, inputs, weeks, weeks_per_year, horizon, org_hourly,
                    flows, people_tier, add_benefit)

    weekly_cost, weekly_benefit = flows.cost, flows.benefit
    total_cost = weekly_cost.sum(axis=1)
    total_benefit = weekly_benefit.sum(axis=1)
    net = total_benefit - total_cost
    with np.errstate(divide="ignore", invalid="ignore"):
        # A cost within a millionth of a currency unit of zero is nothing spent: no ratio to report.
        spent = total_cost > _ZERO_TOLERANCE
        roi = np.where(spent, net / total_cost * 100.0, np.nan)
        bcr = np.where(spent, total_benefit / total_cost, np.nan)
    discount = (1.0 + rate) ** (-weeks / weeks_per_year)
    npv = ((weekly_benefit - weekly_cost) * discount).sum(axis=1)
    annual_hours = annual_hours_tier.sum(axis=1)

    return BatchResult(
        horizon_weeks=horizon,
        weeks_per_year=weeks_per_year,
        total_cost=total_cost,
        total_benefit=total_benefit,
        net_benefit=net,
        roi_pct=roi,
        bcr=bcr,
        npv=npv,
        payback_months=payback_months(weekly_benefit - weekly_cost, weeks_per_year),
        cost_by_tier=flows.cost_by_tier,
        benefit_by_tier=flows.benefit_by_tier,
        people_by_tier=people_tier,
        annual_hours_saved=annual_hours,
        annual_hours_by_tier=annual_hours_tier,
        fte_returned=annual_hours / fte_hours[:, 0],
        annual_value=annual_value[:, 0],
        hours_saved_in_horizon=hours.sum(axis=1),
        weekly_cost=weekly_cost if keep_weekly else None,
        weekly_benefit=weekly_benefit if keep_weekly else None,
        weekly_hours=hours if keep_weekly else None,
        weekly_cost_by_tier=flows.weekly_cost_by_tier,
        weekly_benefit_by_tier=flows.weekly_benefit_by_tier,
    )


def _add_cohort(i: int, cohort: Cohort, scenario: Scenario, inputs: _Inputs, weeks, weeks_per_year,
                horizon, org_hourly, flows: _Flows, people_tier, add_benefit) -> None:
    """Add one Tier 2 / Tier 3 team's cost (by price unit) and its benefit stream."""
    team = inputs.cohort_int(i, "team_size", cohort.team_size)
    start = inputs.cohort_int(i, "start_week", cohort.start_week)
    length = inputs.cohort_int(i, "engagement_weeks", cohort.engagement_weeks)
    price = inputs.cohort(i, "price", cohort.price)
    if cohort.loaded_hourly_cost is None:
        hourly = inputs.cohort(i, "loaded_hourly_cost", np.nan)
        hourly = np.where(np.isnan(hourly), org_hourly, hourly)
    else:
        hourly = inputs.cohort(i, "loaded_hourly_cost", cohort.loaded_hourly_cost)
    active = (weeks >= start) & (weeks <= start + length - 1.0)
    unit = cohort.price_unit
    if unit == "per_employee_per_week":
        flows.add_cost(cohort.tier, active * (team * price))
    elif unit == "per_employee_per_month":
        flows.add_cost(cohort.tier, active * (team * price * 12.0 / weeks_per_year))
    elif unit == "per_employee":
        flows.add_cost(cohort.tier, (weeks == start) * (team * price))
    else:  # fixed fee, spread evenly over the engagement
        flows.add_cost(cohort.tier, active * (price / length))
    if scenario.finance.include_participant_time:
        attend = inputs.cohort(i, "participant_hours_per_week", cohort.participant_hours_per_week)
        flows.add_cost(cohort.tier, active * (team * attend * hourly))
    people_tier[:, cohort.tier - 1] += np.where(start <= horizon, team, 0.0)[:, 0]
    adoption = inputs.cohort(i, "adoption_rate", cohort.adoption_rate)
    saved = inputs.cohort(i, "hours_saved_per_person_per_week", cohort.hours_saved_per_person_per_week)
    add_benefit(cohort.tier, team * adoption, saved, start, length, hourly)


def payback_months(weekly_net: np.ndarray, weeks_per_year: int) -> np.ndarray:
    """Payback in months for each row of weekly net flows (NaN: not within the horizon).

    The first week ``w`` with ``C[w-1] < 0 <= C[w]`` is interpolated linearly,
    ``t = (w - 1) + -C[w-1] / (C[w] - C[w-1])`` weeks, reported as ``t * 12 / W``.
    Never below zero: 0. Below zero at the horizon's end: NaN.

    >>> # C = -100, -50, 0, 50: C2 = -50 < 0 <= C3, t = 2 + 50 / 50 = 3 weeks = 3 * 12 / 52 months
    >>> payback_months(np.array([[-100.0, 50.0, 50.0, 50.0]]), 52).round(4).tolist()
    [0.6923]
    """
    net = np.atleast_2d(weekly_net)
    if net.shape[1] == 0:  # a horizon that rounds to 0 weeks: C never goes below zero
        return np.zeros(net.shape[0])
    cumulative = np.cumsum(net, axis=1)
    cumulative = np.where(np.abs(cumulative) < _ZERO_TOLERANCE, 0.0, cumulative)
    previous = np.concatenate([np.zeros((net.shape[0], 1)), cumulative[:, :-1]], axis=1)
    crossing = (previous < 0) & (cumulative >= 0)
    first = crossing.argmax(axis=1)
    rows = np.arange(net.shape[0])
    before, after = previous[rows, first], cumulative[rows, first]
    with np.errstate(divide="ignore", invalid="ignore"):
        weeks = first + (-before) / (after - before)
    months = weeks * 12.0 / weeks_per_year
    never_below = (cumulative >= 0).all(axis=1)
    ends_below = cumulative[:, -1] < 0
    return np.where(ends_below, np.nan, np.where(never_below, 0.0, months))
