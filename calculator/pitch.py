"""What the Pitch page states: the result, the investment range and the case in one sentence."""

from __future__ import annotations

from dataclasses import dataclass

from .formatting import fte, hours, money, months, percent
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
    for delivery, count in sorted(counts.items(), key=lambda kv: -kv[1]):
        noun = "team" if count == 1 else "teams"
        parts.append(f"{count} {words[delivery]} {noun}")
    return " and ".join(parts) if len(parts) <= 2 else ", ".join(parts[:-1]) + " and " + parts[-1]


def case_sentence(result: Result) -> str:
    """The case stated from the numbers, for the presenter to read out.

    >>> from calculator import load_preset
    >>> print(case_sentence(evaluate(load_preset("seed-marketing-team"))))  # doctest: +NORMALIZE_WHITESPACE
    $31.4K for 1 coached team returns 1,560 hours a year (0.75 FTE) and pays back in 11.2 months;
    over 24 months it nets $31.2K (ROI 99%).
    """
    s = result.scenario
    cur = s.currency
    horizon = s.finance.horizon_months
    head = (f"{money(result.total_cost, cur)} for {_teams_phrase(s, result.horizon_weeks)} returns "
            f"{hours(result.annual_hours_saved).removesuffix(' h')} hours a year ({fte(result.fte_returned)}) ")
    if result.payback_months is None:
        tail = f"and does not pay back within {horizon} months (net {money(result.net_benefit, cur)})."
    elif result.payback_months == 0:
        tail = f"and is ahead from the first week: net {money(result.net_benefit, cur)} over {horizon} months."
    else:
        tail = (f"and pays back in {months(result.payback_months)}; over {horizon} months it nets "
                f"{money(result.net_benefit, cur)} (ROI {percent(result.roi_pct)}).")
    return head + tail


def pitch_summary(scenario: Scenario) -> PitchSummary:
    """Everything the Pitch page shows, from one call."""
    result = evaluate(scenario)
    low = high = fees_low = fees_high = None
    if scenario.ranges:
        at_low, at_high = evaluate(at_range_end(scenario, "low")), evaluate(at_range_end(scenario, "high"))
        low, high = sorted((at_low.total_cost, at_high.total_cost))
        fees_low, fees_high = sorted((at_low.program_fees, at_high.program_fees))
    return PitchSummary(result, low, high, case_sentence(result), fees_low, fees_high)
