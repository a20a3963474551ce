"""Monte Carlo over the scenario's ``ranges``: how sure are we?

Each input named in ``ranges`` is drawn from a triangular distribution
(low, the scenario's value, high) by inverting its CDF at a quantile ``u``.
The quantiles come from a **Gaussian copula**: the benefit drivers (hours
saved, adoption, recapture, completion; and, pointing the other way, the benefit
risk haircut and decay) share one correlation ``rho`` (default 0.5), because a
program that underdelivers on adoption underdelivers on hours too; every other
input (prices, weeks, hours attended) is drawn independently. With ``rho = 0``
every quantile is independent; with ``rho = 1`` the benefit drivers move as one.

The copula is the one-factor form of an equicorrelated normal: for draw ``d``
and benefit driver ``j``, ``z = sqrt(rho) * w_d + sqrt(1 - rho) * e_dj`` with
``w`` and ``e`` standard normal from ``numpy.random.default_rng(seed)``, and
``u = Phi(z)``, so each ``u`` is uniform whatever ``rho`` is and the
correlation of any two benefit drivers' ``z`` is ``rho`` (their rank
correlation is ``6 / pi * arcsin(rho / 2)``, within 0.02 of ``rho``).

A ``cohorts[*].field`` range is one uncertain input: every team uses the same
quantile, each with its own value as the mode (docs/MODEL.md, Extensions); a
range on one team (``cohorts[2].price``) beats ``cohorts[*]`` for that team,
as in the batch evaluation. A range whose ends equal the value draws the value
itself, so with every range collapsed the draws equal the deterministic result
exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..formatting import input_range, input_value
from ..limits import draws_problem
from ..model import horizon_weeks
from ..scenario import Scenario, cohort_value, parameter_values, parse_path
from .common import evaluate_in_blocks, leaf_paths
from .normal import standard_normal_cdf

PERCENTILES = {"p10": 10, "p50": 50, "p90": 90}
DEFAULT_CORRELATION = 0.5
# Benefit drivers and the way each moves the benefit: +1 more is better, -1 more is worse.
BENEFIT_DRIVERS = {
    "hours_saved_per_person_per_week": 1, "adoption_rate": 1, "productivity_recapture": 1,
    "completion_rate": 1, "benefit_risk_adjustment": -1, "annual_benefit_decay": -1,
}
# Inputs that only move what the program costs.
COST_INPUTS = {"price", "engagement_weeks", "participant_hours_per_week", "seat_price_per_month",
               "access_months", "training_hours_per_learner", "cost_risk_adjustment"}


def triangular_quantile(u, low, mode, high):
    """The triangular (low, mode, high) distribution's inverse CDF at quantile ``u``.

    A degenerate range (``low == high``) returns the mode exactly.

    Examples
    --------
    >>> triangular_quantile(np.array([0.0, 0.5, 1.0]), 200.0, 350.0, 500.0).tolist()
    [200.0, 350.0, 500.0]
    >>> float(triangular_quantile(0.3, 7.0, 7.0, 7.0))
    7.0
    """
    u = np.asarray(u, dtype=float)
    low, mode, high = (np.asarray(v, dtype=float) for v in (low, mode, high))
    width = high - low
    with np.errstate(divide="ignore", invalid="ignore"):
        cut = np.where(width > 0, (mode - low) / width, 0.0)
        left = low + np.sqrt(u * width * (mode - low))
        right = high - np.sqrt((1.0 - u) * width * (high - mode))
    return np.where(width > 0, np.where(u < cut, left, right), mode)


def _mode(scenario: Scenario, leaf: str) -> float:
    p = parse_path(leaf)
    if p.section == "cohorts":
        if p.index is None:
            raise ValueError(f"{leaf}: a single-valued path names one team, not cohorts[*]")
        return cohort_value(scenario, scenario.cohorts[p.index], p.field)
    return parameter_values(scenario, p)[0]


def input_role(path: str) -> str:
    """``"benefit"`` (a correlated benefit driver), ``"cost"`` or ``"other"`` (both drawn independently).

    >>> input_role("cohorts[*].adoption_rate"), input_role("cohorts[*].price"), input_role("cohorts[0].team_size")
    ('benefit', 'cost', 'other')
    """
    name = parse_path(path).field
    if name in BENEFIT_DRIVERS:
        return "benefit"
    return "cost" if name in COST_INPUTS else "other"


def _check_correlation(correlation) -> float:
    if (isinstance(correlation, bool) or not isinstance(correlation, (int, float, np.floating))
            or not 0 <= correlation <= 1):
        raise ValueError(f"correlation: must be a number from 0 to 1, got {correlation!r}")
    return float(correlation)


def copula_quantiles(scenario: Scenario, draws: int, seed: int,
                     correlation: float = DEFAULT_CORRELATION) -> np.ndarray:
    """The (draws, ranges) quantiles: benefit drivers through the Gaussian copula, the rest independent.

    A benefit driver that lowers the benefit as it rises (risk haircut, decay)
    takes ``1 - u``, so "a bad draw" is bad for every benefit driver at once.

    Examples
    --------
    >>> from calculator.scenario import Cohort
    >>> s = Scenario(cohorts=(Cohort(hours_saved_per_person_per_week=2, adoption_rate=0.8),),
    ...              ranges=(("cohorts[*].hours_saved_per_person_per_week", 1, 3),
    ...                      ("cohorts[*].adoption_rate", 0.5, 1)))
    >>> u = copula_quantiles(s, 5, seed=0, correlation=1.0)
    >>> bool(np.allclose(u[:, 0], u[:, 1]))   # comonotonic at 1
    True
    """
    _check_draws(draws, seed)
    over_budget = draws_problem(int(draws), scenario, horizon_weeks(scenario))
    if over_budget:
        raise ValueError(over_budget)
    rho = _check_correlation(correlation)
    rng = np.random.default_rng(seed)
    normals = rng.standard_normal((draws, len(scenario.ranges) + 1))
    common, own = normals[:, :1], normals[:, 1:]
    z = own.copy()
    for j, (path, _, _) in enumerate(scenario.ranges):
        if input_role(path) == "benefit":
            z[:, j] = math.sqrt(rho) * common[:, 0] + math.sqrt(1.0 - rho) * own[:, j]
    u = standard_normal_cdf(z)  # scipy.special.ndtr's values without importing SciPy (~0.3 s a start)
    for j, (path, _, _) in enumerate(scenario.ranges):
        if BENEFIT_DRIVERS.get(parse_path(path).field) == -1:
            u[:, j] = 1.0 - u[:, j]
    return u


def draw_inputs(scenario: Scenario, draws: int, seed: int,
                correlation: float = DEFAULT_CORRELATION) -> dict[str, np.ndarray]:
    """The drawn override columns, one per team for ``cohorts[*]`` ranges.

    Examples
    --------
    >>> from calculator.presets import load_preset
    >>> columns = draw_inputs(load_preset("seed-200-person-org"), 4, seed=0)
    >>> "cohorts[0].price" in columns and "cohorts[6].adoption_rate" in columns
    True
    >>> bool((columns["cohorts[0].price"] == columns["cohorts[6].price"]).all())   # one shared quantile
    True
    """
    quantiles = copula_quantiles(scenario, draws, seed, correlation)
    own = {path for path, _, _ in scenario.ranges if not parse_path(path).every_cohort}
    columns: dict[str, np.ndarray] = {}
    for j, (path, low, high) in enumerate(scenario.ranges):
        p = parse_path(path)
        for leaf in leaf_paths(scenario, p):
            if p.every_cohort and leaf in own:
                continue  # this team's own range wins
            columns[leaf] = triangular_quantile(quantiles[:, j], low, _mode(scenario, leaf), high)
    return columns


def _check_draws(draws, seed) -> None:
    problems = []
    if isinstance(draws, bool) or not isinstance(draws, (int, np.integer)) or not 1 <= draws <= 1_000_000:
        problems.append(f"draws: must be a whole number from 1 to 1,000,000, got {draws!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        problems.append(f"seed: must be a whole number >= 0, got {seed!r}")
    if problems:
        raise ValueError("\n".join(problems))


@dataclass(frozen=True)
class Percentiles:
    """P10, P50 and P90 of one result over the draws (``None`` where there is no number)."""

    p10: float | None
    p50: float | None
    p90: float | None


@dataclass(frozen=True)
class VariedInput:
    """One ranged input of the Monte Carlo and how it was drawn."""

    parameter: str
    label: str
    low: float
    high: float
    role: str   # "benefit", "cost" or "other"
    how: str
    low_text: str = ""    # the ends as a person reads them ($200,000, 50%, 1.5 h a week)
    high_text: str = ""


@dataclass(frozen=True)
class UncertaintySummary:
    """The digest of a Monte Carlo run: what was varied, P10/P50/P90 and two probabilities."""

    draws: int
    seed: int
    correlation: float
    horizon_months: int
    varied: tuple[VariedInput, ...]
    warnings: tuple[str, ...]
    npv: Percentiles
    roi_pct: Percentiles
    payback_months: Percentiles
    cash_npv: Percentiles           # NPV of the cash part of the value only (MODEL.md v2)
    roi_pv_pct: Percentiles         # present-value ROI, NPV / PV of cost
    prob_npv_positive: float
    prob_payback_within_horizon: float

    @property
    def only_costs_ranged(self) -> bool:
        """True when no benefit driver is ranged (the draws vary what is spent, not what is gained)."""
        return bool(self.varied) and not any(v.role == "benefit" for v in self.varied)


def varied_inputs(scenario: Scenario, correlation: float = DEFAULT_CORRELATION) -> tuple[VariedInput, ...]:
    """Each ranged input with its role and how it is drawn, in the scenario's order.

    >>> from calculator.presets import load_preset
    >>> [(v.parameter, v.role) for v in varied_inputs(load_preset("seed-200-person-org"))][:1]
    [('cohorts[*].price', 'cost')]
    """
    from .tornado import parameter_label  # the tornado owns the readable names

    out = []
    for path, low, high in scenario.ranges:
        role = input_role(path)
        # Each end in its field's unit, as the sensitivity table reads it (calculator.formatting).
        span = input_range(path, low, high, scenario.currency)
        if role == "benefit":
            how = (f"triangular from {span}, most likely at plan; moves with the other benefit "
                   f"drivers (correlation {correlation:g})")
        else:
            how = f"triangular from {span}, most likely at plan; drawn independently"
        if parse_path(path).every_cohort:
            how += "; every team together"
        out.append(VariedInput(path, parameter_label(path, scenario), low, high, role, how,
                               input_value(path, low, scenario.currency), input_value(path, high, scenario.currency)))
    return tuple(out)


def uncertainty_warnings(varied: tuple[VariedInput, ...]) -> tuple[str, ...]:
    """Plain-words warnings about what the draws leave out.

    >>> uncertainty_warnings(())[0][:40]
    'Nothing is ranged: every draw is the pla'
    """
    if not varied:
        return ("Nothing is ranged: every draw is the plan, so the spread says nothing about risk.",)
    if not any(v.role == "benefit" for v in varied):
        return ("Only costs are ranged: hours saved, adoption and recapture are held at plan, so these draws "
                "show how the price and length could move, not whether the benefits arrive. Add ranges on "
                "hours saved, adoption and recapture before reading the chance of a positive NPV.",)
    return ()


@dataclass(frozen=True)
class MonteCarlo:
    """The draws of one Monte Carlo run; :meth:`summary` is the digest.

    ``payback_months`` holds NaN where a draw does not pay back within the horizon.
    """

    draws: int
    seed: int
    correlation: float
    horizon_months: int
    horizon_weeks: int
    varied: tuple[VariedInput, ...]
    npv: np.ndarray = field(repr=False)
    roi_pct: np.ndarray = field(repr=False)
    payback_months: np.ndarray = field(repr=False)
    total_cost: np.ndarray = field(repr=False)
    cash_npv: np.ndarray = field(repr=False)
    roi_pv_pct: np.ndarray = field(repr=False)

    def summary(self) -> UncertaintySummary:
        """P10/P50/P90 of NPV, ROI and payback, the two probabilities, what was varied and the warnings."""
        pays_back = ~np.isnan(self.payback_months)
        return UncertaintySummary(
            draws=self.draws, seed=self.seed, correlation=self.correlation, horizon_months=self.horizon_months,
            varied=self.varied, warnings=uncertainty_warnings(self.varied),
            npv=_percentiles(self.npv), roi_pct=_percentiles(self.roi_pct),
            payback_months=_payback_percentiles(self.payback_months),
            cash_npv=_percentiles(self.cash_npv), roi_pv_pct=_percentiles(self.roi_pv_pct),
            prob_npv_positive=float(np.mean(self.npv > 0)),
            prob_payback_within_horizon=float(np.mean(pays_back)),
        )


def _percentiles(values: np.ndarray) -> Percentiles:
    # ROI is null for a draw that spends nothing: such draws are left out of its percentiles.
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return Percentiles(None, None, None)
    q = np.percentile(finite, list(PERCENTILES.values()))
    return Percentiles(*(float(v) for v in q))


def _payback_percentiles(months: np.ndarray) -> Percentiles:
    """Percentiles over every draw, a draw that does not pay back counted as "later than any".

    A percentile whose (interpolated) position touches those draws is ``None``:
    with 30% of draws not paying back, P90 is "not within the horizon".
    """
    ordered = np.sort(np.where(np.isnan(months), np.inf, months))
    paid = int(np.isfinite(ordered).sum())
    # numpy interpolates as a + (b - a) * t even at t = 0, and inf * 0 is NaN: stand the
    # non-paying draws in with the latest payback, which keeps the order and is never used
    # where a percentile is reported.
    filled = np.where(np.isfinite(ordered), ordered, ordered[paid - 1] if paid else 0.0)
    out = []
    for q in PERCENTILES.values():
        position = (ordered.size - 1) * q / 100.0
        needed = math.floor(position) if position == math.floor(position) else math.ceil(position)
        out.append(None if needed >= paid else float(np.percentile(filled, q)))
    return Percentiles(*out)


def simulate(scenario: Scenario, draws: int = 10_000, seed: int = 0, block: int | None = 1000,
             correlation: float = DEFAULT_CORRELATION) -> MonteCarlo:
    """Run the Monte Carlo and keep every draw (for a histogram or a CDF).

    Parameters
    ----------
    scenario : Scenario
        Its ``ranges`` are the uncertain inputs; without ranges every draw is the plan.
    draws : int
        Number of draws (1 to 1,000,000).
    seed : int
        Seed of ``numpy.random.default_rng``: the same seed gives the same numbers.
    block : int or None
        Draws per batch evaluation (vectorized within a block; ``None``: one batch).
        The results do not depend on it.
    correlation : float
        The benefit drivers' correlation in the Gaussian copula, 0 (independent) to 1 (one driver).

    Examples
    --------
    >>> from calculator.presets import load_preset
    >>> mc = simulate(load_preset("seed-200-person-org"), draws=1000, seed=1)
    >>> mc.npv.shape, mc.correlation
    ((1000,), 0.5)
    """
    columns = draw_inputs(scenario, draws, seed, correlation)
    flows = evaluate_in_blocks(scenario, columns, draws, block)
    return MonteCarlo(draws=int(draws), seed=int(seed), correlation=float(correlation),
                      horizon_months=scenario.finance.horizon_months, horizon_weeks=horizon_weeks(scenario),
                      varied=varied_inputs(scenario, correlation), npv=flows["npv"], roi_pct=flows["roi_pct"],
                      payback_months=flows["payback_months"], total_cost=flows["total_cost"],
                      cash_npv=flows["cash_npv"], roi_pv_pct=flows["roi_pv_pct"])


def uncertainty(scenario: Scenario, draws: int = 10_000, seed: int = 0,
                correlation: float = DEFAULT_CORRELATION) -> UncertaintySummary:
    """Monte Carlo summary: P10/P50/P90 of NPV, cash NPV, ROI, PV ROI and payback, and how likely it pays.

    Returns
    -------
    UncertaintySummary
        A payback percentile that falls among draws that do not pay back within the
        horizon is ``None``. ``varied`` lists each ranged input and how it was drawn;
        ``warnings`` says in words when only costs are ranged. Use :func:`simulate`
        for the draws themselves.

    Examples
    --------
    >>> from calculator.presets import load_preset
    >>> out = uncertainty(load_preset("seed-200-person-org"), draws=2000, seed=0)
    >>> out.npv.p10 <= out.npv.p50 <= out.npv.p90
    True
    """
    return simulate(scenario, draws, seed, correlation=correlation).summary()
