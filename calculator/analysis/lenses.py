"""Three lenses: the same plan read as entered, TEI-style and Phillips-conservative.

A lens changes only finance settings (and, for Phillips, which weeks of benefit
count), never the teams. Each keeps one haircut on saved time: TEI-style uses
recapture and a risk adjustment; Phillips uses attribution x confidence *in place
of* recapture (and no risk adjustment), so the two discounts on the same hours
are never multiplied together.

**TEI-style** (Forrester's Total Economic Impact): 36 months, recapture 0.5,
benefit risk 0.10, cost risk 0.10 (costs x 1.10), participants' time counted,
discounted at 10% a year; its ROI is the **present-value ROI** (``npv / pv_cost``)
and its payback is read on the risk-adjusted flows (both risks applied). Each
setting **replaces** the scenario's own, the cost risk included: a scenario that
carries 10% is read at TEI's 10%, never 1.10 x 1.10. The assumptions say what
each setting replaced.

**Phillips conservative** (the Phillips ROI Methodology): fully loaded costs
(fees, participants' time, AI seats where not already licensed, every other
program cost such as evaluation and administration); for each team, the
benefits of the **12 months after its engagement ends**, plus the ramp during
it; saved time valued at attribution x confidence; the horizon long enough to
hold every team's year. Its ROI is Phillips's ``(benefits - costs) / costs``,
undiscounted; its NPV discounts the same counted flows at the entered rate. Its
assumptions say what it replaced (recapture and benefit risk) and what it keeps
as entered (the cost risk, AI seats, other costs).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from ..formatting import count, money, nothing_spent, payback, payback_card_value, percent, sentence_start
from ..model import Result, evaluate, evaluate_batch, literacy_weeks, payback_months
from ..scenario import Scenario

TEI_DEFAULTS = {
    "productivity_recapture": 0.5,
    "annual_discount_rate": 0.10,
    "horizon_months": 36,
    "benefit_risk_adjustment": 0.10,
    "cost_risk_adjustment": 0.10,
    "include_participant_time": True,
}
PHILLIPS_DEFAULTS = {
    "attribution": 0.5,
    "confidence": 0.8,
    "benefit_months": 12,
    "include_participant_time": True,
}
_FINANCE_KEYS = ("horizon_months", "annual_discount_rate", "productivity_recapture",
                 "benefit_risk_adjustment", "cost_risk_adjustment", "include_participant_time")
_MAX_HORIZON = 120


def _checked(name: str, given: Mapping | None, defaults: dict, allowed: tuple) -> dict:
    params = dict(defaults)
    problems = []
    for key, value in (given or {}).items():
        where = f"{name}.{key}"
        if key not in allowed:
            problems.append(f"{where}: unknown parameter (one of {', '.join(allowed)})")
        elif key == "include_participant_time":
            if not isinstance(value, bool):
                problems.append(f"{where}: must be true or false, got {value!r}")
            else:
                params[key] = value
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.append(f"{where}: must be a number, got {value!r}")
        elif key in ("horizon_months", "benefit_months"):
            if value != int(value) or not 1 <= value <= _MAX_HORIZON:
                problems.append(f"{where}: must be a whole number of months from 1 to 120, got {value!r}")
            else:
                params[key] = int(value)
        elif not 0 <= value <= 1:
            problems.append(f"{where}: must be between 0 and 1, got {value!r}")
        else:
            params[key] = float(value)
    if problems:
        raise ValueError("\n".join(problems))
    return params


def _with_finance(scenario: Scenario, **changes) -> Scenario:
    return dataclasses.replace(scenario, finance=dataclasses.replace(scenario.finance, **changes))


def _finance_params(scenario: Scenario) -> dict:
    return {k: getattr(scenario.finance, k) for k in _FINANCE_KEYS}


@dataclass(frozen=True)
class Lens:
    """The plan read one way: its headline figures, its settings and its assumptions in words.

    ``roi_pct`` is the lens's own ROI (``roi_basis`` says which: present-value for
    TEI, Phillips's undiscounted one on the counted benefits); ``result`` is the
    model's result of the lens scenario, over ``horizon_months``.
    """

    key: str
    name: str
    npv: float
    roi_pct: float | None
    roi_basis: str
    payback_months: float | None
    total_cost: float
    total_benefit: float
    horizon_months: int
    parameters: dict
    assumptions: tuple[str, ...]
    notes: tuple[str, ...]
    result: Result = field(repr=False)

    def to_dict(self) -> dict:
        return {"key": self.key, "name": self.name, "npv": self.npv, "roi_pct": self.roi_pct,
                "roi_basis": self.roi_basis, "payback_months": self.payback_months, "total_cost": self.total_cost,
                "total_benefit": self.total_benefit, "horizon_months": self.horizon_months,
                "parameters": self.parameters, "assumptions": list(self.assumptions), "notes": list(self.notes),
                "results": self.result.to_dict()}


def _as_entered(scenario: Scenario) -> Lens:
    r = evaluate(scenario)
    horizon = scenario.finance.horizon_months
    return Lens("as_entered", "As entered", r.npv, r.roi_pct,
                "undiscounted ROI (the Pitch's card is the present-value ROI)", r.payback_months,
                r.total_cost, r.total_benefit, horizon, _finance_params(scenario),
                ("the scenario's own settings",), r.warnings, r)


def _replacing(new: str, old: str, same: bool) -> str:
    """What a lens assumes and what it replaced: "36 months in place of the scenario's 24"."""
    return f"{new} (as entered)" if same else f"{new} in place of the scenario's {old}"


def _pct(value: float) -> str:
    return f"{value:.0%}"


def _tei(scenario: Scenario, params: dict) -> Lens:
    # Every TEI setting replaces the scenario's own; none is applied on top of it. The cost risk above all:
    # a scenario already carrying 10% (the v3 presets) is read at TEI's 10%, not at 1.10 x 1.10.
    lens_scenario = _with_finance(scenario, **params)
    r = evaluate(lens_scenario)
    f = scenario.finance
    time = {True: "counted", False: "not counted"}
    words = (_replacing(count(params["horizon_months"], "month"), str(f.horizon_months),
                        params["horizon_months"] == f.horizon_months),
             _replacing(f"recapture {_pct(params['productivity_recapture'])}", _pct(f.productivity_recapture),
                        params["productivity_recapture"] == f.productivity_recapture),
             _replacing(f"benefit risk {_pct(params['benefit_risk_adjustment'])}", _pct(f.benefit_risk_adjustment),
                        params["benefit_risk_adjustment"] == f.benefit_risk_adjustment),
             f"cost risk {_pct(params['cost_risk_adjustment'])} in place of the scenario's "
             f"{_pct(f.cost_risk_adjustment)}, not on top of it",
             _replacing(f"participants' time {time[params['include_participant_time']]}",
                        time[f.include_participant_time],
                        params["include_participant_time"] == f.include_participant_time),
             _replacing(f"discounted at {_pct(params['annual_discount_rate'])} a year", _pct(f.annual_discount_rate),
                        params["annual_discount_rate"] == f.annual_discount_rate),
             "present-value ROI", "payback on the risk-adjusted flows")
    return Lens("tei", "TEI-style", r.npv, r.roi_pv_pct, "present-value ROI (NPV / PV of cost)", r.payback_months,
                r.total_cost, r.total_benefit, params["horizon_months"], _finance_params(lens_scenario), words,
                r.warnings, r)


def _benefit_windows(scenario: Scenario, benefit_weeks: int) -> list[tuple[str, int, int]]:
    """Each benefit stream's counted weeks: from its start to ``benefit_weeks`` after its engagement ends."""
    windows = []
    lit = scenario.literacy
    if lit.enabled:
        windows.append(("literacy", lit.start_week, lit.start_week + literacy_weeks(scenario) - 1 + benefit_weeks))
    for c in scenario.cohorts:
        windows.append((c.name, c.start_week, c.start_week + c.engagement_weeks - 1 + benefit_weeks))
    return windows


def phillips_horizon_months(scenario: Scenario, benefit_months: int = 12) -> int:
    """Months that hold every team's engagement and the ``benefit_months`` after it (at most 120).

    >>> from calculator.scenario import Cohort, Literacy
    >>> s = Scenario(literacy=Literacy(enabled=False), cohorts=(Cohort(start_week=20, engagement_weeks=6),))
    >>> phillips_horizon_months(s)   # weeks 20-25, then 52 weeks: week 77 ends in month ceil(77 x 12 / 52) = 18
    18
    """
    weeks_per_year = scenario.organization.working_weeks_per_year
    benefit_weeks = (2 * benefit_months * weeks_per_year + 12) // 24
    last = max((end for _, _, end in _benefit_windows(scenario, benefit_weeks)), default=benefit_weeks)
    return min(_MAX_HORIZON, max(1, math.ceil(last * 12 / weeks_per_year - 1e-9)))


def _phillips(scenario: Scenario, params: dict) -> Lens:
    factor = params["attribution"] * params["confidence"]
    weeks_per_year = scenario.organization.working_weeks_per_year
    horizon = phillips_horizon_months(scenario, params["benefit_months"])
    lens_scenario = _with_finance(scenario, productivity_recapture=factor, benefit_risk_adjustment=0.0,
                                  horizon_months=horizon, include_participant_time=params["include_participant_time"],
                                  annual_discount_rate=params["annual_discount_rate"])
    batch = evaluate_batch(lens_scenario, keep_weekly=True)
    weekly = batch.kept_weekly()
    weeks = np.arange(1, batch.horizon_weeks + 1)
    benefit_weeks = (2 * params["benefit_months"] * weeks_per_year + 12) // 24
    counted = np.zeros(batch.horizon_weeks)
    windows = _benefit_windows(lens_scenario, benefit_weeks)
    # Literacy is tier 1's only stream; each team has its own weekly benefit.
    streams = ([weekly.weekly_benefit_by_tier[0, 0]] if lens_scenario.literacy.enabled else []) + [
        weekly.weekly_benefit_by_team[0, i] for i in range(len(lens_scenario.cohorts))]
    for stream, (_, start, end) in zip(streams, windows):
        counted += stream * ((weeks >= start) & (weeks <= end))
    cost = weekly.weekly_cost[0]
    net = counted - cost
    total_cost, total_benefit = float(cost.sum()), float(counted.sum())
    roi = (total_benefit - total_cost) / total_cost * 100.0 if total_cost > 1e-6 else None
    payback = float(payback_months(net[None, :], weeks_per_year)[0])
    r = evaluate(lens_scenario)
    f = scenario.finance
    words = (f"each team's benefits for the {count(params['benefit_months'], 'month')} after its engagement, "
             "plus the ramp during it",
             f"attribution x confidence = {params['attribution']:g} x {params['confidence']:g} = {factor:g} "
             f"in place of the scenario's recapture {_pct(f.productivity_recapture)} and benefit risk "
             f"{_pct(f.benefit_risk_adjustment)} (no risk haircut)",
             "fully loaded costs: fees, participants' time" if params["include_participant_time"]
             else "costs: fees (participants' time left out)",
             f"AI seats, other program costs and the cost risk ({_pct(f.cost_risk_adjustment)}) as entered",
             _replacing(f"{horizon}-month horizon", str(f.horizon_months), horizon == f.horizon_months)
             + " (long enough for every team's year)",
             _replacing(f"NPV at {_pct(params['annual_discount_rate'])} a year", _pct(f.annual_discount_rate),
                        params["annual_discount_rate"] == f.annual_discount_rate),
             "ROI undiscounted, as Phillips")
    notes = []
    if not scenario.other_costs:
        notes.append("No program costs outside the teams are entered (evaluation, administration): Phillips "
                     "counts them; add them as other costs.")
    if horizon == _MAX_HORIZON:
        notes.append("The 120-month limit cuts the last team's year short.")
    return Lens("phillips", "Phillips conservative", float((net * r.discount).sum()), roi,
                "undiscounted ROI on the counted benefits", None if math.isnan(payback) else payback,
                total_cost, total_benefit, horizon,
                {"attribution": params["attribution"], "confidence": params["confidence"],
                 "benefit_months": params["benefit_months"], **_finance_params(lens_scenario)},
                words, tuple(notes), r)


def lenses(scenario: Scenario, tei: Mapping | None = None, phillips: Mapping | None = None) -> tuple[Lens, ...]:
    """The plan read three ways: as entered, TEI-style and Phillips conservative.

    Parameters
    ----------
    scenario : Scenario
        The plan as entered.
    tei : mapping, optional
        Overrides of the TEI-style parameters: ``productivity_recapture`` (0.5),
        ``annual_discount_rate`` (0.10), ``horizon_months`` (36),
        ``benefit_risk_adjustment`` (0.10), ``cost_risk_adjustment`` (0.10),
        ``include_participant_time`` (True).
    phillips : mapping, optional
        Overrides of the Phillips parameters: ``attribution`` (0.5),
        ``confidence`` (0.8), ``benefit_months`` (12, counted after each
        engagement), ``include_participant_time`` (True), ``annual_discount_rate``
        (default: as entered).

    Returns
    -------
    tuple of Lens
        As entered, TEI-style, Phillips conservative; each with its NPV, ROI
        (and which ROI), payback, its parameters and its assumptions in words.

    Notes
    -----
    TEI: ``roi_pct = npv / pv_cost * 100`` of the lens scenario. Phillips: with
    ``b_w`` the benefit of weeks inside each stream's window (its start to
    ``benefit_months`` after its engagement ends) and ``c_w`` every cost in the
    horizon, ``roi_pct = (sum b - sum c) / sum c * 100`` and
    ``npv = sum (b_w - c_w) (1 + r) ** (-w / W)``.

    Examples
    --------
    >>> from calculator.presets import load_preset
    >>> out = lenses(load_preset("seed-200-person-org"))
    >>> [lens.name for lens in out]
    ['As entered', 'TEI-style', 'Phillips conservative']
    >>> out[2].parameters["productivity_recapture"], out[2].parameters["benefit_risk_adjustment"]   # 0.5 x 0.8
    (0.4, 0.0)
    """
    tei_params = _checked("tei", tei, TEI_DEFAULTS, tuple(TEI_DEFAULTS))
    ph = _checked("phillips", phillips,
                  {**PHILLIPS_DEFAULTS, "annual_discount_rate": scenario.finance.annual_discount_rate},
                  (*PHILLIPS_DEFAULTS, "annual_discount_rate"))
    return (_as_entered(scenario), _tei(scenario, tei_params), _phillips(scenario, ph))


def lens_help(lens: Lens) -> str:
    """Which ROI a lens reports and its assumptions, as the tooltip under the Pitch's lens row.

    Acronyms and names keep their case (AI, NPV, ROI, Phillips, TEI): only the first letter of each
    sentence is raised.

    >>> from calculator.presets import load_preset
    >>> lens_help(lenses(load_preset("seed-marketing-team"))[2]).endswith("ROI undiscounted, as Phillips.")
    True
    """
    return f"{sentence_start(lens.roi_basis)}. {sentence_start('; '.join(lens.assumptions))}."


def lens_summary(lens: Lens, currency: str = "USD") -> str:
    """A lens's three figures in one line, for the Pitch's lens row, the brief and the deck.

    >>> from calculator.presets import load_preset
    >>> lens_summary(lenses(load_preset("seed-marketing-team"))[1]).split(":")[0]
    'TEI-style (36 months at 10%)'
    """
    # Each lens states which ROI it reports: beside the Pitch's present-value ROI card, a bare "ROI -37%"
    # (undiscounted) read as a contradiction of the card's -42%.
    roi_name = "PV ROI" if lens.key == "tei" else "undiscounted ROI"
    # Each lens also names its horizon and rate: TEI's 36 months at 10% read better than a 24-month
    # headline without saying it counts a year more (two walks took it for the conservative figure).
    rate = lens.parameters["annual_discount_rate"] * 100
    return (f"{lens.name} ({count(lens.horizon_months, 'month')} at {round(rate, 2):g}%): "
            f"NPV {money(lens.npv, currency)} · {roi_name} {percent(lens.roi_pct)} · "
            f"payback {_short_payback(lens)}")


def _short_payback(lens: Lens) -> str:
    # As the cards say it ("> 36 mo"): the lens's name now states its horizon, and the long
    # "not within the horizon" took the row to three lines on a 1024 x 768 projector.
    if nothing_spent(lens.total_cost):
        return payback(lens.payback_months, lens.total_cost)
    return payback_card_value(lens.payback_months, lens.horizon_months)
