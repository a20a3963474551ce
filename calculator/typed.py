"""A number a person types, read as they meant it or refused by name: never turned into another number.

Streamlit's number box read "1e9" typed into Headcount as 1 and "100k" typed into the planner's exact budget as
$100, silently (issue 22). The app's typed amounts are text boxes read here: thousands separators, a currency
sign, a k / M / bn suffix and scientific notation are understood; anything else is a message saying what was
typed and what would be read.
"""

from __future__ import annotations

import math
import re

from .scenario import Scenario

_SUFFIX = {"k": 1e3, "m": 1e6, "mm": 1e6, "bn": 1e9, "b": 1e9}
_NUMBER = re.compile(r"^(?P<sign>[-+]?)\s*[$€£]?\s*(?P<digits>(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?)\s*"
                     r"(?P<suffix>k|mm|m|bn|b)?$", re.IGNORECASE)


class TypedNumberError(ValueError):
    """What was typed is not a number the field can take; the message says why, without the field's name."""


def parse_typed_number(text: str, *, whole: bool = False) -> float | int | None:
    """The number ``text`` means, or :class:`TypedNumberError` saying why it is not one; None when blank.

    Thousands separators (``,``, ``_``, spaces between digits), a leading currency sign, a ``k`` (thousand),
    ``M`` (million) or ``bn`` (billion) suffix and scientific notation are read as written. ``whole``: the field
    takes whole numbers (a headcount), so a fraction is refused rather than rounded.

    >>> parse_typed_number("100k"), parse_typed_number("$1.5M"), parse_typed_number("250,000")
    (100000.0, 1500000.0, 250000.0)
    >>> parse_typed_number("1e9", whole=True), parse_typed_number(" 2 500 ", whole=True), parse_typed_number("")
    (1000000000, 2500, None)
    >>> parse_typed_number("12 people")
    Traceback (most recent call last):
    ...
    calculator.typed.TypedNumberError: '12 people' is not a number (type digits, e.g. 250000, 250,000 or 250k)
    >>> parse_typed_number("10.5", whole=True)
    Traceback (most recent call last):
    ...
    calculator.typed.TypedNumberError: must be a whole number, got 10.5
    """
    cleaned = text.strip()
    if not cleaned:
        return None
    compact = re.sub(r"(?<=\d)[,_ ](?=\d)", "", cleaned)
    match = _NUMBER.match(compact)
    if match is None:
        raise TypedNumberError(f"{cleaned!r} is not a number (type digits, e.g. 250000, 250,000 or 250k)")
    value = float(match["digits"]) * _SUFFIX.get((match["suffix"] or "").lower(), 1.0)
    if match["sign"] == "-":
        value = -value
    if not math.isfinite(value):
        raise TypedNumberError(f"{cleaned!r} is too large to be a number")
    if whole:
        if not value.is_integer():
            raise TypedNumberError(f"must be a whole number, got {value:g}")
        return int(value)
    return value


def shown_number(value: float | int | None, *, whole: bool = False) -> str:
    """A number as its text box shows it: thousands separated, cents only when there are any.

    >>> shown_number(1200), shown_number(100000.0), shown_number(350.5), shown_number(None)
    ('1,200', '100,000', '350.50', '')
    """
    if value is None:
        return ""
    if whole or float(value).is_integer():
        return f"{round(value):,}"
    return f"{value:,.2f}"


def headcount_warning(scenario: Scenario) -> str | None:
    """A warning when the organization's headcount is below the people in the plan's teams; else None.

    Not refused (a team may be contractors, or the headcount a department's), but never silent: a headcount of 1
    beside 18 people in teams was accepted and moved the NPV.

    >>> from calculator.scenario import Cohort, Organization
    >>> s = Scenario(organization=Organization(headcount=5), cohorts=(Cohort(name="Ops", team_size=10),))
    >>> headcount_warning(s)
    'Headcount 5 is below the 10 people in the plan’s teams: check it (Tier 1 literacy and per-head figures use it).'
    """
    people = sum(cohort.team_size for cohort in scenario.cohorts)
    headcount = scenario.organization.headcount
    if headcount >= people:
        return None
    return (f"Headcount {headcount:,} is below the {people:,} people in the plan’s teams: check it "
            "(Tier 1 literacy and per-head figures use it).")
