"""How the teams table reads, in the editor and read-only: labels for coded values, percents as percents.

One column configuration for both, so a team's price unit reads "per employee per week" (not
``per_employee_per_week``) and its function "Marketing" wherever the table is shown; the values
underneath stay the scenario's own, so an edit goes back unchanged.
"""

from __future__ import annotations

import streamlit as st

from calculator.formatting import delivery_label, price_unit_label
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
