"""What the Pitch page states: the result, the investment range and the case in one sentence."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .formatting import count, fte, hours, money, months, nothing_spent, payback, payback_card_value, percent
from .model import Result, evaluate
from .scenario import Scenario, at_range_end


@dataclass(frozen=True)
class PitchSummary:
    result: Result
    cost_low: float | None   # total cost with every ranged input at its low end; None without ranges
    cost_high: float | None
    sentence: str
    fees_low: float | None = None   # program fees (the vendor's quote) at the ranges' ends; None without ranges
    fees_high: float | None = None

    @property
    def warnings(self) -> tuple[str, ...]:
        """The sentences the Pitch page shows above its cards, and the brief and the deck print: spend
        committed after the horizon (left out of the totals), an IRR that may not be unique.

        >>> from calculator import Cohort, Finance, Literacy
        >>> late = Scenario(literacy=Literacy(enabled=False), finance=Finance(horizon_months=1),
        ...                 cohorts=(Cohort(name="Sales", team_size=10, price=200, engagement_weeks=8),))
        >>> pitch_summary(late).warnings  # weeks 5-8 of 8 after a 4-week horizon: 4 x 10 x $200
        ('$8,000 of committed spend falls after the 1-month horizon and is not in the totals: Sales $8,000.',)
        """
        return self.result.warnings


def _teams_phrase(scenario: Scenario, horizon_weeks: int) -> str:
    counts: dict[str, int] = {}
    for cohort in scenario.cohorts:
        if cohort.start_week > horizon_weeks:  # starts after the horizon: adds nothing
            continue
        counts[cohort.delivery] = counts.get(cohort.delivery, 0) + 1
    if not counts:
        return "literacy for the whole organization"
    words = {"coaching": "coached", "workshop": "workshop", "platform": "platform-trained",
             "consulting": "consulting-led"}
    parts = []
    for delivery, teams in sorted(counts.items(), key=lambda kv: -kv[1]):
        parts.append(count(teams, f"{words[delivery]} team"))
    return " and ".join(parts) if len(parts) <= 2 else ", ".join(parts[:-1]) + " and " + parts[-1]


def case_sentence(result: Result) -> str:
    """The case stated from the numbers, for the presenter to read out: what it costs fully loaded,
    the hours as capacity, which part of the value is cash and which capacity, and both paybacks.

    >>> from calculator import load_preset
    >>> print(case_sentence(evaluate(load_preset("seed-marketing-team"))))  # doctest: +NORMALIZE_WHITESPACE
    $31.4K fully loaded ($16.8K in program fees) for 1 coached team returns 1,560 hours a year of capacity
    (0.75 FTE); of its $62.6K of value over 24 months, $0 is cash and $62.6K is capacity (time, not money).
    On full value it pays back in 11.2 months; the cash alone does not pay back within 24 months.
    """
    s = result.scenario
    cur = s.currency
    horizon = s.finance.horizon_months
    head = (f"{money(result.total_cost, cur)} fully loaded ({money(result.program_fees, cur)} in program fees) "
            f"for {_teams_phrase(s, result.horizon_weeks)} returns {result.annual_hours_saved:,.0f} hours a year "
            f"of capacity ({fte(result.fte_returned)}); of its {money(result.total_benefit, cur)} of value over "
            f"{count(horizon, 'month')}, {money(result.cash_benefit, cur)} is cash and "
            f"{money(result.capacity_benefit, cur)} is capacity (time, not money). ")
    if nothing_spent(result.total_cost):
        # No cost: there is nothing to pay back (an ROI with nothing spent is n/a for the same reason).
        return head + "Nothing is spent, so there is nothing to pay back."
    value = _payback_clause("On full value it", result.payback_months, horizon)
    if result.payback_months is None:
        value += f" (net {money(result.net_benefit, cur)})"
    cash = _payback_clause("the cash alone", result.cash_payback_months, horizon) + "."
    return head + value + "; " + cash


def _payback_clause(subject: str, payback_months: float | None, horizon: int) -> str:
    """``subject`` pays back in N months, is ahead from the first week, or does not within the horizon."""
    if payback_months is None:
        return f"{subject} does not pay back within {count(horizon, 'month')}"
    if payback_months == 0:
        return f"{subject} is ahead from the first week"
    return f"{subject} pays back in {months(payback_months)}"


@dataclass(frozen=True)
class Card:
    """One headline number: its label, the value as shown, an optional line beneath and the help text."""

    label: str
    value: str
    help: str
    beneath: str = ""


def headline_cards(summary: PitchSummary) -> tuple[Card, ...]:
    """The Pitch page's headline cards, in reading order: what it costs, what it returns (capacity),
    what it is worth (NPV), then when it pays back (cash and full value side by side) and the present-value
    ROI: four cards over three, so the two paybacks share a row.

    >>> from calculator import load_preset
    >>> [c.label for c in headline_cards(pitch_summary(load_preset("seed-marketing-team")))][:3]
    ['Total investment, fully loaded', 'Capacity returned (hours a year)', 'FTE capacity returned']
    """
    r, s = summary.result, summary.result.scenario
    cur, horizon = s.currency, s.finance.horizon_months
    fees = f"Program fees {money(r.program_fees, cur)}"
    if summary.fees_low is not None:
        fees += f" ({money(summary.fees_low, cur)} – {money(summary.fees_high, cur)})"
    lines = ", ".join(f"{name} {money(r.cost_by_line[key], cur)}" for key, name in COST_LINE_NAMES.items())
    risk = s.finance.cost_risk_adjustment
    risk_text = f", every line raised {risk:.0%} for cost risk" if risk else ""
    return (
        Card("Total investment, fully loaded", money(r.total_cost, cur),
             f"Everything the program costs over {count(horizon, 'month')}, undiscounted: {lines}{risk_text}.", fees),
        Card("Capacity returned (hours a year)", hours(r.annual_hours_saved),
             "Steady state after the ramp-up: people x adoption x hours saved a week x weeks a year. This is "
             "capacity, time given back to the teams; it is not savings and lowers no budget line by itself.",
             f"Cash part of the value a year {money(r.annual_cash_value, cur)}"),
        Card("FTE capacity returned", fte(r.fte_returned),
             f"Hours a year / {s.organization.hours_per_fte_year:,.0f} hours per FTE. Capacity is not headcount: "
             "it becomes a saving only if someone decides to bank it (a hire not made, a backfill avoided)."),
        Card("NPV", money(r.npv, cur),
             f"Present value of the value less present value of the cost, at {s.finance.annual_discount_rate:.1%} "
             f"a year. Cash alone: {money(r.cash_npv, cur)}."),
        Card("Cash payback", payback_card_value(r.cash_payback_months, horizon, r.total_cost),
             "When the cash part of the value (each team's cash share: an avoided hire or backfill, less overtime "
             "or contractor spend) first covers the fully loaded cost.", payback(r.cash_payback_months, r.total_cost)),
        Card("Value payback", payback_card_value(r.payback_months, horizon, r.total_cost),
             "When the full value (cash and capacity) first covers the fully loaded cost, interpolated within "
             "the week.", payback(r.payback_months, r.total_cost)),
        Card(f"PV ROI over {count(horizon, 'month')}", percent(r.roi_pv_pct),
             "NPV / present value of the cost (the Forrester TEI form). Undiscounted ROI over "
             f"{count(horizon, 'month')}: {percent(r.roi_pct)}."),
    )


COST_LINE_NAMES = {"fees": "program fees", "participant_time": "participants' time", "ai_seats": "AI tool seats",
                   "other": "other program costs"}


def team_table(result: Result) -> list[dict]:
    """Per-team economics as display rows, the best NPV per dollar first: which team to fund first.

    >>> from calculator import load_preset
    >>> [row["Team"] for row in team_table(evaluate(load_preset("starter-300-person-pilots")))]
    ['Marketing pilot', 'Finance pilot']
    """
    cur = result.scenario.currency
    ranked = sorted(result.by_team, key=lambda t: -math.inf if t.npv_per_dollar is None else -t.npv_per_dollar)
    return [{"Team": t.name, "Tier": t.tier, "Cost": money(t.cost, cur), "Value": money(t.benefit, cur),
             "NPV": money(t.npv, cur),
             "NPV per $1": "n/a" if t.npv_per_dollar is None else f"{t.npv_per_dollar:,.2f}",
             "ROI": percent(t.roi_pct), "Payback": months(t.payback_months),
             "Hours a year (capacity)": hours(t.annual_hours_saved)} for t in ranked]


def pitch_summary(scenario: Scenario) -> PitchSummary:
    """Everything the Pitch page shows, from one call."""
    result = evaluate(scenario)
    low = high = fees_low = fees_high = None
    if scenario.ranges:
        at_low, at_high = evaluate(at_range_end(scenario, "low")), evaluate(at_range_end(scenario, "high"))
        low, high = sorted((at_low.total_cost, at_high.total_cost))
        fees_low, fees_high = sorted((at_low.program_fees, at_high.program_fees))
    return PitchSummary(result, low, high, case_sentence(result), fees_low, fees_high)
