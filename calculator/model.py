"""Methodology v1 and v2: weekly cost and benefit flows and the results (docs/MODEL.md).

One function does the arithmetic, :func:`evaluate_batch`: it takes a scenario
and optional per-draw overrides of its inputs (``{path: array of N values}``)
and evaluates all N draws at once on the weekly grid with numpy. :func:`evaluate`
is the single-scenario case of the same code, so a batch of N draws equals N
single evaluations by construction, and the analyses (tornado, break-even,
Monte Carlo) all share the arithmetic the headline numbers use.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .formatting import ZERO_TOLERANCE, round_half_up
from .scenario import Cohort, Literacy, ParameterPath, Scenario, parse_path  # noqa: F401 (doctests)

TIERS = (1, 2, 3)


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


def access_weeks(access_months, weeks_per_year: int):
    """Weeks Tier 1's licence and its learners' time are spread over: ``ceil(access_months * W / 12)``.

    Takes a number or an array of draws; never less than one week. The epsilon keeps 13.0000000001
    weeks (float noise in ``months * W / 12``) at 13.

    >>> int(access_weeks(1.0, 52)), int(access_weeks(3.0, 52)), int(access_weeks(0.01, 52))  # 4.33, 13, 0.04
    (5, 13, 1)
    """
    return np.maximum(1.0, np.ceil(np.asarray(access_months) * weeks_per_year / 12.0 - 1e-9))


def literacy_weeks(scenario: Scenario) -> int:
    """The scenario's Tier 1 access weeks (:func:`access_weeks` of its ``access_months``).

    >>> literacy_weeks(Scenario())   # 1 month x 52 / 12 = 4.33 -> 5 weeks
    5
    """
    return int(access_weeks(scenario.literacy.access_months, scenario.organization.working_weeks_per_year))


def ramp(week, start, length):
    """The share of full benefit in week ``w``: 0 before ``start``, then ``min(1, (w - start + 1) / length)``.

    A stream reaches full strength in the last week of its engagement (or of Tier 1's access weeks). Takes
    numbers or arrays (the model passes the week grid against each draw's start).

    >>> [float(ramp(w, 3, 6)) for w in (2, 3, 5, 8, 13)]
    [0.0, 0.16666666666666666, 0.5, 1.0, 1.0]
    """
    return np.clip((np.asarray(week) - start + 1.0) / length, 0.0, 1.0)


@dataclass(frozen=True)
class WeeklyFlows:
    """A batch's weekly flows, kept only when asked (``keep_weekly``).

    The single evaluation needs them; a 10,000-draw batch does not. Every array's first axis is the
    draw, its last the week.
    """

    discount: np.ndarray                # (N, H)
    weekly_cost: np.ndarray             # (N, H)
    weekly_benefit: np.ndarray          # (N, H)
    weekly_cash: np.ndarray             # (N, H)
    weekly_hours: np.ndarray            # (N, H)
    weekly_cost_by_tier: np.ndarray     # (N, 3, H)
    weekly_benefit_by_tier: np.ndarray  # (N, 3, H)
    weekly_cost_by_line: np.ndarray     # (N, 4, H)
    weekly_cost_by_team: np.ndarray     # (N, teams, H)
    weekly_benefit_by_team: np.ndarray  # (N, teams, H)
    weekly_cash_cost: np.ndarray        # (N, H) fees, AI seats and other costs: no participants' time
    weekly_baseline_cost: np.ndarray    # (N, H) the baseline items' cost, cost risk included
    weekly_baseline_benefit: np.ndarray  # (N, H)


@dataclass
class BatchResult:
    """Results of N draws: every array's first axis is the draw.

    ``payback_months``, ``roi_pct``, ``bcr`` and the other ratios and paybacks hold NaN where
    MODEL.md says null. Lines are in ``COST_LINES`` order; teams in the scenario's cohort order.
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
    # Methodology v2
    fees_by_tier: np.ndarray          # (N, 3)
    cost_by_line: np.ndarray          # (N, 4), COST_LINES order
    pv_cost: np.ndarray
    pv_benefit: np.ndarray
    roi_pv_pct: np.ndarray
    discounted_payback_months: np.ndarray
    cash_benefit: np.ndarray
    capacity_benefit: np.ndarray
    cash_npv: np.ndarray
    cash_payback_months: np.ndarray
    annual_cash_value: np.ndarray
    cost_beyond_horizon: np.ndarray
    cost_beyond_by_source: list        # [(team, literacy or other cost name, (N,) amounts)]
    cost_by_team: np.ndarray          # (N, teams)
    benefit_by_team: np.ndarray       # (N, teams)
    annual_hours_by_team: np.ndarray  # (N, teams)
    fte_hours: np.ndarray
    # Methodology v3: cash cost, the counterfactual, the baseline and the whole program
    cash_cost: np.ndarray
    annual_hours_without_training: np.ndarray
    baseline_total_cost: np.ndarray
    baseline_cost_by_line: np.ndarray  # (N, 4), COST_LINES order
    baseline_total_benefit: np.ndarray
    baseline_npv: np.ndarray
    program_total_cost: np.ndarray
    program_total_benefit: np.ndarray
    program_npv: np.ndarray
    program_roi_pv_pct: np.ndarray
    program_payback_months: np.ndarray
    weekly: WeeklyFlows | None = None  # only with keep_weekly

    @property
    def draws(self) -> int:
        return int(self.total_cost.shape[0])

    def kept_weekly(self) -> WeeklyFlows:
        """The weekly flows; ``ValueError`` when the batch was evaluated without ``keep_weekly``."""
        if self.weekly is None:
            raise ValueError("this batch kept no weekly flows: evaluate it with keep_weekly=True")
        return self.weekly

    @property
    def program_fees(self) -> np.ndarray:
        """The decision's fees before cost risk: what a training vendor invoices (methodology v3, correction 2)."""
        return self.fees_by_tier.sum(axis=1)

    def cost_per_employee_by_tier(self) -> np.ndarray:
        """(N, 3) cost per person in each tier; NaN for a tier with nobody in it."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(self.people_by_tier > 0, self.cost_by_tier / self.people_by_tier, np.nan)


def _none_if_nan(x: float) -> float | None:
    return None if math.isnan(x) else float(x)


@dataclass(frozen=True)
class TeamEconomics:
    """One team's own economics (MODEL.md ``by_team``): its fees, time and seats against its value."""

    name: str
    tier: int
    cost: float
    benefit: float
    net: float
    npv: float
    roi_pct: float | None
    payback_months: float | None
    annual_hours_saved: float
    fte_returned: float

    @property
    def npv_per_dollar(self) -> float | None:
        """NPV per currency unit of cost: which team to fund first. None when it costs nothing."""
        return None if self.cost <= ZERO_TOLERANCE else self.npv / self.cost

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


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
    program_fees: float
    fees_by_tier: dict
    cost_by_line: dict
    pv_cost: float
    pv_benefit: float
    roi_pv_pct: float | None
    irr_pct: float | None
    discounted_payback_months: float | None
    cash_benefit: float
    capacity_benefit: float
    cash_npv: float
    cash_payback_months: float | None
    annual_cash_value: float
    cost_beyond_horizon: float
    cash_cost: float
    annual_hours_without_training: float
    baseline: dict
    program: dict
    warnings: tuple[str, ...]
    by_team: tuple[TeamEconomics, ...]
    weekly_cost: np.ndarray = field(repr=False)
    weekly_benefit: np.ndarray = field(repr=False)
    weekly_hours: np.ndarray = field(repr=False)
    weekly_cost_by_tier: np.ndarray = field(repr=False)     # (3, H)
    weekly_benefit_by_tier: np.ndarray = field(repr=False)  # (3, H)
    weekly_cost_by_line: np.ndarray = field(repr=False)     # (4, H), COST_LINES order
    weekly_cash: np.ndarray = field(repr=False)
    discount: np.ndarray = field(repr=False)                # (H,) the week's discount factor
    weekly_cash_cost: np.ndarray = field(repr=False)        # fees, seats and other costs: no participants' time
    weekly_baseline_cost: np.ndarray = field(repr=False)    # the baseline items, shown apart
    weekly_baseline_benefit: np.ndarray = field(repr=False)

    @property
    def weeks(self) -> np.ndarray:
        return np.arange(1, self.horizon_weeks + 1)

    @property
    def months(self) -> np.ndarray:
        return month_of_week(self.weeks, self.scenario.organization.working_weeks_per_year)

    def by_month(self, weekly: np.ndarray) -> np.ndarray:
        """A weekly series summed by month (week ``w`` in month ``ceil(w * 12 / W)``); item 0 is month 1.

        >>> r = evaluate(Scenario(literacy=Literacy(enabled=False), cohorts=(Cohort(team_size=10, price=200),)))
        >>> r.by_month(r.weekly_cost)[:3].tolist()   # weeks 1-4 and 5-6 at 10 x $200 = $2,000 a week
        [8000.0, 4000.0, 0.0]
        >>> r.by_month(np.ones(r.horizon_weeks))[:3].tolist()   # weeks in months 1, 2, 3 (52-week year)
        [4.0, 4.0, 5.0]
        """
        months = self.months
        return np.bincount(months - 1, weights=weekly, minlength=int(months.max()))

    @property
    def cumulative_net(self) -> np.ndarray:
        return np.cumsum(self.weekly_benefit - self.weekly_cost)

    @property
    def cumulative_cash_net(self) -> np.ndarray:
        """Cumulative cash benefit less cash cost (no participants' time): the line a budget owner sees move."""
        return np.cumsum(self.weekly_cash - self.weekly_cash_cost)

    @property
    def cumulative_program_net(self) -> np.ndarray:
        """Cumulative net of the whole program: the decision and the baseline items, week by week."""
        return np.cumsum(self.weekly_benefit + self.weekly_baseline_benefit
                         - self.weekly_cost - self.weekly_baseline_cost)

    def weekly_rows(self) -> list[dict]:
        """The week-by-week table: week, month, cost, benefit, net, cumulative_net, hours_saved,
        then the cost lines, the cash benefit and the discounted net."""
        net = self.weekly_benefit - self.weekly_cost
        cumulative = self.cumulative_net
        lines = self.weekly_cost_by_line
        return [
            {"week": int(w), "month": int(m), "cost": float(c), "benefit": float(b),
             "net": float(n), "cumulative_net": float(cn), "hours_saved": float(h),
             "cost_fees": float(fees), "cost_participant_time": float(time), "cost_ai_seats": float(seats),
             "cost_other": float(other), "cash_benefit": float(cash), "discounted_net": float(n * d)}
            for w, m, c, b, n, cn, h, fees, time, seats, other, cash, d in zip(
                self.weeks, self.months, self.weekly_cost, self.weekly_benefit, net, cumulative,
                self.weekly_hours, *lines, self.weekly_cash, self.discount)
        ]

    def weekly_frame(self):
        """The weekly table as a pandas DataFrame (pandas imported only when asked)."""
        import pandas as pd

        return pd.DataFrame(self.weekly_rows())

    def to_dict(self, weekly: bool = False) -> dict:
        """The JSON object of the command line (MODEL.md "Results", v1 and v2 keys)."""
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
            "program_fees": self.program_fees,
            "fees_by_tier": self.fees_by_tier,
            "cost_by_line": self.cost_by_line,
            "pv_cost": self.pv_cost,
            "pv_benefit": self.pv_benefit,
            "roi_pv_pct": self.roi_pv_pct,
            "irr_pct": self.irr_pct,
            "discounted_payback_months": self.discounted_payback_months,
            "cash_benefit": self.cash_benefit,
            "capacity_benefit": self.capacity_benefit,
            "cash_npv": self.cash_npv,
            "cash_payback_months": self.cash_payback_months,
            "annual_cash_value": self.annual_cash_value,
            "cost_beyond_horizon": self.cost_beyond_horizon,
            "cash_cost": self.cash_cost,
            "annual_hours_without_training": self.annual_hours_without_training,
            "baseline": dict(self.baseline),
            "program": dict(self.program),
            "warnings": list(self.warnings),
            "by_team": [team.to_dict() for team in self.by_team],
        }
        if weekly:
            out["weekly"] = self.weekly_rows()
        return out


# Result fields copied from the batch's first draw: always numbers, and those that may not exist.
_RESULT_TOTALS = ("total_cost", "total_benefit", "net_benefit", "npv", "annual_hours_saved", "fte_returned",
                  "annual_value", "hours_saved_in_horizon", "program_fees", "pv_cost", "pv_benefit", "cash_benefit",
                  "capacity_benefit", "cash_npv", "annual_cash_value", "cost_beyond_horizon", "cash_cost",
                  "annual_hours_without_training")
_RESULT_MAYBE = ("roi_pct", "bcr", "payback_months", "roi_pv_pct", "discounted_payback_months",
                 "cash_payback_months")
_RESULT_WEEKLY = ("weekly_cost", "weekly_benefit", "weekly_hours", "weekly_cost_by_tier", "weekly_benefit_by_tier",
                  "weekly_cost_by_line", "weekly_cash", "discount", "weekly_cash_cost", "weekly_baseline_cost",
                  "weekly_baseline_benefit")


def evaluate(scenario: Scenario) -> Result:
    """Evaluate one scenario: the weekly flows and every result of MODEL.md (v1 and v2).

    >>> from calculator.scenario import AiTools, Cohort, Finance
    >>> team = Cohort(team_size=10, price=200, engagement_weeks=6)   # 10 x $200 x 6 weeks
    >>> evaluate(Scenario(cohorts=(team,), literacy=Literacy(enabled=False))).total_cost
    12000.0
    >>> # AI seats from week 1 to the 104-week horizon's end: 10 x $30 x 12 / 52 x 104 weeks = $7,200
    >>> r = evaluate(Scenario(cohorts=(team,), literacy=Literacy(enabled=False),
    ...                       ai_tools=AiTools(already_licensed=False)))
    >>> round(r.cost_by_line["ai_seats"], 2), r.program_fees
    (7200.0, 12000.0)
    """
    batch = evaluate_batch(scenario, keep_weekly=True)
    weekly = batch.kept_weekly()

    def tiers(row: np.ndarray) -> dict:
        return {str(t): _none_if_nan(float(v)) for t, v in zip(TIERS, row)}

    weekly_net = weekly.weekly_benefit[0] - weekly.weekly_cost[0]
    # The first (only) draw's totals; a ratio or payback that does not exist (NaN in the batch) is None.
    totals: dict[str, Any] = {name: float(getattr(batch, name)[0]) for name in _RESULT_TOTALS}
    totals.update({name: _none_if_nan(getattr(batch, name)[0]) for name in _RESULT_MAYBE})
    return Result(
        scenario=scenario,
        horizon_weeks=batch.horizon_weeks,
        **totals,
        irr_pct=irr_pct(weekly_net, batch.weeks_per_year),
        cost_by_tier=tiers(batch.cost_by_tier[0]),
        benefit_by_tier=tiers(batch.benefit_by_tier[0]),
        people_by_tier={str(t): int(v) for t, v in zip(TIERS, batch.people_by_tier[0])},
        cost_per_employee_by_tier=tiers(batch.cost_per_employee_by_tier()[0]),
        annual_hours_by_tier=tiers(batch.annual_hours_by_tier[0]),
        fees_by_tier=tiers(batch.fees_by_tier[0]),
        cost_by_line={line: float(v) for line, v in zip(COST_LINES, batch.cost_by_line[0])},
        baseline={"total_cost": float(batch.baseline_total_cost[0]),
                  "cost_by_line": {line: float(v) for line, v in zip(COST_LINES, batch.baseline_cost_by_line[0])},
                  "total_benefit": float(batch.baseline_total_benefit[0]), "npv": float(batch.baseline_npv[0])},
        program={"total_cost": float(batch.program_total_cost[0]),
                 "total_benefit": float(batch.program_total_benefit[0]), "npv": float(batch.program_npv[0]),
                 "roi_pv_pct": _none_if_nan(float(batch.program_roi_pv_pct[0])),
                 "payback_months": _none_if_nan(float(batch.program_payback_months[0]))},
        warnings=_warnings(scenario, batch, weekly_net),
        by_team=_by_team(scenario, batch),
        **{name: getattr(weekly, name)[0] for name in _RESULT_WEEKLY},
    )


def _by_team(scenario: Scenario, batch: BatchResult) -> tuple[TeamEconomics, ...]:
    """Each team's own lines (fees, time, seats, value) as a small business case of its own."""
    if not scenario.cohorts:
        return ()
    weekly = batch.kept_weekly()
    weekly_net = weekly.weekly_benefit_by_team[0] - weekly.weekly_cost_by_team[0]  # (teams, H)
    npv = (weekly_net * weekly.discount[0]).sum(axis=1)
    paybacks = payback_months(weekly_net, batch.weeks_per_year)
    cost, benefit = batch.cost_by_team[0], batch.benefit_by_team[0]
    roi = _ratio(benefit - cost, cost, 100.0)
    annual_hours = batch.annual_hours_by_team[0]
    fte_hours = float(batch.fte_hours[0])
    return tuple(
        TeamEconomics(name=cohort.name, tier=cohort.tier, cost=float(cost[i]), benefit=float(benefit[i]),
                      net=float(benefit[i] - cost[i]), npv=float(npv[i]), roi_pct=_none_if_nan(float(roi[i])),
                      payback_months=_none_if_nan(float(paybacks[i])),
                      annual_hours_saved=float(annual_hours[i]), fte_returned=float(annual_hours[i]) / fte_hours)
        for i, cohort in enumerate(scenario.cohorts))


def _warnings(scenario: Scenario, batch: BatchResult, weekly_net: np.ndarray) -> tuple[str, ...]:
    """The sentences a presenter must not miss: spend left out after the horizon, an IRR that may mislead."""
    from .formatting import money  # formatting imports nothing from the model; kept local to stay light

    out = []
    beyond = float(batch.cost_beyond_horizon[0])
    if beyond > ZERO_TOLERANCE:
        currency = scenario.currency
        by_label: dict[str, float] = {}  # a team's fees and time under its one name, in plan order
        for label, amount in batch.cost_beyond_by_source:
            by_label[label] = by_label.get(label, 0.0) + float(amount[0])
        parts = [f"{label} {money(amount, currency, exact=True)}" for label, amount in by_label.items()
                 if amount > ZERO_TOLERANCE]
        months = scenario.finance.horizon_months
        out.append(f"{money(beyond, currency, exact=True)} of committed spend falls after the {months}-month "
                   f"horizon and is not in the totals: {'; '.join(parts)}.")
    for cohort in scenario.cohorts:
        trained = cohort.adoption_rate * cohort.hours_saved_per_person_per_week
        anyway = cohort.without_training.hours_per_person
        if trained < anyway - ZERO_TOLERANCE:
            out.append(f"{cohort.name} would save more without the training ({anyway:.2f} h a person a week) than "
                       f"with it ({trained:.2f} h): its increment is negative, so it lowers the decision's value.")
    changes = sign_changes(weekly_net)
    if changes > 1:
        out.append(f"The weekly net changes sign {changes} times, so the IRR may not be unique: "
                   "judge the case on its NPV.")
    return tuple(out)


def sign_changes(weekly_net: np.ndarray) -> int:
    """How many times a flow changes sign, weeks within a millionth of zero skipped.

    >>> sign_changes(np.array([-5.0, 0.0, 3.0, -1.0, 2.0]))
    3
    """
    signs = np.sign(weekly_net[np.abs(weekly_net) > ZERO_TOLERANCE])
    return int(np.count_nonzero(signs[1:] != signs[:-1]))


IRR_LOW, IRR_HIGH = -0.99, 10_000.0  # -99% (excluded) to 1,000,000% a year


def irr_pct(weekly_net: np.ndarray, weeks_per_year: int) -> float | None:
    """The annual rate (percent) that zeroes ``sum_w net_w * (1 + r) ** (-w / W)``.

    Searched with a bracketed root finder (Brent's method, :func:`calculator.roots.brentq`) on -99% < r <= 1,000,000%;
    None when the NPV has the same sign at both ends of that range (no rate zeroes it there).

    >>> # -100 now-ish, +121 two years later (W = 1): (1 + r) ** 2 = 1.21, r = 10%
    >>> round(irr_pct(np.array([-100.0, 0.0, 121.0]), 1), 6)
    10.0
    """
    from .roots import brentq  # SciPy's algorithm without importing scipy.optimize (~0.4 s of every start)

    net = np.asarray(weekly_net, dtype=float)
    if net.size == 0:
        return None
    exponents = -np.arange(1, net.size + 1) / weeks_per_year

    def npv_at(rate: float) -> float:
        return float((net * (1.0 + rate) ** exponents).sum())

    low, high = npv_at(IRR_LOW), npv_at(IRR_HIGH)
    if not (math.isfinite(low) and math.isfinite(high)) or low * high >= 0:
        return None
    rate = brentq(npv_at, IRR_LOW, IRR_HIGH, xtol=1e-12, rtol=1e-12, maxiter=500)
    return float(rate * 100.0)


COST_LINES = ("fees", "participant_time", "ai_seats", "other")
VALUE_LINE = "value"


class _WeeklyDetail:
    """The weekly flows by tier, cost line and team, (N, k, H), that :class:`_Flows` keeps when asked."""

    def __init__(self, n: int, horizon: int, teams: int):
        self.cost_by_tier = np.zeros((n, 3, horizon))
        self.benefit_by_tier = np.zeros((n, 3, horizon))
        self.cost_by_line = np.zeros((n, len(COST_LINES), horizon))
        self.cost_by_team = np.zeros((n, teams, horizon))
        self.benefit_by_team = np.zeros((n, teams, horizon))


class _Flows:
    """The accumulator: every weekly flow of the program is added here through :meth:`add_flow`.

    It keeps what the results need and no more: weekly cost, value and cash value (N, H); totals
    by tier, by cost line and by team; and, only when asked (``keep_weekly``: a 10,000-draw batch
    does not need them), the weekly flows by tier, by line and by team. Costs are added before cost
    risk; :meth:`apply_cost_risk` multiplies every cost figure by ``1 + cost_risk_adjustment`` once,
    which is the same as multiplying each line.
    """

    def __init__(self, n: int, horizon: int, teams: int, keep_weekly: bool):
        shape = (n, horizon)
        self.cost = np.zeros(shape)
        self.benefit = np.zeros(shape)
        self.cash = np.zeros(shape)
        self.has_cash = False  # most plans name no cash: then the cash figures need no pass over the weeks
        self.time = np.zeros(shape)       # participants' time: a cost, but not cash (methodology v3)
        self.fees_weekly = np.zeros(shape)  # fees before cost risk: what share-of-fees lines follow
        self.cost_by_tier = np.zeros((n, 3))
        self.fees_by_tier = np.zeros((n, 3))
        self.benefit_by_tier = np.zeros((n, 3))
        self.cost_by_line = np.zeros((n, len(COST_LINES)))
        self.cost_by_team = np.zeros((n, teams))
        self.benefit_by_team = np.zeros((n, teams))
        self.weekly = _WeeklyDetail(n, horizon, teams) if keep_weekly else None

    def add_flow(self, line: str, flow: np.ndarray, tier: int | None = None, team: int | None = None,
                 cash_share=0.0) -> None:
        """Add one weekly flow (broadcast to N x H) to the totals it belongs to.

        ``line`` is a cost line (``COST_LINES``) or ``"value"`` (a benefit, of which ``cash_share``
        releases cash); ``tier`` is 1-3 (None for the program's other costs); ``team`` the cohort index.
        """
        total = flow.sum(axis=1)  # (1,) for a flow no draw changes, broadcast into the (N,) totals
        weekly = self.weekly
        if line == VALUE_LINE:
            if tier is None:
                raise ValueError("a value flow belongs to a tier (1-3)")
            self.benefit += flow
            if np.any(cash_share):
                self.cash += flow * cash_share
                self.has_cash = True
            self.benefit_by_tier[:, tier - 1] += total
            if team is not None:
                self.benefit_by_team[:, team] += total
            if weekly is not None:
                weekly.benefit_by_tier[:, tier - 1, :] += flow
                if team is not None:
                    weekly.benefit_by_team[:, team, :] += flow
            return
        index = COST_LINES.index(line)
        self.cost += flow
        if line == "participant_time":
            self.time = self.time + flow
        elif line == "fees":
            self.fees_weekly = self.fees_weekly + flow
        self.cost_by_line[:, index] += total
        if tier is not None:
            self.cost_by_tier[:, tier - 1] += total
            if line == "fees":
                self.fees_by_tier[:, tier - 1] += total
        if team is not None:
            self.cost_by_team[:, team] += total
        if weekly is not None:
            weekly.cost_by_line[:, index, :] += flow
            if tier is not None:
                weekly.cost_by_tier[:, tier - 1, :] += flow
            if team is not None:
                weekly.cost_by_team[:, team, :] += flow

    def apply_cost_risk(self, factor: np.ndarray) -> None:
        """Every cost figure x ``factor`` (an (N, 1) column of ``1 + cost_risk_adjustment``), except the fees
        by tier and the weekly fees: they stay the vendor's invoice (methodology v3, correction 2)."""
        if not np.any(factor != 1.0):
            return
        for name in ("cost", "time", "cost_by_tier", "cost_by_line", "cost_by_team"):
            setattr(self, name, getattr(self, name) * factor)
        if self.weekly is not None:
            for name in ("cost_by_tier", "cost_by_line", "cost_by_team"):
                setattr(self.weekly, name, getattr(self.weekly, name) * factor[:, :, None])


class _Inputs:
    """Resolves each input to an (N, 1) column: the override's draws, or the scenario's value."""

    def __init__(self, scenario: Scenario, overrides: Mapping[str, np.ndarray] | None):
        self.scenario = scenario
        self.columns: dict[str, np.ndarray] = {}
        sizes = set()
        for key, values in (overrides or {}).items():
            path = parse_path(key) if isinstance(key, str) else key
            if path.section == "cohorts" and path.index is not None and path.index >= len(scenario.cohorts):
                raise ValueError(f"{path}: there is no cohort {path.index}")
            column = np.asarray(values, dtype=float).reshape(-1, 1)
            sizes.add(column.shape[0])
            self.columns[str(path)] = column
        if len(sizes) > 1:
            raise ValueError(f"overrides must all have the same number of draws, got {sorted(sizes)}")
        self.n = sizes.pop() if sizes else 1

    # An input no draw overrides is a (1, 1) constant, not an (N, 1) column: flows that no draw changes
    # (seats, program costs, most participant time) are then computed once and broadcast.
    def section(self, section: str, name: str, base: float) -> np.ndarray:
        return self.columns.get(f"{section}.{name}", np.full((1, 1), float(base)))

    def _cohort_column(self, index: int, name: str) -> np.ndarray | None:
        if not self.columns:
            return None
        own = self.columns.get(f"cohorts[{index}].{name}")  # str(ParameterPath) of cohorts[i] and cohorts[*]
        return own if own is not None else self.columns.get(f"cohorts[*].{name}")

    def cohort(self, index: int, name: str, base: float) -> np.ndarray:
        own = self._cohort_column(index, name)
        return own if own is not None else np.full((1, 1), float(base))

    def cohort_int(self, index: int, name: str, base: int) -> np.ndarray:
        # Draws of whole-number inputs (team size, weeks) round half up, like with_parameter.
        own = self._cohort_column(index, name)
        return round_half_up(own) if own is not None else np.full((1, 1), float(base))


class _Program:
    """One evaluation's working state: the inputs, the week grid, the accumulator, and the
    steady-state and after-the-horizon figures collected stream by stream."""

    def __init__(self, scenario: Scenario, overrides, keep_weekly: bool):
        org, fin = scenario.organization, scenario.finance
        self.scenario = scenario
        self.inputs = _Inputs(scenario, overrides)
        n = self.n = self.inputs.n
        self.weeks_per_year = org.working_weeks_per_year
        self.horizon = horizon_weeks(scenario)
        self.weeks = np.arange(1, self.horizon + 1, dtype=float)[None, :]  # (1, H)
        section = self.inputs.section
        self.org_hourly = section("organization", "loaded_hourly_cost", org.loaded_hourly_cost)
        self.fte_hours = section("organization", "hours_per_fte_year", org.hours_per_fte_year)
        self.rate = section("finance", "annual_discount_rate", fin.annual_discount_rate)
        recapture = section("finance", "productivity_recapture", fin.productivity_recapture)
        risk = section("finance", "benefit_risk_adjustment", fin.benefit_risk_adjustment)
        self.decay = section("finance", "annual_benefit_decay", fin.annual_benefit_decay)
        self.cost_factor = 1.0 + section("finance", "cost_risk_adjustment", fin.cost_risk_adjustment)
        self.value_per_hour_factor = recapture * (1.0 - risk)
        self.no_decay = not np.any(self.decay)
        seats_licensed = scenario.ai_tools.already_licensed
        self.seat_price = None if seats_licensed else section(
            "ai_tools", "seat_price_per_month", scenario.ai_tools.seat_price_per_month)
        teams = len(scenario.cohorts)
        self.flows = _Flows(n, self.horizon, teams, keep_weekly)
        # Items marked baseline (literacy, other costs) happen regardless of the decision: their flows are kept
        # apart, shown as the baseline and added to the decision only in the whole program's figures.
        self.baseline_flows = _Flows(n, self.horizon, 0, keep_weekly=False)
        self.annual_hours_without = np.zeros((n, 1))  # what the teams would save anyway, a year
        self.hours = np.zeros((n, self.horizon))
        self.people_tier = np.zeros((n, 3))
        self.annual_hours_tier = np.zeros((n, 3))
        self.annual_hours_team = np.zeros((n, teams))
        self.annual_value = np.zeros((n, 1))
        self.annual_cash_value = np.zeros((n, 1))
        self.beyond = np.zeros((n, 1))       # raw (before cost risk) spend after the horizon
        self.fees_beyond = np.zeros((n, 1))  # of which fees: what share-of-fees lines follow past the horizon
        self.beyond_by_source: list[tuple[str, np.ndarray]] = []

    def add_beyond(self, label: str, start, last_week, per_week, fees: bool = False) -> None:
        """Spend a decision stream that starts within the horizon still incurs after its last week."""
        if not np.any(last_week > self.horizon):  # the common case: the stream ends within the horizon
            return
        weeks_after = np.where(start <= self.horizon, np.maximum(last_week - self.horizon, 0.0), 0.0)
        amount = weeks_after * per_week
        if np.any(amount):
            self.beyond = self.beyond + amount
            self.beyond_by_source.append((label, amount))
            if fees:
                self.fees_beyond = self.fees_beyond + amount

    def add_benefit(self, tier: int, people, hours_per_person, start, ramp_weeks, hourly,
                    cash_share, team: int | None = None, baseline: bool = False) -> None:
        """Ramp over ``ramp_weeks`` from ``start``, then retention decay after the ramp's end.

        A baseline stream (literacy marked baseline) adds its value to the baseline's flows only: the decision's
        hours, FTE and steady-state value leave it out."""
        weeks = self.weeks
        share = ramp(weeks, start, ramp_weeks)
        end = start + ramp_weeks - 1.0
        if self.no_decay:  # the common case: skip a power over the whole draws x weeks grid
            saved = people * hours_per_person * share
        else:
            # max(0, .) keeps 0 ** negative (decay 100%, weeks before the end) from warning.
            retention = np.where(weeks <= end, 1.0, (1.0 - self.decay) ** (
                np.maximum(weeks - end, 0.0) / self.weeks_per_year))
            saved = people * hours_per_person * share * retention
        value_per_hour = hourly * self.value_per_hour_factor
        if baseline:
            self.baseline_flows.add_flow(VALUE_LINE, saved * value_per_hour, tier, None, cash_share)
            return
        self.hours += saved
        self.flows.add_flow(VALUE_LINE, saved * value_per_hour, tier, team, cash_share)
        # Steady state (no ramp, no decay), only for streams that start within the horizon.
        annual = np.where(start <= self.horizon, people * hours_per_person * self.weeks_per_year, 0.0)
        self.annual_hours_tier[:, tier - 1] += annual[:, 0]
        if team is not None:
            self.annual_hours_team[:, team] += annual[:, 0]
        self.annual_value += annual * value_per_hour
        self.annual_cash_value += annual * value_per_hour * cash_share

    def add_literacy(self) -> None:
        """Tier 1: the licence, the learners' time, their AI seats and what they save."""
        lit, section, weeks = self.scenario.literacy, self.inputs.section, self.weeks
        learners = round_half_up(section("literacy", "learners", self.scenario.learners))
        start = round_half_up(section("literacy", "start_week", lit.start_week))
        access_months = section("literacy", "access_months", lit.access_months)
        completion = section("literacy", "completion_rate", lit.completion_rate)
        adoption = section("literacy", "adoption_rate", lit.adoption_rate)
        licence_weeks = access_weeks(access_months, self.weeks_per_year)
        active = (weeks >= start) & (weeks < start + licence_weeks)
        last_week = start + licence_weeks - 1.0
        label = "Tier 1 literacy"
        # Literacy marked baseline (mandatory acceptable-use training, an existing platform) happens whatever
        # the decision: its flows go to the baseline, and nothing of it is committed spend of the decision.
        baseline = lit.baseline
        flows = self.baseline_flows if baseline else self.flows

        def beyond(per_week, fees: bool = False) -> None:
            if not baseline:
                self.add_beyond(label, start, last_week, per_week, fees)

        if not lit.already_licensed:
            seat = section("literacy", "seat_price_per_month", lit.seat_price_per_month)
            per_week = learners * seat * access_months / licence_weeks
            flows.add_flow("fees", active * per_week, tier=1)
            beyond(per_week, fees=True)
        if self.scenario.finance.include_participant_time:
            train = section("literacy", "training_hours_per_learner", lit.training_hours_per_learner)
            per_week = learners * completion * train * self.org_hourly / licence_weeks
            flows.add_flow("participant_time", active * per_week, tier=1)
            beyond(per_week)
        if self.seat_price is not None:
            seats = learners * completion * adoption * self.seat_price * 12.0 / self.weeks_per_year
            flows.add_flow("ai_seats", (weeks >= start) * seats, tier=1)
        if not baseline:
            self.people_tier[:, 0] += np.where(start <= self.horizon, learners, 0.0)[:, 0]
        saved = section("literacy", "hours_saved_per_person_per_week", lit.hours_saved_per_person_per_week)
        cash_share = section("literacy", "cash_share", lit.cash_share)
        self.add_benefit(1, learners * completion * adoption, saved, start, licence_weeks, self.org_hourly,
                         cash_share, baseline=baseline)

    def add_cohort(self, i: int, cohort: Cohort) -> None:
        """One Tier 2 / Tier 3 team: fees by price unit, its time, its AI seats and its value."""
        inputs, weeks, wpy = self.inputs, self.weeks, self.weeks_per_year
        team = inputs.cohort_int(i, "team_size", cohort.team_size)
        start = inputs.cohort_int(i, "start_week", cohort.start_week)
        length = inputs.cohort_int(i, "engagement_weeks", cohort.engagement_weeks)
        price = inputs.cohort(i, "price", cohort.price)
        if cohort.loaded_hourly_cost is None:
            hourly = inputs.cohort(i, "loaded_hourly_cost", np.nan)
            hourly = np.where(np.isnan(hourly), self.org_hourly, hourly)
        else:
            hourly = inputs.cohort(i, "loaded_hourly_cost", cohort.loaded_hourly_cost)
        active = (weeks >= start) & (weeks <= start + length - 1.0)
        last_week = start + length - 1.0
        unit, tier = cohort.price_unit, cohort.tier
        if unit == "per_employee":  # one-off, all in the start week: nothing after the horizon
            self.flows.add_flow("fees", (weeks == start) * (team * price), tier, i)
        else:
            if unit == "per_employee_per_week":
                per_week = team * price
            elif unit == "per_employee_per_month":
                per_week = team * price * 12.0 / wpy
            else:  # fixed fee, spread evenly over the engagement
                per_week = price / length
            self.flows.add_flow("fees", active * per_week, tier, i)
            self.add_beyond(cohort.name, start, last_week, per_week, fees=True)
        if self.scenario.finance.include_participant_time:
            attend = inputs.cohort(i, "participant_hours_per_week", cohort.participant_hours_per_week)
            self.flows.add_flow("participant_time", active * (team * attend * hourly), tier, i)
            self.add_beyond(cohort.name, start, last_week, team * attend * hourly)
        if self.seat_price is not None:
            self.flows.add_flow("ai_seats", (weeks >= start) * (team * self.seat_price * 12.0 / wpy), tier, i)
        self.people_tier[:, tier - 1] += np.where(start <= self.horizon, team, 0.0)[:, 0]
        adoption = inputs.cohort(i, "adoption_rate", cohort.adoption_rate)
        saved = inputs.cohort(i, "hours_saved_per_person_per_week", cohort.hours_saved_per_person_per_week)
        cash_share = inputs.cohort(i, "cash_share", cohort.cash_share)
        anyway = cohort.without_training.hours_per_person  # a0 x h0: what each member would save untrained
        if anyway == 0.0:  # the common case, kept in v1's order of operations (bit for bit)
            self.add_benefit(tier, team * adoption, saved, start, length, hourly, cash_share, team=i)
        else:
            # The counterfactual: the training is credited with the difference only, which may be negative.
            self.add_benefit(tier, team, adoption * saved - anyway, start, length, hourly, cash_share, team=i)
            self.annual_hours_without += np.where(start <= self.horizon, team * anyway * wpy, 0.0)

    def add_other_costs(self) -> None:
        """Program costs outside any tier: ``amount / weeks`` in each of their weeks, or, for a share-of-fees
        line, that share of the decision's fees (before cost risk) in each week. Called after every fee is in."""
        for item in self.scenario.other_costs:
            if item.share_of_fees is not None:
                self.flows.add_flow("other", self.flows.fees_weekly * item.share_of_fees)
                amount_after = self.fees_beyond * item.share_of_fees  # it follows the fees past the horizon
                if np.any(amount_after):
                    self.beyond = self.beyond + amount_after
                    self.beyond_by_source.append((item.name, amount_after))
                continue
            per_week = item.amount / item.weeks
            last_week = item.start_week + item.weeks - 1
            active = (self.weeks >= item.start_week) & (self.weeks <= last_week)
            if item.baseline:
                self.baseline_flows.add_flow("other", active * per_week)
                continue
            self.flows.add_flow("other", active * per_week)
            self.add_beyond(item.name, np.array([[item.start_week]]), np.array([[last_week]]),
                            np.full((1, 1), per_week))


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
        Keep the weekly flows, in total, by tier, line and team, as ``BatchResult.weekly`` (the single
        evaluation needs them; large batches do not).

    Returns
    -------
    BatchResult
        Every array's first axis is the draw.

    Notes
    -----
    On the weekly grid ``w = 1 .. H`` with ``W`` weeks a year and ``d_w = (1 + r) ** (-w / W)``:

    * cost ``c_w = (fees_w + participant_time_w + ai_seats_w + other_w) * (1 + cost_risk_adjustment)``;
    * value ``b_w = sum over teams of hours_w * loaded_hourly_cost * recapture * (1 - benefit_risk)``,
      of which ``b_w * cash_share`` is cash and the rest capacity;
    * ``total_cost = sum c_w``, ``total_benefit = sum b_w``, ``roi_pct = (total_benefit - total_cost)
      / total_cost * 100``;
    * ``pv_cost = sum c_w d_w``, ``pv_benefit = sum b_w d_w``, ``npv = pv_benefit - pv_cost``,
      ``roi_pv_pct = npv / pv_cost * 100``.

    Examples
    --------
    >>> import numpy as np
    >>> from calculator.scenario import Cohort, Finance
    >>> s = Scenario(cohorts=(Cohort(team_size=10, price=200, engagement_weeks=6),),
    ...              literacy=Literacy(enabled=False))
    >>> evaluate_batch(s, {"cohorts[0].price": np.array([200, 500])}).total_cost.tolist()
    [12000.0, 30000.0]
    >>> # 10 x $200 x 6 weeks = $12,000, plus 10% cost risk = $13,200
    >>> s = Scenario(cohorts=s.cohorts, literacy=s.literacy, finance=Finance(cost_risk_adjustment=0.1))
    >>> evaluate_batch(s).total_cost.round(2).tolist()
    [13200.0]
    """
    program = _Program(scenario, overrides, keep_weekly)
    if scenario.literacy.enabled:
        program.add_literacy()
    for i, cohort in enumerate(scenario.cohorts):
        program.add_cohort(i, cohort)
    program.add_other_costs()
    flows = program.flows
    flows.apply_cost_risk(program.cost_factor)
    weeks_per_year, weeks, n = program.weeks_per_year, program.weeks, program.n

    weekly_cost, weekly_benefit, weekly_cash = flows.cost, flows.benefit, flows.cash
    total_cost = weekly_cost.sum(axis=1)
    total_benefit = weekly_benefit.sum(axis=1)
    cash_benefit = weekly_cash.sum(axis=1)
    net = total_benefit - total_cost
    discount = (1.0 + program.rate) ** (-weeks / weeks_per_year)
    pv_cost = (weekly_cost * discount).sum(axis=1)
    pv_benefit = (weekly_benefit * discount).sum(axis=1)
    # Cash is cash (methodology v3, correction 1): fees, AI seats and other costs are paid; participants' time
    # is not, so the cash figures leave it out.
    weekly_cash_cost = weekly_cost - flows.time
    line = COST_LINES.index
    cash_cost = (flows.cost_by_line[:, line("fees")] + flows.cost_by_line[:, line("ai_seats")]
                 + flows.cost_by_line[:, line("other")])
    pv_cash_cost = (weekly_cash_cost * discount).sum(axis=1)
    if flows.has_cash:
        pv_cash = (weekly_cash * discount).sum(axis=1)
        cash_payback = payback_months(weekly_cash - weekly_cash_cost, weeks_per_year)
    else:
        # No cash value: the cumulative cash net is -cumulative cash cost, below zero at the end whenever any
        # cash is spent (null), never below zero otherwise (0): v1's payback rule without the pass over the weeks.
        pv_cash = np.zeros_like(pv_cost)
        cash_payback = np.where(cash_cost >= ZERO_TOLERANCE, np.nan, 0.0)
    weekly_net = weekly_benefit - weekly_cost
    decision_payback = payback_months(weekly_net, weeks_per_year)
    annual_hours = program.annual_hours_tier.sum(axis=1)

    # The baseline apart, and the whole program (decision and baseline added week by week).
    base = program.baseline_flows
    base.apply_cost_risk(program.cost_factor)
    baseline_cost = base.cost.sum(axis=1)
    baseline_benefit = base.benefit.sum(axis=1)
    baseline_npv = ((base.benefit - base.cost) * discount).sum(axis=1)
    if np.any(base.cost) or np.any(base.benefit):
        program_net = weekly_net + (base.benefit - base.cost)
        program_pv_cost = pv_cost + (base.cost * discount).sum(axis=1)
        program_payback = payback_months(program_net, weeks_per_year)
    else:  # no baseline item: the program is the decision
        program_pv_cost = pv_cost
        program_payback = decision_payback
    program_npv = pv_benefit - pv_cost + baseline_npv

    return BatchResult(
        horizon_weeks=program.horizon,
        weeks_per_year=weeks_per_year,
        total_cost=total_cost,
        total_benefit=total_benefit,
        net_benefit=net,
        roi_pct=_ratio(net, total_cost, 100.0),
        bcr=_ratio(total_benefit, total_cost),
        npv=pv_benefit - pv_cost,
        payback_months=decision_payback,
        cost_by_tier=flows.cost_by_tier,
        benefit_by_tier=flows.benefit_by_tier,
        people_by_tier=program.people_tier,
        annual_hours_saved=annual_hours,
        annual_hours_by_tier=program.annual_hours_tier,
        fte_returned=np.broadcast_to(annual_hours / program.fte_hours[:, 0], (n,)),
        annual_value=program.annual_value[:, 0],
        hours_saved_in_horizon=program.hours.sum(axis=1),
        fees_by_tier=flows.fees_by_tier,
        cost_by_line=flows.cost_by_line,
        pv_cost=pv_cost,
        pv_benefit=pv_benefit,
        roi_pv_pct=_ratio(pv_benefit - pv_cost, pv_cost, 100.0),
        discounted_payback_months=payback_months(weekly_net * discount, weeks_per_year),
        cash_benefit=cash_benefit,
        capacity_benefit=total_benefit - cash_benefit,
        cash_npv=pv_cash - pv_cash_cost,
        cash_payback_months=cash_payback,
        annual_cash_value=program.annual_cash_value[:, 0],
        cost_beyond_horizon=(program.beyond * program.cost_factor)[:, 0],
        cost_beyond_by_source=[(label, np.broadcast_to((amount * program.cost_factor)[:, 0], (n,)))
                               for label, amount in program.beyond_by_source],
        cost_by_team=flows.cost_by_team,
        benefit_by_team=flows.benefit_by_team,
        annual_hours_by_team=program.annual_hours_team,
        fte_hours=np.broadcast_to(program.fte_hours[:, 0], (n,)),
        cash_cost=cash_cost,
        annual_hours_without_training=np.broadcast_to(program.annual_hours_without[:, 0], (n,)),
        baseline_total_cost=np.broadcast_to(baseline_cost, (n,)),
        baseline_cost_by_line=np.broadcast_to(base.cost_by_line, (n, len(COST_LINES))),
        baseline_total_benefit=np.broadcast_to(baseline_benefit, (n,)),
        baseline_npv=np.broadcast_to(baseline_npv, (n,)),
        program_total_cost=total_cost + baseline_cost,
        program_total_benefit=total_benefit + baseline_benefit,
        program_npv=program_npv,
        program_roi_pv_pct=_ratio(program_npv, program_pv_cost, 100.0),
        program_payback_months=program_payback,
        weekly=None if flows.weekly is None else WeeklyFlows(
            discount=np.broadcast_to(discount, weekly_cost.shape),
            weekly_cost=weekly_cost,
            weekly_benefit=weekly_benefit,
            weekly_cash=weekly_cash,
            weekly_hours=program.hours,
            weekly_cost_by_tier=flows.weekly.cost_by_tier,
            weekly_benefit_by_tier=flows.weekly.benefit_by_tier,
            weekly_cost_by_line=flows.weekly.cost_by_line,
            weekly_cost_by_team=flows.weekly.cost_by_team,
            weekly_benefit_by_team=flows.weekly.benefit_by_team,
            weekly_cash_cost=weekly_cash_cost,
            weekly_baseline_cost=np.broadcast_to(base.cost, weekly_cost.shape),
            weekly_baseline_benefit=np.broadcast_to(base.benefit, weekly_cost.shape),
        ),
    )


def _ratio(numerator: np.ndarray, cost: np.ndarray, scale: float = 1.0) -> np.ndarray:
    """numerator / cost * scale, NaN (null) where the cost is within a millionth of zero: nothing spent."""
    spent = cost > ZERO_TOLERANCE
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(spent, numerator / np.where(spent, cost, 1.0) * scale, np.nan)


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
    cumulative = np.where(np.abs(cumulative) < ZERO_TOLERANCE, 0.0, cumulative)
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


BRACKET_ENDS = ("pessimistic", "optimistic")
SCENARIO_ENDS = ("low", "high", *BRACKET_ENDS)


def at_bracket_end(scenario: Scenario, end: str) -> Scenario:
    """Every ranged input at the end that gives the lower (``"pessimistic"``) or higher (``"optimistic"``)
    decision NPV, each judged alone from the scenario as entered, then all applied together (MODEL.md v3).

    A ``cohorts[*]`` range moves every team together, as ``--at low`` does. On a tie the pessimistic end is
    the low one and the optimistic end the high one. Cost inputs thus go high and benefit inputs low.

    >>> from calculator.scenario import Cohort
    >>> team = Cohort(team_size=10, price=300, hours_saved_per_person_per_week=3, adoption_rate=0.8)
    >>> s = Scenario(literacy=Literacy(enabled=False), cohorts=(team,),
    ...              ranges=(("cohorts[*].price", 200.0, 500.0), ("cohorts[*].adoption_rate", 0.5, 0.9)))
    >>> worst = at_bracket_end(s, "pessimistic").cohorts[0]
    >>> worst.price, worst.adoption_rate           # the dearer price, the lower adoption
    (500.0, 0.5)
    >>> best = at_bracket_end(s, "optimistic").cohorts[0]
    >>> best.price, best.adoption_rate
    (200.0, 0.9)
    """
    from .scenario import with_parameter

    if end not in BRACKET_ENDS:
        raise ValueError(f"end must be 'pessimistic' or 'optimistic', got {end!r}")
    if end not in BRACKET_ENDS:
        raise ValueError(f"end must be 'pessimistic' or 'optimistic', got {end!r}")
    out = scenario
    for (path, _, _), value in zip(scenario.ranges, bracket_values(scenario)[end]):
        out = with_parameter(out, path, value)
    return out


def bracket_values(scenario: Scenario) -> dict[str, list[float]]:
    """The end each ``ranges`` entry takes at the pessimistic and at the optimistic end, in file order.

    Judged from one batch: row 2k is range k alone at its low end, row 2k + 1 at its high end, everything else
    as entered.
    """
    values: dict[str, list[float]] = {"pessimistic": [], "optimistic": []}
    if not scenario.ranges:
        return values
    rows = [[(k, end_value)] for k, (_, low, high) in enumerate(scenario.ranges) for end_value in (low, high)]
    npv = evaluate_batch(scenario, range_end_columns(scenario, rows)).npv.reshape(-1, 2)
    for (_, low, high), (npv_low, npv_high) in zip(scenario.ranges, npv):
        # Float noise is no preference: within a millionth of a dollar (or 1e-12 of the NPV) the two ends tie.
        tie = abs(npv_high - npv_low) <= max(ZERO_TOLERANCE, 1e-12 * max(abs(npv_low), abs(npv_high)))
        values["pessimistic"].append(high if (not tie and npv_high < npv_low) else low)
        values["optimistic"].append(low if (not tie and npv_low > npv_high) else high)
    return values


def range_end_columns(scenario: Scenario, rows: list[list[tuple[int, float]]]) -> dict[str, np.ndarray]:
    """Batch overrides, one draw per row, each row setting ranged inputs (``(range index, value)``, applied in
    order) from the scenario as entered: the batch equivalent of ``with_parameter`` copies one by one.

    A ``cohorts[*]`` range sets every team's value in its row; every other row keeps each team's own value (a
    ``cohorts[*]`` override column could not: it would give every team one value).

    >>> from calculator.scenario import Cohort
    >>> s = Scenario(cohorts=(Cohort(price=300.0), Cohort(price=400.0)), ranges=(("cohorts[*].price", 200.0, 500.0),))
    >>> {k: v.tolist() for k, v in range_end_columns(s, [[(0, 200.0)], []]).items()}
    {'cohorts[0].price': [200.0, 300.0], 'cohorts[1].price': [200.0, 400.0]}
    """
    from .scenario import parameter_values

    columns: dict[str, np.ndarray] = {}
    for r, assignments in enumerate(rows):
        for k, value in assignments:
            path = parse_path(scenario.ranges[k][0])
            if path.section == "cohorts":
                teams = range(len(scenario.cohorts)) if path.every_cohort else [path.index]
                keys = [f"cohorts[{i}].{path.field}" for i in teams]
            else:
                keys = [str(path)]
            for key in keys:
                if key not in columns:
                    columns[key] = np.full(len(rows), parameter_values(scenario, key)[0], dtype=float)
                columns[key][r] = value
    return columns


def scenario_ends(scenario: Scenario) -> BatchResult | None:
    """The scenario at its four ends, one draw each in ``SCENARIO_ENDS`` order (low, high, pessimistic,
    optimistic), from one batch: the same numbers as :func:`at_end` then :func:`evaluate`, for the Pitch's ranges
    row without four evaluations. None without ranges.

    >>> from calculator.presets import load_preset
    >>> s = load_preset("seed-200-person-org")
    >>> ends = scenario_ends(s)
    >>> ends.program_fees[:2].tolist()                     # the seed's $84K-$280K
    [84000.0, 280000.0]
    >>> bool(abs(ends.npv[2] - evaluate(at_end(s, "pessimistic")).npv) < 1e-6)
    True
    """
    if not scenario.ranges:
        return None
    chosen = bracket_values(scenario)
    rows = [[(k, r[1]) for k, r in enumerate(scenario.ranges)], [(k, r[2]) for k, r in enumerate(scenario.ranges)]]
    rows += [list(enumerate(chosen[end])) for end in BRACKET_ENDS]
    return evaluate_batch(scenario, range_end_columns(scenario, rows))


def at_end(scenario: Scenario, end: str) -> Scenario:
    """The scenario at one of ``SCENARIO_ENDS``: ``low``/``high`` (every range at that end, as the seed reads
    its $84K-$280K) or ``pessimistic``/``optimistic`` (:func:`at_bracket_end`)."""
    from .scenario import at_range_end

    return at_bracket_end(scenario, end) if end in BRACKET_ENDS else at_range_end(scenario, end)
