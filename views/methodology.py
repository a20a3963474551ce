"""Methodology & sources: how every number is computed, and where the figures come from.

The words are :mod:`calculator.methodology`'s (the one text the exports and README also state in short);
this page draws its sections in order, with the scenario's W and horizon filled in, and the tables of
published figures from ``data/`` as the calculator reads them.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calculator import methodology
from calculator.presets import adoption_assumptions
from ui import state, tables


def _adoption_assumptions() -> pd.DataFrame:
    return pd.DataFrame([{"delivery": a.delivery, "adoption": f"{a.adoption_rate:.0%}", "source": a.source,
                          "note": a.note} for a in adoption_assumptions().values()])


# A section names the table it shows by key; the rows are the shipped data, never prose.
TABLES = {"price_benchmarks": tables.price_benchmarks_frame, "adoption_assumptions": _adoption_assumptions,
          "evidence": tables.evidence_frame}

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
