"""What-if analysis: strategies, lenses, tornado, break-even, uncertainty, the CLI and the charts.

Most cases use one hand-workable team (``_team_scenario``) so the expected
numbers can be checked on paper:

    10 people, $200 per person per week for 6 weeks, 4 hours saved per person per week,
    full adoption, $50 an hour, 12-month horizon (52 weeks), no discounting.

    cost     = 10 x $200 x 6 weeks                          = $12,000 (weeks 1-6)
    value    = 10 x 4 h x $50                               = $2,000 a week at full ramp
    ramp     = 1/6, 2/6, ..., 6/6 in weeks 1-6 (sum 21/6 = 3.5), then 46 full weeks
    benefit  = $2,000 x (3.5 + 46) = $2,000 x 49.5          = $99,000 (x recapture)
    NPV      = $99,000 x recapture - $12,000                = $87,000 at recapture 1
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from cli_support import run_cli

from calculator import __main__ as cli
from calculator.analysis import (
    analyze,
    break_even,
    break_even_sentences,
    lenses,
    share_text,
    simulate,
    strategies,
    tornado,
    triangular_quantile,
    uncertainty,
)
from calculator.analysis.lenses import lens_summary
from calculator.analysis.uncertainty import MonteCarlo, Percentiles, draw_inputs
from calculator.charts.analysis import strategies_chart, tornado_chart, uncertainty_chart
from calculator.charts.style import OKABE_ITO
from calculator.model import evaluate
from calculator.presets import load_preset
from calculator.scenario import Cohort, Finance, Literacy, Organization, Scenario, with_parameter

ROOT = Path(__file__).resolve().parent.parent


def _team_scenario(ranges=(), **finance) -> Scenario:
    fin = {"horizon_months": 12, "annual_discount_rate": 0.0, **finance}
    team = Cohort(name="Ops", tier=2, team_size=10, price=200, price_unit="per_employee_per_week",
                  engagement_weeks=6, hours_saved_per_person_per_week=4, adoption_rate=1.0,
                  participant_hours_per_week=3)
    return Scenario(organization=Organization(headcount=50, loaded_hourly_cost=50.0),
                    finance=Finance(**fin), literacy=Literacy(enabled=False), cohorts=(team,), ranges=ranges)


def _seed() -> Scenario:
    """The 200-person seed as shipped before methodology v2 (fees only, every hour valued in full): the
    hand-worked values below are that arithmetic. The fully loaded preset is tested in test_presets.py."""
    from calculator.scenario import load

    return load(Path(__file__).resolve().parent / "data" / "schema_v2" / "seed-200-person-org.json")


def test_the_hand_worked_team():
    """NPV = $99,000 - $12,000 = $87,000 (see the module docstring)."""
    result = evaluate(_team_scenario())
    assert result.total_cost == pytest.approx(12_000)
    assert result.total_benefit == pytest.approx(99_000)
    assert result.npv == pytest.approx(87_000)


# --------------------------------------------------------------------------- strategies
# Strategies at the plan's cash budget: tests/test_strategies.py.


# --------------------------------------------------------------------------- lenses
class TestLenses:
    def test_names_and_as_entered(self):
        out = lenses(_seed())
        assert [lens.name for lens in out] == ["As entered", "TEI-style", "Phillips conservative"]
        plan = evaluate(_seed())
        assert out[0].result.to_dict() == plan.to_dict()
        assert (out[0].npv, out[0].roi_pct, out[0].payback_months) == (plan.npv, plan.roi_pct, plan.payback_months)

    def test_tei_present_value_roi_hand_worked(self):
        """Reproduction (issue 14): the TEI lens reported undiscounted ROI and added no cost risk.

        TEI at 0% discount so the arithmetic is on paper: 36 months = 156 weeks.
        benefit = $2,000 a week x 0.5 recapture x (1 - 0.10 risk) x (3.5 ramp + 150 full weeks)
                = $900 x 153.5 = $138,150
        cost    = ($12,000 fees + 10 x 3 h x $50 x 6 weeks = $9,000 time) x 1.10 cost risk = $23,100
        NPV     = $115,050; PV ROI = 115,050 / 23,100 = 498.05%
        """
        tei = lenses(_team_scenario(), tei={"annual_discount_rate": 0.0})[1]
        assert tei.total_benefit == pytest.approx(138_150)
        assert tei.total_cost == pytest.approx(23_100)
        assert tei.npv == pytest.approx(115_050)
        assert tei.roi_pct == pytest.approx(115_050 / 23_100 * 100)
        assert tei.horizon_months == 36 and "present-value" in tei.roi_basis

    def test_tei_roi_is_discounted(self):
        """At the default 10% the TEI ROI is the lens result's NPV / PV of cost, below the undiscounted ROI."""
        tei = lenses(_team_scenario())[1]
        assert tei.roi_pct == pytest.approx(tei.result.npv / tei.result.pv_cost * 100)
        assert tei.roi_pct < tei.result.roi_pct
        assert tei.payback_months == tei.result.payback_months  # on the risk-adjusted flows

    def test_tei_defaults(self):
        tei = lenses(_team_scenario(productivity_recapture=0.75, benefit_risk_adjustment=0.2))[1]
        assert tei.parameters == {"horizon_months": 36, "annual_discount_rate": 0.10, "productivity_recapture": 0.5,
                                  "benefit_risk_adjustment": 0.10, "cost_risk_adjustment": 0.10,
                                  "include_participant_time": True}
        assert any("cost risk 10%" in words for words in tei.assumptions)

    def test_phillips_replaces_recapture_instead_of_stacking(self):
        """Entered recapture 0.75 and risk 0.2 are replaced: 2,080 h x $50 x (0.5 x 0.8) = $41,600 a year.

        Stacked it would be 2,080 x $50 x 0.4 x 0.75 x 0.8 = $24,960: the lens must not do that.
        """
        phillips = lenses(_team_scenario(productivity_recapture=0.75, benefit_risk_adjustment=0.2))[2]
        assert phillips.parameters["productivity_recapture"] == pytest.approx(0.4)
        assert phillips.parameters["benefit_risk_adjustment"] == 0.0
        assert phillips.result.annual_value == pytest.approx(41_600)

    def test_phillips_year_after_the_engagement_hand_worked(self):
        """Reproduction (issue 14): Phillips counted 12 months from week 1, not the year after each engagement.

        Team weeks 1-6, then 52 weeks: benefit weeks 1-58; the horizon holds week 58:
        ceil(58 x 12 / 52) = 14 months (61 weeks).
        benefit = $2,000 x 0.4 x (3.5 ramp + 52 full weeks) = $800 x 55.5 = $44,400 (weeks 59-61 not counted)
        cost    = $12,000 fees + $9,000 participants' time = $21,000
        ROI     = (44,400 - 21,000) / 21,000 = 111.43%
        """
        phillips = lenses(_team_scenario())[2]
        assert phillips.horizon_months == 14
        assert phillips.total_benefit == pytest.approx(44_400)
        assert phillips.total_cost == pytest.approx(21_000)
        assert phillips.roi_pct == pytest.approx(23_400 / 21_000 * 100)
        assert phillips.npv == pytest.approx(23_400)  # 0% discount in the hand-worked team

    def test_phillips_counts_each_teams_own_year(self):
        """A second team starting in week 40 (weeks 40-45, then 52 weeks: to week 97) gets its whole year:
        the horizon grows to ceil(97 x 12 / 52) = 23 months; each team brings $44,400 of benefit."""
        early = _team_scenario().cohorts[0]
        late = dataclasses.replace(early, name="Late", start_week=40)
        phillips = lenses(dataclasses.replace(_team_scenario(), cohorts=(early, late)))[2]
        assert phillips.horizon_months == 23
        assert phillips.total_benefit == pytest.approx(2 * 44_400)
        assert phillips.total_cost == pytest.approx(2 * 21_000)

    def test_phillips_notes_missing_program_costs(self):
        assert any("evaluation" in note for note in lenses(_team_scenario())[2].notes)

    def test_parameters_are_editable(self):
        out = lenses(_team_scenario(), tei={"horizon_months": 24, "productivity_recapture": 0.6},
                     phillips={"attribution": 1.0, "confidence": 0.9, "include_participant_time": False})
        assert out[1].parameters["horizon_months"] == 24
        assert out[1].parameters["productivity_recapture"] == 0.6
        assert out[2].parameters["productivity_recapture"] == pytest.approx(0.9)
        assert out[2].total_cost == pytest.approx(12_000)

    @pytest.mark.parametrize("tei, phillips, where", [
        ({"recapture": 0.5}, None, "tei.recapture"),
        ({"horizon_months": 0}, None, "tei.horizon_months"),
        (None, {"attribution": 2}, "phillips.attribution"),
        (None, {"productivity_recapture": 0.5}, "phillips.productivity_recapture"),
        (None, {"benefit_months": 0}, "phillips.benefit_months"),
    ])
    def test_bad_parameters_are_refused(self, tei, phillips, where):
        with pytest.raises(ValueError, match=where.replace(".", r"\.")):
            lenses(_team_scenario(), tei=tei, phillips=phillips)

    def test_one_line_summary(self):
        """Each line names the ROI it reports: TEI's is the present-value ROI, the others undiscounted (the
        Pitch's lens row sat beside a PV ROI card reading another number under the same bare "ROI")."""
        as_entered, tei, phillips = (lens_summary(lens) for lens in lenses(_team_scenario()))
        assert phillips.startswith("Phillips conservative (14 months at 0%): NPV $23.4K · undiscounted ROI 111% · ")
        assert " · PV ROI " in tei and " · undiscounted ROI " in as_entered

    def test_each_line_says_its_horizon_and_rate(self):
        """Two walks: the TEI-style line read better than the headline (-$29.7K against -$66.4K) without
        saying it counts 36 months at 10% against the headline's 24 at the scenario's rate. Each line now
        names both. The team scenario: 12 months at 0%; TEI's defaults 36 months at 10%; Phillips holds
        the team's weeks 1-6 and the 52 weeks after (week 58 ends in month ceil(58 x 12 / 52) = 14),
        discounted at the scenario's 0%."""
        as_entered, tei, phillips = (lens_summary(lens) for lens in lenses(_team_scenario()))
        assert as_entered.startswith("As entered (12 months at 0%): NPV ")
        assert tei.startswith("TEI-style (36 months at 10%): NPV ")
        assert phillips.startswith("Phillips conservative (14 months at 0%): NPV ")
        assert lens_summary(lenses(_team_scenario(annual_discount_rate=0.075))[0]).startswith(
            "As entered (12 months at 7.5%): ")


# --------------------------------------------------------------------------- tornado
class TestTornado:
    def test_the_dominant_input_comes_first(self):
        """Horizon 1 to 24 months (12 -/+ 12, at least 1): 1 month = 4 weeks costs 10 x $200 x 4 = $8,000
        against $2,000 x (1 + 2 + 3 + 4) / 6 = $3,333.33, NPV -$4,666.67; 24 months = 104 weeks brings
        $2,000 x (3.5 + 98) = $203,000 - $12,000 = $191,000. Swing $195,666.67.
        Recapture [0.5, 1] moves NPV by $99,000 x 0.5 = $49,500: 99,000 x 0.5 - 12,000 = 37,500
        to 87,000. The next widest are hours and hourly cost at -/+20%: $99,000 x 0.4 = $39,600;
        price [150, 250] moves it only 10 x $100 x 6 = $6,000.
        """
        s = _team_scenario(ranges=(("finance.productivity_recapture", 0.5, 1.0), ("cohorts[*].price", 150, 250)))
        bars = tornado(s)
        horizon, first = bars[0], bars[1]
        assert horizon.parameter == "finance.horizon_months"
        assert (horizon.low_text, horizon.high_text) == ("1 month", "24 months")
        assert horizon.npv_low == pytest.approx(3_333.333333 - 8_000)
        assert horizon.npv_high == pytest.approx(191_000)
        assert first.parameter == "finance.productivity_recapture"
        assert first.npv_low == pytest.approx(37_500)
        assert first.npv_high == pytest.approx(87_000)
        assert first.npv_base == pytest.approx(87_000)
        assert bars[2].swing == pytest.approx(39_600)
        price = next(b for b in bars if b.parameter == "cohorts[*].price")
        assert (price.npv_low, price.npv_high) == (pytest.approx(90_000), pytest.approx(84_000))

    def test_start_delay_and_discount_rate(self):
        """Reproduction (issue 14): horizon, discount rate and start delay were not in the tornado.

        Every team 13 weeks late (start week 14 of a 52-week horizon): cost still $12,000; value
        $2,000 x (3.5 ramp + 33 full weeks) = $73,000; NPV $61,000.
        Discount rate 0% to 5% (0 -/+ 5 points, at least 0): NPV at 0% is the plan's $87,000.
        """
        bars = {b.parameter: b for b in tornado(_team_scenario())}
        delay = bars["start_delay_weeks"]
        assert (delay.label, delay.low_text, delay.high_text) == ("Start delay", "on plan", "every team 13 weeks late")
        assert (delay.npv_low, delay.npv_high) == (pytest.approx(87_000), pytest.approx(61_000))
        rate = bars["finance.annual_discount_rate"]
        assert (rate.low, rate.high, rate.low_text, rate.high_text) == (0.0, 0.05, "0% a year", "5% a year")
        assert rate.npv_low == pytest.approx(87_000) and rate.npv_high < 87_000
        assert bars["finance.horizon_months"].label == "Horizon (months)"

    def test_cost_risk_bar(self):
        """Cost risk 0 -/+ 10 points (at least 0): at 10% the $12,000 of fees cost $13,200, NPV $85,800."""
        bar = next(b for b in tornado(_team_scenario()) if b.parameter == "finance.cost_risk_adjustment")
        assert (bar.label, bar.low_text, bar.high_text) == ("Cost risk", "costs x 1.00", "costs x 1.10")
        assert (bar.npv_low, bar.npv_high) == (pytest.approx(87_000), pytest.approx(85_800))

    def test_sorted_by_swing(self):
        swings = [round(b.swing, 6) for b in tornado(_seed())]
        assert swings == sorted(swings, reverse=True)

    def test_defaults_where_no_range(self):
        """No ranges: -/+20% on price, weeks, hours, adoption (capped at 1), hourly cost, recapture (capped),
        and the horizon, discount rate and start delay bars."""
        bars = {b.parameter: b for b in tornado(_team_scenario())}
        assert set(bars) == {"cohorts[*].price", "cohorts[*].engagement_weeks",
                             "cohorts[*].hours_saved_per_person_per_week", "cohorts[*].adoption_rate",
                             "organization.loaded_hourly_cost", "finance.productivity_recapture",
                             "finance.horizon_months", "finance.annual_discount_rate", "start_delay_weeks",
                             "finance.cost_risk_adjustment"}
        assert (bars["cohorts[*].price"].low, bars["cohorts[*].price"].high) == (160, 240)
        assert (bars["cohorts[*].engagement_weeks"].low, bars["cohorts[*].engagement_weeks"].high) == (5, 7)
        assert (bars["cohorts[*].adoption_rate"].low, bars["cohorts[*].adoption_rate"].high) == (0.8, 1.0)
        assert bars["finance.productivity_recapture"].high == 1.0
        assert all(b.source.startswith("default") for b in bars.values())

    def test_a_range_replaces_the_default(self):
        bars = tornado(_seed())
        price = [b for b in bars if b.parameter.endswith(".price")]
        assert len(price) == 1 and price[0].source == "range"
        assert (price[0].low, price[0].high) == (200, 500)

    def test_ends_match_single_evaluations(self):
        """Each end is the NPV of the scenario with only that input moved (with_parameter as the oracle)."""
        s = _seed()
        for bar in tornado(s):
            if bar.source != "range":
                continue
            assert bar.npv_low == pytest.approx(evaluate(with_parameter(s, bar.parameter, bar.low)).npv)
            assert bar.npv_high == pytest.approx(evaluate(with_parameter(s, bar.parameter, bar.high)).npv)


# --------------------------------------------------------------------------- break-even
def _scaled(s: Scenario, leaves: list[str], m: float) -> Scenario:
    from calculator.analysis.common import leaf_base

    for leaf in leaves:
        s = with_parameter(s, leaf, leaf_base(s, leaf) * m)
    return s


class TestBreakEven:
    def test_hand_worked_multipliers(self):
        """Hours: NPV = 99,000 m - 12,000 = 0 at m = 12,000 / 99,000 = 0.1212...
        Price: NPV = 99,000 - 12,000 m = 0 at m = 8.25.
        Adoption is already 100%, so it can only fall: the same 0.1212 (value is linear in it too).
        Payback at 6 months (26 weeks) with hours x m: after the ramp, cumulative benefit is
        2,000 m (t - 2.5) against $12,000, so t = 26 needs m = 6 / 23.5 = 0.2553...
        """
        found = break_even(_team_scenario(), target_payback_months=6)
        assert found.hours_saved.npv_zero_multiplier == pytest.approx(12_000 / 99_000, rel=1e-9)
        assert found.adoption.npv_zero_multiplier == pytest.approx(12_000 / 99_000, rel=1e-9)
        assert found.adoption.max_multiplier == 1.0
        assert found.price.npv_zero_multiplier == pytest.approx(8.25, rel=1e-9)
        assert found.hours_saved.payback_target_multiplier == pytest.approx(6 / 23.5, rel=1e-9)

    @pytest.mark.parametrize("lever, leaves", [
        ("hours_saved", [f"cohorts[{i}].hours_saved_per_person_per_week" for i in range(7)]),
        ("adoption", [f"cohorts[{i}].adoption_rate" for i in range(7)]),
        ("price", [f"cohorts[{i}].price" for i in range(7)]),
    ])
    def test_multiplier_put_back_gives_zero_npv(self, lever, leaves):
        s = _seed()
        m = getattr(break_even(s), lever).npv_zero_multiplier
        assert abs(evaluate(_scaled(s, leaves, m)).npv) < 1.0

    def test_payback_multiplier_put_back_meets_the_target(self):
        s = _seed()
        leaves = [f"cohorts[{i}].price" for i in range(7)]
        m = break_even(s, target_payback_months=12).price.payback_target_multiplier
        assert evaluate(_scaled(s, leaves, m)).payback_months == pytest.approx(12, abs=1e-6)

    def test_adoption_cannot_pass_full(self):
        """Seed adoption is 80%: the search stops at m = 1 / 0.8 = 1.25."""
        assert break_even(_seed()).adoption.max_multiplier == pytest.approx(1.25)
        losing = _team_scenario(ranges=())
        losing = dataclasses.replace(losing, cohorts=(dataclasses.replace(losing.cohorts[0],
                                                                          hours_saved_per_person_per_week=0.1),))
        found = break_even(losing).adoption
        assert found.npv_zero_multiplier is None
        assert "100%" in found.npv_zero_reason

    def test_nothing_to_scale(self):
        s = dataclasses.replace(_team_scenario(), cohorts=(dataclasses.replace(
            _team_scenario().cohorts[0], hours_saved_per_person_per_week=0.0),))
        found = break_even(s).hours_saved
        assert found.npv_zero_multiplier is None and "no hours saved" in found.reason

    def test_even_a_hundred_times_is_not_enough(self):
        """0.001 h a week x 100 = 0.1 h: $2,000 x 0.1 / 4 x 49.5 = $2,475 < $12,000."""
        team = dataclasses.replace(_team_scenario().cohorts[0], hours_saved_per_person_per_week=0.001)
        found = break_even(dataclasses.replace(_team_scenario(), cohorts=(team,))).hours_saved
        assert found.npv_zero_multiplier is None and "100 times" in found.npv_zero_reason

    def test_target_past_the_horizon(self):
        found = break_even(_team_scenario(), target_payback_months=18).hours_saved
        assert found.payback_target_multiplier is None and "horizon" in found.payback_target_reason

    def test_bad_target(self):
        with pytest.raises(ValueError, match="target_payback_months"):
            break_even(_team_scenario(), target_payback_months=0)

    def test_sentences(self):
        """Hours m = 0.1212 -> 13% of plan; price m = 8.25 -> 8.2 times; payback at 6 months needs
        price m with 2,000 x (26 - 2.5) = 12,000 m, m = 3.92 -> 3.9 times. Rounded to the safe side:
        hours up (12% would not quite pay), price down.
        """
        lines = break_even_sentences(break_even(_team_scenario(), target_payback_months=6))
        assert "Hours saved could fall to 13% of plan before the NPV falls below zero." in lines
        assert "The price could rise to 8.2 times plan before the NPV falls below zero." in lines
        assert "The price could rise to 3.9 times plan and it would still pay back within 6 months." in lines

    def test_sentences_for_a_plan_that_does_not_pay(self):
        """0.4 h a week: 10 x 0.4 h x $50 = $200 a week at full ramp, x 49.5 weeks = $9,900 < $12,000.

        Hours must reach 12,000 / 9,900 = 1.2121 -> 122% of plan (rounded up); adoption, already 100%, cannot;
        the price would have to fall to 9,900 / 12,000 = 0.825, shown as 82% (rounded down: safe side).
        """
        team = dataclasses.replace(_team_scenario().cohorts[0], hours_saved_per_person_per_week=0.4)
        lines = break_even_sentences(break_even(dataclasses.replace(_team_scenario(), cohorts=(team,))))
        assert "Hours saved would have to reach 122% of plan for the NPV to break even." in lines
        assert any(line.startswith("Adoption: no break-even point. Adoption cannot pass 100%") for line in lines)
        assert "The price would have to fall to 82% of plan for the NPV to break even." in lines

    def test_sentences_when_only_all_but_free_training_pays(self):
        """Issue 22 item 7: "the price would have to fall to 0% of plan" said nothing a CFO could use.

        0.002 h a week: value = $99,000 x 0.002 / 4 = $49.50 a year against $12,000 of fees, so the price
        breaks even at m = 49.5 / 12,000 = 0.0041 (0.41% of plan), which rounds down to "0%". The sentence
        says what that means: under 1% of the planned price, the training all but free (the table: "under 1% of plan").
        """
        team = dataclasses.replace(_team_scenario().cohorts[0], hours_saved_per_person_per_week=0.002)
        found = break_even(dataclasses.replace(_team_scenario(), cohorts=(team,)))
        assert found.price.npv_zero_multiplier == pytest.approx(49.5 / 12_000, rel=1e-6)
        lines = break_even_sentences(found)
        assert not [line for line in lines if re.search(r"(?<![\d.])0% of plan", line)]
        assert share_text("price", found.price.npv_zero_multiplier) == "under 1% of plan"
        assert ("The price would have to fall under 1% of plan for the NPV to break even: only training that is "
                "all but free breaks even.") in lines
        assert ("To pay back within 12 months, the price would have to fall under 1% of plan: only training that "
                "is all but free pays back within 12 months.") in lines


# --------------------------------------------------------------------------- uncertainty
def _collapsed(s: Scenario) -> Scenario:
    from calculator.scenario import parameter_values

    ranges = []
    for path, _, _ in s.ranges:
        base = parameter_values(s, path)
        assert len(set(base)) == 1, "collapsing a cohorts[*] range needs every team at the same value"
        ranges.append((path, base[0], base[0]))
    return dataclasses.replace(s, ranges=tuple(ranges))


class TestUncertainty:
    def test_collapsed_ranges_equal_the_deterministic_result_exactly(self):
        s = _collapsed(_seed())
        plan = evaluate(s)
        mc = simulate(s, draws=2_000, seed=3)
        assert (mc.npv == plan.npv).all()
        assert (mc.payback_months == plan.payback_months).all()
        out = mc.summary()
        assert out.npv == Percentiles(plan.npv, plan.npv, plan.npv)
        assert out.roi_pct == Percentiles(plan.roi_pct, plan.roi_pct, plan.roi_pct)
        assert out.payback_months == Percentiles(plan.payback_months, plan.payback_months, plan.payback_months)
        assert out.cash_npv == Percentiles(plan.cash_npv, plan.cash_npv, plan.cash_npv)
        assert out.roi_pv_pct == Percentiles(plan.roi_pv_pct, plan.roi_pv_pct, plan.roi_pv_pct)

    def test_collapsed_section_range(self):
        s = _team_scenario(ranges=(("finance.productivity_recapture", 1.0, 1.0),
                                   ("organization.loaded_hourly_cost", 50.0, 50.0)))
        assert uncertainty(s, draws=100).npv.p50 == evaluate(s).npv

    def test_same_seed_same_numbers(self):
        s = load_preset("starter-300-person-pilots")
        a, b = simulate(s, draws=3_000, seed=7), simulate(s, draws=3_000, seed=7)
        assert np.array_equal(a.npv, b.npv) and a.summary() == b.summary()
        assert not np.array_equal(a.npv, simulate(s, draws=3_000, seed=8).npv)

    def test_blocks_do_not_change_the_numbers(self):
        s = load_preset("starter-300-person-pilots")
        one, blocks = simulate(s, 2_500, 1, block=None), simulate(s, 2_500, 1, block=600)
        assert np.array_equal(one.npv, blocks.npv)
        assert np.array_equal(one.payback_months, blocks.payback_months, equal_nan=True)

    @pytest.mark.parametrize("name", ["seed-200-person-org", "starter-300-person-pilots", "seed-marketing-team"])
    def test_percentiles_ordered_and_probabilities_bounded(self, name):
        out = uncertainty(load_preset(name), draws=4_000, seed=0)
        for p in (out.npv, out.roi_pct, out.payback_months):
            values = [v for v in (p.p10, p.p50, p.p90) if v is not None]
            assert values == sorted(values)
        assert 0 <= out.prob_npv_positive <= 1
        assert 0 <= out.prob_payback_within_horizon <= 1
        assert out.draws == 4_000 and out.seed == 0

    def test_payback_that_never_comes_is_null_not_a_number(self):
        """Draws [1, 2, 3, none, none]: P10 at position 0.4 -> 1.4; P50 at 2 -> 3; P90 at 3.6 -> null."""
        months = np.array([1.0, 2.0, 3.0, np.nan, np.nan])
        mc = MonteCarlo(draws=5, seed=0, correlation=0.5, horizon_months=24, horizon_weeks=104, varied=(),
                        npv=np.zeros(5), roi_pct=np.zeros(5), payback_months=months, total_cost=np.ones(5),
                        cash_npv=np.zeros(5), roi_pv_pct=np.zeros(5))
        out = mc.summary()
        assert (out.payback_months.p10, out.payback_months.p50, out.payback_months.p90) == (
            pytest.approx(1.4), 3.0, None)
        assert out.prob_payback_within_horizon == pytest.approx(0.6)

    def test_shared_quantile_with_each_team_as_mode(self):
        """Price [200, 500]: team A's mode 300, team B's 400, the same quantile for both.

        Triangular CDF left of the mode: F(x) = (x - low)^2 / ((high - low)(mode - low)); right of it
        1 - (high - x)^2 / ((high - low)(high - mode)). Both teams' draws must sit at the same F.
        """
        s = Scenario(cohorts=(Cohort(price=300), Cohort(price=400)), ranges=(("cohorts[*].price", 200, 500),))
        cols = draw_inputs(s, 500, seed=2)

        def cdf(x, mode):
            return np.where(x <= mode, (x - 200) ** 2 / (300 * (mode - 200)), 1 - (500 - x) ** 2 / (300 * (500 - mode)))

        assert np.allclose(cdf(cols["cohorts[0].price"], 300), cdf(cols["cohorts[1].price"], 400))

    def test_triangular_quantile_hand_values(self):
        """(0, 0.5, 1): u = 0.125 -> sqrt(0.125 x 1 x 0.5) = 0.25; u = 0.875 -> 1 - 0.25 = 0.75."""
        assert triangular_quantile(np.array([0.125, 0.5, 0.875]), 0, 0.5, 1).tolist() == pytest.approx(
            [0.25, 0.5, 0.75])

    def test_draw_mean_is_the_triangular_mean(self):
        """Mean of triangular(200, 350, 500) = (200 + 350 + 500) / 3 = 350."""
        cols = draw_inputs(_seed(), 20_000, seed=0)
        assert cols["cohorts[0].price"].mean() == pytest.approx(350, abs=3)
        assert cols["cohorts[0].price"].min() >= 200 and cols["cohorts[0].price"].max() <= 500

    def test_no_ranges_every_draw_is_the_plan(self):
        s = _team_scenario()
        out = uncertainty(s, draws=50)
        assert out.npv.p10 == out.npv.p90 == evaluate(s).npv
        assert out.prob_npv_positive == 1.0

    @pytest.mark.parametrize("correlation", [-0.1, 1.5, "high", True])
    def test_bad_correlation(self, correlation):
        with pytest.raises(ValueError, match="correlation"):
            uncertainty(_seed(), draws=10, correlation=correlation)

    @pytest.mark.parametrize("draws, seed", [(0, 0), (10, -1), (2.5, 0), (True, 0)])
    def test_bad_draws_or_seed(self, draws, seed):
        with pytest.raises(ValueError):
            uncertainty(_seed(), draws=draws, seed=seed)


# --------------------------------------------------------------------------- the copula
def _benefit_ranged(**finance) -> Scenario:
    """The hand-worked team with benefit drivers, a risk haircut and a price all ranged."""
    team = dataclasses.replace(_team_scenario().cohorts[0], hours_saved_per_person_per_week=2.0, adoption_rate=0.8)
    return dataclasses.replace(
        _team_scenario(benefit_risk_adjustment=0.1, productivity_recapture=0.75, **finance), cohorts=(team,),
        ranges=(("cohorts[*].hours_saved_per_person_per_week", 1.0, 3.0), ("cohorts[*].adoption_rate", 0.5, 1.0),
                ("finance.productivity_recapture", 0.5, 1.0), ("finance.benefit_risk_adjustment", 0.0, 0.3),
                ("cohorts[*].price", 150.0, 300.0)))


def _triangular_cdf(x, low, mode, high):
    x = np.asarray(x)
    return np.where(x <= mode, (x - low) ** 2 / ((high - low) * (mode - low)),
                    1 - (high - x) ** 2 / ((high - low) * (high - mode)))


class TestCopula:
    N = 20_000

    @pytest.mark.parametrize("rho", [0.0, 0.5, 1.0])
    def test_every_marginal_is_its_triangle_whatever_the_correlation(self, rho):
        """Each input keeps its own triangular (low, plan, high) distribution at any correlation:
        a Kolmogorov-Smirnov test against the triangle's CDF does not reject it."""
        from scipy import stats

        cols = draw_inputs(_benefit_ranged(), self.N, seed=1, correlation=rho)
        hours = cols["cohorts[0].hours_saved_per_person_per_week"]
        assert stats.kstest(hours, lambda x: _triangular_cdf(x, 1.0, 2.0, 3.0)).pvalue > 0.01
        adoption = cols["cohorts[0].adoption_rate"]
        assert stats.kstest(adoption, lambda x: _triangular_cdf(x, 0.5, 0.8, 1.0)).pvalue > 0.01

    def test_correlation_zero_draws_independently(self):
        """At 0 every pair of inputs is independent: rank correlations within 0.03 of 0."""
        from scipy import stats

        cols = draw_inputs(_benefit_ranged(), self.N, seed=2, correlation=0.0)
        rho, _ = stats.spearmanr(cols["cohorts[0].hours_saved_per_person_per_week"], cols["cohorts[0].adoption_rate"])
        assert abs(rho) < 0.03

    def test_correlation_one_makes_benefit_drivers_comonotonic(self):
        """At 1 the benefit drivers move as one: their ranks are identical (and the risk haircut's reversed)."""
        cols = draw_inputs(_benefit_ranged(), 2_000, seed=3, correlation=1.0)
        ranks = {k: np.argsort(np.argsort(v)) for k, v in cols.items()}
        assert np.array_equal(ranks["cohorts[0].hours_saved_per_person_per_week"], ranks["cohorts[0].adoption_rate"])
        assert np.array_equal(ranks["cohorts[0].adoption_rate"], ranks["finance.productivity_recapture"])
        assert np.array_equal(ranks["finance.benefit_risk_adjustment"], 1999 - ranks["cohorts[0].adoption_rate"])

    @pytest.mark.parametrize("rho", [0.3, 0.5, 0.8])
    def test_rank_correlation_is_near_the_setting(self, rho):
        """Spearman's rho of a Gaussian copula is 6 / pi x arcsin(rho / 2): 0.29, 0.48, 0.79 here,
        within 0.02 of the setting; the draws' rank correlation lands within 0.03 of it."""
        from scipy import stats

        cols = draw_inputs(_benefit_ranged(), self.N, seed=4, correlation=rho)
        got, _ = stats.spearmanr(cols["cohorts[0].hours_saved_per_person_per_week"], cols["cohorts[0].adoption_rate"])
        assert got == pytest.approx(rho, abs=0.03)
        assert got == pytest.approx(6 / math.pi * math.asin(rho / 2), abs=0.02)

    def test_costs_stay_independent_of_benefits(self):
        from scipy import stats

        cols = draw_inputs(_benefit_ranged(), self.N, seed=5, correlation=0.9)
        got, _ = stats.spearmanr(cols["cohorts[0].price"], cols["cohorts[0].adoption_rate"])
        assert abs(got) < 0.03

    def test_correlation_widens_the_spread_of_npv(self):
        """Moving together, good and bad benefit draws compound: P10-P90 is wider at 0.9 than at 0."""
        s = _benefit_ranged()
        apart, together = uncertainty(s, 5_000, 0, correlation=0.0), uncertainty(s, 5_000, 0, correlation=0.9)
        assert together.npv.p90 - together.npv.p10 > 1.2 * (apart.npv.p90 - apart.npv.p10)

    def test_varied_inputs_are_listed_with_their_role(self):
        out = uncertainty(_benefit_ranged(), 100, 0, correlation=0.4)
        roles = {v.parameter: v.role for v in out.varied}
        assert roles == {"cohorts[*].hours_saved_per_person_per_week": "benefit", "cohorts[*].adoption_rate": "benefit",
                         "finance.productivity_recapture": "benefit", "finance.benefit_risk_adjustment": "benefit",
                         "cohorts[*].price": "cost"}
        adoption = next(v for v in out.varied if v.parameter == "cohorts[*].adoption_rate")
        assert "correlation 0.4" in adoption.how and "50% to 100%" in adoption.how
        assert out.warnings == () and not out.only_costs_ranged

    def test_only_costs_ranged_says_so(self):
        """Reproduction (issue 14): the seed ranges only price and weeks, and nothing said so."""
        out = uncertainty(_seed(), 200, 0)
        assert out.only_costs_ranged
        assert out.warnings and out.warnings[0].startswith("Only costs are ranged")
        spec = uncertainty_chart(simulate(_seed(), 200)).to_dict()
        assert any(line.startswith("Only costs are ranged") for line in spec["title"]["subtitle"])


# --------------------------------------------------------------------------- analyze and the CLI
class TestAnalyze:
    def test_json_ready_without_nan(self):
        out = analyze(_seed(), draws=300).to_dict()
        text = json.dumps(out, allow_nan=False)
        assert set(json.loads(text)) == {"strategies", "spend_mix", "lenses", "tornado", "break_even", "uncertainty"}
        rows = {r["key"]: r for r in out["strategies"]}
        assert rows["do_nothing"]["roi_pct"] is None and rows["consulting_led"]["payback_months"] is None

    def test_cli_prints_one_json_object(self, capsys):
        code = cli.main(["analyze", "--preset", "seed-marketing-team", "--draws", "300", "--seed", "4",
                         "--target-payback-months", "6"])
        captured = capsys.readouterr()
        assert code == 0 and captured.err == ""
        data = json.loads(captured.out, parse_constant=lambda name: pytest.fail(f"{name} in output"))
        assert list(data) == ["strategies", "spend_mix", "lenses", "tornado", "break_even", "uncertainty"]
        assert data["uncertainty"]["draws"] == 300 and data["uncertainty"]["seed"] == 4
        assert data["break_even"]["price"]["target_payback_months"] == 6
        assert data["uncertainty"]["correlation"] == 0.5 and data["uncertainty"]["varied"]

    def test_cli_carries_the_new_fields(self, capsys):
        """Issue 14: the lens and strategy fields and the varied inputs reach the JSON."""
        cli.main(["analyze", "--preset", "seed-200-person-org", "--draws", "200"])
        data = json.loads(capsys.readouterr().out)
        tei = next(lens for lens in data["lenses"] if lens["key"] == "tei")
        assert tei["roi_basis"].startswith("present-value") and tei["assumptions"] and "results" in tei
        assert {"over_nothing", "over_platform", "rank", "roi_meaningful", "hours_assumption"} <= set(
            data["strategies"][0])
        unc = data["uncertainty"]
        assert {v["role"] for v in unc["varied"]} == {"benefit", "cost"}
        assert {"cash_npv", "roi_pv_pct", "warnings"} <= set(unc)

    def test_cli_correlation(self, capsys):
        cli.main(["analyze", "--preset", "seed-marketing-team", "--draws", "100", "--correlation", "0"])
        assert json.loads(capsys.readouterr().out)["uncertainty"]["correlation"] == 0.0

    def test_cli_same_as_library(self, capsys):
        cli.main(["analyze", "--preset", "seed-200-person-org", "--draws", "200"])
        expected = analyze(load_preset("seed-200-person-org"), draws=200).to_dict()
        assert json.loads(capsys.readouterr().out) == json.loads(json.dumps(expected))

    @pytest.mark.parametrize("argv, lines", [
        (["analyze", "--preset", "seed-200-person-org", "--draws", "0", "--seed", "-1"], 2),
        (["analyze", "--preset", "seed-200-person-org", "--target-payback-months", "0"], 1),
        (["analyze", "--preset", "seed-200-person-org", "--correlation", "1.5"], 1),
        (["analyze", "--preset", "no-such-preset"], 1),
        (["analyze", "/no/such/file.json"], 1),
        (["analyze"], 1),
    ])
    def test_bad_input_exits_2(self, capsys, argv, lines):
        assert cli.main(argv) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert len(captured.err.strip().splitlines()) == lines

    def test_bad_file_names_the_field(self, tmp_path, capsys):
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps({"cohorts": [{"team_size": 0}]}))
        assert cli.main(["analyze", str(bad)]) == 2
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err.startswith("cohorts[0].team_size")

    def test_argument_type_error_exits_2(self):
        run = run_cli("analyze", "--preset", "seed-200-person-org", "--draws", "many")
        assert run.returncode == 2 and run.stdout == "" and len(run.stderr.strip().splitlines()) == 1

    def test_prints_every_analysis(self):
        run = run_cli("analyze", "--preset", "seed-marketing-team", "--draws", "100")
        assert run.returncode == 0, run.stderr
        assert set(json.loads(run.stdout)) == {"strategies", "spend_mix", "lenses", "tornado", "break_even",
                                               "uncertainty"}


# --------------------------------------------------------------------------- charts
def _walk(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


class TestCharts:
    @pytest.fixture(scope="class")
    @classmethod
    def specs(cls):
        s = _seed()
        return {
            "strategies": strategies_chart(strategies(s)).to_dict(),
            "tornado": tornado_chart(tornado(s)).to_dict(),
            "uncertainty": uncertainty_chart(simulate(s, draws=500)).to_dict(),
        }

    @pytest.mark.parametrize("name", ["strategies", "tornado", "uncertainty"])
    def test_every_scale_uses_the_palette(self, specs, name):
        scales = [n["range"] for n in _walk(specs[name]) if "range" in n and isinstance(n["range"], list)]
        assert scales, "every colour must come from an explicit scale"
        assert all(colour in OKABE_ITO.values() for scale in scales for colour in scale)
        marks = [n["mark"].get("color") for n in _walk(specs[name]) if isinstance(n.get("mark"), dict)]
        assert all(colour in OKABE_ITO.values() for colour in marks if colour is not None)

    @pytest.mark.parametrize("name", ["strategies", "tornado", "uncertainty"])
    def test_title_size_and_tooltips(self, specs, name):
        spec = specs[name]
        assert spec["title"]["text"] and spec["width"] > 0 and spec["height"] > 0
        layers = spec["layer"]
        assert all("tooltip" in layer.get("encoding", {}) for layer in layers if layer["mark"]["type"] == "bar")

    def test_uncertainty_marks_the_percentiles(self, specs):
        text = json.dumps(specs["uncertainty"])
        assert "P10" in text and "P50" in text and "P90" in text


def test_analysis_modules_do_not_import_streamlit():
    code = ("import sys, calculator.analysis, calculator.charts.analysis; "
            "assert 'streamlit' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_json_numbers_are_finite():
    out = analyze(_team_scenario(), draws=50).to_dict()
    for node in _walk(out):
        for value in node.values():
            assert not (isinstance(value, float) and not math.isfinite(value))


def test_a_long_subtitle_line_wraps_instead_of_being_cut():
    """Third walk: the Monte Carlo chart's subtitle read "Varied: Price (every team), Hours saved per person per
    week (every team), Adoption (every team), Price (Mar…" on the default scenario: a 119-character line
    in a title limited to the chart's 640 px at 11 px (about 110 characters) is cut. Lines now wrap at
    95 characters, and every varied input is still named."""
    from calculator import presets
    from calculator.charts.analysis import SUBTITLE_CHARS

    mc = simulate(presets.load_preset(presets.DEFAULT_PRESET), draws=300)
    subtitle = uncertainty_chart(mc).to_dict()["title"]["subtitle"]
    assert SUBTITLE_CHARS == 95 and all(len(line) <= SUBTITLE_CHARS for line in subtitle), subtitle
    joined = " ".join(subtitle)
    for varied in mc.summary().varied:
        assert varied.label in joined, varied.label

