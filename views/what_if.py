"""What-if analysis: strategies side by side, three lenses, sensitivity, break-even, uncertainty.

Only the open tab computes (tabs with state tracking), and every view is cached
by scenario and parameters, so the page never slows the sliders elsewhere. Every
control here is a page setting (:func:`ui.state.setting`): a moved slider and the
open tab stay as they were after another tab or another page.
"""

from __future__ import annotations

import dataclasses
from typing import Literal

import pandas as pd
import streamlit as st

from calculator import analysis, limits
from calculator.charts.analysis import spend_mix_chart, strategies_chart, tornado_chart, uncertainty_chart
from calculator.formatting import (
    DELIVERY_LABELS,
    SHARE_OF_PLAN_RULE,
    count,
    hours,
    money,
    months,
    payback,
    percent,
    probability,
    roi,
)
from calculator.model import horizon_weeks
from calculator.presets import adoption_assumptions
from calculator.scenario import Scenario
from ui import charts, presenter, state, tables
from ui.text import plain
from ui.widgets import slider_range

state.ensure_state()



# Thin caches in the shell around pure calculator functions; a frozen Scenario hashes by value.
@st.cache_data(max_entries=32, show_spinner=False)
def _strategies(scenario: Scenario, adoption: dict) -> tuple[analysis.Strategy, ...]:
    return analysis.strategies(scenario, adoption)


@st.cache_data(max_entries=32, show_spinner=False)
def _spend_mix(scenario: Scenario, budget: float | None, adoption: dict) -> analysis.SpendMix:
    return analysis.spend_mix(scenario, budget, adoption=adoption)


@st.cache_data(max_entries=32, show_spinner=False)
def _lenses(scenario: Scenario, tei: dict, phillips: dict) -> tuple[analysis.Lens, ...]:
    return analysis.lenses(scenario, tei, phillips)


@st.cache_data(max_entries=32, show_spinner=False)
def _tornado(scenario: Scenario) -> tuple[analysis.TornadoBar, ...]:
    return analysis.tornado(scenario)


@st.cache_data(max_entries=32, show_spinner=False)
def _break_even(scenario: Scenario, target: float) -> analysis.BreakEven:
    return analysis.break_even(scenario, target)


@st.cache_data(max_entries=16, show_spinner="Drawing scenarios…")
def _simulate(scenario: Scenario, draws: int, seed: int, correlation: float) -> analysis.MonteCarlo:
    return analysis.simulate(scenario, draws=draws, seed=seed, correlation=correlation)


SETTINGS_KEY = "whatif_settings"  # not a widget key, so it outlives this page: the Exports page reads it


def _settings() -> analysis.WhatIfSettings:
    return st.session_state.get(SETTINGS_KEY) or analysis.WhatIfSettings()


def _remember(**changes) -> None:
    """Keep the page's settings, so the exported What-if charts use the draws, seed and adoption shown here."""
    st.session_state[SETTINGS_KEY] = dataclasses.replace(_settings(), **changes)


CONFIRMED = "what_if_confirmed_runs"


def _asked(what: str, run_key: tuple, seconds: float, description: str) -> bool:
    """True when a heavy run may go ahead: it is quick, or was asked for once in this session for this
    scenario and these settings (then Streamlit's cache serves it again); otherwise ask, with an estimate."""
    if seconds <= limits.CONFIRM_ABOVE_SECONDS:
        return True
    confirmed = st.session_state.setdefault(CONFIRMED, set())
    if hash(run_key) in confirmed:
        return True
    st.info(f"{description}: about {seconds:,.0f} s of computing on this machine. It runs when you ask.",
            icon=":material/hourglass_top:")
    if st.button(f"Run the {what}", key=f"run_{what.replace(' ', '_')}", type="primary"):
        confirmed.add(hash(run_key))
        return True
    return False


def _draw(chart, width: Literal["stretch", "content"] | int = "stretch") -> None:
    # The builder stamps the scenario's name and date itself, exactly as in the exported file.
    charts.draw(presenter.chart(chart.to_dict()), width=width)  # larger text on a projector (presenter mode)


def _results_table(rows: tuple[analysis.Strategy, ...], cur: str) -> pd.DataFrame:
    # The answer first: NPV and what it adds over the platform, then the cash (spent + kept, so every row is
    # the same budget), then payback and ROI; rows are in rank order, so no rank column. Seven short columns
    # fit the main area at 1024 px (the walk found "NPV over platform" off screen there). Cost and hours over
    # the platform stay in the analyze JSON.
    return pd.DataFrame([{
        "Strategy": f"{r.rank}. {r.name}", "NPV": money(r.npv, cur), "vs platform": money(r.over_platform.npv, cur),
        "Cash of the budget": analysis.cash_spent_words(r, cur), "Hours a year": hours(r.annual_hours_saved),
        "Payback": payback(r.payback_months, r.total_cost), "ROI": roi(r.roi_pct, r.roi_meaningful),
    } for r in rows])


def strategies_tab(scenario: Scenario) -> None:
    shipped = adoption_assumptions()
    # Only the settings some row or the spend mix uses (the walk found a workshop slider that moved nothing);
    # the others keep their shipped values.
    used = analysis.adoption_settings_used(scenario)
    adoption = {delivery: assumption.adoption_rate for delivery, assumption in shipped.items()}
    cols = st.columns(max(1, len(used)))
    for col, delivery in zip(cols, used):
        assumption = shipped[delivery]
        with col:
            # A percent slider like every other percent input (a number input cannot show "10%": it read "10.00").
            value = state.setting(st.slider, f"{DELIVERY_LABELS[delivery]} adoption (%)",
                                  f"adoption_assumption_{delivery}", state.percent_in(assumption.adoption_rate),
                                  min_value=0.0, max_value=100.0, step=5.0, format="%.0f%%", help=assumption.note)
            adoption[delivery] = state.percent_out(value)
    _remember(adoption=tuple(adoption.items()))
    rows = _strategies(scenario, adoption)
    cur = scenario.currency
    st.markdown(f"**Same money, spent differently.** The plan's cash budget, {money(rows[0].budget, cur)} (fees, "
                "AI seats and other costs; participants' time is not paid from a budget), spent another way and "
                "**ranked by NPV** over what each team reaches without training. Each delivery is costed as it "
                "is delivered: a platform course takes the course's hours, with no coaching sessions. Adoption "
                "is editable here; every row names its sources below the table.")
    st.dataframe(_results_table(rows, cur), hide_index=True, width="stretch",
                 column_config={"Strategy": st.column_config.TextColumn(pinned=True)})
    for r in rows:
        if r.why:
            st.info(plain(r.why), icon=":material/info:")
    st.caption("*vs platform*: the NPV each strategy adds over the platform course. *Cash of the budget*: what "
               "the strategy spends, and the rest of the budget kept as cash (earning the discount rate, so NPV "
               "$0 on it): each row is the same money. An ROI on a cost under 10% of the plan's is marked not "
               "meaningful. A strategy identical to the plan is not listed.")
    for r in rows:
        st.caption(f"**{plain(r.name)}**: {plain(r.description)} Sources: {plain('; '.join(r.sources))}.")
    _draw(strategies_chart(rows, cur, scenario.name))
    spend_mix_section(scenario, adoption, rows[0].budget)


def spend_mix_section(scenario: Scenario, adoption: dict, plan_budget: float) -> None:
    cur = scenario.currency
    st.subheader("Coaching vs platform spend")
    st.markdown("One cash budget, its share for coaching from 0% to 100%, the rest on platform seats and courses: "
                "decision NPV and hours a year at each share, with the plan and the budget planner's best mix "
                "marked. Whole teams are coached, first where coaching adds the most per dollar.")
    budget = state.setting(st.number_input, "Cash budget for the mix", "spend_mix_budget", None, step=10_000.0,
                           placeholder=f"the plan's, {money(plan_budget, cur)}",
                           help="Leave it empty for the plan's own cash budget (fees, AI seats, other costs).")
    try:
        mix = _spend_mix(scenario, budget, adoption)
    except ValueError as exc:
        st.error(f"Cash budget for the mix: {plain(str(exc).removeprefix('budget: '))}")
        return
    _draw(spend_mix_chart(mix, cur, scenario.name))
    if mix.best is not None:
        st.caption(plain(mix.best_note))
    else:
        st.caption(f"The budget planner finds no selection: {plain(mix.best_note)}")
    for note in mix.notes:
        st.caption(plain(note))


def _pct_slider(label: str, key: str, default: float, help: str, top: int = 100, step: int = 5) -> float:
    """A percent slider for a lens parameter (0 to ``top`` percent); the lens takes the fraction."""
    return state.percent_out(state.setting(st.slider, label, key, int(round(default * 100)),
                                           min_value=0, max_value=top, step=step, help=help))


def _lens_pct(label: str, key: str, field: str, default: float, help: str, top: float = 100.0, step: int = 5) -> float:
    """A percent slider for a lens parameter that stands for a scenario field: the field's declared range (in
    whole percent), up to ``top``."""
    low, high = slider_range(f"finance.{field}", top, percent=True)
    return state.percent_out(state.setting(st.slider, label, key, int(round(default * 100)), min_value=int(low),
                                           max_value=int(high), step=step, help=help))


def lenses_tab(scenario: Scenario) -> None:
    st.markdown("The same inputs read three ways. Each lens keeps **one** haircut on saved time: TEI-style "
                "uses recapture and a risk adjustment; Phillips replaces recapture with attribution x "
                "confidence. They are never stacked. **TEI-style** reports the present-value ROI over 36 months "
                "with cost risk; **Phillips** counts each team's benefits for the year after its engagement "
                "against fully loaded costs.")
    c1, c2 = st.columns(2)
    with c1:
        st.markdown("**TEI-style parameters**")
        d = analysis.TEI_DEFAULTS
        tei = {
            "productivity_recapture": _lens_pct("Recapture (%)", "tei_recapture", "productivity_recapture",
                                                d["productivity_recapture"], "Share of saved time counted."),
            "benefit_risk_adjustment": _lens_pct("Benefit risk (%)", "tei_risk", "benefit_risk_adjustment",
                                                 d["benefit_risk_adjustment"], "Haircut on all value.", top=90),
            "cost_risk_adjustment": _lens_pct("Cost risk (%)", "tei_cost_risk", "cost_risk_adjustment",
                                              d["cost_risk_adjustment"], "Every cost x (1 + this).", top=50),
            "annual_discount_rate": _lens_pct("Discount rate (%)", "tei_rate", "annual_discount_rate",
                                              d["annual_discount_rate"], "For NPV and the present-value ROI.", top=30,
                                              step=1),
            "horizon_months": state.setting(st.slider, "Horizon (months)", "tei_horizon", d["horizon_months"],
                                            **dict(zip(("min_value", "max_value"),
                                                       slider_range("finance.horizon_months"))), step=1,
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
            "benefit_months": state.setting(st.slider, "Months of benefit after each engagement",
                                            "ph_benefit_months", d["benefit_months"],
                                            min_value=1, max_value=36, step=1,
                                            help="Phillips counts each team's first year after its program; "
                                                 "the horizon grows to hold every team's year."),
        }
    rows = _lenses(scenario, tei, phillips)
    cur = scenario.currency
    table = pd.DataFrame([{
        "Lens": lens.name, "NPV": money(lens.npv, cur), "ROI": percent(lens.roi_pct), "Which ROI": lens.roi_basis,
        "Payback": payback(lens.payback_months, lens.total_cost), "Total cost": money(lens.total_cost, cur),
        "Value counted": money(lens.total_benefit, cur), "Horizon": count(lens.horizon_months, "month"),
    } for lens in rows])
    st.dataframe(table, hide_index=True, width="stretch")
    for lens in rows:  # each lens's assumptions, in words, right under its numbers
        st.caption(f"**{lens.name}** assumes: {'; '.join(lens.assumptions)}.")
        for note in lens.notes:
            st.caption(f"**{plain(lens.name)}**: {plain(note)}")


def sensitivity_tab(scenario: Scenario) -> None:
    rows = _tornado(scenario)
    if not rows:
        st.info("No input moves NPV in this scenario: add teams with hours saved, or ranges on the builder page.")
        return
    source = ("the scenario's ranges, and ±20% for an input without one" if scenario.ranges
              else "±20% on each input (the scenario has no ranges)")
    st.markdown(f"NPV with each uncertain input at its low and high end, all else at plan; inputs from {source}, "
                "plus the horizon (±12 months), the discount rate (±5 points) and every team starting a quarter "
                "late. Each bar names its two ends. The longest bar is the assumption to test first.")
    # The chart fits its width only (autosize fit-x), so stretching it keeps each bar's height.
    _draw(tornado_chart(rows, scenario.currency, scenario.name))
    st.dataframe(pd.DataFrame([{
        "Input": r.label, "Low end": r.low_text, "High end": r.high_text,
        "NPV at low": money(r.npv_low, scenario.currency), "NPV at high": money(r.npv_high, scenario.currency),
        "Where the ends come from": r.source,
    } for r in rows]), hide_index=True, width="stretch")


def break_even_tab(scenario: Scenario) -> None:
    # The target the CFO named is kept while a shorter horizon caps the slider below it (shown at the cap). It runs
    # from the horizon's declared least (1 month) to the scenario's horizon; at a 1-month horizon there is one
    # target and no slider (a slider from 1 to 1 raised StreamlitInvalidMinMaxError).
    least, _ = slider_range("finance.horizon_months")
    if scenario.finance.horizon_months > least:
        target = state.setting(st.slider, "Target payback (months)", "break_even_target", 12,
                               min_value=least, max_value=scenario.finance.horizon_months, step=1,
                               help="The payback your CFO asks for.")
    else:
        target = scenario.finance.horizon_months
        st.caption(f"Target payback: {count(target, 'month')}, the whole horizon (a longer horizon lets you choose "
                   "one).")
    teams, weeks = len(scenario.cohorts), horizon_weeks(scenario)
    if not _asked("break-even", ("break-even", scenario, float(target)), limits.break_even_seconds(teams, weeks),
                  f"The break-even search over {count(teams, 'team')} and {count(weeks, 'week')}"):
        return
    result = _break_even(scenario, float(target))
    st.markdown("**What you would have to believe** (each lever scales every team's value at once, the "
                "others stay at plan):")
    for sentence in analysis.break_even_sentences(result):
        st.markdown(f"- {plain(sentence)}")
    st.dataframe(pd.DataFrame([{
        "Lever": v.lever.replace("_", " "),
        "NPV = 0 at": "—" if v.npv_zero_multiplier is None else analysis.share_text(v.lever, v.npv_zero_multiplier),
        f"Payback = {target} months at": "—" if v.payback_target_multiplier is None
        else analysis.share_text(v.lever, v.payback_target_multiplier),
        "Why none": v.reason or "",
    } for v in result.levers()]), hide_index=True, width="stretch")
    st.caption(f"{SHARE_OF_PLAN_RULE} Each share is rounded to the side that keeps its sentence true.")


def uncertainty_tab(scenario: Scenario) -> None:
    if not scenario.ranges:
        st.info("This scenario has no ranges, so there is nothing uncertain to draw. Add low and high values for "
                "the inputs you are unsure of on the Program builder page (Uncertainty ranges tab).")
        return
    shipped = analysis.WhatIfSettings()
    c1, c2, c3 = st.columns(3)
    draws = state.setting(c1.select_slider, "Draws", "mc_draws", shipped.draws,
                          options=[1_000, 5_000, 10_000, 50_000], help="More draws, steadier percentiles.")
    seed = state.setting(c2.number_input, "Seed", "mc_seed", shipped.seed, min_value=0, max_value=2**31 - 1,
                         step=1, help="The same seed gives the same numbers, for an auditable run.")
    correlation = state.percent_out(state.setting(
        c3.slider, "Benefit drivers move together (%)", "mc_correlation", int(round(shipped.correlation * 100)),
        min_value=0, max_value=100, step=5,
        help="Correlation of hours saved, adoption and recapture in the draws: a program that underdelivers on "
             "adoption underdelivers on hours too. 0 = independent; costs are always drawn independently."))
    _remember(draws=int(draws), seed=int(seed), correlation=correlation)
    teams, weeks = len(scenario.cohorts), horizon_weeks(scenario)
    too_many = limits.draws_problem(int(draws), scenario, weeks)
    if too_many:
        st.warning(f"Fewer draws, please: {plain(too_many)}.", icon=":material/memory:")
        return
    if not _asked("Monte Carlo", ("monte-carlo", scenario, int(draws), int(seed), correlation),
                  limits.monte_carlo_seconds(int(draws), teams, weeks),
                  f"{count(int(draws), 'draw')} of {count(teams, 'team')} over {count(weeks, 'week')}"):
        return
    mc = _simulate(scenario, int(draws), int(seed), correlation)
    summary = mc.summary()
    cur = scenario.currency
    for warning in summary.warnings:
        st.warning(plain(warning))
    cols = st.columns(4)
    cols[0].metric("NPV, P50", money(summary.npv.p50, cur),
                   help=f"P10 {money(summary.npv.p10, cur)}, P90 {money(summary.npv.p90, cur)}")
    cols[1].metric("Chance NPV > 0", probability(summary.prob_npv_positive))
    cols[2].metric("Payback, P50", months(summary.payback_months.p50),
                   help=f"P90 {months(summary.payback_months.p90)}")
    cols[3].metric("Chance of payback in horizon", probability(summary.prob_payback_within_horizon))
    _draw(uncertainty_chart(mc, cur, scenario.name))
    st.markdown("**What was varied, and how**")
    st.dataframe(pd.DataFrame([{"Input": v.label, "Low": v.low_text, "High": v.high_text,
                                "Kind": {"benefit": "benefit driver", "cost": "cost"}.get(v.role, "other"),
                                "How it is drawn": v.how} for v in summary.varied]),
                 hide_index=True, width="stretch")
    st.caption("Triangular draws between each range's low and high, with the scenario's own value as the most "
               "likely; a `cohorts[*]` range moves every team together. P10 means 10% of draws fall below.")
    st.dataframe(pd.DataFrame([{"": name, "P10": fmt(p.p10), "P50": fmt(p.p50), "P90": fmt(p.p90)}
                               for name, p, fmt in (("NPV", summary.npv, lambda v: money(v, cur)),
                                                    ("Cash NPV (cash part of the value only)", summary.cash_npv,
                                                     lambda v: money(v, cur)),
                                                    ("ROI", summary.roi_pct, percent),
                                                    ("Present-value ROI", summary.roi_pv_pct, percent),
                                                    ("Payback", summary.payback_months, months))]),
                 hide_index=True, width="stretch")


def evidence_tab(scenario: Scenario) -> None:
    st.markdown("Every hours-saved and adoption figure in the plan is an assumption. Here is where each team's "
                "figures sit against **published measurements** (each checked at the source named in the table).")
    st.dataframe(pd.DataFrame([{
        "Team": c.name, "Hours saved a week (per adopter)": f"{c.hours_saved_per_person_per_week:g} h",
        "Adoption": percent(c.adoption_rate * 100),
        "Against the evidence": analysis.evidence_sentence(c.hours_saved_per_person_per_week, c.adoption_rate),
    } for c in scenario.cohorts]), hide_index=True, width="stretch")
    st.markdown("**The published measurements** (`data/evidence.csv`)")
    st.dataframe(tables.evidence_frame(), hide_index=True, width="stretch")


scenario = state.scenario()
st.title("What-if analysis")
st.caption(f"Scenario: {plain(scenario.name)}")
TABS = {"Strategies": strategies_tab, "Lenses": lenses_tab, "Sensitivity": sensitivity_tab,
        "Break-even": break_even_tab, "Uncertainty": uncertainty_tab, "Evidence": evidence_tab}
# on_change="rerun" turns on tab state, so only the open tab computes; kept as a page setting, the open tab
# is still open after a visit to another page.
for tab, draw in zip(state.setting(st.tabs, list(TABS), "what_if_tab", next(iter(TABS)), on_change="rerun"),
                     TABS.values()):
    if tab.open:
        with tab:
            draw(scenario)
