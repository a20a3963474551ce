"""Same money, spent differently: the plan's cash budget spent another way, ranked by decision NPV.

The question is the CFO's "why not just buy platform seats?": two uses of one
budget, not the same teams with another label. Every strategy is held to the
plan's **cash budget** (the decision's ``cash_cost``: fees, AI seats and other
costs; participants' time is not paid from a budget) and each delivery is costed
as it is really delivered:

1. **Plan as built**: the scenario itself.
2. **Platform seats and courses**: every Tier 2 / Tier 3 team takes a course on
   the self-paced platform instead of its planned delivery. A course is not
   coaching: its participants spend the course's hours (the literacy course's
   ``training_hours_per_learner``, 6 h in the presets) spread over the team's
   engagement, and hold no coaching sessions. Seats: the platform benchmark's
   default per employee per month (``data/price_benchmarks.csv``, $35) for the
   engagement length, or **$0 when the organization already licenses the
   platform** (``literacy.already_licensed``). Should the seats cost more than
   the budget, teams are funded in plan order while the budget lasts.
3. **Consulting-led integration**: the Tier 3 teams through one consulting
   engagement at the consulting benchmark's default fixed fee ($600,000), shared
   by team size and spread over each team's engagement; Tier 2 stays as built.
   A fee the budget cannot pay is shown with the amount it is over budget.
4. **Do nothing**: the counterfactual. Each team reaches its ``without_training``
   level anyway, so doing nothing adds nothing and costs nothing: NPV 0 by
   definition. When it ranks first, a sentence says why.

Every strategy keeps the teams' starts and sizes, the AI seats (the same for
every strategy: the seats follow the teams, not the delivery), the other program
costs (a ``share_of_fees`` line follows that strategy's own fees, as the model
computes it) and each team's counterfactual, so all are measured over the same
"anyway".

**Value**: a delivery's adoption comes from ``data/adoption_assumptions.csv`` and
its hours saved per adopter from ``data/delivery_hours_assumptions.csv`` (a
platform or workshop adopter is credited at most 1 h a week, never more than the
plan; coaching and consulting keep the plan's hours); a team's own delivery keeps
the plan's figures. No delivery takes a team below what it reaches without
training (``without_training``, from ``data/evidence.csv`` in the presets: 23% of
people using AI, 2.2 h a week each, Bick, Blandin & Deming 2025): where a
delivery's assumption is below it, the delivery is credited nothing over it, and
the row's sources say so. Each row names its sources.

A strategy whose scenario is the plan itself (consulting with no Tier 3 team,
the platform for a plan already on the platform) is not listed as another option.
Rows come ranked by NPV, the strategies within the budget first; each carries what
it adds over doing nothing and over the platform (``over_nothing``,
``over_platform``). An ROI on a cost under 10% of the plan's is flagged as not
meaningful. Pass ``adoption`` to override the adoption assumptions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..assumptions import credited_hours
from ..formatting import money
from ..model import Result, evaluate
from ..presets import (  # noqa: F401  (HoursAssumption, delivery_hours_assumptions: re-exported)
    HoursAssumption,
    adoption_assumptions,
    delivery_hours_assumptions,
    price_benchmark,
)
from ..scenario import DELIVERIES, Cohort, Scenario, WithoutTraining
from .evidence import evidence

# An ROI on a cost below this share of the plan's cost is a ratio of a small number: shown, but flagged.
ROI_MEANINGFUL_SHARE = 0.10
# A cash figure within this of the budget is within it (sums of cents in binary floating point).
BUDGET_TOLERANCE = 1e-6

DELIVERY_WORDS = {"platform": "platform course", "workshop": "workshop", "coaching": "coaching",
                  "consulting": "consulting"}


def adoption_rates(adoption: Mapping[str, float] | None = None) -> dict[str, float]:
    """Adoption per delivery model: the shipped assumptions, with ``adoption`` on top.

    Parameters
    ----------
    adoption : mapping of delivery model to rate in [0, 1], optional
        Overrides, for example ``{"platform": 0.2}``.

    Examples
    --------
    >>> rates = adoption_rates({"platform": 0.2})
    >>> rates["platform"], rates["coaching"]
    (0.2, 0.8)
    """
    rates = {name: a.adoption_rate for name, a in adoption_assumptions().items()}
    problems = []
    for name, rate in (adoption or {}).items():
        if name not in DELIVERIES:
            problems.append(f"adoption.{name}: unknown delivery model (one of {', '.join(DELIVERIES)})")
        elif isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate <= 1:
            problems.append(f"adoption.{name}: must be between 0 and 1, got {rate!r}")
        else:
            rates[name] = float(rate)
    if problems:
        raise ValueError("\n".join(problems))
    return rates


# --------------------------------------------------------------------------- what a delivery is credited
def counterfactual_source(without: WithoutTraining) -> str:
    """Where a team's "anyway" comes from: the rows of ``data/evidence.csv`` holding its figures, else "as entered".

    >>> counterfactual_source(WithoutTraining(0.23, 2.2))
    'Bick, Blandin & Deming (2025), in data/evidence.csv'
    >>> counterfactual_source(WithoutTraining(0, 0))
    'none: the team would not use AI without training'
    >>> counterfactual_source(WithoutTraining(0.5, 1))
    "the team's without_training as entered"
    """
    if without.adoption_rate * without.hours_saved_per_person_per_week == 0:
        return "none: the team would not use AI without training"
    rows = [r for r in evidence() if r.adoption_share is not None
            and abs(r.adoption_share - without.adoption_rate) < 1e-9]
    rows += [r for r in evidence() if r.hours_per_person_per_week is not None
             and abs(r.hours_per_person_per_week - without.hours_saved_per_person_per_week) < 1e-9]
    if len({r.adoption_share is not None for r in rows}) < 2:
        return "the team's without_training as entered"
    authors = list(dict.fromkeys(f"{r.source.split(', ' + chr(34))[0]} ({r.year})" for r in rows))
    # As a reader would cite it: the authors and year, not the file's internal row ids.
    return f"{'; '.join(authors)}, in data/evidence.csv"


@dataclass(frozen=True)
class Credit:
    """What a delivery is credited for one team: adoption, hours a week per adopter, and where they come from."""

    adoption_rate: float
    hours: float
    floored: bool       # the delivery's assumption was below the team's counterfactual: credited that instead
    source: str


def credit(cohort: Cohort, delivery: str, rates: Mapping[str, float]) -> Credit:
    """Adoption and hours of ``delivery`` for this team, never below what the team reaches without training.

    Examples
    --------
    A coached team (80%, 2 h) on the platform: 10% x min(2, 1 h) = 0.1 h a person, below its counterfactual
    23% x 2.2 h = 0.506 h, so the course is credited the counterfactual itself (nothing over it):

    >>> team = Cohort(adoption_rate=0.8, hours_saved_per_person_per_week=2.0,
    ...               without_training=WithoutTraining(0.23, 2.2))
    >>> c = credit(team, "platform", adoption_rates())
    >>> c.adoption_rate, c.hours, c.floored
    (0.23, 2.2, True)
    >>> c = credit(team, "coaching", adoption_rates())   # the team's own delivery keeps the plan's figures
    >>> c.adoption_rate, c.hours, c.floored
    (0.8, 2.0, False)
    """
    planned = cohort.hours_saved_per_person_per_week
    if delivery == cohort.delivery:
        adoption, hours = cohort.adoption_rate, planned
        source = "the plan's own adoption and hours"
    else:
        adoption, hours = rates[delivery], credited_hours(delivery, planned)
        shipped = adoption_assumptions()[delivery]
        adoption_source = ("the What-if page's setting" if rates[delivery] != shipped.adoption_rate
                           else f"data/adoption_assumptions.csv ({shipped.source})")
        source = (f"adoption {adoption:.0%}: {adoption_source}; hours {hours:g} h a week per adopter: "
                  f"data/delivery_hours_assumptions.csv ({delivery_hours_assumptions()[delivery].source})")
    w = cohort.without_training
    if adoption * hours < w.adoption_rate * w.hours_saved_per_person_per_week - 1e-12:
        return Credit(w.adoption_rate, w.hours_saved_per_person_per_week, True,
                      f"{source}; below what the team reaches without training ({w.adoption_rate:.0%} x "
                      f"{w.hours_saved_per_person_per_week:g} h: {counterfactual_source(w)}), so credited "
                      "that: nothing over it")
    return Credit(adoption, hours, False, source)


def course_hours(scenario: Scenario) -> float:
    """The hours a platform course takes a participant: the literacy course's ``training_hours_per_learner``."""
    return scenario.literacy.training_hours_per_learner


def as_course(scenario: Scenario, cohort: Cohort, rates: Mapping[str, float]) -> Cohort:
    """The team taking a platform course: seats for its engagement, the course's hours, no coaching sessions.

    Examples
    --------
    Seats $35 a month for 7 weeks, 6 course hours over 7 weeks (6 / 7 h a week), the counterfactual credited:

    >>> from calculator.scenario import Literacy
    >>> s = Scenario(literacy=Literacy(already_licensed=False, training_hours_per_learner=6))
    >>> team = Cohort(engagement_weeks=7, participant_hours_per_week=3, without_training=WithoutTraining(0.23, 2.2))
    >>> c = as_course(s, team, adoption_rates())
    >>> c.delivery, c.price, c.price_unit, round(c.participant_hours_per_week * 7, 9), c.adoption_rate
    ('platform', 35.0, 'per_employee_per_month', 6.0, 0.23)
    """
    if cohort.delivery == "platform":
        return cohort
    bench = price_benchmark("platform")
    got = credit(cohort, "platform", rates)
    return dataclasses.replace(
        cohort, delivery="platform", price=0.0 if scenario.literacy.already_licensed else bench.default_price,
        price_unit=bench.unit, participant_hours_per_week=course_hours(scenario) / cohort.engagement_weeks,
        adoption_rate=got.adoption_rate, hours_saved_per_person_per_week=got.hours, actuals=None)


def as_coaching(cohort: Cohort, rates: Mapping[str, float]) -> Cohort:
    """The team coached: its own plan when it is coached already, else the coaching benchmark for its length.

    A team not planned as coaching keeps its participant hours (its sessions) and is priced at the coaching
    benchmark's default per employee per week ($350) over its engagement, at the coaching adoption assumption.

    >>> c = as_coaching(Cohort(delivery="workshop", price=325, price_unit="per_employee"), adoption_rates())
    >>> c.delivery, c.price, c.price_unit, c.adoption_rate
    ('coaching', 350.0, 'per_employee_per_week', 0.8)
    """
    if cohort.delivery == "coaching":
        return cohort
    bench = price_benchmark("coaching")
    got = credit(cohort, "coaching", rates)
    return dataclasses.replace(cohort, delivery="coaching", price=bench.default_price, price_unit=bench.unit,
                               adoption_rate=got.adoption_rate, hours_saved_per_person_per_week=got.hours,
                               actuals=None)


def _consulting(scenario: Scenario, rates: Mapping[str, float]) -> tuple[Cohort, ...]:
    bench = price_benchmark("consulting")
    tier3_people = sum(c.team_size for c in scenario.cohorts if c.tier == 3)
    out = []
    for c in scenario.cohorts:
        if c.tier != 3 or c.delivery == "consulting":
            out.append(c)
            continue
        got = credit(c, "consulting", rates)
        out.append(dataclasses.replace(c, delivery="consulting", price=bench.default_price * c.team_size / tier3_people,
                                       price_unit="fixed", adoption_rate=got.adoption_rate,
                                       hours_saved_per_person_per_week=got.hours, actuals=None))
    return tuple(out)


def cash_budget(scenario: Scenario) -> float:
    """The plan's cash budget: the decision's ``cash_cost`` (fees, AI seats, other costs; no participants' time).

    >>> from calculator.presets import load_preset
    >>> round(cash_budget(load_preset("seed-marketing-team")), 2)   # 18,480 + 6,336 + 1,584
    26400.0
    """
    return evaluate(scenario).cash_cost


def _funded_within(scenario: Scenario, cohorts: Sequence[Cohort], budget: float) -> tuple[Cohort, ...]:
    """The longest prefix of ``cohorts`` whose scenario's cash cost fits the budget (cash grows with teams)."""
    def fits(k: int) -> bool:
        return evaluate(dataclasses.replace(scenario, cohorts=tuple(cohorts[:k]), ranges=())).cash_cost \
            <= budget + BUDGET_TOLERANCE
    if fits(len(cohorts)):
        return tuple(cohorts)
    low, high = 0, len(cohorts)      # fits(low) is assumed: the fixed costs alone are what the plan pays anyway
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (mid, high) if fits(mid) else (low, mid)
    return tuple(cohorts[:low])


# --------------------------------------------------------------------------- the strategies
@dataclass(frozen=True)
class StrategyPlan:
    """One strategy as a scenario, before it is evaluated."""

    key: str
    name: str
    description: str
    adoption_assumption: float | None
    hours_assumption: str | None
    sources: tuple[str, ...]
    scenario: Scenario


def _grouped(pairs) -> tuple[str, ...]:
    """("Marketing, Sales: source", ...): the teams that share a source named once, in plan order."""
    out: dict[str, list[str]] = {}
    for name, source in pairs:
        out.setdefault(source, []).append(name)
    return tuple(f"{', '.join(names)}: {source}" for source, names in out.items())


def _sources(scenario: Scenario, delivery: str, rates: Mapping[str, float], tier3_only: bool = False
             ) -> tuple[str, ...]:
    return _grouped((c.name, credit(c, delivery, rates).source) for c in scenario.cohorts
                    if not (tier3_only and c.tier != 3) and c.delivery != delivery)


def strategy_scenarios(scenario: Scenario, adoption: Mapping[str, float] | None = None) -> tuple[StrategyPlan, ...]:
    """The strategies as scenarios, in a fixed order; one identical to the plan is left out.

    Examples
    --------
    >>> from calculator.presets import load_preset
    >>> [s.key for s in strategy_scenarios(load_preset("seed-200-person-org"))]
    ['platform_only', 'as_built', 'consulting_led', 'do_nothing']
    >>> [s.key for s in strategy_scenarios(load_preset("seed-marketing-team"))]   # no Tier 3 team to hand over
    ['platform_only', 'as_built', 'do_nothing']
    """
    rates = adoption_rates(adoption)
    hours = delivery_hours_assumptions()
    budget = cash_budget(scenario)
    platform = price_benchmark("platform")
    consulting = price_benchmark("consulting")
    licensed = scenario.literacy.already_licensed
    plan = dataclasses.replace(scenario, ranges=())
    courses = _funded_within(scenario, [as_course(scenario, c, rates) for c in scenario.cohorts], budget)
    left_out = len(scenario.cohorts) - len(courses)
    seats = ("on the platform the organization already licenses ($0 for seats)" if licensed
             else f"on course seats ({money(platform.default_price)} per person per month for the engagement length)")
    course = (f"{course_hours(scenario):g} h of course time each, no coaching sessions")
    platform_words = (f"The same teams take a course {seats}: {course}; AI seats and other costs as planned. "
                      "Credited at the platform assumptions, never below what each team reaches without training.")
    if left_out:
        platform_words += (f" The budget pays for the first {len(courses)} of {len(scenario.cohorts)} teams; "
                           "the rest are not funded.")
    tier3 = [c for c in scenario.cohorts if c.tier == 3]
    consulting_teams = _consulting(scenario, rates)
    nothing = dataclasses.replace(scenario, cohorts=(), ranges=(), other_costs=(),
                                  literacy=dataclasses.replace(scenario.literacy, enabled=False))
    out = [
        StrategyPlan("platform_only", "Platform seats and courses", platform_words, rates["platform"],
                     f"{hours['platform'].hours_saved_per_person_per_week:g} h a week at most "
                     f"({hours['platform'].source})", _sources(scenario, "platform", rates),
                     dataclasses.replace(plan, cohorts=courses)),
        StrategyPlan("as_built", "Plan as built", "The scenario as entered.", None, None,
                     ("the plan's own adoption and hours",), plan),
        StrategyPlan("consulting_led", "Consulting-led integration",
                     f"Tier 3 teams through one consulting engagement ({money(consulting.default_price)} fixed) at "
                     "the consulting adoption assumption; Tier 2 as built.",
                     rates["consulting"], hours["consulting"].source,
                     _sources(scenario, "consulting", rates, tier3_only=True),
                     dataclasses.replace(plan, cohorts=consulting_teams)) if tier3 else None,
        StrategyPlan("do_nothing", "Do nothing",
                     "The counterfactual: each team reaches what it would without training; nothing is spent.",
                     None, None, _grouped((c.name, counterfactual_source(c.without_training))
                                          for c in scenario.cohorts), nothing),
    ]
    # A strategy that is the plan itself is not another option (consulting for a plan already on consultants).
    # Doing nothing stays: it is the counterfactual every row is measured from.
    return tuple(s for s in out if s is not None and (s.key in ("as_built", "do_nothing") or s.scenario != plan))


@dataclass(frozen=True)
class Increment:
    """What one strategy adds over another: cost, NPV and hours a year (this minus that)."""

    total_cost: float
    npv: float
    annual_hours_saved: float


@dataclass(frozen=True)
class Strategy:
    """One strategy's results at the plan's cash budget, its rank by NPV and what it adds over the others."""

    key: str
    name: str
    description: str
    adoption_assumption: float | None
    hours_assumption: str | None
    sources: tuple[str, ...]        # where each team's credited adoption and hours come from
    rank: int                       # 1 = highest NPV among the strategies within the budget
    total_cost: float
    cash_cost: float                # what the budget pays: fees, AI seats, other costs
    budget: float                   # the plan's cash budget
    over_budget: float              # cash beyond the budget (0 when within it)
    unspent: float                  # budget this strategy leaves unspent, kept as cash (0 when it spends it all)
    annual_hours_saved: float
    fte_returned: float
    payback_months: float | None
    roi_pct: float | None
    roi_meaningful: bool            # False: the cost is under 10% of the plan's, or nothing is spent
    npv: float
    over_nothing: Increment
    over_platform: Increment
    why: str | None = None          # for "Do nothing" ranked first: the one line that says why

    @property
    def within_budget(self) -> bool:
        return self.over_budget <= 0


def cash_spent_words(row: Strategy, currency: str = "USD") -> str:
    """A strategy's cash as a table cell: what it spends, and the rest of the budget kept or the excess.

    >>> row = Strategy("platform_only", "Platform", "", None, None, (), 3, 30_000.0, 24_800.0, 66_400.0, 0.0,
    ...                41_600.0, 0.0, 0.0, None, None, False, -28_100.0, Increment(0, 0, 0), Increment(0, 0, 0))
    >>> cash_spent_words(row)
    '$24.8K + $41.6K kept'
    """
    spent = money(row.cash_cost, currency)
    if not row.within_budget:
        return f"{spent} (over budget)"
    return f"{spent} + {money(row.unspent, currency)} kept" if row.unspent else spent


def adoption_settings_used(scenario: Scenario) -> tuple[str, ...]:
    """The deliveries whose adoption assumption changes a strategy or the spend mix of ``scenario``.

    A rate applies only to a team moved to that delivery: the platform strategy moves every team not on the
    platform already, the spend mix coaches teams not coached already, and the consulting strategy hands Tier 3
    teams to consultants. Workshops are no strategy's delivery, so their setting would change nothing on screen.

    >>> from calculator.presets import load_preset
    >>> adoption_settings_used(load_preset("seed-200-person-org"))   # every team coached already
    ('platform', 'consulting')
    >>> adoption_settings_used(load_preset("seed-marketing-team"))
    ('platform',)
    """
    used = []
    if any(c.delivery != "platform" for c in scenario.cohorts):
        used.append("platform")
    if any(c.delivery != "coaching" for c in scenario.cohorts):
        used.append("coaching")
    if any(c.tier == 3 and c.delivery != "consulting" for c in scenario.cohorts):
        used.append("consulting")
    return tuple(used)


def _why_nothing(rows: Sequence[tuple[StrategyPlan, Result]], currency: str) -> str:
    best_plan, best = max(((p, r) for p, r in rows if p.key != "do_nothing"), key=lambda pr: pr[1].npv)
    return (f"Doing nothing ranks first: no option here is worth what it costs over what the teams reach "
            f"without training (the best, {best_plan.name}, has NPV {money(best.npv, currency)}).")


def strategies(scenario: Scenario, adoption: Mapping[str, float] | None = None) -> tuple[Strategy, ...]:
    """Compare the plan with the same cash spent another way, and with doing nothing.

    Parameters
    ----------
    scenario : Scenario
        The plan; its cash cost is every strategy's budget.
    adoption : mapping of delivery model to rate, optional
        Overrides of the adoption assumptions in ``data/adoption_assumptions.csv``.

    Returns
    -------
    tuple of Strategy
        Strategies within the budget ranked by NPV, highest first (ties keep the order above), then any over
        it. ``over_nothing`` and ``over_platform`` are the increments over doing nothing and over the
        platform strategy (the plan itself when that is left out as identical); ``roi_meaningful`` is False
        when the strategy costs less than 10% of the plan.

    Examples
    --------
    A coached team of 10 on an already licensed platform, with no counterfactual: the course costs 10 x 6 h
    of time, the plan 10 x $350 x 7 weeks:

    >>> from calculator.scenario import Finance, Literacy, Organization
    >>> team = Cohort(team_size=10, price=350, engagement_weeks=7, hours_saved_per_person_per_week=2,
    ...               adoption_rate=0.8, participant_hours_per_week=0)
    >>> plan = Scenario(organization=Organization(loaded_hourly_cost=50),
    ...                 finance=Finance(include_participant_time=True),
    ...                 literacy=Literacy(enabled=False, already_licensed=True), cohorts=(team,))
    >>> rows = {r.key: r for r in strategies(plan)}
    >>> rows["platform_only"].cash_cost, rows["platform_only"].total_cost   # $0 seats; 10 x 6 h x $50
    (0.0, 3000.0)
    >>> rows["as_built"].cash_cost, rows["as_built"].budget
    (24500.0, 24500.0)
    >>> rows["platform_only"].unspent, rows["do_nothing"].unspent   # kept as cash: NPV $0 on it
    (24500.0, 24500.0)
    >>> rows["as_built"].over_platform.annual_hours_saved   # (10 x 0.8 x 2 h - 10 x 0.1 x 1 h) x 52
    780.0
    """
    plans = strategy_scenarios(scenario, adoption)
    results = {plan.key: evaluate(plan.scenario) for plan in plans}
    budget = results["as_built"].cash_cost
    platform_key = "platform_only" if "platform_only" in results else "as_built"
    plan_cost = results["as_built"].total_cost

    def over(key: str) -> float:
        extra = results[key].cash_cost - budget
        return extra if extra > BUDGET_TOLERANCE else 0.0

    def unspent(key: str) -> float:
        # Same money on each side: what a cheaper strategy does not spend is kept as cash, and cash kept
        # earns exactly the discount rate (NPV $0), so comparing NPVs compares equal budgets.
        left = budget - results[key].cash_cost
        return left if left > BUDGET_TOLERANCE else 0.0

    order = sorted(range(len(plans)), key=lambda k: (over(plans[k].key) > 0, -round(results[plans[k].key].npv, 6), k))
    rank = {plans[k].key: position + 1 for position, k in enumerate(order)}

    def increment(key: str, other: str) -> Increment:
        a, b = results[key], results[other]
        return Increment(a.total_cost - b.total_cost, a.npv - b.npv, a.annual_hours_saved - b.annual_hours_saved)

    why = _why_nothing([(p, results[p.key]) for p in plans], scenario.currency) \
        if plans[order[0]].key == "do_nothing" else None
    rows = []
    for k in order:
        plan = plans[k]
        r = results[plan.key]
        meaningful = r.roi_pct is not None and r.total_cost >= ROI_MEANINGFUL_SHARE * plan_cost
        rows.append(Strategy(
            key=plan.key, name=plan.name, description=plan.description,
            adoption_assumption=plan.adoption_assumption, hours_assumption=plan.hours_assumption,
            sources=plan.sources, rank=rank[plan.key], total_cost=r.total_cost, cash_cost=r.cash_cost,
            budget=budget, over_budget=over(plan.key), unspent=unspent(plan.key),
            annual_hours_saved=r.annual_hours_saved,
            fte_returned=r.fte_returned, payback_months=r.payback_months, roi_pct=r.roi_pct,
            roi_meaningful=meaningful, npv=r.npv,
            over_nothing=increment(plan.key, "do_nothing"), over_platform=increment(plan.key, platform_key),
            why=why if plan.key == "do_nothing" else None))
    return tuple(rows)
