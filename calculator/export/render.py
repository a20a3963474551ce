"""Chart files: the app's charts rendered to PNG and SVG on the server with vl-convert.

The same builders the pages draw (:data:`calculator.charts.pitch.PITCH_CHARTS` for the
Pitch page, :mod:`calculator.charts.analysis` for the What-if page) are rendered
here with the same inputs, so a file shows what the screen showed: palette, fonts,
size, the title and the scenario stamp are all in the builder's spec. The What-if
charts take the page's settings (:class:`~calculator.analysis.WhatIfSettings`: draws,
seed, correlation, adoption), and one file builds only its own chart. vl-convert
embeds its own JavaScript engine, so rendering works offline.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import vl_convert as vlc

from ..charts.pitch import PITCH_CHARTS
from ..model import Result
from ..scenario import Scenario
from .common import xml_safe

if TYPE_CHECKING:
    from ..analysis import WhatIfSettings
    from ..planner import BudgetView


def _xml_safe(value):
    # vl-convert lays text out as SVG and aborts the whole process (a Rust panic, not an exception)
    # on a character XML forbids, so none reaches it.
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, dict):
        return {k: _xml_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_xml_safe(v) for v in value]
    return value


def _spec(chart) -> dict:
    """The Vega-Lite spec of a chart, with every string safe to render.

    >>> _spec({"title": "Team\x01"})
    {'title': 'Team\ufffd'}
    """
    return _xml_safe(chart if isinstance(chart, dict) else chart.to_dict())


def chart_title(chart) -> tuple[str, str]:
    """The chart's title and subtitle (subtitle lines joined by " | ").

    >>> chart_title({"title": {"text": "Payback", "subtitle": ["Seed", "note"]}})
    ('Payback', 'Seed | note')
    """
    title = _spec(chart).get("title", "")
    if isinstance(title, str):
        return title, ""
    text, subtitle = title.get("text", ""), title.get("subtitle", "")
    join = lambda v: " | ".join(v) if isinstance(v, list) else str(v or "")  # noqa: E731
    return join(text), join(subtitle)


def chart_png(chart, scale: float = 2) -> bytes:
    """Render an Altair chart (or a Vega-Lite dict) to PNG bytes: the image vl-convert draws, as it draws it.

    Parameters
    ----------
    chart : altair.TopLevelMixin or dict
        A chart from one of the builders.
    scale : float
        Pixel density: 2 gives a crisp image on slides and retina screens.

    Examples
    --------
    >>> spec = {"title": "Demo", "width": 40, "height": 20, "mark": "bar", "data": {"values": [{"x": 1}]},
    ...         "encoding": {"y": {"field": "x", "type": "quantitative"}}}
    >>> chart_png(spec)[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    return vlc.vegalite_to_png(_spec(chart), scale=scale)


def chart_svg(chart) -> bytes:
    """Render an Altair chart (or a Vega-Lite dict) to SVG bytes (UTF-8); text stays text.

    Examples
    --------
    >>> spec = {"title": "Demo", "width": 40, "height": 20, "mark": "bar", "data": {"values": [{"x": 1}]},
    ...         "encoding": {"y": {"field": "x", "type": "quantitative"}}}
    >>> b"Demo" in chart_svg(spec)
    True
    """
    return vlc.vegalite_to_svg(_spec(chart)).encode("utf-8")


def pitch_charts(result: Result, as_of: dt.date | None = None) -> dict:
    """Every pitch chart of a result, by name, from the builders the pages draw.

    >>> from calculator import evaluate, load_preset
    >>> sorted(pitch_charts(evaluate(load_preset("seed-marketing-team"))))
    ['cashflow', 'costs', 'hours', 'tiers']
    """
    return {name: build(result, as_of=as_of) for name, build in PITCH_CHARTS.items()}


WHATIF_CHARTS = ("strategies", "spend_mix", "tornado", "uncertainty")


def whatif_chart(scenario: Scenario, name: str, settings: WhatIfSettings | None = None,
                 as_of: dt.date | None = None) -> dict:
    """One What-if chart (a key of :data:`WHATIF_CHARTS`) as a Vega-Lite spec, built alone.

    Built by the page's own builder with the page's settings (``settings``, a
    :class:`~calculator.analysis.WhatIfSettings`; its defaults are the page's
    defaults): only the chart asked for is computed, so the tornado never runs a
    Monte Carlo.

    >>> from calculator import Cohort, Scenario
    >>> spec = whatif_chart(Scenario(name="Q3 plan", cohorts=(Cohort(),)), "tornado", as_of=dt.date(2026, 1, 5))
    >>> spec["title"]["subtitle"][-1]
    'Q3 plan · 05 Jan 2026'
    """
    from ..analysis import WhatIfSettings, simulate, spend_mix, strategies, tornado  # only these charts need it
    from ..charts.analysis import spend_mix_chart, strategies_chart, tornado_chart, uncertainty_chart
    from ..limits import max_draws_within_budget, ranged_inputs
    from ..model import horizon_weeks

    settings = settings or WhatIfSettings()
    cur, title = scenario.currency, scenario.name
    if name == "strategies":
        chart = strategies_chart(strategies(scenario, settings.adoption_overrides()), cur, title, as_of)
    elif name == "spend_mix":  # at the plan's cash budget, the page's default
        chart = spend_mix_chart(spend_mix(scenario, adoption=settings.adoption_overrides()), cur, title, as_of)
    elif name == "tornado":
        chart = tornado_chart(tornado(scenario), cur, title, as_of)
    elif name == "uncertainty":
        # The file must build for any valid scenario: past the memory budget, fewer draws (the title says how many).
        draws = min(settings.draws, max_draws_within_budget(ranged_inputs(scenario), horizon_weeks(scenario)))
        mc = simulate(scenario, draws=draws, seed=settings.seed, correlation=settings.correlation)
        chart = uncertainty_chart(mc, cur, title, as_of)
    else:
        raise ValueError(f"unknown What-if chart {name!r} (known: {', '.join(WHATIF_CHARTS)})")
    return _spec(chart)


def whatif_charts(scenario: Scenario, settings: WhatIfSettings | None = None, as_of: dt.date | None = None) -> dict:
    """The What-if page's four charts as Vega-Lite specs, by name (see :func:`whatif_chart`)."""
    return {name: whatif_chart(scenario, name, settings, as_of) for name in WHATIF_CHARTS}


def budget_chart(scenario: Scenario, view: BudgetView, as_of: dt.date | None = None) -> dict:
    """The Budget planner's frontier chart as a Vega-Lite spec, stamped like the page draws it.

    >>> from calculator import load_preset
    >>> from calculator.planner import budget_view
    >>> s = load_preset("seed-200-person-org")
    >>> budget_chart(s, budget_view(s, 250_000), dt.date(2026, 1, 5))["title"]["subtitle"][-1]
    'Seed: 200-person organization · 05 Jan 2026'
    """
    from ..charts.planner import frontier_chart
    from ..charts.style import stamped

    return stamped(_spec(frontier_chart(view, scenario.currency)), scenario.name, as_of)
