"""The 90-day roadmap, the measurement plan, pilot actuals, recalibration, the report and governance.

One hand-worked scenario runs through most tests (52 weeks a year, so day d is in week ceil(d / 7)):

- Tier 1: 100 learners, $30 a seat for 1 month, from week 3, 90% completion. Access weeks:
  ceil(1 x 52 / 12) = 5, weeks 3-7, $3,000 / 5 = $600 a week.
- Marketing (Tier 2, coaching): 8 people, weeks 3-8, $200 a week each = $1,600 a week;
  8 x 100% x 3.75 h = 30 h a week once adopted; 4 workflows planned.
- Finance (Tier 3, coaching): 10 people, weeks 5-12, $300 a week each = $3,000 a week;
  10 x 50% x 2 h = 10 h a week once adopted; no workflows planned (benchmark 5).
- Sales (Tier 2, coaching): 6 people, weeks 14-19, $250 a week each = $1,500 a week: after day 90.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import zlib
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculator import editing, evaluate, load_preset, share
from calculator.charts.roadmap import roadmap_chart, spend_chart, spend_frame, timeline_chart
from calculator.rollout.actuals import (
    actuals_changes,
    actuals_rows,
    apply_actuals_edits,
    has_actuals,
    measurement_band,
    plan_vs_actual,
    recalibrate,
    recalibration_changes,
)
from calculator.rollout.governance import flagged_teams, governance_checklist, team_flags
from calculator.rollout.measurement import checkpoint_targets, checkpoints, measurement_plan, stream_hours
from calculator.rollout.ninety_day import ninety_day_figures, ninety_day_report
from calculator.rollout.roadmap import (
    engagement_stages,
    engagements,
    next_wave,
    phases,
    spend_by_month,
    spend_through_week,
    stage_lengths,
    timeline_rows,
    week_of_day,
)
from calculator.scenario import (
    Actuals,
    Cohort,
    Organization,
    Scenario,
    ScenarioError,
    dumps,
    from_dict,
    load,
    loads,
)

HAND = {
    "name": "Hand-worked",
    "organization": {"headcount": 100},
    "finance": {"horizon_months": 12},
    "literacy": {"seat_price_per_month": 30, "access_months": 1, "start_week": 3, "completion_rate": 0.9},
    "cohorts": [
        {"name": "Marketing", "function": "marketing", "team_size": 8, "start_week": 3, "engagement_weeks": 6,
         "price": 200, "hours_saved_per_person_per_week": 3.75, "adoption_rate": 1.0, "workflows_built": 4},
        {"name": "Finance", "function": "finance", "tier": 3, "team_size": 10, "start_week": 5,
         "engagement_weeks": 8, "price": 300, "hours_saved_per_person_per_week": 2, "adoption_rate": 0.5},
        {"name": "Sales", "function": "sales", "team_size": 6, "start_week": 14, "engagement_weeks": 6,
         "price": 250, "hours_saved_per_person_per_week": 2, "adoption_rate": 1.0},
    ],
    "ranges": {"cohorts[*].hours_saved_per_person_per_week": [1.5, 4.5], "cohorts[*].adoption_rate": [0.5, 1.0],
               "cohorts[1].hours_saved_per_person_per_week": [1.8, 2.2]},
}


@pytest.fixture
def hand() -> Scenario:
    return from_dict(HAND)


def with_actuals(scenario: Scenario, index: int, **values) -> Scenario:
    teams = list(scenario.cohorts)
    teams[index] = dataclasses.replace(teams[index], actuals=Actuals(**values))
    return dataclasses.replace(scenario, cohorts=tuple(teams))


# --------------------------------------------------------------------------- timeline
class TestWeekOfDay:
    @pytest.mark.parametrize(("day", "week"), [(1, 1), (7, 1), (8, 2), (14, 2), (15, 3), (30, 5), (45, 7),
                                               (46, 7), (60, 9), (84, 12), (85, 13), (90, 13), (91, 13), (92, 14)])
    def test_seven_days_a_week_with_52_weeks(self, day, week):
        """ceil(d / 7): day 30 = 4.29 -> week 5, day 90 = 12.86 -> week 13."""
        assert week_of_day(day, 52) == week

    def test_fewer_working_weeks(self):
        """With 48 weeks a year: day 90 -> ceil(90 x 48 / 364) = ceil(11.87) = 12; day 30 -> ceil(3.96) = 4."""
        assert (week_of_day(90, 48), week_of_day(30, 48)) == (12, 4)


class TestPhases:
    def test_phase_weeks(self, hand):
        """Days 1-14 -> weeks 1-2; 15-45 -> 3 (ceil 15/7) to 7 (ceil 45/7); 46-90 -> 7 to 13."""
        assert [(p.first_day, p.last_day, p.start_week, p.end_week) for p in phases(hand)] == [
            (1, 14, 1, 2), (15, 45, 3, 7), (46, 90, 7, 13)]

    def test_phase_bars_sit_on_their_days(self, hand):
        """On the continuous axis day d ends at d / 7: 0-2, 2-6.43, 6.43-12.86."""
        bars = [(r["x_start"], r["x_end"]) for r in timeline_rows(hand) if r["stage_key"] == "phase"]
        assert bars == [(0.0, 2.0), (2.0, pytest.approx(45 / 7)), (pytest.approx(45 / 7), pytest.approx(90 / 7))]


class TestEngagements:
    @pytest.mark.parametrize(("weeks", "split"), [(6, (1, 3, 2)), (8, (1, 4, 3)), (7, (1, 4, 2)), (4, (1, 2, 1)),
                                                  (12, (1, 7, 4)), (3, (1, 1, 1)), (2, (1, 1, 0)), (1, (1, 0, 0))])
    def test_stage_lengths(self, weeks, split):
        """Audit 1 week; build = floor(0.6 x (E - 1) + 0.5): E=6: 3 (source: weeks 2-4), E=8: floor(4.7) = 4."""
        assert stage_lengths(weeks) == split
        assert sum(split) == weeks

    def test_stages_fall_on_the_right_weeks(self, hand):
        """Marketing weeks 3-8: audit 3, build 4-6, hand-over 7-8.
        Finance weeks 5-12 (8 weeks, 1 + 4 + 3): audit 5, build 6-9, hand-over 10-12.
        Sales weeks 14-19: audit 14, build 15-17, hand-over 18-19."""
        got = {c.name: [(s.key, s.start_week, s.end_week) for s in engagement_stages(c)] for c in hand.cohorts}
        assert got == {
            "Marketing": [("audit", 3, 3), ("build", 4, 6), ("handover", 7, 8)],
            "Finance": [("audit", 5, 5), ("build", 6, 9), ("handover", 10, 12)],
            "Sales": [("audit", 14, 14), ("build", 15, 17), ("handover", 18, 19)],
        }

    def test_workshop_is_one_stretch(self):
        assert [s.key for s in engagement_stages(Cohort(delivery="workshop", engagement_weeks=1))] == ["workshop"]

    def test_literacy_row_and_waves(self, hand):
        """Tier 1 weeks 3-7 (5 access weeks); Sales starts in week 14 > 13 (the week holding day 90)."""
        rows = [(e.name, e.start_week, e.end_week, e.next_wave) for e in engagements(hand)]
        assert rows == [("Tier 1 literacy", 3, 7, False), ("Marketing", 3, 8, False), ("Finance", 5, 12, False),
                        ("Sales", 14, 19, True)]
        assert next_wave(hand) == ("Sales",)

    def test_week_13_is_still_the_first_wave(self, hand):
        """Week 13 starts on day 85, inside the 90 days; week 14 starts on day 92."""
        moved = editing.edit(hand, {"cohorts[2].start_week": 13})
        assert next_wave(moved) == ()

    def test_stage_bars_span_their_weeks(self, hand):
        """A stage in weeks a-b spans a - 1 .. b on the axis, days 7(a - 1) + 1 .. 7b."""
        bar = next(r for r in timeline_rows(hand) if r["row"] == "Finance" and r["stage_key"] == "build")
        assert (bar["x_start"], bar["x_end"], bar["first_day"], bar["last_day"]) == (5.0, 9.0, 36, 63)


class TestSpend:
    def test_spend_per_month(self, hand):
        """Months: 1 = weeks 1-4, 2 = 5-8, 3 = 9-13, 4 = 14-17, 5 = 18-21 (ceil(w x 12 / 52)).

        Month 1: Tier 1 weeks 3-4 2 x $600 = $1,200; Marketing 2 x $1,600 = $3,200; total $4,400.
        Month 2: Tier 1 weeks 5-7 3 x $600 = $1,800; Marketing 4 x $1,600 = $6,400; Finance 4 x $3,000 = $12,000.
        Month 3: Finance weeks 9-12 4 x $3,000 = $12,000. Month 4: Sales 4 x $1,500 = $6,000. Month 5: $3,000.
        """
        rows = spend_by_month(evaluate(hand))
        assert len(rows) == 12  # a 12-month horizon
        got = [(r["month"], r["first_week"], r["last_week"], r["cost_tier_1"], r["cost_tier_2"], r["cost_tier_3"])
               for r in rows[:6]]
        assert got == [(1, 1, 4, 1200, 3200, 0), (2, 5, 8, 1800, 6400, 12000), (3, 9, 13, 0, 0, 12000),
                       (4, 14, 17, 0, 6000, 0), (5, 18, 21, 0, 3000, 0), (6, 22, 26, 0, 0, 0)]
        assert sum(r["cost"] for r in rows) == pytest.approx(evaluate(hand).total_cost)

    def test_spend_to_day_90(self, hand):
        """Weeks 1-13: $4,400 + $20,200 + $12,000 = $36,600."""
        assert spend_through_week(evaluate(hand), 13) == pytest.approx(36_600)


# --------------------------------------------------------------------------- measurement
class TestCheckpointTargets:
    def test_checkpoint_weeks(self, hand):
        assert [(c.day, c.week) for c in checkpoints(hand)] == [(30, 5), (60, 9), (90, 13)]

    def test_hand_worked_targets(self, hand):
        """Marketing: 30 h x f(w), f = (w - 2) / 6 from week 3: weeks 3-8 save 5, 10, 15, 20, 25, 30 h.
          Day 30 (week 5): 15 h that week, 5 + 10 + 15 = 30 h to date; 4 workflows x 3/6 = 2.
          Day 60 (week 9): 30 h; 105 + 30 = 135 h. Day 90 (week 13): 30 h; 105 + 5 x 30 = 255 h.
        Finance: 10 h x (w - 4) / 8 from week 5: 1.25 h in week 5.
          Day 60 (week 9): 6.25 h; 1.25 + 2.5 + 3.75 + 5 + 6.25 = 18.75 h; 5 x 5/8 = 3.125 -> 3 workflows.
          Day 90 (week 13): 10 h; 18.75 + 7.5 + 8.75 + 10 + 10 = 55 h.
        Tier 1: 100 x 90% x (w - 2) / 5: week 5 -> 54 completions, then 90.
        """
        got = {(t.team, t.day): (t.status, t.weekly_hours, t.cumulative_hours,
                                 t.workflows_expected if t.index is not None else t.completions_expected)
               for t in checkpoint_targets(hand)}
        assert got == {
            ("Tier 1 literacy", 30): ("course open", 0.0, 0.0, 54),
            ("Tier 1 literacy", 60): ("course closed", 0.0, 0.0, 90),
            ("Tier 1 literacy", 90): ("course closed", 0.0, 0.0, 90),
            ("Marketing", 30): ("building together", 15.0, 30.0, 2),
            ("Marketing", 60): ("handed over", 30.0, 135.0, 4),
            ("Marketing", 90): ("handed over", 30.0, 255.0, 4),
            ("Finance", 30): ("audit and a quick win", 1.25, 1.25, 1),
            ("Finance", 60): ("building together", 6.25, 18.75, 3),
            ("Finance", 90): ("handed over", 10.0, 55.0, 5),
            ("Sales", 30): ("not started", 0.0, 0.0, 0),
            ("Sales", 60): ("not started", 0.0, 0.0, 0),
            ("Sales", 90): ("not started", 0.0, 0.0, 0),
        }

    @pytest.mark.parametrize("preset", ["seed-200-person-org", "starter-300-person-pilots", "seed-marketing-team"])
    def test_targets_are_the_models_cumulative_hours(self, preset):
        """Summed over the streams, the targets are the model's own weekly and cumulative hours."""
        s = load_preset(preset)
        r = evaluate(s)
        targets = checkpoint_targets(s)
        for cp in checkpoints(s):
            at = [t for t in targets if t.day == cp.day]
            assert sum(t.weekly_hours for t in at) == pytest.approx(r.weekly_hours[cp.week - 1])
            assert sum(t.cumulative_hours for t in at) == pytest.approx(r.weekly_hours[: cp.week].sum())

    def test_streams_add_up_to_the_model(self, hand):
        literacy, teams = stream_hours(hand)
        np.testing.assert_allclose(literacy + teams.sum(axis=0), evaluate(hand).weekly_hours)

    def test_beyond_the_horizon_has_no_hours_target(self, hand):
        """A 2-month horizon is round(2 x 52 / 12) = 9 weeks: day 90 (week 13) lies beyond it."""
        short = editing.edit(hand, {"finance.horizon_months": 2})
        day90 = [t for t in checkpoint_targets(short) if t.day == 90]
        assert {(t.weekly_hours, t.cumulative_hours) for t in day90} == {(None, None)}


class TestMeasurementPlan:
    def test_lines_per_tier_with_numbers(self, hand):
        """Tier 1: 85% x 100 = 85 people; launch day 15 + 29 = day 44 (week 7).
        Tier 2 (Marketing 4 workflows, Sales benchmark 5 = 9): 30 + 12 = 42 h a week, 42 / 9 = 4.7 h per workflow.
        Tier 3 (Finance, 10 people, 10 h): 1.0 h per person, 1 / 40 = 2% of a 2,080 / 52 = 40-hour week."""
        plan = {(m.tier, m.metric): m for m in measurement_plan(hand)}
        assert plan[1, "Course completion"].target == "85%+ of 100 learners: at least 85 people"
        assert plan[1, "Course completion"].when == "30 days after launch: day 44 (week 7)"
        assert plan[1, "Acceptable-use policy acknowledged"].target == "100%: all 100 learners"
        assert plan[2, "Workflows built"].target == "9 across 2 teams"
        assert plan[2, "Hours saved per workflow"].target == "4.7 h a week per workflow"
        assert plan[2, "Hours saved per team per week"].target.startswith("42.0 h a week")
        assert plan[3, "Output per head"].target.startswith("1.0 h a week more capacity per person (2% of a 40-hour")
        assert {m.tier for m in measurement_plan(hand)} == {1, 2, 3}
        names = [m.metric for m in measurement_plan(hand)]
        for expected in ("Assessment scores", "Workflows still in daily use 30 days later", "Output before and after",
                         "Self-rated confidence (1-10)", "Process cycle time", "Share of workflows with AI"):
            assert expected in names

    def test_tiers_without_people_have_no_lines(self):
        s = Scenario(literacy=dataclasses.replace(Scenario().literacy, enabled=False), cohorts=(Cohort(),))
        assert {m.tier for m in measurement_plan(s)} == {2}


# --------------------------------------------------------------------------- actuals
MARKETING_ACTUALS = {"workflows_built": 3, "workflows_in_use_30d": 2,
                     "measured_hours_saved_per_person_per_week": 3.0, "observed_adoption_rate": 0.75}


class TestActualsEditing:
    def test_table_edit_creates_actuals(self, hand):
        out = apply_actuals_edits(hand, {0: {"workflows_built": 3.0, "observed_adoption_pct": 75.0}})
        assert out.cohorts[0].actuals == Actuals(workflows_built=3, observed_adoption_rate=0.75)
        assert actuals_rows(out)[0]["observed_adoption_pct"] == 75.0
        assert out.cohorts[1].actuals is None

    @pytest.mark.parametrize(("cells", "problem"), [
        ({"observed_adoption_pct": 150}, "cohorts[1].actuals.observed_adoption_rate: must be between 0 and 1, got 1.5"),
        ({"measured_hours_saved_per_person_per_week": -1},
         "cohorts[1].actuals.measured_hours_saved_per_person_per_week: must be >= 0, got -1"),
        ({"workflows_built": 2, "workflows_in_use_30d": 3},
         "cohorts[1].actuals.workflows_in_use_30d: must be <= actuals.workflows_built (2), got 3"),
        ({"workflows_built": 2.5}, "cohorts[1].actuals.workflows_built: must be a whole number, got 2.5"),
    ])
    def test_bad_values_are_named_by_path(self, hand, cells, problem):
        with pytest.raises(ScenarioError) as info:
            apply_actuals_edits(hand, {1: cells})
        assert info.value.problems == [problem]

    def test_emptied_cell_is_null(self):
        assert actuals_changes(0, {"observed_adoption_pct": float("nan")}) == {
            "cohorts[0].actuals.observed_adoption_rate": None}

    def test_new_and_duplicated_teams_start_without_actuals(self, hand):
        measured = with_actuals(hand, 0, **MARKETING_ACTUALS)
        assert editing.duplicate_cohort(measured, 0).cohorts[1].actuals is None
        assert editing.new_team(measured, 2).actuals is None

    def test_actuals_round_trip(self, hand):
        measured = with_actuals(hand, 0, **MARKETING_ACTUALS)
        assert loads(dumps(measured)) == measured
        assert json.loads(dumps(measured))["cohorts"][0]["actuals"] == MARKETING_ACTUALS

    def test_actuals_change_no_result_until_recalibrated(self, hand):
        assert evaluate(with_actuals(hand, 0, **MARKETING_ACTUALS)).to_dict() == evaluate(hand).to_dict()


class TestPlanVsActual:
    def test_hand_worked(self, hand):
        """Marketing planned 8 x 100% x 3.75 = 30 h; measured 8 x 75% x 3 = 18 h, 60% of plan."""
        rows = plan_vs_actual(with_actuals(hand, 0, **MARKETING_ACTUALS))
        m = rows[0]
        assert (m.planned_workflows, m.actual_workflows, m.actual_in_use_30d) == (4, 3, 2)
        assert (m.planned_weekly_hours, m.actual_weekly_hours, m.weekly_hours_ratio) == (30.0, 18.0, 0.6)
        assert (rows[1].actual_weekly_hours, rows[1].measured, rows[1].workflows_basis) == (None, False, "benchmark")

    def test_only_adoption_measured_keeps_planned_hours(self, hand):
        """Finance: 10 x 80% (observed) x 2 h (planned) = 16 h."""
        row = plan_vs_actual(with_actuals(hand, 1, observed_adoption_rate=0.8))[1]
        assert row.actual_weekly_hours == pytest.approx(16.0)


class TestRecalibrate:
    def test_exact_expected_scenario(self, hand):
        """Marketing measured 3 h at 75% with 3 workflows; Finance measured 2.1 h at 40% adoption.

        - Marketing hours 3.0: shared [1.5, 4.5] contains it: own [2.7, 3.3] (3 +/- 10%).
        - Marketing adoption 0.75: shared [0.5, 1] contains it: own [0.675, 0.825].
        - Finance hours 2.1: its own [1.8, 2.2] contains it: [1.89, 2.31] cut to [1.89, 2.2].
        - Finance adoption 0.4: outside the shared [0.5, 1]: own band [0.36, 0.44]; the shared range
          stretches to [0.4, 1] so it still contains every team's value.
        Sales has no actuals and keeps everything.
        """
        s = with_actuals(with_actuals(hand, 0, **MARKETING_ACTUALS), 1,
                         measured_hours_saved_per_person_per_week=2.1, observed_adoption_rate=0.4)
        expected_data = json.loads(dumps(s))
        expected_data["cohorts"][0].update(hours_saved_per_person_per_week=3.0, adoption_rate=0.75, workflows_built=3)
        expected_data["cohorts"][1].update(hours_saved_per_person_per_week=2.1, adoption_rate=0.4)
        expected_data["ranges"] = {
            "cohorts[*].hours_saved_per_person_per_week": [1.5, 4.5],
            "cohorts[*].adoption_rate": [0.4, 1.0],
            "cohorts[1].hours_saved_per_person_per_week": [1.89, 2.2],
            "cohorts[0].hours_saved_per_person_per_week": [2.7, 3.3],
            "cohorts[0].adoption_rate": [0.675, 0.825],
            "cohorts[1].adoption_rate": [0.36, 0.44],
        }
        assert recalibrate(s) == from_dict(expected_data)

    def test_idempotent_and_keeps_the_actuals(self, hand):
        s = with_actuals(hand, 0, **MARKETING_ACTUALS)
        once = recalibrate(s)
        assert recalibrate(once) == once
        assert once.cohorts[0].actuals == s.cohorts[0].actuals
        assert recalibration_changes(once) == []

    def test_no_actuals_changes_nothing(self, hand):
        assert recalibrate(hand) == hand
        assert not has_actuals(hand)

    def test_input_without_a_range_gets_none(self):
        """Adoption had no range: measuring it does not invent one."""
        s = from_dict({"cohorts": [{"actuals": {"observed_adoption_rate": 0.6}}]})
        out = recalibrate(s)
        assert (out.cohorts[0].adoption_rate, out.ranges) == (0.6, ())

    def test_ranges_narrow(self, hand):
        """The measured team's range is never wider than the range it had when the measurement agrees."""
        out = recalibrate(with_actuals(hand, 0, **MARKETING_ACTUALS))
        ranges = {p: (lo, hi) for p, lo, hi in out.ranges}
        lo, hi = ranges["cohorts[0].hours_saved_per_person_per_week"]
        assert 1.5 <= lo <= 3.0 <= hi <= 4.5 and hi - lo < 4.5 - 1.5

    def test_recalibrated_scenario_projects_from_evidence(self, hand):
        """After recalibration Marketing earns 8 x 75% x 3 = 18 h a week once adopted, not 30."""
        out = recalibrate(with_actuals(hand, 0, **MARKETING_ACTUALS))
        assert plan_vs_actual(out)[0].planned_weekly_hours == 18.0

    def test_changes_listed(self, hand):
        rows = recalibration_changes(with_actuals(hand, 0, observed_adoption_rate=0.75))
        assert rows == [
            {"path": "cohorts[0].adoption_rate", "team": "Marketing", "before": 1.0, "after": 0.75},
            {"path": "ranges[cohorts[0].adoption_rate]", "team": "Marketing", "before": None,
             "after": [0.675, 0.825]},
        ]

    @pytest.mark.parametrize(("name", "value", "band"), [
        ("adoption_rate", 0.95, (0.855, 1.0)), ("adoption_rate", 0.0, (0.0, 0.0)),
        ("hours_saved_per_person_per_week", 79.0, (71.1, 80.0))])
    def test_band_within_limits(self, name, value, band):
        assert measurement_band(name, value) == band


actuals_strategy = st.builds(
    Actuals,
    workflows_built=st.none() | st.integers(5, 20),
    workflows_in_use_30d=st.none() | st.integers(0, 5),
    measured_hours_saved_per_person_per_week=st.none() | st.floats(0, 80).map(lambda x: round(x, 4)),
    observed_adoption_rate=st.none() | st.floats(0, 1).map(lambda x: round(x, 4)),
)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.none() | actuals_strategy, min_size=3, max_size=3))
def test_recalibration_is_always_valid_and_idempotent(hand, measured):
    """For any actuals on the hand-worked teams: the result validates like a file and a second pass changes nothing."""
    teams = tuple(dataclasses.replace(c, actuals=a) for c, a in zip(hand.cohorts, measured))
    s = dataclasses.replace(hand, cohorts=teams)
    out = recalibrate(s)
    assert from_dict(json.loads(dumps(out))) == out
    assert recalibrate(out) == out


# --------------------------------------------------------------------------- report
class TestNinetyDayReport:
    def test_plan_only(self, hand):
        """90 trained (100 x 90%); Marketing and Finance start by day 90; 4 + 5 workflows; week 13: 30 + 10 h;
        spend weeks 1-13 $36,600; Sales next."""
        r = ninety_day_figures(hand)
        assert (r.week, r.trained, r.teams, r.workflows, r.weekly_hours, r.cost, r.next_teams) == (
            13, 90, ("Marketing", "Finance"), 9, 40.0, 36_600.0, ("Sales",))
        # Marketing's 4 are the scenario's own target; Finance plans none, so the guide's 5 a coached team.
        assert (r.workflows_measured, r.workflows_planned, r.workflows_benchmark) == (0, 4, 5)
        assert ninety_day_report(hand) == (
            "In the first 90 days: 90 people through the AI fundamentals course, 2 teams coached, 9 workflows "
            "expected (4 from the plan's targets, 5 at the guide's benchmark of 5 a coached team; none measured "
            "yet) and about 40 hours a week saved (all from the plan until the pilots' actuals are entered); "
            "$36.6K of the decision's $45.6K fully loaded cost spent by week 13; next: Sales.")

    def test_a_baseline_course_is_named_and_the_spend_is_against_the_headline(self):
        """Walk defect D8: the deck's last slide said "255 people trained in AI fundamentals ... at a cost of
        $69.6K" for the default plan, whose literacy tier is the baseline (committed regardless) and whose
        headline costs are $85.5K (fully loaded) and $66.4K (cash). The learners are now named as the baseline
        and the $69.6K as what the decision spends by week 13 of its $85.5K."""
        r = ninety_day_figures(load_preset("starter-300-person-pilots"))
        assert r.literacy_baseline and round(r.decision_cost, 2) == round(evaluate(
            load_preset("starter-300-person-pilots")).total_cost, 2)
        assert "255 people through the AI fundamentals course (the baseline, committed regardless)" in r.sentence
        assert "$69.6K of the decision's $85.5K fully loaded cost spent by week 13" in r.sentence

    def test_with_actuals(self, hand):
        """Marketing measured: 3 workflows, 8 x 75% x 3 = 18 h; Finance still expected at the guide's 5:
        3 built and 5 expected, 18 + 10 = 28 h."""
        r = ninety_day_figures(with_actuals(hand, 0, **MARKETING_ACTUALS))
        assert (r.workflows, r.workflows_measured, r.workflows_planned, r.workflows_benchmark) == (8, 3, 0, 5)
        assert r.sentence == ("In the first 90 days: 90 people through the AI fundamentals course, 2 teams coached, "
                              "3 workflows built (measured) and 5 expected (the guide's benchmark of 5 a coached "
                              "team) and about 28 hours a week saved (measured for Marketing; the rest from the "
                              "plan); $36.6K of the decision's $45.6K fully loaded cost spent by week 13; next: "
                              "Sales.")

    def test_every_team_measured_says_built(self, hand):
        """Marketing 3 and Finance 2 workflows measured: 3 + 2 = 5 built, nothing expected."""
        both = with_actuals(with_actuals(hand, 0, **MARKETING_ACTUALS), 1, workflows_built=2)
        assert ", 2 teams coached, 5 workflows built (measured) and about " in ninety_day_report(both)

    def test_a_benchmark_is_not_called_built(self):
        """The default preset: both pilots have workflows_built = 0 (no target), so each counts the guide's
        benchmark of 5 a coached team (its 3 teams built 15): 2 x 5 = 10 expected, none measured."""
        r = ninety_day_figures(load_preset("starter-300-person-pilots"))
        assert (r.workflows, r.workflows_measured, r.workflows_planned, r.workflows_benchmark) == (10, 0, 0, 10)
        assert ("2 teams coached, 10 workflows expected (the guide's benchmark of 5 a coached team; none measured "
                "yet) and about 39 hours") in r.sentence
        assert "workflows built" not in r.sentence

    def test_seed_reads_like_the_source(self):
        """The source's 90-day result: trained in fundamentals, 3 teams coached, 15 workflows (its benchmark)."""
        text = ninety_day_report(load_preset("seed-200-person-org"))
        assert "3 teams coached, 15 workflows expected (the guide's benchmark of 5 a coached team" in text

    def test_nobody_next(self):
        assert ninety_day_report(load_preset("seed-marketing-team")).endswith("next: choose the next 5-10 teams.")


# --------------------------------------------------------------------------- governance
class TestGovernance:
    def test_flags_by_function(self, hand):
        assert [t["flags"] for t in flagged_teams(hand)] == [(), ("financial_content",), ("customer_data",)]

    def test_organization_flags(self, hand):
        org = dataclasses.replace(hand.organization, regulated_health_data=True, regulated_financial_content=True)
        assert team_flags(hand.cohorts[0], org) == ("health_data", "financial_content")
        assert team_flags(Cohort(function="sales"), Organization()) == ("customer_data",)

    def test_checklist(self, hand):
        """Tier 1 due when the course opens (week 3); Tier 2 when Marketing starts building (week 4);
        Tier 3 in Finance's audit week (5); the financial flag with Finance (5), customer data with Sales (14)."""
        got = [(i.tier, i.area, i.applies_to, i.due_week) for i in governance_checklist(hand)]
        assert got == [
            (1, "Acceptable use", ("all 100 learners",), 3), (1, "Data handling", ("all 100 learners",), 3),
            (1, "Approved tools", ("all 100 learners",), 3),
            (2, "Workflow risk review", ("Marketing", "Sales"), 4),
            (2, "Human check on outputs", ("Marketing", "Sales"), 4),
            (2, "Workflow register", ("Marketing", "Sales"), 4),
            (3, "Approvals", ("Finance",), 5), (3, "Escalation", ("Finance",), 5),
            (3, "Human-judgment points", ("Finance",), 5),
            (None, "Financial content", ("Finance",), 5), (None, "Customer personal data", ("Sales",), 14),
        ]

    def test_health_organization_covers_everyone(self, hand):
        s = editing.edit(hand, {"organization.regulated_health_data": True})
        health = next(i for i in governance_checklist(s) if i.flag == "health_data")
        assert health.applies_to == ("all 100 learners", "Marketing", "Finance", "Sales") and health.due_week == 3


# --------------------------------------------------------------------------- version 1 files and links
V1_DIR = Path(__file__).resolve().parent / "data" / "schema_v1"
V2_DIR = Path(__file__).resolve().parent / "data" / "schema_v2"  # the presets as shipped before schema 3


class TestVersion1StillLoads:
    def test_version_1_file(self):
        s = load(V1_DIR / "starter-300-person-pilots.json")
        assert s == load(V2_DIR / "starter-300-person-pilots.json")
        assert s.schema_version == 4 and all(c.actuals is None for c in s.cohorts)

    def test_version_1_link(self):
        """A link made before version 2 holds version 1 JSON; it still opens."""
        text = (V1_DIR / "seed-marketing-team.json").read_text(encoding="utf-8")
        packed = zlib.compress(json.dumps(json.loads(text), separators=(",", ":")).encode("utf-8"), 9)
        payload = "1." + base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")
        assert share.decode(payload) == load(V2_DIR / "seed-marketing-team.json")

    def test_links_carry_actuals(self, hand):
        measured = with_actuals(hand, 0, **MARKETING_ACTUALS)
        assert share.decode(share.encode(measured)) == measured

    def test_saving_writes_version_3(self):
        assert json.loads(dumps(load(V1_DIR / "seed-200-person-org.json")))["schema_version"] == 4


# --------------------------------------------------------------------------- charts
class TestCharts:
    def _colours(self, spec) -> set[str]:
        found = set()

        def walk(node):
            if isinstance(node, dict):
                if "range" in node and isinstance(node["range"], list):
                    found.update(node["range"])
                if isinstance(node.get("color"), str):
                    found.add(node["color"])
                for v in node.values():
                    walk(v)
            elif isinstance(node, list):
                for v in node:
                    walk(v)
        walk(spec)
        return {c for c in found if isinstance(c, str) and c.startswith("#")}

    def test_timeline_title_colours_tooltips(self, hand):
        from calculator.charts.style import OKABE_ITO

        spec = timeline_chart(hand).to_dict()
        assert spec["title"]["text"] == "Roadmap: Hand-worked"
        assert self._colours(spec) <= set(OKABE_ITO.values())
        assert "tooltip" in json.dumps(spec)

    def test_roadmap_chart_stacks_timeline_and_spend(self, hand):
        spec = roadmap_chart(hand).to_dict()
        assert len(spec["vconcat"]) == 2 and "Hand-worked" in spec["title"]["text"]

    def test_spend_frame_matches_the_model(self, hand):
        """Months up to the timeline's end (week 19 -> month 5, weeks 18-21), stacked per tier."""
        frame = spend_frame(evaluate(hand), 21.0)
        assert frame["amount"].sum() == pytest.approx(evaluate(hand).total_cost)
        month2 = frame[frame["month"] == 2]
        assert list(month2["tier"]) == ["Tier 1 literacy", "Tier 2 fluency", "Tier 3 integration"]
        assert list(month2["y1"]) == [1800, 8200, 20200]

    def test_spend_chart_title(self, hand):
        assert spend_chart(hand).to_dict()["title"]["text"] == "Spend per month: Hand-worked"


def test_hours_measured_without_a_workflow_count_keeps_the_workflows_expected(hand):
    """Marketing measures hours only (no workflow count): its 4 stay the plan's target, Finance's 5 the guide's,
    so nothing is called built: "9 workflows expected"."""
    r = ninety_day_figures(with_actuals(hand, 0, measured_hours_saved_per_person_per_week=3.0))
    assert r.measured_teams == ("Marketing",) and r.workflows_measured_teams == 0
    assert "2 teams coached, 9 workflows expected (4 from the plan's targets, 5 at the guide's" in r.sentence
