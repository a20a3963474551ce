"""Each delivery model's own assumptions for a team, and what a change of delivery moves.

A team on the self-paced platform is not credited a coached team's hours: the adoption and hours assumptions
per delivery model (``data/adoption_assumptions.csv``, ``data/delivery_hours_assumptions.csv``, the same the
What-if strategies use) and the published price benchmark (``data/price_benchmarks.csv``) are a new team's
starting values. When a team changes delivery, each of its adoption, hours saved and price that was still at
the old model's assumption moves to the new model's; a value the user set is kept, and a note says so.

Hours saved: platform and workshop credit at most 1 h a week, never more than the plan's own figure;
coaching and consulting credit "the team's own planned figure" (no number of their own).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .formatting import delivery_label, input_value, price_unit_label
from .presets import adoption_assumptions, delivery_hours_assumptions, price_benchmark
from .scenario import Cohort

_SAME = 1e-9  # a value within this of an assumption is that assumption (percent round trips give 0.8000000001)


@dataclass(frozen=True)
class DeliveryAssumptions:
    """A delivery model's starting values for a team.

    ``hours_saved_per_person_per_week`` is ``None`` where the model credits the team's own planned figure.
    """

    delivery: str
    adoption_rate: float
    hours_saved_per_person_per_week: float | None
    price: float
    price_unit: str


def delivery_assumptions(delivery: str) -> DeliveryAssumptions:
    """The adoption, hours and benchmark price a team on ``delivery`` starts from.

    Examples
    --------
    >>> delivery_assumptions("platform")
    DeliveryAssumptions(delivery='platform', adoption_rate=0.1, hours_saved_per_person_per_week=1.0, price=35.0, \
price_unit='per_employee_per_month')
    >>> delivery_assumptions("coaching").hours_saved_per_person_per_week is None
    True
    """
    bench = price_benchmark(delivery)
    return DeliveryAssumptions(delivery, adoption_assumptions()[delivery].adoption_rate,
                               delivery_hours_assumptions()[delivery].hours_saved_per_person_per_week,
                               bench.default_price, bench.unit)


def credited_hours(delivery: str, planned: float) -> float:
    """Hours saved a week a team on ``delivery`` is credited, given the plan's own figure ``planned``.

    A course or a workshop builds no team workflow: at most its assumption, never more than the plan.

    Examples
    --------
    Platform's 1 h against a plan of 3.75 h is min(3.75, 1) = 1; against 0.5 h it is 0.5; coaching keeps the plan:

    >>> credited_hours("platform", 3.75), credited_hours("platform", 0.5), credited_hours("coaching", 3.75)
    (1.0, 0.5, 3.75)
    """
    credited = delivery_assumptions(delivery).hours_saved_per_person_per_week
    return planned if credited is None else min(planned, credited)


def _hours(value: float) -> str:
    return input_value("hours_saved_per_person_per_week", value)


def _share(value: float) -> str:
    return input_value("adoption_rate", value)


def _price(price: float, unit: str, currency: str) -> str:
    return f"{input_value('price', price, currency)} {price_unit_label(unit)}"


def starting_note(cohort: Cohort, currency: str = "USD") -> str:
    """The sentence that says which assumptions a new team starts from.

    >>> starting_note(Cohort(name="Team 3", delivery="platform", adoption_rate=0.1,
    ...                      hours_saved_per_person_per_week=1.0, price=35.0, price_unit="per_employee_per_month"))
    'Team 3 starts at the self-paced platform assumptions: adoption 10%, 1 h a week saved per adopter, \
$35 per employee per month.'
    """
    return (f"{cohort.name} starts at the {delivery_label(cohort.delivery).lower()} assumptions: adoption "
            f"{_share(cohort.adoption_rate)}, {_hours(cohort.hours_saved_per_person_per_week)} saved per adopter, "
            f"{_price(cohort.price, cohort.price_unit, currency)}.")


@dataclass(frozen=True)
class Switch:
    """What a change of delivery sets on a team (field -> value), whether its price moved, and the notes."""

    changes: dict[str, Any]
    price_moved: bool
    notes: tuple[str, ...]


def switch_assumptions(cohort: Cohort, delivery: str, currency: str = "USD") -> Switch:
    """The team's fields for a move to ``delivery``: each value still at the old model's assumption takes the
    new model's, a value the user set stays, and the notes say which did what.

    - Adoption at the old model's assumption takes the new one's.
    - Hours saved: a coaching or consulting team's hours are its own planned figure, so they always count as
      the old model's; moving to the platform or a workshop credits min(hours, 1 h). Hours at a platform or
      workshop's 1 h move to the new model's figure; for coaching or consulting (no figure of their own) they
      stay, and the note asks for the team's figure.
    - Price and unit at the old benchmark take the new benchmark. A price the user set stays when it is already
      in the new model's unit; in another unit it means nothing for the new model, so the benchmark replaces it.

    Examples
    --------
    A coached team at 80%, 3.75 h and $350 a week moved to the platform: 10%, min(3.75, 1) = 1 h, $35 a month.

    >>> out = switch_assumptions(Cohort(name="A", adoption_rate=0.8, hours_saved_per_person_per_week=3.75), "platform")
    >>> out.changes["adoption_rate"], out.changes["hours_saved_per_person_per_week"], out.changes["price"]
    (0.1, 1.0, 35.0)
    >>> out.notes
    ('A now takes the self-paced platform assumptions: adoption 10% (was 80%), 1 h a week saved per adopter (was \
3.75 h a week), $35 per employee per month.',)
    """
    old, new = delivery_assumptions(cohort.delivery), delivery_assumptions(delivery)
    old_name, new_name = delivery_label(cohort.delivery).lower(), delivery_label(delivery).lower()
    changes: dict[str, Any] = {"delivery": delivery}
    moved: list[str] = []
    notes: list[str] = []

    adoption = cohort.adoption_rate
    if abs(adoption - old.adoption_rate) <= _SAME:
        changes["adoption_rate"] = new.adoption_rate
        if abs(new.adoption_rate - adoption) > _SAME:
            moved.append(f"adoption {_share(new.adoption_rate)} (was {_share(adoption)})")
    else:
        notes.append(f"Adoption ({cohort.name}) kept at {_share(adoption)}: your own figure, not the {old_name} "
                     f"assumption ({_share(old.adoption_rate)}). The {new_name} assumption is "
                     f"{_share(new.adoption_rate)}.")

    hours = cohort.hours_saved_per_person_per_week
    old_hours = old.hours_saved_per_person_per_week
    if old_hours is None or abs(hours - old_hours) <= _SAME:
        if new.hours_saved_per_person_per_week is None:
            if old_hours is not None:
                notes.append(f"Hours saved ({cohort.name}) stay at {_hours(hours)}: {new_name} credits the team's "
                             "own planned figure; set what this team expects.")
        else:
            target = (credited_hours(delivery, hours) if old_hours is None
                      else new.hours_saved_per_person_per_week)
            changes["hours_saved_per_person_per_week"] = target
            if abs(target - hours) > _SAME:
                moved.append(f"{_hours(target)} saved per adopter (was {_hours(hours)})")
    else:
        credit = ("the team's own planned figure" if new.hours_saved_per_person_per_week is None
                  else _hours(new.hours_saved_per_person_per_week))
        notes.append(f"Hours saved ({cohort.name}) kept at {_hours(hours)}: your own figure, not the {old_name} "
                     f"assumption ({_hours(old_hours)}). The {new_name} assumption is {credit}.")

    at_benchmark = abs(cohort.price - old.price) <= _SAME and cohort.price_unit == old.price_unit
    if not at_benchmark and cohort.price_unit == new.price_unit:
        notes.append(f"Price ({cohort.name}) kept at {_price(cohort.price, cohort.price_unit, currency)}: your own "
                     f"price, already in the {new_name} unit.")
        price_moved = False
    else:
        changes.update(price=new.price, price_unit=new.price_unit)
        price_moved = (cohort.price, cohort.price_unit) != (new.price, new.price_unit)
        if at_benchmark:
            moved.append(_price(new.price, new.price_unit, currency))
        else:
            notes.append(f"Price ({cohort.name}) is now the {new_name} benchmark, "
                         f"{_price(new.price, new.price_unit, currency)}: your "
                         f"{_price(cohort.price, cohort.price_unit, currency)} was in another unit.")
    if moved:
        notes.insert(0, f"{cohort.name} now takes the {new_name} assumptions: {', '.join(moved)}.")
    return Switch(changes, price_moved, tuple(notes))
