"""Methodology v2 (MODEL.md, schema_version 3): hand-worked values for each new rule, and its invariants.

Unless a test says otherwise: W = 52 weeks, a 12-month horizon of 52 weeks, an hourly cost of $50,
no discounting, literacy off, one coaching team of 10 priced per employee per week.
"""

import dataclasses
import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculator.model import COST_LINES, evaluate, evaluate_batch, irr_pct, payback_months
from calculator.scenario import (
    AiTools,
    Cohort,
    Finance,
    Literacy,
    Organization,
    OtherCost,
    Scenario,
    ScenarioError,
    at_range_end,
    dumps,
    from_dict,
    load,
    loads,
)

DATA = Path(__file__).resolve().parent / "data"


def team(**kw) -> Cohort:
    base = dict(name="Team", team_size=10, start_week=1, engagement_weeks=6, price=200.0,
                price_unit="per_employee_per_week")
    return Cohort(**{**base, **kw})


def make(*teams, finance=None, literacy=None, ai_tools=None, other_costs=(), **org) -> Scenario:
    fin = dict(horizon_months=12, annual_discount_rate=0.0)
    return Scenario(organization=Organization(**{"headcount": 100, "loaded_hourly_cost": 50.0, **org}),
                    finance=Finance(**{**fin, **(finance or {})}),
                    literacy=literacy or Literacy(enabled=False),
                    cohorts=tuple(teams), ai_tools=ai_tools or AiTools(), other_costs=tuple(other_costs))


UNLICENSED = AiTools(seat_price_per_month=30.0, already_licensed=False)


# --------------------------------------------------------------------------- the scenario format
class TestFormat:
    def test_neutral_defaults(self):
        """Every new field is neutral by default: no cost risk, seats already licensed, no cash, no other costs."""
        s = Scenario()
        assert s.finance.cost_risk_adjustment == 0 and s.literacy.cash_share == 0
        assert s.ai_tools == AiTools(seat_price_per_month=30.0, already_licensed=True)
        assert s.other_costs == () and Cohort().cash_share == 0

    def test_v3_round_trip(self):
        s = make(team(cash_share=0.25), finance={"cost_risk_adjustment": 0.1}, ai_tools=UNLICENSED,
                 other_costs=[OtherCost("Program management", 5_200, 3, 4)])
        text = dumps(s)
        assert json.loads(text)["schema_version"] == 4
        assert json.loads(text)["other_costs"] == [
            {"name": "Program management", "amount": 5200, "start_week": 3, "weeks": 4, "baseline": False,
             "share_of_fees": None}]
        assert loads(text) == s

    @pytest.mark.parametrize("data, problem", [
        ({"finance": {"cost_risk_adjustment": 1.5}}, "finance.cost_risk_adjustment: must be between 0 and 1, got 1.5"),
        ({"ai_tools": {"seat_price_per_month": -1}}, "ai_tools.seat_price_per_month: must be >= 0, got -1"),
        ({"ai_tools": {"already_licensed": "yes"}}, 'ai_tools.already_licensed: must be true or false, got "yes"'),
        ({"ai_tools": {"seats": 3}}, "ai_tools.seats: unknown field"),
        ({"literacy": {"cash_share": -0.1}}, "literacy.cash_share: must be between 0 and 1, got -0.1"),
        ({"cohorts": [{}, {"cash_share": 2}]}, "cohorts[1].cash_share: must be between 0 and 1, got 2"),
        ({"other_costs": {}}, "other_costs: must be a list, got {}"),
        ({"other_costs": [7]}, "other_costs[0]: must be an object, got 7"),
        ({"other_costs": [{"amount": -5}]}, "other_costs[0].amount: must be >= 0, got -5"),
        ({"other_costs": [{}, {"weeks": 0}]}, "other_costs[1].weeks: must be >= 1, got 0"),
        ({"other_costs": [{"start_week": 0}]}, "other_costs[0].start_week: must be >= 1, got 0"),
        ({"other_costs": [{"name": 3}]}, "other_costs[0].name: must be text, got 3"),
        ({"other_costs": [{"cost": 3}]}, "other_costs[0].cost: unknown field"),
        ({"schema_version": 2, "finance": {"cost_risk_adjustment": 0.1}},
         "finance.cost_risk_adjustment: not part of schema_version 2 (it arrived in version 3); "
         "set schema_version to 3"),
        ({"schema_version": 1, "other_costs": []},
         "other_costs: not part of schema_version 1 (it arrived in version 3); set schema_version to 3"),
        ({"schema_version": 2, "cohorts": [{"cash_share": 0.5}]},
         "cohorts[0].cash_share: not part of schema_version 2 (it arrived in version 3)"),
    ])
    def test_bad_new_fields_are_named_by_path(self, data, problem):
        with pytest.raises(ScenarioError) as info:
            from_dict(data)
        assert any(p.startswith(problem) for p in info.value.problems), info.value.problems

    def test_ranges_on_new_inputs(self):
        s = from_dict({"finance": {"cost_risk_adjustment": 0.1}, "cohorts": [{"cash_share": 0.2}],
                       "ranges": {"finance.cost_risk_adjustment": [0, 0.25], "cohorts[*].cash_share": [0, 0.5],
                                  "ai_tools.seat_price_per_month": [20, 40]}})
        assert at_range_end(s, "high").finance.cost_risk_adjustment == 0.25
        assert at_range_end(s, "low").cohorts[0].cash_share == 0
        assert at_range_end(s, "high").ai_tools.seat_price_per_month == 40


# --------------------------------------------------------------------------- the new cost lines
class TestAiSeats:
    def test_cohort_seats_from_start_to_horizon_end(self):
        """10 people x $30 x 12 / 52 a week, weeks 5..52 (48 weeks) = 3,600 x 48 / 52 = $3,323.08, in tier 2."""
        r = evaluate(make(team(start_week=5), ai_tools=UNLICENSED))
        assert r.cost_by_line["ai_seats"] == pytest.approx(10 * 30 * 12 / 52 * 48)
        assert r.cost_by_line["ai_seats"] == pytest.approx(3_323.08, abs=0.01)
        assert r.cost_by_tier["2"] == pytest.approx(10 * 200 * 6 + 10 * 30 * 12 / 52 * 48)
        assert r.program_fees == pytest.approx(12_000)  # seats are not fees

    def test_literacy_seats_for_the_adopters(self):
        """100 learners x 0.8 completion x 0.5 adoption = 40 seats x $30 x 12 / 52 x 52 weeks = $14,400, tier 1."""
        literacy = Literacy(learners=100, already_licensed=True, completion_rate=0.8, adoption_rate=0.5)
        r = evaluate(make(literacy=literacy, ai_tools=UNLICENSED))
        assert r.cost_by_line["ai_seats"] == pytest.approx(14_400)
        assert r.cost_by_tier["1"] == pytest.approx(14_400)

    def test_already_licensed_seats_cost_nothing(self):
        assert evaluate(make(team(), ai_tools=AiTools(30.0, True))).cost_by_line["ai_seats"] == 0

    def test_seats_do_not_count_beyond_the_horizon(self):
        """Seats are a running cost, not a commitment: none of them is in cost_beyond_horizon."""
        assert evaluate(make(team(start_week=40), ai_tools=UNLICENSED)).cost_beyond_horizon == 0


class TestOtherCosts:
    def test_spread_evenly_over_its_weeks(self):
        """$5,200 over 4 weeks from week 3: $1,300 in each of weeks 3, 4, 5 and 6; in no tier."""
        r = evaluate(make(team(), other_costs=[OtherCost("Program management", 5_200, 3, 4)]))
        other = [row["cost_other"] for row in r.weekly_rows()]
        assert other[:7] == [0, 0, 1_300, 1_300, 1_300, 1_300, 0]
        assert r.cost_by_line["other"] == pytest.approx(5_200)
        assert r.cost_by_tier == {"1": 0, "2": pytest.approx(12_000), "3": 0}
        assert r.total_cost == pytest.approx(sum(r.cost_by_tier.values()) + r.cost_by_line["other"])

    def test_a_cost_that_starts_after_the_horizon_adds_nothing(self):
        r = evaluate(make(other_costs=[OtherCost("Later", 1_000, 60, 2)]))
        assert (r.total_cost, r.cost_beyond_horizon, r.warnings) == (0, 0, ())


class TestCostRisk:
    def test_every_line_times_one_plus_the_risk(self):
        """Cost risk 10%: fees 12,000 x 1.1 = 13,200; time 10 x 2 h x 6 weeks x $50 = 6,000 x 1.1 = 6,600;
        seats 10 x $30 x 12 / 52 x 52 = 3,600 x 1.1 = 3,960; other 1,000 x 1.1 = 1,100. Total 24,860."""
        s = make(team(participant_hours_per_week=2), finance={"cost_risk_adjustment": 0.1,
                                                              "include_participant_time": True},
                 ai_tools=UNLICENSED, other_costs=[OtherCost("Evaluation", 1_000, 1, 1)])
        r = evaluate(s)
        assert r.cost_by_line == {"fees": pytest.approx(13_200), "participant_time": pytest.approx(6_600),
                                  "ai_seats": pytest.approx(3_960), "other": pytest.approx(1_100)}
        assert r.total_cost == pytest.approx(24_860)
        # Methodology v3, correction 2: the invoice is before cost risk (12,000), the fees line after it.
        assert r.program_fees == pytest.approx(12_000) and r.fees_by_tier["2"] == pytest.approx(12_000)
        rows = r.weekly_rows()
        assert rows[0]["cost"] == pytest.approx(sum(rows[0][f"cost_{line}"] for line in COST_LINES))

    def test_neutral_defaults_give_v1_total(self):
        """With every new field at its default, fees + participant time is v1's total cost."""
        s = make(team(participant_hours_per_week=3), finance={"include_participant_time": True})
        r = evaluate(s)
        assert r.cost_by_line["fees"] + r.cost_by_line["participant_time"] == r.total_cost == pytest.approx(21_000)
        assert r.cost_by_line["ai_seats"] == r.cost_by_line["other"] == 0


# --------------------------------------------------------------------------- cash and capacity
class TestCashShare:
    def test_cash_part_of_the_value(self):
        """10 people x 2 h x $50 = $1,000 a week at full ramp; 1 engagement week so full from week 1;
        52 weeks = $52,000 of value; cash share 0.25: $13,000 cash, $39,000 capacity."""
        s = make(team(engagement_weeks=1, price=100, hours_saved_per_person_per_week=2, cash_share=0.25))
        r = evaluate(s)
        assert (r.total_benefit, r.cash_benefit, r.capacity_benefit) == (
            pytest.approx(52_000), pytest.approx(13_000), pytest.approx(39_000))
        assert r.annual_cash_value == pytest.approx(52_000 * 0.25)
        assert r.cash_npv == pytest.approx(13_000 - 1_000)  # no discounting; fees 10 x $100

    def test_cash_payback(self):
        """Fees $1,000 in week 1; cash $250 a week: C = -750, -500, -250, 0: pays back at week 4 = 4 x 12 / 52 months.
        The full value ($1,000 a week) covers the fee in week 1: C never goes below zero, payback 0."""
        s = make(team(engagement_weeks=1, price=100, hours_saved_per_person_per_week=2, cash_share=0.25))
        r = evaluate(s)
        assert r.cash_payback_months == pytest.approx(4 * 12 / 52)
        assert r.payback_months == 0

    def test_no_cash_never_pays_back_in_cash(self):
        r = evaluate(make(team(hours_saved_per_person_per_week=2)))
        assert r.cash_benefit == 0 and r.cash_payback_months is None and r.cash_npv == pytest.approx(-r.pv_cost)

    def test_literacy_cash_share(self):
        """Literacy: 100 learners x 0.5 completion x 1.0 adoption x 1 h x $50 = $2,500 a week at full ramp;
        half of it is cash."""
        literacy = Literacy(learners=100, already_licensed=True, completion_rate=0.5, adoption_rate=1.0,
                            hours_saved_per_person_per_week=1, cash_share=0.5)
        r = evaluate(make(literacy=literacy))
        assert r.cash_benefit == pytest.approx(r.total_benefit / 2)
        assert r.annual_cash_value == pytest.approx(2_500 * 52 / 2)


# --------------------------------------------------------------------------- present value, IRR, paybacks
class TestPresentValue:
    def test_pv_cost_pv_benefit_and_roi(self):
        """10% a year: week 1 costs $12,000 (one-off fee), factor 1.1 ** (-1/52); benefits of $1,000 a week.
        npv = pv_benefit - pv_cost; roi_pv_pct = npv / pv_cost x 100."""
        s = make(team(price=1_200, price_unit="per_employee", engagement_weeks=1, hours_saved_per_person_per_week=2),
                 finance={"annual_discount_rate": 0.10})
        r = evaluate(s)
        factors = 1.1 ** (-np.arange(1, 53) / 52)
        assert r.pv_cost == pytest.approx(12_000 * factors[0])
        assert r.pv_benefit == pytest.approx(1_000 * factors.sum())
        assert r.npv == pytest.approx(r.pv_benefit - r.pv_cost)
        assert r.roi_pv_pct == pytest.approx((r.pv_benefit - r.pv_cost) / r.pv_cost * 100)

    def test_nothing_spent_no_pv_roi(self):
        assert evaluate(make()).roi_pv_pct is None


class TestIrr:
    def test_hand_worked(self):
        """W = 1: -100 in year 1, +121 in year 3: 121 / 100 = (1 + r) ** 2, r = 10%."""
        assert irr_pct(np.array([-100.0, 0.0, 121.0]), 1) == pytest.approx(10.0, abs=1e-9)

    def test_the_irr_zeroes_the_npv(self):
        s = make(team(hours_saved_per_person_per_week=1.5))
        r = evaluate(s)
        rate = r.irr_pct / 100
        net = r.weekly_benefit - r.weekly_cost
        assert rate > 0
        assert abs((net * (1 + rate) ** (-r.weeks / 52)).sum()) < 1e-6 * r.total_cost
        at_irr = evaluate(make(team(hours_saved_per_person_per_week=1.5), finance={"annual_discount_rate": 0.0}))
        assert at_irr.npv > 0  # a 0% rate is below the IRR, so the NPV there is positive

    def test_null_when_no_rate_zeroes_it(self):
        """All cost and no value: the NPV is negative at every rate: null."""
        assert evaluate(make(team())).irr_pct is None

    def test_non_unique_warning(self):
        """A second team starting in week 30 turns the weekly net negative again: the nets change sign 3 times."""
        r = evaluate(make(team(hours_saved_per_person_per_week=3, engagement_weeks=1),
                          team(name="Late", start_week=30, price=3_000, engagement_weeks=1)))
        assert any("IRR may not be unique" in w for w in r.warnings)


class TestDiscountedPayback:
    def test_hand_worked(self):
        """W = 1, 10% a year: net -100, +60, +60 discounted by 1.1 ** -1, -2, -3: C = -90.91, -41.32, +3.76;
        t = 2 + 41.32 / 45.08 = 2.917 years = 35.0 months."""
        net = np.array([[-100.0, 60.0, 60.0]])
        d = 1.1 ** (-np.arange(1, 4) / 1)
        c1, c2, c3 = np.cumsum(net[0] * d)
        assert c2 < 0 <= c3
        expected = (2 + (-c2) / (c3 - c2)) * 12 / 1
        assert payback_months(net * d, 1)[0] == pytest.approx(expected)
        assert expected == pytest.approx((2 + (100 / 1.1 - 60 / 1.21) / (60 / 1.331)) * 12)

    def test_later_than_the_plain_payback(self):
        s = make(team(hours_saved_per_person_per_week=2), finance={"annual_discount_rate": 0.10})
        r = evaluate(s)
        assert r.discounted_payback_months > r.payback_months
        rows = r.weekly_rows()
        discounted = np.cumsum([row["discounted_net"] for row in rows])
        week = int(np.argmax(discounted >= 0))  # index of the first week at or above zero
        assert week * 12 / 52 <= r.discounted_payback_months <= (week + 1) * 12 / 52

    def test_zero_rate_equals_payback(self):
        r = evaluate(make(team(hours_saved_per_person_per_week=2)))
        assert r.discounted_payback_months == pytest.approx(r.payback_months)


# --------------------------------------------------------------------------- spend past the horizon
class TestBeyondHorizon:
    def test_team_still_paid_for_after_the_horizon(self):
        """Horizon 52 weeks; a team from week 50 for 6 weeks: weeks 53-55 are after it.
        Fees 3 x 10 x $200 = $6,000 and sessions 3 x 10 x 1 h x $50 = $1,500, x 1.1 cost risk = $8,250."""
        s = make(team(name="Finance", start_week=50, participant_hours_per_week=1),
                 finance={"include_participant_time": True, "cost_risk_adjustment": 0.1}, ai_tools=UNLICENSED)
        r = evaluate(s)
        assert r.cost_beyond_horizon == pytest.approx(8_250)
        assert r.cost_by_line["fees"] == pytest.approx(3 * 2_000 * 1.1)  # weeks 50-52 only in the totals
        assert len(r.warnings) == 1
        assert "Finance $8,250" in r.warnings[0] and "12-month horizon" in r.warnings[0]

    def test_literacy_and_other_costs_too(self):
        """Literacy licence 100 x $30 x 3 months over 13 weeks from week 50: 10 of 13 weeks after week 52,
        $9,000 x 10 / 13 = $6,923.08; other cost $4,000 over 8 weeks from week 49: 4 weeks after, $2,000."""
        literacy = Literacy(learners=100, seat_price_per_month=30, access_months=3, start_week=50)
        r = evaluate(make(literacy=literacy, other_costs=[OtherCost("Evaluation", 4_000, 49, 8)]))
        assert r.cost_beyond_horizon == pytest.approx(9_000 * 10 / 13 + 2_000)
        assert "Tier 1 literacy $6,923" in r.warnings[0] and "Evaluation $2,000" in r.warnings[0]

    def test_a_team_that_starts_after_the_horizon_is_not_a_commitment(self):
        r = evaluate(make(team(start_week=60)))
        assert (r.cost_beyond_horizon, r.warnings) == (0, ())

    def test_one_off_fee_is_never_after_the_horizon(self):
        assert evaluate(make(team(start_week=52, price_unit="per_employee"))).cost_beyond_horizon == 0


# --------------------------------------------------------------------------- per team
class TestByTeam:
    def _scenario(self):
        literacy = Literacy(learners=100, seat_price_per_month=30, hours_saved_per_person_per_week=0.5,
                            adoption_rate=0.5)
        return make(team(name="A", hours_saved_per_person_per_week=2, participant_hours_per_week=1),
                    team(name="B", tier=3, team_size=5, start_week=10, hours_saved_per_person_per_week=3),
                    literacy=literacy, ai_tools=UNLICENSED, other_costs=[OtherCost("PMO", 3_000, 1, 10)],
                    finance={"include_participant_time": True, "cost_risk_adjustment": 0.2,
                             "annual_discount_rate": 0.08})

    def test_sums_equal_totals_less_literacy_and_other_costs(self):
        r = evaluate(self._scenario())
        teams = r.by_team
        assert [t.name for t in teams] == ["A", "B"] and [t.tier for t in teams] == [2, 3]
        assert sum(t.cost for t in teams) == pytest.approx(r.total_cost - r.cost_by_tier["1"] - r.cost_by_line["other"])
        assert sum(t.benefit for t in teams) == pytest.approx(r.total_benefit - r.benefit_by_tier["1"])
        assert sum(t.annual_hours_saved for t in teams) == pytest.approx(r.annual_hours_saved
                                                                        - r.annual_hours_by_tier["1"])

    def test_one_team_hand_worked(self):
        """Team A alone, no discounting, no cost risk: fees 10 x $200 x 6 = $12,000, sessions 10 x 1 h x 6 x $50
        = $3,000, seats 10 x $30 x 12 = $3,600: $18,600. Value: 10 x 2 h x $50 = $1,000 a week, ramping over 6
        weeks (1/6 .. 6/6 = 3.5 weeks' worth) then 46 full weeks: $49,500.
        Hours: 10 x 2 x 52 = 1,040 a year, 0.5 FTE."""
        s = make(team(name="A", hours_saved_per_person_per_week=2, participant_hours_per_week=1),
                 ai_tools=UNLICENSED, finance={"include_participant_time": True})
        a = evaluate(s).by_team[0]
        assert (a.cost, a.benefit, a.net) == (pytest.approx(18_600), pytest.approx(49_500), pytest.approx(30_900))
        assert a.npv == pytest.approx(30_900)
        assert a.roi_pct == pytest.approx(30_900 / 18_600 * 100)
        assert a.annual_hours_saved == pytest.approx(1_040) and a.fte_returned == pytest.approx(0.5)
        assert a.payback_months == pytest.approx(evaluate(s).payback_months)

    def test_json_keys(self):
        out = evaluate(self._scenario()).to_dict()
        assert list(out["by_team"][0]) == ["name", "tier", "cost", "benefit", "net", "npv", "roi_pct",
                                           "payback_months", "annual_hours_saved", "fte_returned"]
        json.dumps(out, allow_nan=False)


# --------------------------------------------------------------------------- the batch keeps the new lines
def test_batch_equals_single_evaluations_on_the_new_lines():
    s = make(team(hours_saved_per_person_per_week=2, cash_share=0.3), ai_tools=UNLICENSED,
             finance={"cost_risk_adjustment": 0.1, "annual_discount_rate": 0.1},
             other_costs=[OtherCost("PMO", 2_000, 1, 4)])
    risks = np.array([0.0, 0.1, 0.25])
    shares = np.array([0.0, 0.3, 1.0])
    seats = np.array([20.0, 30.0, 60.0])
    batch = evaluate_batch(s, {"finance.cost_risk_adjustment": risks, "cohorts[0].cash_share": shares,
                               "ai_tools.seat_price_per_month": seats})
    for i in range(3):
        one = dataclasses.replace(s, finance=dataclasses.replace(s.finance, cost_risk_adjustment=float(risks[i])),
                                  cohorts=(dataclasses.replace(s.cohorts[0], cash_share=float(shares[i])),),
                                  ai_tools=AiTools(float(seats[i]), False))
        r = evaluate(one)
        assert batch.total_cost[i] == pytest.approx(r.total_cost)
        assert batch.cost_by_line[i].tolist() == pytest.approx(list(r.cost_by_line.values()))
        assert batch.cash_npv[i] == pytest.approx(r.cash_npv)
        assert batch.roi_pv_pct[i] == pytest.approx(r.roi_pv_pct)


# --------------------------------------------------------------------------- old files give old numbers
V1_RESULTS = json.loads((DATA / "v1_model_results.json").read_text(encoding="utf-8"))


def _assert_same(now, before, where):
    """Numbers within 1e-12 relative, everything else (text, null, booleans) exactly, dicts key by key:
    pytest 9.2's approx refuses a string or a None inside a mapping."""
    if isinstance(before, dict):
        assert set(now) == set(before), where
        for key in before:
            _assert_same(now[key], before[key], f"{where}[{key}]")
    elif isinstance(before, int | float) and not isinstance(before, bool):
        assert now == pytest.approx(before, rel=1e-12, abs=1e-9), where
    else:
        assert now == before, where


@pytest.mark.parametrize("key", sorted(V1_RESULTS))
def test_v1_and_v2_files_give_v1_numbers(key):
    """Each schema 1 and 2 preset file, at its base and at both range ends, gives the numbers the v1 model
    (before schema 3) printed for it: recorded in tests/data/v1_model_results.json."""
    name, end = key.split("@")
    s = load(DATA / name)
    if end != "base":
        s = at_range_end(s, end)
    now = evaluate(s).to_dict()
    for field, before in V1_RESULTS[key].items():
        _assert_same(now[field], before, field)
    assert now["program_fees"] == pytest.approx(now["total_cost"])  # no new line in an old file
    assert now["cash_benefit"] == 0 and now["warnings"] == [] or all("IRR" in w for w in now["warnings"])


# --------------------------------------------------------------------------- properties
def _fractions():
    return st.floats(0, 1, allow_nan=False).map(lambda x: round(x, 4))


@st.composite
def v2_scenarios(draw):
    teams = draw(st.lists(st.builds(
        team, tier=st.sampled_from((2, 3)), team_size=st.integers(1, 30), start_week=st.integers(1, 70),
        engagement_weeks=st.integers(1, 20), price=st.floats(0, 2_000).map(lambda x: round(x, 2)),
        participant_hours_per_week=st.floats(0, 5).map(lambda x: round(x, 2)),
        hours_saved_per_person_per_week=st.floats(0, 6).map(lambda x: round(x, 2)),
        adoption_rate=_fractions(), cash_share=_fractions()), max_size=3))
    others = draw(st.lists(st.builds(OtherCost, amount=st.floats(0, 50_000).map(lambda x: round(x, 2)),
                                     start_week=st.integers(1, 70), weeks=st.integers(1, 30)), max_size=2))
    literacy = Literacy(enabled=draw(st.booleans()), learners=50, adoption_rate=draw(_fractions()),
                        hours_saved_per_person_per_week=draw(st.floats(0, 2).map(lambda x: round(x, 2))),
                        cash_share=draw(_fractions()), already_licensed=draw(st.booleans()))
    return make(*teams, literacy=literacy, other_costs=others,
                ai_tools=AiTools(draw(st.floats(0, 80).map(lambda x: round(x, 2))), draw(st.booleans())),
                finance={"cost_risk_adjustment": draw(_fractions()), "annual_discount_rate": draw(_fractions()),
                         "include_participant_time": draw(st.booleans()),
                         "productivity_recapture": draw(_fractions()), "horizon_months": draw(st.integers(1, 24))})


PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(v2_scenarios())
def test_cash_plus_capacity_is_the_total_benefit(s):
    r = evaluate(s)
    assert r.cash_benefit + r.capacity_benefit == pytest.approx(r.total_benefit, rel=1e-12, abs=1e-6)
    assert -1e-9 <= r.cash_benefit <= r.total_benefit + 1e-6


@PROPS
@given(v2_scenarios(), _fractions())
def test_raising_cost_risk_never_raises_npv(s, more):
    low = evaluate(s)
    risk = min(1.0, s.finance.cost_risk_adjustment + more)
    high = evaluate(dataclasses.replace(s, finance=dataclasses.replace(s.finance, cost_risk_adjustment=risk)))
    assert high.npv <= low.npv + 1e-9 * max(1.0, abs(low.npv))
    assert high.cash_npv <= low.cash_npv + 1e-9 * max(1.0, abs(low.cash_npv))


@PROPS
@given(v2_scenarios())
def test_lines_add_up_and_irr_zeroes_npv(s):
    r = evaluate(s)
    assert r.total_cost == pytest.approx(sum(r.cost_by_line.values()), rel=1e-9, abs=1e-6)
    assert r.total_cost == pytest.approx(sum(r.cost_by_tier.values()) + r.cost_by_line["other"], rel=1e-9, abs=1e-6)
    assert r.npv == pytest.approx(r.pv_benefit - r.pv_cost)
    if r.irr_pct is not None:
        net = r.weekly_benefit - r.weekly_cost
        at_irr = (net * (1 + r.irr_pct / 100) ** (-r.weeks / 52)).sum()
        assert abs(at_irr) <= 1e-6 * max(1.0, np.abs(net).sum())
    json.dumps(r.to_dict(weekly=True), allow_nan=False)
    assert all(math.isfinite(v) for v in r.cost_by_line.values())


@PROPS
@given(v2_scenarios())
def test_v1_rules_hold_when_the_new_fields_are_neutral(s):
    """Neutral v2 fields: the v1 total (fees + participant time) and no cash, no seats, no other costs."""
    neutral = dataclasses.replace(
        s, ai_tools=AiTools(), other_costs=(),
        finance=dataclasses.replace(s.finance, cost_risk_adjustment=0.0),
        literacy=dataclasses.replace(s.literacy, cash_share=0.0),
        cohorts=tuple(dataclasses.replace(c, cash_share=0.0) for c in s.cohorts))
    r = evaluate(neutral)
    assert r.cost_by_line["fees"] + r.cost_by_line["participant_time"] == pytest.approx(r.total_cost)
    assert r.cash_benefit == 0 and r.capacity_benefit == pytest.approx(r.total_benefit)
