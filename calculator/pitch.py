"""What the Pitch page states: the decision's result, the baseline apart, the honest bracket and the case in one
sentence (methodology v3: the headline is what this decision adds over what happens anyway)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .formatting import (
    ZERO_TOLERANCE,
    count,
    fte,
    hours,
    money,
    months,
    nothing_spent,
    payback,
    payback_card_value,
    percent,
    round_half_up,
)
from .model import Result, evaluate, scenario_ends
from .scenario import Scenario


@dataclass(frozen=True)
class PitchSummary:
    result: Result
    cost_low: float | None   # total cost with every ranged input at its low end; None without ranges
    cost_high: float | None
    sentence: str
    fees_low: float | None = None   # program fees (the vendor's quote) at the ranges' ends; None without ranges
    fees_high: float | None = None
    npv_pessimistic: float | None = None  # decision NPV with each ranged input at its worse end; None without ranges
    npv_optimistic: float | None = None

    @property
    def baseline_sentence(self) -> str | None:
        """What is committed regardless of this decision, shown apart, and the whole program's NPV one line away;
        None when the scenario marks nothing as baseline.

        >>> from calculator import load_preset
        >>> print(pitch_summary(load_preset("starter-300-person-pilots")).baseline_sentence)
        ... # doctest: +NORMALIZE_WHITESPACE
        Committed regardless, not charged to this decision: $76.8K (Tier 1 literacy: participants' time $76.8K).
        Whole program, decision and baseline together: NPV -$78.7K.
        """
        return baseline_sentence(self.result)

    @property
    def bracket_sentence(self) -> str | None:
        """The honest bracket: the decision NPV with every ranged input at its worse end, then at its better end."""
        if self.npv_pessimistic is None or self.npv_optimistic is None:
            return None
        cur = self.result.scenario.currency
        return (f"Decision NPV from {money(self.npv_pessimistic, cur)} (pessimistic) to "
                f"{money(self.npv_optimistic, cur)} (optimistic): each input that has a range at the end that "
                "lowers, then raises, the NPV.")

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
    """The decision stated from the numbers, for the presenter to read out: what it costs fully loaded, the hours
    it adds over what the teams would save anyway (capacity), which part of the value is cash, and both paybacks.
    One figure per concept: the NPV is on its card, so the sentence names no net.

    >>> from calculator import load_preset
    >>> print(case_sentence(evaluate(load_preset("seed-marketing-team"))))  # doctest: +NORMALIZE_WHITESPACE
    This decision: $31.2K fully loaded ($16.8K in program fees) for 1 coached team adds 1,560 hours a year of
    capacity (0.75 FTE); of its $62.6K of value over 24 months, $0 is cash and $62.6K is capacity (time, not
    money). On full value it pays back in 11.0 months; the cash alone does not pay back within 24 months.
    """
    s = result.scenario
    cur = s.currency
    horizon = s.finance.horizon_months
    anyway = (f" over the {result.annual_hours_without_training:,.0f} they would save anyway"
              if result.annual_hours_without_training > ZERO_TOLERANCE else "")
    head = (f"This decision: {money(result.total_cost, cur)} fully loaded ({money(result.program_fees, cur)} in "
            f"program fees) for {_teams_phrase(s, result.horizon_weeks)} adds {result.annual_hours_saved:,.0f} "
            f"hours a year of capacity{anyway} ({fte(result.fte_returned)}); of its "
            f"{money(result.total_benefit, cur)} of value over {count(horizon, 'month')}, "
            f"{money(result.cash_benefit, cur)} is cash and {money(result.capacity_benefit, cur)} is capacity "
            "(time, not money). ")
    if nothing_spent(result.total_cost):
        # No cost: there is nothing to pay back (an ROI with nothing spent is n/a for the same reason).
        return head + "Nothing is spent, so there is nothing to pay back."
    value = _payback_clause("On full value it", result.payback_months, horizon)
    cash = _payback_clause("the cash alone", result.cash_payback_months, horizon) + "."
    return head + value + "; " + cash


def baseline_sentence(result: Result) -> str | None:
    """The baseline items' cost by line and the whole program's NPV, or None when nothing is baseline."""
    base = result.baseline
    if base["total_cost"] <= ZERO_TOLERANCE and abs(base["total_benefit"]) <= ZERO_TOLERANCE:
        return None
    s = result.scenario
    cur = s.currency
    items = []
    if s.literacy.enabled and s.literacy.baseline:
        items.append("Tier 1 literacy")
    items += [item.name for item in s.other_costs if item.baseline]
    lines = ", ".join(f"{COST_LINE_NAMES[key]} {money(value, cur)}" for key, value in base["cost_by_line"].items()
                      if value > ZERO_TOLERANCE)
    return (f"Committed regardless, not charged to this decision: {money(base['total_cost'], cur)} "
            f"({'; '.join(items)}: {lines}). Whole program, decision and baseline together: "
            f"NPV {money(result.program['npv'], cur)}.")


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
    ['Decision cost, fully loaded', 'Capacity added (hours a year)', 'FTE capacity added']
    """
    r, s = summary.result, summary.result.scenario
    cur, horizon = s.currency, s.finance.horizon_months
    fees = f"Program fees {money(r.program_fees, cur)}"
    if summary.fees_low is not None:
        fees += f" ({money(summary.fees_low, cur)} – {money(summary.fees_high, cur)})"
    lines = ", ".join(f"{name} {money(r.cost_by_line[key], cur)}" for key, name in COST_LINE_NAMES.items())
    risk = s.finance.cost_risk_adjustment
    risk_text = f", every line raised {risk:.0%} for cost risk (the program fees are the invoice, before it)" \
        if risk else ""
    anyway = (f" Over what the teams would save anyway, untrained: {hours(r.annual_hours_without_training)} "
              "a year, not counted." if r.annual_hours_without_training > ZERO_TOLERANCE else "")
    return (
        Card("Decision cost, fully loaded", money(r.total_cost, cur),
             f"Everything this decision costs over {count(horizon, 'month')}, undiscounted: {lines}{risk_text}. "
             "Items committed regardless (the baseline) are shown apart, not here.", fees),
        Card("Capacity added (hours a year)", hours(r.annual_hours_saved),
             "Steady state after the ramp-up: people x (adoption x hours saved a week, less what they would save "
             "anyway) x weeks a year. This is capacity, time given back to the teams; it is not savings and lowers "
             f"no budget line by itself.{anyway}",
             f"Cash part of the value a year {money(r.annual_cash_value, cur)}"),
        Card("FTE capacity added", fte(r.fte_returned),
             f"Hours a year / {s.organization.hours_per_fte_year:,.0f} hours per FTE. Capacity is not headcount: "
             "it becomes a saving only if someone decides to bank it (a hire not made, a backfill avoided)."),
        Card("Decision NPV", money(r.npv, cur),
             f"Present value of the value less present value of the cost, at {s.finance.annual_discount_rate:.1%} "
             f"a year, for this decision alone. Cash alone (cash value less cash cost: no participants' time): "
             f"{money(r.cash_npv, cur)}. Whole program with the baseline: {money(r.program['npv'], cur)}."),
        Card("Cash payback", payback_card_value(r.cash_payback_months, horizon, r.cash_cost),
             "When the cash part of the value (each team's cash share: an avoided hire or backfill, less overtime "
             "or contractor spend) first covers the cash cost (fees, AI seats and other costs; participants' time is "
             "not paid in cash).", payback(r.cash_payback_months, r.cash_cost)),
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
    anyway = {c.name: c.without_training.hours_per_person for c in result.scenario.cohorts}
    return [{"Team": t.name, "Tier": t.tier, "Cost": money(t.cost, cur), "Value": money(t.benefit, cur),
             "NPV": money(t.npv, cur),
             "NPV per $1": "n/a" if t.npv_per_dollar is None else f"{t.npv_per_dollar:,.2f}",
             "ROI": percent(t.roi_pct), "Payback": months(t.payback_months),
             "Hours/yr added": hours(t.annual_hours_saved),
             "Anyway (h/wk each)": f"{anyway.get(t.name, 0.0):,.2f}"} for t in ranked]


def pitch_summary(scenario: Scenario) -> PitchSummary:
    """Everything the Pitch page shows, from one call."""
    result = evaluate(scenario)
    low = high = fees_low = fees_high = worst = best = None
    ends = scenario_ends(scenario)  # low, high, pessimistic, optimistic: one batch of four draws
    if ends is not None:
        low, high = sorted(float(x) for x in ends.total_cost[:2])
        fees_low, fees_high = sorted(float(x) for x in ends.program_fees[:2])
        worst, best = float(ends.npv[2]), float(ends.npv[3])
    return PitchSummary(result, low, high, case_sentence(result), fees_low, fees_high, worst, best)


@dataclass(frozen=True)
class NpvPosition:
    """Where the as-entered NPV sits among the Monte Carlo draws of the scenario's ranges."""

    percentile: float  # share of draws with an NPV at or below the as-entered one, 0-100
    draws: int

    def sentence(self) -> str:
        """The position in words, so an optimistic case cannot pass for a central one.

        >>> print(NpvPosition(75.2, 10_000).sentence())  # doctest: +NORMALIZE_WHITESPACE
        As entered, the decision NPV sits at the 75th percentile of 10,000 draws of its ranges:
        3 in 4 draws come out lower, so this is an optimistic reading.
        """
        p = round_half_up(self.percentile)
        lower = self.percentile / 100.0
        if p >= 60:
            reading = "so this is an optimistic reading"
        elif p <= 40:
            reading = "so this is a cautious reading"
        else:
            reading = "near the middle of the spread"
        return (f"As entered, the decision NPV sits at the {ordinal(p)} percentile of {self.draws:,} draws of its "
                f"ranges: {_in_n(lower)} draws come out lower, {reading}.")


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 11th, 75th.

    >>> [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 75, 100)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '75th', '100th']
    """
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _in_n(share: float) -> str:
    """A share as "3 in 4", "1 in 2", or "about 37 in 100" when no small fraction is near it."""
    for whole in (2, 3, 4, 5, 10):
        parts = round(share * whole)
        if 0 < parts < whole and abs(parts / whole - share) < 0.02:
            return f"{parts} in {whole}"
    return f"{round(share * 100)} in 100"


# The Pitch places its NPV among this many draws: a slider move recomputes it, and 2,000 draws place a
# percentile within about one point (10,000 cost five times as long on every move; the What-if page's
# Uncertainty tab runs as many as asked). Past POSITION_SECONDS of estimated work (a very large plan) the Pitch
# does not draw it and says where to run it.
PITCH_POSITION_DRAWS = 2_000
POSITION_SECONDS = 0.5


def npv_position_text(scenario: Scenario) -> str | None:
    """The Pitch's sentence placing the NPV in its own Monte Carlo; None without ranges.

    >>> from calculator import load_preset
    >>> npv_position_text(load_preset("seed-marketing-team"))[:70]
    'As entered, the decision NPV sits at the 74th percentile of 2,000 draw'
    """
    from .limits import monte_carlo_seconds
    from .model import horizon_weeks

    if not scenario.ranges:
        return None
    if monte_carlo_seconds(PITCH_POSITION_DRAWS, len(scenario.cohorts), horizon_weeks(scenario)) > POSITION_SECONDS:
        return ("Where the NPV sits among Monte Carlo draws of its ranges is not drawn here for a plan this large: "
                "What-if analysis > Uncertainty runs the draws on request.")
    position = npv_position(scenario, draws=PITCH_POSITION_DRAWS)
    return None if position is None else position.sentence()


def npv_position(scenario: Scenario, draws: int = 10_000, seed: int = 0) -> NpvPosition | None:
    """The as-entered decision NPV's percentile in the Monte Carlo of the scenario's ranges (None without ranges).

    The percentile counts draws with an NPV at or below the as-entered one (ties: half), so a case whose every
    input sits at its range's mode lands near the middle.
    """
    if not scenario.ranges:
        return None
    import numpy as np

    from .analysis.uncertainty import simulate  # the Monte Carlo only when there is a spread to place it in

    entered = evaluate(scenario).npv
    npv = simulate(scenario, draws=draws, seed=seed).npv
    below = float(np.mean(npv < entered - ZERO_TOLERANCE))
    ties = float(np.mean(np.abs(npv - entered) <= ZERO_TOLERANCE))
    return NpvPosition(percentile=100.0 * (below + ties / 2.0), draws=draws)
