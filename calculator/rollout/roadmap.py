"""The 90-day rollout on the model's weekly grid: phases, each team's engagement and its stages, spend by month.

Days become model weeks with the model's own calendar: a year of 52 calendar
weeks (364 days) holds ``W`` model weeks, so day ``d`` falls in week
``ceil(d * W / 364)``; with ``W = 52`` that is ``ceil(d / 7)``. The three phases
of the rollout (days 1-14, 15-45, 46-90) and the checkpoints (days 30, 60, 90)
are placed by that rule; a team whose engagement starts after the week holding
day 90 belongs to the next wave. See ``docs/MODEL.md`` ("Extensions").
"""

from __future__ import annotations

from dataclasses import dataclass

from ..formatting import count, round_half_up
from ..model import (
    COST_LINES,
    Result,
    evaluate,  # noqa: F401 (doctests)
    horizon_weeks,
    literacy_weeks,
)
from ..scenario import Cohort, Scenario

DAYS_IN_52_WEEKS = 364
ROADMAP_DAYS = 90

# (key, name, first day, last day, what happens), in the rollout's order.
PHASE_SPECS = (
    ("assess", "Assess and align", 1, 14,
     "Audit the licences already paid for and compare completions with changed work; survey a sample of "
     "about 20 employees; choose 3-5 teams with the most to gain; agree the goals with the sponsor."),
    ("activate", "Literacy activation and first pilots", 15, 45,
     "Launch Tier 1 for everyone with a 30-day completion target; start Tier 2 coaching with the first "
     "2-3 pilot teams."),
    ("scale", "Scale and measure", 46, 90,
     "Collect the Tier 1 figures and the pilots' results (workflows built, hours saved, adoption); choose "
     "the next 5-10 teams; present the results to the sponsor."),
)

# Coaching stages as the source describes a 6-week engagement: 1 week audit, 3 weeks building, 2 weeks hand-over.
STAGE_NAMES = {
    "audit": "Audit and a quick win",
    "build": "Building together",
    "handover": "Practice and hand-over",
    "workshop": "Workshop",
    "course": "Self-paced course",
    "literacy": "Tier 1 literacy course",
}
STAGED_DELIVERIES = ("coaching", "consulting")


def week_of_day(day: int, weeks_per_year: int = 52) -> int:
    """The model week that holds calendar day ``day``: ``ceil(day * W / 364)``.

    >>> [week_of_day(d) for d in (1, 7, 8, 14, 15, 30, 45, 46, 60, 90)]
    [1, 1, 2, 2, 3, 5, 7, 7, 9, 13]
    >>> week_of_day(90, weeks_per_year=48)   # 90 x 48 / 364 = 11.87 -> week 12
    12
    """
    return -((-day * weeks_per_year) // DAYS_IN_52_WEEKS)


def day_position(day: float, weeks_per_year: int = 52) -> float:
    """Where the end of day ``day`` sits on a continuous week axis (week ``w`` spans ``w - 1 .. w``).

    >>> day_position(14), round(day_position(90), 3)
    (2.0, 12.857)
    """
    return day * weeks_per_year / DAYS_IN_52_WEEKS


def first_day_of_week(week: int, weeks_per_year: int = 52) -> int:
    """The first calendar day that falls in model week ``week`` (the inverse of :func:`week_of_day`).

    >>> first_day_of_week(1), first_day_of_week(3), first_day_of_week(14)
    (1, 15, 92)
    """
    return (week - 1) * DAYS_IN_52_WEEKS // weeks_per_year + 1


def last_roadmap_week(scenario: Scenario) -> int:
    """The week holding day 90: teams starting after it are the next wave.

    >>> last_roadmap_week(Scenario())
    13
    """
    return week_of_day(ROADMAP_DAYS, scenario.organization.working_weeks_per_year)


@dataclass(frozen=True)
class Phase:
    """One phase of the 90-day rollout, in days and in model weeks."""

    key: str
    name: str
    first_day: int
    last_day: int
    start_week: int
    end_week: int
    activities: str

    @property
    def label(self) -> str:
        return f"Days {self.first_day}-{self.last_day}: {self.name}"


def phases(scenario: Scenario) -> tuple[Phase, ...]:
    """The three phases of the 90-day rollout on the scenario's weekly grid.

    Parameters
    ----------
    scenario : Scenario
        Only ``organization.working_weeks_per_year`` is read.

    Returns
    -------
    tuple of Phase
        Days 1-14, 15-45 and 46-90 with their first and last model week. Neighbouring
        phases can share a week when the boundary falls mid-week (day 45 and day 46 both fall in week 7).

    Examples
    --------
    >>> [(p.start_week, p.end_week) for p in phases(Scenario())]  # ceil(d / 7) for d = 1, 14, 15, 45, 46, 90
    [(1, 2), (3, 7), (7, 13)]
    """
    weeks_per_year = scenario.organization.working_weeks_per_year
    return tuple(Phase(key, name, first, last, week_of_day(first, weeks_per_year),
                       week_of_day(last, weeks_per_year), text)
                 for key, name, first, last, text in PHASE_SPECS)


@dataclass(frozen=True)
class Stage:
    """A stretch of an engagement: weeks ``start_week .. end_week`` inclusive."""

    key: str
    name: str
    start_week: int
    end_week: int

    @property
    def weeks(self) -> int:
        return self.end_week - self.start_week + 1


def stage_lengths(engagement_weeks: int) -> tuple[int, int, int]:
    """Weeks of audit, building and hand-over in a coaching engagement of ``engagement_weeks`` weeks.

    The audit is always the first week. The weeks after it split 3 : 2 between building and
    hand-over, as in the source's 6-week engagement (weeks 2-4 building, 5-6 hand-over); the
    building share is rounded half up: ``build = floor(3/5 * (E - 1) + 1/2)``.

    >>> stage_lengths(6), stage_lengths(8), stage_lengths(12), stage_lengths(2), stage_lengths(1)
    ((1, 3, 2), (1, 4, 3), (1, 7, 4), (1, 1, 0), (1, 0, 0))
    """
    rest = max(engagement_weeks - 1, 0)
    build = round_half_up(rest * 3 / 5)
    return (min(engagement_weeks, 1), build, rest - build)


def engagement_stages(cohort: Cohort) -> tuple[Stage, ...]:
    """A team's engagement as stages with their weeks (stages of zero weeks are left out).

    Coaching and consulting engagements go through the three coaching stages; a workshop or a
    platform course is one stretch.

    Examples
    --------
    >>> [(s.key, s.start_week, s.end_week) for s in engagement_stages(Cohort(start_week=3, engagement_weeks=6))]
    [('audit', 3, 3), ('build', 4, 6), ('handover', 7, 8)]
    """
    start, length = cohort.start_week, cohort.engagement_weeks
    if cohort.delivery not in STAGED_DELIVERIES:
        key = "workshop" if cohort.delivery == "workshop" else "course"
        return (Stage(key, STAGE_NAMES[key], start, start + length - 1),)
    stages, week = [], start
    for key, weeks in zip(("audit", "build", "handover"), stage_lengths(length)):
        if weeks:
            stages.append(Stage(key, STAGE_NAMES[key], week, week + weeks - 1))
            week += weeks
    return tuple(stages)


@dataclass(frozen=True)
class Engagement:
    """One row of the timeline below the phases: Tier 1 literacy (``index`` None) or a team."""

    index: int | None
    name: str
    tier: int
    function: str
    delivery: str
    people: int
    start_week: int
    end_week: int
    stages: tuple[Stage, ...]
    next_wave: bool
    within_horizon: bool

    @property
    def wave(self) -> str:
        return "Next wave" if self.next_wave else "First 90 days"


def engagements(scenario: Scenario) -> tuple[Engagement, ...]:
    """Tier 1 literacy (when enabled) and every team, with its stages and its wave.

    A team belongs to the next wave when its engagement starts after the week holding day 90.

    Examples
    --------
    >>> s = Scenario(cohorts=(Cohort(name="Pilot", start_week=3), Cohort(name="Later", start_week=14)))
    >>> [(e.name, e.start_week, e.end_week, e.wave) for e in engagements(s)]
    [('Tier 1 literacy', 1, 5, 'First 90 days'), ('Pilot', 3, 8, 'First 90 days'), ('Later', 14, 19, 'Next wave')]
    """
    horizon = horizon_weeks(scenario)
    cutoff = last_roadmap_week(scenario)
    rows = []
    lit = scenario.literacy
    if lit.enabled:
        end = lit.start_week + literacy_weeks(scenario) - 1
        rows.append(Engagement(None, "Tier 1 literacy", 1, "everyone", "platform", scenario.learners,
                               lit.start_week, end, (Stage("literacy", STAGE_NAMES["literacy"], lit.start_week, end),),
                               lit.start_week > cutoff, lit.start_week <= horizon))
    for i, c in enumerate(scenario.cohorts):
        rows.append(Engagement(i, c.name, c.tier, c.function, c.delivery, c.team_size, c.start_week,
                               c.start_week + c.engagement_weeks - 1, engagement_stages(c),
                               c.start_week > cutoff, c.start_week <= horizon))
    return tuple(rows)


def next_wave(scenario: Scenario) -> tuple[str, ...]:
    """Names of the teams that start after day 90.

    >>> next_wave(Scenario(cohorts=(Cohort(name="A", start_week=2), Cohort(name="B", start_week=20))))
    ('B',)
    """
    return tuple(e.name for e in engagements(scenario) if e.index is not None and e.next_wave)


def timeline_rows(scenario: Scenario) -> list[dict]:
    """Every bar of the Gantt chart: the phases, then each engagement's stages.

    ``x_start`` / ``x_end`` place the bar on a continuous week axis where week ``w`` spans
    ``w - 1 .. w`` (phases by their days, so a phase can end mid-week).

    >>> rows = timeline_rows(Scenario(cohorts=(Cohort(name="Pilot", start_week=3),)))
    >>> [(r["row"], r["stage"], r["start_week"], r["end_week"]) for r in rows][3:]
    [('Tier 1 literacy', 'Tier 1 literacy course', 1, 5), ('Pilot', 'Audit and a quick win', 3, 3), \
('Pilot', 'Building together', 4, 6), ('Pilot', 'Practice and hand-over', 7, 8)]
    """
    weeks_per_year = scenario.organization.working_weeks_per_year
    rows = []
    for p in phases(scenario):
        rows.append({"row": p.label, "group": "Rollout phase", "stage": p.name, "stage_key": "phase",
                     "start_week": p.start_week, "end_week": p.end_week,
                     "first_day": p.first_day, "last_day": p.last_day,
                     "x_start": day_position(p.first_day - 1, weeks_per_year),
                     "x_end": day_position(p.last_day, weeks_per_year), "wave": "First 90 days",
                     "detail": p.activities})
    for e in engagements(scenario):
        for s in e.stages:
            rows.append({"row": e.name, "group": f"Tier {e.tier}", "stage": s.name, "stage_key": s.key,
                         "start_week": s.start_week, "end_week": s.end_week,
                         "first_day": first_day_of_week(s.start_week, weeks_per_year),
                         "last_day": first_day_of_week(s.end_week + 1, weeks_per_year) - 1,
                         "x_start": float(s.start_week - 1), "x_end": float(s.end_week), "wave": e.wave,
                         "detail": f"{count(e.people, 'person', 'people')}, {e.delivery}"
                                   + ("" if e.within_horizon else " (starts after the horizon: not counted)")})
    return rows


def spend_by_month(result: Result) -> list[dict]:
    """The model's weekly cost summed by month (week ``w`` in month ``ceil(w * 12 / W)``), by tier.

    Parameters
    ----------
    result : Result
        An evaluated scenario; its weekly cost by tier is bucketed, nothing is recomputed.

    Returns
    -------
    list of dict
        One row per month of the horizon: ``month``, ``first_week``, ``last_week``, ``cost`` and
        ``cost_tier_1`` .. ``cost_tier_3`` and ``cost_other`` (the program costs outside any tier).

    Examples
    --------
    >>> from calculator.scenario import Literacy
    >>> s = Scenario(literacy=Literacy(enabled=False), cohorts=(Cohort(team_size=10, price=200, start_week=3),))
    >>> [(r["month"], r["first_week"], r["last_week"], r["cost"]) for r in spend_by_month(evaluate(s))[:3]]
    [(1, 1, 4, 4000.0), (2, 5, 8, 8000.0), (3, 9, 13, 0.0)]

    Weeks 3-8 cost 10 x $200 = $2,000 each: weeks 3-4 fall in month 1 ($4,000), weeks 5-8 in month 2 ($8,000).

    A working year of fewer than 12 weeks leaves months with no week of their own (with W = 5, weeks 1-5 fall in
    months 3, 5, 8, 10 and 12): such a month holds nothing and has no row.
    """
    months = result.months
    by_tier = [result.by_month(result.weekly_cost_by_tier[t]) for t in range(3)]
    # The program's other costs (management, evaluation) belong to no tier: a fourth stack.
    other = result.by_month(result.weekly_cost_by_line[COST_LINES.index("other")])
    rows = []
    for m in range(1, len(other) + 1):
        weeks = result.weeks[months == m]
        if not weeks.size:
            continue
        tiers = [float(by_tier[t][m - 1]) for t in range(3)]
        rows.append({"month": m, "first_week": int(weeks.min()), "last_week": int(weeks.max()),
                     "cost": float(sum(tiers) + other[m - 1]), "cost_tier_1": tiers[0], "cost_tier_2": tiers[1],
                     "cost_tier_3": tiers[2], "cost_other": float(other[m - 1])})
    return rows


def spend_through_week(result: Result, week: int) -> float:
    """The model's total cost in weeks 1 .. ``week`` (no further than the horizon).

    >>> from calculator.scenario import Literacy
    >>> s = Scenario(literacy=Literacy(enabled=False), cohorts=(Cohort(team_size=10, price=200, start_week=3),))
    >>> spend_through_week(evaluate(s), 13)   # weeks 3-8: 6 x 10 x $200
    12000.0
    """
    return float(result.weekly_cost[: max(week, 0)].sum())
