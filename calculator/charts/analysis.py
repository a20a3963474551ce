"""Altair builders for the what-if views: strategies, spend mix, tornado, uncertainty histogram.

Pure functions from the typed analysis results to ``alt.Chart`` objects; no
Streamlit. Each builder stamps the scenario's name and the date under its title
itself, so the page and the exported file draw the same spec. Every colour
comes from the Okabe-Ito palette (distinguishable with
any common colour-vision deficiency) and is written into each scale, so the
exported chart matches the screen whatever the theme.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import altair as alt
import numpy as np

from ..analysis.spend_mix import SpendMix
from ..analysis.strategies import Strategy
from ..analysis.tornado import TornadoBar
from ..analysis.uncertainty import MonteCarlo
from ..formatting import fte, hours, money, payback, percent, probability, roi
from .style import HEIGHT, OKABE_ITO, WIDTH, house_style, money_axis, scenario_stamp

ORANGE, SKY_BLUE, GREEN, BLUE, VERMILLION, BLACK = (OKABE_ITO[name] for name in (
    "orange", "sky_blue", "green", "blue", "vermillion", "black"))


def _cents(value):
    """Money as a chart plots it, to the cent: Vega cannot lay out an axis over denormal numbers (5e-324)."""
    return None if value is None else round(float(value), 2)


def histogram(values: np.ndarray, bins: int = 40) -> tuple[np.ndarray, np.ndarray]:
    """Counts and edges of ``bins`` equal bins over the finite values' range, with a floor on the width.

    numpy's own choice fails on identical huge values (-5e17 +/- 0.5 is -5e17: "Too many bins"); here
    the bins span at least a cent, or a millionth of the values' size, each.

    Examples
    --------
    >>> counts, edges = histogram(np.full(100, -5e17), bins=4)
    >>> counts.tolist(), bool(np.all(np.diff(edges) > 0))
    ([0, 0, 100, 0], True)
    >>> histogram(np.array([5e-324, 5e-324]), bins=2)[0].tolist()
    [0, 2]
    """
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    if finite.size == 0:
        return np.zeros(bins, dtype=int), np.linspace(0.0, bins * 0.01, bins + 1)
    low, high = float(finite.min()), float(finite.max())
    width = max(0.01, 1e-6 * max(abs(low), abs(high)))
    if high - low < width * bins:
        middle, half = low / 2 + high / 2, width * bins / 2
        low, high = middle - half, middle + half
    edges = np.linspace(low, high, bins + 1)
    counts, edges = np.histogram(finite, bins=edges)
    return counts, edges


def _stamp(scenario_name: str, as_of: dt.date | None) -> str:
    """The scenario's name and the date, as on every chart (the date alone when there is no name)."""
    if scenario_name:
        return scenario_stamp(scenario_name, as_of)
    return (as_of or dt.date.today()).strftime("%d %b %Y")


SUBTITLE_CHARS = 95  # an 11 px subtitle line that fits the chart's 640 px (about 110 characters) with room


def _finish(chart, title: str, subtitle, stamp: str, height: int = HEIGHT):
    lines = [subtitle] if isinstance(subtitle, str) else list(subtitle)
    # Vega cuts a title line at `limit` with an ellipsis (the list of what was varied lost its end):
    # long lines are wrapped into several instead.
    lines = [part for line in lines if line for part in textwrap.wrap(line, SUBTITLE_CHARS, break_on_hyphens=False)]
    return house_style(
        chart.properties(title=alt.TitleParams(title, subtitle=[*lines, stamp], anchor="start",
                                               fontSize=16, limit=WIDTH, subtitleFontSize=11),
                         width=WIDTH, height=height), grid=None)


def strategies_chart(rows: tuple[Strategy, ...], currency: str = "USD", scenario_name: str = "",
                     as_of: dt.date | None = None):
    """Cash cost and NPV of each strategy at the plan's cash budget, side by side, best NPV first.

    The budget is drawn as a dashed line: a strategy over it is not the same money.

    Parameters
    ----------
    rows : tuple of Strategy
        The output of :func:`calculator.analysis.strategies`.

    Examples
    --------
    >>> from calculator.analysis import strategies
    >>> from calculator.presets import load_preset
    >>> spec = strategies_chart(strategies(load_preset("seed-200-person-org")), "USD", "Seed",
    ...                         dt.date(2026, 1, 5)).to_dict()
    >>> spec["title"]["text"], spec["title"]["subtitle"][-1]
    ("The plan's cash spent other ways: cash cost and net present value", 'Seed · 05 Jan 2026')
    """
    measures = {"cash_cost": "Cash cost", "npv": "Net present value"}
    frame = alt.InlineData(values=[
        {"strategy": r.name, "measure": label, "value": _cents(getattr(r, key)),
         "value_label": money(getattr(r, key), currency, exact=True),
         "hours": f"{hours(r.annual_hours_saved)} a year ({fte(r.fte_returned)})",
         "payback": payback(r.payback_months, r.total_cost),
         "roi": roi(r.roi_pct, r.roi_meaningful)}
        for r in rows for key, label in measures.items()
    ])
    order = [r.name for r in rows]
    bars = alt.Chart(frame).mark_bar().encode(
        x=alt.X("strategy:N", sort=order, title=None, axis=alt.Axis(labelAngle=0, labelLimit=160)),
        xOffset=alt.XOffset("measure:N", sort=list(measures.values())),
        y=alt.Y("value:Q", title=f"{currency}", axis=money_axis(currency)),
        color=alt.Color("measure:N", title=None,
                        scale=alt.Scale(domain=list(measures.values()), range=[VERMILLION, BLUE])),
        tooltip=[alt.Tooltip("strategy:N", title="Strategy"), alt.Tooltip("measure:N", title="Measure"),
                 alt.Tooltip("value_label:N", title="Value"), alt.Tooltip("hours:N", title="Hours saved"),
                 alt.Tooltip("payback:N", title="Payback"), alt.Tooltip("roi:N", title="ROI")],
    )
    budget = rows[0].budget if rows else 0.0
    lines = [{"y": 0.0, "dash": [1, 0], "label": ""},
             {"y": _cents(budget), "dash": [6, 4], "label": f"the plan's cash budget, {money(budget, currency)}"}]
    zero = alt.Chart(alt.InlineData(values=lines[:1])).mark_rule(color=BLACK).encode(y="y:Q")
    limit = alt.Chart(alt.InlineData(values=lines[1:])).mark_rule(color=BLACK, strokeDash=[6, 4]).encode(
        y="y:Q", tooltip=[alt.Tooltip("label:N", title="Budget")])
    return _finish(alt.layer(bars, zero, limit), "The plan's cash spent other ways: cash cost and net present value",
                   f"Each strategy within the plan's cash budget of {money(budget, currency)} (dashed); what it "
                   "leaves unspent is kept as cash (NPV $0). Ranked by NPV over what the teams reach without "
                   "training; each strategy's adoption and hours are sourced under the table.",
                   _stamp(scenario_name, as_of))


MIX_SERIES = ("Decision NPV", "Hours a year", "The plan", "Best mix (budget planner)")


def spend_mix_chart(mix: SpendMix, currency: str = "USD", scenario_name: str = "", as_of: dt.date | None = None):
    """Decision NPV (left axis) and hours a year (right axis) against the share of the budget spent on coaching.

    The plan and the budget planner's best mix are marked on the NPV line's scale.

    Parameters
    ----------
    mix : SpendMix
        The output of :func:`calculator.analysis.spend_mix.spend_mix`.

    Examples
    --------
    >>> from calculator.analysis.spend_mix import spend_mix
    >>> from calculator.presets import load_preset
    >>> spec = spend_mix_chart(spend_mix(load_preset("seed-marketing-team")), "USD", "Seed",
    ...                        dt.date(2026, 1, 5)).to_dict()
    >>> spec["title"]["text"]
    'Coaching or platform? The same cash budget split between them'
    """
    frame = alt.InlineData(values=[{
        "share": round(p.coaching_share * 100, 6), "npv": _cents(p.npv), "hours": round(p.annual_hours_saved, 6),
        "npv_label": money(p.npv, currency, exact=True), "hours_label": hours(p.annual_hours_saved),
        "coached": ", ".join(p.coached) or "none", "courses": ", ".join(p.courses) or "none",
        "cash_label": money(p.cash_cost, currency, exact=True),
    } for p in mix.points])
    x = alt.X("share:Q", title="Share of the budget for coaching (the rest: platform seats and courses)",
              scale=alt.Scale(domain=[0, 100]), axis=alt.Axis(format=".0f", labelExpr="datum.label + '%'"))
    colour = alt.Scale(domain=list(MIX_SERIES), range=[BLUE, ORANGE, BLACK, GREEN])
    tips = [alt.Tooltip("share:Q", title="Coaching share (%)", format=".0f"),
            alt.Tooltip("npv_label:N", title="Decision NPV"), alt.Tooltip("hours_label:N", title="Hours a year"),
            alt.Tooltip("cash_label:N", title="Cash spent"), alt.Tooltip("coached:N", title="Coached"),
            alt.Tooltip("courses:N", title="Platform courses")]
    npv_line = alt.Chart(frame).mark_line(point=True).encode(
        x=x, y=alt.Y("npv:Q", title=f"Decision NPV ({currency})", axis=money_axis(currency)),
        color=alt.Color("series:N", title=None, scale=colour), tooltip=tips,
    ).transform_calculate(series=f"'{MIX_SERIES[0]}'")
    marks = [(MIX_SERIES[2], mix.plan), (MIX_SERIES[3], mix.best)]
    marked = alt.InlineData(values=[
        {"series": name, "share": round(p.coaching_share * 100, 6), "npv": _cents(p.npv),
         "npv_label": money(p.npv, currency, exact=True), "hours_label": hours(p.annual_hours_saved),
         "cash_label": money(p.cash_cost, currency, exact=True),
         "coached": ", ".join(p.coached) or "none", "courses": ", ".join(p.courses) or "none"}
        for name, p in marks if p is not None])
    points = alt.Chart(marked).mark_point(filled=True, size=160, opacity=1).encode(
        x=x, y="npv:Q", color=alt.Color("series:N", title=None, scale=colour),
        shape=alt.Shape("series:N", scale=alt.Scale(domain=list(MIX_SERIES[2:]), range=["diamond", "triangle-up"]),
                        legend=None),
        tooltip=[alt.Tooltip("series:N", title="Marked"), *tips])
    hours_line = alt.Chart(frame).mark_line(point=True, strokeDash=[6, 3]).encode(
        x=x, y=alt.Y("hours:Q", title="Hours a year", axis=alt.Axis(orient="right", format="~s")),
        color=alt.Color("series:N", title=None, scale=colour), tooltip=tips,
    ).transform_calculate(series=f"'{MIX_SERIES[1]}'")
    zero = alt.Chart(alt.InlineData(values=[{"y": 0.0}])).mark_rule(color=BLACK, opacity=0.4).encode(y="y:Q")
    plan = (f"the plan coaches with {percent(mix.plan.coaching_share * 100)} of its money"
            if mix.plan is not None else "the plan is not on this budget's line")
    best = (f"the budget planner's best mix: {percent(mix.best.coaching_share * 100)} coaching, NPV "
            f"{money(mix.best.npv, currency)}" if mix.best is not None else "the budget planner finds no mix")
    lines = [f"Cash budget {money(mix.budget, currency)}, of which {money(mix.fixed_cash, currency)} is fixed "
             f"(literacy, program costs); {plan}; {best}",
             "Whole teams coached where coaching adds most per dollar; the rest take a platform course; NPV over "
             "what each team reaches without training"]
    return _finish(alt.layer(alt.layer(npv_line, points, zero), hours_line).resolve_scale(y="independent"),
                   "Coaching or platform? The same cash budget split between them", lines,
                   _stamp(scenario_name, as_of))


def tornado_chart(rows: tuple[TornadoBar, ...], currency: str = "USD", scenario_name: str = "",
                  as_of: dt.date | None = None):
    """The tornado: NPV with each input at its low and high end, widest swing on top.

    Each bar's label states its two ends ("Horizon (months): 12 months to 36 months").

    Parameters
    ----------
    rows : tuple of TornadoBar
        The output of :func:`calculator.analysis.tornado` (sorted by swing).

    Examples
    --------
    >>> from calculator.analysis import tornado
    >>> from calculator.presets import load_preset
    >>> spec = tornado_chart(tornado(load_preset("seed-200-person-org"))).to_dict()
    >>> spec["title"]["text"]
    "What moves the result most: NPV at each input's low and high end"
    """
    ends = {"low": "Input at its low end", "high": "Input at its high end"}
    frame = alt.InlineData(values=[
        {"label": f"{r.label}: {r.low_text} to {r.high_text}", "end": ends[end], "base": _cents(r.npv_base),
         "npv": _cents(getattr(r, f"npv_{end}")), "input_value": getattr(r, f"{end}_text"),
         "npv_label": money(getattr(r, f"npv_{end}"), currency, exact=True),
         "swing_label": money(r.swing, currency, exact=True), "source": r.source}
        for r in rows for end in ("low", "high")
    ])
    order = [f"{r.label}: {r.low_text} to {r.high_text}" for r in rows]
    bars = alt.Chart(frame).mark_bar(height={"band": 0.7}).encode(
        y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=380)),
        x=alt.X("base:Q", title=f"Net present value ({currency})", axis=money_axis(currency),
                scale=alt.Scale(zero=False)),
        x2="npv:Q",
        color=alt.Color("end:N", title=None, scale=alt.Scale(domain=list(ends.values()), range=[BLUE, ORANGE])),
        tooltip=[alt.Tooltip("label:N", title="Input"), alt.Tooltip("end:N", title="End"),
                 alt.Tooltip("input_value:N", title="Input value"), alt.Tooltip("npv_label:N", title="NPV"),
                 alt.Tooltip("swing_label:N", title="Swing"), alt.Tooltip("source:N", title="Range")],
    )
    base_npv = rows[0].npv_base if rows else 0.0
    base = alt.Chart(alt.InlineData(values=[{"x": _cents(base_npv), "what": "Plan as entered",
                                       "npv_label": money(base_npv, currency, exact=True)}])).mark_rule(
        strokeWidth=2).encode(
        x="x:Q",
        color=alt.Color("what:N", title=None, scale=alt.Scale(domain=["Plan as entered"], range=[BLACK])),
        tooltip=[alt.Tooltip("what:N", title="Line"), alt.Tooltip("npv_label:N", title="NPV")],
    )
    height = max(120, 36 * len(rows))
    chart = _finish(alt.layer(bars, base).resolve_scale(color="independent"),
                    "What moves the result most: NPV at each input's low and high end",
                    "Each bar varies one input, all others at the plan's values", _stamp(scenario_name, as_of),
                    height=height)
    # Fit the width only: the default "fit" squeezes title, legend and axis into the height too,
    # which left each of six bars under 10 px; the plot keeps 36 px a bar whatever the page does.
    return chart.properties(autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))


def uncertainty_chart(mc: MonteCarlo, currency: str = "USD", scenario_name: str = "",
                      as_of: dt.date | None = None, bins: int = 40):
    """Histogram of the Monte Carlo NPV draws with P10, P50 and P90 marked.

    The subtitle says what was varied (benefit drivers correlated at the run's
    setting, costs independent) and warns in words when only costs are ranged.

    Parameters
    ----------
    mc : MonteCarlo
        The output of :func:`calculator.analysis.simulate`.
    bins : int
        Number of histogram bins (counted here with numpy, so the spec stays small).

    Examples
    --------
    >>> from calculator.analysis import simulate
    >>> from calculator.presets import load_preset
    >>> import dataclasses
    >>> seed = load_preset("seed-200-person-org")
    >>> spec = uncertainty_chart(simulate(seed, draws=500)).to_dict()
    >>> spec["title"]["text"]
    'How sure are we? Net present value over 500 draws'
    >>> prices_only = dataclasses.replace(seed, ranges=(("cohorts[*].price", 200, 500),))
    >>> uncertainty_chart(simulate(prices_only, draws=500)).to_dict()["title"]["subtitle"][2][:21]
    'Only costs are ranged'
    """
    counts, edges = histogram(mc.npv, bins)
    frame = alt.InlineData(values=[
        {"start": a, "end": b, "count": n, "share": n / max(mc.draws, 1), "what": "Draws",
         "range_label": f"{money(a, currency)} to {money(b, currency)}"}
        for a, b, n in zip(edges[:-1].tolist(), edges[1:].tolist(), counts.tolist())
    ])
    bars = alt.Chart(frame).mark_bar(opacity=0.85, binSpacing=1).encode(
        x=alt.X("start:Q", title=f"Net present value ({currency})", axis=money_axis(currency),
                scale=alt.Scale(zero=False)),
        x2="end:Q",
        y=alt.Y("count:Q", title="Draws"),
        y2=alt.datum(0),
        color=alt.Color("what:N", title=None, scale=alt.Scale(domain=["Draws"], range=[SKY_BLUE])),
        tooltip=[alt.Tooltip("range_label:N", title="NPV"), alt.Tooltip("count:Q", title="Draws"),
                 alt.Tooltip("share:Q", title="Share", format=".1%")],
    )
    summary = mc.summary()
    npv = {"P10": summary.npv.p10, "P50": summary.npv.p50, "P90": summary.npv.p90}
    marks = [{"what": f"{k} {money(v, currency)}", "x": _cents(v), "value_label": money(v, currency, exact=True)}
             for k, v in npv.items()]
    rules = alt.Chart(alt.InlineData(values=marks)).mark_rule(strokeWidth=2, strokeDash=[6, 3]).encode(
        x="x:Q",
        color=alt.Color("what:N", title=None,
                        scale=alt.Scale(domain=[m["what"] for m in marks], range=[VERMILLION, BLACK, GREEN])),
        tooltip=[alt.Tooltip("what:N", title="Percentile"), alt.Tooltip("value_label:N", title="NPV")],
    )
    # The page's "Chance NPV > 0" card reads the same figure through the same helper.
    share_text = probability(summary.prob_npv_positive)
    benefit_ranged = any(v.role == "benefit" for v in summary.varied)
    lines = [f"Seed {mc.seed}; NPV above zero in {share_text} of draws"
             + (f"; benefit drivers correlated at {mc.correlation:g}, costs independent" if benefit_ranged else ""),
             "Varied: " + (", ".join(v.label for v in summary.varied) or "nothing"),
             *(["Only costs are ranged (benefits held at plan): this shows cost risk, not benefit risk"]
               if summary.only_costs_ranged else [])]
    return _finish(alt.layer(bars, rules).resolve_scale(color="independent"),
                   f"How sure are we? Net present value over {mc.draws:,} draws", lines,
                   _stamp(scenario_name, as_of))

