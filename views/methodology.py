"""Methodology & sources: how every number is computed, and where the figures come from.

The words are :mod:`calculator.methodology`'s (the one text the exports and README also state in short);
this page draws its sections in order, with the scenario's W and horizon filled in, and the tables of
published figures from ``data/`` as the calculator reads them.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calculator import methodology
from calculator.analysis.evidence import evidence
from calculator.formatting import money
from calculator.presets import adoption_assumptions, price_benchmarks
from ui import state


def _price_benchmarks() -> pd.DataFrame:
    return pd.DataFrame([{"delivery": b.delivery, "tier": b.tier, "low": money(b.low, exact=True),
                          "high": money(b.high, exact=True), "unit": b.unit.replace("_", " "),
                          "default (midpoint)": money(b.default_price, exact=True), "source": b.source,
                          "note": b.note} for b in price_benchmarks()])


def _adoption_assumptions() -> pd.DataFrame:
    return pd.DataFrame([{"delivery": a.delivery, "adoption": f"{a.adoption_rate:.0%}", "source": a.source,
                          "note": a.note} for a in adoption_assumptions().values()])


def _evidence() -> pd.DataFrame:
    return pd.DataFrame([{
        "source": row.source, "year": row.year, "population": row.population, "measured": row.measured,
        "figure": row.figure,
        "hours a week": "" if row.hours_per_person_per_week is None else f"{row.hours_per_person_per_week:g}",
        "adoption": "" if row.adoption_share is None else f"{row.adoption_share:.0%}",
        "checked at": row.confirmed_at, "note": row.note} for row in evidence()])


# A section names the table it shows by key; the rows are the shipped data, never prose.
TABLES = {"price_benchmarks": _price_benchmarks, "adoption_assumptions": _adoption_assumptions,
          "evidence": _evidence}

state.ensure_state()
scenario = state.scenario()

st.title("Methodology & sources")
st.markdown(methodology.intro_markdown(scenario))
for heading, section in methodology.numbered():
    (st.header if section.level == 1 else st.subheader)(heading)
    st.markdown(methodology.detail_markdown(section, scenario))
    if section.worked_check:
        st.info(section.worked_check)
    if section.table:
        st.dataframe(TABLES[section.table](), hide_index=True, width="stretch")
