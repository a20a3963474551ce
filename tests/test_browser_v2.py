"""Methodology v2 in a real browser: the fully loaded cards, cash and value paybacks side by side, the visible
warning for spend past the horizon, and the builder's AI-seat toggle moving the headline to the calculator's
number. Screenshots go to ``test-screenshots/``."""

from __future__ import annotations

import pytest
from browser_support import SHOTS, metric, nav, new_page, no_exception, open_app, settle, url_scenario

from calculator import editing, evaluate, load_preset, presets, share
from calculator.formatting import money
from calculator.pitch import headline_cards, pitch_summary

pytestmark = pytest.mark.browser
DEFAULT = load_preset(presets.DEFAULT_PRESET)


@pytest.fixture()
def page(browser, server):
    pg = new_page(browser, width=1280, height=900)
    yield pg
    pg.context.close()


def test_cards_show_the_calculators_fully_loaded_figures_and_both_paybacks(page, server):
    from playwright.sync_api import expect

    open_app(page, server.url)
    no_exception(page)
    for card in headline_cards(pitch_summary(DEFAULT)):
        expect(page.locator('[data-testid="stMetric"]', has_text=card.label).first).to_contain_text(card.value)
    expect(page.get_by_text("Program fees", exact=False).first).to_be_visible()
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible()  # teams ranked by NPV per dollar
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "v2-pitch.png"), full_page=True)


def test_spend_past_the_horizon_is_a_visible_warning(page, server):
    from playwright.sync_api import expect

    late = editing.edit(DEFAULT, {"cohorts[1].start_week": 100})
    open_app(page, f"{server.url}/?s={share.encode(late)}")
    warning = page.locator('[data-testid="stAlert"]', has_text="falls after the 24-month horizon")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Finance pilot")


def test_ai_seat_toggle_in_the_builder_moves_the_headline(page, server):
    from playwright.sync_api import expect

    open_app(page, server.url)
    nav(page, "Program builder")
    page.get_by_role("tab", name="AI tools & program costs").click()
    settle(page)
    toggle = page.locator('[data-testid="stCheckbox"]', has_text="AI tool seats already licensed").first
    toggle.click()
    settle(page)
    licensed = editing.edit(DEFAULT, {"ai_tools.already_licensed": True})
    expected = money(evaluate(licensed).total_cost)
    expect(page.locator('[data-testid="stMetric"]', has_text="Decision cost").first).to_contain_text(expected)
    assert url_scenario(page).ai_tools.already_licensed
    assert metric(page, "Decision cost") == expected
    no_exception(page)
