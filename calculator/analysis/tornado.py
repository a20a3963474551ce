"""Sensitivity: the tornado of NPV with each uncertain input at its low and high end.

Every NPV here comes from the model's own batch evaluation (one call for all ends).
"""

from __future__ import annotations

import dataclasses
import math

from ..formatting import round_half_up
from ..model import evaluate_batch
from ..scenario import Cohort, Scenario, parse_path
from .common import base_columns, leaf_base, leaf_paths

DEFAULT_SWING = 0.20
# Inputs varied +/-20% when the scenario gives them no range; upper caps where a fraction must stay <= 1.
DEFAULT_INPUTS = (
    ("cohorts[*].price", None),
    ("cohorts[*].engagement_weeks", None),
    ("cohorts[*].hours_saved_per_person_per_week", None),
    ("cohorts[*].adoption_rate", 1.0),
    ("organization.loaded_hourly_cost", None),
    ("finance.productivity_recapture", 1.0),
)
LABELS = {
    "price": "Price", "engagement_weeks": "Engagement length (weeks)",
    "hours_saved_per_person_per_week": "Hours saved per person per week", "adoption_rate": "Adoption",
    "loaded_hourly_cost": "Loaded hourly cost", "productivity_recapture": "Productivity recapture",
    "team_size": "Team size", "start_week": "Start week", "participant_hours_per_week": "Participant hours",
    "annual_discount_rate": "Discount rate", "benefit_risk_adjustment": "Benefit risk adjustment",
    "annual_benefit_decay": "Annual benefit decay", "hours_per_fte_year": "Hours per FTE year",
    "learners": "Learners", "seat_price_per_month": "Seat price per month", "access_months": "Access months",
    "training_hours_per_learner": "Training hours per learner", "completion_rate": "Completion rate",
}
_INT_FIELDS = {f.name for f in dataclasses.fields(Cohort) if f.metadata.get("kind") == "int"} | {
    "learners", "start_week"}


def parameter_label(path: str, scenario: Scenario | None = None) -> str:
    """A readable name for a parameter path.

    >>> parameter_label("cohorts[*].price"), parameter_label("finance.productivity_recapture")
    ('Price (every team)', 'Productivity recapture')
    """
    p = parse_path(path)
    name = LABELS.get(p.field, p.field.replace("_", " ").capitalize())
    if p.section == "cohorts":
        if p.every_cohort:
            return f"{name} (every team)"
        team = scenario.cohorts[p.index].name if scenario and p.index < len(scenario.cohorts) else f"team {p.index}"
        return f"{name} ({team})"
    if p.section == "literacy":
        return f"Literacy: {name[0].lower()}{name[1:]}"
    return name


def _tidy(x: float) -> float:
    # 0.8 * 1.2 is 0.9600000000000001 in binary: report (and use) 0.96.
    return float(f"{x:.12g}")


def _tornado_inputs(scenario: Scenario) -> list[dict]:
    """Each bar's low and high ends as values per leaf path."""
    items = []
    ranged_fields = set()
    for path, low, high in scenario.ranges:
        p = parse_path(path)
        ranged_fields.add((p.section, p.field))
        leaves = leaf_paths(scenario, p)
        if not leaves:
            continue
        items.append({"parameter": path, "source": "range", "low": low, "high": high,
                      "low_leaves": dict.fromkeys(leaves, low), "high_leaves": dict.fromkeys(leaves, high)})
    for path, cap in DEFAULT_INPUTS:
        p = parse_path(path)
        if (p.section, p.field) in ranged_fields:
            continue
        leaves = leaf_paths(scenario, p)
        # The base each leaf varies around: a team without its own hourly cost uses the organization's.
        bases = _leaf_values(scenario, leaves)
        lows = [_tidy(b * (1 - DEFAULT_SWING)) for b in bases]
        highs = [_tidy(b * (1 + DEFAULT_SWING)) for b in bases]
        if cap is not None:
            lows, highs = [min(v, cap) for v in lows], [min(v, cap) for v in highs]
        if p.field in _INT_FIELDS:
            lows, highs = [float(round_half_up(v)) for v in lows], [float(round_half_up(v)) for v in highs]
        if not leaves or all(lo == hi for lo, hi in zip(lows, highs)):
            continue  # nothing to vary (no team, or every value is zero)
        same = len(set(lows)) == 1 and len(set(highs)) == 1
        items.append({"parameter": path, "source": f"default: each value -/+{DEFAULT_SWING:.0%}",
                      "low": lows[0] if same else None, "high": highs[0] if same else None,
                      "low_leaves": dict(zip(leaves, lows)), "high_leaves": dict(zip(leaves, highs))})
    return items


def _leaf_values(scenario: Scenario, leaves: list[str]) -> list[float]:
    values = []
    for leaf in leaves:
        v = leaf_base(scenario, leaf)
        values.append(scenario.organization.loaded_hourly_cost if math.isnan(v) else v)
    return values


def tornado(scenario: Scenario) -> list[dict]:
    """NPV with each uncertain input at its low and at its high end, all else at base.

    The inputs are the scenario's ``ranges``; each of price, engagement length,
    hours saved, adoption (every team), the organization's loaded hourly cost and
    productivity recapture that has no range there is varied by -/+20% of its
    value (each team around its own value; adoption and recapture capped at 1;
    weeks rounded to whole weeks). A default that cannot move NPV (hours saved
    of zero, or hourly cost when nobody saves hours) is left out; an input the
    scenario gives a range always gets its bar. All ends go through one batch
    evaluation.

    Returns
    -------
    list of dict
        ``{parameter, label, source, low, high, npv_low, npv_high, npv_base, swing}``
        sorted by ``swing = |npv_high - npv_low|``, largest first. ``low`` and
        ``high`` are ``None`` for a -/+20% default whose teams start from different values.

    Examples
    --------
    >>> from calculator.presets import load_preset
    >>> bars = tornado(load_preset("seed-200-person-org"))
    >>> [(bar["parameter"], bar["low"], bar["high"]) for bar in bars][:2]
    [('cohorts[*].hours_saved_per_person_per_week', None, None), ('cohorts[*].adoption_rate', 0.64, 0.96)]
    >>> all(round(a["swing"], 2) >= round(b["swing"], 2) for a, b in zip(bars, bars[1:]))
    True
    """
    items = _tornado_inputs(scenario)
    if not items:
        return []
    n = 1 + 2 * len(items)
    leaves = sorted({leaf for item in items for leaf in item["low_leaves"]})
    columns = base_columns(scenario, leaves, n)
    for k, item in enumerate(items):
        for leaf, value in item["low_leaves"].items():
            columns[leaf][1 + 2 * k] = value
        for leaf, value in item["high_leaves"].items():
            columns[leaf][2 + 2 * k] = value
    npv = evaluate_batch(scenario, columns).npv
    rows = []
    for k, item in enumerate(items):
        npv_low, npv_high = float(npv[1 + 2 * k]), float(npv[2 + 2 * k])
        if item["source"] != "range" and npv_low == npv_high:
            continue  # a default that moves nothing (say, hourly cost when no team saves hours)
        rows.append({"parameter": item["parameter"], "label": parameter_label(item["parameter"], scenario),
                     "source": item["source"], "low": item["low"], "high": item["high"],
                     "npv_low": npv_low, "npv_high": npv_high, "npv_base": float(npv[0]),
                     "swing": abs(npv_high - npv_low)})
    # Equal swings (hours, adoption and hourly cost all scale value alike) keep the input order,
    # not the order float noise in the last digit would give them.
    order = sorted(range(len(rows)), key=lambda k: (-round(rows[k]["swing"], 6), k))
    return [rows[k] for k in order]
