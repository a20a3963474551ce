"""Shared set-up for the real-browser tests: a Streamlit server, headless Chromium, and helpers.

Each browser test module gets one server (``server`` fixture, module scope) and each test a fresh
browser context, which is a fresh Streamlit session. A test that needs a new server's very first
session (where Streamlit bugs hid before) uses ``fresh_server`` instead.

Waiting is Playwright's auto-waiting ``expect(...)`` on what the user would see, plus
:func:`settle`, which waits for the script run a key press or click started to finish: the app
marks ``[data-test-script-state]`` on its root while a script runs.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from calculator import share

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "test-screenshots"))
# (title, url_path) of every page registered in app.py.
PAGES = re.findall(r'title="([^"]+)".*?url_path="([a-z-]+)"', (ROOT / "app.py").read_text())
URL_PATHS = [path for _, path in PAGES]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
RUNNING = '[data-testid="stApp"][data-test-script-state="running"]'


def require_browser():
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


class Server:
    """``streamlit run app.py`` on a free port; its log (stdout + stderr) goes to a temporary file.

    ``prelude`` is Python run in the server's process before Streamlit starts (a test that needs a
    builder to fail replaces it there, since the app imports it in that process).
    """

    def __init__(self, prelude: str | None = None):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile(prefix="streamlit-", suffix=".log", delete=False)
        start = ["-m", "streamlit"] if prelude is None else \
            ["-c", f"{prelude}\nfrom streamlit.web.cli import main\nmain(prog_name='streamlit')"]
        self.proc = subprocess.Popen(
            [sys.executable, *start, "run", "app.py", "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false"],
            cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)
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

    def log_text(self) -> str:
        return Path(self.log.name).read_text(errors="replace")

    def log_errors(self, since: int = 0) -> list[str]:
        """Tracebacks and error lines the server logged after character ``since``."""
        text = self.log_text()[since:]
        return [line for line in text.splitlines()
                if "Traceback" in line or "Error" in line or "Exception" in line]

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def new_page(browser, width: int = 1440, height: int = 1000, **context_args):
    """A page in a fresh context (a new Streamlit session) that records console and HTTP errors."""
    context = browser.new_context(viewport={"width": width, "height": height}, **context_args)
    context.set_default_timeout(20_000)
    pg = context.new_page()
    pg.console_errors = []
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    pg.on("response", lambda r: pg.console_errors.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None)
    return pg


def open_app(page, url: str):
    page.goto(url)
    page.wait_for_selector(IDLE, timeout=30_000)
    page.locator("h1").first.wait_for()


def settle(page):
    """Wait until the script run started by the last action has finished.

    A run may start a moment after the event that causes it, so first give it a short chance to
    start (returning at once if it already has), then wait for the idle marker.
    """
    try:
        page.wait_for_selector(RUNNING, timeout=250)
    except Exception:  # noqa: BLE001  (the run was quick enough to be over already, or none started)
        pass
    page.wait_for_selector(IDLE, timeout=30_000)


def metric(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]', has_text=label).first
    return card.locator('[data-testid="stMetricValue"]').inner_text().strip()


def url_scenario(page):
    """The scenario the app holds, read from the share link in the address bar."""
    return share.decode(re.search(r"[?&]s=([^&#]+)", page.url).group(1))


def nav(page, title: str):
    """Open the page ``title`` from the sidebar and wait until it has been drawn.

    On a loaded machine the page's run may start later than :func:`settle`'s grace, which
    then returned on the old page's idle state (CI read the Budget planner's budget field as 0).
    So: wait for the link to be the current page, for a run, and for no element left from the
    old page (Streamlit marks them stale until the new run replaces them).
    """
    link = page.locator('[data-testid="stSidebarNav"] a', has_text=title).first
    link.click()
    page.wait_for_function("(a) => a.getAttribute('aria-current') === 'page'", arg=link.element_handle())
    settle(page)
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stMain"] [data-stale="true"]')""", timeout=30_000)
    page.wait_for_selector(IDLE, timeout=30_000)
    page.locator("h1").first.wait_for()


def slider(scope, label: str):
    return scope.locator('[data-testid="stSlider"]', has_text=label).first.get_by_role("slider").first


def press_slider(page, label: str, key: str, times: int):
    """Focus the slider labelled ``label`` and press ``key`` ``times`` times, each press's run settled first,
    as a presenter steps a value; returns the slider."""
    thumb = slider(page, label)
    thumb.focus()
    for _ in range(times):
        page.keyboard.press(key)
        settle(page)
    return thumb


def choose(page, box, option: str) -> None:
    """Open the select box ``box`` and pick ``option``, as a person would.

    A click that lands while a run redraws the box (the second run a rerun-causing action may start,
    or the sidebar still sliding open) opens a list that the redraw closes again; a person then
    clicks once more, and so does this (up to three tries).
    """
    wanted = page.get_by_role("option", name=option)
    for attempt in range(3):
        box.click()
        try:
            wanted.wait_for(state="visible", timeout=3_000)
            break
        except Exception:  # noqa: BLE001  (the list closed under the click: try again)
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
            settle(page)
    wanted.click()


def open_cell_editor(page, select):
    """Open a data grid cell's editor: ``select()`` selects the cell (a click on the grid's canvas and arrow
    keys), Enter opens the editor; returns the editor's input.

    A click on the canvas before the grid has drawn (a loaded machine: CI) selects nothing and Enter opens
    no editor; a person clicks the cell again, and so does this (up to three tries).
    """
    editor = page.locator("#portal .gdg-input").first
    for attempt in range(3):
        select()
        page.keyboard.press("Enter")
        try:
            editor.wait_for(timeout=4_000)
            return editor
        except Exception:  # noqa: BLE001  (no editor opened: select the cell again)
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
    return editor


def no_exception(page):
    assert page.locator('[data-testid="stException"]').count() == 0, \
        page.locator('[data-testid="stException"]').first.inner_text()
