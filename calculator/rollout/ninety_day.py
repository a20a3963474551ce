"""The 90-day report: what the first 90 days delivered, in one sentence for the sponsor.

Every figure comes from the model, with the pilots' measurements in place of the
assumptions where there are some (:func:`calculator.rollout.actuals.recalibrate`):

- trained: Tier 1 learners x completion rate x the model's ramp at the week holding day 90;
- teams: those whose engagement starts by day 90 (the first wave);
- workflows: each first-wave team's measured count (built), else its expected count x the ramp at that week:
  the scenario's own target (``workflows_built``) or, with none set, the guide's benchmark for a coached team;
  the sentence names which is which, so a benchmark is never reported as built;
- hours a week: the first wave's (and Tier 1's) weekly hours saved in that week, from the model
  on the recalibrated scenario;
- cost: the model's spend in weeks 1 through that week (actuals do not change cost);
- next: the teams that start after day 90.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..formatting import count, money, round_half_up
from ..model import evaluate, literacy_weeks, ramp
from ..scenario import Scenario
from .actuals import recalibrate
from .measurement import BENCHMARK_WORKFLOWS_PER_TEAM, planned_workflows, stream_hours
from .roadmap import STAGED_DELIVERIES, last_roadmap_week, spend_through_week


@dataclass(frozen=True)
class NinetyDayReport:
    """The figures of the 90-day report, and the sentence that states them."""

    week: int
    trained: int | None        # None when Tier 1 is not in the plan
    teams: tuple[str, ...]
    coached: bool              # every first-wave team is coached (or consulting-led)
    measured_teams: tuple[str, ...]
    workflows: int             # the three below added up
    weekly_hours: float
    cost: float
    next_teams: tuple[str, ...]
    currency: str
    workflows_measured: int = 0   # the pilots' actuals: workflows built
    workflows_planned: int = 0    # expected from the scenario's own targets (cohorts[i].workflows_built)
    workflows_benchmark: int = 0  # expected from the guide's benchmark, for coached teams without a target
    workflows_measured_teams: int = 0  # first-wave teams whose actuals give a count of workflows built
    literacy_baseline: bool = False   # Tier 1 is committed regardless: its learners are not the decision's
    decision_cost: float = 0.0        # the decision's fully loaded cost over the horizon (the Pitch's headline)

    @property
    def sentence(self) -> str:
        return _sentence(self)


def ninety_day_figures(scenario: Scenario) -> NinetyDayReport:
    """The numbers behind :func:`ninety_day_report`.

    Examples
    --------
    >>> from calculator import load_preset
    >>> r = ninety_day_figures(load_preset("starter-300-person-pilots"))
    >>> (r.week, r.trained, r.teams, r.workflows, r.weekly_hours)
    (13, 255, ('Marketing pilot', 'Finance pilot'), 10, 38.94)
    >>> (r.workflows_measured, r.workflows_planned, r.workflows_benchmark)  # no targets: 2 teams x the guide's 5
    (0, 0, 10)
    >>> round(r.cost, 2)   # the decision through week 13: fees, the pilots' sessions, seats, program costs
    69590.81
    """
    week = last_roadmap_week(scenario)
    calibrated = recalibrate(scenario)
    literacy_hours, team_hours = stream_hours(calibrated)
    at = min(week, len(literacy_hours))  # a horizon shorter than 90 days: its last week
    lit = scenario.literacy
    trained = None
    hours = 0.0
    if lit.enabled:
        trained = round_half_up(scenario.learners * lit.completion_rate
                                * ramp(week, lit.start_week, literacy_weeks(scenario)))
        hours += float(literacy_hours[at - 1]) if at else 0.0
    teams, measured, counted = [], [], 0
    workflows = {"measured": 0, "plan": 0, "benchmark": 0, "none": 0}
    for i, c in enumerate(scenario.cohorts):
        if c.start_week > week:
            continue
        teams.append(c.name)
        hours += float(team_hours[i][at - 1]) if at else 0.0
        if c.actuals is not None and c.actuals.measured:
            measured.append(c.name)
        if c.actuals is not None and c.actuals.workflows_built is not None:
            workflows["measured"] += c.actuals.workflows_built
            counted += 1
        else:
            expected, basis = planned_workflows(c)
            workflows[basis] += round_half_up(expected * ramp(week, c.start_week, c.engagement_weeks))
    coached = all(c.delivery in STAGED_DELIVERIES for c in scenario.cohorts if c.start_week <= week)
    next_teams = tuple(c.name for c in scenario.cohorts if c.start_week > week)
    result = evaluate(scenario)
    return NinetyDayReport(week, trained, tuple(teams), coached, tuple(measured), sum(workflows.values()), hours,
                           spend_through_week(result, week), next_teams, scenario.currency,
                           workflows["measured"], workflows["plan"], workflows["benchmark"], counted,
                           literacy_baseline=lit.enabled and lit.baseline, decision_cost=result.total_cost)


def _names(names: tuple[str, ...]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _sentence(r: NinetyDayReport) -> str:
    parts = []
    if r.trained is not None:
        # A baseline course is committed regardless (walk D8: its 255 learners read as the plan's doing).
        parts.append(f"{count(r.trained, 'person', 'people')} through the AI fundamentals course"
                     + (" (the baseline, committed regardless)" if r.literacy_baseline else ""))
    n = len(r.teams)
    parts.append(f"{count(n, 'team')} coached" if r.coached else f"{count(n, 'team')} trained on their own work")
    parts.append(_workflows_text(r))
    # The spend so far is named against the headline's cost, so it is not read as a third cost of the plan.
    spent = (f"{money(r.cost, r.currency)} of the decision's {money(r.decision_cost, r.currency)} fully loaded "
             f"cost spent by week {r.week}" if r.decision_cost else f"{money(r.cost, r.currency)} spent")
    head = f"In the first 90 days: {', '.join(parts)} and about {r.weekly_hours:,.0f} hours a week saved"
    if not r.teams:
        basis = ""
    elif not r.measured_teams:
        basis = " (all from the plan until the pilots' actuals are entered)"
    elif len(r.measured_teams) == n:
        basis = " (measured for every team)"
    else:
        basis = f" (measured for {_names(r.measured_teams)}; the rest from the plan)"
    nxt = f"next: {_names(r.next_teams)}." if r.next_teams else "next: choose the next 5-10 teams."
    return f"{head}{basis}; {spent}; {nxt}"


def _workflows_text(r: NinetyDayReport) -> str:
    """The workflows, saying what each count is: built (measured) or expected, and expected from what."""
    expected = r.workflows_planned + r.workflows_benchmark
    benchmark = f"the guide's benchmark of {BENCHMARK_WORKFLOWS_PER_TEAM} a coached team"
    if r.workflows_planned and r.workflows_benchmark:
        source = f"{r.workflows_planned} from the plan's targets, {r.workflows_benchmark} at {benchmark}"
    else:
        source = "the plan's targets" if r.workflows_planned else benchmark
    if not expected:
        return f"{count(r.workflows_measured, 'workflow')} built (measured)" if r.workflows_measured_teams \
            else f"{count(0, 'workflow')} expected (no coached team in the first wave)"
    if r.workflows_measured_teams:
        return f"{count(r.workflows_measured, 'workflow')} built (measured) and {expected:,} expected ({source})"
    return f"{count(expected, 'workflow')} expected ({source}; none measured yet)"


def ninety_day_report(scenario: Scenario) -> str:
    """The 90-day report as one sentence: trained, coached, workflows, hours a week, cost, and what comes next.

    Examples
    --------
    >>> from calculator import load_preset
    >>> print(ninety_day_report(load_preset("seed-200-person-org")))  # doctest: +NORMALIZE_WHITESPACE
    In the first 90 days: 170 people through the AI fundamentals course (the baseline, committed regardless),
    3 teams coached, 15 workflows expected (the guide's benchmark of 5 a coached team; none measured yet) and
    about 33 hours a week saved (all from the plan until the pilots' actuals are entered); $131.9K of the
    decision's $343.0K fully loaded cost spent by week 13; next: Operations, Finance, Operations department and
    Finance department.
    """
    return ninety_day_figures(scenario).sentence
