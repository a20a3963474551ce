"""How numbers read on screen and in exports: $84K, $1.2M, 1,560 h, 7.5 months."""

from __future__ import annotations

import math

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


def money(value: float | None, currency: str = "USD", exact: bool = False) -> str:
    """Money in compact form for slides, or exact to the unit.

    >>> money(84000), money(1_234_567), money(-12_500), money(950), money(None)
    ('$84K', '$1.2M', '-$12.5K', '$950', 'n/a')
    >>> money(84000, exact=True)
    '$84,000'
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    symbol = SYMBOLS.get(currency, currency + " ")
    sign = "-" if value < 0 else ""
    v = abs(value)
    if exact:
        return f"{sign}{symbol}{v:,.0f}"
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if round(v / size, 1) >= 1:
            text = f"{v / size:,.1f}".rstrip("0").rstrip(".")
            return f"{sign}{symbol}{text}{suffix}"
    return f"{sign}{symbol}{v:,.0f}"


def hours(value: float) -> str:
    """Hours with thousands separators.

    >>> hours(1560.0)
    '1,560 h'
    """
    return f"{value:,.0f} h"


def fte(value: float) -> str:
    """Full-time equivalents to two decimals.

    >>> fte(0.75)
    '0.75 FTE'
    """
    return f"{value:,.2f} FTE"


def months(value: float | None) -> str:
    """Payback months; None means it does not pay back within the horizon.

    >>> months(7.46), months(0.0), months(None)
    ('7.5 months', 'immediately', 'not within the horizon')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "not within the horizon"
    if value == 0:
        return "immediately"
    return f"{value:,.1f} months"


def months_short(value: float | None) -> str:
    """Payback as a bare number of months, for narrow cards.

    >>> months_short(7.46), months_short(None)
    ('7.5', 'beyond horizon')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "beyond horizon"
    return f"{value:,.1f}"


def percent(value: float | None, digits: int = 0) -> str:
    """A percentage; None reads as n/a.

    >>> percent(123.456), percent(None)
    ('123%', 'n/a')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return f"{value:,.{digits}f}%"
