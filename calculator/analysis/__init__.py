"""What-if analysis: strategies, lenses, sensitivity, break-even and uncertainty.

Each view lives in its own module, by concern, and returns frozen dataclasses:

- ``strategies``: :func:`strategies` -> :class:`Strategy` rows (the plan's cash budget spent on
  platform seats and courses, as built, consulting-led, or not at all), ranked by NPV with incremental columns
- ``spend_mix``: :func:`spend_mix` -> :class:`SpendMix` (decision NPV and hours as the share of one
  cash budget spent on coaching goes from 0% to 100%, the plan and the budget planner's best mix marked)
- ``lenses``: :func:`lenses` -> :class:`Lens` (as entered, TEI-style, Phillips conservative)
- ``tornado``: :func:`tornado` -> :class:`TornadoBar` (sensitivity to each uncertain input)
- ``break_even``: :func:`break_even` -> :class:`BreakEven`, and :func:`break_even_sentences`
- ``uncertainty``: :func:`uncertainty` -> :class:`UncertaintySummary`, :func:`simulate`
  (the draws, for a histogram), through a Gaussian copula over the ranged inputs
- ``evidence``: the published measurements (``data/evidence.csv``) and
  :func:`evidence_sentence`, where a team's hours and adoption sit against them

:func:`analyze` gathers all six into one :class:`Analysis`; :func:`plain` turns
any of them into the JSON of ``python -m calculator analyze`` (the only place
results become untyped data).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..scenario import Scenario
from .break_even import BreakEven, LeverBreakEven, break_even, break_even_sentences, share_text
from .common import plain
from .evidence import Evidence, evidence, evidence_row, evidence_sentence
from .lenses import PHILLIPS_DEFAULTS, TEI_DEFAULTS, Lens, lenses
from .spend_mix import MixPoint, SpendMix, spend_mix
from .strategies import (
    Increment,
    Strategy,
    adoption_rates,
    adoption_settings_used,
    cash_spent_words,
    delivery_hours_assumptions,
    strategies,
    strategy_scenarios,
)
from .tornado import TornadoBar, parameter_label, tornado
from .uncertainty import (
    DEFAULT_CORRELATION,
    MonteCarlo,
    Percentiles,
    UncertaintySummary,
    VariedInput,
    simulate,
    triangular_quantile,
    uncertainty,
)

__all__ = [
    "Analysis", "BreakEven", "DEFAULT_CORRELATION", "Evidence", "Increment", "Lens", "LeverBreakEven", "MixPoint",
    "MonteCarlo", "PHILLIPS_DEFAULTS", "Percentiles", "SpendMix", "Strategy", "TEI_DEFAULTS", "TornadoBar",
    "UncertaintySummary", "VariedInput", "WhatIfSettings", "adoption_rates", "adoption_settings_used", "analyze",
    "break_even", "break_even_sentences", "cash_spent_words", "delivery_hours_assumptions", "evidence",
    "evidence_row", "evidence_sentence", "lenses", "parameter_label", "plain", "share_text", "simulate", "spend_mix",
    "strategies", "strategy_scenarios", "tornado", "triangular_quantile", "uncertainty",
]


@dataclass(frozen=True)
class WhatIfSettings:
    """The What-if page's own inputs, so an export renders exactly what the page showed.

    ``adoption`` holds the page's adoption overrides per delivery model as
    ``(delivery, rate)`` pairs (a tuple keeps the settings hashable).
    """

    draws: int = 10_000
    seed: int = 0
    correlation: float = DEFAULT_CORRELATION
    adoption: tuple[tuple[str, float], ...] = ()

    def adoption_overrides(self) -> dict[str, float]:
        return dict(self.adoption)


@dataclass(frozen=True)
class Analysis:
    """Every what-if view of one scenario."""

    strategies: tuple[Strategy, ...]
    spend_mix: SpendMix
    lenses: tuple[Lens, ...]
    tornado: tuple[TornadoBar, ...]
    break_even: BreakEven
    uncertainty: UncertaintySummary

    def to_dict(self) -> dict:
        """The JSON object of ``python -m calculator analyze`` (NaN and infinities as ``None``)."""
        return {"strategies": plain(self.strategies), "spend_mix": plain(self.spend_mix),
                "lenses": plain(self.lenses), "tornado": plain(self.tornado),
                "break_even": {e.lever: plain(e) for e in self.break_even.levers()},
                "uncertainty": plain(self.uncertainty)}


def analyze(scenario: Scenario, draws: int = 10_000, seed: int = 0, target_payback_months: float = 12,
            adoption: Mapping[str, float] | None = None, tei: Mapping | None = None,
            phillips: Mapping | None = None, correlation: float = DEFAULT_CORRELATION) -> Analysis:
    """Every what-if view of a scenario.

    Returns
    -------
    Analysis
        ``strategies, spend_mix, lenses, tornado, break_even, uncertainty``; ``to_dict()`` is
        the command line's JSON.

    Examples
    --------
    >>> from calculator.presets import load_preset
    >>> out = analyze(load_preset("seed-marketing-team"), draws=200)
    >>> sorted(out.to_dict())
    ['break_even', 'lenses', 'spend_mix', 'strategies', 'tornado', 'uncertainty']
    >>> out.uncertainty.correlation
    0.5
    """
    return Analysis(
        strategies=strategies(scenario, adoption),
        spend_mix=spend_mix(scenario, adoption=adoption),
        lenses=lenses(scenario, tei, phillips),
        tornado=tornado(scenario),
        break_even=break_even(scenario, target_payback_months),
        uncertainty=uncertainty(scenario, draws, seed, correlation),
    )
