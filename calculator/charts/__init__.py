"""Altair chart builders, one module per view, all styled by :mod:`.style`.

- ``style``: the palette (Okabe-Ito), font, size, money axis and the scenario stamp
- ``pitch``: cumulative cash flow, investment and value by tier, hours per month
- ``analysis``: strategies, tornado, Monte Carlo histogram
- ``roadmap``: the 90-day timeline and spend by month

The pages draw these builders and the exports render the same builders, so a
file shows what the screen showed.
"""

from __future__ import annotations

import importlib
from typing import Any

# Each builder from its module on first use: importing one view's charts (the exports import the pitch's)
# loads neither the others nor what they need (the roadmap's charts need pandas: ~75 MB with pyarrow).
_HOME = {
    "strategies_chart": "analysis", "tornado_chart": "analysis", "uncertainty_chart": "analysis",
    "PITCH_CHARTS": "pitch", "cashflow_chart": "pitch", "chart_spec": "pitch", "hours_chart": "pitch",
    "tier_chart": "pitch", "roadmap_chart": "roadmap", "spend_chart": "roadmap", "timeline_chart": "roadmap",
    "FONT": "style", "OKABE_ITO": "style", "money_axis": "style", "scenario_stamp": "style", "stamped": "style",
}

__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOME[name]}", __name__), name)
