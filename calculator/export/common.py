"""What every export shares: the one evaluation, safe text, file names, and the words around the numbers.

Every export is built from one :class:`calculator.pitch.PitchSummary` (one
``pitch_summary()`` call); nothing here recomputes a result. The helpers only
pick numbers out of it and format them with :mod:`calculator.formatting`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..charts.style import TIER_NAMES
from ..formatting import (
    SYMBOLS,
    ZERO_TOLERANCE,
    count,
    fte,
    hours,
    money,
    months,
    nothing_spent,
    payback,
    percent,
    share,
)
from ..formatting import slug as slug  # re-exported: the exports' file names, named in formatting
from ..model import Result
from ..pitch import PitchSummary, pitch_summary
from ..presets import adoption_assumptions, price_benchmark
from ..scenario import AiTools, Organization, Scenario

# A spreadsheet reads a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 forbids, and lone surrogates (a JSON file may hold "\ud800"): XML writers reject them,
# UTF-8 cannot encode them, and vl-convert aborts the process on them.
NON_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text any XML-based file (SVG, XLSX, PPTX) can hold: forbidden characters become U+FFFD.

    >>> xml_safe("Team\\x01 A\\x0b")
    'Team\\ufffd A\\ufffd'
    """
    return NON_XML.sub("\ufffd", text)


def inert(text: str) -> str:
    """User text made safe for a spreadsheet cell: a formula trigger at the start gets a quote before it.

    >>> inert("=HYPERLINK(\\"http://x\\")"), inert("+1"), inert("Marketing")
    ('\\'=HYPERLINK("http://x")', "'+1", 'Marketing')
    """
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


@dataclass(frozen=True)
class Export:
    """One evaluation of a scenario and the date the files carry: the one input of every export function.

    Made by :meth:`of` from a scenario (evaluated here, once) or by :meth:`from_summary` from a
    :class:`~calculator.pitch.PitchSummary` already computed; every file built from one ``Export``
    shows the same numbers and the same date.

    Examples
    --------
    >>> from calculator import load_preset
    >>> ex = Export.of(load_preset("seed-marketing-team"), dt.date(2026, 1, 5))
    >>> ex.date_text, ex.scenario.name
    ('05 Jan 2026', 'Seed: marketing team of 8')
    """

    summary: PitchSummary
    as_of: dt.date

    @classmethod
    def of(cls, scenario: Scenario, as_of: dt.date | None = None) -> Export:
        """Evaluate ``scenario`` once (with :func:`~calculator.pitch.pitch_summary`), dated ``as_of`` (today)."""
        return cls(pitch_summary(scenario), as_of or dt.date.today())

    @classmethod
    def from_summary(cls, summary: PitchSummary, as_of: dt.date | None = None) -> Export:
        """An export of a summary already computed (the Pitch page's), dated ``as_of`` (today).

        >>> from calculator import load_preset
        >>> summary = pitch_summary(load_preset("seed-marketing-team"))
        >>> Export.from_summary(summary).summary is summary
        True
        """
        return cls(summary, as_of or dt.date.today())

    @property
    def result(self) -> Result:
        return self.summary.result

    @property
    def scenario(self) -> Scenario:
        return self.summary.result.scenario

    @property
    def currency(self) -> str:
        return self.scenario.currency

    @property
    def date_text(self) -> str:
        return self.as_of.strftime("%d %b %Y")

    def money(self, value: float | None, exact: bool = True) -> str:
        return money(value, self.currency, exact=exact)


# --------------------------------------------------------------------------- headline numbers
def headline(ex: Export) -> list[tuple[str, str]]:
    """The headline numbers as (label, text), in the order the Pitch page shows them: the decision first, then
    its honest bracket, then the baseline committed regardless and the whole program (methodology v3).

    >>> from calculator import load_preset
    >>> rows = dict(headline(Export.of(load_preset("seed-marketing-team"))))
    >>> rows["FTE capacity added"]
    '0.75 FTE'
    >>> rows = dict(headline(Export.of(load_preset("starter-300-person-pilots"))))
    >>> rows["Committed regardless (baseline, not in the decision)"]
    '$76,829; whole program NPV -$78,722'
    """
    r, s = ex.result, ex.scenario
    rows = [("Decision cost, fully loaded", ex.money(r.total_cost))]
    fees = ex.money(r.program_fees)
    if ex.summary.fees_low is not None:
        fees += f" ({ex.money(ex.summary.fees_low)} to {ex.money(ex.summary.fees_high)})"
    # The benefit-cost ratio (ROI / 100 + 1) makes room for the v2 lines; it stays in the summary CSV.
    horizon = s.finance.horizon_months
    rows += [
        ("Program fees (the invoice, before cost risk), within it", fees),
        ("Cash cost (fees, AI seats, other costs)", ex.money(r.cash_cost)),
        (f"Value over {count(horizon, 'month')}", f"{ex.money(r.total_benefit)} ({ex.money(r.cash_benefit)} cash, "
                                         f"{ex.money(r.capacity_benefit)} capacity)"),
        (f"Decision NPV at {s.finance.annual_discount_rate:.1%} a year",
         f"{ex.money(r.npv)} (cash alone {ex.money(r.cash_npv)})"),
    ]
    if ex.summary.npv_pessimistic is not None:
        rows.append(("Decision NPV, pessimistic to optimistic",
                     f"{ex.money(ex.summary.npv_pessimistic)} to {ex.money(ex.summary.npv_optimistic)}"))
    added = hours(r.annual_hours_saved)
    if r.annual_hours_without_training > ZERO_TOLERANCE:
        added += f" (over {hours(r.annual_hours_without_training)} they would save anyway)"
    rows += [
        ("Present-value ROI", f"{percent(r.roi_pv_pct)} (undiscounted {percent(r.roi_pct)})"),
        ("Payback: value / cash",
         f"{payback(r.payback_months, r.total_cost)} / {payback(r.cash_payback_months, r.cash_cost)}"),
        ("Hours a year added (capacity, not cash)", added),
        ("FTE capacity added", fte(r.fte_returned)),
    ]
    if r.baseline["total_cost"] > ZERO_TOLERANCE or abs(r.baseline["total_benefit"]) > ZERO_TOLERANCE:
        rows.append(("Committed regardless (baseline, not in the decision)",
                     f"{ex.money(r.baseline['total_cost'])}; whole program NPV {ex.money(r.program['npv'])}"))
    return rows


def tier_rows(ex: Export) -> list[dict]:
    """Cost and value by tier over the horizon, as display text (people, cost, cost per person, value)."""
    r = ex.result
    return [{"tier": name, "people": f"{r.people_by_tier[t]:,}", "cost": ex.money(r.cost_by_tier[t]),
             "cost_per_person": ex.money(r.cost_per_employee_by_tier[t]), "value": ex.money(r.benefit_by_tier[t])}
            for t, name in TIER_NAMES.items()]


# --------------------------------------------------------------------------- assumptions and their sources
BLS_SOURCE = ("BLS Employer Costs for Employee Compensation (ECEC), June 2025, released 12 Sep 2025: "
              "US private industry")
GUIDE = "AI training guide (Leland, April 2026)"
YOURS = "Your assumption (the guide gives no figure)"


def _range_text(values: list[float], fmt) -> str:
    low, high = min(values), max(values)
    return fmt(low) if low == high else f"{fmt(low)} to {fmt(high)}"


def key_assumptions(ex: Export) -> list[tuple[str, str, str]]:
    """The assumptions a CFO challenges first, as (assumption, value, source).

    >>> rows = key_assumptions(Export.of(Scenario()))
    >>> rows[0][:2]
    ('Loaded hourly cost', '$45.65 an hour')
    """
    s = ex.scenario
    org, fin, lit = s.organization, s.finance, s.literacy
    sym = SYMBOLS.get(ex.currency, ex.currency + " ")
    default = Organization()  # the scenario format's defaults: the BLS hourly cost, the guide's working year
    guide_year = f"{count(default.working_weeks_per_year, 'week')} and {default.hours_per_fte_year:,.0f} hours"
    rows = [
        ("Loaded hourly cost", f"{sym}{org.loaded_hourly_cost:,.2f} an hour",
         BLS_SOURCE if org.loaded_hourly_cost == default.loaded_hourly_cost
         else f"Your input (default ${default.loaded_hourly_cost:,.2f}: {BLS_SOURCE})"),
        ("Working year", f"{count(org.working_weeks_per_year, 'week')}, {org.hours_per_fte_year:,.0f} hours per FTE",
         f"{GUIDE}: {guide_year}"
         if (org.working_weeks_per_year, org.hours_per_fte_year)
         == (default.working_weeks_per_year, default.hours_per_fte_year)
         else f"Your input (the guide uses {guide_year})"),
        ("Horizon and discount rate", f"{count(fin.horizon_months, 'month')} at {fin.annual_discount_rate:.1%} a year",
         "Your finance team's choice"),
        # Recapture, benefit risk and decay share a source: one row (the brief keeps to two pages).
        ("Value of saved hours", f"{share(fin.productivity_recapture)} recaptured, "
         f"{share(fin.benefit_risk_adjustment)} benefit risk haircut, {share(fin.annual_benefit_decay)} decay a year "
         "after coaching", YOURS),
        ("Cost risk adjustment", f"{share(fin.cost_risk_adjustment)} added to every cost line", YOURS),
        ("Participants' time in cost", "yes" if fin.include_participant_time else "no", "Your choice"),
        _seats_row(ex),
        _other_costs_row(ex),
        ("Cash share of value", _cash_shares(s), CASH_SOURCE),
    ]
    if lit.enabled:
        licence = ("already licensed: $0 incremental" if lit.already_licensed
                   else f"{sym}{lit.seat_price_per_month:,.0f} per seat per month for "
                        f"{count(lit.access_months, 'month')}")
        rows.append(("Tier 1 literacy", f"{count(s.learners, 'learner')}, {licence}",
                     price_benchmark("platform").source))
    by_delivery: dict[str, list] = {}
    for c in s.cohorts:
        by_delivery.setdefault(c.delivery, []).append(c)
    adoption = adoption_assumptions()
    for delivery, teams in by_delivery.items():
        units = sorted({c.price_unit.replace("_", " ") for c in teams})
        price = _range_text([c.price for c in teams], lambda v: f"{sym}{v:,.0f}")
        lengths = [c.engagement_weeks for c in teams]
        # "1 week", "6 weeks", "1 to 8 weeks": the noun agrees with the last number said.
        weeks = (count(lengths[0], "week") if min(lengths) == max(lengths)
                 else f"{min(lengths):g} to {count(max(lengths), 'week')}")
        source = price_benchmark(delivery).source  # a validated team's delivery always has one
        if delivery == "coaching" and any(c.price_unit == "per_employee_per_week" for c in teams):
            # The guide prints "per month" but its own totals only add up per week: say so where it is quoted.
            source += "; read per week, as the guide's own totals ($12K-$40K for 10 people) require"
        rows.append((f"Price: {delivery}", f"{count(len(teams), 'team')}, {price} {' / '.join(units)}, {weeks}",
                     source))
        adopt = _range_text([c.adoption_rate for c in teams], lambda v: f"{v:.0%}")
        saved = _range_text([c.hours_saved_per_person_per_week for c in teams], lambda v: f"{v:g} h")
        source = adoption[delivery].source if delivery in adoption else YOURS
        rows.append((f"Adoption and time saved: {delivery}", f"{adopt} adopt; {saved} saved per person per week",
                     f"{source}; measure both in the pilot"))
    return rows


SEATS_SOURCE = "Microsoft 365 Copilot list price, $30 a user a month on an annual commitment"
CASH_SOURCE = "Your assumption: cash only for a hire or backfill avoided, or overtime or contractors cut"


def _seats_row(ex: Export) -> tuple[str, str, str]:
    """The AI tool seats: their price and what they add over the horizon (cost risk included), or licensed."""
    tools, horizon = ex.scenario.ai_tools, ex.scenario.finance.horizon_months
    if tools.already_licensed:
        return "AI tool seats", "already licensed: $0 incremental", "Your input"
    value = (f"{ex.money(tools.seat_price_per_month)} a seat a month, not licensed yet: "
             f"{ex.money(ex.result.cost_by_line['ai_seats'])} over {count(horizon, 'month')} with cost risk")
    default = AiTools().seat_price_per_month
    source = SEATS_SOURCE if tools.seat_price_per_month == default else f"Your input ({SEATS_SOURCE})"
    return "AI tool seats", value, source


def _other_costs_row(ex: Export) -> tuple[str, str, str]:
    """The program costs outside any tier, as entered (before cost risk), named without their workings."""
    entries = ex.scenario.other_costs
    if not entries:
        return "Other program costs", "none entered", "Your plan"
    total = sum(entry.amount for entry in entries)
    names = "; ".join(entry.name.split(" (")[0].strip() or entry.name for entry in entries)
    return ("Other program costs", f"{ex.money(total)} before cost risk ({count(len(entries), 'item')})",
            f"Your estimates: {names}")


def _cash_shares(s: Scenario) -> str:
    """Each team's cash share ("25% for every team" when they agree), and Tier 1's where it earns value."""
    shares = [(c.name, c.cash_share) for c in s.cohorts]
    lit = s.literacy
    if lit.enabled and (lit.cash_share or lit.hours_saved_per_person_per_week * lit.adoption_rate):
        shares.insert(0, ("Tier 1 literacy", lit.cash_share))
    if not shares:
        return "no team yet"
    if len({value for _, value in shares}) == 1:
        return f"{share(shares[0][1])} for every team" if s.cohorts else f"{share(shares[0][1])} for Tier 1"
    return ", ".join(f"{name} {share(value)}" for name, value in shares)


NEXT_STEPS = (
    "Weeks 1-2: audit current training spend against real behaviour change; pick 3-5 teams with high potential.",
    "Weeks 3-6: launch Tier 1 literacy (30-day completion target) and coach 2-3 pilot teams on their own work.",
    "Weeks 7-13: measure workflows adopted, hours saved and adoption; choose the next 5-10 teams.",
    "At day 90: present measured results against this case and update the scenario with them.",
)


# --------------------------------------------------------------------------- chart takeaways
def takeaway(ex: Export, chart_name: str) -> str:
    """One sentence a slide states under a chart, from the result's own numbers.

    >>> from calculator import load_preset
    >>> takeaway(Export.of(load_preset("seed-marketing-team")), "hours")[:25]
    '1,560 h a year come back '
    """
    r, s = ex.result, ex.scenario
    horizon = s.finance.horizon_months
    if chart_name == "cashflow":
        if nothing_spent(r.total_cost):
            return "Nothing is spent, so there is nothing to pay back."
        if r.payback_months is None:
            return (f"The program does not pay back within {count(horizon, 'month')}: "
                    f"cumulative net ends at {ex.money(r.net_benefit)}.")
        when = "from the first week" if r.payback_months == 0 else f"in {months(r.payback_months)}"
        return f"Pays back {when}; by month {horizon} the cumulative net is {ex.money(r.net_benefit)}."
    if chart_name == "tiers":
        parts = [f"{name}: {ex.money(r.cost_by_tier[t], exact=False)} in, "
                 f"{ex.money(r.benefit_by_tier[t], exact=False)} of value"
                 for t, name in TIER_NAMES.items() if r.people_by_tier[t] > 0]
        return ("; ".join(parts) or "No tier has anyone in it yet") + f" over {count(horizon, 'month')}."
    if chart_name == "hours":
        return (f"{hours(r.annual_hours_saved)} a year come back once every team is up to speed "
                f"({fte(r.fte_returned)}); {hours(r.hours_saved_in_horizon)} over the {count(horizon, 'month')}.")
    return ex.summary.sentence


def ninety_days_text(scenario) -> str:
    """The 90-day report for the pack, or why it is missing (a Scenario built in code may skip validation).

    >>> from calculator import load_preset
    >>> ninety_days_text(load_preset("seed-200-person-org")).startswith("In the first 90 days")
    True
    """
    from ..rollout.ninety_day import ninety_day_report
    from ..scenario import ScenarioError

    try:
        return ninety_day_report(scenario)
    except ScenarioError as exc:
        return "The 90-day report is not available for this scenario: " + "; ".join(exc.problems)


# --------------------------------------------------------------------------- the budget plan
def budget_rows(view, currency: str = "USD") -> list[tuple[str, str, str, str, str]]:
    """The Budget planner's selection as text: (team, option chosen, cash cost, NPV, payback).

    >>> from calculator import load_preset
    >>> from calculator.planner import budget_view
    >>> budget_rows(budget_view(load_preset("seed-200-person-org"), 250_000))[0][0]
    'Marketing'
    """
    return [(r["team"], r["option"], money(r["cost"], currency, exact=True), money(r["npv"], currency, exact=True),
             "-" if r["option"] == "skip" else months(r["payback_months"]))
            for r in view.selection_rows(currency)]


def budget_heading(view, currency: str = "USD") -> str:
    """One line naming the budget, what it funds and its objective, for the brief and the deck.

    >>> from calculator import load_preset
    >>> from calculator.planner import budget_view
    >>> heading = budget_heading(budget_view(load_preset("starter-300-person-pilots"), 100_000))
    >>> heading[:88]
    'With a cash budget of $100.0K, the best selection funds 1 of 2 teams for $35.5K of cash '
    >>> heading[88:]
    "(fixed costs $10.8K included) and returns $13.3K of NPV from its teams; the decision's NPV with this \
selection, fixed costs included, is $2.7K."
    """
    from ..planner import value_text

    plan = view.plan
    npv = "" if plan.objective == "npv" and not plan.fixed.npv else (
        f"; the decision's NPV with this selection, fixed costs included, is {money(plan.program_npv, currency)}")
    return (f"With a cash budget of {money(plan.budget, currency)}, the best selection funds {plan.funded} of "
            f"{count(len(plan.choice), 'team')} for {money(plan.total_cost, currency)} of cash (fixed costs "
            f"{money(plan.fixed.cost, currency)} included) and returns "
            f"{value_text(plan.objective_value, plan.objective, currency)} from its teams{npv}.")
