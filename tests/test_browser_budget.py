"""The Budget planner in headless Chromium: moving the budget slider re-solves, the selection becomes the
scenario, and Undo brings the plan back. One server for the module; each test a fresh session."""

from __future__ import annotations

import pytest
from browser_support import metric, nav, no_exception, open_app, settle, slider

from calculator import load_preset, planner, share
from calculator.formatting import money

pytestmark = pytest.mark.browser
SEED = load_preset("seed-200-person-org")


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
    expect(page.get_by_text("it sits on the frontier")).to_be_visible()
    page.get_by_role("button", name="Undo last change").first.click()
    expect(page.get_by_text("the plan sits below the frontier")).to_be_visible()
    no_exception(page)
