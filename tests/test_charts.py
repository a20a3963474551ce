"""Chart defects from issue 10 item 9, each reproduced on the chart the page and the exports draw.

The hours bars zig-zagged between 4- and 5-week months; an empty tier printed "$0 $0"; the payback
label sat on the rising line; the tornado's bars were squeezed flat by Streamlit's default
``autosize: fit``. Geometry is read from the chart rendered to SVG by vl-convert (the exports'
renderer, the same Vega as the browser).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import vl_convert as vlc

from calculator import evaluate, load_preset, loads, presets
from calculator.analysis import tornado
from calculator.charts.analysis import tornado_chart
from calculator.charts.pitch import cashflow_chart, chart_spec, hours_rows, tier_rows
from calculator.charts.style import stamped
from calculator.editing import edit

V1 = Path(__file__).resolve().parent / "data" / "schema_v1"


def _v1(name: str):
    """A seed as it was before methodology v2 counted participants' time: one that pays back."""
    return loads((V1 / f"{name}.json").read_text())


def _marketing():
    return dataclasses.replace(_v1("seed-marketing-team"), ranges=())


class TestHoursPerMonth:
    def test_hand_worked_months(self):
        """8 people x 3.75 h = 30 h a week at full value, ramping k/6 in week k of 6.

        A month is shown as its average week x 52/12 weeks. Month 1 holds weeks 1-4 (5, 10, 15,
        20 h; average 12.5): 12.5 x 52/12 = 54.17 h. Month 2 holds weeks 5-8 (25, 30, 30, 30;
        average 28.75): 124.58 h. From month 3 on: 30 x 52/12 = 130 h every month, where a sum
        of weeks alternated 120 h (4 weeks) and 150 h (5 weeks).
        """
        rows = hours_rows(evaluate(_marketing()))
        assert rows[0]["hours_saved"] == pytest.approx(12.5 * 52 / 12)
        assert rows[1]["hours_saved"] == pytest.approx(28.75 * 52 / 12)
        assert [r["hours_saved"] for r in rows[2:]] == pytest.approx([130.0] * 22)

    def test_steady_month_ties_to_the_hours_a_year_card(self):
        result = evaluate(load_preset(presets.DEFAULT_PRESET))
        assert hours_rows(result)[-1]["hours_saved"] == pytest.approx(result.annual_hours_saved / 12)

    def test_the_axis_says_what_a_bar_is(self):
        spec = chart_spec("hours", evaluate(_marketing()))
        assert "average week" in spec["encoding"]["y"]["title"]


class TestEmptyTier:
    def test_a_tier_with_nothing_prints_no_zeros(self):
        """The starter has no Tier 3 team and a licensed platform: Tier 3 read "$0 $0"."""
        rows = tier_rows(evaluate(load_preset(presets.DEFAULT_PRESET)))
        tier3 = [r["label"] for r in rows if r["tier"].startswith("Tier 3")]
        assert tier3 == ["not in this plan"]

    def test_a_sunk_cost_tier_with_value_still_reads_zero(self):
        """A $0 tier that has value (a licence already paid) keeps its "$0" label."""
        scenario = edit(_marketing(), {"literacy.enabled": True, "literacy.already_licensed": True,
                                       "literacy.hours_saved_per_person_per_week": 0.5,
                                       "literacy.adoption_rate": 0.5})
        labels = {r["measure"]: r["label"] for r in tier_rows(evaluate(scenario)) if r["tier"].startswith("Tier 1")}
        assert labels["Investment"] == "$0" and labels["Value"] != "$0"


def _svg(spec: dict) -> str:
    return vlc.vegalite_to_svg(spec)


def _line_points(svg: str) -> list[tuple[float, float]]:
    path = re.search(r'aria-roledescription="line mark" d="([^"]+)"', svg).group(1)
    return [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", path)]


def _label_box(svg: str, prefix: str) -> tuple[float, float, float, float]:
    """The text's box (x0, y0, x1, y1), from its anchor, baseline and an upper bound on its width."""
    tag = re.search(rf'<text[^>]*>{prefix}[^<]*</text>', svg).group(0)
    x, y = map(float, re.search(r"translate\(([-\d.]+),([-\d.]+)\)", tag).groups())
    size = float(re.search(r'font-size="([\d.]+)px"', tag).group(1))
    text = re.search(r">([^<]*)<", tag).group(1)
    width = 0.62 * size * len(text)  # bold Liberation Sans averages under 0.6 em a character
    anchor = re.search(r'text-anchor="(\w+)"', tag)
    x0 = {"start": x, "end": x - width, "middle": x - width / 2}[anchor.group(1) if anchor else "start"]
    baseline = re.search(r'dominant-baseline="([\w-]+)"', tag)
    if baseline and baseline.group(1) == "hanging":
        y0 = y
    elif baseline and baseline.group(1) == "middle":
        y0 = y - size / 2
    else:  # alphabetic: the text stands on y
        y0 = y - size
    return x0, y0, x0 + width, y0 + size * 1.2


def _crosses(points, box, margin=2.0) -> bool:
    x0, y0, x1, y1 = box
    for (ax, ay), (bx, by) in zip(points, points[1:]):
        for k in range(21):  # sample each segment: a line through the box crosses it somewhere
            px, py = ax + (bx - ax) * k / 20, ay + (by - ay) * k / 20
            if x0 - margin <= px <= x1 + margin and y0 - margin <= py <= y1 + margin:
                return True
    return False


class TestPaybackLabel:
    @pytest.mark.parametrize("scenario", [
        pytest.param(lambda: _v1("starter-300-person-pilots"), id="starter-payback-month-6"),
        pytest.param(lambda: _v1("seed-200-person-org"), id="seed-payback-month-9.5"),
        pytest.param(lambda: edit(_marketing(), {"cohorts[0].hours_saved_per_person_per_week": 0.8}),
                     id="late-payback"),
        pytest.param(lambda: edit(_marketing(), {"cohorts[0].hours_saved_per_person_per_week": 40.0}),
                     id="early-payback-shallow-dip"),
    ])
    def test_label_clear_of_the_line_and_inside_the_plot(self, scenario):
        result = evaluate(scenario())
        assert result.payback_months
        svg = _svg(cashflow_chart(result).to_dict())
        box = _label_box(svg, "Payback at month")
        assert not _crosses(_line_points(svg), box), f"label {box} crosses the cumulative line"
        width, height = 640, 320
        assert box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height, box


class TestTornadoHeight:
    def test_bars_keep_their_band_when_drawn_by_streamlit(self):
        """Streamlit adds ``autosize: fit`` to a spec without one, which squeezed the title, legend and
        axis into the 36 px a bar had: 6 bars came out under 10 px tall. Each bar keeps 60% of 36 px
        (0.7 of the band after the scale's inner padding)."""
        scenario = load_preset(presets.DEFAULT_PRESET)
        rows = tornado(scenario)
        spec = stamped(tornado_chart(rows, scenario.currency).to_dict(), scenario.name)
        spec.setdefault("autosize", {"type": "fit", "contains": "padding"})  # what st.vega_lite_chart does
        svg = _svg(spec)
        heights = [float(h) for h in re.findall(r'aria-roledescription="bar"[^>]*?height="([\d.]+)"', svg)]
        if not heights:  # rects written as paths: d="M x,y h w v h h -w Z"
            heights = [abs(float(v)) for v in re.findall(
                r'aria-roledescription="bar"[^>]*d="M[-\d.]+,[-\d.]+h[-\d.]+v([-\d.]+)', svg)]
        assert len(heights) == 2 * len(rows)
        assert min(heights) >= 0.6 * 36


def test_legend_labels_are_never_cut():
    """On screen the J-curve's legend read "Full value (cash + cap…": Vega cuts legend labels at 160 px unless
    the spec says otherwise, and the browser's font is wider than the exporter's. Every chart the app draws
    carries the one house style, with no label limit."""
    from calculator.charts.pitch import PITCH_CHARTS
    from calculator.charts.roadmap import roadmap_chart
    from calculator.export.render import whatif_charts

    scenario = load_preset("seed-200-person-org")
    charts = {name: build(evaluate(scenario)) for name, build in PITCH_CHARTS.items()}
    charts.update(whatif_charts(scenario))
    charts["roadmap"] = roadmap_chart(scenario)
    for name, chart in charts.items():
        config = (chart if isinstance(chart, dict) else chart.to_dict())["config"]
        assert config["legend"]["labelLimit"] == 0, name
        assert config["font"].startswith("Liberation Sans"), name
