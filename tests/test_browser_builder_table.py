"""Program builder > All teams (table), typed into the way a presenter types into it, at 1280 x 720.

A code-blind walk of the CFO meeting found the table losing edits: a size typed with Enter came back as the
old value, a size committed with Tab reached the headline only after another tab was clicked, a renamed team
reverted, and a Size or Weeks of 0 vanished without the message the page promises. Each test types into the
grid (a canvas: the keyboard finds the cell) and reads what a person reads: the headline cards, the message,
and the share link, which holds the scenario the app uses.
"""

from __future__ import annotations

import pytest
from browser_support import SHOTS, metric, new_page, no_exception, open_app, open_cell_editor, settle, url_scenario

from calculator import load_preset, presets, share
from calculator.editing import edit
from calculator.formatting import hours, money
from calculator.pitch import pitch_summary

pytestmark = pytest.mark.browser
STARTER = load_preset(presets.DEFAULT_PRESET)  # Marketing pilot (8 people), Finance pilot (10 people), 6 weeks each
FINANCE = 1  # Finance pilot's row
NAME, SIZE, START, WEEKS, PRICE = 0, 4, 5, 6, 7  # column positions (Team first; the row marker is not a column)
ROW_PX = 35  # Streamlit's data grid: header and rows 35 px high
FIRST_CELL_X = 60  # past the row-marker column, inside the Team column


def _expect():
    from playwright.sync_api import expect

    expect.set_options(timeout=20_000)  # a run on a loaded machine (2 cores, several sessions) takes seconds
    return expect


def _open_table(browser, server, scenario=STARTER):
    page = new_page(browser, 1280, 720)
    open_app(page, f"{server.url}/builder?s={share.encode(scenario)}")
    page.get_by_role("tab", name="All teams (table)").click()
    settle(page)
    _expect()(page.locator('[data-testid="stDataFrame"]:visible').first).to_be_visible()
    return page


def _select(page, row: int, column: int) -> None:
    """Click the row's Team cell and arrow right to ``column``."""
    box = page.locator('[data-testid="stDataFrame"]:visible').first.bounding_box()
    page.mouse.click(box["x"] + FIRST_CELL_X, box["y"] + ROW_PX * (row + 1.5))
    for _ in range(column):
        page.keyboard.press("ArrowRight")


def _edit_in_editor(page, row: int, column: int, text: str, key: str = "Enter") -> None:
    """Select a cell, open its editor (Enter, as a double-click does), replace the text, commit with ``key``."""
    editor = open_cell_editor(page, lambda: _select(page, row, column))
    editor.fill(text)
    page.keyboard.press(key)


def _headline_of(scenario) -> tuple[str, str]:
    result = pitch_summary(scenario).result
    return money(result.total_cost, scenario.currency), hours(result.annual_hours_saved)


def _expect_headline(page, scenario) -> None:
    cost, capacity = _headline_of(scenario)
    card = page.locator('[data-testid="stMetric"]', has_text="Decision cost").locator(
        '[data-testid="stMetricValue"]')
    _expect()(card).to_have_text(cost)
    _expect()(page.locator('[data-testid="stMetric"]', has_text="Capacity h/yr").locator(
        '[data-testid="stMetricValue"]')).to_have_text(capacity)


def test_a_size_typed_with_enter_reaches_the_headline_in_the_same_run(browser, server):
    """Finance pilot 10 -> 11 people: one more coached person at $350 a week for 6 weeks is $2,100 more in
    fees (and more seats and hours); the headline shows the calculator's figures for 11 without another click,
    and the link holds 11."""
    page = _open_table(browser, server)
    assert (metric(page, "Decision cost"), metric(page, "Capacity h/yr")) == _headline_of(STARTER)
    _edit_in_editor(page, FINANCE, SIZE, "11")  # typing over the cell lost the second "1" on a loaded machine
    settle(page)
    expected = edit(STARTER, {"cohorts[1].team_size": 11})
    _expect_headline(page, expected)
    assert url_scenario(page).cohorts[FINANCE].team_size == 11
    no_exception(page)
    page.context.close()


def test_an_edit_committed_with_tab_reaches_the_headline_in_the_same_run(browser, server):
    """Weeks 6 -> 7 for Finance pilot, committed with Tab: the headline follows at once."""
    page = _open_table(browser, server)
    _edit_in_editor(page, FINANCE, WEEKS, "7", key="Tab")
    settle(page)
    _expect_headline(page, edit(STARTER, {"cohorts[1].engagement_weeks": 7}))
    assert url_scenario(page).cohorts[FINANCE].engagement_weeks == 7
    page.context.close()


def test_edits_typed_one_after_another_all_land(browser, server):
    """A presenter does not wait for each run: size 11 (Enter), then weeks 7 (Enter) and a new name (Tab) typed
    straight after. Every edit lands (a table redrawn under a new key between them dropped the later ones)."""
    page = _open_table(browser, server)
    _edit_in_editor(page, FINANCE, SIZE, "11")
    _edit_in_editor(page, FINANCE, WEEKS, "7")  # typed while the size's run may still be going
    _edit_in_editor(page, FINANCE, NAME, "Finance team", key="Tab")
    settle(page)
    page.screenshot(path=str(SHOTS / "builder-table-three-edits.png"))
    expected = edit(STARTER, {"cohorts[1].team_size": 11, "cohorts[1].engagement_weeks": 7,
                              "cohorts[1].name": "Finance team"})
    _expect_headline(page, expected)
    _expect()(page).to_have_url(f"{server.url}/builder?s={share.encode(expected)}")
    page.context.close()


def test_a_renamed_team_keeps_its_new_name(browser, server):
    """Renaming Finance pilot to "Finance team" (then Tab) is kept: the link holds it and the Tier 2 & 3 teams
    tab names it."""
    page = _open_table(browser, server)
    _edit_in_editor(page, FINANCE, NAME, "Finance team", key="Tab")
    settle(page)
    _expect()(page).to_have_url(f"{server.url}/builder?s="
                                f"{share.encode(edit(STARTER, {'cohorts[1].name': 'Finance team'}))}")
    page.get_by_role("tab", name="Tier 2 & 3 teams").click()
    settle(page)
    _expect()(page.get_by_text("2. Finance team (Tier 2)")).to_be_visible()
    page.context.close()


@pytest.mark.parametrize(("column", "label", "path"), [(SIZE, "Size", "team_size"),
                                                        (WEEKS, "Weeks", "engagement_weeks")])
def test_a_zero_is_refused_with_a_message_naming_the_team_and_the_column(browser, server, column, label, path):
    """Size 0 or Weeks 0 is not a plan: it is refused with a message naming the column as the table heads it and
    the team by name, the scenario (and headline) stay as they were."""
    page = _open_table(browser, server)
    _edit_in_editor(page, FINANCE, column, "0")
    settle(page)
    panel = page.get_by_role("tabpanel", name="All teams (table)")
    message = panel.locator('[data-testid="stAlert"]')
    _expect()(message).to_contain_text(f"{label} (Finance pilot): must be ≥ 1, got 0")
    _expect()(message).to_contain_text(f"cohorts[1].{path}")
    assert url_scenario(page) == STARTER
    assert (metric(page, "Decision cost"), metric(page, "Capacity h/yr")) == _headline_of(STARTER)
    page.context.close()
