"""Methodology v1 (docs/MODEL.md), one rule at a time, each with a value worked by hand.

The docstring of every test carries its arithmetic, so an analyst can redo the
number with a pencil. Unless a test says otherwise the scenarios use a 52-week
year, a 24-month horizon (104 weeks), literacy switched off and a
$50/hour loaded cost, to keep the sums round.
"""

import math

import numpy as np
import pytest

from calculator.model import evaluate, evaluate_batch, horizon_weeks, month_of_week, payback_months
from calculator.scenario import Cohort, Finance, Literacy, Organization, Scenario

OFF = Literacy(enabled=False)


def make(*cohorts, literacy=OFF, headcount=200, weeks_per_year=52, hourly=50.0, **finance):
    """A scenario with the given teams; ``finance`` keywords go to :class:`Finance`."""
    return Scenario(
        organization=Organization(headcount=headcount, working_weeks_per_year=weeks_per_year,
                                  loaded_hourly_cost=hourly),
        finance=Finance(**finance),
        literacy=literacy,
        cohorts=tuple(cohorts),
    )


def team(**kw):
    """A coaching team of 10 from week 1 for 6 weeks, priced per employee per week, no savings."""
    kw.setdefault("team_size", 10)
    kw.setdefault("price_unit", "per_employee_per_week")
    return Cohort(**kw)


class TestPriceUnits:
    """Costs (week by week): one rule per price unit."""

    def test_per_employee_per_week(self):
        """10 x $200 x 6 weeks = $12,000: $2,000 in each of weeks 1-6, nothing after."""
        r = evaluate(make(team(price=200, engagement_weeks=6)))
        assert r.total_cost == pytest.approx(12_000)
        assert r.weekly_cost[:6].tolist() == [2_000.0] * 6
        assert r.weekly_cost[6:].sum() == 0

    def test_per_employee_per_month(self):
        """$260 a month is 260 x 12 / 52 = $60 a week: 10 x $60 = $600 a week, x 6 weeks = $3,600."""
        r = evaluate(make(team(price=260, price_unit="per_employee_per_month", engagement_weeks=6)))
        assert r.weekly_cost[:6] == pytest.approx([600.0] * 6)
        assert r.total_cost == pytest.approx(3_600)
        # The total is team_size x price x engagement_weeks x 12 / W = 10 x 260 x 6 x 12 / 52.
        assert r.total_cost == pytest.approx(10 * 260 * 6 * 12 / 52)

    def test_per_employee_all_in_start_week(self):
        """A workshop, 12 x $325 = $3,900, paid entirely in the start week (week 5)."""
        r = evaluate(make(team(team_size=12, price=325, price_unit="per_employee", start_week=5,
                               engagement_weeks=6)))
        assert r.total_cost == pytest.approx(3_900)
        assert r.weekly_cost[4] == pytest.approx(3_900)  # week 5 is index 4
        assert np.count_nonzero(r.weekly_cost) == 1

    def test_fixed_spread_over_engagement(self):
        """$600,000 over 12 weeks from week 3 = $50,000 in each of weeks 3-14."""
        r = evaluate(make(team(price=600_000, price_unit="fixed", start_week=3, engagement_weeks=12)))
        assert r.total_cost == pytest.approx(600_000)
        assert r.weekly_cost[:2].sum() == 0
        assert r.weekly_cost[2:14] == pytest.approx([50_000.0] * 12)
        assert r.weekly_cost[14:].sum() == 0

    @pytest.mark.parametrize(
        ("unit", "price", "total"),
        [
            ("per_employee_per_week", 500, 40_000),  # 10 x $500 x 8 weeks
            ("per_employee_per_month", 520, 9_600),  # 10 x $520 x 8 weeks x 12 / 52
            ("per_employee", 150, 1_500),            # 10 x $150, once
            ("fixed", 200_000, 200_000),             # the fee, whatever the length
        ],
    )
    def test_engagement_total_by_unit(self, unit, price, total):
        """An 8-week engagement for 10 people, each unit's total by hand (see the parameters)."""
        r = evaluate(make(team(price=price, price_unit=unit, engagement_weeks=8)))
        assert r.total_cost == pytest.approx(total)
        assert r.cost_by_tier["2"] == pytest.approx(total)

    def test_tier_3_cost_counts_in_tier_3(self):
        """A Tier 3 department, 10 x $200 x 6 = $12,000, lands in tier "3", not "2"."""
        r = evaluate(make(team(price=200, tier=3)))
        assert r.cost_by_tier == {"1": 0.0, "2": 0.0, "3": pytest.approx(12_000)}


class TestLiteracyCost:
    """Literacy: $0 when already licensed, else learners x seat x months over ceil(months x W / 12) weeks."""

    def test_already_licensed_is_zero(self):
        """Already licensed: a sunk cost, $0 incremental for all 200 people."""
        r = evaluate(make(literacy=Literacy(already_licensed=True)))
        assert r.total_cost == 0
        assert r.cost_by_tier["1"] == 0
        assert r.cost_per_employee_by_tier["1"] == 0  # 200 people, $0 each

    def test_licensed_one_month(self):
        """200 x $35 x 1 month = $7,000 over ceil(1 x 52 / 12) = ceil(4.33) = 5 weeks: $1,400 a week, weeks 3-7."""
        r = evaluate(make(literacy=Literacy(start_week=3)))  # learners null = headcount 200
        assert r.total_cost == pytest.approx(7_000)
        assert r.weekly_cost[:2].sum() == 0
        assert r.weekly_cost[2:7] == pytest.approx([1_400.0] * 5)
        assert r.weekly_cost[7:].sum() == 0
        assert r.cost_per_employee_by_tier["1"] == pytest.approx(35)  # $7,000 / 200

    @pytest.mark.parametrize(
        ("months", "weeks"),
        [
            (1, 5),     # ceil(52 / 12 = 4.33)
            (2.5, 11),  # ceil(2.5 x 52 / 12 = 10.83)
            (3, 13),    # 3 x 52 / 12 = 13 exactly: no extra week
            (12, 52),
        ],
    )
    def test_spread_weeks(self, months, weeks):
        """100 learners x $24 x months, spread evenly over ceil(months x 52 / 12) weeks from week 1."""
        r = evaluate(make(literacy=Literacy(learners=100, seat_price_per_month=24, access_months=months)))
        total = 100 * 24 * months
        assert r.total_cost == pytest.approx(total)
        assert np.count_nonzero(r.weekly_cost) == weeks
        assert r.weekly_cost[:weeks] == pytest.approx([total / weeks] * weeks)

    def test_disabled_adds_nothing(self):
        """A disabled literacy tier costs $0 and has nobody in it (cost per employee null)."""
        r = evaluate(make(literacy=Literacy(enabled=False, already_licensed=False)))
        assert r.total_cost == 0
        assert r.cost_per_employee_by_tier["1"] is None


class TestParticipantTime:
    """Time in sessions is a cost only when include_participant_time is on."""

    def test_cohort(self):
        """10 people x 3 h a week x $50 = $1,500 a week for 6 weeks = $9,000, on top of 10 x $200 x 6 = $12,000."""
        cohort = team(price=200, participant_hours_per_week=3)
        assert evaluate(make(cohort)).total_cost == pytest.approx(12_000)
        r = evaluate(make(cohort, include_participant_time=True))
        assert r.weekly_cost[:6] == pytest.approx([2_000.0 + 1_500.0] * 6)
        assert r.total_cost == pytest.approx(21_000)

    def test_cohort_uses_its_own_hourly_cost(self):
        """A team that costs $80 an hour: 10 x 3 h x $80 = $2,400 a week x 6 = $14,400 (price $0)."""
        r = evaluate(make(team(price=0, participant_hours_per_week=3, loaded_hourly_cost=80),
                          include_participant_time=True))
        assert r.total_cost == pytest.approx(14_400)

    def test_literacy(self):
        """200 learners x 0.85 completion x 6 h x $50 = $51,000, spread like the licence: 5 weeks of $10,200.

        The licence itself is already paid for, so the training time is the whole cost.
        """
        lit = Literacy(already_licensed=True, completion_rate=0.85, training_hours_per_learner=6)
        assert evaluate(make(literacy=lit)).total_cost == 0
        r = evaluate(make(literacy=lit, include_participant_time=True))
        assert r.total_cost == pytest.approx(51_000)
        assert r.weekly_cost[:5] == pytest.approx([10_200.0] * 5)
        assert r.cost_by_tier["1"] == pytest.approx(51_000)


class TestRamp:
    """f(w) = 0 before the start, min(1, (w - s + 1) / E) from it: value from the first week, full at the last."""

    def test_cohort_ramp(self):
        """s = 3, E = 4, 10 people x 2 h = 20 h a week at full: weeks 1-7 save 0, 0, 5, 10, 15, 20, 20 h."""
        r = evaluate(make(team(start_week=3, engagement_weeks=4, hours_saved_per_person_per_week=2)))
        assert r.weekly_hours[:7] == pytest.approx([0, 0, 5, 10, 15, 20, 20])
        assert r.weekly_hours[-1] == pytest.approx(20)

    def test_adoption_scales_hours(self):
        """10 people x 0.6 adoption x 2 h = 12 h a week at full (E = 1: full from the start week)."""
        r = evaluate(make(team(engagement_weeks=1, hours_saved_per_person_per_week=2, adoption_rate=0.6)))
        assert r.weekly_hours[:3] == pytest.approx([12, 12, 12])
        # 104 weeks x 12 h = 1,248 h in the horizon.
        assert r.hours_saved_in_horizon == pytest.approx(1_248)

    def test_literacy_ramps_over_access_weeks(self):
        """100 learners x 0.5 completion x 0.5 adoption x 4 h = 100 h at full, over 5 access weeks: 20, 40 .. 100."""
        lit = Literacy(learners=100, already_licensed=True, completion_rate=0.5, adoption_rate=0.5,
                       hours_saved_per_person_per_week=4)
        r = evaluate(make(literacy=lit))
        assert r.weekly_hours[:6] == pytest.approx([20, 40, 60, 80, 100, 100])

    def test_default_literacy_earns_nothing(self):
        """Literacy alone changes no workflow: its defaults save 0 h (adoption 0, 0 h saved)."""
        r = evaluate(make(literacy=Literacy()))
        assert r.total_benefit == 0
        assert r.annual_hours_saved == 0


class TestRetention:
    """k(w) = 1 up to the engagement's end, then (1 - annual_benefit_decay) ** ((w - end) / W)."""

    def test_decay_after_end(self):
        """s = 1, E = 2, end = 2; 10 people x 2 h = 20 h. Decay 50% a year: week 54 keeps 0.5 ** (52/52) = 10 h.

        Week 3: 20 x 0.5 ** (1/52) = 19.735 h; week 28: 20 x 0.5 ** (26/52) = 14.142 h.
        """
        r = evaluate(make(team(engagement_weeks=2, hours_saved_per_person_per_week=2), annual_benefit_decay=0.5))
        assert r.weekly_hours[1] == pytest.approx(20)  # the end week itself is not decayed
        assert r.weekly_hours[2] == pytest.approx(20 * 0.5 ** (1 / 52))
        assert r.weekly_hours[2] == pytest.approx(19.7352, abs=1e-4)
        assert r.weekly_hours[27] == pytest.approx(20 * math.sqrt(0.5))
        assert r.weekly_hours[53] == pytest.approx(10)
        assert r.weekly_hours[103] == pytest.approx(20 * 0.5 ** (102 / 52))  # week 104: 102 weeks after the end

    def test_no_decay_keeps_full(self):
        """Decay 0: the 20 h a week hold to the horizon's end, 104 - 1 weeks at 20 h + 10 h in week 1."""
        r = evaluate(make(team(engagement_weeks=2, hours_saved_per_person_per_week=2)))
        assert r.hours_saved_in_horizon == pytest.approx(10 + 103 * 20)

    def test_full_decay_stops_after_end(self, recwarn):
        """Decay 100%: 0 ** ((w - end) / W) = 0 after the end; weeks 1-2 save 10 + 20 = 30 h. No float warnings."""
        r = evaluate(make(team(engagement_weeks=2, hours_saved_per_person_per_week=2), annual_benefit_decay=1.0))
        assert r.hours_saved_in_horizon == pytest.approx(30)
        assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]

    def test_decay_is_not_in_steady_state(self):
        """annual_hours_saved is steady state, no ramp, no decay: 10 x 2 h x 52 = 1,040 h."""
        r = evaluate(make(team(engagement_weeks=2, hours_saved_per_person_per_week=2), annual_benefit_decay=0.5))
        assert r.annual_hours_saved == pytest.approx(1_040)


class TestValue:
    """value = hours x loaded cost x productivity_recapture x (1 - benefit_risk_adjustment)."""

    def test_recapture_and_risk(self):
        """10 x 2 h x $50 = $1,000 a week; x 0.75 recapture x (1 - 0.2) risk = $600 a week.

        12-month horizon = 52 weeks: 52 x $600 = $31,200, which is also annual_value.
        """
        r = evaluate(make(team(price=0, engagement_weeks=1, hours_saved_per_person_per_week=2),
                          horizon_months=12, productivity_recapture=0.75, benefit_risk_adjustment=0.2))
        assert r.weekly_benefit[0] == pytest.approx(600)
        assert r.total_benefit == pytest.approx(31_200)
        assert r.annual_value == pytest.approx(31_200)
        assert r.annual_hours_saved == pytest.approx(1_040)  # hours are not haircut: 10 x 2 x 52

    def test_team_hourly_cost_override(self):
        """A team at $80 an hour: 10 x 2 h x $80 = $1,600 a week, against $1,000 at the organization's $50."""
        r = evaluate(make(team(price=0, engagement_weeks=1, hours_saved_per_person_per_week=2,
                               loaded_hourly_cost=80)))
        assert r.weekly_benefit[0] == pytest.approx(1_600)

    def test_roi_and_bcr(self):
        """ROI = net / cost x 100, BCR = benefit / cost, over a 12-month (52-week) horizon.

        Cost 10 x $200 x 1 week = $2,000. Benefit (E = 1, full from week 1) 10 x 2 h x $50 = $1,000 a week
        x 52 = $52,000. Net $50,000; ROI 50,000 / 2,000 x 100 = 2,500%; BCR 52,000 / 2,000 = 26.
        """
        r = evaluate(make(team(price=200, engagement_weeks=1, hours_saved_per_person_per_week=2), horizon_months=12))
        assert r.total_cost == pytest.approx(2_000)
        assert r.total_benefit == pytest.approx(52_000)
        assert r.net_benefit == pytest.approx(50_000)
        assert r.roi_pct == pytest.approx(2_500)
        assert r.bcr == pytest.approx(26)

    def test_roi_and_bcr_null_without_cost(self):
        """Nothing spent: ROI and BCR are null (no division by $0)."""
        r = evaluate(make(team(price=0, hours_saved_per_person_per_week=2)))
        assert r.total_cost == 0
        assert r.roi_pct is None and r.bcr is None

    def test_fte_and_annual_hours(self):
        """8 people x 3.75 h x 52 weeks = 1,560 h a year; / 2,080 h = 0.75 FTE."""
        r = evaluate(make(team(team_size=8, hours_saved_per_person_per_week=3.75)))
        assert r.annual_hours_saved == pytest.approx(1_560)
        assert r.fte_returned == pytest.approx(0.75)


class TestPayback:
    """Payback: the first week with C[w-1] < 0 <= C[w], interpolated, in months (t x 12 / W)."""

    def test_interpolation(self):
        """Fee $1,000 in week 1, saving 10 x 1 h x $40 = $400 a week from week 1.

        C = -600, -200, +200: crossing in week 3, t = 2 + 200 / 400 = 2.5 weeks = 2.5 x 12 / 52 = 0.5769 months.
        """
        r = evaluate(make(team(price=1_000, price_unit="fixed", engagement_weeks=1,
                               hours_saved_per_person_per_week=1), hourly=40))
        assert r.cumulative_net[:3] == pytest.approx([-600, -200, 200])
        assert r.payback_months == pytest.approx(2.5 * 12 / 52)
        assert r.payback_months == pytest.approx(0.5769, abs=1e-4)

    def test_never(self):
        """$12,000 spent and nothing saved: C ends at -$12,000, payback is null."""
        r = evaluate(make(team(price=200)))
        assert r.payback_months is None

    def test_zero_when_never_below(self):
        """A free engagement that saves time: C never goes below zero, payback is 0."""
        r = evaluate(make(team(price=0, hours_saved_per_person_per_week=2)))
        assert r.payback_months == 0

    def test_zero_for_an_empty_program(self):
        """No teams, literacy already licensed: every C is 0, never below zero, so payback is 0."""
        assert evaluate(make(literacy=Literacy(already_licensed=True))).payback_months == 0

    def test_crossing_then_ending_below_is_null(self):
        """Crosses zero in week 3 (as in test_interpolation) but a $100,000 fee in week 10 ends it below: null.

        13-week horizon (3 months): C13 = -1,000 + 13 x 400 - 100,000 < 0.
        """
        early = team(price=1_000, price_unit="fixed", engagement_weeks=1, hours_saved_per_person_per_week=1)
        late = team(team_size=1, price=100_000, price_unit="per_employee", start_week=10)
        r = evaluate(make(early, late, hourly=40, horizon_months=3))
        assert r.horizon_weeks == 13
        assert r.cumulative_net[2] > 0
        assert r.cumulative_net[-1] == pytest.approx(-1_000 + 13 * 400 - 100_000)
        assert r.payback_months is None

    @pytest.mark.parametrize(
        ("flows", "weeks_per_year", "expected_weeks"),
        [
            ([-100, 50, 50, 50], 52, 3.0),      # C = -100, -50, 0: t = 2 + 50 / 50 = 3
            ([-100, 100], 52, 2.0),             # C = -100, 0: reaching exactly 0 pays back
            ([-100, 150, 10], 52, 1 + 100 / 150),  # C = -100, 50: t = 1 + 100 / 150
            ([-100, 50, 50, 50], 48, 3.0),      # same weeks, but months are t x 12 / 48
            ([10, -20, 30], 52, 2 + 10 / 30),   # C = 10, -10, 20: the dip counts, t = 2 + 10 / 30
            ([-10, 20, -20, 20], 52, 1.5),      # C = -10, 10, -10, 10: the first crossing, t = 1 + 10 / 20
            ([10, 10], 52, 0.0),                # never below zero
            ([0, 0, 0], 52, 0.0),               # all zero: never below zero
            ([-100, 10], 52, None),             # ends below zero
            ([-100, 150, -100], 52, None),      # C = -100, 50, -50: crossed, then ends below
        ],
    )
    def test_payback_function(self, flows, weeks_per_year, expected_weeks):
        """payback_months on weekly nets directly; months = weeks x 12 / W (NaN where null)."""
        got = payback_months(np.array([flows], dtype=float), weeks_per_year)[0]
        if expected_weeks is None:
            assert math.isnan(got)
        else:
            assert got == pytest.approx(expected_weeks * 12 / weeks_per_year)

    def test_float_noise_at_zero_is_zero(self):
        """Flows $0.30, -$0.10, -$0.20 end at -2.8e-17 in floating point: that is $0, so payback is 0, not null."""
        flows = np.array([[0.3, -0.1, -0.2]])
        assert np.cumsum(flows)[-1] < 0  # the noise this rule is about
        assert payback_months(flows, 52)[0] == 0


class TestNPV:
    """npv = sum of (benefit_w - cost_w) x (1 + rate) ** (-w / W), end-of-week discounting."""

    @pytest.mark.parametrize(
        ("week", "factor"),
        [
            (52, 1 / 1.1),             # a year out: $1,000 / 1.1 = $909.09
            (26, 1 / math.sqrt(1.1)),  # half a year: $1,000 / 1.1 ** 0.5 = $953.46
            (104, 1 / 1.21),           # two years: $1,000 / 1.21 = $826.45
            (1, 1.1 ** (-1 / 52)),     # even week 1 is discounted (end of the week)
        ],
    )
    def test_single_payment(self, week, factor):
        """A $1,000 one-off fee in week ``week`` at 10% a year: NPV = -$1,000 x factor."""
        r = evaluate(make(team(team_size=1, price=1_000, price_unit="per_employee", start_week=week)))
        assert r.npv == pytest.approx(-1_000 * factor)

    def test_worked_value(self):
        """$1,000 in week 52 at 10%: -1,000 / 1.1 = -$909.09."""
        r = evaluate(make(team(team_size=1, price=1_000, price_unit="per_employee", start_week=52)))
        assert r.npv == pytest.approx(-909.0909, abs=1e-4)

    def test_zero_rate_is_net(self):
        """At 0% NPV equals the undiscounted net: 104 x (10 x 2 h x $50) - 10 x $200 x 1 = $102,000."""
        r = evaluate(make(team(price=200, engagement_weeks=1, hours_saved_per_person_per_week=2),
                          annual_discount_rate=0.0))
        assert r.npv == pytest.approx(r.net_benefit)
        assert r.npv == pytest.approx(104 * 1_000 - 2_000)

    def test_year_follows_working_weeks(self):
        """W = 48: week 48 is one year out, so $1,000 there is worth 1,000 / 1.1 = $909.09."""
        r = evaluate(make(team(team_size=1, price=1_000, price_unit="per_employee", start_week=48),
                          weeks_per_year=48))
        assert r.npv == pytest.approx(-1_000 / 1.1)


class TestMonthBucketing:
    """Week w belongs to month ceil(w x 12 / W)."""

    @pytest.mark.parametrize(
        ("week", "weeks_per_year", "month"),
        [
            (1, 52, 1),
            (4, 52, 1),     # 48 / 52 = 0.92
            (5, 52, 2),     # 60 / 52 = 1.15
            (13, 52, 3),    # 156 / 52 = 3 exactly
            (14, 52, 4),    # 168 / 52 = 3.23
            (52, 52, 12),
            (104, 52, 24),
            (4, 48, 1),     # 48 / 48 = 1 exactly
            (5, 48, 2),
            (53, 53, 12),
            (5, 53, 2),     # 60 / 53 = 1.13
            (1, 1, 12),     # a one-week year: its only week ends month 12
        ],
    )
    def test_month_of_week(self, week, weeks_per_year, month):
        """ceil(week x 12 / W), see each parameter's comment."""
        assert int(month_of_week(week, weeks_per_year)) == month

    def test_weekly_table_months(self):
        """The weekly table of a 104-week horizon: weeks 1-4 in month 1, week 5 in month 2, week 104 in month 24."""
        rows = evaluate(make(team(price=200))).weekly_rows()
        assert len(rows) == 104
        assert [r["month"] for r in rows[:5]] == [1, 1, 1, 1, 2]
        assert (rows[-1]["week"], rows[-1]["month"]) == (104, 24)

    def test_weekly_table_columns(self):
        """Each row: week, month, cost, benefit, net = benefit - cost, cumulative_net, hours_saved,
        and (methodology v2) the four cost lines, the cash benefit and the discounted net."""
        rows = evaluate(make(team(price=200, hours_saved_per_person_per_week=2, engagement_weeks=1))).weekly_rows()
        assert set(rows[0]) == {"week", "month", "cost", "benefit", "net", "cumulative_net", "hours_saved",
                                "cost_fees", "cost_participant_time", "cost_ai_seats", "cost_other",
                                "cash_benefit", "discounted_net"}
        # Week 1: cost 10 x $200 = $2,000; benefit 10 x 2 h x $50 = $1,000; net -$1,000.
        assert rows[0]["cost"] == pytest.approx(2_000)
        assert rows[0]["benefit"] == pytest.approx(1_000)
        assert rows[0]["net"] == pytest.approx(-1_000)
        assert rows[1]["cumulative_net"] == pytest.approx(0)
        assert rows[0]["hours_saved"] == pytest.approx(20)


class TestHorizon:
    """horizon_weeks = horizon_months x W / 12, rounded to the nearest whole week, halves up."""

    @pytest.mark.parametrize(
        ("months", "weeks_per_year", "weeks"),
        [
            (24, 52, 104),
            (1, 52, 4),     # 4.33
            (5, 52, 22),    # 21.67
            (7, 52, 30),    # 30.33
            (1, 6, 1),      # 0.5: halves up
            (1, 30, 3),     # 2.5: halves up (Python's round() would give 2)
            (3, 50, 13),    # 12.5: halves up
            (9, 50, 38),    # 37.5: halves up
            (120, 53, 530),
            (1, 5, 0),      # 0.42: rounds to no week at all
        ],
    )
    def test_rounding(self, months, weeks_per_year, weeks):
        """months x W / 12, see each parameter's comment."""
        s = make(horizon_months=months, weeks_per_year=weeks_per_year)
        assert horizon_weeks(s) == weeks
        assert evaluate(s).horizon_weeks == weeks

    def test_an_empty_horizon_evaluates(self):
        """1 month of a 5-week year is 0.42 -> 0 weeks: nothing counts, totals are $0, payback 0 (never below zero)."""
        r = evaluate(make(team(price=200), horizon_months=1, weeks_per_year=5))
        assert r.horizon_weeks == 0
        assert r.total_cost == 0 and r.total_benefit == 0 and r.npv == 0
        assert r.payback_months == 0
        assert r.weekly_rows() == []

    def test_flows_after_the_horizon_are_not_counted(self):
        """A 10-week engagement from week 100 with a 104-week horizon: only weeks 100-104, 10 x $200 x 5 = $10,000."""
        r = evaluate(make(team(price=200, start_week=100, engagement_weeks=10)))
        assert r.total_cost == pytest.approx(10_000)

    def test_cohort_after_the_horizon_adds_nothing(self):
        """A team starting in week 200 of a 104-week horizon: same totals as without it, nobody in its tier."""
        base = make(team(price=200, hours_saved_per_person_per_week=2))
        late = team(tier=3, price=500, start_week=200, hours_saved_per_person_per_week=5)
        with_late = make(*base.cohorts, late)
        a, b = evaluate(base), evaluate(with_late)
        for key in ("total_cost", "total_benefit", "npv", "annual_hours_saved", "annual_value",
                    "hours_saved_in_horizon", "payback_months"):
            assert getattr(b, key) == pytest.approx(getattr(a, key)), key
        assert b.cost_by_tier["3"] == 0
        assert b.people_by_tier["3"] == 0
        assert b.cost_per_employee_by_tier["3"] is None

    def test_literacy_after_the_horizon_adds_nothing(self):
        """Literacy from week 105 of a 104-week horizon: $0 and nobody in tier 1."""
        r = evaluate(make(literacy=Literacy(start_week=105, hours_saved_per_person_per_week=1, adoption_rate=1)))
        assert r.total_cost == 0 and r.total_benefit == 0
        assert r.cost_per_employee_by_tier["1"] is None


class TestCostPerEmployee:
    """Cost per employee of a tier = its cost / people in it (learners, or the sum of team sizes)."""

    def test_by_tier(self):
        """Tier 1: 200 x $35 = $7,000 / 200 = $35. Tier 2: 10 x $200 x 6 + 5 x $200 x 6 = $18,000 / 15 = $1,200.

        Tier 3 has nobody in it: null.
        """
        r = evaluate(make(team(price=200), team(team_size=5, price=200), literacy=Literacy()))
        assert r.cost_by_tier == {"1": pytest.approx(7_000), "2": pytest.approx(18_000), "3": 0.0}
        assert r.people_by_tier == {"1": 200, "2": 15, "3": 0}
        assert r.cost_per_employee_by_tier["1"] == pytest.approx(35)
        assert r.cost_per_employee_by_tier["2"] == pytest.approx(1_200)
        assert r.cost_per_employee_by_tier["3"] is None

    def test_learners_below_headcount(self):
        """150 of 200 learners at $35: $5,250 / 150 = $35 each (the learners, not the headcount)."""
        r = evaluate(make(literacy=Literacy(learners=150)))
        assert r.cost_by_tier["1"] == pytest.approx(5_250)
        assert r.cost_per_employee_by_tier["1"] == pytest.approx(35)


class TestWorkingWeeks:
    """W = working_weeks_per_year is the year everywhere: months, horizon, discounting, steady state."""

    def test_48_week_year(self):
        """W = 48: $240 a month is 240 x 12 / 48 = $60 a week; 10 x $60 x 6 weeks = $3,600.

        Horizon 24 months = 96 weeks. Literacy 100 x $20 x 1 month over ceil(48 / 12) = 4 weeks: $500 a week.
        8 people x 3.75 h x 48 weeks = 1,440 h a year = 0.6923 FTE of 2,080 h.
        """
        s = make(team(team_size=10, price=240, price_unit="per_employee_per_month"),
                 team(team_size=8, price=0, hours_saved_per_person_per_week=3.75),
                 literacy=Literacy(learners=100, seat_price_per_month=20),
                 weeks_per_year=48)
        r = evaluate(s)
        assert r.horizon_weeks == 96
        assert r.cost_by_tier["2"] == pytest.approx(3_600)
        assert r.weekly_cost_by_tier[0, :5].tolist() == pytest.approx([500, 500, 500, 500, 0])
        assert r.annual_hours_saved == pytest.approx(1_440)
        assert r.fte_returned == pytest.approx(1_440 / 2_080)

    def test_decay_year_is_w(self):
        """W = 48, decay 50%: 48 weeks after the end (week 1) the 20 h are 10 h, in week 49."""
        r = evaluate(make(team(engagement_weeks=1, hours_saved_per_person_per_week=2), annual_benefit_decay=0.5,
                          weeks_per_year=48))
        assert r.weekly_hours[48] == pytest.approx(10)

    def test_payback_months_use_w(self):
        """W = 48, same flows as TestPayback.test_interpolation: t = 2.5 weeks = 2.5 x 12 / 48 = 0.625 months."""
        r = evaluate(make(team(price=1_000, price_unit="fixed", engagement_weeks=1,
                               hours_saved_per_person_per_week=1), hourly=40, weeks_per_year=48))
        assert r.payback_months == pytest.approx(0.625)


class TestResultDict:
    """The command line's JSON object carries every key of MODEL.md "Results"."""

    def test_keys(self):
        keys = set(evaluate(make(team(price=200))).to_dict(weekly=True))
        assert {"total_cost", "total_benefit", "net_benefit", "roi_pct", "bcr", "npv", "payback_months",
                "cost_by_tier", "cost_per_employee_by_tier", "annual_hours_saved", "fte_returned",
                "annual_value", "hours_saved_in_horizon", "weekly"} <= keys

    def test_weekly_only_when_asked(self):
        assert "weekly" not in evaluate(make(team(price=200))).to_dict()


class TestBatchWeekly:
    """A batch keeps its weekly flows only when asked; reading them otherwise says so."""

    def test_kept_flows_are_the_results(self):
        """10 x $200 a week for 6 weeks: $2,000 in each of weeks 1-6, the same in the batch and the result."""
        s = Scenario(cohorts=(Cohort(team_size=10, price=200, engagement_weeks=6),), literacy=Literacy(enabled=False))
        weekly = evaluate_batch(s, keep_weekly=True).kept_weekly()
        assert weekly.weekly_cost[0, :7].tolist() == [2000.0] * 6 + [0.0]
        np.testing.assert_array_equal(weekly.weekly_cost[0], evaluate(s).weekly_cost)

    def test_not_kept(self):
        batch = evaluate_batch(Scenario())
        assert batch.weekly is None
        with pytest.raises(ValueError, match="keep_weekly=True"):
            batch.kept_weekly()
