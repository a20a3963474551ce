"""Same money, spent differently (issue 20 item 4, issue 22 item 6): strategies at the plan's cash budget.

One hand-workable team, as in test_analysis.py, with participants' time counted:

    10 people, $200 per person per week for 6 weeks, 3 h a week of sessions, 4 hours saved per person per
    week at full adoption, $50 an hour, 12-month horizon (52 weeks), no discounting, recapture 1.

    fees     = 10 x $200 x 6                   = $12,000 (the plan's cash budget when seats are licensed)
    sessions = 10 x 3 h x 6 weeks x $50        = $9,000
    value    = 10 x 4 h x $50 = $2,000 a week at full ramp; ramp 3.5 weeks + 46 full = 49.5 weeks = $99,000
    NPV      = $99,000 - $21,000               = $78,000

As a platform course (seats not licensed): seats 10 x $35 x 6 weeks x 12 / 52 = $484.62; the course's
6 h each, 10 x 6 h x $50 = $3,000 of time, and no sessions.
"""

from __future__ import annotations

import pytest

from calculator.analysis import delivery_hours_assumptions, strategies
from calculator.analysis.strategies import as_course, cash_budget, counterfactual_source, credit
from calculator.presets import load_preset
from calculator.scenario import (
    AiTools,
    Cohort,
    Finance,
    Literacy,
    Organization,
    OtherCost,
    Scenario,
    WithoutTraining,
)

SEATS = 10 * 35 * 6 * 12 / 52   # $484.62 of platform seats for the team's 6 weeks
COURSE_TIME = 10 * 6 * 50.0      # $3,000


def _team(**changes) -> Cohort:
    return Cohort(**{"name": "Ops", "tier": 2, "team_size": 10, "price": 200, "price_unit": "per_employee_per_week",
                     "engagement_weeks": 6, "hours_saved_per_person_per_week": 4, "adoption_rate": 1.0,
                     "participant_hours_per_week": 3, **changes})


def _plan(*cohorts: Cohort, licensed: bool = False, **changes) -> Scenario:
    return Scenario(**{"organization": Organization(headcount=50, loaded_hourly_cost=50.0),
                       "finance": Finance(horizon_months=12, annual_discount_rate=0.0, include_participant_time=True),
                       "literacy": Literacy(enabled=False, already_licensed=licensed),
                       "cohorts": cohorts or (_team(),), **changes})


def _rows(scenario: Scenario, adoption=None) -> dict:
    return {r.key: r for r in strategies(scenario, adoption)}


class TestTheBudget:
    def test_every_strategy_is_held_to_the_plans_cash_budget(self):
        """The budget is the decision's cash cost, $12,000 of fees: participants' $9,000 of time is not paid
        from it."""
        rows = _rows(_plan())
        assert cash_budget(_plan()) == pytest.approx(12_000)
        assert all(r.budget == pytest.approx(12_000) for r in rows.values())
        assert rows["as_built"].cash_cost == pytest.approx(12_000)
        assert rows["as_built"].total_cost == pytest.approx(21_000) and rows["as_built"].npv == pytest.approx(78_000)

    def test_a_fee_the_budget_cannot_pay_is_over_budget_and_ranked_after(self):
        """A Tier 3 team handed to consultants: one $600,000 fee against the plan's $12,000 budget, $588,000 over.
        It has the lowest NPV here anyway; it is listed after every strategy within the budget."""
        rows = strategies(_plan(_team(tier=3)))
        consulting = next(r for r in rows if r.key == "consulting_led")
        assert consulting.over_budget == pytest.approx(600_000 - 12_000) and not consulting.within_budget
        assert rows[-1].key == "consulting_led" and consulting.rank == len(rows)
        assert all(r.within_budget for r in rows[:-1])

    def test_course_seats_beyond_the_budget_fund_teams_in_plan_order(self):
        """A cheap 6-week team B ($10 x 10 x 6 = $600) before a year-long team A ($5 x 10 x 52 = $2,600): budget
        $3,200. Seats: B 10 x $35 x 6 x 12 / 52 = $484.62 fits; A 10 x $35 x 52 x 12 / 52 = $4,200 does not.
        The platform strategy funds B alone."""
        b = _team(name="B", price=10)
        a = _team(name="A", price=5, engagement_weeks=52)
        platform = _rows(_plan(b, a))["platform_only"]
        assert platform.budget == pytest.approx(3_200)
        assert platform.cash_cost == pytest.approx(SEATS)
        assert "first 1 of 2 teams" in platform.description


class TestDeliveredAsItIs:
    def test_a_platform_is_a_course_not_coaching(self):
        """Course: $484.62 of seats, 6 h each ($3,000 of time), no 3 h of sessions; 10% x 1 h credited.
        Value 10 x 0.1 x 1 h x $50 = $50 a week x 49.5 = $2,475; NPV $2,475 - $484.62 - $3,000 = -$1,009.62."""
        platform = _rows(_plan())["platform_only"]
        assert platform.cash_cost == pytest.approx(SEATS)
        assert platform.total_cost == pytest.approx(SEATS + COURSE_TIME)
        assert platform.annual_hours_saved == pytest.approx(10 * 0.1 * 1 * 52)
        assert platform.npv == pytest.approx(2_475 - SEATS - COURSE_TIME)

    def test_already_licensed_seats_are_free(self):
        """On a platform the organization licenses, the course costs no cash, only the $3,000 of time."""
        platform = _rows(_plan(licensed=True))["platform_only"]
        assert platform.cash_cost == 0.0 and platform.total_cost == pytest.approx(COURSE_TIME)

    def test_ai_seats_the_same_and_share_of_fees_follows_each_strategys_fees(self):
        """AI seats 10 x $30 x 12 / 52 a week from week 1 to 52 = $3,600 in both. A 10%-of-fees management line:
        plan 0.1 x $12,000 = $1,200; platform 0.1 x $484.62 = $48.46.
        Plan cash $12,000 + $3,600 + $1,200 = $16,800; platform $484.62 + $3,600 + $48.46 = $4,133.08."""
        s = _plan(ai_tools=AiTools(already_licensed=False),
                  other_costs=(OtherCost(name="Vendor management", share_of_fees=0.1),))
        rows = _rows(s)
        assert rows["as_built"].cash_cost == pytest.approx(12_000 + 3_600 + 1_200)
        assert rows["platform_only"].cash_cost == pytest.approx(SEATS + 3_600 + 0.1 * SEATS)

    def test_every_strategy_is_valued_over_the_same_counterfactual(self):
        """Without training the team reaches 23% x 2.2 h = 0.506 h a person (Bick, Blandin & Deming).
        Plan: 10 x (1.0 x 4 - 0.506) x 52 = 1,816.88 h a year. The platform's 10% x 1 h = 0.1 h is below
        0.506 h: a course does not make people use AI less than they would anyway, so it is credited the
        counterfactual, 0 h over it, and its NPV is minus its cost."""
        s = _plan(_team(without_training=WithoutTraining(0.23, 2.2)))
        rows = _rows(s)
        assert rows["as_built"].annual_hours_saved == pytest.approx(10 * (4 - 0.23 * 2.2) * 52)
        assert rows["platform_only"].annual_hours_saved == pytest.approx(0)
        assert rows["platform_only"].npv == pytest.approx(-(SEATS + COURSE_TIME))
        assert any("Bick, Blandin & Deming (2025)" in source and "nothing over it" in source
                   for source in rows["platform_only"].sources)

    def test_adoption_override_lifts_the_course_above_the_counterfactual(self):
        """At 50% platform adoption: 0.5 x 1 h = 0.5 h, still below 0.506 h: nothing credited; at 60%,
        0.6 h - 0.506 h = 0.094 h a person, 10 x 0.094 x 52 = 48.88 h a year."""
        s = _plan(_team(without_training=WithoutTraining(0.23, 2.2)))
        assert _rows(s, {"platform": 0.5})["platform_only"].annual_hours_saved == pytest.approx(0)
        assert _rows(s, {"platform": 0.6})["platform_only"].annual_hours_saved == pytest.approx(
            10 * (0.6 - 0.506) * 52)

    def test_the_credit_names_its_sources(self):
        got = credit(_team(), "platform", {"platform": 0.1})
        assert "data/adoption_assumptions.csv" in got.source and "data/delivery_hours_assumptions.csv" in got.source
        assert counterfactual_source(WithoutTraining(0.23, 2.2)).startswith("Bick, Blandin & Deming (2025)")

    def test_hours_assumptions_state_their_source(self):
        for item in delivery_hours_assumptions().values():
            assert item.source, item.delivery

    def test_a_course_never_gets_more_hours_than_planned(self):
        """A team planned at 0.5 h keeps 0.5 h as a course: 10 x 0.1 x 0.5 x 52 = 26 h a year."""
        assert _rows(_plan(_team(hours_saved_per_person_per_week=0.5)))["platform_only"].annual_hours_saved == \
            pytest.approx(26)

    def test_course_cohort(self):
        """6 course hours over 6 weeks: 1 h a week, in place of 3 h of sessions."""
        c = as_course(_plan(), _team(), {"platform": 0.1})
        assert (c.delivery, c.price, c.participant_hours_per_week) == ("platform", 35.0, pytest.approx(1.0))


class TestTheList:
    def test_a_strategy_identical_to_the_plan_is_not_listed(self):
        """No Tier 3 team: consulting-led would be the plan itself; a plan already on the platform: likewise."""
        assert "consulting_led" not in _rows(_plan())
        platform_plan = _team(delivery="platform", price=35, price_unit="per_employee_per_month",
                              participant_hours_per_week=1)
        assert set(_rows(_plan(platform_plan))) == {"as_built", "do_nothing"}

    def test_a_plan_of_nothing_still_lists_doing_nothing(self):
        """No teams, no literacy, no costs: the platform is the plan itself and is left out; doing nothing stays,
        the reference every increment is measured from (the page crashed on a KeyError without it)."""
        rows = _rows(Scenario(literacy=Literacy(enabled=False)))
        assert set(rows) == {"as_built", "do_nothing"}
        assert rows["as_built"].over_nothing.npv == 0.0

    def test_do_nothing_is_the_counterfactual_with_npv_zero(self):
        row = _rows(_plan())["do_nothing"]
        assert (row.npv, row.total_cost, row.cash_cost, row.annual_hours_saved) == (0.0, 0.0, 0.0, 0.0)
        assert row.why is None   # it ranks second here

    def test_do_nothing_first_says_why(self):
        """A team that saves nothing over its counterfactual: every option only costs, doing nothing ranks first
        and says why in one line naming the best other option (the platform: -$484.62 - $3,000)."""
        s = _plan(_team(hours_saved_per_person_per_week=2.2, adoption_rate=0.23,
                        without_training=WithoutTraining(0.23, 2.2)))
        rows = strategies(s)
        assert rows[0].key == "do_nothing" and rows[0].rank == 1
        assert rows[0].why.startswith("Doing nothing ranks first")
        assert "Platform seats and courses" in rows[0].why and "-$3.5K" in rows[0].why
        assert all(r.why is None for r in rows[1:])

    def test_ranked_by_npv_within_the_budget(self):
        rows = strategies(_plan())
        assert [r.key for r in rows] == ["as_built", "do_nothing", "platform_only"]
        assert [r.rank for r in rows] == [1, 2, 3]

    def test_increments_over_the_platform(self):
        """Plan over platform: cost $21,000 - $3,484.62; NPV $78,000 - (-$1,009.62); hours 2,080 - 52."""
        rows = _rows(_plan())
        plan = rows["as_built"]
        assert plan.over_platform.total_cost == pytest.approx(21_000 - SEATS - COURSE_TIME)
        assert plan.over_platform.npv == pytest.approx(78_000 - (2_475 - SEATS - COURSE_TIME))
        assert plan.over_platform.annual_hours_saved == pytest.approx(2_080 - 52)

    def test_seed_200(self):
        """The shipped seed: a course credited nothing over the teams' 23% x 2.2 h costs its AI seats and other
        costs; the plan (NPV -$174.3K) ranks below it and below doing nothing, which says why."""
        rows = strategies(load_preset("seed-200-person-org"))
        assert [r.key for r in rows] == ["do_nothing", "platform_only", "as_built", "consulting_led"]
        assert rows[0].why and rows[-1].over_budget > 0
        platform = rows[1]
        assert platform.annual_hours_saved == pytest.approx(0) and platform.cash_cost < rows[2].cash_cost

    def test_bad_adoption_is_refused(self):
        with pytest.raises(ValueError, match="adoption.platform"):
            strategies(_plan(), {"platform": 1.5})

