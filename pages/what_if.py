"""What-if analysis: strategies side by side, three lenses, sensitivity, break-even, uncertainty.

Only the open tab computes (tabs with state tracking), and every view is cached
by scenario and parameters, so the page never slows the sliders elsewhere.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calculator import analysis
from calculator.charts.analysis import strategies_chart, tornado_chart, uncertainty_chart
from calculator.charts.style import stamped
from calculator.formatting import fte, hours, money, months, percent, probability
from calculator.presets import adoption_assumptions
from calculator.scenario import Scenario
from ui import state

state.ensure_state()

DELIVERY_NAMES = {"platform": "Self-paced platform", "workshop": "Workshop", "coaching": "Coaching",
                  "consulting": "Consulting"}


# Thin caches in the shell around pure calculator functions; a frozen Scenario hashes by value.
@st.cache_data(max_entries=32, show_spinner=False)
def _strategies(scenario: Scenario, adoption: dict) -> list[dict]:
    return analysis.strategies(scenario, adoption)


@st.cache_data(max_entries=32, show_spinner=False)
def _lenses(scenario: Scenario, tei: dict, phillips: dict) -> list[dict]:
    return analysis.lenses(scenario, tei, phillips)


@st.cache_data(max_entries=32, show_spinner=False)
def _tornado(scenario: Scenario) -> list[dict]:
    return analysis.tornado(scenario)


@st.cache_data(max_entries=32, show_spinner=False)
def _break_even(scenario: Scenario, target: float) -> dict:
    return analysis.break_even(scenario, target)


@st.cache_data(max_entries=16, show_spinner="Drawing scenarios…")
def _simulate(scenario: Scenario, draws: int, seed: int):
    return analysis.simulate(scenario, draws=draws, seed=seed)


def _draw(chart, scenario: Scenario, width: str = "stretch") -> None:
    # Stamped with the scenario's name and date exactly as the exported file of this chart is.
    st.vega_lite_chart(stamped(chart.to_dict(), scenario.name), width=width, theme=None)


def _results_table(rows: list[dict], cur: str) -> pd.DataFrame:
    return pd.DataFrame([{
        "Strategy": r["name"], "Total cost": money(r["total_cost"], cur),
        "Hours a year": hours(r["annual_hours_saved"]), "FTE": fte(r["fte_returned"]),
        "Payback": months(r["payback_months"]), "ROI": percent(r["roi_pct"]), "NPV": money(r["npv"], cur),
    } for r in rows])


def strategies_tab(scenario: Scenario) -> None:
    st.markdown("The same organization and the same target teams, bought four ways. Adoption per delivery "
                "model is **an assumption** (the source gives no figure; it says only a minority change how "
                "they work after courses): edit it here.")
    shipped = adoption_assumptions()
    cols = st.columns(len(shipped))
    adoption = {}
    for col, (delivery, assumption) in zip(cols, shipped.items()):
        with col:
            value = st.number_input(f"{DELIVERY_NAMES[delivery]} adoption (%)", min_value=0.0, max_value=100.0,
                                    value=assumption.adoption_rate * 100.0, step=5.0,
                                    key=f"adoption_assumption_{delivery}", help=assumption.note)
            adoption[delivery] = state.percent_out(value)
    rows = _strategies(scenario, adoption)
    st.dataframe(_results_table(rows, scenario.currency), hide_index=True, width="stretch")
    for r in rows:
        st.caption(f"**{r['name']}**: {r['description']}")
    _draw(strategies_chart(rows, scenario.currency), scenario)


def _pct_slider(label: str, key: str, default: float, help: str, top: int = 100, step: int = 5) -> float:
    """A percent slider for a lens parameter; the lens takes the fraction."""
    return state.percent_out(st.slider(label, 0, top, int(round(default * 100)), step, key=key, help=help))


def lenses_tab(scenario: Scenario) -> None:
    st.markdown("The same inputs read three ways. Each lens keeps **one** haircut on saved time: TEI-style "
                "uses recapture and a risk adjustment; Phillips replaces recapture with attribution x "
                "confidence. They are never stacked.")
    c1, c2 = st.columns(2)
    with c1:
        st.markdown("**TEI-style parameters**")
        d = analysis.TEI_DEFAULTS
        tei = {
            "productivity_recapture": _pct_slider("Recapture (%)", "tei_recapture", d["productivity_recapture"],
                                                  "Share of saved time counted."),
            "benefit_risk_adjustment": _pct_slider("Risk adjustment (%)", "tei_risk", d["benefit_risk_adjustment"],
                                                   "Haircut on all value.", top=90),
            "annual_discount_rate": _pct_slider("Discount rate (%)", "tei_rate", d["annual_discount_rate"],
                                                "For NPV.", top=30, step=1),
            "horizon_months": st.slider("Horizon (months)", 1, 120, d["horizon_months"], 1, key="tei_horizon",
                                        help="TEI studies usually take three years."),
        }
    with c2:
        st.markdown("**Phillips conservative parameters**")
        d = analysis.PHILLIPS_DEFAULTS
        phillips = {
            "attribution": _pct_slider("Attribution to training (%)", "ph_attribution", d["attribution"],
                                       "Share of the improvement participants credit to the program."),
            "confidence": _pct_slider("Confidence in estimates (%)", "ph_confidence", d["confidence"],
                                      "How sure participants are of their estimate."),
            "horizon_months": st.slider("Horizon (months)", 1, 120, d["horizon_months"], 1, key="ph_horizon",
                                        help="Phillips counts first-year benefits only."),
        }
    rows = _lenses(scenario, tei, phillips)
    table = pd.DataFrame([{
        "Lens": lens["name"], "Total cost": money(lens["results"]["total_cost"], scenario.currency),
        "Value": money(lens["results"]["total_benefit"], scenario.currency),
        "Payback": months(lens["results"]["payback_months"]), "ROI": percent(lens["results"]["roi_pct"]),
        "NPV": money(lens["results"]["npv"], scenario.currency),
    } for lens in rows])
    st.dataframe(table, hide_index=True, width="stretch")
    for lens in rows:
        for note in lens.get("notes", []):
            st.caption(f"**{lens['name']}**: {note}")


def sensitivity_tab(scenario: Scenario) -> None:
    rows = _tornado(scenario)
    if not rows:
        st.info("No input moves NPV in this scenario: add teams with hours saved, or ranges on the builder page.")
        return
    source = ("the scenario's ranges, and ±20% for an input without one" if scenario.ranges
              else "±20% on each input (the scenario has no ranges)")
    st.markdown(f"NPV with each uncertain input at its low and high end, all else at plan; inputs from {source}. "
                "The longest bar is the assumption to test first in the pilot.")
    # At its own size: stretched to the column, Vega's "fit" squeezes the bars of a banded axis flat.
    _draw(tornado_chart(rows, scenario.currency), scenario, width="content")
    st.dataframe(pd.DataFrame([{
        "Input": r["label"], "Low": r["low"], "High": r["high"],
        "NPV at low": money(r["npv_low"], scenario.currency), "NPV at high": money(r["npv_high"], scenario.currency),
    } for r in rows]), hide_index=True, width="stretch")


def break_even_tab(scenario: Scenario) -> None:
    target = st.slider("Target payback (months)", 1, scenario.finance.horizon_months,
                       min(12, scenario.finance.horizon_months), 1, key="break_even_target",
                       help="The payback your CFO asks for.")
    result = _break_even(scenario, float(target))
    st.markdown("**What you would have to believe** (each lever scales every team's value at once, the "
                "others stay at plan):")
    for sentence in analysis.break_even_sentences(result):
        st.markdown(f"- {sentence}")
    st.dataframe(pd.DataFrame([{
        "Lever": lever.replace("_", " "),
        "NPV = 0 at": "—" if v["npv_zero_multiplier"] is None else analysis.share_text(lever, v["npv_zero_multiplier"]),
        f"Payback = {target} months at": "—" if v["payback_target_multiplier"] is None
        else analysis.share_text(lever, v["payback_target_multiplier"]),
        "Why none": v.get("reason") or "",
    } for lever, v in result.items()]), hide_index=True, width="stretch")


def uncertainty_tab(scenario: Scenario) -> None:
    if not scenario.ranges:
        st.info("This scenario has no ranges, so there is nothing uncertain to draw. Add low and high values for "
                "the inputs you are unsure of on the Program builder page (Uncertainty ranges tab).")
        return
    c1, c2 = st.columns(2)
    draws = c1.select_slider("Draws", options=[1_000, 5_000, 10_000, 50_000], value=10_000, key="mc_draws",
                             help="More draws, steadier percentiles.")
    seed = c2.number_input("Seed", min_value=0, max_value=2**31 - 1, value=0, step=1, key="mc_seed",
                           help="The same seed gives the same numbers, for an auditable run.")
    mc = _simulate(scenario, int(draws), int(seed))
    summary = mc.summary()
    cur = scenario.currency
    cols = st.columns(4)
    cols[0].metric("NPV, P50", money(summary["npv"]["p50"], cur),
                   help=f"P10 {money(summary['npv']['p10'], cur)}, P90 {money(summary['npv']['p90'], cur)}")
    cols[1].metric("Chance NPV > 0", probability(summary["prob_npv_positive"]))
    cols[2].metric("Payback, P50", months(summary["payback_months"]["p50"]),
                   help=f"P90 {months(summary['payback_months']['p90'])}")
    cols[3].metric("Chance of payback in horizon", probability(summary["prob_payback_within_horizon"]))
    _draw(uncertainty_chart(mc, cur), scenario)
    st.caption("Triangular draws between each range's low and high, with the scenario's own value as the most "
               "likely; a `cohorts[*]` range moves every team together. P10 means 10% of draws fall below.")
    st.dataframe(pd.DataFrame([{"": name, "P10": fmt(summary[key]["p10"]), "P50": fmt(summary[key]["p50"]),
                                "P90": fmt(summary[key]["p90"])}
                               for name, key, fmt in (("NPV", "npv", lambda v: money(v, cur)),
                                                      ("ROI", "roi_pct", percent),
                                                      ("Payback", "payback_months", months))]),
                 hide_index=True, width="stretch")


scenario = state.scenario()
st.title("What-if analysis")
st.caption(f"Scenario: {scenario.name}")
TABS = {"Strategies": strategies_tab, "Lenses": lenses_tab, "Sensitivity": sensitivity_tab,
        "Break-even": break_even_tab, "Uncertainty": uncertainty_tab}
# on_change="rerun" turns on tab state, so only the open tab computes.
for tab, draw in zip(st.tabs(list(TABS), key="what_if_tab", on_change="rerun"), TABS.values()):
    if tab.open:
        with tab:
            draw(scenario)
