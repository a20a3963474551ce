"""Altair chart builders for the pitch: ``Result -> alt.Chart``, and their Vega-Lite specs.

The exports render these builders to PNG/SVG; the pages draw :func:`chart_spec`,
which is the same builder's ``to_dict()`` (a test holds them equal) made fast for
a slider: the chart's structure is built and validated by Altair once per
title and currency and kept, and only the data (named datasets) is new on each
move. Colours (Okabe-Ito, colour-blind safe) and fonts are set in each spec, not
left to a theme, so a slide shows what the screen showed.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import altair as alt
import numpy as np

from ..formatting import count, hours, money, months_short
from ..model import Result
from .style import (
    COST_COLOUR,
    HEIGHT,
    HOURS_COLOUR,
    OKABE_ITO,
    TIER_NAMES,
    VALUE_COLOUR,
    WIDTH,
    house_style,
    money_axis,
    scenario_stamp,
)

MEASURES = ["Investment", "Value"]
LABEL_SPACE = 1.25  # the tier chart's scale reaches 25% past each bar, where its "$171.3K" label stands
COST_LINES = {"fees": "Program fees", "participant_time": "Participants' time", "ai_seats": "AI tool seats",
              "other": "Other program costs"}
COST_LINE_COLOURS = [OKABE_ITO["vermillion"], OKABE_ITO["orange"], OKABE_ITO["purple"], OKABE_ITO["black"]]


def _subtitle(result: Result, as_of: dt.date | None) -> str:
    return scenario_stamp(result.scenario.name, as_of)


def _style(chart, title: str, subtitle: str | list[str]):
    """Title, size, font and background in the spec itself, so exports match the screen."""
    return house_style(chart.properties(title=alt.TitleParams(title, subtitle=subtitle, anchor="start", fontSize=16),
                                        width=WIDTH, height=HEIGHT))


# --------------------------------------------------------------------------- data (named datasets)
SERIES = {"cumulative_net": "Full value (cash + capacity)", "cumulative_cash_net": "Cash only"}
SERIES_COLOURS = [VALUE_COLOUR, OKABE_ITO["green"]]


def cashflow_rows(result: Result) -> list[dict]:
    """Cumulative net by week, on full value and on cash alone, with the month each week ends at (the x axis).

    A first row for the start (week 0, nothing spent yet) lets the curves begin at zero.
    """
    weeks_per_year = result.scenario.organization.working_weeks_per_year
    cumulative, cash = result.cumulative_net, result.cumulative_cash_net
    cur = result.scenario.currency
    start = {"week": 0, "month": 0, "month_end": 0.0, "cumulative_net": 0.0, "cumulative_label": money(0.0, cur),
             "cumulative_cash_net": 0.0, "cash_label": money(0.0, cur), "cost": 0.0, "benefit": 0.0}
    return [start] + [{"week": int(w), "month": int(m), "month_end": float(w) * 12.0 / weeks_per_year,
                       "cumulative_net": float(c), "cumulative_label": money(float(c), cur),
                       "cumulative_cash_net": float(k), "cash_label": money(float(k), cur),
                       "cost": float(cost), "benefit": float(b)}
                      for w, m, c, k, cost, b in zip(result.weeks, result.months, cumulative, cash,
                                                     result.weekly_cost, result.weekly_benefit)]


# The payback label sits in a quadrant of the J-curve that the line never enters: below the zero
# line to the right of payback (the curve is above zero there) when payback comes in the first half
# of the horizon, above it to the left (the curve is below zero there) when it comes later.
LABEL_ROOM = 0.14  # of the curve's other extreme, kept free beyond zero for the label's line of text


def _payback_side(result: Result) -> str | None:
    if result.payback_months is None or result.payback_months <= 0:
        return None
    return "below_right" if result.payback_months < result.scenario.finance.horizon_months / 2 else "above_left"


def payback_rows(result: Result) -> list[dict]:
    """The payback points to mark, on full value and on cash alone (none when immediate or beyond the horizon).

    ``room`` is an invisible point on the y scale that keeps a band beyond zero free for the
    label, so a shallow dip (or a small final gain) cannot push it onto the axis or the title.
    """
    side = _payback_side(result)
    if side is None:
        return []
    cumulative = result.cumulative_net
    room = (-LABEL_ROOM * max(float(cumulative.max()), 0.0) if side == "below_right"
            else LABEL_ROOM * max(-float(cumulative.min()), 0.0))
    # Cash is part of the value, so the cash payback never comes before the value payback: same side.
    return [{"month_end": value, "y": 0.0, "room": room, "label": f"{label} at month {months_short(value)}"}
            for label, value in (("Payback", result.payback_months),
                                 ("Cash payback", result.cash_payback_months))
            if value is not None and value > 0]


def cost_rows(result: Result) -> list[dict]:
    """The fully loaded cost by line (one stacked bar): fees, participants' time, AI seats, other.

    ``legend`` names each line with its amount, so a segment too narrow for its own label still
    has its amount on the chart (on screen and in the exported PNG and deck). With a cost risk adjustment the
    fees line is the invoice plus that margin, and says so: the walk read "Program fees: $41.6K" under a
    headline's "$37.8K in program fees" (the invoice, before cost risk).

    >>> from calculator import evaluate, load_preset
    >>> rows = cost_rows(evaluate(load_preset("starter-300-person-pilots")))
    >>> [r["legend"] for r in rows]  # doctest: +NORMALIZE_WHITESPACE
    ['Program fees +10% cost risk: $41.6K', "Participants' time: $19.1K", 'AI tool seats: $14.0K',
     'Other program costs: $10.8K']
    """
    cur = result.scenario.currency
    risk = result.scenario.finance.cost_risk_adjustment
    rows, base = [], 0.0
    for order, (key, name) in enumerate(COST_LINES.items()):
        amount = result.cost_by_line[key]
        shown = f"{name} +{risk:.0%} cost risk" if key == "fees" and risk else name
        rows.append({"line": name, "amount": amount, "x0": base, "x1": base + amount, "bar": "Fully loaded",
                     "label": money(amount, cur), "legend": f"{shown}: {money(amount, cur)}", "order": order,
                     "share": amount / result.total_cost if result.total_cost else 0.0})
        base += amount
    return rows


def tier_rows(result: Result) -> list[dict]:
    """Investment and value over the horizon for each tier (one row per bar).

    A tier with neither cost nor value is not part of the plan: one row says so, where two
    "$0" labels read like a tier that was bought and returned nothing.
    """
    rows = []
    literacy = result.scenario.literacy
    for tier, name in TIER_NAMES.items():
        amounts = [(result.cost_by_tier[tier] or 0.0), (result.benefit_by_tier[tier] or 0.0)]
        if not any(amounts):
            # Literacy marked baseline is in the plan, but not in this decision: say where it went.
            baseline = tier == "1" and literacy.enabled and literacy.baseline
            rows.append({"tier": name, "measure": MEASURES[0], "amount": 0.0, "room": 0.0,
                         "label": "baseline: committed regardless, shown apart" if baseline
                         else "not in this plan"})
            continue
        for measure, amount in zip(MEASURES, amounts):
            rows.append({"tier": name, "measure": measure, "amount": amount, "room": amount * LABEL_SPACE,
                         "label": money(amount, result.scenario.currency)})
    return rows


def hours_rows(result: Result) -> list[dict]:
    """Hours saved a month: each month's average week x W / 12 weeks.

    A model month holds 4 or 5 whole weeks (MODEL.md's month rule), so a plain sum of its weeks
    zig-zags by a quarter at steady state. The average week times the weeks in a twelfth of
    the year gives the same figure every steady month, and that figure is the "hours a year"
    card divided by 12.
    """
    weeks_per_month = result.scenario.organization.working_weeks_per_year / 12.0
    totals = result.by_month(result.weekly_hours)
    weeks_in = result.by_month(np.ones(result.horizon_weeks))
    rows = []
    for i, (total, weeks) in enumerate(zip(totals, weeks_in)):
        if weeks == 0:
            continue
        per_month = float(total) / float(weeks) * weeks_per_month
        rows.append({"month": i + 1, "hours_saved": per_month, "hours_label": hours(per_month),
                     "weeks": int(weeks)})
    return rows


# --------------------------------------------------------------------------- templates (structure only)
def _cashflow_template(currency: str, payback_side: str | None, subtitle: str):
    base = alt.Chart(alt.NamedData("cashflow")).encode(
        # zero=True starts the axis at month 0; the data's last week ends it at the horizon.
        x=alt.X("month_end:Q", title="Months from program start", scale=alt.Scale(zero=True, nice=False),
                axis=alt.Axis(format="~g", tickMinStep=1)),  # whole months: 6, not 6.0 or 5.5
    )
    area = base.mark_area(opacity=0.15, color=VALUE_COLOUR).encode(
        y=alt.Y("cumulative_net:Q", title=f"Cumulative net ({currency})", axis=money_axis(currency)))
    series = list(SERIES.values())
    lines = base.transform_fold(list(SERIES), as_=["series_key", "value"]).transform_calculate(
        series=f"datum.series_key == 'cumulative_net' ? '{SERIES['cumulative_net']}' : "
               f"'{SERIES['cumulative_cash_net']}'",
    ).mark_line(strokeWidth=2.5).encode(
        y=alt.Y("value:Q", title=f"Cumulative net ({currency})", axis=money_axis(currency)),
        color=alt.Color("series:N", title=None, sort=series, scale=alt.Scale(domain=series, range=SERIES_COLOURS)),
        tooltip=[alt.Tooltip("week:Q", title="Week"), alt.Tooltip("month:Q", title="Month"),
                 alt.Tooltip("cumulative_label:N", title="Cumulative net, full value"),
                 alt.Tooltip("cash_label:N", title="Cumulative net, cash only"),
                 alt.Tooltip("cost:Q", title="Cost this week", format=",.0f"),
                 alt.Tooltip("benefit:Q", title="Value this week", format=",.0f")],
    )
    zero = alt.Chart(alt.Data(values=[{"y": 0.0}])).mark_rule(color=OKABE_ITO["black"], strokeDash=[4, 3]).encode(
        y="y:Q")
    layers = [area, lines, zero]
    if payback_side:
        point = alt.Chart(alt.NamedData("payback"))
        layers.append(point.mark_point(shape="diamond", size=160, filled=True, color=OKABE_ITO["orange"],
                                       stroke="black").encode(
            x="month_end:Q", y="y:Q", tooltip=[alt.Tooltip("label:N", title="Payback")]))
        layers.append(point.mark_point(opacity=0).encode(x="month_end:Q", y="room:Q"))
        place: dict[str, Any] = ({"align": "left", "baseline": "top", "dx": 8, "dy": 9} if payback_side == "below_right"
                 else {"align": "right", "baseline": "bottom", "dx": -8, "dy": -9})
        layers.append(point.mark_text(fontSize=13, fontWeight="bold", **place).encode(
            x="month_end:Q", y="y:Q", text="label:N"))
    return _style(alt.layer(*layers), "Cumulative net value and paybacks", subtitle)


def _cost_template(currency: str, subtitle: str):
    base = alt.Chart(alt.NamedData("costs")).encode(
        y=alt.Y("bar:N", title=None),
        tooltip=[alt.Tooltip("line:N", title="Cost line"), alt.Tooltip("label:N", title="Amount"),
                 alt.Tooltip("share:Q", title="Share", format=".0%")],
    )
    bars = base.mark_bar(height=50).encode(
        x=alt.X("x0:Q", title=f"Cost over the horizon ({currency})", axis=money_axis(currency)), x2="x1:Q",
        # The legend names each line with its amount (the amounts change with the scenario, so the colours
        # follow the lines' fixed order, not a fixed domain).
        # Two columns: four "name: amount" entries in one row ran past a half-width column and were cut.
        color=alt.Color("legend:N", title=None, sort=alt.EncodingSortField("order"),
                        scale=alt.Scale(range=COST_LINE_COLOURS), legend=alt.Legend(columns=2)),
    )
    labels = base.transform_filter("datum.share >= 0.08").mark_text(color="white", fontSize=12,
                                                                     fontWeight="bold").encode(
        x=alt.X("mid:Q"), text="label:N").transform_calculate(mid="(datum.x0 + datum.x1) / 2")
    chart = alt.layer(bars, labels)
    return house_style(chart.properties(title=alt.TitleParams("What the decision costs, fully loaded", anchor="start",
                                                   fontSize=16, subtitle=[subtitle, "What the fees leave out: "
                                                                          "participants' time, AI seats, other costs"]),
                             width=WIDTH, height=200))


def _tier_template(currency: str, subtitle: str, x_title: str):
    base = alt.Chart(alt.NamedData("tiers")).encode(
        y=alt.Y("tier:N", title=None, sort=list(TIER_NAMES.values())),
        yOffset=alt.YOffset("measure:N", sort=MEASURES),
        x=alt.X("amount:Q", title=x_title, axis=money_axis(currency)),
        tooltip=[alt.Tooltip("tier:N", title="Tier"), alt.Tooltip("measure:N", title="Measure"),
                 alt.Tooltip("label:N", title="Amount")],
    )
    bars = base.mark_bar().encode(
        color=alt.Color("measure:N", title=None, sort=MEASURES,
                        scale=alt.Scale(domain=MEASURES, range=[COST_COLOUR, VALUE_COLOUR])),
    )
    # The amount beside each bar, so a $0 tier (a sunk platform licence) reads as $0, not as a gap.
    labels = base.mark_text(align="left", dx=4, fontSize=12).encode(text="label:N")
    # An invisible point past each bar keeps the scale wide enough for the label beside the longest one.
    room = base.mark_point(opacity=0).encode(x=alt.X("room:Q"))
    return _style(alt.layer(bars, labels, room), "Investment vs value by tier", subtitle)


def _hours_template(subtitle: str, y_title: str):
    chart = alt.Chart(alt.NamedData("hours")).mark_bar(color=HOURS_COLOUR).encode(
        x=alt.X("month:O", title="Month", axis=alt.Axis(labelAngle=0, labelOverlap="greedy")),
        # The title reads across the top of the axis: it is a sentence, too long to stand on its side.
        y=alt.Y("hours_saved:Q", title=y_title, axis=alt.Axis(format=",.0f", titleAngle=0, titleAlign="left",
                                                              titleAnchor="end", titleBaseline="bottom",
                                                              titleX=-40, titleY=-8)),
        tooltip=[alt.Tooltip("month:O", title="Month"), alt.Tooltip("hours_label:N", title="Hours saved a month"),
                 alt.Tooltip("weeks:Q", title="Model weeks in the month")],
    )
    return _style(chart, "Hours saved per month", subtitle)


def _structure(name: str, result: Result) -> tuple:
    """What shapes a chart's spec (beyond its texts and data): one cached template each."""
    if name == "cashflow":
        return result.scenario.currency, _payback_side(result)
    if name in ("tiers", "costs"):
        return (result.scenario.currency,)
    return ()


def _texts(name: str, result: Result, as_of: dt.date | None) -> dict[str, str]:
    """The chart's words that change with the scenario: the stamp, and the tier chart's axis title."""
    texts = {"subtitle": _subtitle(result, as_of)}
    if name == "tiers":
        texts["x_title"] = f"Over {count(result.scenario.finance.horizon_months, 'month')} ({result.scenario.currency})"
    if name == "hours":
        weeks = result.scenario.organization.working_weeks_per_year
        texts["y_title"] = f"Hours a month (average week x {weeks}/12 weeks)"
    return texts


def _datasets(name: str, result: Result) -> dict[str, list[dict]]:
    if name == "cashflow":
        data = {"cashflow": cashflow_rows(result)}
        if payback_rows(result):
            data["payback"] = payback_rows(result)
        return data
    if name == "tiers":
        return {"tiers": tier_rows(result)}
    if name == "costs":
        return {"costs": cost_rows(result)}
    return {"hours": hours_rows(result)}


_TEMPLATES: dict[str, Callable[..., Any]] = {
    "cashflow": _cashflow_template, "tiers": _tier_template, "hours": _hours_template, "costs": _cost_template,
}


def _chart(name: str, result: Result, as_of: dt.date | None = None):
    chart = _TEMPLATES[name](*_structure(name, result), **_texts(name, result, as_of))
    chart.datasets = _datasets(name, result)  # attached last: Altair deep-copies data on every call
    return chart


def cashflow_chart(result: Result, as_of: dt.date | None = None):
    """The J-curve: cumulative net (value minus cost) by month, payback marked.

    >>> from calculator import evaluate, load_preset
    >>> spec = cashflow_chart(evaluate(load_preset("seed-marketing-team"))).to_dict()
    >>> spec["title"]["text"]
    'Cumulative net value and paybacks'
    """
    return _chart("cashflow", result, as_of)


def tier_chart(result: Result, as_of: dt.date | None = None):
    """Investment vs value by tier, over the horizon (undiscounted)."""
    return _chart("tiers", result, as_of)


def hours_chart(result: Result, as_of: dt.date | None = None):
    """Hours returned to the teams per month, as they ramp up through coaching."""
    return _chart("hours", result, as_of)


def cost_chart(result: Result, as_of: dt.date | None = None):
    """The fully loaded cost as one bar stacked by line, so the fees are seen beside what they leave out.

    >>> from calculator import evaluate, load_preset
    >>> [row["line"] for row in cost_chart(evaluate(load_preset("seed-marketing-team"))).datasets["costs"]]
    ['Program fees', "Participants' time", 'AI tool seats', 'Other program costs']
    """
    return _chart("costs", result, as_of)


# Every pitch chart by a stable name: the exports iterate over this, the pages pick from it.
PITCH_CHARTS = {"cashflow": cashflow_chart, "costs": cost_chart, "tiers": tier_chart, "hours": hours_chart}


def _placeholder(key: str) -> str:
    return f"\u27e6{key}\u27e7"  # ⟦key⟧: text no scenario can produce where a chart's words go


@lru_cache(maxsize=64)
def _template_json(name: str, structure: tuple, keys: tuple) -> str:
    # Built and validated by Altair once per structure, with placeholders where the words go;
    # kept as text so every caller gets a fresh copy.
    spec = _TEMPLATES[name](*structure, **{k: _placeholder(k) for k in keys}).to_dict()
    spec.pop("datasets", None)
    return json.dumps(spec)


def _fill(node, words: dict[str, str]):
    if isinstance(node, str):
        return words.get(node, node)
    if isinstance(node, list):
        return [_fill(item, words) for item in node]
    if isinstance(node, dict):
        return {key: _fill(value, words) for key, value in node.items()}
    return node


def chart_spec(name: str, result: Result, as_of: dt.date | None = None) -> dict:
    """The Vega-Lite spec of ``PITCH_CHARTS[name](result).to_dict()``, in about a millisecond.

    >>> from calculator import evaluate, load_preset
    >>> r = evaluate(load_preset("seed-200-person-org"))
    >>> chart_spec("tiers", r) == tier_chart(r).to_dict()
    True
    """
    texts = _texts(name, result, as_of)
    template = json.loads(_template_json(name, _structure(name, result), tuple(sorted(texts))))
    spec = _fill(template, {_placeholder(k): v for k, v in texts.items()})
    spec["datasets"] = copy.deepcopy(_datasets(name, result))
    return spec
