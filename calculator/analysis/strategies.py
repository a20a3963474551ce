"""Strategies side by side: the same organization and teams under four delivery choices.

1. **Platform only**: every Tier 2 / Tier 3 team gets course seats on the
   self-paced platform instead of its planned delivery. Price: the platform
   benchmark's default per employee per month (``data/price_benchmarks.csv``,
   $35), over the team's engagement length converted to months with MODEL.md's
   ``per_employee_per_month`` rule, so a team costs
   ``team_size * price * engagement_weeks * 12 / W``. Adoption: the platform
   assumption. Hours saved at full adoption, start, length and participant hours
   stay as planned: only the delivery changes, so the comparison isolates it.
2. **Plan as built**: the scenario itself.
3. **Consulting-led integration**: the Tier 3 teams go through one consulting
   engagement priced at the consulting benchmark's default fixed fee ($600,000),
   at the consulting adoption assumption; Tier 2 stays as built. The one fee is
   split across the Tier 3 teams in proportion to team size, each share spread
   over that team's engagement weeks (MODEL.md's ``fixed`` rule), so the total is
   the fee and it is paid while the teams are served. With no Tier 3 team there
   is nothing to hand to consultants and the strategy equals the plan.
4. **Do nothing**: no literacy tier and no teams; every figure is zero (ROI is
   null because nothing is spent; payback is 0 by MODEL.md's rule, the
   cumulative net never goes below zero).

The adoption rates per delivery model are assumptions (the source gives no
figure) read from ``data/adoption_assumptions.csv``; pass ``adoption`` to
override any of them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from ..model import evaluate
from ..presets import adoption_assumptions, price_benchmarks
from ..scenario import DELIVERIES, Scenario

STRATEGY_KEYS = ("platform_only", "as_built", "consulting_led", "do_nothing")


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


def _benchmark(delivery: str):
    return next(b for b in price_benchmarks() if b.delivery == delivery)


def strategy_scenarios(scenario: Scenario, adoption: Mapping[str, float] | None = None) -> list[dict]:
    """The four strategies as scenarios: ``{key, name, description, adoption_assumption, scenario}``.

    Examples
    --------
    >>> from calculator.presets import load_preset
    >>> [s["key"] for s in strategy_scenarios(load_preset("seed-200-person-org"))]
    ['platform_only', 'as_built', 'consulting_led', 'do_nothing']
    """
    rates = adoption_rates(adoption)
    platform = _benchmark("platform")
    consulting = _benchmark("consulting")

    platform_teams = tuple(
        dataclasses.replace(c, delivery="platform", price=platform.default_price, price_unit=platform.unit,
                            adoption_rate=rates["platform"])
        for c in scenario.cohorts
    )
    tier3_people = sum(c.team_size for c in scenario.cohorts if c.tier == 3)
    consulting_teams = tuple(
        dataclasses.replace(c, delivery="consulting", price=consulting.default_price * c.team_size / tier3_people,
                            price_unit="fixed", adoption_rate=rates["consulting"])
        if c.tier == 3 else c
        for c in scenario.cohorts
    )
    nothing = dataclasses.replace(scenario, cohorts=(), ranges=(),
                                  literacy=dataclasses.replace(scenario.literacy, enabled=False))
    fee = f"${consulting.default_price:,.0f}"
    seat = f"${platform.default_price:,.0f}"
    return [
        {"key": "platform_only", "name": "Platform only",
         "description": f"The same teams on course seats ({seat} per person per month for the engagement "
                        f"length) instead of coaching, at the platform adoption assumption.",
         "adoption_assumption": rates["platform"],
         "scenario": dataclasses.replace(scenario, cohorts=platform_teams, ranges=())},
        {"key": "as_built", "name": "Plan as built",
         "description": "The scenario as entered.",
         "adoption_assumption": None,
         "scenario": scenario},
        {"key": "consulting_led", "name": "Consulting-led integration",
         "description": (f"Tier 3 teams through one consulting engagement ({fee} fixed) at the consulting "
                         f"adoption assumption; Tier 2 as built." if tier3_people else
                         "The plan has no Tier 3 team to hand to consultants: same as the plan."),
         "adoption_assumption": rates["consulting"] if tier3_people else None,
         "scenario": dataclasses.replace(scenario, cohorts=consulting_teams, ranges=())},
        {"key": "do_nothing", "name": "Do nothing",
         "description": "No training: no literacy tier and no teams.",
         "adoption_assumption": None,
         "scenario": nothing},
    ]


def strategies(scenario: Scenario, adoption: Mapping[str, float] | None = None) -> list[dict]:
    """Compare platform only, the plan as built, consulting-led integration and doing nothing.

    Parameters
    ----------
    scenario : Scenario
        The plan; its organization, finance settings and teams are kept in every strategy.
    adoption : mapping of delivery model to rate, optional
        Overrides of the adoption assumptions in ``data/adoption_assumptions.csv``.

    Returns
    -------
    list of dict
        One per strategy, in the order above: ``key, name, description,
        adoption_assumption, total_cost, annual_hours_saved, fte_returned,
        payback_months, roi_pct, npv`` (``None`` where MODEL.md says null).

    Examples
    --------
    >>> from calculator.presets import load_preset
    >>> rows = strategies(load_preset("seed-200-person-org"))
    >>> round(rows[0]["total_cost"], 2)   # 70 people x $35 x 7 weeks x 12 / 52
    3957.69
    >>> rows[1]["total_cost"], rows[3]["npv"]   # 70 x $350 x 7 weeks; doing nothing
    (171500.0, 0.0)
    """
    out = []
    for item in strategy_scenarios(scenario, adoption):
        result = evaluate(item["scenario"])
        out.append({
            "key": item["key"],
            "name": item["name"],
            "description": item["description"],
            "adoption_assumption": item["adoption_assumption"],
            "total_cost": result.total_cost,
            "annual_hours_saved": result.annual_hours_saved,
            "fte_returned": result.fte_returned,
            "payback_months": result.payback_months,
            "roi_pct": result.roi_pct,
            "npv": result.npv,
        })
    return out
