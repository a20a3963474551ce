"""Real-browser tests: the app served by Streamlit, driven in Debian's headless Chromium.

AppTest reruns scripts; only a browser shows layout, real clicks, fragments and
the URL. Screenshots of every page go to ``test-screenshots/`` (or
``$SCREENSHOT_DIR``). Without Chromium these tests skip with the reason, except
in CI (``REQUIRE_BROWSER=1``), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from calculator import editing, evaluate, load_preset, presets, share
from calculator.formatting import money

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "test-screenshots"))
# (title, url_path) of every page registered in app.py.
PAGES = re.findall(r'title="([^"]+)".*?url_path="([a-z-]+)"', (ROOT / "app.py").read_text())
URL_PATHS = [path for _, path in PAGES]

pytestmark = pytest.mark.browser


def _require_browser():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "playwright is not installed (pip install -r requirements-dev.txt)"
    else:
        reason = None if CHROMIUM else "Debian's chromium is not installed (apt-get install chromium)"
    if reason:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests required here but {reason}")
        pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Server:
    def __init__(self):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("streamlit did not start within 60 s")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture(scope="module")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


@pytest.fixture()
def server(browser):
    # A fresh server per test: the first session of a new server is where Streamlit bugs hid.
    s = _Server()
    yield s
    s.stop()


@pytest.fixture()
def page(browser, server):
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    pg = context.new_page()
    pg.console_errors = []
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    pg.on("response", lambda r: pg.console_errors.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None)
    yield pg
    context.close()


def _open(page, url: str):
    page.goto(url)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=30_000)
    page.wait_for_timeout(300)


def _settle(page):
    page.wait_for_timeout(150)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=30_000)
    page.wait_for_timeout(400)


def _metric(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]', has_text=label).first
    return card.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_every_page_loads_without_errors_and_is_screenshotted(page, server):
    """Visit every page through the sidebar like a user; no exception block, no console error."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert "pitch" in URL_PATHS and "builder" in URL_PATHS
    _open(page, server.url)
    for title, path in PAGES:
        page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click()
        _settle(page)
        assert page.locator("h1").count() >= 1, f"nothing drawn on {path}"
        assert page.locator('[data-testid="stException"]').count() == 0, f"exception on {path}"
        page.screenshot(path=str(SHOTS / f"page_{path}.png"), full_page=True)
    assert page.console_errors == [], "\n".join(page.console_errors)


def test_pitch_slider_updates_numbers_to_the_calculators(page, server):
    _open(page, server.url)
    default = load_preset(presets.DEFAULT_PRESET)
    assert _metric(page, "Total investment") == money(evaluate(default).total_cost)
    slider = page.locator('[data-testid="stSlider"]', has_text="Team size").first.get_by_role("slider").first
    slider.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
        _settle(page)
    edited = editing.edit(default, {"cohorts[0].team_size": default.cohorts[0].team_size + 3})
    assert _metric(page, "Total investment") == money(evaluate(edited).total_cost)
    # The address bar now carries the edited scenario.
    assert share.decode(re.search(r"[?&]s=([^&]+)", page.url).group(1)) == edited
    assert page.console_errors == [], "\n".join(page.console_errors)


def test_sidebar_slider_keeps_its_value_in_a_new_servers_first_session(page, server):
    """With the sidebar drawn before st.navigation, the first change snapped a slider to its minimum."""
    _open(page, server.url)
    slider = page.locator('[data-testid="stSidebar"] [data-testid="stSlider"]').first.get_by_role("slider").first
    slider.focus()
    for expected in (25, 26):
        page.keyboard.press("ArrowRight")
        _settle(page)
        assert slider.evaluate("e => Number(e.value)") == expected
    assert "ROI over 26 months" in page.locator('[data-testid="stMetric"]', has_text="ROI").first.inner_text()


@pytest.mark.parametrize("path", URL_PATHS)
def test_deep_link_to_each_page(page, server, path):
    _open(page, f"{server.url}/{path}")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator("h1").count() >= 1


def test_share_link_reopens_the_scenario(page, server):
    scenario = load_preset("seed-200-person-org")
    _open(page, f"{server.url}/?s={share.encode(scenario)}")
    assert page.locator("h1", has_text=scenario.name).count() == 1
    assert _metric(page, "Total investment") == money(evaluate(scenario).total_cost)


def test_damaged_link_warns_and_falls_back(page, server):
    _open(page, f"{server.url}/?s=1.not-a-scenario")
    assert page.locator('[data-testid="stAlert"]', has_text="could not be opened").count() == 1
    assert page.locator("h1", has_text=load_preset(presets.DEFAULT_PRESET).name).count() == 1
    assert page.locator('[data-testid="stException"]').count() == 0


def test_presenter_mode_enlarges_numbers_and_hides_editing(page, server):
    _open(page, server.url)
    before = page.locator('[data-testid="stMetricValue"]').first.bounding_box()["height"]
    page.locator('[data-testid="stSidebar"] label', has_text="Presenter mode").first.click()
    _settle(page)
    after = page.locator('[data-testid="stMetricValue"]').first.bounding_box()["height"]
    assert after > before * 1.2
    assert page.locator('[data-testid="stMain"] [data-testid="stSlider"]').count() == 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "presenter_mode.png"), full_page=True)


def test_edits_survive_a_page_change_and_a_reload(page, server):
    """A page change drops the query string; the app writes the scenario back, so a reload keeps the edit."""
    _open(page, server.url)
    slider = page.locator('[data-testid="stSlider"]', has_text="Team size").first.get_by_role("slider").first
    slider.focus()
    page.keyboard.press("ArrowRight")
    _settle(page)
    default = load_preset(presets.DEFAULT_PRESET)
    edited = editing.edit(default, {"cohorts[0].team_size": default.cohorts[0].team_size + 1})
    page.locator('[data-testid="stSidebarNav"] a', has_text="Program builder").first.click()
    _settle(page)
    page.reload()
    page.wait_for_selector('[data-testid="stMetric"]', timeout=30_000)
    _settle(page)
    assert "/builder" in page.url
    assert _metric(page, "Total investment") == money(evaluate(edited).total_cost)


def test_undo_button_restores_the_previous_numbers(page, server):
    _open(page, server.url)
    before = _metric(page, "Total investment")
    slider = page.locator('[data-testid="stSlider"]', has_text="Team size").first.get_by_role("slider").first
    slider.focus()
    page.keyboard.press("ArrowRight")
    _settle(page)
    assert _metric(page, "Total investment") != before
    page.get_by_role("button", name="Undo last change").first.click()
    _settle(page)
    assert _metric(page, "Total investment") == before
    page.get_by_role("button", name="Undo last change").first.click()
    _settle(page)
    assert page.get_by_text("Nothing to undo").count() >= 1
    assert _metric(page, "Total investment") == before
