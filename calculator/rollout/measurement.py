"""The measurement plan: what to measure in each tier, and each team's expected figure at days 30, 60 and 90.

The expected figures come from the model, one stream at a time: each team (and
Tier 1) is evaluated on its own with :func:`calculator.model.evaluate`, so a
team's weekly hours at a checkpoint are exactly the model's, and the teams'
streams add up to the model's total. A checkpoint on day ``d`` is read at the
end of the week holding that day (``calculator.rollout.roadmap.week_of_day``): day 30,
60 and 90 are weeks 5, 9 and 13 of a 52-week year.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np

from ..formatting import count, round_half_up
from ..model import evaluate, literacy_weeks, ramp
from ..scenario import Cohort, Literacy, Scenario  # noqa: F401 (Literacy: doctests)
from .roadmap import STAGED_DELIVERIES, engagement_stages, first_day_of_week, week_of_day

CHECKPOINT_DAYS = (30, 60, 90)
COMPLETION_TARGET = 0.85        # the source's Tier 1 completion target, "85%+"
IN_USE_CHECK_DAYS = 30          # a workflow counts as adopted when still in daily use 30 days on
# The source's 90-day example: 3 coached teams built 15 workflows, 5 a team (its audit finds 3-5 opportunities).
BENCHMARK_WORKFLOWS_PER_TEAM = 5


@dataclass(frozen=True)
class Checkpoint:
    day: int
    week: int

    @property
    def label(self) -> str:
        return f"Day {self.day}"


def checkpoints(scenario: Scenario) -> tuple[Checkpoint, ...]:
    """Days 30, 60 and 90 and the model week each falls in.

    >>> [(c.day, c.week) for c in checkpoints(Scenario())]   # ceil(30 / 7), ceil(60 / 7), ceil(90 / 7)
    [(30, 5), (60, 9), (90, 13)]
    """
    weeks_per_year = scenario.organization.working_weeks_per_year
    return tuple(Checkpoint(d, week_of_day(d, weeks_per_year)) for d in CHECKPOINT_DAYS)


def stream_hours(scenario: Scenario) -> tuple[np.ndarray, np.ndarray]:
    """Hours saved each week by Tier 1 and by each team, from the model, one stream at a time.

    Returns
    -------
    literacy : ndarray, shape (H,)
        Tier 1's weekly hours (zero when disabled or with the default no-benefit assumptions).
    teams : ndarray, shape (number of teams, H)
        Each team's weekly hours; ``literacy + teams.sum(axis=0)`` is the model's ``weekly_hours``.

    Examples
    --------
    >>> s = Scenario(cohorts=(Cohort(team_size=8, hours_saved_per_person_per_week=3.75, engagement_weeks=6),))
    >>> literacy, teams = stream_hours(s)
    >>> teams[0][:6].tolist()   # 8 x 3.75 = 30 h a week at full ramp, ramping over 6 weeks
    [5.0, 10.0, 15.0, 20.0, 25.0, 30.0]
    """
    alone = dataclasses.replace(scenario, ranges=())
    literacy = evaluate(dataclasses.replace(alone, cohorts=())).weekly_hours
    no_literacy = dataclasses.replace(alone, literacy=dataclasses.replace(scenario.literacy, enabled=False))
    teams = [evaluate(dataclasses.replace(no_literacy, cohorts=(c,))).weekly_hours for c in scenario.cohorts]
    return literacy, np.array(teams).reshape(len(scenario.cohorts), len(literacy))


def steady_weekly_hours(cohort: Cohort) -> float:
    """Hours a week the team saves once the workflows are in use: ``team_size x adoption x hours``.

    This is MODEL.md's steady state (``annual_hours_saved`` divided by ``W``), with no ramp and no decay.

    >>> steady_weekly_hours(Cohort(team_size=8, adoption_rate=1.0, hours_saved_per_person_per_week=3.75))
    30.0
    """
    return cohort.team_size * cohort.adoption_rate * cohort.hours_saved_per_person_per_week


def planned_workflows(cohort: Cohort) -> tuple[int, str]:
    """The workflows a team is expected to build, and where the figure comes from.

    The scenario's ``workflows_built`` when it is set; otherwise, for a coached team, the source's
    benchmark of 5 a team (3 teams, 15 workflows in its 90-day example). A workshop or a course
    has no benchmark: the source expects completions from them, not workflows.

    >>> planned_workflows(Cohort(workflows_built=3)), planned_workflows(Cohort())
    ((3, 'plan'), (5, 'benchmark'))
    >>> planned_workflows(Cohort(delivery="workshop"))
    (0, 'none')
    """
    if cohort.workflows_built > 0:
        return cohort.workflows_built, "plan"
    if cohort.delivery in STAGED_DELIVERIES:
        return BENCHMARK_WORKFLOWS_PER_TEAM, "benchmark"
    return 0, "none"


def _status(cohort: Cohort, week: int) -> str:
    if week < cohort.start_week:
        return "not started"
    for stage in engagement_stages(cohort):
        if stage.start_week <= week <= stage.end_week:
            return stage.name.lower()
    return "handed over"


@dataclass(frozen=True)
class TeamTarget:
    """A team's (or Tier 1's) expected figures at one checkpoint, from the model.

    ``weekly_hours`` are the hours saved in the checkpoint's week and ``cumulative_hours`` those
    saved from week 1 through it; both ``None`` when the checkpoint lies beyond the horizon.
    """

    index: int | None          # the team's position; None for Tier 1
    team: str
    tier: int
    day: int
    week: int
    status: str
    weekly_hours: float | None
    cumulative_hours: float | None
    workflows_expected: int | None = None      # teams: planned workflows x the ramp, rounded half up
    completions_expected: int | None = None    # Tier 1: learners x completion x the ramp, rounded half up
    acknowledgments_expected: int | None = None


def checkpoint_targets(scenario: Scenario) -> tuple[TeamTarget, ...]:
    """Each team's expected figures at days 30, 60 and 90 (Tier 1 first when enabled).

    Examples
    --------
    A team of 8 saving 3.75 h each from week 3 over 6 weeks saves 5, 10, 15 h in weeks 3, 4, 5
    (``8 x 3.75 x f(w)``, ``f = 1/6, 2/6, 3/6``): by day 30 (week 5) that is 15 h a week and 30 h in all.

    >>> s = Scenario(literacy=Literacy(enabled=False),
    ...              cohorts=(Cohort(name="Marketing", team_size=8, hours_saved_per_person_per_week=3.75,
    ...                              start_week=3, workflows_built=6),))
    >>> t = checkpoint_targets(s)[0]
    >>> (t.day, t.week, t.status, t.weekly_hours, t.cumulative_hours, t.workflows_expected)
    (30, 5, 'building together', 15.0, 30.0, 3)
    """
    literacy_hours, team_hours = stream_hours(scenario)
    horizon = len(literacy_hours)
    out = []

    def hours_at(row: np.ndarray, week: int) -> tuple[float | None, float | None]:
        if week > horizon:
            return None, None
        return float(row[week - 1]), float(row[:week].sum())

    lit = scenario.literacy
    for cp in checkpoints(scenario):
        if lit.enabled:
            access = literacy_weeks(scenario)
            weekly, cumulative = hours_at(literacy_hours, cp.week)
            completed = scenario.learners * lit.completion_rate * ramp(cp.week, lit.start_week, access)
            status = ("not started" if cp.week < lit.start_week
                      else "course open" if cp.week < lit.start_week + access else "course closed")
            out.append(TeamTarget(None, "Tier 1 literacy", 1, cp.day, cp.week, status, weekly, cumulative,
                                  completions_expected=round_half_up(completed),
                                  acknowledgments_expected=scenario.learners if cp.week >= lit.start_week else 0))
        for i, c in enumerate(scenario.cohorts):
            weekly, cumulative = hours_at(team_hours[i], cp.week)
            planned, _ = planned_workflows(c)
            out.append(TeamTarget(i, c.name, c.tier, cp.day, cp.week, _status(c, cp.week), weekly, cumulative,
                                  workflows_expected=round_half_up(planned * ramp(cp.week, c.start_week,
                                                                                  c.engagement_weeks))))
    out.sort(key=lambda t: (-1 if t.index is None else t.index, t.day))
    return tuple(out)


@dataclass(frozen=True)
class Metric:
    """One line of the measurement plan: what to measure, the target, when, and where the target comes from."""

    tier: int
    metric: str
    target: str
    when: str
    basis: str


def _hours(x: float) -> str:
    return f"{x:,.1f} h"


def _tier1_metrics(scenario: Scenario) -> list[Metric]:
    lit = scenario.literacy
    learners = scenario.learners
    weeks_per_year = scenario.organization.working_weeks_per_year
    launch_day = first_day_of_week(lit.start_week, weeks_per_year)
    due_day = launch_day + 29
    close_week = lit.start_week + literacy_weeks(scenario) - 1
    target = math.ceil(COMPLETION_TARGET * learners)
    completers = round_half_up(learners * lit.completion_rate)
    note = "the source's target"
    if lit.completion_rate < COMPLETION_TARGET:
        note += f"; the scenario assumes only {lit.completion_rate:.0%}, below it"
    return [
        Metric(1, "Course completion",
               f"85%+ of {count(learners, 'learner')}: at least {count(target, 'person', 'people')}",
               f"30 days after launch: day {due_day} (week {week_of_day(due_day, weeks_per_year)})", note),
        Metric(1, "Acceptable-use policy acknowledged", f"100%: all {count(learners, 'learner')}",
               f"before anyone gets tool access: week {lit.start_week}", "the source's target"),
        Metric(1, "Assessment scores", f"average score and pass rate of the ~{completers:,} expected completers",
               f"when the course closes: week {close_week}",
               "no published benchmark: agree the pass mark with the platform before launch"),
    ]


def _tier2_metrics(teams: list[Cohort], weeks_per_year: int) -> list[Metric]:
    workflows = [planned_workflows(c) for c in teams]
    total_workflows = sum(n for n, _ in workflows)
    bases = {b for _, b in workflows if b != "none"}
    basis = ("the scenario's plan" if bases == {"plan"} else
             f"the source's benchmark of {BENCHMARK_WORKFLOWS_PER_TEAM} a coached team where no plan is set"
             if bases else "no workflows planned")
    steady = sum(steady_weekly_hours(c) for c in teams)
    handover = max(c.start_week + c.engagement_weeks - 1 for c in teams)
    check = handover + week_of_day(IN_USE_CHECK_DAYS, weeks_per_year)
    per_workflow = f"{_hours(steady / total_workflows)} a week per workflow" if total_workflows else "n/a"
    n = len(teams)
    return [
        Metric(2, "Workflows built", f"{total_workflows} across {count(n, 'team')}",
               f"by each team's hand-over (the last in week {handover})", basis),
        Metric(2, "Workflows still in daily use 30 days later", f"all {total_workflows} built",
               f"30 days after each hand-over (the last in week {check})", "adoption, not completion, is the proof"),
        Metric(2, "Hours saved per workflow", per_workflow,
               "at hand-over, from time logs or a before/after timing", "the model: team hours / workflows"),
        Metric(2, "Hours saved per team per week", f"{_hours(steady)} a week in all once adopted (per team: "
               "checkpoint targets)", "at day 30, 60 and 90", "the model"),
        Metric(2, "Output before and after", "the same output timed in the audit week and at hand-over "
               "(the source's example: a weekly report from 4 hours to 15 minutes)", "audit week, hand-over",
               "measured"),
        Metric(2, "Self-rated confidence (1-10)", "a higher average at hand-over than at the audit",
               "audit week, hand-over", "survey"),
    ]


def _tier3_metrics(teams: list[Cohort], scenario: Scenario) -> list[Metric]:
    org = scenario.organization
    people = sum(c.team_size for c in teams)
    steady = sum(steady_weekly_hours(c) for c in teams)
    per_head = steady / people if people else 0.0
    week_hours = org.hours_per_fte_year / org.working_weeks_per_year
    workflows = sum(planned_workflows(c)[0] for c in teams)
    return [
        Metric(3, "Process cycle time", f"baseline in the audit week; the model frees {_hours(per_head)} a week "
               "per person to take out of it", "audit week, day 30, 60, 90, then quarterly check-ins",
               "measured against the model"),
        Metric(3, "Output per head", f"{_hours(per_head)} a week more capacity per person "
               f"({per_head / week_hours:.0%} of a {week_hours:,.0f}-hour week) for the same headcount",
               "audit week, then quarterly", "the model"),
        Metric(3, "Share of workflows with AI", f"baseline in the audit week; {workflows} redesigned "
               f"workflow{'s' * (workflows != 1)} in daily use", "audit week, then quarterly",
               "the scenario's plan or the benchmark"),
    ]


def measurement_plan(scenario: Scenario) -> tuple[Metric, ...]:
    """What to measure in each tier, with targets taken from the scenario and the model.

    Tiers with nobody in them (Tier 1 disabled, no Tier 2 team, no Tier 3 department) have no lines.

    Examples
    --------
    >>> s = Scenario(cohorts=(Cohort(team_size=8, hours_saved_per_person_per_week=3.75, workflows_built=3),))
    >>> [(m.tier, m.metric, m.target) for m in measurement_plan(s)][:1]
    [(1, 'Course completion', '85%+ of 200 learners: at least 170 people')]
    >>> next(m.target for m in measurement_plan(s) if m.metric == "Hours saved per workflow")  # 30 h / 3
    '10.0 h a week per workflow'
    """
    lines: list[Metric] = []
    if scenario.literacy.enabled:
        lines += _tier1_metrics(scenario)
    tier2 = [c for c in scenario.cohorts if c.tier == 2]
    tier3 = [c for c in scenario.cohorts if c.tier == 3]
    if tier2:
        lines += _tier2_metrics(tier2, scenario.organization.working_weeks_per_year)
    if tier3:
        lines += _tier3_metrics(tier3, scenario)
    return tuple(lines)
