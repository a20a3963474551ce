"""Pilot actuals: entering them, plan against actual per team, and recalibrating the scenario from them.

A team's ``actuals`` (schema version 2) hold what its pilot measured. The
recalibration rule (``docs/MODEL.md``, "Extensions"), for each team ``i`` with a measurement:

- the measured hours per person a week replace ``hours_saved_per_person_per_week``, the
  observed adoption replaces ``adoption_rate``, the workflows built replace ``workflows_built``;
- for each of the first two that was measured (value ``m``), if a range applied to that input
  before (``cohorts[i]``, else ``cohorts[*]``), the team gets its own range ``cohorts[i]`` =
  ``[m x 0.9, m x 1.1]`` (within the field's limits), intersected with the earlier range when
  that range contained ``m``. It never gets wider than the earlier range when the
  measurement agrees with it, and it always contains ``m``. An input with no range stays without one;
- a ``cohorts[*]`` range that no longer contains ``m`` is stretched just enough to contain it
  (the format requires a shared range to hold every team's value); the measured team itself
  follows its own ``cohorts[i]`` range, which beats ``cohorts[*]`` in every analysis.

The actuals themselves stay in the scenario, so recalibrating twice changes nothing more.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

from ..editing import edit
from ..scenario import Actuals, Cohort, ParameterPath, Scenario, from_dict, parse_path, to_dict
from .measurement import planned_workflows, steady_weekly_hours

MEASUREMENT_BAND = 0.10   # a few weeks' measurement of one team: kept as +/- 10%

# Measured field -> the assumption it replaces.
REPLACES = {
    "measured_hours_saved_per_person_per_week": "hours_saved_per_person_per_week",
    "observed_adoption_rate": "adoption_rate",
    "workflows_built": "workflows_built",
}
RANGED = ("hours_saved_per_person_per_week", "adoption_rate")

# The actuals table: one row per team; adoption is shown as a percent.
ACTUALS_COLUMNS = ("team", "tier", "workflows_built", "workflows_in_use_30d",
                   "measured_hours_saved_per_person_per_week", "observed_adoption_pct")


def actuals_rows(scenario: Scenario) -> list[dict]:
    """The teams' actuals as table rows (empty cells where nothing is measured yet).

    >>> s = Scenario(cohorts=(Cohort(name="A", actuals=Actuals(observed_adoption_rate=0.75)),))
    >>> actuals_rows(s)[0]["observed_adoption_pct"], actuals_rows(s)[0]["workflows_built"]
    (75.0, None)
    """
    rows = []
    for c in scenario.cohorts:
        a = c.actuals or Actuals()
        rows.append({"team": c.name, "tier": c.tier, "workflows_built": a.workflows_built,
                     "workflows_in_use_30d": a.workflows_in_use_30d,
                     "measured_hours_saved_per_person_per_week": a.measured_hours_saved_per_person_per_week,
                     "observed_adoption_pct": None if a.observed_adoption_rate is None
                     else round(a.observed_adoption_rate * 100.0, 6)})
    return rows


def _plain(value: Any) -> Any:
    if hasattr(value, "item"):  # numpy scalars from a table become plain numbers
        value = value.item()
    if isinstance(value, float) and math.isnan(value):  # an emptied table cell
        return None
    return value


def actuals_changes(index: int, values: dict) -> dict[str, Any]:
    """Table cells of team ``index`` as validated-edit paths (percent adoption becomes a fraction).

    >>> actuals_changes(1, {"observed_adoption_pct": 150, "workflows_built": 4.0, "team": "ignored"})
    {'cohorts[1].actuals.observed_adoption_rate': 1.5, 'cohorts[1].actuals.workflows_built': 4}
    """
    changes = {}
    for column, value in values.items():
        value = _plain(value)
        if column == "observed_adoption_pct":
            column, value = "observed_adoption_rate", (None if value is None else round(value / 100.0, 10))
        elif column not in ACTUALS_COLUMNS[2:]:
            continue  # the team's name and tier are shown, not edited here
        if column.startswith("workflows") and isinstance(value, float) and value.is_integer():
            value = int(value)
        changes[f"cohorts[{index}].actuals.{column}"] = value
    return changes


def apply_actuals_edits(scenario: Scenario, edited_rows: dict) -> Scenario:
    """Apply a table's edited cells as one validated edit; a bad value is a ``ScenarioError`` by field path.

    >>> s = Scenario(cohorts=(Cohort(name="A"),))
    >>> apply_actuals_edits(s, {0: {"workflows_built": 4}}).cohorts[0].actuals
    Actuals(workflows_built=4, workflows_in_use_30d=None, measured_hours_saved_per_person_per_week=None, \
observed_adoption_rate=None)
    >>> apply_actuals_edits(s, {"0": {"observed_adoption_pct": 150}})
    Traceback (most recent call last):
    ...
    calculator.scenario.ScenarioError: cohorts[0].actuals.observed_adoption_rate: must be between 0 and 1, got 1.5
    """
    changes: dict[str, Any] = {}
    for index, values in edited_rows.items():
        changes.update(actuals_changes(int(index), values))
    return edit(scenario, changes) if changes else scenario


def has_actuals(scenario: Scenario) -> bool:
    """True when at least one team has a measured figure.

    >>> has_actuals(Scenario(cohorts=(Cohort(actuals=Actuals()),)))
    False
    """
    return any(c.actuals is not None and c.actuals.measured for c in scenario.cohorts)


# --------------------------------------------------------------------------- plan vs actual
@dataclass(frozen=True)
class PlanVsActual:
    """One team's plan beside what was measured; ``actual_*`` are ``None`` until measured.

    ``*_weekly_hours`` are the team's hours a week once adopted, ``team_size x adoption x hours``;
    the actual figure takes the measured values where there are some and the plan's elsewhere.
    """

    index: int
    team: str
    tier: int
    measured: bool
    planned_workflows: int
    workflows_basis: str
    actual_workflows: int | None
    actual_in_use_30d: int | None
    planned_hours_per_person: float
    actual_hours_per_person: float | None
    planned_adoption: float
    actual_adoption: float | None
    planned_weekly_hours: float
    actual_weekly_hours: float | None

    @property
    def weekly_hours_ratio(self) -> float | None:
        """Actual over planned weekly hours (1.0 = as planned); ``None`` without both."""
        if self.actual_weekly_hours is None or not self.planned_weekly_hours:
            return None
        return self.actual_weekly_hours / self.planned_weekly_hours


def plan_vs_actual(scenario: Scenario) -> tuple[PlanVsActual, ...]:
    """Every team's plan and its actuals side by side.

    Examples
    --------
    Planned: 8 people x 80% x 3.75 h = 24 h a week. Measured: 8 x 60% x 3 h = 14.4 h, 60% of plan.

    >>> team = Cohort(name="Marketing", team_size=8, adoption_rate=0.8, hours_saved_per_person_per_week=3.75,
    ...               actuals=Actuals(measured_hours_saved_per_person_per_week=3.0, observed_adoption_rate=0.6))
    >>> row = plan_vs_actual(Scenario(cohorts=(team,)))[0]
    >>> (row.planned_weekly_hours, round(row.actual_weekly_hours, 6), round(row.weekly_hours_ratio, 6))
    (24.0, 14.4, 0.6)
    """
    rows = []
    for i, c in enumerate(scenario.cohorts):
        a = c.actuals or Actuals()
        measured_any = a.measured
        planned, basis = planned_workflows(c)
        hours_or_adoption = (a.measured_hours_saved_per_person_per_week is not None
                             or a.observed_adoption_rate is not None)
        rows.append(PlanVsActual(
            index=i, team=c.name, tier=c.tier, measured=measured_any,
            planned_workflows=planned, workflows_basis=basis,
            actual_workflows=a.workflows_built, actual_in_use_30d=a.workflows_in_use_30d,
            planned_hours_per_person=c.hours_saved_per_person_per_week,
            actual_hours_per_person=a.measured_hours_saved_per_person_per_week,
            planned_adoption=c.adoption_rate, actual_adoption=a.observed_adoption_rate,
            planned_weekly_hours=steady_weekly_hours(c),
            actual_weekly_hours=steady_weekly_hours(_measured_cohort(c)) if hours_or_adoption else None,
        ))
    return tuple(rows)


# --------------------------------------------------------------------------- recalibration
def _measured_cohort(cohort: Cohort) -> Cohort:
    """The team with its measured values in place of the assumptions they replace."""
    a = cohort.actuals
    if a is None:
        return cohort
    changes = {target: getattr(a, source) for source, target in REPLACES.items() if getattr(a, source) is not None}
    return dataclasses.replace(cohort, **changes)


def _field_limits(name: str) -> tuple[float, float]:
    meta = next(f for f in dataclasses.fields(Cohort) if f.name == name).metadata
    return float(meta["low"]), float(meta["high"])


def measurement_band(name: str, value: float) -> tuple[float, float]:
    """``[m x 0.9, m x 1.1]`` within the field's limits, to 6 decimals, always containing ``m``.

    >>> measurement_band("adoption_rate", 0.7), measurement_band("adoption_rate", 1.0)
    ((0.63, 0.77), (0.9, 1.0))
    >>> measurement_band("hours_saved_per_person_per_week", 3.0)
    (2.7, 3.3)
    """
    low_limit, high_limit = _field_limits(name)
    low = max(low_limit, round(value * (1 - MEASUREMENT_BAND), 6))
    high = min(high_limit, round(value * (1 + MEASUREMENT_BAND), 6))
    return min(low, value), max(high, value)  # rounding must never leave m outside


def recalibrate(scenario: Scenario) -> Scenario:
    """The scenario with measured values in place of the assumptions, for the teams that have actuals.

    See the module's docstring for the exact rule on ranges. The result is validated like a file.

    Examples
    --------
    Team 0 measured 3 h a person at 60% adoption with 4 workflows; the shared hours range [1.5, 4.5]
    contained 3, so team 0 gets ``[2.7, 3.3]`` (3 +/- 10%, inside it); adoption had no range and keeps none.

    >>> s = from_dict({"cohorts": [
    ...     {"name": "A", "hours_saved_per_person_per_week": 3.75, "adoption_rate": 0.8,
    ...      "actuals": {"workflows_built": 4, "measured_hours_saved_per_person_per_week": 3,
    ...                  "observed_adoption_rate": 0.6}},
    ...     {"name": "B", "hours_saved_per_person_per_week": 2.5}],
    ...     "ranges": {"cohorts[*].hours_saved_per_person_per_week": [1.5, 4.5]}})
    >>> out = recalibrate(s)
    >>> a = out.cohorts[0]
    >>> (a.hours_saved_per_person_per_week, a.adoption_rate, a.workflows_built)
    (3.0, 0.6, 4)
    >>> out.ranges
    (('cohorts[*].hours_saved_per_person_per_week', 1.5, 4.5), ('cohorts[0].hours_saved_per_person_per_week', 2.7, 3.3))
    >>> recalibrate(out) == out
    True
    """
    cohorts = tuple(_measured_cohort(c) for c in scenario.cohorts)
    ranges = {path: [low, high] for path, low, high in scenario.ranges}
    for i, (before, after) in enumerate(zip(scenario.cohorts, cohorts)):
        for name in RANGED:
            if before.actuals is None or getattr(before.actuals, _source_of(name)) is None:
                continue
            m = float(getattr(after, name))
            own, shared = str(ParameterPath("cohorts", name, i)), str(ParameterPath("cohorts", name))
            prior = ranges.get(own) or ranges.get(shared)
            if prior is None:
                continue
            low, high = measurement_band(name, m)
            if prior[0] <= m <= prior[1]:
                low, high = max(low, prior[0]), min(high, prior[1])
            ranges[own] = [low, high]
            if shared in ranges:
                ranges[shared] = [min(ranges[shared][0], m), max(ranges[shared][1], m)]
    data = to_dict(dataclasses.replace(scenario, cohorts=cohorts, ranges=()))
    data["ranges"] = ranges
    return from_dict(data)


def _source_of(name: str) -> str:
    return next(source for source, target in REPLACES.items() if target == name)


def recalibration_changes(scenario: Scenario) -> list[dict]:
    """What :func:`recalibrate` would change: one row per input or range, before and after.

    >>> s = Scenario(cohorts=(Cohort(name="A", adoption_rate=0.8, actuals=Actuals(observed_adoption_rate=0.6)),))
    >>> recalibration_changes(s)
    [{'path': 'cohorts[0].adoption_rate', 'team': 'A', 'before': 0.8, 'after': 0.6}]
    """
    after = recalibrate(scenario)
    rows = []
    for i, (b, a) in enumerate(zip(scenario.cohorts, after.cohorts)):
        for name in REPLACES.values():
            if getattr(b, name) != getattr(a, name):
                rows.append({"path": f"cohorts[{i}].{name}", "team": b.name, "before": getattr(b, name),
                             "after": getattr(a, name)})
    old = {path: (low, high) for path, low, high in scenario.ranges}
    for path, low, high in after.ranges:
        if old.get(path) != (low, high):
            p = parse_path(path)
            team = "every team" if p.index is None else after.cohorts[p.index].name
            rows.append({"path": f"ranges[{path}]", "team": team,
                         "before": list(old[path]) if path in old else None, "after": [low, high]})
    return rows
