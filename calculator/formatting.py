"""How numbers read on screen and in exports: $84.0K, $1.2M, 1,560 h, 7.5 months, 25%.

The one rounding rule of the project lives here: :func:`round_half_up`. The model uses
it for whole-number inputs (a team of 7.5 people is 8); every formatter below rounds
with it too, so a sentence, a table and a chart that show the same number show the
same digits. A value that rounds to zero never keeps a minus sign ("-$0", "-0%").
Labels for the scenario's coded values (price units, delivery models) are here too,
so every page and export names them the same way.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Context, Decimal

import numpy as np

NOTHING_SPENT = "n/a (nothing spent)"
SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}

PRICE_UNIT_LABELS = {
    "per_employee_per_week": "per employee per week",
    "per_employee_per_month": "per employee per month",
    "per_employee": "per employee, once",
    "fixed": "fixed fee for the engagement",
}
DELIVERY_LABELS = {"platform": "Self-paced platform", "workshop": "Instructor-led workshop",
                   "coaching": "Team-embedded coaching", "consulting": "Consulting-led"}


# Wide enough for every finite float to the unit and beyond (the largest has 309 digits): Python's default decimal
# context holds 28, and quantizing a budget of 1e28 to the unit raised InvalidOperation.
_WIDE = Context(prec=400)


def round_half_up(value, digits: int = 0):
    """Round to ``digits`` decimals with halves going up: 2.5 -> 3, 0.125 -> 0.13 (two digits).

    Python's ``round`` and ``format`` round halves to even (``round(2.5) == 2``); a finance
    reader expects 3. A scalar is rounded on its shortest decimal form, so 2.675 (stored as
    2.67499...) reads 2.68 as written. A numpy array is rounded as ``floor(x + 0.5)`` in
    one vectorized step (the Monte Carlo's whole-number draws); it can differ from the
    scalar rule only within one unit in the last place of a half.

    Parameters
    ----------
    value : float, int or numpy.ndarray
    digits : int
        Decimals to keep.

    Returns
    -------
    int when ``digits`` is 0 and ``value`` a scalar, else float (or an array of floats).

    Examples
    --------
    >>> round_half_up(2.5), round_half_up(2.49), round_half_up(-2.5), round_half_up(0.125, 2)
    (3, 2, -2, 0.13)
    >>> round_half_up(np.array([0.5, 1.5, 2.4]))
    array([1., 2., 2.])
    """
    if isinstance(value, np.ndarray):
        scale = 10.0 ** digits
        return np.floor(value * scale + 0.5) / scale if digits else np.floor(value + 0.5)
    value = float(value)
    if not math.isfinite(value):
        return value
    quantum = Decimal(1).scaleb(-digits)
    exact = Decimal(str(value))
    # Halves go up (towards +inf) for negative numbers too, as floor(x + 0.5) does.
    rounded = (exact.quantize(quantum, rounding=ROUND_HALF_UP, context=_WIDE) if exact >= 0
               else -(-exact).quantize(quantum, rounding=ROUND_HALF_DOWN, context=_WIDE))
    return int(rounded) if digits == 0 else float(rounded)


def _known(value: float | None) -> float | None:
    """``value``, or None when it is missing: None, or a float NaN (an empty cell, a failed draw).

    Callers test the result with ``is None``, so the rest of a formatter works on a number.

    >>> _known(2.5), _known(None), _known(float("nan")), _known(0)
    (2.5, None, None, 0)
    """
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def _fixed(value: float, digits: int = 0) -> str:
    """``value`` with thousands separators and ``digits`` decimals, halves up, never "-0".

    The magnitude is rounded, so -12.25 and 12.25 mirror each other (-12.3 and 12.3).

    >>> _fixed(2.5), _fixed(-0.4), _fixed(-12.25, 1), _fixed(1234.5)
    ('3', '0', '-12.3', '1,235')
    """
    magnitude = round_half_up(abs(value), digits)
    sign = "-" if value < 0 and magnitude != 0 else ""
    # A whole number is formatted as the integer it rounded to: through a float, $1e28 read $9,999,...,832.
    return f"{sign}{magnitude:,}" if digits == 0 else f"{sign}{magnitude:,.{digits}f}"


def money(value: float | None, currency: str = "USD", exact: bool = False) -> str:
    """Money in compact form for slides, or exact to the unit.

    The compact rule, the one for every page and export: from 1,000 up, one decimal and a letter,
    always ("$14.0K", never "$14K"), so amounts side by side in a legend, a table or a sentence
    read alike ("$14.0K" beside "$41.6K", "P10 -$76.0K" beside "P50 $19.8K"); under 1,000,
    whole units ("$950").

    >>> money(84000), money(1_234_567), money(-12_500), money(950), money(None)
    ('$84.0K', '$1.2M', '-$12.5K', '$950', 'n/a')
    >>> money(84000, exact=True), money(-0.4), money(12_250)
    ('$84,000', '$0', '$12.3K')
    >>> money(999.6), money(999_940), money(999_960)
    ('$1.0K', '$999.9K', '$1.0M')
    """
    value = _known(value)
    if value is None:
        return "n/a"
    symbol = SYMBOLS.get(currency, currency + " ")
    magnitude = abs(value)
    text, suffix = _fixed(magnitude, 0), ""
    if not exact:
        # A unit up as soon as the unit below would show 1,000 or more: $950, $999.9K, then $1.0M.
        for size, below, digits_below, letter in ((1e9, 1e6, 1, "B"), (1e6, 1e3, 1, "M"), (1e3, 1.0, 0, "K")):
            if round_half_up(magnitude / below, digits_below) >= 1000:
                text, suffix = _fixed(magnitude / size, 1), letter
                break
    sign = "-" if value < 0 and text != "0" else ""
    return f"{sign}{symbol}{text}{suffix}"


def hours(value: float) -> str:
    """Hours with thousands separators.

    >>> hours(1560.0), hours(2.5), hours(-0.3)
    ('1,560 h', '3 h', '0 h')
    """
    return f"{_fixed(value)} h"


def fte(value: float) -> str:
    """Full-time equivalents to two decimals.

    >>> fte(0.75), fte(-0.001)
    ('0.75 FTE', '0.00 FTE')
    """
    return f"{_fixed(value, 2)} FTE"


def months(value: float | None) -> str:
    """Payback months; None means it does not pay back within the horizon.

    >>> months(7.46), months(0.0), months(None), months(6.25)
    ('7.5 months', 'immediately', 'not within the horizon', '6.3 months')
    """
    value = _known(value)
    if value is None:
        return "not within the horizon"
    if value == 0:
        return "immediately"
    return f"{_fixed(value, 1)} months"


# A currency amount within a millionth of zero is float noise: the model's ROI, payback and warnings
# read it so, and a cost that small is "nothing spent".
ZERO_TOLERANCE = 1e-6


def nothing_spent(total_cost: float) -> bool:
    """True when a cost is zero to within :data:`ZERO_TOLERANCE`: there is then nothing to pay back.

    >>> nothing_spent(0.0), nothing_spent(5e-7), nothing_spent(0.01)
    (True, True, False)
    """
    return abs(total_cost) <= ZERO_TOLERANCE


def payback(value: float | None, total_cost: float) -> str:
    """A payback in months, or "n/a (nothing spent)" when nothing is spent: with no cost there is
    nothing to pay back (the same words as an ROI with nothing spent).

    >>> payback(0.0, 0.0), payback(0.0, 5_000), payback(7.46, 5_000), payback(None, 5_000)
    ('n/a (nothing spent)', 'immediately', '7.5 months', 'not within the horizon')
    """
    if nothing_spent(total_cost):
        return NOTHING_SPENT
    return months(value)


def payback_card_value(value: float | None, horizon_months: int, total_cost: float | None = None) -> str:
    """A payback short enough for a narrow card: "11.2 mo", "> 24 mo" (not within the horizon), "immediate",
    or "n/a" when nothing is spent (nothing to pay back; the line beneath says so).

    >>> payback_card_value(11.24, 24), payback_card_value(None, 24), payback_card_value(0.0, 24)
    ('11.2 mo', '> 24 mo', 'immediate')
    >>> payback_card_value(0.0, 24, total_cost=0.0)
    'n/a'
    """
    if total_cost is not None and nothing_spent(total_cost):
        return "n/a"
    if value is None:
        return f"> {horizon_months} mo"
    return "immediate" if value == 0 else f"{months_short(value)} mo"


def roi(value: float | None, meaningful: bool = True) -> str:
    """An ROI in percent; None is an ROI with nothing spent; one on a tiny cost is marked.

    >>> roi(123.4), roi(None), roi(900.0, meaningful=False)
    ('123%', 'n/a (nothing spent)', '900% (not meaningful: tiny cost)')
    """
    if _known(value) is None:
        return NOTHING_SPENT
    return percent(value) if meaningful else f"{percent(value)} (not meaningful: tiny cost)"


def months_short(value: float | None) -> str:
    """Payback as a bare number of months, for narrow cards.

    >>> months_short(7.46), months_short(None)
    ('7.5', 'beyond horizon')
    """
    value = _known(value)
    if value is None:
        return "beyond horizon"
    return _fixed(value, 1)


def percent(value: float | None, digits: int = 0) -> str:
    """A percentage given in percent (ROI 123.456 reads 123%); None reads as n/a.

    >>> percent(123.456), percent(None), percent(24.5), percent(-0.3)
    ('123%', 'n/a', '25%', '0%')
    """
    value = _known(value)
    if value is None:
        return "n/a"
    return f"{_fixed(value, digits)}%"


def share(fraction: float | None, digits: int = 0) -> str:
    """A fraction (0.8) as a percentage ("80%"), for adoption, recapture and the like.

    >>> share(0.8), share(0.125, 1), share(None)
    ('80%', '12.5%', 'n/a')
    """
    fraction = _known(fraction)
    if fraction is None:
        return "n/a"
    return percent(fraction * 100.0, digits)


def probability(p: float | None) -> str:
    """A chance as a percentage that never claims certainty it does not have.

    0% and 100% only when exact; anything else to one decimal, kept within 0.1%-99.9%,
    so 9,996 of 10,000 draws read "99.9%", never "100%".

    >>> probability(1.0), probability(0.9996), probability(0.0004), probability(0.5), probability(0.0)
    ('100%', '99.9%', '0.1%', '50.0%', '0%')
    """
    p = _known(p)
    if p is None:
        return "n/a"
    if p in (0.0, 1.0):
        return percent(p * 100.0)
    return percent(min(max(p, 0.001), 0.999) * 100.0, 1)


# The rule share_of_plan applies, in words for the page that shows its figures.
SHARE_OF_PLAN_RULE = ("Under two times plan a figure reads as a percentage of plan (196% of plan); from two times "
                      "plan up it reads as a multiple (3.7 times plan).")


def share_of_plan(multiplier: float, round_up: bool) -> str:
    """A multiple of the plan's value, rounded to the safe side of a break-even claim.

    Every "of plan" figure in the app, the brief and the deck is worded here, by one rule:
    **under two times plan it is a percentage** ("196% of plan"), **from two times plan up it
    is "times plan"** ("3.7 times plan", "100 times plan"), because past double a percentage
    reads as a typo ("370%") and under it "1.2 times" hides how close to plan it is.
    Up when the claim is "it would have to reach at least this" (hours, adoption), down
    when it is "at most this" (price), so the text stays true as printed; just off 100%
    keeps a decimal rather than read as the plan.

    >>> share_of_plan(0.1212, True), share_of_plan(0.825, False), share_of_plan(8.25, False)
    ('13% of plan', '82% of plan', '8.2 times plan')
    >>> share_of_plan(0.9996, True), share_of_plan(4.14, True), share_of_plan(1.96, True), share_of_plan(100, False)
    ('100.0% of plan', '4.2 times plan', '196% of plan', '100 times plan')
    """
    step = math.ceil if round_up else math.floor
    # The 1e-9 keeps float noise (0.25000000001) from pushing a value past a round number.
    nudge = -1e-9 if round_up else 1e-9
    if multiplier >= 2:
        return f"{step(multiplier * 10 + nudge) / 10:,.1f}".removesuffix(".0") + " times plan"
    pct = step(multiplier * 100 + nudge)
    if pct == 100 and abs(multiplier - 1) > 1e-9:
        return f"{step(multiplier * 1000 + nudge) / 10:.1f}% of plan"
    return f"{pct:.0f}% of plan"


def price_unit_label(unit: str) -> str:
    """How a price unit reads to a person.

    >>> price_unit_label("per_employee_per_week")
    'per employee per week'
    """
    return PRICE_UNIT_LABELS.get(unit, unit.replace("_", " "))


def delivery_label(delivery: str) -> str:
    """How a delivery model reads to a person.

    >>> delivery_label("coaching")
    'Team-embedded coaching'
    """
    return DELIVERY_LABELS.get(delivery, delivery.replace("_", " ").capitalize())


# Scenario inputs held as fractions (0.8) that people read as percentages (80%); a test holds
# this set equal to the scenario's float fields bounded by 0 and 1.
FRACTION_FIELDS = frozenset({"annual_discount_rate", "productivity_recapture", "benefit_risk_adjustment",
                             "annual_benefit_decay", "completion_rate", "adoption_rate",
                             "observed_adoption_rate", "cost_risk_adjustment", "cash_share"})
MONEY_FIELDS = frozenset({"price", "seat_price_per_month", "loaded_hourly_cost", "amount"})
WEEKLY_HOURS_FIELDS = frozenset({"hours_saved_per_person_per_week", "participant_hours_per_week",
                                 "measured_hours_saved_per_person_per_week"})


def input_value(path: str, value: float | None, currency: str = "USD") -> str:
    """An input's value as a person reads it, by what the field at ``path`` holds.

    ``None`` is a per-team default swing (each team's own value moves, so there is no one value).

    >>> input_value("cohorts[*].adoption_rate", 0.5), input_value("finance.productivity_recapture", 1.0)
    ('50%', '100%')
    >>> input_value("cohorts[*].price", 200.0), input_value("organization.loaded_hourly_cost", 36.52)
    ('$200', '$36.52')
    >>> input_value("cohorts[0].hours_saved_per_person_per_week", 1.5), input_value("cohorts[*].engagement_weeks", 5)
    ('1.5 h a week', '5 weeks')
    >>> input_value("cohorts[*].price", None), input_value("cohorts[*].engagement_weeks", 1)
    ("each team's value -/+20%", '1 week')
    >>> input_value("cohorts[2].price", 1_000_000), input_value("cohorts[0].team_size", 12)
    ('$1,000,000', '12 people')
    """
    value = _known(value)
    if value is None:
        return "each team's value -/+20%"
    name = path.rsplit(".", 1)[-1]
    if name in FRACTION_FIELDS:
        return share(value, 0 if round_half_up(value * 100, 1) == round_half_up(value * 100) else 1)
    if name in MONEY_FIELDS:
        whole = round_half_up(value, 2) == round_half_up(value)
        symbol = SYMBOLS.get(currency, currency + " ")
        return money(value, currency, exact=True) if whole else f"{symbol}{_fixed(value, 2)}"
    if name in WEEKLY_HOURS_FIELDS:
        return f"{_fixed(value, 2).rstrip('0').rstrip('.')} h a week"
    if name in ("engagement_weeks", "weeks", "working_weeks_per_year"):
        return count(value, "week")
    if name in ("horizon_months", "access_months"):
        return count(value, "month")
    if name in ("training_hours_per_learner", "hours_per_fte_year"):
        return hours(value)
    if name in ("team_size", "headcount"):
        return count(value, "person", "people")
    if name == "learners":
        return count(value, "learner")
    if name == "start_week":
        return f"week {_fixed(value)}"
    return _fixed(value, 2).rstrip("0").rstrip(".")


def input_range(path: str, low: float, high: float, currency: str = "USD", joiner: str = " to ") -> str:
    """An input's range as a person reads it, each end by :func:`input_value`; a unit both ends
    share after the number ("h a week", "weeks") is said once.

    >>> input_range("cohorts[0].price", 200_000, 1_000_000), input_range("cohorts[*].adoption_rate", 0.5, 1)
    ('$200,000 to $1,000,000', '50% to 100%')
    >>> input_range("cohorts[*].hours_saved_per_person_per_week", 1.5, 4.5, joiner="–")
    '1.5–4.5 h a week'
    >>> input_range("cohorts[*].engagement_weeks", 1, 8)
    '1 week to 8 weeks'
    """
    low_text, high_text = input_value(path, low, currency), input_value(path, high, currency)
    low_number, _, low_unit = low_text.partition(" ")
    high_number, _, high_unit = high_text.partition(" ")
    if low_unit and low_unit == high_unit and low_number[:1].isdigit():
        return f"{low_number}{joiner}{high_number} {high_unit}"
    return f"{low_text}{joiner}{high_text}"


def count(value: float, singular: str, plural: str | None = None) -> str:
    """A number of things, the noun in the singular for exactly one; a fraction keeps up to two decimals.

    >>> count(1, "week"), count(2, "week"), count(1_200, "person", "people"), count(0, "team")
    ('1 week', '2 weeks', '1,200 people', '0 teams')
    >>> count(1.5, "month"), count(1.0, "month")
    ('1.5 months', '1 month')
    """
    text = _fixed(value, 2).rstrip("0").rstrip(".")
    return f"{text} {singular if text == '1' else plural or singular + 's'}"


def sentence_start(text: str) -> str:
    """``text`` with its first letter upper case and the rest kept as written.

    ``str.capitalize`` lowers every other letter ("AI seats" -> "Ai seats"); this does not.

    >>> sentence_start("present-value ROI; AI seats as entered"), sentence_start("")
    ('Present-value ROI; AI seats as entered', '')
    """
    return text[:1].upper() + text[1:]


def slug(text: str) -> str:
    """A file-name-safe form of a scenario name (ASCII, lower case, dashes): every file the app
    writes is named with it.

    >>> slug("Seed: 200-person organization"), slug("=HYPERLINK()"), slug("日本")
    ('seed-200-person-organization', 'hyperlink', 'scenario')
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    return cleaned or "scenario"


def scenario_file_name(scenario_name: str) -> str:
    """The scenario file's name, as the exports name it.

    >>> scenario_file_name("Acme Corp AI program 2027")
    'acme-corp-ai-program-2027-scenario.json'
    """
    return f"{slug(scenario_name)}-scenario.json"
