"""Monte Carlo over the scenario's ``ranges``: how sure are we?

Each input named in ``ranges`` is drawn from a triangular distribution
(low, the scenario's value, high) by inverting its CDF at a uniform quantile
from ``numpy.random.default_rng(seed)``: one quantile per range and draw. A
``cohorts[*].field`` range is one uncertain input: every team uses the same
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

from ..model import horizon_weeks
from ..scenario import Scenario, cohort_value, parameter_values, parse_path
from .common import evaluate_in_blocks, leaf_paths

PERCENTILES = {"p10": 10, "p50": 50, "p90": 90}


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
        return cohort_value(scenario, scenario.cohorts[p.index], p.field)
    return parameter_values(scenario, p)[0]


def draw_inputs(scenario: Scenario, draws: int, seed: int) -> dict[str, np.ndarray]:
    """The drawn override columns, one per team for ``cohorts[*]`` ranges.

    Examples
    --------
    >>> from calculator.presets import load_preset
    >>> columns = draw_inputs(load_preset("seed-200-person-org"), 4, seed=0)
    >>> sorted(columns)[:2]
    ['cohorts[0].engagement_weeks', 'cohorts[0].price']
    >>> bool((columns["cohorts[0].price"] == columns["cohorts[6].price"]).all())   # one shared quantile
    True
    """
    _check_draws(draws, seed)
    rng = np.random.default_rng(seed)
    quantiles = rng.random((draws, len(scenario.ranges)))
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
class MonteCarlo:
    """The draws of one Monte Carlo run; :meth:`summary` is the JSON-ready digest.

    ``payback_months`` holds NaN where a draw does not pay back within the horizon.
    """

    draws: int
    seed: int
    horizon_months: int
    horizon_weeks: int
    ranges: tuple
    npv: np.ndarray = field(repr=False)
    roi_pct: np.ndarray = field(repr=False)
    payback_months: np.ndarray = field(repr=False)
    total_cost: np.ndarray = field(repr=False)

    def summary(self) -> dict:
        """P10/P50/P90 of NPV, ROI and payback and the two probabilities (``None`` for null)."""
        pays_back = ~np.isnan(self.payback_months)
        return {
            "draws": self.draws,
            "seed": self.seed,
            "horizon_months": self.horizon_months,
            "inputs": [{"parameter": p, "low": lo, "high": hi} for p, lo, hi in self.ranges],
            "npv": _percentiles(self.npv),
            "roi_pct": _percentiles(self.roi_pct),
            "payback_months": _payback_percentiles(self.payback_months),
            "prob_npv_positive": float(np.mean(self.npv > 0)),
            "prob_payback_within_horizon": float(np.mean(pays_back)),
        }


def _percentiles(values: np.ndarray) -> dict:
    # ROI is null for a draw that spends nothing: such draws are left out of its percentiles.
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return dict.fromkeys(PERCENTILES)
    q = np.percentile(finite, list(PERCENTILES.values()))
    return {k: float(v) for k, v in zip(PERCENTILES, q)}


def _payback_percentiles(months: np.ndarray) -> dict:
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
    out = {}
    for key, q in PERCENTILES.items():
        position = (ordered.size - 1) * q / 100.0
        needed = math.floor(position) if position == math.floor(position) else math.ceil(position)
        out[key] = None if needed >= paid else float(np.percentile(filled, q))
    return out


def simulate(scenario: Scenario, draws: int = 10_000, seed: int = 0, block: int | None = 1000) -> MonteCarlo:
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

    Examples
    --------
    >>> from calculator.presets import load_preset
    >>> mc = simulate(load_preset("seed-200-person-org"), draws=1000, seed=1)
    >>> mc.npv.shape, bool(mc.npv.min() > 0)
    ((1000,), True)
    """
    columns = draw_inputs(scenario, draws, seed)
    flows = evaluate_in_blocks(scenario, columns, draws, block)
    return MonteCarlo(draws=int(draws), seed=int(seed), horizon_months=scenario.finance.horizon_months,
                      horizon_weeks=horizon_weeks(scenario), ranges=scenario.ranges, npv=flows["npv"],
                      roi_pct=flows["roi_pct"], payback_months=flows["payback_months"],
                      total_cost=flows["total_cost"])


def uncertainty(scenario: Scenario, draws: int = 10_000, seed: int = 0) -> dict:
    """Monte Carlo summary: P10/P50/P90 of NPV, ROI and payback, and how likely it pays.

    Returns
    -------
    dict
        ``{draws, seed, horizon_months, inputs, npv: {p10, p50, p90}, roi_pct: {...},
        payback_months: {...}, prob_npv_positive, prob_payback_within_horizon}``.
        A payback percentile that falls among draws that do not pay back within the
        horizon is ``None``. Use :func:`simulate` for the draws themselves.

    Examples
    --------
    >>> from calculator.presets import load_preset
    >>> out = uncertainty(load_preset("seed-200-person-org"), draws=2000, seed=0)
    >>> out["npv"]["p10"] <= out["npv"]["p50"] <= out["npv"]["p90"], out["prob_npv_positive"]
    (True, 1.0)
    """
    return simulate(scenario, draws, seed).summary()
