"""Real-browser tests: the app served by Streamlit, driven in Debian's headless Chromium.

AppTest reruns scripts; only a browser shows layout, real clicks, fragments and
the URL. Screenshots of every page go to ``test-screenshots/`` (or
``$SCREENSHOT_DIR``). Without Chromium these tests skip with the reason, except
in CI (``REQUIRE_BROWSER=1``), where a missing browser is a failure.

One server serves the module (each test opens a new browser context, a new
session); the first-session test starts a server of its own.
"""

from __future__ import annotations

import pytest
from browser_support import (
    PAGES,
    SHOTS,
    URL_PATHS,
    Server,
    metric,
    nav,
    new_page,
    no_exception,
    open_app,
    settle,
    slider,
    team_slider,
    url_scenario,
)

from calculator import editing, evaluate, load_preset, presets, share
from calculator.formatting import money

pytestmark = pytest.mark.browser
DEFAULT = load_preset(presets.DEFAULT_PRESET)


def _expect():
    from playwright.sync_api import expect
    return expect


def test_every_page_loads_without_errors_and_is_screenshotted(page, server):
    """Visit every page through the sidebar like a user; no exception block, no console error."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert "pitch" in URL_PATHS and "builder" in URL_PATHS
    open_app(page, server.url)
    for title, path in PAGES:
        nav(page, title)
        _expect()(page.locator("h1").first).to_be_visible()
        no_exception(page)
        page.screenshot(path=str(SHOTS / f"page_{path}.png"), full_page=True)
    assert page.console_errors == [], "\n".join(page.console_errors)


def test_pitch_slider_updates_numbers_to_the_calculators(page, server):
    open_app(page, server.url)
    assert metric(page, "Decision cost") == money(evaluate(DEFAULT).total_cost)
    marketing = team_slider(page, DEFAULT.cohorts[0].name, "Team size")
    for _ in range(3):
        settle(page)
        marketing.focus()
        page.keyboard.press("ArrowRight")
    settle(page)
    edited = editing.edit(DEFAULT, {"cohorts[0].team_size": DEFAULT.cohorts[0].team_size + 3})
    _expect()(page.locator('[data-testid="stMetric"]', has_text="Decision cost").first).to_contain_text(
        money(evaluate(edited).total_cost))
    # The address bar now carries the edited scenario.
    assert url_scenario(page) == edited
    assert page.console_errors == [], "\n".join(page.console_errors)


def test_sidebar_slider_keeps_its_value_in_a_new_servers_first_session(browser):
    """With the sidebar drawn before st.navigation, the first change snapped a slider to its minimum.

    Needs a server nobody has opened yet: the first session of a new server is where this hid.
    """
    fresh = Server()
    page = new_page(browser)
    try:
        open_app(page, fresh.url)
        horizon = page.locator('[data-testid="stSidebar"] [data-testid="stSlider"]').first.get_by_role("slider")
        horizon.focus()
        for expected in (25, 26):
            page.keyboard.press("ArrowRight")
            settle(page)
            _expect()(horizon).to_have_value(str(expected))
        _expect()(page.locator('[data-testid="stMetric"]', has_text="ROI").first).to_contain_text("ROI over 26 months")
    finally:
        page.context.close()
        fresh.stop()


def test_a_page_link_opens_the_whole_app_on_a_new_server(browser):
    """A link to a page (not the root) opened first on a freshly started server, as after a restart or a
    hosting platform's cold start: Streamlit served the page file alone, its sidebar listing file names
    ("app", "budget", ...) and none of the scenario controls, until someone had opened the root once. The
    page files no longer sit in a folder Streamlit searches on its own (``pages/``)."""
    fresh = Server()
    page = new_page(browser)
    try:
        open_app(page, f"{fresh.url}/exports")
        nav_links = page.locator('[data-testid="stSidebarNav"] a')
        _expect()(nav_links.filter(has_text="Methodology & sources")).to_have_count(1)
        assert not [t for t in nav_links.all_inner_texts() if t.strip() in ("app", "budget", "what if")]
        _expect()(page.locator("h1").first).to_have_text("Exports")
        _expect()(page.locator('[data-testid="stSidebar"] [data-testid="stSlider"]').first).to_be_visible()
    finally:
        page.context.close()
        fresh.stop()


def test_deep_link_to_each_page(page, server):
    for path in URL_PATHS:
        open_app(page, f"{server.url}/{path}")
        no_exception(page)
        _expect()(page.locator("h1").first).to_be_visible()


def test_share_link_reopens_the_scenario(page, server):
    scenario = load_preset("seed-200-person-org")
    open_app(page, f"{server.url}/?s={share.encode(scenario)}")
    _expect()(page.locator("h1", has_text=scenario.name)).to_have_count(1)
    assert metric(page, "Decision cost") == money(evaluate(scenario).total_cost)


def test_damaged_link_warns_and_falls_back(page, server):
    open_app(page, f"{server.url}/?s=1.not-a-scenario")
    _expect()(page.locator('[data-testid="stAlert"]', has_text="could not be opened")).to_have_count(1)
    _expect()(page.locator("h1", has_text=DEFAULT.name)).to_have_count(1)
    no_exception(page)


def test_presenter_mode_enlarges_numbers_and_hides_editing(page, server):
    open_app(page, server.url)
    before = page.locator('[data-testid="stMetricValue"]').first.bounding_box()["height"]
    page.locator('[data-testid="stSidebar"] label', has_text="Presenter mode").first.click()
    settle(page)
    # No editing control on show: the team what-ifs wait in a closed panel, one click away.
    _expect()(page.locator('[data-testid="stMain"] [data-testid="stSlider"]:visible')).to_have_count(0)
    after = page.locator('[data-testid="stMetricValue"]').first.bounding_box()["height"]
    assert after > before * 1.2
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "presenter_mode.png"), full_page=True)


def test_edits_survive_a_page_change_and_a_reload(page, server):
    """A page change drops the query string; the app writes the scenario back, so a reload keeps the edit."""
    open_app(page, server.url)
    team_slider(page, DEFAULT.cohorts[0].name, "Team size").focus()
    page.keyboard.press("ArrowRight")
    settle(page)
    edited = editing.edit(DEFAULT, {"cohorts[0].team_size": DEFAULT.cohorts[0].team_size + 1})
    nav(page, "Program builder")
    page.reload()
    page.locator('[data-testid="stMetric"]').first.wait_for()
    settle(page)
    assert "/builder" in page.url
    _expect()(page.locator('[data-testid="stMetric"]', has_text="Decision cost").first).to_contain_text(
        money(evaluate(edited).total_cost))


def test_undo_button_restores_the_previous_numbers(page, server):
    expect = _expect()
    open_app(page, server.url)
    before = metric(page, "Decision cost")
    card = page.locator('[data-testid="stMetric"]', has_text="Decision cost").first
    slider(page, "Team size").focus()
    page.keyboard.press("ArrowRight")
    settle(page)
    expect(card).not_to_contain_text(before)
    page.get_by_role("button", name="Undo last change").first.click()
    settle(page)
    expect(card).to_contain_text(before)
    page.get_by_role("button", name="Undo last change").first.click()
    settle(page)
    expect(page.get_by_text("Nothing to undo").first).to_be_visible()
    assert metric(page, "Decision cost") == before
