"""Altair chart builders for the pitch: ``Result -> alt.Chart``.

The app draws these with ``st.altair_chart(chart, theme=None)`` and the exports
render the very same builders to PNG/SVG, so a slide shows what the screen
showed. Colours (Okabe-Ito, colour-blind safe) and fonts are set in each spec,
not left to a theme, for the same reason.
"""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from .formatting import money
from .model import Result

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


def _subtitle(result: Result, as_of: dt.date | None) -> str:
    day = (as_of or dt.date.today()).strftime("%d %b %Y")
    return f"{result.scenario.name} · {day}"


def _money_axis(currency: str) -> alt.Axis:
    # d3 "~s" reads 350000 as "350k"; a dollar sign in front when the currency is USD.
    return alt.Axis(format="$~s" if currency == "USD" else "~s")


def _style(chart: alt.TopLevelMixin, title: str, subtitle: str | list[str]) -> alt.TopLevelMixin:
    """Title, size, font and background in the spec itself, so exports match the screen."""
    return (
        chart.properties(title=alt.TitleParams(title, subtitle=subtitle, anchor="start", fontSize=16),
                         width=WIDTH, height=HEIGHT)
        .configure(font=FONT, background="white")
        .configure_axis(labelFontSize=12, titleFontSize=13, grid=True, gridColor="#e6e6e6")
        .configure_legend(labelFontSize=12, titleFontSize=12, orient="top")
        .configure_view(stroke=None)
    )


def cashflow_frame(result: Result) -> pd.DataFrame:
    """Cumulative net cash flow by week, with the month each week ends at (for the x axis)."""
    weeks_per_year = result.scenario.organization.working_weeks_per_year
    weekly = result.weekly_frame()
    weekly["month_end"] = weekly["week"] * 12.0 / weeks_per_year
    weekly["cumulative_label"] = [money(v, result.scenario.currency) for v in weekly["cumulative_net"]]
    return weekly


def cashflow_chart(result: Result, as_of: dt.date | None = None) -> alt.TopLevelMixin:
    """The J-curve: cumulative net (value minus cost) by month, payback marked.

    >>> from calculator import evaluate, load_preset
    >>> spec = cashflow_chart(evaluate(load_preset("seed-marketing-team"))).to_dict()
    >>> spec["title"]["text"]
    'Cumulative net value and payback'
    """
    frame = cashflow_frame(result)
    base = alt.Chart(frame).encode(
        x=alt.X("month_end:Q", title="Months from program start",
                scale=alt.Scale(domain=[0, float(frame["month_end"].max())], nice=False)),
    )
    area = base.mark_area(opacity=0.25, color=VALUE_COLOUR, line={"color": VALUE_COLOUR, "strokeWidth": 2.5}).encode(
        y=alt.Y("cumulative_net:Q", title=f"Cumulative net ({result.scenario.currency})",
                axis=_money_axis(result.scenario.currency)),
        tooltip=[alt.Tooltip("week:Q", title="Week"), alt.Tooltip("month:Q", title="Month"),
                 alt.Tooltip("cumulative_label:N", title="Cumulative net"),
                 alt.Tooltip("cost:Q", title="Cost this week", format=",.0f"),
                 alt.Tooltip("benefit:Q", title="Value this week", format=",.0f")],
    )
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color=OKABE_ITO["black"], strokeDash=[4, 3]).encode(y="y:Q")
    layers = [area, zero]
    if result.payback_months is not None and result.payback_months > 0:
        point = pd.DataFrame({"month_end": [result.payback_months], "y": [0.0],
                              "label": [f"Payback at month {result.payback_months:.1f}"]})
        marker = alt.Chart(point).mark_point(shape="diamond", size=160, filled=True,
                                             color=OKABE_ITO["orange"], stroke="black").encode(
            x="month_end:Q", y="y:Q", tooltip=[alt.Tooltip("label:N", title="Payback")])
        text = alt.Chart(point).mark_text(align="left", dx=10, dy=-12, fontSize=13, fontWeight="bold").encode(
            x="month_end:Q", y="y:Q", text="label:N")
        layers += [marker, text]
    return _style(alt.layer(*layers), "Cumulative net value and payback",
                  _subtitle(result, as_of))


def tier_frame(result: Result) -> pd.DataFrame:
    """Investment and value over the horizon for each tier (long form, one row per bar)."""
    rows = []
    for tier, name in TIER_NAMES.items():
        for measure, values in (("Investment", result.cost_by_tier), ("Value", result.benefit_by_tier)):
            amount = values[tier] or 0.0
            rows.append({"tier": name, "measure": measure, "amount": amount,
                         "label": money(amount, result.scenario.currency)})
    return pd.DataFrame(rows)


def tier_chart(result: Result, as_of: dt.date | None = None) -> alt.TopLevelMixin:
    """Investment vs value by tier, over the horizon (undiscounted)."""
    frame = tier_frame(result)
    base = alt.Chart(frame).encode(
        y=alt.Y("tier:N", title=None, sort=list(TIER_NAMES.values())),
        yOffset=alt.YOffset("measure:N", sort=["Investment", "Value"]),
        x=alt.X("amount:Q", title=f"Over the horizon ({result.scenario.currency})",
                axis=_money_axis(result.scenario.currency)),
        tooltip=[alt.Tooltip("tier:N", title="Tier"), alt.Tooltip("measure:N", title="Measure"),
                 alt.Tooltip("label:N", title="Amount")],
    )
    bars = base.mark_bar().encode(
        color=alt.Color("measure:N", title=None, sort=["Investment", "Value"],
                        scale=alt.Scale(domain=["Investment", "Value"], range=[COST_COLOUR, VALUE_COLOUR])),
    )
    # The amount beside each bar, so a $0 tier (a sunk platform licence) reads as $0, not as a gap.
    labels = base.mark_text(align="left", dx=4, fontSize=12).encode(text="label:N")
    chart = alt.layer(bars, labels)
    months = result.scenario.finance.horizon_months
    return _style(chart, f"Investment and value by tier, {months} months", _subtitle(result, as_of))


def hours_frame(result: Result) -> pd.DataFrame:
    """Hours saved in each month of the horizon."""
    weekly = result.weekly_frame()
    monthly = weekly.groupby("month", as_index=False)["hours_saved"].sum()
    monthly["hours_label"] = [f"{h:,.0f} h" for h in monthly["hours_saved"]]
    return monthly


def hours_chart(result: Result, as_of: dt.date | None = None) -> alt.TopLevelMixin:
    """Hours returned to the teams per month, as they ramp up through coaching."""
    chart = alt.Chart(hours_frame(result)).mark_bar(color=HOURS_COLOUR).encode(
        x=alt.X("month:O", title="Month"),
        y=alt.Y("hours_saved:Q", title="Hours saved", axis=alt.Axis(format=",.0f")),
        tooltip=[alt.Tooltip("month:O", title="Month"), alt.Tooltip("hours_label:N", title="Hours saved")],
    )
    # Model months hold 4 or 5 weeks (month = ceil(week x 12 / W)), hence the uneven bars.
    subtitle = [_subtitle(result, as_of), "A model month holds 4 or 5 weeks, so bars alternate"]
    return _style(chart, "Hours saved per month", subtitle)


# Every pitch chart by a stable name: the exports iterate over this, the pages pick from it.
PITCH_CHARTS = {
    "cashflow": cashflow_chart,
    "tiers": tier_chart,
    "hours": hours_chart,
}
