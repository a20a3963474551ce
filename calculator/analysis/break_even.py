"""Break-even: "what you would have to believe" for the plan to pay, as multiples of its values.

The multiplier of a lever (hours saved, adoption, price) is applied to every
team at once through override columns; a grid and then rounds of bisection are
each evaluated as one batch of the model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..formatting import count, share_of_plan
from ..model import evaluate_batch
from ..scenario import Scenario
from .common import leaf_base

LEVERS = ("hours_saved", "adoption", "price")
MAX_MULTIPLIER = 100.0
_REL_TOL = 1e-13   # bisection stops when the bracket is this narrow (relative to m)
_POINTS = 48       # interior points evaluated per bisection round


def _lever_leaves(scenario: Scenario, lever: str) -> list[str]:
    """The values a lever scales: every team's (and literacy's, where it counts)."""
    lit = scenario.literacy
    if lever == "price":
        leaves = [f"cohorts[{i}].price" for i, c in enumerate(scenario.cohorts) if c.price > 0]
        if lit.enabled and not lit.already_licensed and lit.seat_price_per_month > 0:
            leaves.append("literacy.seat_price_per_month")
        return leaves
    # Hours and adoption scale only streams that earn; scaling a zero changes nothing.
    earning = [i for i, c in enumerate(scenario.cohorts)
               if c.hours_saved_per_person_per_week > 0 and c.adoption_rate > 0]
    lit_earns = (lit.enabled and lit.hours_saved_per_person_per_week > 0 and lit.adoption_rate > 0
                 and lit.completion_rate > 0 and scenario.learners > 0)
    field = "hours_saved_per_person_per_week" if lever == "hours_saved" else "adoption_rate"
    leaves = [f"cohorts[{i}].{field}" for i in earning]
    if lit_earns:
        leaves.append(f"literacy.{field}")
    return leaves


def _scaled(scenario: Scenario, leaves: list[str], ms: np.ndarray) -> dict[str, np.ndarray]:
    return {leaf: leaf_base(scenario, leaf) * ms for leaf in leaves}


def _grid(high: float) -> np.ndarray:
    grid = np.concatenate([np.linspace(0.0, min(1.0, high), 101), np.geomspace(1.0, max(high, 1.0), 121)])
    return np.unique(np.clip(grid, 0.0, high))


def _transition(met: np.ndarray, rising: bool) -> int | None:
    """First index k where the goal switches (unmet -> met if rising, met -> unmet if not)."""
    before, after = met[:-1], met[1:]
    switch = (~before & after) if rising else (before & ~after)
    hits = np.flatnonzero(switch)
    return int(hits[0]) if hits.size else None


def _bisect(evaluate_ms, goals: list, brackets: list, rising: bool) -> list[float | None]:
    """Narrow each bracket ``(a, b)`` around its goal's switch, all brackets in one batch per round."""
    brackets = [list(b) if b is not None else None for b in brackets]

    def open_(b):
        return b is not None and b[1] - b[0] > _REL_TOL * max(1.0, abs(b[1]))

    for _ in range(60):
        active = [j for j, b in enumerate(brackets) if open_(b)]
        if not active:
            break
        pts = [np.linspace(brackets[j][0], brackets[j][1], _POINTS + 2)[1:-1] for j in active]
        result = evaluate_ms(np.concatenate(pts))
        offset = 0
        for j, p in zip(active, pts):
            g = goals[j](result)[offset:offset + p.size]
            offset += p.size
            met = np.concatenate([[not rising], g >= 0, [rising]])
            xs = np.concatenate([[brackets[j][0]], p, [brackets[j][1]]])
            k = _transition(met, rising)
            # The padded ends are unmet and met (met and unmet when falling), so a switch always exists.
            assert k is not None
            brackets[j] = [xs[k], xs[k + 1]]
    return [None if b is None else float(0.5 * (b[0] + b[1])) for b in brackets]


@dataclass(frozen=True)
class LeverBreakEven:
    """Where one lever breaks even: multiples of plan, or ``None`` with the reason why none does."""

    lever: str
    npv_zero_multiplier: float | None
    payback_target_multiplier: float | None
    reason: str | None
    npv_zero_reason: str | None
    payback_target_reason: str | None
    max_multiplier: float
    target_payback_months: float


@dataclass(frozen=True)
class BreakEven:
    """The three levers' break-even points."""

    hours_saved: LeverBreakEven
    adoption: LeverBreakEven
    price: LeverBreakEven

    def levers(self) -> tuple[LeverBreakEven, ...]:
        return (self.hours_saved, self.adoption, self.price)


def break_even(scenario: Scenario, target_payback_months: float = 12) -> BreakEven:
    """What you would have to believe: the multiples of the plan's values that break even.

    For each lever (``hours_saved``, ``adoption``, ``price``) the multiplier ``m``
    is applied to every team's value at once (and to literacy's when it earns,
    or for price when its licences cost something); ``npv_zero_multiplier`` is
    the ``m`` in [0, 100] at which NPV is 0, ``payback_target_multiplier`` the one
    at which payback equals ``target_payback_months`` (the least hours or
    adoption, or the highest price, that still pays back by then). Adoption
    cannot pass 100%: its search stops at ``m = 1 / (highest adoption)``, given
    as ``max_multiplier``. Values are found on a grid, then by vectorized
    bisection to 1e-13 relative.

    Returns
    -------
    BreakEven
        One :class:`LeverBreakEven` per lever; a multiplier is ``None`` when no
        ``m`` in range reaches it, and its reason says why (``reason`` joins both,
        ``None`` when both are found).

    Examples
    --------
    >>> from calculator.presets import load_preset
    >>> found = break_even(load_preset("seed-marketing-team"))
    >>> round(found.hours_saved.npv_zero_multiplier, 4)   # fully loaded: 54% of the planned hours break even
    0.5371
    >>> found.adoption.npv_zero_multiplier == found.hours_saved.npv_zero_multiplier
    True
    """
    if not (isinstance(target_payback_months, (int, float)) and target_payback_months > 0):
        raise ValueError(f"target_payback_months: must be a number > 0, got {target_payback_months!r}")
    horizon_months = scenario.finance.horizon_months
    return BreakEven(**{lever: LeverBreakEven(lever=lever, **_break_even_lever(
        scenario, lever, float(target_payback_months), horizon_months)) for lever in LEVERS})


_WHAT = {"hours_saved": "hours saved", "adoption": "adoption", "price": "the price"}


def _break_even_lever(scenario: Scenario, lever: str, target: float, horizon_months: int) -> dict:
    leaves = _lever_leaves(scenario, lever)
    rising = lever != "price"  # more hours or adoption helps; a higher price hurts
    high = MAX_MULTIPLIER
    if lever == "adoption" and leaves:
        high = min(MAX_MULTIPLIER, 1.0 / max(leaf_base(scenario, leaf) for leaf in leaves))
    entry: dict[str, Any] = {"npv_zero_multiplier": None, "payback_target_multiplier": None, "reason": None,
             "npv_zero_reason": None, "payback_target_reason": None, "max_multiplier": high,
             "target_payback_months": target}
    if not leaves:
        why = {"hours_saved": "the plan counts no hours saved, so no multiple of them changes the result",
               "adoption": "no team in the plan saves hours, so no adoption rate changes the result",
               "price": "the plan pays no price (the training is free or already licensed)"}[lever]
        entry.update(npv_zero_reason=why, payback_target_reason=why, reason=why)
        return entry

    def evaluate_ms(ms: np.ndarray):
        return evaluate_batch(scenario, _scaled(scenario, leaves, ms))

    def npv_goal(result):
        return result.npv

    def payback_goal(result):
        months = np.where(np.isnan(result.payback_months), np.inf, result.payback_months)
        return target - months

    grid = _grid(high)
    result = evaluate_ms(grid)
    brackets, reasons = [], []
    for goal, kind in ((npv_goal, "npv"), (payback_goal, "payback")):
        met = goal(result) >= 0
        # Payback is only measured within the horizon: it can never equal a later target.
        k = None if kind == "payback" and target > horizon_months else _transition(met, rising)
        brackets.append(None if k is None else (grid[k], grid[k + 1]))
        reasons.append(None if k is not None else _no_multiplier_reason(
            lever, kind, bool(met[0]), high, target, horizon_months))
    npv_m, payback_m = _bisect(evaluate_ms, [npv_goal, payback_goal], brackets, rising)
    entry.update(npv_zero_multiplier=npv_m, payback_target_multiplier=payback_m,
                 npv_zero_reason=reasons[0], payback_target_reason=reasons[1])
    joined = " ".join(r[0].upper() + r[1:] + "." for r in reasons if r)
    entry["reason"] = joined or None
    return entry


def _no_multiplier_reason(lever: str, kind: str, met_at_zero: bool, high: float, target: float,
                          horizon_months: int) -> str:
    """Why no multiple in [0, high] reaches the goal (the goal is monotone in m on the grid)."""
    what = _WHAT[lever]
    # "Breaks even on NPV", not "pays for itself": the Pitch says the plan "pays back" in N months on value,
    # and a reader took "pay for itself" for that payback (walk D9).
    goal = "breaks even on NPV" if kind == "npv" else f"pays back within {count(target, 'month')}"
    if kind == "payback" and target > horizon_months:
        return (f"the target ({count(target, 'month')}) is past the {horizon_months}-month horizon, "
                "and payback is only measured within the horizon")
    if lever == "price":
        if not met_at_zero:
            return f"even free training never {goal} (participants' time or the value counted falls short)"
        return f"it {goal} even at a price of {share_of_plan(high, round_up=False)}"
    if met_at_zero:
        return f"it {goal} even with no {what}, since nothing is spent"
    if lever == "adoption" and high < MAX_MULTIPLIER:
        return (f"adoption cannot pass 100%: even with every team at full adoption "
                f"({share_of_plan(high, round_up=False)}) it never {goal}")
    return f"even {what} at {share_of_plan(high, round_up=False)} never {goal}"


# Under 1% of plan a price rounds down to "0% of plan", which reads as nonsense or as "free": the table
# and the sentences say "under 1% of plan" and what that means instead (issue 22).
ALL_BUT_FREE = 0.01


def share_text(lever: str, multiplier: float) -> str:
    """A lever's break-even multiplier as a share of plan, rounded to the side that keeps the claim true.

    Up for hours and adoption (value must reach at least this), down for price (it may rise
    at most to this); the sentences and the page's table both read it from here.

    >>> share_text("hours_saved", 0.2412), share_text("price", 4.1466), share_text("price", 0.0041)
    ('25% of plan', '4.1 times plan', 'under 1% of plan')
    """
    if lever == "price" and multiplier < ALL_BUT_FREE:
        return f"under {share_of_plan(ALL_BUT_FREE, round_up=False)}"  # not "0% of plan": it is not free
    return share_of_plan(multiplier, round_up=lever != "price")


def break_even_sentences(result: BreakEven) -> list[str]:
    """The break-even result as plain sentences for a slide or a meeting.

    Examples
    --------
    >>> def lever(name, npv_m, payback_m):
    ...     return LeverBreakEven(name, npv_m, payback_m, None, None, None, 100.0, 12)
    >>> found = BreakEven(lever("hours_saved", 0.38, 1.25), lever("adoption", None, None),
    ...                   lever("price", None, None))
    >>> for line in break_even_sentences(found)[:2]:
    ...     print(line)
    Hours saved could fall to 38% of plan before the NPV falls below zero.
    To pay back within 12 months, hours saved would have to reach 125% of plan.

    Shares are rounded to the safe side (hours and adoption up, price down), so
    each sentence stays true as printed.
    """
    lines = []
    for entry in result.levers():
        lever = entry.lever
        what = _WHAT[lever]
        title = what[0].upper() + what[1:]
        within = f"within {count(entry.target_payback_months, 'month')}"
        rising = lever != "price"
        if (entry.npv_zero_multiplier is None and entry.payback_target_multiplier is None
                and entry.npv_zero_reason == entry.payback_target_reason):
            lines.append(f"{title}: no break-even point. " + _sentence(entry.npv_zero_reason))
            continue
        m = entry.npv_zero_multiplier
        if m is None:
            lines.append(f"{title}: no break-even point. " + _sentence(entry.npv_zero_reason))
        elif not rising and m < ALL_BUT_FREE:
            lines.append(f"{title} would have to fall {share_text(lever, m)} for the NPV to break even: only "
                         "training that is all but free breaks even.")
        elif (m < 1) == rising:  # slack: the plan survives a worse value
            lines.append(f"{title} could {'fall' if m < 1 else 'rise'} to {share_text(lever, m)} "
                         "before the NPV falls below zero.")
        else:
            lines.append(f"{title} would have to {'reach' if m > 1 else 'fall to'} {share_text(lever, m)} "
                         "for the NPV to break even.")
        m = entry.payback_target_multiplier
        if m is None:
            lines.append(f"{title}: no multiple of plan pays back {within}. "
                         + _sentence(entry.payback_target_reason))
        elif not rising and m < ALL_BUT_FREE:
            lines.append(f"To pay back {within}, {what} would have to fall {share_text(lever, m)}: only "
                         f"training that is all but free pays back {within}.")
        elif (m < 1) == rising:
            lines.append(f"{title} could {'fall' if m < 1 else 'rise'} to {share_text(lever, m)} "
                         f"and it would still pay back {within}.")
        else:
            lines.append(f"To pay back {within}, {what} would have to "
                         f"{'reach' if m > 1 else 'fall to'} {share_text(lever, m)}.")
    return lines


def _sentence(text: str | None) -> str:
    if not text:
        return ""
    return text[0].upper() + text[1:] + "."
