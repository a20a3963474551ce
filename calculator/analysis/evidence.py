"""Published measurements of time saved and adoption, and where a team's assumptions sit against them.

``data/evidence.csv`` holds one row per published measurement: its source, year,
population, what was measured, the figure as published, its conversion to hours
per person per week or to an adoption share (blank when the figure is a task
speed-up that does not convert), where the figure was checked and a note. Every
benefit range a shipped preset carries cites rows of it
(``data/preset_range_evidence.csv``).

:func:`evidence_sentence` says, in one sentence a presenter can read out, where
a team's hours saved (per person who adopts, a week) and adoption stand against
these rows, for example "3.75 h a week per adopter is above what 4 in 5 users
report".
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cache

from ..data_files import read_csv
from ..formatting import count

EVIDENCE_COLUMNS = ("id", "source", "year", "population", "measured", "figure", "hours_per_person_per_week",
                    "adoption_share", "confirmed_at", "note")

# Bick, Blandin & Deming's brackets of hours saved last week among last-week users (row
# bick-users-distribution): (top of the bracket in hours, share of users); the last bracket is open.
HOURS_BRACKETS = ((1.0, 0.33), (2.0, 0.26), (3.0, 0.20), (float("inf"), 0.21))
HOURS_BRACKETS_ROW = "bick-users-distribution"


@dataclass(frozen=True)
class Evidence:
    """One published measurement (a row of ``data/evidence.csv``)."""

    id: str
    source: str
    year: int
    population: str
    measured: str
    figure: str
    hours_per_person_per_week: float | None
    adoption_share: float | None
    confirmed_at: str
    note: str


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None


@cache
def evidence() -> tuple[Evidence, ...]:
    """Every row of ``data/evidence.csv``, in file order.

    >>> [row.id for row in evidence()][:2]
    ['bick-users-hours', 'bick-users-distribution']
    """
    return tuple(Evidence(r["id"], r["source"], int(r["year"]), r["population"], r["measured"], r["figure"],
                          _number(r["hours_per_person_per_week"]), _number(r["adoption_share"]),
                          r["confirmed_at"], r["note"]) for r in read_csv("evidence.csv"))


def evidence_row(row_id: str) -> Evidence:
    """The row with this id; ``KeyError`` naming the known ids when there is none."""
    for row in evidence():
        if row.id == row_id:
            return row
    raise KeyError(f"no evidence row {row_id!r}; known: {', '.join(r.id for r in evidence())}")


def _blank(row_id: str, column: str) -> ValueError:
    return ValueError(f"evidence row {row_id!r} has no {column} (blank in data/evidence.csv); "
                      "the evidence sentences compare against it")


def _hours_of(row_id: str) -> float:
    """The row's hours a person a week, which a sentence compares against; ``ValueError`` when blank."""
    value = evidence_row(row_id).hours_per_person_per_week
    if value is None:
        raise _blank(row_id, "hours_per_person_per_week")
    return value


def _adoption_of(row_id: str) -> float:
    """The row's adoption share, which a sentence compares against; ``ValueError`` when blank."""
    value = evidence_row(row_id).adoption_share
    if value is None:
        raise _blank(row_id, "adoption_share")
    return value


def _in_words(share: float) -> str:
    """A share as the nearest simple "n in d" (d up to 5).

    >>> _in_words(0.79), _in_words(0.33), _in_words(0.59)
    ('4 in 5', '1 in 3', '3 in 5')
    """
    best = Fraction(share).limit_denominator(5)
    return f"{best.numerator} in {best.denominator}"


def share_reporting_less(hours_per_week: float) -> float:
    """Share of last-week users who reported saving fewer hours than this (Bick, Blandin & Deming).

    A bracket counts when its top is below the figure: 2.5 h is above the "1 hour or less" and
    "2 hours" brackets, 33% + 26% = 59%.

    >>> share_reporting_less(3.75), share_reporting_less(2.5), share_reporting_less(1.0)
    (0.79, 0.59, 0.0)
    """
    return float(round(sum(share for top, share in HOURS_BRACKETS if top < hours_per_week), 10))


def hours_sentence(hours_per_week: float) -> str:
    """Where hours saved per adopter a week sit against what users report.

    >>> hours_sentence(3.75)
    '3.75 h a week per adopter is above what 4 in 5 users report (79% saved 3 hours or less a week)'
    >>> hours_sentence(2)
    '2 h a week per adopter is about what the average user reports (2.2 h of a 40-hour week)'
    """
    users = _hours_of("bick-users-hours")
    if hours_per_week <= 0:
        return "no hours saved are counted"
    if hours_per_week >= 4:
        return (f"{hours_per_week:g} h a week per adopter is at the top of what users report "
                "(only 21% saved 4 hours or more a week)")
    below = share_reporting_less(hours_per_week)
    if abs(hours_per_week - users) <= 0.5:
        return (f"{hours_per_week:g} h a week per adopter is about what the average user reports "
                f"({users:g} h of a 40-hour week)")
    if below == 0:
        return (f"{hours_per_week:g} h a week per adopter is within what a third of users report "
                "(1 hour or less a week): a cautious figure")
    return (f"{hours_per_week:g} h a week per adopter is above what {_in_words(below)} users report "
            f"({below:.0%} saved {_bracket_below(hours_per_week)} or less a week)")


def _bracket_below(hours_per_week: float) -> str:
    top = max(top for top, _ in HOURS_BRACKETS if top < hours_per_week)
    return count(top, "hour")


def adoption_sentence(adoption: float) -> str:
    """Where an adoption rate sits against measured adoption.

    >>> adoption_sentence(0.8)
    '80% adoption matches the UK civil-service Copilot rollout (about 80% of licensed staff active)'
    >>> adoption_sentence(0.95)
    '95% adoption is above the UK civil-service Copilot rollout (about 80% of licensed staff active)'
    """
    rollout = _adoption_of("uk-gds-copilot-adoption")
    workforce = _adoption_of("bick-adoption")
    where = "the UK civil-service Copilot rollout (about 80% of licensed staff active)"
    if adoption > rollout + 0.05:
        return f"{adoption:.0%} adoption is above {where}"
    if adoption >= rollout - 0.05:
        return f"{adoption:.0%} adoption matches {where}"
    if adoption > workforce:
        return (f"{adoption:.0%} adoption is between unprompted use ({workforce:.0%} of US workers in a week) "
                f"and {where}")
    return f"{adoption:.0%} adoption is at or below unprompted use ({workforce:.0%} of US workers in a week)"


def evidence_sentence(hours_per_week: float, adoption: float) -> str:
    """One sentence on where a team's hours saved and adoption sit against published measurements.

    Parameters
    ----------
    hours_per_week : float
        Hours saved per person a week at full adoption (per person who adopts).
    adoption : float
        Share of the team that adopts, 0 to 1.

    Examples
    --------
    >>> evidence_sentence(3.75, 1.0)   # doctest: +NORMALIZE_WHITESPACE
    '3.75 h a week per adopter is above what 4 in 5 users report (79% saved 3 hours or less a week);
     100% adoption is above the UK civil-service Copilot rollout (about 80% of licensed staff active).'
    """
    return f"{hours_sentence(hours_per_week)}; {adoption_sentence(adoption)}."
