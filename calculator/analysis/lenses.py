"""Three lenses: the same inputs read as entered, TEI-style and Phillips-conservative.

A lens changes only finance settings, never the teams. Each keeps one haircut
on saved time: TEI-style uses recapture and a risk adjustment; Phillips uses
attribution x confidence *in place of* recapture (and no risk adjustment), so
the two discounts on the same hours are never multiplied together.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..model import Result, evaluate, horizon_weeks
from ..scenario import Scenario

TEI_DEFAULTS = {
    "productivity_recapture": 0.5,
    "annual_discount_rate": 0.10,
    "horizon_months": 36,
    "benefit_risk_adjustment": 0.10,
}
PHILLIPS_DEFAULTS = {
    "attribution": 0.5,
    "confidence": 0.8,
    "horizon_months": 12,
    "include_participant_time": True,
}
_FINANCE_KEYS = ("horizon_months", "annual_discount_rate", "productivity_recapture",
                 "benefit_risk_adjustment", "include_participant_time")


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
        elif key == "horizon_months":
            if value != int(value) or not 1 <= value <= 120:
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


def _spend_after_horizon(scenario: Scenario) -> list[str]:
    """Streams still being paid for after the lens's horizon (their later cost is not counted)."""
    last = horizon_weeks(scenario)
    names = [c.name for c in scenario.cohorts if c.start_week + c.engagement_weeks - 1 > last]
    lit = scenario.literacy
    if lit.enabled and not lit.already_licensed:
        access_weeks = math.ceil(lit.access_months * scenario.organization.working_weeks_per_year / 12 - 1e-9)
        if lit.start_week + access_weeks - 1 > last:
            names.insert(0, "Literacy licences")
    return names


@dataclass(frozen=True)
class Lens:
    """The plan read one way: its settings, the assumptions in words, and the model's result."""

    key: str
    name: str
    parameters: dict
    assumptions: tuple[str, ...]
    result: Result = field(repr=False)
    notes: tuple[str, ...] = ()

    @property
    def npv(self) -> float:
        return self.result.npv

    @property
    def roi_pct(self) -> float | None:
        return self.result.roi_pct

    @property
    def payback_months(self) -> float | None:
        return self.result.payback_months

    def to_dict(self) -> dict:
        return {"key": self.key, "name": self.name, "parameters": self.parameters,
                "assumptions": list(self.assumptions), "results": self.result.to_dict(), "notes": list(self.notes)}


def lenses(scenario: Scenario, tei: Mapping | None = None, phillips: Mapping | None = None) -> tuple[Lens, ...]:
    """The plan read three ways: as entered, TEI-style and Phillips conservative.

    Parameters
    ----------
    scenario : Scenario
        The plan as entered.
    tei : mapping, optional
        Overrides of the TEI-style parameters: ``productivity_recapture`` (0.5),
        ``annual_discount_rate`` (0.10), ``horizon_months`` (36),
        ``benefit_risk_adjustment`` (0.10), ``include_participant_time``
        (default: as entered).
    phillips : mapping, optional
        Overrides of the Phillips parameters: ``attribution`` (0.5),
        ``confidence`` (0.8), ``horizon_months`` (12), ``include_participant_time``
        (True), ``annual_discount_rate`` (default: as entered).

    Returns
    -------
    tuple of Lens
        As entered, TEI-style, Phillips conservative; each with its parameters,
        its assumptions in words and the lens scenario's model result.

    Notes
    -----
    *Phillips conservative* counts **first-year benefits only** by evaluating a
    12-month horizon from week 1 of the program: benefits after month 12 are
    left out, and so is any cost paid after month 12. With the usual plan (every
    engagement finished within the year) that leaves the whole cost against
    one year of benefit. When an engagement runs past month 12 its later cost
    falls outside the lens too; ``notes`` names those teams so nobody reads the
    lens as more conservative than it is. Participants' time is counted as a
    cost, and saved time is multiplied by ``attribution * confidence`` instead
    of the entered recapture, with no risk adjustment: one haircut, not two.

    Examples
    --------
    >>> from calculator.presets import load_preset
    >>> names = [lens.name for lens in lenses(load_preset("seed-200-person-org"))]
    >>> names
    ['As entered', 'TEI-style', 'Phillips conservative']
    >>> phillips = lenses(load_preset("seed-200-person-org"))[2].parameters
    >>> phillips["productivity_recapture"], phillips["benefit_risk_adjustment"]   # 0.5 x 0.8, no risk haircut
    (0.4, 0.0)
    """
    fin = scenario.finance
    tei_params = _checked("tei", tei, {**TEI_DEFAULTS, "include_participant_time": fin.include_participant_time},
                          (*TEI_DEFAULTS, "include_participant_time"))
    ph = _checked("phillips", phillips, {**PHILLIPS_DEFAULTS, "annual_discount_rate": fin.annual_discount_rate},
                  (*PHILLIPS_DEFAULTS, "annual_discount_rate"))

    tei_scenario = _with_finance(scenario, **tei_params)
    factor = ph["attribution"] * ph["confidence"]
    ph_scenario = _with_finance(
        scenario, productivity_recapture=factor, benefit_risk_adjustment=0.0,
        horizon_months=ph["horizon_months"], include_participant_time=ph["include_participant_time"],
        annual_discount_rate=ph["annual_discount_rate"])

    ph_notes = ["First-year benefits only: the lens's horizon is its first "
                f"{ph['horizon_months']} months; nothing after it is counted.",
                "Saved time is multiplied by attribution x confidence "
                f"({ph['attribution']:g} x {ph['confidence']:g} = {factor:g}) instead of recapture."]
    late = _spend_after_horizon(ph_scenario)
    if late:
        ph_notes.append("Still being paid for after the horizon (that later cost is not counted): "
                        + ", ".join(late) + ".")

    tei_words = (f"{tei_params['horizon_months']} months", f"recapture {tei_params['productivity_recapture']:.0%}",
                 f"benefit risk {tei_params['benefit_risk_adjustment']:.0%}",
                 f"discount rate {tei_params['annual_discount_rate']:.0%} a year",
                 "participants' time " + ("counted" if tei_params["include_participant_time"] else "not counted"))
    ph_words = (f"first {ph['horizon_months']} months", f"attribution x confidence = {factor:g}",
                "participants' time " + ("counted" if ph["include_participant_time"] else "not counted"),
                f"discount rate {ph['annual_discount_rate']:.0%} a year")
    return (
        Lens("as_entered", "As entered", _finance_params(scenario), ("the scenario's own settings",),
             evaluate(scenario)),
        Lens("tei", "TEI-style", _finance_params(tei_scenario), tei_words, evaluate(tei_scenario),
             ("Only part of saved time is recaptured as value, and benefits carry a risk haircut.",)),
        Lens("phillips", "Phillips conservative",
             {"attribution": ph["attribution"], "confidence": ph["confidence"], **_finance_params(ph_scenario)},
             ph_words, evaluate(ph_scenario), tuple(ph_notes)),
    )
