"""Sensitivity: the tornado of NPV with each uncertain input at its low and high end.

Every NPV here comes from the model's own batch evaluation: one call for every
end that keeps the horizon, and one per end of the horizon bar (a different
horizon is a different weekly grid).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from ..formatting import count, input_value, round_half_up, share
from ..model import evaluate_batch
from ..scenario import Cohort, Scenario, parse_path
from .common import base_columns, leaf_base, leaf_paths

DEFAULT_SWING = 0.20
HORIZON_SWING_MONTHS = 12      # the horizon bar: 12 months shorter and 12 longer
RATE_SWING = 0.05              # the discount-rate bar: 5 points lower and higher
START_DELAY_WEEKS = 13         # the start-delay bar: every team (and literacy) starts a quarter late
COST_RISK_SWING = 0.10         # the cost-risk bar: 10 points lower (at least 0) and higher
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
    "annual_benefit_decay": "Annual benefit decay", "cost_risk_adjustment": "Cost risk",
    "hours_per_fte_year": "Hours per FTE year",
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
        if p.index is None:
            return f"{name} (every team)"
        team = scenario.cohorts[p.index].name if scenario and p.index < len(scenario.cohorts) else f"team {p.index}"
        return f"{name} ({team})"
    if p.section == "literacy":
        return f"Literacy: {name[0].lower()}{name[1:]}"
    return name


def _tidy(x: float) -> float:
    # 0.8 * 1.2 is 0.9600000000000001 in binary: report (and use) 0.96.
    return float(f"{x:.12g}")


def _end_texts(low: float | None, high: float | None, field_name: str) -> tuple[str, str]:
    if low is None:
        return f"each team's value -{DEFAULT_SWING:.0%}", f"each team's value +{DEFAULT_SWING:.0%}"
    # Read as the input reads elsewhere: 50%, $36.52, 1.5 h a week (calculator.formatting).
    return input_value(field_name, low), input_value(field_name, high)


def _tornado_inputs(scenario: Scenario) -> list[dict]:
    """Each bar's low and high ends as values per leaf path (the horizon bar is separate)."""
    items = []
    ranged_fields = set()
    for path, low, high in scenario.ranges:
        p = parse_path(path)
        ranged_fields.add((p.section, p.field))
        leaves = leaf_paths(scenario, p)
        if not leaves:
            continue
        items.append({"parameter": path, "source": "range", "low": low, "high": high,
                      "texts": _end_texts(low, high, p.field),
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
        # One value at each end when every team shares it; None when teams differ (each moves its own).
        shared_low, shared_high = (lows[0], highs[0]) if same else (None, None)
        items.append({"parameter": path, "source": f"default: each value -/+{DEFAULT_SWING:.0%}",
                      "low": shared_low, "high": shared_high, "texts": _end_texts(shared_low, shared_high, p.field),
                      "low_leaves": dict(zip(leaves, lows)), "high_leaves": dict(zip(leaves, highs))})
    finance = scenario.finance
    swings = (("annual_discount_rate", finance.annual_discount_rate, RATE_SWING, lambda v: f"{share(v)} a year"),
              ("cost_risk_adjustment", finance.cost_risk_adjustment, COST_RISK_SWING, lambda v: f"costs x {1 + v:.2f}"))
    for name, value, swing, text in swings:
        if ("finance", name) in ranged_fields:
            continue
        low, high = _tidy(max(0.0, value - swing)), _tidy(min(1.0, value + swing))
        items.append({"parameter": f"finance.{name}", "source": f"default: -/+{swing * 100:g} points",
                      "low": low, "high": high, "texts": (text(low), text(high)),
                      "low_leaves": {f"finance.{name}": low}, "high_leaves": {f"finance.{name}": high}})
    starts = {f"cohorts[{i}].start_week": float(c.start_week) for i, c in enumerate(scenario.cohorts)}
    if scenario.literacy.enabled:
        starts["literacy.start_week"] = float(scenario.literacy.start_week)
    if starts:
        items.append({"parameter": "start_delay_weeks", "source": "default: every start on plan, or a quarter late",
                      "low": 0.0, "high": float(START_DELAY_WEEKS),
                      "texts": ("on plan", f"every team {START_DELAY_WEEKS} weeks late"),
                      "low_leaves": starts,
                      "high_leaves": {leaf: week + START_DELAY_WEEKS for leaf, week in starts.items()}})
    return items


def _horizon_bar(scenario: Scenario) -> dict:
    """NPV over a horizon 12 months shorter and 12 months longer (each its own weekly grid)."""
    months = scenario.finance.horizon_months
    low, high = max(1, months - HORIZON_SWING_MONTHS), min(120, months + HORIZON_SWING_MONTHS)

    def npv_at(m: int) -> float:
        shorter_or_longer = dataclasses.replace(scenario, finance=dataclasses.replace(scenario.finance,
                                                                                       horizon_months=m))
        return float(evaluate_batch(shorter_or_longer).npv[0])

    return {"parameter": "finance.horizon_months", "source": f"default: -/+{HORIZON_SWING_MONTHS} months",
            "low": float(low), "high": float(high), "texts": (count(low, "month"), count(high, "month")),
            "npv_low": npv_at(low), "npv_high": npv_at(high)}


def _leaf_values(scenario: Scenario, leaves: list[str]) -> list[float]:
    values = []
    for leaf in leaves:
        v = leaf_base(scenario, leaf)
        values.append(scenario.organization.loaded_hourly_cost if math.isnan(v) else v)
    return values


# Bars that are not one parameter path (the horizon reshapes the weekly grid; the delay moves every start).
_STRUCTURAL_LABELS = {"finance.horizon_months": "Horizon (months)", "start_delay_weeks": "Start delay"}


@dataclass(frozen=True)
class TornadoBar:
    """NPV with one input at its low and at its high end, every other input at plan."""

    parameter: str
    label: str
    source: str
    low: float | None       # None: a -/+20% default whose teams start from different values
    high: float | None
    low_text: str           # the low and high ends in words ("12 months", "each team's value -20%")
    high_text: str
    npv_low: float
    npv_high: float
    npv_base: float
    swing: float


def tornado(scenario: Scenario) -> tuple[TornadoBar, ...]:
    """NPV with each uncertain input at its low and at its high end, all else at base.

    The inputs are the scenario's ``ranges``; each of price, engagement length,
    hours saved, adoption (every team), the organization's loaded hourly cost and
    productivity recapture that has no range there is varied by -/+20% of its
    value (each team around its own value; adoption and recapture capped at 1;
    weeks rounded to whole weeks). Three more bars are always there: the
    horizon 12 months shorter and longer (at least 1, at most 120), the discount
    rate 5 points lower and higher (at least 0), cost risk 10 points lower and
    higher (at least 0), and a start delay (every team and literacy on plan, or
    13 weeks late). A default that cannot move NPV
    (hours saved of zero, or hourly cost when nobody saves hours) is left out;
    an input the scenario gives a range always gets its bar.

    Returns
    -------
    tuple of TornadoBar
        Sorted by ``swing = |npv_high - npv_low|``, largest first; each bar states
        its ends in words (``low_text``, ``high_text``).

    Examples
    --------
    >>> from calculator.scenario import Cohort
    >>> bars = tornado(Scenario(cohorts=(Cohort(hours_saved_per_person_per_week=3, adoption_rate=0.8),)))
    >>> [(bar.label, bar.low_text, bar.high_text) for bar in bars][:2]   # doctest: +NORMALIZE_WHITESPACE
    [('Horizon (months)', '12 months', '36 months'),
     ('Hours saved per person per week (every team)', '2.4 h a week', '3.6 h a week')]
    >>> all(round(a.swing, 2) >= round(b.swing, 2) for a, b in zip(bars, bars[1:]))
    True
    """
    items = _tornado_inputs(scenario)
    n = 1 + 2 * len(items)
    leaves = sorted({leaf for item in items for leaf in item["low_leaves"]})
    columns = base_columns(scenario, leaves, n)
    for k, item in enumerate(items):
        for leaf, value in item["low_leaves"].items():
            columns[leaf][1 + 2 * k] = value
        for leaf, value in item["high_leaves"].items():
            columns[leaf][2 + 2 * k] = value
    npv = evaluate_batch(scenario, columns).npv
    base = float(npv[0])
    for k, item in enumerate(items):
        item["npv_low"], item["npv_high"] = float(npv[1 + 2 * k]), float(npv[2 + 2 * k])
    items.append(_horizon_bar(scenario))
    rows = []
    for item in items:
        npv_low, npv_high = item["npv_low"], item["npv_high"]
        if item["source"] != "range" and npv_low == npv_high:
            continue  # a default that moves nothing (say, hourly cost when no team saves hours)
        label = _STRUCTURAL_LABELS.get(item["parameter"]) or parameter_label(item["parameter"], scenario)
        rows.append(TornadoBar(parameter=item["parameter"], label=label, source=item["source"], low=item["low"],
                               high=item["high"], low_text=item["texts"][0], high_text=item["texts"][1],
                               npv_low=npv_low, npv_high=npv_high, npv_base=base, swing=abs(npv_high - npv_low)))
    # Equal swings (hours, adoption and hourly cost all scale value alike) keep the input order,
    # not the order float noise in the last digit would give them.
    order = sorted(range(len(rows)), key=lambda k: (-round(rows[k].swing, 6), k))
    return tuple(rows[k] for k in order)
