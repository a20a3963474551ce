"""Presenter mode and table labels, through AppTest (issue 10 items 5 and 9).

The browser tests (tests/test_browser_presenter.py) measure the layout; these check what the app
sends: chart specs with larger text, the ?present=1 flag, the teams table's labels.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from calculator.formatting import price_unit_label
from ui.presenter import cards_per_row, scaled

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def _charts(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def _pitch(presenting: bool = False, link_flag: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if link_flag is not None:
        at.query_params["present"] = link_flag
    if presenting:
        at.session_state["presenter_mode"] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


class TestChartText:
    def test_chart_text_scales_up_in_presenter_mode(self):
        """Issue 10 item 5: chart text was not enlarged for the projector (axis labels 12 px on both)."""
        normal, presenting = _charts(_pitch()), _charts(_pitch(presenting=True))
        assert len(normal) == len(presenting) == 4  # J-curve, cost lines (methodology v2), tiers, hours
        for a, b in zip(normal, presenting):
            assert b["config"]["axis"]["labelFontSize"] >= 1.25 * a["config"]["axis"]["labelFontSize"]
            assert b["title"]["fontSize"] > a["title"]["fontSize"]

    def test_scaled_writes_in_vega_defaults(self):
        spec = scaled({"title": {"text": "T", "fontSize": 16}, "config": {"axis": {"labelFontSize": 12}},
                       "height": 320, "datasets": {"d": [{"fontSize": 1}]}}, 1.5, height=280)
        assert spec["title"] == {"text": "T", "fontSize": 24, "subtitleFontSize": 15}
        assert spec["config"]["axis"] == {"labelFontSize": 18, "titleFontSize": 16}  # 11 px default x 1.5
        assert spec["height"] == 280 and spec["datasets"] == {"d": [{"fontSize": 1}]}  # data untouched


class TestPresentFlag:
    @pytest.mark.parametrize("flag", ["1", "true"])
    def test_link_flag_turns_presenter_mode_on(self, flag):
        """A meeting link with ?present=1 opens straight into presenter mode (no editing sliders on show: the
        team what-ifs wait in a closed panel)."""
        at = _pitch(link_flag=flag)
        assert at.session_state["presenter_mode"] is True
        closed = [e for e in at.main.expander if not e.proto.expanded]
        in_closed = {s.key for e in closed for s in e.slider}
        assert in_closed and all(s.key in in_closed for s in at.main.slider if s.key and "cohorts" in s.key)

    def test_no_flag_no_presenter_mode(self):
        at = _pitch()
        assert at.session_state["presenter_mode"] is False
        assert any("cohorts[0].team_size" in (s.key or "") for s in at.slider)


@pytest.mark.parametrize(("count", "per_row"), [(6, 3), (7, 4), (8, 4), (3, 3), (2, 2)])
def test_cards_per_row(count, per_row):
    """Six cards are two rows of three; seven or eight are two rows of four."""
    assert cards_per_row(count) == per_row


def test_presenter_teams_table_reads_labels():
    """Issue 10 item 9: the builder's read-only teams table showed per_employee_per_week and coaching
    as stored; its column configuration gives every coded value its label and adoption a % sign."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["presenter_mode"] = True
    at.run()
    at.switch_page("views/builder.py").run()
    assert not at.exception
    columns = json.loads(at.dataframe[0].proto.columns)
    units = {o["value"]: o["label"] for o in columns["price_unit"]["type_config"]["options"]}
    assert units["per_employee_per_week"] == price_unit_label("per_employee_per_week") == "per employee per week"
    deliveries = {o["value"]: o["label"] for o in columns["delivery"]["type_config"]["options"]}
    assert deliveries["coaching"] == "Team-embedded coaching"
    assert columns["adoption_pct"]["type_config"]["format"] == "%.0f%%"
    assert columns["price_unit"]["label"] == "Unit"


def test_value_font_fits_its_text():
    """145 / characters % of the card's width: at 0.6 em a character the text takes 88% of it.

    "$117.8K" (7 characters): 145 / 7 = 20.71, kept at 20.7% of the width; "not within the horizon"
    (22): 6.59, kept at 6.5%, so on a 360 px card 23.4 px and 22 x 0.6 x 23.4 = 309 px of the 317 px
    inside the padding (rounded down, never a hair over).
    """
    from ui.presenter import value_font_cqi

    assert value_font_cqi("$117.8K") == 20.7
    assert value_font_cqi("not within the horizon") == 6.5
    assert 22 * 0.6 * (6.5 / 100 * 360) <= 0.88 * 360


def test_the_builder_says_how_to_leave_presenter_mode_with_the_sidebar_closed():
    """Third walk: presenting, the builder said "Switch it off in the sidebar" while the sidebar was closed
    (its toggle out of sight). It names the shortcut and where the sidebar opens."""
    from streamlit.testing.v1 import AppTest

    from ui.presenter import SHORTCUT

    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["presenter_mode"] = True
    at.run()
    at.switch_page("views/builder.py").run()
    assert not at.exception
    notice = " ".join(i.value for i in at.info)
    assert SHORTCUT in notice and "» at the top left" in notice, notice


def test_presenter_mode_shortens_only_the_j_curve():
    """Third walk: presenting, the tier chart's bar labels collided ("$0" under "$76.8K"): every Pitch chart was
    cut to the J-curve's 230 px while its text grew 1.3 times. Only the J-curve (on the first screen, under
    the cards) is shortened; the others keep their own height."""
    import json

    from streamlit.testing.v1 import AppTest

    from calculator import evaluate, presets
    from calculator.charts.pitch import chart_spec
    from ui.presenter import CHART_HEIGHT

    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["presenter_mode"] = True
    at.run()
    heights = {json.loads(c.proto.spec)["title"]["text"]: json.loads(c.proto.spec).get("height")
               for c in at.get("vega_lite_chart")}
    result = evaluate(presets.load_preset(presets.DEFAULT_PRESET))
    for name in ("cashflow", "costs", "tiers", "hours"):
        own = chart_spec(name, result)
        title = own["title"]["text"] if isinstance(own["title"], dict) else own["title"]
        assert heights[title] == (CHART_HEIGHT if name == "cashflow" else own["height"]), (name, heights)



@pytest.mark.parametrize("page", ["views/what_if.py", "views/budget.py", "views/roadmap.py"])
def test_charts_on_other_pages_scale_up_in_presenter_mode(page):
    """Issue 22 item 4: in presenter mode only the Pitch's charts had larger text; the What-if, Budget planner
    and Roadmap charts kept their screen sizes on the projector. Every chart's title is now 1.3 times larger
    there too."""
    def titles(presenting: bool) -> list[float]:
        at = _pitch(presenting=presenting)
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        return [spec["title"]["fontSize"] for spec in _charts(at) if isinstance(spec.get("title"), dict)]

    normal, presenting = titles(False), titles(True)
    assert normal and len(normal) == len(presenting)
    assert all(b >= 1.25 * a for a, b in zip(normal, presenting))
