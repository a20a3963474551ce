"""Hostile input in a real browser (issue 11): names render as text and fetch nothing; the worst link
and the worst upload leave a warning, a usable scenario and a responsive page.

Every request the page makes is watched: any request to a host other than the test server is
recorded and aborted, so a test that fails sends nothing off the machine.
"""

from __future__ import annotations

import base64
import json
import zlib
from urllib.parse import urlparse

import pytest
from browser_support import SHOTS, new_page

from calculator import evaluate, load_preset, presets, share
from calculator.formatting import money

pytestmark = pytest.mark.browser

# Image, link, colour, LaTeX and shortcode syntax; ".invalid" never resolves (RFC 2606).
HOSTILE_NAME = ("![pixel](http://leak.invalid/leak.png) [Click to re-login](http://phish.invalid/login) "
                ":red[alert] $x^2$")
HOSTILE_TEAM = "**Ops** ![t](https://leak.invalid/t.png) <b>bold</b> www.phish.invalid"


@pytest.fixture()
def page(browser, server):
    pg = new_page(browser)
    context = pg.context
    pg.external_requests = []

    def guard(route):
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            pg.external_requests.append(route.request.url)
            route.abort()

    pg.route("**/*", guard)
    yield pg
    context.close()


def _idle(page):
    from playwright.sync_api import expect

    expect(page.locator('[data-testid="stApp"]')).to_have_attribute("data-test-script-state", "notRunning",
                                                                    timeout=60_000)


def _open(page, url: str):
    page.goto(url)
    _idle(page)


def _payload(document: dict) -> str:
    raw = json.dumps(document, separators=(",", ":")).encode()
    return "1." + base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode().rstrip("=")


def hostile_scenario():
    from calculator.editing import edit

    seed = load_preset(presets.DEFAULT_PRESET)
    return edit(seed, {"name": HOSTILE_NAME, "cohorts[0].name": HOSTILE_TEAM})


def _text(locator) -> str:
    """What a person reads: the element's text without the invisible word joiners that keep bare
    addresses from becoming links (ui/text.py)."""
    return locator.inner_text().replace("\u2060", "")


def _shows(locator, expected: str, timeout: float = 15.0) -> None:
    """Wait until ``locator`` reads ``expected`` (word joiners aside), as expect() would."""
    import time

    deadline = time.monotonic() + timeout
    while expected not in (text := _text(locator)):
        assert time.monotonic() < deadline, f"{expected!r} not in {text!r}"
        time.sleep(0.2)


def _no_markup_from_names(page):
    app = page.locator('[data-testid="stApp"]')
    assert app.locator('img[src*="invalid"]').count() == 0
    assert app.locator('a[href*="invalid"]').count() == 0
    assert app.locator('[data-testid="stMarkdownContainer"] .katex').count() == 0
    assert app.locator('[data-testid="stMarkdownContainer"] span[style*="color"]', has_text="alert").count() == 0


def test_names_render_as_text_and_fetch_nothing(page, server):
    """A name with image/link/colour/LaTeX syntax made every page fetch an external image and turned the
    page title into a link; now it reads literally on every page and in presenter mode."""

    scenario = hostile_scenario()
    _open(page, f"{server.url}/?s={share.encode(scenario)}")
    _shows(page.locator("h1").first, HOSTILE_NAME)
    _shows(page.locator('[data-testid="stMain"]'), HOSTILE_TEAM)
    _no_markup_from_names(page)
    for title in ("Program builder", "What-if analysis", "Roadmap & proof", "Exports"):
        page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click()
        _idle(page)
        assert page.locator('[data-testid="stException"]').count() == 0, title
        _no_markup_from_names(page)
    page.locator('[data-testid="stSidebarNav"] a', has_text="Roadmap").first.click()
    _idle(page)
    _shows(page.locator('[data-testid="stMain"]'), f"Scenario: {HOSTILE_NAME}.")
    page.locator('[data-testid="stSidebar"] label', has_text="Presenter mode").first.click()
    _idle(page)
    _shows(page.locator('[data-testid="stSidebar"]'), f"Scenario: {HOSTILE_NAME}")
    _no_markup_from_names(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "hostile_names_presenter.png"), full_page=True)
    assert page.external_requests == []


def _responsive(page):
    """The page still works: the horizon slider moves and the ROI card follows within the wait."""
    from playwright.sync_api import expect

    page.locator('[data-testid="stSidebarNav"] a', has_text="Pitch").first.click()
    _idle(page)
    slider = page.locator('[data-testid="stSidebar"] [data-testid="stSlider"]').first.get_by_role("slider").first
    slider.focus()
    start = int(slider.evaluate("e => Number(e.value)"))
    page.keyboard.press("ArrowRight")
    _idle(page)
    expect(page.locator('[data-testid="stMetric"]', has_text="ROI over").first).to_contain_text(
        f"ROI over {start + 1} months", timeout=10_000)


def test_worst_link_warns_opens_the_default_and_stays_responsive(page, server):
    """The 13.9 KB link of 480 teams x many unknown keys froze the renderer for 180 s with a 6.4 MB warning."""
    from playwright.sync_api import expect

    payload = _payload({"cohorts": [{f"k{j}": 0 for j in range(150)} for _ in range(480)]})
    assert share.fits_in_link(payload)
    _open(page, f"{server.url}/?s={payload}")
    warning = page.locator('[data-testid="stAlert"]', has_text="could not be opened").first
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("and 71950 more problems")
    assert len(warning.inner_text()) < 6_000
    default = load_preset(presets.DEFAULT_PRESET)
    expect(page.locator("h1").first).to_have_text(default.name)
    expect(page.locator('[data-testid="stMetric"]', has_text="Decision cost").first).to_contain_text(
        money(evaluate(default).total_cost))
    _responsive(page)
    assert page.external_requests == []


@pytest.mark.parametrize("kind", ["many problems", "deep", "over the size limit"])
def test_worst_upload_is_refused_keeps_the_scenario_and_stays_responsive(page, server, tmp_path, kind):
    """The worst files: 100,000 problems, nesting past the recursion limit, and one over the 1 MB cap."""
    from playwright.sync_api import expect

    current = load_preset("seed-200-person-org")
    _open(page, f"{server.url}/?s={share.encode(current)}")
    path = tmp_path / "worst.json"
    if kind == "many problems":
        path.write_text(json.dumps({"cohorts": [{f"k{j}": 0 for j in range(150)} for _ in range(480)]}))
        expected = "and 71950 more problems"
    elif kind == "deep":
        path.write_text("[" * 200_000 + "]" * 200_000)
        expected = "nest deeper than the limit"
    else:
        path.write_text('{"notes": "' + " " * 1_100_000 + '"}')
        expected = "File must be 1.0MB or smaller"  # Streamlit's own refusal (server.maxUploadSize = 1)
    page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(str(path))
    _idle(page)
    alert = page.locator('[data-testid="stSidebar"] [data-testid="stFileUploader"], [data-testid="stAlert"]')
    expect(alert.filter(has_text=expected).first).to_be_visible(timeout=20_000)
    expect(page.locator("h1").first).to_have_text(current.name)
    _responsive(page)
    assert page.external_requests == []


def test_a_scenario_too_large_for_a_link_says_so_and_writes_no_link(page, server):
    """A valid 500-team scenario made a 22,000-character link that a reload then refused (silently
    opening the default); now the address bar holds no scenario and the sidebar offers the file."""
    from playwright.sync_api import expect
    from test_app_hostile import large_scenario

    from calculator import dumps

    big = large_scenario()
    _open(page, server.url)
    page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(
        files=[{"name": "large.json", "mimeType": "application/json", "buffer": dumps(big).encode()}])
    _idle(page)
    expect(page.locator("h1").first).to_have_text("Large")
    warning = page.locator('[data-testid="stSidebar"] [data-testid="stAlert"]', has_text="too large for a link")
    expect(warning.first).to_contain_text("Save it as a file")
    assert "s=" not in page.url
    assert page.external_requests == []
