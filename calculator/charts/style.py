"""The one chart style: palette, font, size, and the scenario stamp under every title.

Every builder in this package takes its colours and type from here and writes them into
its own spec (not a theme), so an exported PNG or SVG shows what the screen showed.
"""

from __future__ import annotations

import datetime as dt

import altair as alt

# Okabe & Ito (2008), "Color Universal Design": distinguishable with any common colour-vision deficiency.
OKABE_ITO = {
    "orange": "#E69F00", "sky_blue": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000",
}
COST_COLOUR = OKABE_ITO["vermillion"]
VALUE_COLOUR = OKABE_ITO["blue"]
HOURS_COLOUR = OKABE_ITO["green"]
TIER_NAMES = {"1": "Tier 1 literacy", "2": "Tier 2 fluency", "3": "Tier 3 integration"}
FONT = "Liberation Sans, Helvetica, Arial, sans-serif"
WIDTH, HEIGHT = 640, 320


MAX_NAME_IN_CHART = 60  # a longer scenario name would widen the chart and shrink it on a slide


def scenario_stamp(scenario_name: str, as_of: dt.date | None = None) -> str:
    """The "name · date" line under a chart's title, the name cut to fit.

    >>> scenario_stamp("Q3 plan", dt.date(2026, 1, 5))
    'Q3 plan · 05 Jan 2026'
    """
    name = scenario_name if len(scenario_name) <= MAX_NAME_IN_CHART else scenario_name[:MAX_NAME_IN_CHART - 1] + "…"
    return f"{name} · {(as_of or dt.date.today()).strftime('%d %b %Y')}"


def stamped(spec: dict, scenario_name: str, as_of: dt.date | None = None) -> dict:
    """A chart spec with the scenario's name and the date added as the last subtitle line.

    >>> stamped({"title": {"text": "T", "subtitle": "note"}}, "Q3", dt.date(2026, 1, 5))["title"]["subtitle"]
    ['note', 'Q3 · 05 Jan 2026']
    """
    title = spec.get("title")
    if isinstance(title, dict):
        subtitle = title.get("subtitle") or []
        subtitle = list(subtitle) if isinstance(subtitle, list) else [subtitle]
        spec = {**spec, "title": {**title, "subtitle": [*subtitle, scenario_stamp(scenario_name, as_of)]}}
    return spec


def money_axis(currency: str) -> alt.Axis:
    """An axis of money: 350000 reads "$350k" (d3 "~s"), and zero reads "$0", not "$0k"."""
    fmt = "$~s" if currency == "USD" else "~s"
    zero = "$0" if currency == "USD" else "0"
    return alt.Axis(format=fmt, labelExpr=f"datum.value == 0 ? '{zero}' : format(datum.value, '{fmt}')")


def house_style(chart, grid: bool | None = True):
    """Font, white background, axis and legend type, no frame: written into the spec, so a file matches the screen.

    Legend labels are never cut (``labelLimit=0``): "Full value (cash + capacity)" read "Full value (cash
    + cap…" at Vega's default 160 px. ``grid=None`` leaves each axis to Vega-Lite's default (grid on
    continuous axes only), which the analysis and planner charts use.

    >>> house_style(alt.Chart().mark_point()).to_dict()["config"]["legend"]["labelLimit"]
    0
    """
    axis = dict(labelFontSize=12, titleFontSize=13, gridColor="#e6e6e6")
    if grid is not None:
        axis["grid"] = grid
    return (chart.configure(font=FONT, background="white")
            .configure_axis(**axis)
            .configure_legend(labelFontSize=12, titleFontSize=12, orient="top", labelLimit=0)
            .configure_view(stroke=None))
