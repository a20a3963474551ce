"""Issue 10 in a real browser: what broke when the app was driven as a presenter preparing a CFO meeting.

Each test reproduces one reported defect (it failed on the code before its fix). One server for the
module; each test opens a fresh browser context, which is a new Streamlit session.
"""

from __future__ import annotations

import json
import re

import pytest
from browser_support import (
    choose,
    metric,
    nav,
    new_page,
    no_exception,
    open_app,
    press_slider,
    settle,
    slider,
    url_scenario,
)

from calculator import evaluate, load_preset, presets, share
from calculator.formatting import money
from calculator.pitch import pitch_summary

pytestmark = pytest.mark.browser
DEFAULT = load_preset(presets.DEFAULT_PRESET)  # two coaching pilots, adoption range [0.5, 1]


def _expect():
    from playwright.sync_api import expect
    return expect


def _value(locator) -> float:
    return float(locator.input_value())


def _open_team(page, index: int):
    """Pick team ``index`` in the builder's team picker."""
    page.locator('[data-testid="stRadio"] [role="radiogroup"] label').nth(index).click()
    settle(page)


def _number_input(page, label: str):
    return page.locator('[data-testid="stNumberInput"]', has_text=label).first.locator("input")


def _type(page, locator, text: str):
    locator.fill(text)
    locator.press("Enter")
    settle(page)


# ----------------------------------------------------------------------------- item 1
def test_builder_sliders_show_the_scenario_after_coming_from_the_pitch(page, server):
    """Issue 10 item 1: Pitch -> Program builder showed Team size 1, Weeks 1, Adoption 0% (the minimums)."""
    expect = _expect()
    open_app(page, server.url)
    nav(page, "Program builder")
    team = DEFAULT.cohorts[0]
    expect(slider(page, "Team size")).to_have_value(str(team.team_size))
    expect(slider(page, "Engagement length")).to_have_value(str(team.engagement_weeks))
    assert _value(slider(page, "Adoption")) == team.adoption_rate * 100
    # One key press commits the value + 1, not the minimum + 1.
    slider(page, "Team size").focus()
    page.keyboard.press("ArrowRight")
    settle(page)
    assert url_scenario(page).cohorts[0].team_size == team.team_size + 1
    no_exception(page)


def test_pitch_what_if_sliders_show_the_scenario_after_coming_from_the_builder(page, server):
    """Issue 10 item 1, the reverse way: open /builder, then Pitch: the what-if sliders showed minimums."""
    expect = _expect()
    open_app(page, f"{server.url}/builder")
    nav(page, "Pitch")
    for i, team in enumerate(DEFAULT.cohorts):
        block = page.locator('[data-testid="stSlider"]', has_text="Team size").nth(i).get_by_role("slider")
        expect(block).to_have_value(str(team.team_size))
    assert metric(page, "Decision cost") == money(evaluate(DEFAULT).total_cost)


# ----------------------------------------------------------------------------- item 2
def test_renaming_a_new_team_then_moving_a_slider_does_not_crash(page, server):
    """Issue 10 item 2: add a team, select it, rename it, touch a slider: "This app has encountered an error"."""
    expect = _expect()
    open_app(page, f"{server.url}/builder")
    page.get_by_role("button", name="Add a Tier 2 coaching team").click()
    settle(page)
    _open_team(page, 2)
    name = page.locator('[data-testid="stTextInput"]', has_text="Team name").first.locator("input")
    _type(page, name, "Finance analysts")
    expect(page.locator('[data-testid="stRadio"]')).to_contain_text("Finance analysts")
    slider(page, "Team size").focus()
    page.keyboard.press("ArrowRight")
    settle(page)
    no_exception(page)
    held = url_scenario(page)
    assert held.cohorts[2].name == "Finance analysts"
    assert held.cohorts[2].team_size == DEFAULT.cohorts[0].team_size + 1  # a new team copies the first one


def test_the_chosen_team_stays_chosen_after_a_tab_switch(page, server):
    """Issue 10 item 2: after a tab switch the form jumped back to the first team, so edits landed on it."""
    expect = _expect()
    open_app(page, f"{server.url}/builder")
    _open_team(page, 1)
    page.get_by_role("tab", name="Organization").click()
    settle(page)
    page.get_by_role("tab", name="Tier 2 & 3 teams").click()
    settle(page)
    name = page.locator('[data-testid="stTextInput"]', has_text="Team name").first.locator("input")
    expect(name).to_have_value(DEFAULT.cohorts[1].name)
    slider(page, "Team size").focus()
    page.keyboard.press("ArrowRight")
    settle(page)
    held = url_scenario(page)
    assert held.cohorts[1].team_size == DEFAULT.cohorts[1].team_size + 1
    assert held.cohorts[0].team_size == DEFAULT.cohorts[0].team_size


def test_an_empty_team_name_is_refused_next_to_the_field(page, server):
    """Issue 10 items 2 and 6: an empty team name was accepted (shown as "****") and, with a delivery change,
    crashed the builder. Now it is refused beside the field and the name stays."""
    expect = _expect()
    open_app(page, f"{server.url}/builder")
    field = page.locator('[data-testid="stTextInput"]', has_text="Team name").first
    _type(page, field.locator("input"), "   ")
    expect(field.locator("input")).to_have_value(DEFAULT.cohorts[0].name)
    message = page.get_by_text("Team name (Marketing pilot): must not be empty [cohorts[0].name]")
    expect(message).to_be_visible()
    assert message.bounding_box()["y"] > field.bounding_box()["y"]  # under the field's row
    choose(page, page.locator('[data-testid="stSelectbox"]', has_text="Delivery model").first, "Consulting-led")
    settle(page)
    no_exception(page)
    assert url_scenario(page).cohorts[0].delivery == "consulting"
    assert url_scenario(page).cohorts[0].name == DEFAULT.cohorts[0].name


# ----------------------------------------------------------------------------- item 3
def test_sidebar_save_downloads_the_scenario(page, server):
    """Issue 10 item 3: "Save scenario (JSON)" did nothing; the server logged MediaFileStorageError."""
    open_app(page, server.url)
    log_start = len(server.log_text())
    with page.expect_download(timeout=10_000) as info:
        page.get_by_role("button", name="Save scenario (JSON)").click()
    saved = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert saved["name"] == DEFAULT.name
    assert server.log_errors(log_start) == []


# ----------------------------------------------------------------------------- item 4
def test_adoption_moves_below_its_range_and_the_range_widens(page, server):
    """Issue 10 item 4: the Pitch adoption slider stopped at 50% (the range [0.5, 1]), the refusal above the
    title. Now "What if adoption is half?" and lower simply happen: 80% -> 40% is eight 5-point steps, and
    the range becomes [0.4, 1], said in a toast."""
    expect = _expect()
    open_app(page, server.url)
    adoption = press_slider(page, "Adoption", "ArrowLeft", 8)
    # Under CI's load a press made while the range-widening run redraws the slider can be lost (45 after 8):
    # the presenter presses again; what is tested is where the value may go, not the keyboard's delivery.
    for _ in range(3):
        if adoption.input_value() == "40":
            break
        press_slider(page, "Adoption", "ArrowLeft", 1)
    expect(adoption).to_have_value("40")
    held = url_scenario(page)
    assert held.cohorts[0].adoption_rate == pytest.approx(0.4)
    assert ("cohorts[*].adoption_rate", 0.4, 1.0) in held.ranges
    expect(page.locator('[data-testid="stToast"]', has_text="range").first).to_be_visible()
    assert page.locator('[data-testid="stAlert"]').count() == 0
    assert metric(page, "Decision cost") == money(evaluate(held).total_cost)


def test_switching_a_team_to_consulting_is_kept_with_a_sensible_range(page, server):
    """Issue 10 item 4: switching a team to consulting was refused (its price is outside $200-$500). Now the
    switch is kept and the team takes consulting's published range, so the Pitch's investment range stays
    one a CFO can read (widening the shared range would have priced every coached person at $600K a week)."""
    open_app(page, f"{server.url}/builder")
    choose(page, page.locator('[data-testid="stSelectbox"]', has_text="Delivery model").first, "Consulting-led")
    settle(page)
    held = url_scenario(page)
    assert held.cohorts[0].delivery == "consulting"
    low, high = next((lo, hi) for p, lo, hi in held.ranges if p == "cohorts[0].price")
    assert low <= held.cohorts[0].price <= high
    assert ("cohorts[1].price", 200.0, 500.0) in held.ranges
    assert page.locator('[data-testid="stAlert"]', has_text="not applied").count() == 0
    nav(page, "Pitch")
    summary = pitch_summary(held)
    # At most consulting's published top fee ($1M) plus its 10% cost risk beside twice the plan: a shared range
    # would have priced every coached person at $600K a week.
    assert summary.cost_high < 2 * evaluate(load_preset(presets.DEFAULT_PRESET)).total_cost + 1_100_000
    # The Pitch shows the invoice's low-high reading beneath the cost card, and the NPV bracket (methodology v3).
    _expect()(page.get_by_text(f"({money(summary.fees_low, held.currency)} – "
                               f"{money(summary.fees_high, held.currency)})").first).to_be_visible()
    _expect()(page.get_by_text(summary.bracket_sentence).first).to_be_visible()


# ----------------------------------------------------------------------------- items 4 and 8
def test_out_of_range_headcount_shows_the_scenarios_value_and_a_message_beside_it(page, server):
    """Issue 10 item 8: headcount 0 kept the typed 0 with a red outline while the model kept 300, and an
    older message stayed. Now the field shows 300 again with the reason beside it; a good edit clears it."""
    expect = _expect()
    open_app(page, f"{server.url}/builder")
    page.get_by_role("tab", name="Organization").click()
    settle(page)
    headcount = page.locator('[data-testid="stTextInput"]', has_text="Headcount").first.locator("input")
    _type(page, headcount, "0")
    expect(headcount).to_have_value(str(DEFAULT.organization.headcount))
    # Under the row of fields, named as the field is labelled (the path in brackets for the analyst).
    field = page.get_by_role("tabpanel", name="Organization")
    message = field.get_by_text(re.compile(r"Headcount: must be (>=|≥) 1, got 0 \[organization\.headcount\]"))
    expect(message).to_be_visible()
    assert message.bounding_box()["y"] > headcount.bounding_box()["y"]
    weeks = _number_input(page, "Working weeks a year")
    _type(page, weeks, "60")
    expect(weeks).to_have_value(str(DEFAULT.organization.working_weeks_per_year))
    # The older, unrelated message is gone; only the new one shows.
    expect(field.get_by_text("organization.headcount")).to_have_count(0)
    _type(page, headcount, "400")
    assert url_scenario(page).organization.headcount == 400
    expect(page.get_by_text("organization.working_weeks_per_year")).to_have_count(0)


def test_a_refused_edit_is_reported_beside_its_control_not_above_the_title(page, server):
    """Issue 10 items 4 and 8: a refused edit's message appeared above the page title, off-screen (or, for a
    number field, not at all: price -5 stayed on screen with a red outline). Now it sits under the field."""
    expect = _expect()
    open_app(page, f"{server.url}/builder")
    price = _number_input(page, "Price")
    _type(page, price, "-5")
    expect(price).to_have_value(f"{DEFAULT.cohorts[0].price:.0f}")  # a whole price shows without decimals
    column = page.locator('[data-testid="stColumn"]', has=page.locator('[data-testid="stNumberInput"]',
                                                                       has_text="Price")).first
    message = page.get_by_text(re.compile(r"Price \(Marketing pilot\): must be (>=|≥) 0, got -5 "
                                          r"\[cohorts\[0\]\.price\]"))
    expect(message).to_be_visible()
    assert message.bounding_box()["y"] > price.bounding_box()["y"] > page.locator("h1").first.bounding_box()["y"]
    # Under the whole row, not squeezed into the price's column (at 1280 px it wrapped "cohor / ts[0]. / price").
    assert message.bounding_box()["width"] > 2 * column.bounding_box()["width"]
    assert url_scenario(page) == DEFAULT


# ----------------------------------------------------------------------------- item 6
def test_the_scenario_can_be_renamed_in_the_sidebar(page, server):
    """Issue 10 item 6: a scenario could not be renamed; its old name stayed on the Pitch and in exports."""
    expect = _expect()
    open_app(page, server.url)
    name = page.locator('[data-testid="stSidebar"] [data-testid="stTextInput"]', has_text="Scenario name")
    _type(page, name.locator("input"), "  Acme 500-person build  ")
    expect(page.locator("h1").first).to_have_text("Acme 500-person build")
    assert url_scenario(page).name == "Acme 500-person build"
    _type(page, name.locator("input"), "")
    expect(name.locator("input")).to_have_value("Acme 500-person build")
    expect(page.locator('[data-testid="stSidebar"]').get_by_text("Scenario name: must not be empty [name]")
           ).to_be_visible()


def test_a_share_link_opens_in_a_fresh_browser_with_identical_numbers(browser, page, server):
    """CFO_MEETING step 3: the link copied after an edit opens the same scenario in a new browser."""
    open_app(page, server.url)
    slider(page, "Team size").focus()
    page.keyboard.press("ArrowRight")
    settle(page)
    held = url_scenario(page)
    other = new_page(browser)
    try:
        open_app(other, f"{server.url}/?s={share.encode(held)}")
        assert metric(other, "Decision cost") == metric(page, "Decision cost")
        assert url_scenario(other) == held
    finally:
        other.context.close()


def test_the_preset_box_names_the_scenario_on_screen(page, server):
    """Opened from a link to the 200-person seed, the preset box said "Starter: 300 people..." (the default),
    a scenario that was not on screen. It now names the preset the scenario is, and once anything is
    edited it says the scenario is the presenter's own."""
    expect = _expect()
    seed = load_preset("seed-200-person-org")
    open_app(page, f"{server.url}/?s={share.encode(seed)}")
    box = page.locator('[data-testid="stSelectbox"]', has_text="Start from a preset").first
    expect(box.get_by_role("combobox")).to_have_value(seed.name)
    thumb = slider(page, "Horizon (months)")
    thumb.focus()
    page.keyboard.press("ArrowRight")
    settle(page)
    assert url_scenario(page).finance.horizon_months == seed.finance.horizon_months + 1
    expect(box.get_by_role("combobox")).to_have_value("")
    expect(box.get_by_role("combobox")).to_have_attribute("placeholder", re.compile("^Your own scenario"))
    choose(page, box, seed.name)  # picking the seed again restores it
    settle(page)
    expect(box.get_by_role("combobox")).to_have_value(seed.name)
    assert url_scenario(page) == seed
    no_exception(page)


def test_a_team_slider_on_the_pitch_turns_the_preset_box_to_your_own(page, server):
    """Second walk: a team slider in the Pitch's "What if..." panel (a page fragment, which does not redraw
    the sidebar) left the box naming the Starter preset after the headline had moved, and picking
    Starter again then changed nothing. The box now says "Your own scenario", and Starter restores it."""
    expect = _expect()
    open_app(page, server.url)
    box = page.locator('[data-testid="stSelectbox"]', has_text="Start from a preset").first
    expect(box.get_by_role("combobox")).to_have_value(DEFAULT.name)
    thumb = slider(page.locator('[data-testid="stMain"]'), "Team size")
    thumb.focus()
    page.keyboard.press("ArrowRight")
    # The slider's fragment run ends first, then the whole app runs once more: wait for what it redraws
    # (the box), then for that run to end, before reading the address bar it writes last.
    expect(box.get_by_role("combobox")).to_have_value("")
    settle(page)
    assert url_scenario(page).cohorts[0].team_size == DEFAULT.cohorts[0].team_size + 1
    choose(page, box, DEFAULT.name)
    expect(box.get_by_role("combobox")).to_have_value(DEFAULT.name)
    settle(page)
    assert url_scenario(page) == DEFAULT
    no_exception(page)


def test_the_loaded_preset_stays_chosen_after_presenter_mode(page, server):
    """Found by the randomized walk: the preset box is not drawn while presenting, and it came back showing
    the default preset although another one was loaded (picking that one again then did nothing)."""
    expect = _expect()
    open_app(page, server.url)
    marketing = load_preset("seed-marketing-team")
    choose(page, page.locator('[data-testid="stSelectbox"]', has_text="Start from a preset").first, marketing.name)
    settle(page)
    # On and off with the shortcut, as a presenter would: presenter mode collapses the sidebar and its toggle.
    page.keyboard.press("Alt+Shift+P")
    settle(page)
    expect(page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]')).to_have_count(0)
    assert "present=1" in page.url
    page.keyboard.press("Alt+Shift+P")
    settle(page)
    box = page.locator('[data-testid="stSelectbox"]', has_text="Start from a preset").first
    expect(box.get_by_role("combobox")).to_have_value(marketing.name)
    choose(page, box, DEFAULT.name)
    settle(page)
    expect(page.locator("h1").first).to_have_text(DEFAULT.name)
