"""Shipped presets and published benchmarks, read from ``data/`` (nothing computed there)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache

from .data_files import DATA_DIR, read_csv
from .scenario import Scenario, load

PRESET_DIR = DATA_DIR / "presets"
DEFAULT_PRESET = "starter-300-person-pilots"


@cache  # the shipped files do not change while the app runs; the sidebar asks on every run
def preset_names() -> tuple[str, ...]:
    """Shipped preset names, the default first."""
    names = sorted(p.stem for p in PRESET_DIR.glob("*.json"))
    return tuple(sorted(names, key=lambda n: n != DEFAULT_PRESET))


@cache
def load_preset(name: str) -> Scenario:
    """A shipped preset, validated by the same loader as any user file."""
    if name not in preset_names():
        raise KeyError(f"unknown preset {name!r}; shipped presets: {', '.join(preset_names())}")
    return load(PRESET_DIR / f"{name}.json")


def printed_notes(scenario: Scenario) -> str:
    """The notes the brief, the workbook and the CSV print: a shipped preset's description only while the plan is
    still that preset's (under any name), the user's own notes always.

    A plan built from a preset keeps the preset's description in its notes until they are changed; printed with a
    six-team plan, "two Tier 2 coaching pilots (marketing and finance)" described a plan that was not there.

    >>> starter = load_preset(DEFAULT_PRESET)
    >>> printed_notes(starter) == starter.notes, printed_notes(dataclasses.replace(starter, name="Ours")) != ""
    (True, True)
    >>> printed_notes(dataclasses.replace(starter, cohorts=starter.cohorts[:1]))
    ''
    """
    for name in preset_names():
        preset = load_preset(name)
        if preset.notes and scenario.notes == preset.notes:
            return scenario.notes if dataclasses.replace(scenario, name=preset.name) == preset else ""
    return scenario.notes


@dataclass(frozen=True)
class PriceBenchmark:
    delivery: str
    tier: str
    low: float
    high: float
    unit: str
    default_price: float
    source: str
    note: str


@cache
def price_benchmarks() -> tuple[PriceBenchmark, ...]:
    """The published price range per delivery model, with its source and our reading of it."""
    return tuple(PriceBenchmark(r["delivery"], r["tier"], float(r["low"]), float(r["high"]), r["unit"],
                                float(r["default_price"]), r["source"], r["note"])
                 for r in read_csv("price_benchmarks.csv"))


def price_benchmark(delivery: str) -> PriceBenchmark:
    """The benchmark for a delivery: its published price range, default (the range's midpoint) and unit.

    The one place a delivery model's benchmark is looked up (editing, the What-if strategies, the budget
    planner and the export text all ask here).

    Parameters
    ----------
    delivery : str
        A delivery model, one of ``platform``, ``workshop``, ``coaching``, ``consulting``.

    Raises
    ------
    KeyError
        For a delivery model with no published benchmark, naming the ones there are.

    Examples
    --------
    Coaching is published at $200-$500 per employee per week; its default is the midpoint (200 + 500) / 2:

    >>> b = price_benchmark("coaching")
    >>> b.low, b.default_price, b.high, b.unit
    (200.0, 350.0, 500.0, 'per_employee_per_week')
    """
    for bench in price_benchmarks():
        if bench.delivery == delivery:
            return bench
    raise KeyError(f"no published price benchmark for delivery {delivery!r}; there is one for "
                   f"{', '.join(b.delivery for b in price_benchmarks())}")


@dataclass(frozen=True)
class AdoptionAssumption:
    delivery: str
    adoption_rate: float
    source: str
    note: str


@cache
def adoption_assumptions() -> dict[str, AdoptionAssumption]:
    """Adoption per delivery model: assumptions (the source gives no figure), stored as data."""
    return {r["delivery"]: AdoptionAssumption(r["delivery"], float(r["adoption_rate"]), r["source"], r["note"])
            for r in read_csv("adoption_assumptions.csv")}


@dataclass(frozen=True)
class HoursAssumption:
    """Hours saved per person per week credited to a delivery model (``None``: the team's own plan)."""

    delivery: str
    hours_saved_per_person_per_week: float | None
    source: str
    note: str


@cache
def delivery_hours_assumptions() -> dict[str, HoursAssumption]:
    """Hours saved per delivery model, from ``data/delivery_hours_assumptions.csv``.

    >>> delivery_hours_assumptions()["platform"].hours_saved_per_person_per_week
    1.0
    >>> delivery_hours_assumptions()["coaching"].hours_saved_per_person_per_week is None
    True
    """
    return {r["delivery"]: HoursAssumption(
        r["delivery"], float(r["hours_saved_per_person_per_week"]) if r["hours_saved_per_person_per_week"]
        else None, r["source"], r["note"]) for r in read_csv("delivery_hours_assumptions.csv")}
