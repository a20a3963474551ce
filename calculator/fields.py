"""Each scenario field's declared bounds, read from the one declaration: the field metadata in :mod:`.scenario`.

The loader validates against that metadata; the app's controls take their minimum and maximum from it through
:func:`declared`, so a control can never refuse (or crash on) a value the file format accepts. :func:`number_fields`
lists every numeric field once, for the page sweep that draws each at its ends.

>>> declared("finance.annual_discount_rate")
Declared(path='finance.annual_discount_rate', kind='float', low=0, high=1, nullable=False)
>>> declared("cohorts[3].team_size").high, declared("other_costs[0].amount").high
(1000000, 1000000000.0)
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .scenario import SECTIONS, Actuals, Cohort, OtherCost, split_path

# Lists of records, by their key in the document, and the record each holds.
RECORDS: dict[str, type] = {"cohorts": Cohort, "other_costs": OtherCost}


@dataclass(frozen=True)
class Declared:
    """A field as the file format declares it: its kind (``int``, ``float``, ...) and inclusive bounds."""

    path: str
    kind: str
    low: float | None
    high: float | None
    nullable: bool


def declared(path: str) -> Declared:
    """The declaration of the field at ``path`` (``finance.horizon_months``, ``cohorts[2].price``,
    ``cohorts[*].actuals.workflows_built``); ``KeyError`` names a path that is no field.

    >>> declared("organization.working_weeks_per_year").low, declared("cohorts[0].actuals.workflows_built").low
    (1, 0)
    >>> declared("finance.nothing")
    Traceback (most recent call last):
    ...
    KeyError: 'finance.nothing: not a field of the scenario'
    """
    try:
        parts = split_path(path)
    except ValueError:
        raise KeyError(f"{path}: not a field of the scenario") from None
    head, rest = parts[0], parts[1:]
    cls: type | None = None
    if head in SECTIONS:
        cls = SECTIONS[str(head)]
    elif head in RECORDS and rest and (isinstance(rest[0], int) or rest[0] == "*"):
        cls, rest = RECORDS[str(head)], rest[1:]
    field = None
    for name in rest:
        fields = {f.name: f for f in dataclasses.fields(cls)} if cls is not None else {}
        if name not in fields:
            raise KeyError(f"{path}: not a field of the scenario")
        field = fields[str(name)]
        cls = field.metadata.get("cls")
    if field is None or field.metadata.get("kind") == "object":
        raise KeyError(f"{path}: not a field of the scenario")
    meta = field.metadata
    return Declared(path, meta["kind"], meta["low"], meta["high"], meta["nullable"])


def number_fields() -> tuple[Declared, ...]:
    """Every numeric field of the format, a team's and a program cost's once each (``cohorts[*]``).

    >>> paths = [d.path for d in number_fields()]
    >>> paths[0], "cohorts[*].actuals.observed_adoption_rate" in paths, "other_costs[*].amount" in paths
    ('organization.headcount', True, True)
    """
    out = []
    tables = [(f"{name}.", cls) for name, cls in SECTIONS.items()]
    tables += [("cohorts[*].", Cohort), ("cohorts[*].actuals.", Actuals), ("other_costs[*].", OtherCost)]
    for prefix, cls in tables:
        for f in dataclasses.fields(cls):
            if f.metadata.get("kind") in ("int", "float"):
                out.append(declared(prefix + f.name))
    return tuple(out)
