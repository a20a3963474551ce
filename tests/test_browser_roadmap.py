"""The pilot actuals table on Roadmap & proof, typed into the way a programme lead types into it.

There was no browser test of this table: a cell is edited in the grid itself (double-click,
type, Enter), and the 90-day report, the plan-against-actual table and the share link must
follow in the same run; a bad value is refused by its field and the last good actuals stay.
"""

from __future__ import annotations

import pytest
from browser_support import metric, nav, no_exception, open_app, open_cell_editor, settle, url_scenario

from calculator import load_preset, share
from calculator.rollout import ninety_day

pytestmark = pytest.mark.browser
SEED = load_preset("seed-200-person-org")
WORKFLOWS_BUILT, IN_USE_30D = 2, 3  # column positions in the actuals table (team, tier first)
ROW_PX = 35  # Streamlit's data grid: header and rows 35 px high


def _type_into(page, grid, row: int, column: int, text: str) -> None:
    """Select the row's first cell (row 0 = first team), arrow right to ``column``, open its editor with
    Enter, type ``text`` and press Enter: the grid is a canvas, so the keyboard finds the cell."""
    def select():
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 20, box["y"] + ROW_PX * (row + 1.5))
        for _ in range(column):
            page.keyboard.press("ArrowRight")

    editor = open_cell_editor(page, select)
    editor.fill(text)
    page.keyboard.press("Enter")
    settle(page)


def _open_actuals(page, server):
    open_app(page, f"{server.url}/?s={share.encode(SEED)}")
    nav(page, "Roadmap")
    page.get_by_role("tab", name="Pilot actuals").click()
    settle(page)
    return page.locator('[data-testid="stDataFrame"]:visible').first


def test_typed_actuals_reach_the_report_and_the_link(page, server):
    """Marketing built 4 workflows, not the 5 planned: the first wave (Marketing, Sales, Customer success,
    5 planned each) then counts 4 + 5 + 5 = 14 workflows at day 90, and the link carries the 4."""
    from playwright.sync_api import expect

    grid = _open_actuals(page, server)
    assert metric(page, "Workflows by day 90") == "15"  # 3 teams x the guide's 5 expected
    _type_into(page, grid, 0, WORKFLOWS_BUILT, "4")
    expect(page.locator('[data-testid="stMetric"]', has_text="Workflows by day 90")
           .locator('[data-testid="stMetricValue"]')).to_have_text("14")
    held = url_scenario(page)
    assert held.cohorts[0].actuals.workflows_built == 4
    assert ninety_day.ninety_day_figures(held).workflows == 14
    expect(page.get_by_text("measured for Marketing")).to_be_visible()
    expect(page.get_by_text("4 workflows built (measured) and 10 expected")).to_be_visible()
    no_exception(page)


def test_a_refused_cell_names_its_field_and_keeps_the_last_good_actuals(page, server):
    """4 built, then 9 "in use 30 days later": more in use than built is refused by its field, beside the
    table with its tab still open, and the scenario keeps 4 built and nothing in use."""
    from playwright.sync_api import expect

    grid = _open_actuals(page, server)
    _type_into(page, grid, 0, WORKFLOWS_BUILT, "4")
    expect(page.locator('[data-testid="stMetric"]', has_text="Workflows by day 90")
           .locator('[data-testid="stMetricValue"]')).to_have_text("14")
    _type_into(page, page.locator('[data-testid="stDataFrame"]:visible').first, 0, IN_USE_30D, "9")
    # Beside the table, in the tab the lead is typing in (it used to land above the title, and the page fell
    # back to its Timeline tab, hiding the table).
    panel = page.get_by_role("tabpanel", name="Pilot actuals")
    expect(panel.get_by_text("cohorts[0].actuals.workflows_in_use_30d: must be ≤ actuals.workflows_built (4), "
                             "got 9")).to_be_visible()
    expect(page.get_by_role("tab", name="Pilot actuals")).to_have_attribute("aria-selected", "true")
    held = url_scenario(page)
    assert held.cohorts[0].actuals.workflows_built == 4
    assert held.cohorts[0].actuals.workflows_in_use_30d is None
    no_exception(page)
