"""The Exports page in Chromium when a file cannot be built: the presenter is told which file and why.

The server's CFO brief builder is replaced (in the server's own process) by one that raises, as a
renderer failing in a live meeting did; every other file builds as usual.
"""

from __future__ import annotations

import pytest
from browser_support import SHOTS, Server, nav, no_exception, open_app, url_scenario

from calculator import export, presets

pytestmark = pytest.mark.browser

REASON = "the PDF renderer could not load its fonts"
BROKEN_BRIEF = f"""
import calculator.export

def _broken_brief(*args, **kwargs):
    raise RuntimeError({REASON!r})

calculator.export.brief_pdf = _broken_brief
"""


@pytest.fixture(scope="module")
def server(browser):
    s = Server(prelude=BROKEN_BRIEF)
    yield s
    s.stop()


def test_a_failed_download_names_the_file_and_the_reason_and_the_page_keeps_working(page, server):
    """Before: only Streamlit's "Failed to generate file for download", gone after five seconds."""
    from playwright.sync_api import expect

    scenario = presets.load_preset(presets.DEFAULT_PRESET)
    brief = export.file_names(scenario.name, "pdf")[0]
    open_app(page, server.url)
    nav(page, "Exports")
    page.get_by_role("button", name="CFO brief (PDF)").click()
    message = page.locator('[data-testid="stAlert"]', has_text=brief)
    expect(message).to_be_visible(timeout=30_000)
    expect(message).to_contain_text(f"RuntimeError: {REASON}")
    expect(message).to_contain_text("The scenario is unchanged")
    no_exception(page)
    assert url_scenario(page) == scenario
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "exports_failed_download.png"), full_page=True)

    with page.expect_download(timeout=30_000) as info:  # the other files still download
        page.get_by_role("button", name="Weekly flows (CSV)").click()
    assert info.value.suggested_filename == export.file_names(scenario.name, "csv")[0]
    expect(message).to_be_visible()
