"""Chart files: the app's charts rendered to PNG and SVG on the server with vl-convert.

The same builders the pages draw (:data:`calculator.charts.pitch.PITCH_CHARTS` for the
Pitch page, :mod:`calculator.charts.analysis` for the What-if page) are rendered
here, so a file shows what the screen showed: palette, fonts, size and the title
are all in the spec. vl-convert embeds its own JavaScript engine, so rendering
works offline.
"""

from __future__ import annotations

import datetime as dt
import struct
import zlib

import vl_convert as vlc

from ..charts.pitch import PITCH_CHARTS
from ..charts.style import stamped
from ..model import Result
from .common import xml_safe


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


def _itxt(keyword: str, text: str) -> bytes:
    # An iTXt chunk holds UTF-8 text (tEXt is Latin-1 only): keyword, flags, empty language and translation.
    data = keyword.encode("latin-1") + b"\0\0\0\0\0" + text.encode("utf-8")
    return struct.pack(">I", len(data)) + b"iTXt" + data + struct.pack(">I", zlib.crc32(b"iTXt" + data))


def _with_text(png: bytes, fields: dict[str, str]) -> bytes:
    """Insert text chunks right after the 8-byte signature and the 25-byte IHDR chunk."""
    head = 8 + 25
    return png[:head] + b"".join(_itxt(k, v) for k, v in fields.items() if v) + png[head:]


def chart_png(chart, scale: float = 2) -> bytes:
    """Render an Altair chart (or a Vega-Lite dict) to PNG bytes.

    The title and subtitle are also written into the PNG's ``Title`` and
    ``Description`` text fields, so the file says what it shows.

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
    spec = _spec(chart)
    png = vlc.vegalite_to_png(spec, scale=scale)
    title, subtitle = chart_title(spec)
    return _with_text(png, {"Title": title, "Description": subtitle, "Software": "AI-training ROI calculator"})


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
    ['cashflow', 'hours', 'tiers']
    """
    return {name: build(result, as_of=as_of) for name, build in PITCH_CHARTS.items()}


WHATIF_CHARTS = ("strategies", "tornado", "uncertainty")
WHATIF_DRAWS, WHATIF_SEED = 10_000, 0  # the What-if page's defaults


def whatif_charts(scenario, as_of: dt.date | None = None) -> dict:
    """The What-if page's charts (strategies, tornado, uncertainty) as Vega-Lite specs, by name.

    Built by the page's own builders with the page's default settings (10,000 draws, seed 0);
    the scenario's name and the date are added under each subtitle, as on the pitch charts.

    >>> from calculator import Cohort, Scenario
    >>> specs = whatif_charts(Scenario(name="Q3 plan", cohorts=(Cohort(),)), dt.date(2026, 1, 5))
    >>> sorted(specs), specs["tornado"]["title"]["subtitle"][-1]
    (['strategies', 'tornado', 'uncertainty'], 'Q3 plan · 05 Jan 2026')
    """
    from ..analysis import simulate, strategies, tornado  # imported here: only these charts need it
    from ..charts.analysis import strategies_chart, tornado_chart, uncertainty_chart

    cur = scenario.currency
    charts = {
        "strategies": strategies_chart(strategies(scenario), cur),
        "tornado": tornado_chart(tornado(scenario), cur),
        "uncertainty": uncertainty_chart(simulate(scenario, draws=WHATIF_DRAWS, seed=WHATIF_SEED), cur),
    }
    return {name: stamped(_spec(chart), scenario.name, as_of) for name, chart in charts.items()}

