"""Strategies side by side: the same organization and teams under four delivery choices, ranked by NPV.

1. **Platform only**: every Tier 2 / Tier 3 team gets course seats on the
   self-paced platform instead of its planned delivery. Price: the platform
   benchmark's default per employee per month (``data/price_benchmarks.csv``,
   $35) over the team's engagement length converted to months with MODEL.md's
   ``per_employee_per_month`` rule (``team_size * price * engagement_weeks * 12 / W``),
   or **$0 when the organization already licenses the platform**
   (``literacy.already_licensed``: the seats are sunk). Adoption: the platform
   assumption. Hours saved: the platform's own assumption
   (``data/delivery_hours_assumptions.csv``), never more than the team's plan:
   a course does not produce a coached team's workflows.
2. **Plan as built**: the scenario itself.
3. **Consulting-led integration**: the Tier 3 teams go through one consulting
   engagement priced at the consulting benchmark's default fixed fee ($600,000),
   at the consulting adoption and hours assumptions; Tier 2 stays as built. The
   fee is split across the Tier 3 teams in proportion to team size, each share
   spread over that team's engagement weeks (MODEL.md's ``fixed`` rule). With no
   Tier 3 team the strategy equals the plan.
4. **Do nothing**: no literacy tier, no teams and no program costs; every figure is zero.

Start weeks, lengths and participants' hours stay as planned in every strategy,
so the comparison isolates the delivery. Rows come ranked by NPV (ROI ranks a
cheap option first whatever it returns) with incremental columns: what each
strategy adds in cost, NPV and hours over doing nothing and over platform only.
An ROI on a cost under 10% of the plan's is flagged as not meaningful.

The adoption and hours assumptions per delivery model are data, each with its
source or the word "Assumption": ``data/adoption_assumptions.csv`` and
``data/delivery_hours_assumptions.csv``. Pass ``adoption`` to override adoption.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from ..model import evaluate
from ..presets import (  # noqa: F401  (HoursAssumption, delivery_hours_assumptions: re-exported)
    HoursAssumption,
    adoption_assumptions,
    delivery_hours_assumptions,
    price_benchmark,
)
from ..scenario import DELIVERIES, Scenario

# An ROI on a cost below this share of the plan's cost is a ratio of a small number: shown, but flagged.
ROI_MEANINGFUL_SHARE = 0.10


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


def _hours_for(delivery: str, planned: float) -> float:
    credited = delivery_hours_assumptions()[delivery].hours_saved_per_person_per_week
    return planned if credited is None else min(planned, credited)


@dataclass(frozen=True)
class StrategyPlan:
    """One strategy as a scenario, before it is evaluated."""

    key: str
    name: str
    description: str
    adoption_assumption: float | None
    hours_assumption: str | None
    scenario: Scenario


def strategy_scenarios(scenario: Scenario, adoption: Mapping[str, float] | None = None) -> tuple[StrategyPlan, ...]:
    """The four strategies as scenarios, in a fixed order (platform only, as built, consulting-led, nothing).

    Examples
    --------
    >>> from calculator.presets import load_preset
    >>> [s.key for s in strategy_scenarios(load_preset("seed-200-person-org"))]
    ['platform_only', 'as_built', 'consulting_led', 'do_nothing']
    """
    rates = adoption_rates(adoption)
    hours = delivery_hours_assumptions()
    platform = price_benchmark("platform")
    consulting = price_benchmark("consulting")
    licensed = scenario.literacy.already_licensed
    seat_price = 0.0 if licensed else platform.default_price

    platform_teams = tuple(
        dataclasses.replace(c, delivery="platform", price=seat_price, price_unit=platform.unit,
                            adoption_rate=rates["platform"],
                            hours_saved_per_person_per_week=_hours_for("platform", c.hours_saved_per_person_per_week))
        for c in scenario.cohorts
    )
    tier3_people = sum(c.team_size for c in scenario.cohorts if c.tier == 3)
    consulting_teams = tuple(
        dataclasses.replace(c, delivery="consulting", price=consulting.default_price * c.team_size / tier3_people,
                            price_unit="fixed", adoption_rate=rates["consulting"],
                            hours_saved_per_person_per_week=_hours_for("consulting",
                                                                       c.hours_saved_per_person_per_week))
        if c.tier == 3 else c
        for c in scenario.cohorts
    )
    nothing = dataclasses.replace(scenario, cohorts=(), ranges=(), other_costs=(),
                                  literacy=dataclasses.replace(scenario.literacy, enabled=False))
    fee = f"${consulting.default_price:,.0f}"
    seats = ("on the platform the organization already licenses ($0 for seats)" if licensed
             else f"on course seats (${platform.default_price:,.0f} per person per month for the engagement length)")
    platform_hours = hours["platform"]
    return (
        StrategyPlan("platform_only", "Platform only",
                     f"The same teams {seats} instead of their planned delivery, at the platform adoption and "
                     f"hours assumptions.", rates["platform"],
                     f"{platform_hours.hours_saved_per_person_per_week:g} h a week at most ({platform_hours.source})",
                     dataclasses.replace(scenario, cohorts=platform_teams, ranges=())),
        StrategyPlan("as_built", "Plan as built", "The scenario as entered.", None, None, scenario),
        StrategyPlan("consulting_led", "Consulting-led integration",
                     (f"Tier 3 teams through one consulting engagement ({fee} fixed) at the consulting adoption "
                      f"assumption; Tier 2 as built." if tier3_people else
                      "The plan has no Tier 3 team to hand to consultants: same as the plan."),
                     rates["consulting"] if tier3_people else None,
                     hours["consulting"].source if tier3_people else None,
                     dataclasses.replace(scenario, cohorts=consulting_teams, ranges=())),
        StrategyPlan("do_nothing", "Do nothing", "No training: no literacy tier, no teams and no program costs.",
                     None, None, nothing),
    )


@dataclass(frozen=True)
class Increment:
    """What one strategy adds over another: cost, NPV and hours a year (this minus that)."""

    total_cost: float
    npv: float
    annual_hours_saved: float


@dataclass(frozen=True)
class Strategy:
    """One strategy's results, its rank by NPV and what it adds over the cheaper options."""

    key: str
    name: str
    description: str
    adoption_assumption: float | None
    hours_assumption: str | None
    rank: int                       # 1 = highest NPV
    total_cost: float
    annual_hours_saved: float
    fte_returned: float
    payback_months: float | None
    roi_pct: float | None
    roi_meaningful: bool            # False: the cost is under 10% of the plan's, or nothing is spent
    npv: float
    over_nothing: Increment
    over_platform: Increment


def strategies(scenario: Scenario, adoption: Mapping[str, float] | None = None) -> tuple[Strategy, ...]:
    """Compare platform only, the plan as built, consulting-led integration and doing nothing.

    Parameters
    ----------
    scenario : Scenario
        The plan; its organization, finance settings and teams are kept in every strategy.
    adoption : mapping of delivery model to rate, optional
        Overrides of the adoption assumptions in ``data/adoption_assumptions.csv``.

    Returns
    -------
    tuple of Strategy
        Ranked by NPV, highest first (ties keep the order above). ``over_nothing``
        and ``over_platform`` are the increments over doing nothing and over
        platform only; ``roi_meaningful`` is False when the strategy costs less
        than 10% of the plan (its ROI is a ratio of a small number).

    Examples
    --------
    >>> from calculator.scenario import Cohort, Literacy
    >>> team = Cohort(team_size=10, price=350, engagement_weeks=7, hours_saved_per_person_per_week=2,
    ...               adoption_rate=0.8)
    >>> plan = Scenario(literacy=Literacy(already_licensed=True), cohorts=(team,))
    >>> rows = {r.key: r for r in strategies(plan)}
    >>> rows["platform_only"].total_cost   # the organization already licenses the platform: $0 for seats
    0.0
    >>> rows["as_built"].total_cost, rows["as_built"].rank   # 10 x $350 x 7 weeks
    (24500.0, 1)
    >>> rows["as_built"].over_platform.annual_hours_saved   # (10 x 0.8 x 2 h - 10 x 0.1 x 1 h) x 52
    780.0
    """
    plans = strategy_scenarios(scenario, adoption)
    results = {plan.key: evaluate(plan.scenario) for plan in plans}
    plan_cost = results["as_built"].total_cost
    order = sorted(range(len(plans)), key=lambda k: (-round(results[plans[k].key].npv, 6), k))
    rank = {plans[k].key: position + 1 for position, k in enumerate(order)}

    def increment(key: str, other: str) -> Increment:
        a, b = results[key], results[other]
        return Increment(a.total_cost - b.total_cost, a.npv - b.npv, a.annual_hours_saved - b.annual_hours_saved)

    rows = []
    for k in order:
        plan = plans[k]
        r = results[plan.key]
        meaningful = r.roi_pct is not None and r.total_cost >= ROI_MEANINGFUL_SHARE * plan_cost
        rows.append(Strategy(
            key=plan.key, name=plan.name, description=plan.description,
            adoption_assumption=plan.adoption_assumption, hours_assumption=plan.hours_assumption,
            rank=rank[plan.key], total_cost=r.total_cost, annual_hours_saved=r.annual_hours_saved,
            fte_returned=r.fte_returned, payback_months=r.payback_months, roi_pct=r.roi_pct,
            roi_meaningful=meaningful, npv=r.npv,
            over_nothing=increment(plan.key, "do_nothing"), over_platform=increment(plan.key, "platform_only")))
    return tuple(rows)
