"""Methodology v3 (MODEL.md, schema_version 4), the decision case: hand-worked values for each new rule.

Each test builds the smallest scenario that shows one rule and states the arithmetic in its docstring.
"""

import json
import subprocess
import sys

import numpy as np
import pytest

from calculator.model import at_bracket_end, at_end, evaluate, evaluate_batch
from calculator.scenario import (
    Cohort,
    Finance,
    Literacy,
    OtherCost,
    Scenario,
    ScenarioError,
    WithoutTraining,
    dumps,
    from_dict,
    loads,
)

NO_LITERACY = Literacy(enabled=False)
# Finance with nothing to haircut: no discounting makes the present values equal to the sums.
PLAIN = Finance(horizon_months=12, annual_discount_rate=0.0)


def _team(**kw) -> Cohort:
    base = dict(name="Ops", team_size=10, price=200.0, engagement_weeks=6, start_week=1,
                hours_saved_per_person_per_week=2.0, adoption_rate=0.8)
    base.update(kw)
    return Cohort(**base)


class TestCounterfactual:
    def test_hours_are_the_difference_over_what_happens_anyway(self):
        """10 people, trained 0.8 x 2 h = 1.6 h a person a week; anyway 0.25 x 2 h = 0.5 h.
        Increment 1.6 - 0.5 = 1.1 h: a year 10 x 1.1 x 52 = 572 h; anyway 10 x 0.5 x 52 = 260 h."""
        team = _team(without_training=WithoutTraining(adoption_rate=0.25, hours_saved_per_person_per_week=2.0))
        r = evaluate(Scenario(literacy=NO_LITERACY, finance=PLAIN, cohorts=(team,)))
        assert r.annual_hours_saved == pytest.approx(572.0)
        assert r.annual_hours_without_training == pytest.approx(260.0)
        assert r.fte_returned == pytest.approx(572.0 / 2080.0)
        assert r.by_team[0].annual_hours_saved == pytest.approx(572.0)

    def test_weekly_hours_ramp_and_value_use_the_difference(self):
        """Week 3 of a 6-week ramp is 3/6 of full: 10 x 1.1 x 0.5 = 5.5 h, worth 5.5 x $45.65 = $251.075.
        With no counterfactual the same week is 10 x 1.6 x 0.5 = 8 h."""
        anyway = WithoutTraining(adoption_rate=0.25, hours_saved_per_person_per_week=2.0)
        with_cf = evaluate(Scenario(literacy=NO_LITERACY, finance=PLAIN, cohorts=(_team(without_training=anyway),)))
        without_cf = evaluate(Scenario(literacy=NO_LITERACY, finance=PLAIN, cohorts=(_team(),)))
        assert with_cf.weekly_hours[2] == pytest.approx(5.5)
        assert with_cf.weekly_benefit[2] == pytest.approx(5.5 * 45.65)
        assert without_cf.weekly_hours[2] == pytest.approx(8.0)

    def test_a_negative_increment_is_kept_and_named_in_a_warning(self):
        """Trained 0.5 x 1 h = 0.5 h; anyway 0.8 x 1 h = 0.8 h: -0.3 h a person, 10 x -0.3 x 52 = -156 h a year."""
        team = _team(name="Sales", adoption_rate=0.5, hours_saved_per_person_per_week=1.0,
                     without_training=WithoutTraining(adoption_rate=0.8, hours_saved_per_person_per_week=1.0))
        r = evaluate(Scenario(literacy=NO_LITERACY, finance=PLAIN, cohorts=(team,)))
        assert r.annual_hours_saved == pytest.approx(-156.0)
        assert any("Sales" in w and "negative" in w for w in r.warnings)

    def test_a_team_starting_after_the_horizon_counts_nothing_anyway(self):
        """Horizon 12 months = 52 weeks; a team starting in week 60 adds no hours, with or without training."""
        team = _team(start_week=60, without_training=WithoutTraining(0.5, 1.0))
        r = evaluate(Scenario(literacy=NO_LITERACY, finance=PLAIN, cohorts=(team,)))
        assert r.annual_hours_without_training == 0.0 and r.annual_hours_saved == 0.0

    def test_decay_takes_the_team_back_to_its_baseline(self):
        """With 100% annual decay the gain is gone a year after the engagement: the hours approach 0 (the
        untrained level is the baseline), never below it."""
        team = _team(without_training=WithoutTraining(0.25, 2.0))
        fin = Finance(horizon_months=36, annual_discount_rate=0.0, annual_benefit_decay=0.99)
        r = evaluate(Scenario(literacy=NO_LITERACY, finance=fin, cohorts=(team,)))
        assert r.weekly_hours[5] == pytest.approx(11.0)      # full: 10 x 1.1
        assert 0 <= r.weekly_hours[-1] < 0.1


class TestBaseline:
    def test_baseline_literacy_is_shown_apart_and_not_charged_to_the_decision(self):
        """Literacy: 100 learners x $35 x 1 month = $3,500, marked baseline. Decision: 10 x $200 x 6 = $12,000.
        The decision's total is $12,000; the baseline $3,500; the whole program $15,500."""
        lit = Literacy(enabled=True, learners=100, seat_price_per_month=35.0, access_months=1.0, baseline=True)
        s = Scenario(literacy=lit, finance=PLAIN, cohorts=(_team(hours_saved_per_person_per_week=0.0),))
        r = evaluate(s)
        assert r.total_cost == pytest.approx(12_000.0)
        assert r.cost_by_tier["1"] == 0.0 and r.people_by_tier["1"] == 0
        assert r.program_fees == pytest.approx(12_000.0)
        assert r.baseline["total_cost"] == pytest.approx(3_500.0)
        assert r.baseline["cost_by_line"]["fees"] == pytest.approx(3_500.0)
        assert r.baseline["npv"] == pytest.approx(-3_500.0)
        assert r.program["total_cost"] == pytest.approx(15_500.0)
        assert r.program["npv"] == pytest.approx(-15_500.0)
        assert r.program["roi_pv_pct"] == pytest.approx(-100.0)

    def test_baseline_other_cost(self):
        """A $5,200 acceptable-use course over 4 weeks marked baseline: $1,300 a week, not in the decision."""
        item = OtherCost(name="Acceptable-use training", amount=5_200.0, start_week=1, weeks=4, baseline=True)
        r = evaluate(Scenario(literacy=NO_LITERACY, finance=PLAIN, cohorts=(_team(),), other_costs=(item,)))
        assert r.cost_by_line["other"] == 0.0
        assert r.baseline["cost_by_line"]["other"] == pytest.approx(5_200.0)
        assert r.program["total_cost"] == pytest.approx(r.total_cost + 5_200.0)

    def test_without_baseline_items_the_program_is_the_decision(self):
        r = evaluate(Scenario(literacy=NO_LITERACY, finance=PLAIN, cohorts=(_team(),)))
        assert r.baseline == {"total_cost": 0.0, "cost_by_line": {"fees": 0.0, "participant_time": 0.0,
                                                                  "ai_seats": 0.0, "other": 0.0},
                              "total_benefit": 0.0, "npv": 0.0}
        assert r.program == {"total_cost": r.total_cost, "total_benefit": r.total_benefit, "npv": r.npv,
                             "roi_pv_pct": r.roi_pv_pct, "payback_months": r.payback_months}

    def test_program_payback_is_on_the_summed_flows(self):
        """Decision pays back; a large baseline cost pushes the whole program's payback later (or past the end)."""
        lit = Literacy(enabled=True, learners=100, seat_price_per_month=35.0, baseline=True)
        s = Scenario(literacy=lit, finance=PLAIN, cohorts=(_team(hours_saved_per_person_per_week=5.0),))
        r = evaluate(s)
        assert r.payback_months is not None
        assert r.program["payback_months"] is not None and r.program["payback_months"] > r.payback_months


class TestCashIsCash:
    def test_cash_cost_leaves_participants_time_out(self):
        """Fees 10 x $200 x 6 = $12,000; time 10 x 3 h x $45.65 x 6 = $8,217. Cash cost $12,000;
        cash NPV (no cash value, no discounting) = -$12,000, not -$20,217."""
        fin = Finance(horizon_months=12, annual_discount_rate=0.0, include_participant_time=True)
        team = _team(participant_hours_per_week=3.0)
        r = evaluate(Scenario(literacy=NO_LITERACY, finance=fin, cohorts=(team,)))
        assert r.cost_by_line["participant_time"] == pytest.approx(8_217.0)
        assert r.cash_cost == pytest.approx(12_000.0)
        assert r.cash_npv == pytest.approx(-12_000.0)
        assert r.total_cost == pytest.approx(20_217.0)

    def test_cash_payback_against_cash_cost(self):
        """Cash share 1: the cash value equals the value; with participants' time left out of the cash side the
        cash payback comes no later than the full-value payback, which also pays for the time."""
        fin = Finance(horizon_months=24, annual_discount_rate=0.0, include_participant_time=True)
        team = _team(participant_hours_per_week=3.0, cash_share=1.0, hours_saved_per_person_per_week=4.0)
        r = evaluate(Scenario(literacy=NO_LITERACY, finance=fin, cohorts=(team,)))
        assert r.cash_payback_months is not None and r.payback_months is not None
        assert r.cash_payback_months < r.payback_months
        cumulative = np.cumsum(r.weekly_cash - (r.weekly_cost - r.weekly_cost_by_line[1]))
        assert r.cumulative_cash_net == pytest.approx(cumulative)


class TestInvoice:
    def test_program_fees_are_before_cost_risk(self):
        """10 x $200 x 6 = $12,000 invoiced; the fees line with 10% cost risk is $13,200."""
        fin = Finance(horizon_months=12, annual_discount_rate=0.0, cost_risk_adjustment=0.1)
        r = evaluate(Scenario(literacy=NO_LITERACY, finance=fin, cohorts=(_team(),)))
        assert r.program_fees == pytest.approx(12_000.0)
        assert r.fees_by_tier["2"] == pytest.approx(12_000.0)
        assert r.cost_by_line["fees"] == pytest.approx(13_200.0)
        assert r.total_cost == pytest.approx(13_200.0)


class TestShareOfFees:
    def test_a_share_of_fees_line_follows_the_fees(self):
        """Fees $12,000; a 10% contingency = $1,200, x 1.1 cost risk = $1,320, in the same weeks as the fees
        ($2,000 a week x 0.1 x 1.1 = $220 in weeks 1-6). Its amount and weeks are ignored."""
        fin = Finance(horizon_months=12, annual_discount_rate=0.0, cost_risk_adjustment=0.1)
        item = OtherCost(name="Contingency", amount=99_999.0, start_week=30, weeks=2, share_of_fees=0.1)
        r = evaluate(Scenario(literacy=NO_LITERACY, finance=fin, cohorts=(_team(),), other_costs=(item,)))
        assert r.cost_by_line["other"] == pytest.approx(1_320.0)
        other = r.weekly_cost_by_line[3]
        assert other[:6] == pytest.approx([220.0] * 6) and other[6:].sum() == 0.0
        assert r.cash_cost == pytest.approx(13_200.0 + 1_320.0)

    def test_the_share_past_the_horizon_follows_the_fees(self):
        """Horizon 1 month = 4 weeks; 6 weeks at $2,000: $4,000 of fees after it, and 10% of that, $400, for the
        contingency: $4,400 committed beyond the horizon, both named."""
        fin = Finance(horizon_months=1, annual_discount_rate=0.0)
        item = OtherCost(name="Contingency", share_of_fees=0.1)
        r = evaluate(Scenario(literacy=NO_LITERACY, finance=fin, cohorts=(_team(),), other_costs=(item,)))
        assert r.cost_beyond_horizon == pytest.approx(4_400.0)
        assert "Ops $4,000; Contingency $400." in r.warnings[0]

    def test_share_of_fees_ignores_baseline_fees(self):
        """Literacy marked baseline ($3,500) is not the decision's fee: a 10% line stays 10% of $12,000."""
        lit = Literacy(enabled=True, learners=100, seat_price_per_month=35.0, baseline=True)
        item = OtherCost(name="Vendor management", share_of_fees=0.1)
        r = evaluate(Scenario(literacy=lit, finance=PLAIN, cohorts=(_team(),), other_costs=(item,)))
        assert r.cost_by_line["other"] == pytest.approx(1_200.0)


class TestFormat:
    def test_round_trip_of_the_new_fields(self):
        s = Scenario(literacy=Literacy(baseline=True),
                     cohorts=(_team(without_training=WithoutTraining(0.23, 2.2)),),
                     other_costs=(OtherCost(name="Contingency", share_of_fees=0.1),
                                  OtherCost(name="Policy", amount=100.0, baseline=True)))
        text = dumps(s)
        assert json.loads(text)["schema_version"] == 4
        assert loads(text) == s

    @pytest.mark.parametrize("doc, problem", [
        ({"other_costs": [{"name": "x", "baseline": True, "share_of_fees": 0.1}]},
         "other_costs[0].share_of_fees: must be null when baseline is true"),
        ({"other_costs": [{"name": "x", "share_of_fees": 11}]}, "other_costs[0].share_of_fees: must be <= 10, got 11"),
        ({"cohorts": [{"without_training": {"adoption_rate": 1.5}}]},
         "cohorts[0].without_training.adoption_rate: must be between 0 and 1, got 1.5"),
        ({"cohorts": [{"without_training": {"hours": 1}}]}, "cohorts[0].without_training.hours: unknown field"),
        ({"schema_version": 3, "literacy": {"baseline": True}},
         "literacy.baseline: not part of schema_version 3 (it arrived in version 4); set schema_version to 4"),
        ({"schema_version": 3, "cohorts": [{"without_training": {}}]},
         "cohorts[0].without_training: not part of schema_version 3 (it arrived in version 4)"),
    ])
    def test_refused_by_name(self, doc, problem):
        with pytest.raises(ScenarioError) as err:
            from_dict(doc)
        assert any(p.startswith(problem) for p in err.value.problems), err.value.problems

    def test_a_version_3_file_with_no_cost_risk_or_time_gives_the_same_numbers(self):
        """Schema 3 files load; with every new field at its neutral default nothing moves."""
        doc = {"schema_version": 3, "literacy": {"enabled": False},
               "cohorts": [{"team_size": 10, "price": 200, "hours_saved_per_person_per_week": 2}]}
        r = evaluate(from_dict(doc))
        assert r.total_cost == pytest.approx(12_000.0) and r.cash_cost == pytest.approx(12_000.0)
        assert r.program_fees == r.total_cost


class TestBracket:
    def _scenario(self):
        team = _team(price=300.0, hours_saved_per_person_per_week=3.0)
        ranges = (("cohorts[*].price", 200.0, 500.0), ("cohorts[*].hours_saved_per_person_per_week", 1.0, 4.0),
                  ("finance.annual_discount_rate", 0.0, 0.2))
        return Scenario(literacy=NO_LITERACY, finance=Finance(horizon_months=24), cohorts=(team,), ranges=ranges)

    def test_pessimistic_takes_each_input_at_its_worse_end(self):
        """Price high ($500) and hours low (1 h); the discount rate goes to whichever end lowers the NPV itself.
        The pessimistic NPV is at most the entered one, the optimistic at least."""
        s = self._scenario()
        worst, best = at_bracket_end(s, "pessimistic"), at_bracket_end(s, "optimistic")
        assert worst.cohorts[0].price == 500.0 and worst.cohorts[0].hours_saved_per_person_per_week == 1.0
        assert best.cohorts[0].price == 200.0 and best.cohorts[0].hours_saved_per_person_per_week == 4.0
        npvs = [evaluate(x).npv for x in (worst, s, best)]
        assert npvs[0] <= npvs[1] <= npvs[2]

    def test_low_and_high_are_not_a_bracket(self):
        """--at low pairs the low price with low hours: neither end is the pessimistic case."""
        s = self._scenario()
        low, high, worst = (evaluate(at_end(s, e)).npv for e in ("low", "high", "pessimistic"))
        assert worst < min(low, high)

    def test_a_tie_takes_the_low_end_pessimistic_and_the_high_end_optimistic(self):
        """A range on an input that changes nothing (the cash share of a disabled literacy tier) ties."""
        s = Scenario(literacy=NO_LITERACY, cohorts=(_team(),), ranges=(("literacy.cash_share", 0.1, 0.9),))
        assert at_bracket_end(s, "pessimistic").literacy.cash_share == 0.1
        assert at_bracket_end(s, "optimistic").literacy.cash_share == 0.9

    def test_the_command_line_takes_the_new_ends(self):
        out = subprocess.run([sys.executable, "-m", "calculator", "evaluate", "--preset", "seed-200-person-org",
                              "--at", "pessimistic"], capture_output=True, text=True, check=True)
        worst = json.loads(out.stdout)["npv"]
        base = evaluate_batch(at_end(loads(dumps(_preset())), "pessimistic")).npv[0]
        assert worst == pytest.approx(base)


def _preset():
    from calculator.presets import load_preset

    return load_preset("seed-200-person-org")


@pytest.mark.parametrize("name", ["starter-300-person-pilots", "seed-200-person-org", "seed-marketing-team"])
def test_the_batched_ends_equal_the_scenarios_evaluated_one_by_one(name):
    """scenario_ends (one batch of four draws, the Pitch's ranges row) gives what at_end then evaluate gives;
    bracket_values chooses what with_parameter copies judged one at a time would choose."""
    from calculator.model import SCENARIO_ENDS, bracket_values, scenario_ends
    from calculator.presets import load_preset
    from calculator.scenario import with_parameter

    s = load_preset(name)
    ends = scenario_ends(s)
    for row, end in enumerate(SCENARIO_ENDS):
        one = evaluate(at_end(s, end))
        for key in ("npv", "total_cost", "program_fees", "cash_npv", "annual_hours_saved"):
            assert getattr(ends, key)[row] == pytest.approx(getattr(one, key), rel=1e-12, abs=1e-9), (end, key)
    chosen = bracket_values(s)
    for k, (path, low, high) in enumerate(s.ranges):
        npv_low, npv_high = (evaluate(with_parameter(s, path, v)).npv for v in (low, high))
        assert chosen["pessimistic"][k] == (high if npv_high < npv_low else low), path
        assert chosen["optimistic"][k] == (low if npv_low > npv_high else high), path
