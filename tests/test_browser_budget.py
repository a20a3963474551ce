"""The Budget planner in headless Chromium: moving the budget slider re-solves, the selection becomes the
scenario, and Undo brings the plan back."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from calculator import load_preset, planner, share
from calculator.formatting import money

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SEED = load_preset("seed-200-person-org")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server():
    try:
        from playwright.sync_api import sync_playwright  # noqa: F401
    except ImportError:
        pytest.skip("playwright is not installed (pip install -r requirements-dev.txt)")
    if not CHROMIUM:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                             "--server.address", "127.0.0.1", "--server.headless", "true"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                break
        except OSError:
            time.sleep(0.2)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture()
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        pg = browser.new_page(viewport={"width": 1440, "height": 1000})
        errors = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.console_errors = errors
        yield pg
        browser.close()


def _metric(page, label: str):
    return page.locator('[data-testid="stMetric"]', has_text=label).first.locator('[data-testid="stMetricValue"]')


def _open_planner(page, server):
    from playwright.sync_api import expect

    page.goto(f"{server}/?s={share.encode(SEED)}")
    page.locator('[data-testid="stSidebarNav"] a', has_text="Budget planner").first.click()
    expect(page.locator("h1", has_text="Budget planner")).to_be_visible(timeout=30_000)
    expect(page.locator('[data-testid="stApp"]')).to_have_attribute("data-test-script-state", "notRunning",
                                                                    timeout=30_000)


def test_budget_slider_resolves_in_the_browser(page, server):
    from playwright.sync_api import expect

    _open_planner(page, server)
    expect(_metric(page, "Spent on teams")).to_have_text(money(planner.optimize(SEED, 172_000).team_cost,
                                                               exact=True))
    thumb = page.locator('[data-testid="stSlider"]', has_text="Budget").first.get_by_role("slider").first
    thumb.focus()
    page.keyboard.press("PageDown")  # Streamlit's slider: a tenth of the range down
    expect(page.locator('[data-testid="stApp"]')).to_have_attribute("data-test-script-state", "notRunning")
    budget = thumb.evaluate("e => Number(e.getAttribute('aria-valuenow'))")
    assert budget < 172_000
    plan = planner.optimize(SEED, budget)
    expect(_metric(page, "Spent on teams")).to_have_text(money(plan.team_cost, exact=True))
    expect(_metric(page, "NPV of the teams chosen")).to_have_text(money(plan.objective_value, exact=True))
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.console_errors == []


def test_selection_becomes_the_scenario_and_undo_restores_it(page, server):
    from playwright.sync_api import expect

    _open_planner(page, server)
    page.get_by_role("button", name="Make this selection the scenario").click()
    # The plan as entered is now the optimum at its own cost: the page says it sits on the frontier.
    expect(page.get_by_text("it sits on the frontier")).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Undo last change").first.click()
    expect(page.get_by_text("the plan sits below the frontier")).to_be_visible(timeout=30_000)
