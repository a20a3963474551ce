"""Real-browser checks of three acceptance-test defects, walked as the tester walked them in Chromium.

1. A file that left fields out loaded silently with invented values: the sidebar now names them.
2. A second Tier 3 department set to coaching had no price range once ranges were per team.
3. The scenario's notes were exported but shown and editable nowhere.

Screenshots go to ``test-screenshots/`` (``loader-*.png``).
"""

from __future__ import annotations

import json

import pytest
from browser_support import SHOTS, choose, nav, no_exception, open_app, settle, url_scenario

from calculator import editing, load_preset, presets, to_dict
from calculator.scenario import defaulted_fields, defaults_notice

pytestmark = pytest.mark.browser
DEFAULT = load_preset(presets.DEFAULT_PRESET)


def _expect():
    from playwright.sync_api import expect
    SHOTS.mkdir(parents=True, exist_ok=True)
    return expect


def _sidebar_alert(page, text: str):
    return page.locator('[data-testid="stSidebar"] [data-testid="stAlert"]', has_text=text)


def test_a_file_that_left_a_team_size_out_loads_and_the_sidebar_names_it(page, server):
    """The tester's file: the seed with its fifth team at 30 people, then cohorts[4].team_size deleted."""
    expect = _expect()
    data = to_dict(editing.edit(load_preset("seed-200-person-org"), {"cohorts[4].team_size": 30}))
    del data["cohorts"][4]["team_size"]
    open_app(page, server.url)
    page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(
        files=[{"name": "plan.json", "mimeType": "application/json", "buffer": json.dumps(data).encode()}])
    settle(page)
    expect(page.locator("h1").first).to_have_text(data["name"])
    notice = _sidebar_alert(page, "left out 1 field")
    expect(notice.first).to_contain_text("cohorts[4].team_size = 10")
    assert defaults_notice(defaulted_fields(data), "plan.json") in notice.first.inner_text()
    assert url_scenario(page).cohorts[4].team_size == 10
    no_exception(page)
    notice.first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "loader-defaults-notice.png"))


def test_a_file_without_finance_is_refused_naming_the_missing_section(page, server):
    expect = _expect()
    data = to_dict(load_preset("seed-200-person-org"))
    del data["finance"]
    open_app(page, server.url)
    page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(
        files=[{"name": "plan.json", "mimeType": "application/json", "buffer": json.dumps(data).encode()}])
    settle(page)
    refusal = _sidebar_alert(page, "finance is missing from the file").first
    expect(refusal).to_be_visible()
    expect(page.locator("h1").first).to_have_text(DEFAULT.name)
    refusal.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "loader-missing-finance.png"))


def _pick_delivery(page, label: str) -> None:
    choose(page, page.locator('[data-testid="stSelectbox"]', has_text="Delivery model").first, label)
    settle(page)


def test_a_second_department_set_to_coaching_keeps_a_price_range(page, server):
    """Add a Tier 3 department, consulting; another, coaching: cohorts[3].price is coaching's [200, 500]."""
    expect = _expect()
    open_app(page, f"{server.url}/builder")
    page.get_by_role("button", name="Add a Tier 3 department").click()
    settle(page)
    _pick_delivery(page, "Consulting-led")
    page.get_by_role("button", name="Add a Tier 3 department").click()
    settle(page)
    _pick_delivery(page, "Team-embedded coaching")
    held = url_scenario(page)
    assert [c.delivery for c in held.cohorts] == ["coaching", "coaching", "consulting", "coaching"]
    assert ("cohorts[3].price", 200.0, 500.0) in held.ranges
    assert ("cohorts[2].price", 200_000.0, 1_000_000.0) in held.ranges
    page.get_by_role("tab", name="Uncertainty ranges").click()
    settle(page)
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible()
    no_exception(page)
    page.screenshot(path=str(SHOTS / "loader-per-team-price-ranges.png"), full_page=True)


def test_notes_are_edited_on_the_builder_and_shown_on_exports(page, server):
    expect = _expect()
    open_app(page, f"{server.url}/builder")
    page.get_by_role("tab", name="Organization").click()
    settle(page)
    area = page.locator(".st-key-at_notes textarea")
    expect(area).to_have_value(DEFAULT.notes)
    area.fill("Our plan: finance and sales pilots from week 3.\nHours saved come from our own time studies.")
    area.press("Control+Enter")
    settle(page)
    held = url_scenario(page)
    assert held.notes.startswith("Our plan: finance and sales pilots")
    page.screenshot(path=str(SHOTS / "loader-notes-builder.png"), full_page=True)
    nav(page, "Exports")
    expect(page.locator(".st-key-at_notes textarea")).to_have_value(held.notes)
    expect(page.get_by_text("These notes go into the brief, the workbook and the CSV").first).to_be_visible()
    no_exception(page)
    page.screenshot(path=str(SHOTS / "loader-notes-exports.png"))
