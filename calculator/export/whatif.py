"""The What-if views as the documents print them: the lens row and the Monte Carlo section.

The brief and the deck take these from here, so both print the same lens figures
(:func:`calculator.analysis.lenses`) and the same uncertainty chart as the What-if
page (:func:`calculator.export.render.whatif_chart`, with the page's settings).
"""

from __future__ import annotations

import datetime as dt

from ..analysis import UncertaintySummary, WhatIfSettings, lenses, simulate
from ..analysis.lenses import lens_summary
from ..charts.analysis import uncertainty_chart
from ..formatting import count, input_range, money, payback, percent, probability
from ..scenario import Scenario
from .common import Export
from .render import _spec


def lens_rows(ex: Export) -> list[tuple[str, str, str, str, str, str]]:
    """(lens, NPV, ROI, payback, which ROI, horizon) as text, the three lenses at their defaults.

    >>> from calculator import load_preset
    >>> [row[0] for row in lens_rows(Export.of(load_preset("seed-marketing-team")))]
    ['As entered', 'TEI-style', 'Phillips conservative']
    """
    return [(lens.name, ex.money(lens.npv), percent(lens.roi_pct), payback(lens.payback_months, lens.total_cost),
             _ROI_SHORT.get(lens.key, lens.roi_basis), count(lens.horizon_months, "month"))
            for lens in lenses(ex.scenario)]


# Each lens's ROI in two or three words, to fit a table column; the lens's roi_basis says it in full.
_ROI_SHORT = {"as_entered": "undiscounted", "tei": "present value", "phillips": "counted year, undiscounted"}


def lens_note(ex: Export) -> str:
    """Which ROI each lens reports, in one short paragraph (the assumptions are on the What-if page)."""
    return " ".join(f"{lens.name}: {lens.roi_basis}, {count(lens.horizon_months, 'month')}."
                    for lens in lenses(ex.scenario))


def lens_lines(ex: Export) -> list[str]:
    """Each lens's figures as one line (for a slide)."""
    return [lens_summary(lens, ex.currency) for lens in lenses(ex.scenario)]


def uncertainty_figure(scenario: Scenario, settings: WhatIfSettings | None = None,
                       as_of: dt.date | None = None) -> tuple[dict, UncertaintySummary]:
    """The What-if page's Monte Carlo chart (with the page's settings) and its summary, from one run."""
    settings = settings or WhatIfSettings()
    mc = simulate(scenario, draws=settings.draws, seed=settings.seed, correlation=settings.correlation)
    return _spec(uncertainty_chart(mc, scenario.currency, scenario.name, as_of)), mc.summary()


def varied_text(summary: UncertaintySummary, currency: str = "USD") -> str:
    """What was varied and how, and the P10/P50/P90 of NPV, as one paragraph.

    >>> from calculator import load_preset
    >>> from calculator.analysis import uncertainty
    >>> varied_text(uncertainty(load_preset("seed-marketing-team"), 200))[:32]
    'Drawn 200 times (seed 0). Varied'
    """
    if not summary.varied:
        what = "Nothing is ranged."
    else:
        what = ("Varied (triangular, most likely at plan): "
                + "; ".join(f"{v.label} {input_range(v.parameter, v.low, v.high, currency)}"
                            for v in summary.varied) + ".")
        if any(v.role == "benefit" for v in summary.varied):
            what += f" Benefit drivers move together (correlation {summary.correlation:g}); costs are independent."
    return (f"Drawn {summary.draws:,} times (seed {summary.seed}). {what} NPV P10 {money(summary.npv.p10, currency)}, "
            f"P50 {money(summary.npv.p50, currency)}, P90 {money(summary.npv.p90, currency)}; above zero in "
            f"{probability(summary.prob_npv_positive)} of draws.")
