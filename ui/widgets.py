"""Widget groups drawn on more than one page."""

from __future__ import annotations

import streamlit as st

from ui import state


def regulated_data_toggles() -> None:
    """The organization's regulated-data settings, which flag teams in the governance checklist."""
    left, right = st.columns(2)
    with left:
        state.bound(st.toggle, "Teams may handle health records", "organization.regulated_health_data",
                    help="Flags every team for health-data rules (HIPAA in the US) in the governance checklist.")
    with right:
        state.bound(st.toggle, "Teams may handle regulated financial content",
                    "organization.regulated_financial_content",
                    help="Flags every team for financial-content rules (securities rules); a finance team is "
                         "always flagged.")
