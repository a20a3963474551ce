"""Tables more than one page shows, built once so they read the same everywhere.

The teams table, in the editor and read-only: one column configuration for both, so a team's price
unit reads "per employee per week" (not ``per_employee_per_week``) and its function "Marketing"
wherever the table is shown; the values underneath stay the scenario's own, so an edit goes back
unchanged. The published price benchmarks (Program builder, Methodology) and the published
measurements of time saved (What-if, Methodology) from the shipped data.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calculator.analysis.evidence import evidence
from calculator.formatting import delivery_label, money, percent, price_unit_label
from calculator.presets import price_benchmarks
from calculator.scenario import DELIVERY_DEFAULTS, FUNCTIONS, PRICE_UNITS


def function_label(function: str) -> str:
    return function.replace("_", " ").capitalize()


def team_columns(editable: bool = True) -> dict:
    """``column_config`` for the rows of :func:`calculator.editing.cohort_rows`."""
    cfg = st.column_config
    required = {"required": True} if editable else {}
    return {
        "name": cfg.TextColumn("Team", max_chars=200, **required),
        "function": cfg.SelectboxColumn("Function", options=list(FUNCTIONS), format_func=function_label, **required),
        "tier": cfg.SelectboxColumn("Tier", options=[2, 3], **required),
        "delivery": cfg.SelectboxColumn("Delivery", options=list(DELIVERY_DEFAULTS), format_func=delivery_label,
                                        width="medium", **required),
        "team_size": cfg.NumberColumn("Size", min_value=1, step=1, **required),
        "start_week": cfg.NumberColumn("Start wk", min_value=1, step=1, **required),
        "engagement_weeks": cfg.NumberColumn("Weeks", min_value=1, max_value=520, step=1, **required),
        "price": cfg.NumberColumn("Price", min_value=0, format="dollar", **required),  # $600,000, not $600000
        "price_unit": cfg.SelectboxColumn("Unit", options=list(PRICE_UNITS), format_func=price_unit_label,
                                          width="medium", **required),
        "participant_hours_per_week": cfg.NumberColumn("Session h/wk", min_value=0, max_value=80),
        "hours_saved_per_person_per_week": cfg.NumberColumn("Saved h/person/wk", min_value=0, max_value=80),
        "adoption_pct": cfg.NumberColumn("Adoption %", min_value=0, max_value=100, format="%.0f%%"),
        "loaded_hourly_cost": cfg.NumberColumn("$/h override", min_value=0, format="$%.2f"),
        "workflows_built": cfg.NumberColumn("Workflows", min_value=0, step=1),
    }


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

