"""The Program builder's controls in a real browser: every value and label reads in full.

A code-blind walk of the CFO meeting found a consulting team's price reading "60000(" (its $600,000 cut
to what looks like 60,000) and its unit "fixed fee for the engagemer" at 1280 x 720. Clipping is read
from the DOM: a text input or select whose text (value, else placeholder) is wider than its content box,
measured with the input's own font, or an element that clips (overflow or ellipsis) wider content.
Screenshots go to ``test-screenshots/``.
"""

from __future__ import annotations

import pytest
from browser_support import SHOTS, new_page, open_app, settle, url_scenario

from calculator import load_preset, presets, share
from calculator.editing import change_delivery

pytestmark = pytest.mark.browser
DEFAULT = load_preset(presets.DEFAULT_PRESET)
CONSULTING = change_delivery(DEFAULT, 0, "consulting").scenario

# Every control under the page's main area whose text does not fit: inputs (a select box's shown value is an
# input too) measured with their own font, and labels / buttons whose box clips wider content.
CLIPPED_CONTROLS_JS = """() => {
  const out = [];
  const canvas = document.createElement('canvas').getContext('2d');
  const main = document.querySelector('[data-testid="stMain"]');
  for (const input of main.querySelectorAll('input[type="text"], input[type="number"], input:not([type])')) {
    if (!input.offsetParent) continue;
    const style = getComputedStyle(input);
    canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = input.value || input.placeholder || '';
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const wide = canvas.measureText(text).width;
    if (text && wide > room + 1) {
      out.push(`${input.getAttribute('aria-label')}: "${text}" (${Math.round(wide)} > ${room})`);
    }
  }
  for (const e of main.querySelectorAll('button, label, [data-testid="stWidgetLabel"] *')) {
    if (!e.offsetParent) continue;
    for (const inner of [e, ...e.querySelectorAll('*')]) {
      const style = getComputedStyle(inner);
      const clips = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
      const cut = inner.clientWidth > 0 && inner.scrollWidth > inner.clientWidth + 1;
      if (clips && cut && (inner.innerText || '').trim()) {
        out.push(`${(inner.innerText || '').trim()} (${inner.scrollWidth} > ${inner.clientWidth})`);
      }
    }
  }
  return [...new Set(out)];
}"""


def _expect():
    from playwright.sync_api import expect

    return expect


def _team_form(browser, url: str, width: int, height: int):
    page = new_page(browser, width, height)
    open_app(page, url)
    settle(page)
    _expect()(page.locator('[data-testid="stNumberInput"]', has_text="Price").first).to_be_visible()
    return page


def test_a_consulting_price_and_its_unit_read_in_full_at_1280x720(browser, server):
    """Consulting is $600,000 fixed: the Price box read "60000(" and the unit "fixed fee for the engagemer".
    Now the box shows 600000 whole, the amount also reads "$600,000" with its unit under it, and no control of
    the team form is cut."""
    expect = _expect()
    page = _team_form(browser, f"{server.url}/builder?s={share.encode(CONSULTING)}", 1280, 720)
    try:
        price = page.locator('[data-testid="stNumberInput"]', has_text="Price").first
        expect(price.locator("input")).to_have_value("600000")
        expect(page.get_by_text("$600,000 fixed fee for the engagement")).to_be_visible()
        price.scroll_into_view_if_needed()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "builder_consulting_1280x720.png"))
        assert page.evaluate(CLIPPED_CONTROLS_JS) == []
    finally:
        page.context.close()


def test_a_cleared_hourly_cost_is_refused_by_name_not_applied_as_zero(page, server):
    """Organization tab: clearing "Loaded hourly cost ($/h)" and pressing Enter was applied as $0.00/h (every
    saved hour worth $0, the investment $661.8K -> $476.5K, no message). Now the blank is refused under the
    field, naming it; the field shows $45.65 again and the scenario is kept."""
    expect = _expect()
    open_app(page, f"{server.url}/builder")
    page.get_by_role("tab", name="Organization").click()
    settle(page)
    box = page.locator('[data-testid="stNumberInput"]', has_text="Loaded hourly cost").first
    field = box.locator("input")
    field.fill("")
    field.press("Enter")
    settle(page)
    expect(page.get_by_text("Loaded hourly cost ($/h): must have a value (it was empty, or what was typed is not a "
                            "number) [organization.loaded_hourly_cost]")).to_be_visible()
    expect(field).to_have_value(f"{DEFAULT.organization.loaded_hourly_cost:.2f}")
    assert url_scenario(page) == DEFAULT
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "builder_blank_hourly_cost.png"))


FORM_TABS = ("Tier 2 & 3 teams", "Tier 1 literacy", "AI tools & program costs", "Organization")


@pytest.mark.parametrize("scenario", [DEFAULT, CONSULTING], ids=["coaching", "consulting"])
def test_no_builder_control_is_cut_at_1024x768(browser, server, scenario):
    """At 1024 x 768 with the sidebar open the forms have about 600 px: "Duplicate …", "Remove t…", a Tier box
    reading "2" cut, Delivery "Team-embe", Price unit "per employee p", the override "organization'" and toggle
    labels ending in an ellipsis. Now rows wrap below 1,100 px and labels wrap: nothing is cut on any form tab."""
    page = _team_form(browser, f"{server.url}/builder?s={share.encode(scenario)}", 1024, 768)
    try:
        cut = {}
        for tab in FORM_TABS:
            page.get_by_role("tab", name=tab).click()
            settle(page)
            _expect()(page.get_by_role("tab", name=tab)).to_have_attribute("aria-selected", "true")
            cut[tab] = page.evaluate(CLIPPED_CONTROLS_JS)
            if tab == FORM_TABS[0]:
                SHOTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(SHOTS / f"builder_{scenario.cohorts[0].delivery}_1024x768.png"),
                                full_page=True)
        assert cut == {tab: [] for tab in FORM_TABS}
    finally:
        page.context.close()
