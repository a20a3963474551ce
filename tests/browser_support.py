"""Shared set-up for the real-browser tests: a Streamlit server, headless Chromium, and helpers.

Each browser test module gets one server (``server`` fixture, module scope) and each test a fresh
browser context, which is a fresh Streamlit session. A test that needs a new server's very first
session (where Streamlit bugs hid before) uses ``fresh_server`` instead.

Waiting is Playwright's auto-waiting ``expect(...)`` on what the user would see, plus one wait for
Streamlit itself, :func:`settle`: it follows Streamlit's own account of its script runs, the messages on
the app's websocket (the page asks for a run, the server says when it has finished), and then the page's
own run state (``data-test-script-state`` on ``stApp``, which Streamlit sets). Nothing is clicked twice:
an action waits for the app to be idle first, so no run redraws the control under the click.
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


def wait_healthy(url: str, timeout: float, alive=lambda: True, pause: float = 0.2) -> bool:
    """True once ``url``'s Streamlit health endpoint answers 200 (directly or through a proxy) within
    ``timeout`` seconds; False when the time is up or ``alive()`` turns False (the process exited)."""
    deadline = time.time() + timeout
    while time.time() < deadline and alive():
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return True
        except OSError:
            time.sleep(pause)
    return False


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
        if not wait_healthy(self.url, 60):
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
    pg.run_watch = RunWatch(pg)
    pg.console_errors = []
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    pg.on("response", lambda r: pg.console_errors.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None)
    return pg


def open_app(page, url: str):
    """Open ``url`` and wait for the app's first run (a new session's first run on a loaded machine took over 30 s)."""
    page.goto(url)
    settle(page, timeout_s=120)  # the page's run state starts as "initial": idle only once the first run is over
    page.locator("h1").first.wait_for()


class RunWatch:
    """Streamlit's script runs as the page's websocket carries them: each run the page asks for
    (``rerun_script``) and each run the server reports finished (``script_finished``, a run cut short for the
    next one not counted). Frames are numbered as they pass, so "asked after the last finish" is a comparison."""

    def __init__(self, page):
        self.frames = 0
        self.requested = 0  # the frame that asked for the last run
        self.finished = 0   # the frame that reported the last finished run
        self.last = time.monotonic()  # when the last of either passed
        page.on("websocket", self._socket)

    def _socket(self, socket) -> None:
        if socket.url.endswith("/_stcore/stream"):
            socket.on("framesent", self._sent)
            socket.on("framereceived", self._received)

    def _sent(self, payload) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        if isinstance(payload, bytes | bytearray):
            msg = BackMsg()
            msg.ParseFromString(bytes(payload))
            if msg.WhichOneof("type") == "rerun_script":
                self.frames += 1
                self.requested, self.last = self.frames, time.monotonic()

    def _received(self, payload) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        if isinstance(payload, bytes | bytearray):
            msg = ForwardMsg()
            msg.ParseFromString(bytes(payload))
            if msg.WhichOneof("type") == "script_finished":
                self.frames += 1
                self.last = time.monotonic()
                if msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    self.finished = self.frames

    def pending(self) -> bool:
        return self.requested > self.finished


GRACE_S = 0.25  # how long an action has to ask for its run (the browser sends it; it is not the server's turn)
QUIET_S = 0.1   # after a finished run, how long no new run may be asked for (a run the last one's redraw asks for)


def settle(page, timeout_s: float = 30.0):
    """Wait until Streamlit has finished every run the page asked for, and the page shows it.

    Streamlit's own state, not a guess: the websocket's run requests and finishes (:class:`RunWatch`), then
    the page's run state (``stApp``'s ``data-test-script-state``) and no element left stale by the last run.
    An action's request is given :data:`GRACE_S` to leave the browser (returning then if none did: the
    action started no run), and a finished run :data:`QUIET_S` for a follow-up run its redraw may ask for.
    Waiting on the server's messages, not on a time, holds on a loaded machine, where a run may start
    seconds after the key press.
    """
    watch = page.run_watch
    start = time.monotonic()
    deadline = start + timeout_s
    while True:
        page.wait_for_timeout(20)  # lets Playwright deliver the websocket's frames to the watch
        now = time.monotonic()
        if now > deadline:
            raise TimeoutError(f"Streamlit still running after {timeout_s} s "
                               f"(asked at frame {watch.requested}, finished at {watch.finished})")
        if watch.pending():
            continue
        asked_since = watch.last >= start
        if now - max(watch.last, start) >= (QUIET_S if asked_since else GRACE_S):
            break
    page.wait_for_selector(IDLE, timeout=timeout_s * 1000)
    page.wait_for_function("""() => !document.querySelector('[data-testid="stMain"] [data-stale="true"]')""",
                           timeout=timeout_s * 1000)


def metric(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]', has_text=label).first
    return card.locator('[data-testid="stMetricValue"]').inner_text().strip()


def url_scenario(page):
    """The scenario the app holds, read from the share link in the address bar."""
    return share.decode(re.search(r"[?&]s=([^&#]+)", page.url).group(1))


def nav(page, title: str):
    """Open the page ``title`` from the sidebar and wait until it has been drawn.

    The link becomes the current page at once; the new page's run may start seconds later on a loaded
    machine (a wait on the old page's idle state read the Budget planner's budget field as 0 in CI).
    :func:`settle` waits for the run the click asked for, and for no element left from the old page
    (Streamlit marks them stale until the new run replaces them).
    """
    link = page.locator('[data-testid="stSidebarNav"] a', has_text=title).first
    settle(page)
    link.click()
    page.wait_for_function("(a) => a.getAttribute('aria-current') === 'page'", arg=link.element_handle())
    settle(page)
    page.locator("h1").first.wait_for()


def slider(scope, label: str):
    return scope.locator('[data-testid="stSlider"]', has_text=label).first.get_by_role("slider").first


def team_slider(page, team: str, label: str):
    """The Pitch's what-if slider ``label`` of the team named ``team`` (its name, then its row of sliders)."""
    return page.locator(f'[data-testid="stElementContainer"]:has-text("{team}") + [data-testid="stLayoutWrapper"] '
                        f'[data-testid="stSlider"]:has-text("{label}")').first.get_by_role("slider").first


def press_slider(page, label: str, key: str, times: int):
    """Focus the slider labelled ``label`` and press ``key`` ``times`` times, each press's run settled first,
    as a presenter steps a value; returns the slider."""
    settle(page)
    thumb = slider(page, label)
    for _ in range(times):
        # Focused before every press: a run can redraw the slider (its range widens, a page under load
        # finishes its first run late) and a redrawn slider has lost the focus, so the press went nowhere
        # (CI on 6d406ef: eight presses left "Adoption" at 80).
        thumb.focus()
        page.keyboard.press(key)
        settle(page)
    return thumb


def choose(page, box, option: str) -> None:
    """Open the select box ``box`` and pick ``option``, as a person would: once the app is idle, so no run
    redraws the box and closes its list under the click (:func:`settle`)."""
    settle(page)
    box.click()
    page.get_by_role("option", name=option).click()


def open_cell_editor(page, select):
    """Open a data grid cell's editor: ``select()`` selects the cell (a click on the grid's canvas and arrow
    keys), Enter opens the editor; returns the editor's input.

    Once the app is idle and the grid has painted (two animation frames after the run that drew it): a
    click on the canvas before the grid has drawn selects nothing, and Enter then opens no editor.
    """
    settle(page)
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    editor = page.locator("#portal .gdg-input").first
    for attempt in range(2):  # under CI's load the grid may repaint after the click, dropping the selection
        select()
        page.keyboard.press("Enter")
        try:
            editor.wait_for(timeout=10_000)
            return editor
        except Exception:
            if attempt:
                raise
            settle(page)
    return editor


def no_exception(page):
    assert page.locator('[data-testid="stException"]').count() == 0, \
        page.locator('[data-testid="stException"]').first.inner_text()
