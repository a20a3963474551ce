"""Tables more than one page shows, built once so they read the same everywhere.

The teams table, in the editor and read-only: one column configuration for both, so a team's price
unit reads "per employee per week" (not ``per_employee_per_week``) and its function "Marketing"
wherever the table is shown; the values underneath stay the scenario's own, so an edit goes back
unchanged. The published price benchmarks (Program builder, Methodology) and the published
measurements of time saved (What-if, Methodology) from the shipped data.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from calculator.analysis.evidence import evidence
from calculator.editing import TABLE_COLUMNS
from calculator.formatting import delivery_label, money, percent, price_unit_label
from calculator.limits import MAX_NAME_CHARS
from calculator.presets import price_benchmarks
from calculator.scenario import DELIVERY_DEFAULTS, FUNCTIONS, PRICE_UNITS

# The teams table's column headings: the table and the messages about its cells name a column alike.
TEAM_COLUMN_LABELS = {
    "name": "Team", "function": "Function", "tier": "Tier", "delivery": "Delivery", "team_size": "Size",
    "start_week": "Start wk", "engagement_weeks": "Weeks", "price": "Price", "price_unit": "Unit",
    "participant_hours_per_week": "Session h/wk", "hours_saved_per_person_per_week": "Saved h/person/wk",
    "adoption_pct": "Adoption %", "loaded_hourly_cost": "$/h override", "workflows_built": "Workflows",
}

# The same headings by field path, for messages about a cell: "Size (Finance pilot): must be ≥ 1, got 0".
TEAM_TABLE_FIELDS = {f"cohorts[*].{'adoption_rate' if column == 'adoption_pct' else column}": label
                     for column, label in TEAM_COLUMN_LABELS.items()}


def _cell_label(label: Callable[[str], str]) -> Callable[[str | int | float | bool], str]:
    """A label function of a text column's values, as a select box column takes it (any cell value)."""
    return lambda value: label(str(value))


def function_label(function: str) -> str:
    return function.replace("_", " ").capitalize()


def team_columns(editable: bool = True) -> dict:
    """``column_config`` for the rows of :func:`calculator.editing.cohort_rows`.

    No limits of the grid's own (minimum, maximum, required): the grid drops a cell outside them without a
    word, so a Size of 0 vanished. Every cell goes to the calculator's validation, which refuses a bad one
    with a message naming the team and the column (:data:`TEAM_COLUMN_LABELS`). Whole-number columns take
    decimals too (:func:`team_frame`), so 2.5 weeks is refused by the calculator, not rounded by the grid.
    """
    cfg = st.column_config
    labels = TEAM_COLUMN_LABELS
    return {
        "name": cfg.TextColumn(labels["name"], max_chars=MAX_NAME_CHARS),
        "function": cfg.SelectboxColumn(labels["function"], options=list(FUNCTIONS),
                                        format_func=_cell_label(function_label)),
        "tier": cfg.SelectboxColumn(labels["tier"], options=[2, 3]),
        "delivery": cfg.SelectboxColumn(labels["delivery"], options=list(DELIVERY_DEFAULTS),
                                        format_func=_cell_label(delivery_label), width="medium"),
        "team_size": cfg.NumberColumn(labels["team_size"], format="%d"),
        "start_week": cfg.NumberColumn(labels["start_week"], format="%d"),
        "engagement_weeks": cfg.NumberColumn(labels["engagement_weeks"], format="%d"),
        "price": cfg.NumberColumn(labels["price"], format="dollar"),  # $600,000, not $600000
        "price_unit": cfg.SelectboxColumn(labels["price_unit"], options=list(PRICE_UNITS),
                                          format_func=_cell_label(price_unit_label), width="medium"),
        "participant_hours_per_week": cfg.NumberColumn(labels["participant_hours_per_week"]),
        "hours_saved_per_person_per_week": cfg.NumberColumn(labels["hours_saved_per_person_per_week"]),
        "adoption_pct": cfg.NumberColumn(labels["adoption_pct"], format="%.0f%%"),
        "loaded_hourly_cost": cfg.NumberColumn(labels["loaded_hourly_cost"], format="$%.2f"),
        "workflows_built": cfg.NumberColumn(labels["workflows_built"], format="%d"),
    }


WHOLE_NUMBER_COLUMNS = ("team_size", "start_week", "engagement_weeks", "workflows_built")


def team_frame(rows: list[dict]) -> pd.DataFrame:
    """The teams table's frame. Whole-number columns are held as decimals: an integer column makes the grid
    round what is typed (a start week of 2.5 became 2 without a word), a decimal one passes it to the
    calculator, which refuses it by name. They still read as whole numbers (``%d``)."""
    frame = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
    return frame.astype({column: float for column in WHOLE_NUMBER_COLUMNS})


MISSING = "—"  # a published source that gives no figure for this column


def price_benchmarks_frame(sources: bool = True) -> pd.DataFrame:
    """Each delivery model's published price range and the midpoint the presets use (with the source)."""
    return pd.DataFrame([{
        "Delivery": delivery_label(b.delivery), "Tier": b.tier, "Low": money(b.low, exact=True),
        "High": money(b.high, exact=True), "Unit": price_unit_label(b.unit),
        "Default (midpoint)": money(b.default_price, exact=True),
        **({"Source": b.source, "Note": b.note} if sources else {}),
    } for b in price_benchmarks()])


def evidence_frame() -> pd.DataFrame:
    """Every published measurement of time saved or adoption (``data/evidence.csv``), as checked."""
    return pd.DataFrame([{
        "Source": row.source, "Year": row.year, "Population": row.population, "Measured": row.measured,
        "Figure": row.figure,
        "Hours a week": MISSING if row.hours_per_person_per_week is None else f"{row.hours_per_person_per_week:g}",
        "Adoption": MISSING if row.adoption_share is None else percent(row.adoption_share * 100),
        "Checked at": row.confirmed_at, "Note": row.note,
    } for row in evidence()])

