"""Editing a scenario: field edits, team add / duplicate / remove, table edits.

Every edit goes back through :func:`calculator.scenario.from_dict`, so the app's
widgets and table are validated exactly like a file: a bad value is a
``ScenarioError`` naming its path, and the caller keeps the scenario it had.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterable
from typing import Any

from .assumptions import credited_hours, delivery_assumptions, starting_note, switch_assumptions
from .formatting import input_range
from .presets import price_benchmark
from .scenario import (
    DELIVERY_DEFAULTS,
    Actuals,
    Cohort,
    ParameterPath,
    Scenario,
    ScenarioError,
    from_dict,
    parameter_values,
    parse_path,
    split_path,
    to_dict,
)

# Nullable nested objects an edit may reach into: a field path through a null one creates it, empty.
NESTED_OBJECTS = {"actuals": Actuals}


def _split_path(path: str) -> list:
    """``cohorts[1].team_size`` -> ["cohorts", 1, "team_size"], through the scenario's one path parser."""
    try:
        parts = split_path(path)
    except ValueError:
        raise ScenarioError([f"{path}: not an editable field"]) from None
    if "*" in parts:
        raise ScenarioError([f"{path}: not an editable field (edit one team at a time)"])
    return parts


def value_at(scenario: Scenario, path: str) -> Any:
    """The scenario's value at a field path, as stored (``None`` where a nullable field is unset).

    The one reader the app's widgets use, so every control shows exactly what the scenario holds.

    >>> s = Scenario(cohorts=(Cohort(team_size=12),))
    >>> value_at(s, "cohorts[0].team_size"), value_at(s, "finance.horizon_months"), value_at(s, "name")
    (12, 24, 'Untitled scenario')
    >>> value_at(s, "cohorts[3].team_size")
    Traceback (most recent call last):
    ...
    calculator.scenario.ScenarioError: cohorts[3].team_size: not an editable field
    """
    target: Any = scenario
    try:
        for part in _split_path(path):
            target = target[part] if isinstance(part, int) else getattr(target, part)
    except (AttributeError, IndexError, TypeError):
        raise ScenarioError([f"{path}: not an editable field"])
    return target


# Text fields that name something: shown on charts, in exports and file names, so never blank.
NAME_FIELDS = ("name",)


def _clean(path: str, value: Any) -> Any:
    """Names are trimmed and must not be empty; other values pass through to the file validation."""
    if path.rsplit(".", 1)[-1] in NAME_FIELDS and isinstance(value, str):
        value = value.strip()
        if not value:
            raise ScenarioError([f"{path}: must not be empty"])
    return value


def _changed(scenario: Scenario, changes: dict[str, Any]) -> dict:
    """The scenario as a file dict with each ``{path: value}`` written in (not yet validated)."""
    data = to_dict(scenario)
    for path, value in changes.items():
        parts = _split_path(path)
        target = data
        try:
            for part in parts[:-1]:
                if isinstance(target, dict) and part in NESTED_OBJECTS and target.get(part, 0) is None:
                    target[part] = {f.name: f.default for f in dataclasses.fields(NESTED_OBJECTS[part])}
                target = target[part]
        except (KeyError, IndexError, TypeError):
            raise ScenarioError([f"{path}: not an editable field"])
        if not isinstance(target, dict) or (parts[-1] not in target and parts[0] != "ranges"):
            raise ScenarioError([f"{path}: not an editable field"])
        target[parts[-1]] = _clean(path, value)
    _refuse_shared_names(data, [p for p in changes if _TEAM_NAME.match(p)])
    return data


_TEAM_NAME = re.compile(r"^cohorts\[(\d+)\]\.name$")


def _name_key(name: Any) -> Any:
    return name.strip().casefold() if isinstance(name, str) else name


def _refuse_shared_names(data: dict, paths: list[str]) -> None:
    """A team renamed to another team's name is refused: charts (the sensitivity bars), the per-team tables and
    the governance list tell teams apart only by name, so two "Finance pilot" rows could not be told apart.
    Names that differ only in case or spaces count as the same. A file may still hold such names (it loads, and
    its exports key teams by index); an edit may not make new ones."""
    teams = data.get("cohorts", [])
    problems = []
    for path in paths:
        index = int(path[len("cohorts["):path.index("]")])
        name = teams[index].get("name") if index < len(teams) else None
        other = next((j for j, team in enumerate(teams) if j != index and _name_key(team.get("name")) ==
                      _name_key(name)), None)
        if other is not None:
            problems.append(f"{path}: must differ from every other team's name; team {other + 1} is already "
                            f"called {teams[other]['name']!r}")
    if problems:
        raise ScenarioError(problems)


def edit(scenario: Scenario, changes: dict[str, Any]) -> Scenario:
    """A validated copy of the scenario with each ``{path: value}`` applied.

    Every edit goes through the same validation as a file, so a bad value is a
    ``ScenarioError`` naming its path and the caller keeps the scenario it had.
    Names are trimmed and may not be empty.

    >>> s = edit(Scenario(cohorts=(Cohort(),)), {"cohorts[0].team_size": 12})
    >>> s.cohorts[0].team_size
    12
    >>> edit(s, {"cohorts[0].adoption_rate": 1.5})
    Traceback (most recent call last):
    ...
    calculator.scenario.ScenarioError: cohorts[0].adoption_rate: must be between 0 and 1, got 1.5
    >>> edit(s, {"name": "  Acme  "}).name
    'Acme'

    A field of a nested object that is still null (a team's ``actuals``) creates the object:

    >>> edit(s, {"cohorts[0].actuals.workflows_built": 4}).cohorts[0].actuals.workflows_built
    4
    """
    return from_dict(_changed(scenario, changes))


def zero_cost_notes(scenario: Scenario, changes: dict[str, Any]) -> list[str]:
    """What a loaded hourly cost set to $0 means, said when it is set: every saved hour is then worth $0.

    The contract allows $0 (a cost-only view), so it is not refused, but it is never applied silently.

    >>> zero_cost_notes(Scenario(), {"organization.loaded_hourly_cost": 0.0})
    ['Loaded hourly cost is $0/h: every hour saved is worth $0, so only the teams with an hourly cost of \
their own show any value.']
    """
    notes = []
    for path, value in changes.items():
        if path.rsplit(".", 1)[-1] != "loaded_hourly_cost" or value is None or value != 0:
            continue
        parsed = parse_path(path)
        if parsed.section == "organization":
            notes.append("Loaded hourly cost is $0/h: every hour saved is worth $0, so only the teams with an "
                         "hourly cost of their own show any value.")
        elif parsed.index is not None and parsed.index < len(scenario.cohorts):
            notes.append(f"Hourly cost override ({scenario.cohorts[parsed.index].name}) is $0/h: this team's "
                         "hours saved are worth $0. Leave it empty to use the organization's.")
    return notes


@dataclasses.dataclass(frozen=True)
class Widened:
    """An edit's result and the uncertainty ranges it widened: sentences for the presenter, and the
    ranges' paths (``cohorts[*].adoption_rate``) for code and tests."""

    scenario: Scenario
    notes: tuple[str, ...] = ()
    widened: tuple[str, ...] = ()


def _range_name(path: str, scenario: Scenario | None) -> str:
    """"Adoption range (every team)": the input's label (as the sensitivity table names it) with "range"."""
    from .analysis.tornado import parameter_label  # imported here: the analysis package is heavy

    label = parameter_label(path, scenario)
    name, bracket, rest = label.partition(" (")
    return f"{name} range{' (' + rest if bracket else ''}"


def widened_note(path: str, before: tuple[float, float], after: tuple[float, float],
                 scenario: Scenario | None = None, currency: str = "USD") -> str:
    """The sentence a presenter reads when a move widened an uncertainty range.

    >>> widened_note("cohorts[*].adoption_rate", (0.45, 1.0), (0.4, 1.0))
    'Adoption range (every team) widened from 45%–100% to 40%–100% to include the value you set.'
    """
    return (f"{_range_name(path, scenario)} widened from {input_range(path, *before, currency, joiner='–')} to "
            f"{input_range(path, *after, currency, joiner='–')} to include the value you set.")


def _fit_ranges(data: dict) -> tuple[dict, list[str], list[str]]:
    """Widen each range in a file dict just enough to hold the scenario's own value(s) at its path.

    Returns the dict, a sentence per widened range and the widened ranges' paths.
    """
    base = from_dict({**data, "ranges": {}})  # the fields' own problems, reported first
    ranges, notes, widened = {}, [], []
    for path, (low, high) in data.get("ranges", {}).items():
        try:
            values = parameter_values(base, path)
        except ValueError:  # a path the file validation reports (a cohort that is gone, say)
            values = []
        new_low, new_high = min([low, *values]), max([high, *values])
        if (new_low, new_high) != (low, high):
            notes.append(widened_note(path, (low, high), (new_low, new_high), base, base.currency))
            widened.append(path)
        ranges[path] = [new_low, new_high]
    return {**data, "ranges": ranges}, notes, widened


def edit_widening(scenario: Scenario, changes: dict[str, Any]) -> Widened:
    """Like :func:`edit`, but a value moved outside its uncertainty range widens that range to include it.

    A live what-if ("what if only half adopt?") is never refused because of a range: the move is kept,
    the range grows to hold it, and the notes say so. Values are still validated like a file.

    >>> s = Scenario(cohorts=(Cohort(adoption_rate=0.8),), ranges=(("cohorts[*].adoption_rate", 0.5, 1.0),))
    >>> out = edit_widening(s, {"cohorts[0].adoption_rate": 0.4})
    >>> out.scenario.cohorts[0].adoption_rate, out.scenario.ranges
    (0.4, (('cohorts[*].adoption_rate', 0.4, 1.0),))
    >>> out.notes[0]
    'Adoption range (every team) widened from 50%–100% to 40%–100% to include the value you set.'
    >>> out.widened
    ('cohorts[*].adoption_rate',)
    """
    data, notes, widened = _fit_ranges(_changed(scenario, changes))
    out = from_dict(data)
    return Widened(out, tuple(zero_cost_notes(out, changes) + notes), tuple(widened))


def apply_range_edits(scenario: Scenario, edited_rows: dict, added_rows: list, deleted_rows: list) -> Scenario:
    """Apply a data-editor delta on the ranges table (rows of path, low, high) as one validated change.

    Ranges edited by hand are checked strictly: a range that leaves out the scenario's value is refused.

    >>> s = Scenario(cohorts=(Cohort(price=300.0),), ranges=(("cohorts[*].price", 200.0, 500.0),))
    >>> apply_range_edits(s, {0: {"high": 450}}, [{"path": "cohorts[0].team_size", "low": 5, "high": 20}], []).ranges
    (('cohorts[*].price', 200.0, 450.0), ('cohorts[0].team_size', 5.0, 20.0))
    """
    rows = [dict(path=p, low=lo, high=hi) for p, lo, hi in scenario.ranges]
    for index, values in edited_rows.items():
        rows[int(index)].update(values)
    rows += [dict(r) for r in added_rows]
    deleted = {int(i) for i in deleted_rows}
    ranges = {r.get("path"): [r.get("low"), r.get("high")] for i, r in enumerate(rows)
              if i not in deleted and r.get("path")}
    return edit(scenario, {"ranges": ranges})


def _validated(scenario: Scenario) -> Scenario:
    return from_dict(to_dict(scenario))


def new_team(scenario: Scenario, tier: int = 2, name: str | None = None, delivery: str | None = None) -> Cohort:
    """A new team on ``delivery`` (default: the delivery of the first team of that tier, or of any team), at that
    delivery model's own assumptions (:func:`calculator.assumptions.delivery_assumptions`).

    The first team of the tier (or any team) is the template for size, length, start and session hours. Adoption
    is the delivery's assumption; hours saved are the delivery's credit on the plan's own figure (the first team
    on that delivery, else the template: platform and workshop at most 1 h a week, coaching and consulting the
    plan's figure); the price is the plan's price for that delivery, else its benchmark.

    >>> planned = Scenario(cohorts=(Cohort(name="A", hours_saved_per_person_per_week=3.0),))
    >>> team = new_team(planned, 3, delivery="platform")
    >>> team.name, team.adoption_rate, team.hours_saved_per_person_per_week, team.price
    ('Team 2', 0.1, 1.0, 35.0)
    """
    same_tier = [c for c in scenario.cohorts if c.tier == tier]
    template = (same_tier or list(scenario.cohorts) or [Cohort()])[0]
    delivery = delivery or template.delivery
    assumed = delivery_assumptions(delivery)
    plan = next((c for c in same_tier + list(scenario.cohorts) if c.delivery == delivery), None)
    price, unit = (plan.price, plan.price_unit) if plan else (assumed.price, assumed.price_unit)
    hours = credited_hours(delivery, (plan or template).hours_saved_per_person_per_week)
    return dataclasses.replace(template, name=unused_name(scenario, name or f"Team {len(scenario.cohorts) + 1}"),
                               tier=tier,
                               delivery=delivery, price=price, price_unit=unit, adoption_rate=assumed.adoption_rate,
                               hours_saved_per_person_per_week=hours, workflows_built=0, actuals=None)


def add_team(scenario: Scenario, tier: int = 2, name: str | None = None, delivery: str | None = None) -> Widened:
    """The scenario with a :func:`new_team` at the end: what the builder's "Add a team" buttons do.

    The new team starts at its delivery model's assumptions, which a range may leave out (a platform team's 10%
    adoption under a shared 50%-100%): that range widens to include it, and the notes say so, after a first
    note naming the assumptions the team starts from. When prices are ranged per team it gets its own.

    >>> out = add_team(Scenario(cohorts=(Cohort(adoption_rate=0.8),),
    ...                         ranges=(("cohorts[*].adoption_rate", 0.5, 1.0),)), delivery="workshop")
    >>> out.scenario.cohorts[1].adoption_rate, out.scenario.ranges
    (0.25, (('cohorts[*].adoption_rate', 0.25, 1.0),))
    """
    cohort = new_team(scenario, tier, name, delivery)
    data = to_dict(dataclasses.replace(scenario, cohorts=scenario.cohorts + (cohort,)))
    split = _split_price_range(data, len(scenario.cohorts), cohort.delivery, cohort.price, moved=False)
    data, notes, widened = _fit_ranges(data)
    out = _with_team_price_range(from_dict(data), len(scenario.cohorts))
    return Widened(out, (starting_note(cohort, scenario.currency), *split, *notes), tuple(widened))


def unused_name(scenario: Scenario, name: str) -> str:
    """``name``, or ``name 2``, ``name 3``... the first no team of the scenario is called yet.

    >>> unused_name(Scenario(cohorts=(Cohort(name="Team 2"), Cohort(name="Team 2 2"))), "Team 2")
    'Team 2 3'
    """
    taken = {_name_key(c.name) for c in scenario.cohorts}
    candidates = (name if n == 1 else f"{name[:195]} {n}" for n in range(1, len(taken) + 2))
    return next(c for c in candidates if _name_key(c) not in taken)


SHARED_PRICE_RANGE = "cohorts[*].price"


def _is_team_price(path: str) -> bool:
    p = parse_path(path)
    return p.section == "cohorts" and p.field == "price" and p.index is not None


def _prices_ranged_per_team(paths: Iterable[str]) -> bool:
    """True when the price ranges are one per team (no ``cohorts[*].price``): then every team needs its own."""
    paths = list(paths)
    return SHARED_PRICE_RANGE not in paths and any(_is_team_price(p) for p in paths)


def published_price_range(delivery: str, price: float) -> tuple[float, float]:
    """A delivery model's published price range (data/price_benchmarks.csv), widened to hold ``price``.

    >>> published_price_range("consulting", 600_000), published_price_range("coaching", 550)
    ((200000.0, 1000000.0), (200.0, 550))
    """
    bench = price_benchmark(delivery)
    return min(bench.low, price), max(bench.high, price)


def _with_team_price_range(scenario: Scenario, index: int) -> Scenario:
    """Give team ``index`` its delivery's published price range when prices are ranged per team and it has none.

    Without it a new team's price would silently drop out of the investment range, the tornado and the
    Monte Carlo once the shared ``cohorts[*].price`` range had been split.
    """
    paths = [path for path, _, _ in scenario.ranges]
    own = f"cohorts[{index}].price"
    if not _prices_ranged_per_team(paths) or own in paths:
        return scenario
    cohort = scenario.cohorts[index]
    low, high = published_price_range(cohort.delivery, cohort.price)
    return _validated(dataclasses.replace(scenario, ranges=scenario.ranges + ((own, low, high),)))


def _appended(scenario: Scenario, cohort: Cohort) -> Scenario:
    return _validated(dataclasses.replace(scenario, cohorts=scenario.cohorts + (cohort,)))


def add_cohort(scenario: Scenario, cohort: Cohort) -> Scenario:
    """The scenario with one more team at the end (validated like a file).

    When price ranges are one per team, the new team gets its delivery model's published price range,
    widened to hold its price.

    >>> s = Scenario(cohorts=(Cohort(),), ranges=(("cohorts[0].price", 200.0, 500.0),))
    >>> add_cohort(s, Cohort(delivery="consulting", price=600_000.0, price_unit="fixed")).ranges[-1]
    ('cohorts[1].price', 200000.0, 1000000.0)
    """
    return _with_team_price_range(_appended(scenario, cohort), len(scenario.cohorts))


def duplicate_cohort(scenario: Scenario, index: int) -> Scenario:
    """The scenario with team ``index`` copied right after itself.

    Neither its ranges nor its measured actuals are copied: a measurement belongs to the team measured.
    When price ranges are one per team, the copy gets its delivery model's published price range.
    """
    original = scenario.cohorts[index]
    copy = dataclasses.replace(original, name=unused_name(scenario, (original.name + " (copy)")[:200]),
                               actuals=None)
    cohorts = scenario.cohorts[: index + 1] + (copy,) + scenario.cohorts[index + 1:]
    out = _validated(dataclasses.replace(scenario, cohorts=cohorts,
                                         ranges=_shift_ranges(scenario.ranges, index + 1, +1)))
    return _with_team_price_range(out, index + 1)


def remove_cohort(scenario: Scenario, index: int) -> Scenario:
    """The scenario without team ``index``; ranges on it go, later teams' ranges move up."""
    cohorts = scenario.cohorts[:index] + scenario.cohorts[index + 1:]
    kept = tuple(r for r in scenario.ranges if parse_path(r[0]).index != index
                 or parse_path(r[0]).section != "cohorts")
    return _validated(dataclasses.replace(scenario, cohorts=cohorts, ranges=_shift_ranges(kept, index + 1, -1)))


def _shift_ranges(ranges: tuple, from_index: int, step: int) -> tuple:
    """Renumber ``cohorts[i]`` ranges at or after ``from_index`` by ``step``."""
    out = []
    for path, low, high in ranges:
        p = parse_path(path)
        if p.section == "cohorts" and p.index is not None and p.index >= from_index:
            path = str(ParameterPath("cohorts", p.field, p.index + step))
        out.append((path, low, high))
    return tuple(out)


# Columns of the team table, in order; the table shows adoption as a percent.
TABLE_COLUMNS = ("name", "function", "tier", "delivery", "team_size", "start_week", "engagement_weeks",
                 "price", "price_unit", "participant_hours_per_week", "hours_saved_per_person_per_week",
                 "adoption_pct", "loaded_hourly_cost", "workflows_built")


def cohort_rows(scenario: Scenario) -> list[dict]:
    """The teams as table rows (adoption as a percent for people, the rest as in the file)."""
    rows = []
    for cohort in to_dict(scenario)["cohorts"]:
        row = {k: cohort[k] for k in TABLE_COLUMNS if k in cohort}
        row["adoption_pct"] = round(cohort["adoption_rate"] * 100.0, 6)
        rows.append({k: row[k] for k in TABLE_COLUMNS})
    return rows


def _row_changes(index: int, values: dict) -> dict[str, Any]:
    changes = {}
    for column, value in values.items():
        if column == "adoption_pct":
            column, value = "adoption_rate", (None if value is None else value / 100.0)
        if column not in TABLE_COLUMNS and column != "adoption_rate":
            continue
        if hasattr(value, "item"):  # numpy scalars from the table become plain numbers
            value = value.item()
        if isinstance(value, float) and value.is_integer() and column in (
                "team_size", "start_week", "engagement_weeks", "tier", "workflows_built"):
            value = int(value)
        changes[f"cohorts[{index}].{column}"] = value
    return changes


def apply_table_edits(scenario: Scenario, edited_rows: dict, added_rows: list, deleted_rows: list) -> Widened:
    """Apply a data-editor delta (edited, added, deleted rows) as one validated change.

    Added rows start from :func:`new_team` on the delivery typed in (else the template's), at that model's
    assumptions, and take the values typed in; a range the new row leaves out widens to include it, with a note.
    When price ranges are one per team, each gets the published range of the delivery it ends with (see
    :func:`add_cohort`).

    >>> s = Scenario(cohorts=(Cohort(name="A"), Cohort(name="B")))
    >>> out = apply_table_edits(s, {0: {"team_size": 12}}, [{"name": "C"}], [1]).scenario
    >>> [(c.name, c.team_size) for c in out.cohorts]  # C copies the first team, already edited to 12
    [('A', 12), ('C', 12)]
    """
    changes: dict[str, Any] = {}
    notes: list[str] = []
    widened: list[str] = []
    out = scenario
    for index, values in edited_rows.items():
        i, delivery = int(index), values.get("delivery")
        if delivery is not None and 0 <= i < len(out.cohorts) and delivery != out.cohorts[i].delivery:
            # The form's switch, so a team typed "consulting" is priced as consulting is (it kept $350 a
            # week); values typed in the same edit are applied after it and win.
            switched = change_delivery(out, i, delivery)
            out, notes, widened = switched.scenario, notes + list(switched.notes), widened + list(switched.widened)
            values = {k: v for k, v in values.items() if k != "delivery"}
        changes.update(_row_changes(i, values))
    out = edit(out, changes) if changes else out
    for values in added_rows:
        tier = values.get("tier") if values.get("tier") in (2, 3) else 2
        delivery = values.get("delivery") if values.get("delivery") in DELIVERY_DEFAULTS else None
        cohort = new_team(out, tier, delivery=delivery)
        data = _changed(dataclasses.replace(out, cohorts=out.cohorts + (cohort,)),
                        _row_changes(len(out.cohorts), {k: v for k, v in values.items() if v is not None}))
        # A price the shared range cannot hold (a $600,000 fee beside $200-$500 a week) splits it per team;
        # widening it would have the Monte Carlo draw every team's price up to the fee.
        added = data["cohorts"][-1]
        notes += _split_price_range(data, len(out.cohorts), added["delivery"], added["price"], moved=False)
        data, fitted, paths = _fit_ranges(data)
        notes += fitted
        widened += paths
        out = _with_team_price_range(from_dict(data), len(out.cohorts))  # once its delivery and price are typed in
    for index in sorted((int(i) for i in deleted_rows), reverse=True):
        if 0 <= index < len(out.cohorts):
            out = remove_cohort(out, index)
    return Widened(out, tuple(notes), tuple(widened))


def _published_range_note(data: dict, index: int, delivery: str, low: float, high: float) -> str:
    """"Price range (Marketing pilot) is now the published consulting price range, $200,000–$1,000,000."."""
    span = input_range(f"cohorts[{index}].price", low, high, data.get("currency", "USD"), joiner="–")
    return f"Price range ({data['cohorts'][index]['name']}) is now the published {delivery} price range, {span}."


def _split_price_range(data: dict, index: int, delivery: str, price: float, moved: bool = True) -> list[str]:
    """Give team ``index`` its delivery model's published price range when its price moved to the new model's
    benchmark (a range is about a price in one unit: coaching's $200-$500 a week says nothing of a workshop's
    fee), or when the range it had cannot hold its price.

    A ``cohorts[*].price`` range is shared by every team; a $600,000 fixed fee and $350 a week cannot share one
    (its high end would price every coached person at $600,000 a week), so it is split into one range per team
    first, the others keeping theirs. Once prices are ranged per team, a team without one gets one. A price the
    user kept (already in the new model's unit, ``moved`` false) keeps a range that holds it."""
    ranges = data.get("ranges", {})
    own, shared = f"cohorts[{index}].price", ranges.get(SHARED_PRICE_RANGE)
    current = ranges.get(own, shared)
    if current is None and not _prices_ranged_per_team(ranges):
        return []  # no price ranges at all: none is invented
    if current is not None and not moved and current[0] <= price <= current[1]:
        return []
    low, high = published_price_range(delivery, price)
    if ranges.get(own) == [low, high]:
        return []
    notes = []
    if shared is not None:
        del ranges[SHARED_PRICE_RANGE]
        for j in range(len(data["cohorts"])):
            ranges.setdefault(f"cohorts[{j}].price", list(shared))
        notes.append("The price range shared by every team is now one range per team: teams with different "
                     "delivery models cannot share a price range.")
    ranges[own] = [low, high]
    notes.append(_published_range_note(data, index, delivery, low, high))
    data["ranges"] = ranges
    return notes


def change_delivery(scenario: Scenario, index: int, delivery: str) -> Widened:
    """Switch a team's delivery model: its adoption, hours saved and price move to that model's assumptions
    where they were still at the old model's, and a value the user set stays, with a note
    (:func:`calculator.assumptions.switch_assumptions`).

    When the price moves to the new benchmark (or the team's range cannot hold its price), the team takes the
    delivery model's published price range (a range shared by every team is split per team first); any other
    range the change leaves out widens to include it (see :func:`edit_widening`).

    >>> s = Scenario(cohorts=(Cohort(), Cohort()), ranges=(("cohorts[*].price", 200.0, 500.0),))
    >>> out = change_delivery(s, 0, "consulting")
    >>> out.scenario.cohorts[0].price_unit, out.scenario.ranges
    ('fixed', (('cohorts[0].price', 200000.0, 1000000.0), ('cohorts[1].price', 200.0, 500.0)))
    """
    if delivery not in DELIVERY_DEFAULTS:
        raise ScenarioError([f"cohorts[{index}].delivery: must be one of {', '.join(DELIVERY_DEFAULTS)}, "
                             f"got {delivery!r}"])
    try:
        cohort = scenario.cohorts[index]
    except IndexError:
        raise ScenarioError([f"cohorts[{index}].delivery: not an editable field"]) from None
    switch = switch_assumptions(cohort, delivery, scenario.currency)
    data = _changed(scenario, {f"cohorts[{index}].{field}": value for field, value in switch.changes.items()})
    price = data["cohorts"][index]["price"]
    split = _split_price_range(data, index, delivery, price, moved=switch.price_moved)
    data, widening, widened = _fit_ranges(data)
    paths = [f"cohorts[{index}].price"] if split else []
    return Widened(from_dict(data), tuple(list(switch.notes) + split + widening), tuple(paths + widened))


OTHER_COST_COLUMNS = ("name", "amount", "start_week", "weeks", "baseline", "share_of_fees")


def range_rows(scenario: Scenario) -> list[dict]:
    """The scenario's uncertainty ranges as table rows: the input as a person reads it, its path, low, high.

    >>> s = Scenario(cohorts=(Cohort(name="Ops"),), ranges=(("cohorts[0].team_size", 5.0, 20.0),))
    >>> range_rows(s)
    [{'input': 'Team size (Ops)', 'path': 'cohorts[0].team_size', 'low': 5.0, 'high': 20.0}]
    """
    from .analysis.tornado import parameter_label  # imported here: the analysis package is heavy

    return [dict(input=parameter_label(path, scenario), path=path, low=low, high=high)
            for path, low, high in scenario.ranges]


def other_cost_rows(scenario: Scenario) -> list[dict]:
    """The program's other costs as table rows (name, amount, start_week, weeks, baseline, share_of_fees), as in
    the file."""
    return [{k: row[k] for k in OTHER_COST_COLUMNS} for row in to_dict(scenario)["other_costs"]]


def apply_other_cost_edits(scenario: Scenario, edited_rows: dict, added_rows: list, deleted_rows: list) -> Scenario:
    """Apply a data-editor delta on the other-costs table as one validated change.

    Added rows start from a blank program cost (amount 0, week 1, one week) and take the values typed
    in; a bad cell is a ``ScenarioError`` naming ``other_costs[i].field``.

    >>> s = Scenario()
    >>> out = apply_other_cost_edits(s, {}, [{"name": "Evaluation", "amount": 4000, "weeks": 4}], [])
    >>> [(c.name, c.amount, c.start_week, c.weeks) for c in out.other_costs]
    [('Evaluation', 4000.0, 1, 4)]
    >>> apply_other_cost_edits(out, {0: {"weeks": 0}}, [], [])
    Traceback (most recent call last):
    ...
    calculator.scenario.ScenarioError: other_costs[0].weeks: must be >= 1, got 0
    """
    rows = other_cost_rows(scenario)
    for index, values in edited_rows.items():
        if 0 <= int(index) < len(rows):
            rows[int(index)].update(_plain_cells(values))
    for values in added_rows:
        rows.append({**{"name": "Program cost", "amount": 0, "start_week": 1, "weeks": 1, "baseline": False,
                        "share_of_fees": None},
                     **{k: v for k, v in _plain_cells(values).items() if v is not None}})
    deleted = {int(i) for i in deleted_rows}
    rows = [row for i, row in enumerate(rows) if i not in deleted]
    for i, row in enumerate(rows):
        if isinstance(row.get("name"), str):
            row["name"] = _clean(f"other_costs[{i}].name", row["name"])
    data = to_dict(scenario)
    data["other_costs"] = rows
    return from_dict(data)


def _plain_cells(values: dict) -> dict:
    """Table cells as plain JSON values: numpy scalars become numbers, whole floats in whole-number columns ints."""
    out = {}
    for column, value in values.items():
        if column not in OTHER_COST_COLUMNS:
            continue
        if hasattr(value, "item"):
            value = value.item()
        if isinstance(value, float) and value.is_integer() and column in ("start_week", "weeks"):
            value = int(value)
        if column == "share_of_fees" and isinstance(value, float) and math.isnan(value):
            value = None  # an emptied cell: the line is a fixed amount again
        out[column] = value
    return out
