"""Chart files: the app's charts rendered to PNG and SVG on the server with vl-convert.

The same builders the pages draw (:data:`calculator.charts.pitch.PITCH_CHARTS` for the
Pitch page, :mod:`calculator.charts.analysis` for the What-if page) are rendered
here with the same inputs, so a file shows what the screen showed: palette, fonts,
size, the title and the scenario stamp are all in the builder's spec. The What-if
charts take the page's settings (:class:`~calculator.analysis.WhatIfSettings`: draws,
seed, correlation, adoption), and one file builds only its own chart. vl-convert
embeds its own JavaScript engine, so rendering works offline.

The CFO pack renders each chart once (:class:`Renderings`): Vega lays it out as SVG, and its PNG is that SVG
rasterised, which is byte for byte what ``vl_convert.vegalite_to_png`` returns (it rasterises the same SVG);
in two threads beside the caller, which builds the other files meanwhile (vl-convert releases the GIL).
Specs the code built itself are not validated against Altair's schema again (``validate=False``: 0.85 s of a
pack); the pitch charts come from :func:`calculator.charts.pitch.chart_spec`, validated once per structure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from ..charts.pitch import PITCH_CHARTS, chart_spec
from ..model import Result
from ..scenario import Scenario
from .common import xml_safe

if TYPE_CHECKING:
    from ..analysis import MonteCarlo, WhatIfSettings
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


def _unvalidated():
    """Altair's schema checks off while the exports build charts: Altair validates every object it makes
    (``DEBUG_MODE``) and every ``to_dict``, which the builders' own tests already do for these specs."""
    from altair.utils.schemapi import debug_mode

    return debug_mode(False)


def _spec(chart) -> dict:
    """The Vega-Lite spec of a chart, with every string safe to render.

    >>> _spec({"title": "Team\x01"})
    {'title': 'Team\ufffd'}
    """
    return _xml_safe(chart if isinstance(chart, dict) else chart.to_dict(validate=False))


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
    import vl_convert as vlc  # imported when a chart is drawn: ~40 MB and a JavaScript engine

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
    import vl_convert as vlc

    return vlc.vegalite_to_svg(_spec(chart)).encode("utf-8")


def _svg_and_png(spec: dict, png: bool, scale: float) -> tuple[bytes, bytes | None]:
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(spec)
    return svg.encode("utf-8"), (vlc.svg_to_png(svg, scale=scale) if png else None)


class Renderings:
    """Charts rendered once each, SVG and PNG (2x), in two threads while the caller does other work.

    ``add`` starts a chart; ``svg(key)`` and ``png(key)`` wait for it and return its bytes, or raise what the
    renderer raised. The PNG is the SVG rasterised, byte for byte :func:`chart_png`'s (``tests/test_export.py``).
    Use it as a context manager so the threads end with it.

    >>> spec = {"title": "Demo", "width": 40, "height": 20, "mark": "bar", "data": {"values": [{"x": 1}]},
    ...         "encoding": {"y": {"field": "x", "type": "quantitative"}}}
    >>> with Renderings() as charts:
    ...     charts.add("demo", spec)
    ...     charts.png("demo") == chart_png(spec), b"Demo" in charts.svg("demo")
    (True, True)
    """

    def __init__(self, png: bool = True, scale: float = 2) -> None:
        self._png, self._scale = png, scale
        # Two threads: vl-convert runs one Vega layout at a time, so while one thread waits for a layout
        # the other rasterises the chart before it.
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="charts")
        self._jobs: dict[str, Future[tuple[bytes, bytes | None]]] = {}

    def add(self, key: str, chart: Any) -> None:
        self._jobs[key] = self._pool.submit(_svg_and_png, _spec(chart), self._png, self._scale)

    def add_all(self, charts: Mapping[str, Any]) -> None:
        for key, chart in charts.items():
            self.add(key, chart)

    def svg(self, key: str) -> bytes:
        return self._jobs[key].result()[0]

    def png(self, key: str) -> bytes:
        png = self._jobs[key].result()[1]
        if png is None:
            raise ValueError(f"chart {key!r}: rendered without a PNG")
        return png

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Renderings:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def pitch_charts(result: Result, as_of: dt.date | None = None) -> dict:
    """Every pitch chart of a result as a Vega-Lite spec, by name: the builders' ``to_dict()``, as the pages draw.

    >>> from calculator import evaluate, load_preset
    >>> sorted(pitch_charts(evaluate(load_preset("seed-marketing-team"))))
    ['cashflow', 'costs', 'hours', 'tiers']
    """
    return {name: chart_spec(name, result, as_of) for name in PITCH_CHARTS}


WHATIF_CHARTS = ("strategies", "spend_mix", "tornado", "uncertainty")


def monte_carlo(scenario: Scenario, settings: WhatIfSettings | None = None) -> MonteCarlo:
    """The What-if page's Monte Carlo with its settings (draws, seed, correlation), as its chart shows it.

    The file must build for any valid scenario: past the memory budget, fewer draws (the chart's title says
    how many).
    """
    from ..analysis import WhatIfSettings, simulate
    from ..limits import max_draws_within_budget, ranged_inputs
    from ..model import horizon_weeks

    settings = settings or WhatIfSettings()
    draws = min(settings.draws, max_draws_within_budget(ranged_inputs(scenario), horizon_weeks(scenario)))
    return simulate(scenario, draws=draws, seed=settings.seed, correlation=settings.correlation)


def whatif_chart(scenario: Scenario, name: str, settings: WhatIfSettings | None = None,
                 as_of: dt.date | None = None, mc: MonteCarlo | None = None) -> dict:
    """One What-if chart (a key of :data:`WHATIF_CHARTS`) as a Vega-Lite spec, built alone.

    Built by the page's own builder with the page's settings (``settings``, a
    :class:`~calculator.analysis.WhatIfSettings`; its defaults are the page's
    defaults): only the chart asked for is computed, so the tornado never runs a
    Monte Carlo. ``mc``: the uncertainty chart's :func:`monte_carlo`, when already run.

    >>> from calculator import Cohort, Scenario
    >>> spec = whatif_chart(Scenario(name="Q3 plan", cohorts=(Cohort(),)), "tornado", as_of=dt.date(2026, 1, 5))
    >>> spec["title"]["subtitle"][-1]
    'Q3 plan · 05 Jan 2026'
    """
    from ..analysis import WhatIfSettings, spend_mix, strategies, tornado  # only these charts need it
    from ..charts.analysis import spend_mix_chart, strategies_chart, tornado_chart, uncertainty_chart

    settings = settings or WhatIfSettings()
    cur, title = scenario.currency, scenario.name
    if name == "strategies":
        rows = strategies(scenario, settings.adoption_overrides())
        build = lambda: strategies_chart(rows, cur, title, as_of)  # noqa: E731
    elif name == "spend_mix":  # at the plan's cash budget, the page's default
        mix = spend_mix(scenario, adoption=settings.adoption_overrides())
        build = lambda: spend_mix_chart(mix, cur, title, as_of)  # noqa: E731
    elif name == "tornado":
        bars = tornado(scenario)
        build = lambda: tornado_chart(bars, cur, title, as_of)  # noqa: E731
    elif name == "uncertainty":
        run = mc if mc is not None else monte_carlo(scenario, settings)
        build = lambda: uncertainty_chart(run, cur, title, as_of)  # noqa: E731
    else:
        raise ValueError(f"unknown What-if chart {name!r} (known: {', '.join(WHATIF_CHARTS)})")
    with _unvalidated():
        return _spec(build())


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

    with _unvalidated():
        return stamped(_spec(frontier_chart(view, scenario.currency)), scenario.name, as_of)
