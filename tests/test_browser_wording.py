"""The UAT walk's wording findings, seen in headless Chromium: what a CFO reads on screen.

One server for the module; each test a fresh session. Screenshots go to ``SHOTS`` (test-screenshots/).
"""

from __future__ import annotations

import json

import pytest
from browser_support import SHOTS, nav, no_exception, open_app, press_slider, settle

from calculator import evaluate, load_preset, presets, share
from calculator.editing import change_delivery
from calculator.formatting import money, scenario_file_name

pytestmark = pytest.mark.browser
DEFAULT = load_preset(presets.DEFAULT_PRESET)


def _expect():
    from playwright.sync_api import expect

    return expect


def test_save_scenario_is_named_after_the_scenario(page, server):
    """README: files are named after the scenario; the sidebar saved every scenario as scenario.json."""
    open_app(page, server.url)
    with page.expect_download(timeout=10_000) as info:
        page.get_by_role("button", name="Save scenario (JSON)").click()
    assert info.value.suggested_filename == scenario_file_name(DEFAULT.name) == (
        "starter-300-people-two-coaching-pilots-scenario.json")
    assert json.loads(open(info.value.path(), encoding="utf-8").read())["name"] == DEFAULT.name


def test_widening_toast_is_worded_for_a_presenter(page, server):
    """Adoption 80% down eight 5-point steps is 40%, under the range's 50%: the toast names the input and
    both ranges in percent, not cohorts[*].adoption_rate and [0.5, 1]."""
    expect = _expect()
    open_app(page, server.url)
    press_slider(page, "Adoption", "ArrowLeft", 8)
    toast = page.locator('[data-testid="stToast"]', has_text="widened").last
    expect(toast).to_contain_text("Adoption range (every team) widened from")
    expect(toast).to_contain_text("to 40%–100% to include the value you set")
    assert "cohorts[" not in toast.inner_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "wording_toast.png"))


def test_every_cost_line_amount_is_on_the_pitch_cost_chart(page, server):
    """Other program costs ($10.8K, under 8% of the whole) had no label on the chart: the legend names each
    line with its amount."""
    expect = _expect()
    open_app(page, server.url)
    chart = page.locator('[data-testid="stVegaLiteChart"]', has_text="What the decision costs").first
    chart.scroll_into_view_if_needed()
    costs = evaluate(DEFAULT).cost_by_line
    # The fees line carries the default's 10% cost risk, and says so (the invoice is the headline's figure).
    for name, key in (("Program fees +10% cost risk", "fees"), ("Participants' time", "participant_time"),
                      ("AI tool seats", "ai_seats"), ("Other program costs", "other")):
        expect(chart).to_contain_text(f"{name}: {money(costs[key])}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    chart.screenshot(path=str(SHOTS / "wording_cost_chart.png"))


def test_what_if_reads_percentages_and_ranges_in_their_units(page, server):
    """Strategy adoption inputs read 10%, not 10.00 (the tables' cells are on a canvas: screenshots)."""
    expect = _expect()
    consulting = change_delivery(DEFAULT, 0, "consulting").scenario
    open_app(page, f"{server.url}/?s={share.encode(consulting)}")
    nav(page, "What-if analysis")
    platform = page.locator('[data-testid="stSlider"]', has_text="Self-paced platform adoption").first
    expect(platform).to_contain_text("10%")
    # The tables are drawn on a canvas: their cells are checked by AppTest (tests/test_wording.py) and
    # looked at in these screenshots.
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "wording_strategies.png"), full_page=True)
    page.get_by_role("tab", name="Uncertainty").click()
    settle(page)
    expect(page.get_by_text("What was varied, and how")).to_be_visible()
    page.get_by_text("What was varied, and how").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "wording_uncertainty.png"), full_page=True)
    no_exception(page)


def test_budget_planner_cards_read_as_the_pitch(page, server):
    """The planner's cards showed $87,653 where the Pitch shows $87.7K: the cards are compact now."""
    from browser_support import metric

    from calculator import planner

    open_app(page, server.url)
    nav(page, "Budget planner")
    field = page.get_by_label("Exact budget (USD)", exact=True)  # a text box read by calculator.typed
    budget = float(field.input_value().replace(",", ""))
    plan = planner.budget_view(DEFAULT, budget).plan
    assert metric(page, "Fixed costs") == money(plan.fixed.cost)
    assert metric(page, "Spent on teams") == money(plan.team_cost)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "wording_budget.png"))
    no_exception(page)
