"""Altair chart builders, one module per view, all styled by :mod:`.style`.

- ``style``: the palette (Okabe-Ito), font, size, money axis and the scenario stamp
- ``pitch``: cumulative cash flow, investment and value by tier, hours per month
- ``analysis``: strategies, tornado, Monte Carlo histogram
- ``roadmap``: the 90-day timeline and spend by month

The pages draw these builders and the exports render the same builders, so a
file shows what the screen showed.
"""

from .analysis import strategies_chart, tornado_chart, uncertainty_chart
from .pitch import PITCH_CHARTS, cashflow_chart, chart_spec, hours_chart, tier_chart
from .roadmap import roadmap_chart, spend_chart, timeline_chart
from .style import FONT, OKABE_ITO, money_axis, scenario_stamp, stamped

__all__ = [
    "FONT", "OKABE_ITO", "PITCH_CHARTS", "cashflow_chart", "chart_spec", "hours_chart", "money_axis",
    "roadmap_chart", "scenario_stamp", "spend_chart", "stamped", "strategies_chart", "tier_chart",
    "timeline_chart", "tornado_chart", "uncertainty_chart",
]
