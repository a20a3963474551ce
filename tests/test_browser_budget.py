"""The Budget planner in headless Chromium: moving the budget slider re-solves, the selection becomes the
scenario, and Undo brings the plan back. One server for the module; each test a fresh session."""

from __future__ import annotations

import re

import pytest
from browser_support import SHOTS, metric, nav, no_exception, open_app, settle, slider
from planner_cases import six_teams

from calculator import load_preset, planner, share
from calculator.formatting import money

pytestmark = pytest.mark.browser
# The default scenario: its marketing pilot pays and its finance pilot does not (on the v3 seed no team pays, so
# its optimum funds nothing and "Make this selection the scenario" left no team).
SEED = load_preset("starter-300-person-pilots")


def _open_planner(page, server):
    open_app(page, f"{server.url}/?s={share.encode(SEED)}")
    nav(page, "Budget planner")


def test_budget_slider_resolves_in_the_browser(page, server):
    from playwright.sync_api import expect

    _open_planner(page, server)
    thumb = slider(page, "Budget")
    opening = thumb.evaluate("e => Number(e.value)")
    assert metric(page, "Spent on teams") == money(planner.optimize(SEED, opening).team_cost)
    unspent = page.locator('[data-testid="stMetric"]', has_text="Left unspent").locator(
        '[data-testid="stMetricValue"]')
    before = unspent.inner_text()
    thumb.focus()
    page.keyboard.press("PageDown")  # a tenth of the range down
    expect(unspent).not_to_have_text(before)
    settle(page)
    budget = thumb.evaluate("e => Number(e.value)")
    assert 0 < budget < opening
    plan = planner.optimize(SEED, budget)
    expect(unspent).to_have_text(money(plan.unspent))
    assert metric(page, "Spent on teams") == money(plan.team_cost)
    assert metric(page, "NPV of the teams chosen") == money(plan.objective_value)
    no_exception(page)
    assert page.console_errors == [], "\n".join(page.console_errors)


def test_selection_becomes_the_scenario_and_undo_restores_it(page, server):
    from playwright.sync_api import expect

    _open_planner(page, server)
    page.get_by_role("button", name="Make this selection the scenario").click()
    # The chosen teams are now the plan, and the plan is the optimum at its own cost: on the frontier.
    expect(page.get_by_text("it sits on the frontier")).to_be_visible(timeout=30_000)  # options re-priced
    page.get_by_role("button", name="Undo last change").first.click()
    expect(page.get_by_text("the plan sits below the frontier")).to_be_visible(timeout=30_000)
    no_exception(page)


def test_six_teams_cards_sentence_and_chart_read_one_budget(page, server):
    """The CFO-meeting walk's six teams: the page opens at the plan's own cash cost ($837,290.38 rounded up to
    $837,291, off the slider's $10,000 steps), so "Left unspent" and the plan sentence's "leaves ... unspent"
    are one number; at $100,000 typed in, the cards read the optimum there (Sales enablement, Customer success
    coached 6 weeks and Support: $70.6K of cash on teams for $153.6K of NPV; $143.0K with the $10,824 of fixed
    costs). Screenshots of both."""
    from playwright.sync_api import expect

    scenario = six_teams()
    open_app(page, f"{server.url}/?s={share.encode(scenario)}")
    nav(page, "Budget planner")
    teams, fixed = planner.team_options(scenario), planner.fixed_part(scenario)
    cost = planner.plan_budget(planner.planned(teams, fixed, "npv").total_cost)
    assert slider(page, "Budget").get_attribute("aria-valuetext") == "837,291"
    field = page.get_by_label("Exact budget (USD)", exact=True)  # a text box read by calculator.typed
    assert field.input_value() == "837,291"
    plan = planner.optimize(scenario, cost)
    sentence = page.locator('[data-testid="stMarkdownContainer"]', has_text="Your plan.").first.inner_text()
    assert metric(page, "Left unspent") == re.search(r"leaves (\S+) unspent", sentence).group(1) == money(plan.unspent)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "budget_six_teams_default.png"), full_page=True)

    field.fill("100000")
    field.press("Enter")
    at_100k = planner.optimize(scenario, 100_000)
    expect(page.locator('[data-testid="stMetric"]', has_text="Spent on teams").locator(
        '[data-testid="stMetricValue"]')).to_have_text(money(at_100k.team_cost))
    settle(page)
    assert metric(page, "NPV of the teams chosen") == money(at_100k.objective_value) == "$153.6K"
    assert metric(page, "NPV with fixed costs") == money(at_100k.program_npv) == "$143.0K"
    page.locator('[data-testid="stVegaLiteChart"]').first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "budget_six_teams_100k.png"), full_page=True)
    no_exception(page)
    assert page.console_errors == [], "\n".join(page.console_errors)
