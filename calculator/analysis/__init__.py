"""What-if analysis: strategies, lenses, sensitivity, break-even and uncertainty.

Each view lives in its own module, by concern:

- ``analysis_strategies``: :func:`strategies` (platform only, as built, consulting-led, do nothing)
- ``analysis_lenses``: :func:`lenses` (as entered, TEI-style, Phillips conservative)
- ``analysis_tornado``: :func:`tornado` (sensitivity to each uncertain input)
- ``analysis_break_even``: :func:`break_even`, :func:`break_even_sentences`
- ``analysis_uncertainty``: :func:`uncertainty`, :func:`simulate` (the draws, for a histogram)

:func:`analyze` gathers all five into the one JSON object of
``python -m calculator analyze``.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..scenario import Scenario
from .break_even import break_even, break_even_sentences, share_text
from .common import json_ready
from .lenses import PHILLIPS_DEFAULTS, TEI_DEFAULTS, lenses
from .strategies import adoption_rates, strategies, strategy_scenarios
from .tornado import parameter_label, tornado
from .uncertainty import MonteCarlo, simulate, triangular_quantile, uncertainty

__all__ = [
    "MonteCarlo", "PHILLIPS_DEFAULTS", "TEI_DEFAULTS", "adoption_rates", "analyze", "break_even",
    "break_even_sentences", "lenses", "parameter_label", "share_text", "simulate", "strategies", "strategy_scenarios",
    "tornado", "triangular_quantile", "uncertainty",
]


def analyze(scenario: Scenario, draws: int = 10_000, seed: int = 0, target_payback_months: float = 12,
            adoption: Mapping[str, float] | None = None, tei: Mapping | None = None,
            phillips: Mapping | None = None) -> dict:
    """Every what-if view of a scenario as one JSON-ready object.

    Returns
    -------
    dict
        ``{strategies, lenses, tornado, break_even, uncertainty}``; NaN and
        infinities are ``None``, so ``json.dumps(..., allow_nan=False)`` works.

    Examples
    --------
    >>> from calculator.presets import load_preset
    >>> out = analyze(load_preset("seed-marketing-team"), draws=200)
    >>> sorted(out)
    ['break_even', 'lenses', 'strategies', 'tornado', 'uncertainty']
    """
    return json_ready({
        "strategies": strategies(scenario, adoption),
        "lenses": lenses(scenario, tei, phillips),
        "tornado": tornado(scenario),
        "break_even": break_even(scenario, target_payback_months),
        "uncertainty": uncertainty(scenario, draws, seed),
    })
