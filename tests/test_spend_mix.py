"""Coaching vs platform spend (issue 20 item 4): one cash budget, its share for coaching from 0% to 100%.

Two hand-workable teams, 12-month horizon (52 weeks), no discounting, recapture 1, $50 an hour, participants'
time not counted (so cost is cash), seats not licensed ($35 per person per month):

    A: 10 people coached at $200 a week for 6 weeks = $12,000; 4 h a week at full adoption:
       $2,000 a week x 49.5 weeks (ramp 3.5 + 46) = $99,000; NPV $87,000; 2,080 h a year
    B: 10 people coached at $100 a week for 6 weeks = $6,000; 1 h a week: $500 x 49.5 = $24,750; NPV $18,750;
       520 h a year
    a course, either team: seats 10 x $35 x 6 x 12 / 52 = $484.62; 10% x 1 h: $50 a week x 49.5 = $2,475;
       NPV $1,990.38; 52 h a year

The plan coaches both: budget $18,000. Coaching adds most per extra dollar on A:
(87,000 - 1,990.38) / (12,000 - 484.62) = 7.38 against B's (18,750 - 1,990.38) / (6,000 - 484.62) = 3.04.
"""

from __future__ import annotations

import json

import pytest

from calculator.analysis import analyze, plain, spend_mix
from calculator.presets import load_preset
from calculator.scenario import Cohort, Finance, Literacy, Organization, OtherCost, Scenario

SEATS = 10 * 35 * 6 * 12 / 52
COURSE_NPV = 2_475 - SEATS


def _plan(**changes) -> Scenario:
    a = Cohort(name="A", team_size=10, price=200, engagement_weeks=6, hours_saved_per_person_per_week=4,
               adoption_rate=1.0)
    b = Cohort(name="B", team_size=10, price=100, engagement_weeks=6, hours_saved_per_person_per_week=1,
               adoption_rate=1.0)
    return Scenario(**{"organization": Organization(loaded_hourly_cost=50.0),
                       "finance": Finance(horizon_months=12, annual_discount_rate=0.0),
                       "literacy": Literacy(enabled=False, already_licensed=False), "cohorts": (a, b), **changes})


class TestTheLine:
    @pytest.fixture(scope="class")
    @classmethod
    def mix(cls):
        return spend_mix(_plan(), shares=5)   # 0%, 25%, 50%, 75%, 100% of $18,000

    def test_budget_and_shares(self, mix):
        assert mix.budget == pytest.approx(18_000) and mix.fixed_cash == 0.0
        assert [p.coaching_share for p in mix.points] == [0.0, 0.25, 0.5, 0.75, 1.0]

    def test_who_is_coached_at_each_share(self, mix):
        """0% and 25% ($4,500): neither team's coaching fits, both take courses. 50% ($9,000): B's $6,000 fits,
        A's $12,000 does not. 75% ($13,500): A first ($12,000), $1,500 left is too little for B. 100%: both."""
        assert [p.coached for p in mix.points] == [(), (), ("B",), ("A",), ("A", "B")]
        assert [p.courses for p in mix.points] == [("A", "B"), ("A", "B"), ("A",), ("B",), ()]

    def test_npv_and_hours_at_each_share(self, mix):
        """0%: two courses, 2 x $1,990.38, 104 h. 50%: B coached + a course for A, $18,750 + $1,990.38,
        520 + 52 h. 75%: $87,000 + $1,990.38, 2,080 + 52 h. 100%: the plan, $105,750, 2,600 h."""
        assert [p.npv for p in mix.points] == pytest.approx(
            [2 * COURSE_NPV, 2 * COURSE_NPV, 18_750 + COURSE_NPV, 87_000 + COURSE_NPV, 105_750])
        assert [p.annual_hours_saved for p in mix.points] == pytest.approx([104, 104, 572, 2_132, 2_600])
        assert [p.cash_cost for p in mix.points] == pytest.approx(
            [2 * SEATS, 2 * SEATS, 6_000 + SEATS, 12_000 + SEATS, 18_000])

    def test_the_plan_is_marked_at_its_share(self, mix):
        """The plan coaches with all $18,000 of its money for teams: share 100%, NPV $105,750."""
        assert mix.plan.coaching_share == pytest.approx(1.0)
        assert mix.plan.npv == pytest.approx(105_750) and mix.plan.coached == ("A", "B")

    def test_the_best_mix_is_the_planners(self, mix):
        """Every point on the line is a selection the planner may make (coaching as planned or the platform,
        at the same cash, here with no time counted): its optimum is at least the line's best, here the plan."""
        assert mix.best is not None
        assert mix.best.npv >= max(p.npv for p in mix.points) - 1e-6
        assert mix.best.npv == pytest.approx(105_750) and mix.best.coaching_share == pytest.approx(1.0)
        assert mix.best_note.startswith("The budget planner's best selection on NPV")


def test_another_budget_leaves_the_plan_off_the_line():
    """$10,000: at 100% B's $6,000 of coaching fits, A's does not; the $4,000 left buys A a course."""
    mix = spend_mix(_plan(), 10_000, shares=2)
    assert mix.plan is None and mix.notes
    assert mix.points[-1].coached == ("B",) and mix.points[-1].courses == ("A",)


def test_fixed_cash_comes_off_first():
    """A $2,000 program cost is paid in every mix: budget $20,000, $18,000 left for the teams, the same line."""
    mix = spend_mix(_plan(other_costs=(OtherCost(name="PM", amount=2_000),)), shares=5)
    assert mix.budget == pytest.approx(20_000) and mix.fixed_cash == pytest.approx(2_000)
    assert [p.coached for p in mix.points] == [(), (), ("B",), ("A",), ("A", "B")]
    assert mix.points[0].cash_cost == pytest.approx(2_000 + 2 * SEATS)


def test_a_budget_under_the_fixed_cash_funds_no_team():
    mix = spend_mix(_plan(other_costs=(OtherCost(name="PM", amount=2_000),)), 1_000, shares=2)
    assert all(p.coached == () and p.courses == () and p.unfunded == ("A", "B") for p in mix.points)
    assert any("fixed cash" in note for note in mix.notes)


@pytest.mark.parametrize("kwargs, field", [({"budget": -1.0}, "budget"), ({"budget": float("nan")}, "budget"),
                                           ({"shares": 1}, "shares")])
def test_bad_input_names_the_field(kwargs, field):
    with pytest.raises(ValueError, match=f"^{field}:"):
        spend_mix(_plan(), **kwargs)


def test_analyze_json_carries_the_spend_mix():
    """`python -m calculator analyze` gains a spend_mix key: 21 points from 0% to 100%, the plan and the best."""
    data = json.loads(json.dumps(analyze(load_preset("seed-marketing-team"), draws=100).to_dict(), allow_nan=False))
    mix = data["spend_mix"]
    assert len(mix["points"]) == 21 and mix["points"][0]["coaching_share"] == 0.0
    assert mix["points"][-1]["coaching_share"] == 1.0
    assert {"budget", "fixed_cash", "plan", "best", "best_note", "notes"} <= set(mix)
    assert plain(spend_mix(load_preset("seed-marketing-team"))) == mix
