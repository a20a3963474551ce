"""Screenshots of the CFO meeting's key steps (../shared/CFO_MEETING.md), for the README and docs.

Starts the app on the default scenario and, at 1280x720 and 1024x768 in Debian's headless Chromium, saves
docs/screenshots/meeting-stepNN-WxH.png for step 1 (the Pitch), 4 (presenter mode), 8 (same money, spent
differently), 9 (the conservative readings) and 13 ("we have $100K": the Budget planner at $100,000).

    python scripts/meeting_screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = ((1280, 720), (1024, 768))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _settle(page) -> None:
    page.wait_for_function("""() => { const a = document.querySelector('[data-testid="stApp"]');
        return a && a.getAttribute('data-test-script-state') === 'notRunning'
            && !document.querySelector('[data-stale="true"]'); }""", timeout=120_000)
    page.wait_for_timeout(1500)  # charts finish drawing after the run


def _shoot(browser, url: str, out: Path, width: int, height: int) -> None:
    """The five steps at one window size."""
    def shot(step: int, path: str, before=None) -> None:
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(f"{url}/{path}")
        page.wait_for_selector('[data-testid="stApp"]', timeout=120_000)
        _settle(page)
        if before:
            before(page)
            _settle(page)
        name = out / f"meeting-step{step:02d}-{width}x{height}.png"
        page.screenshot(path=str(name))
        print(name.relative_to(ROOT) if name.is_relative_to(ROOT) else name)
        page.close()

    def strategies(page) -> None:
        page.locator('[data-testid="stDataFrame"]').first.scroll_into_view_if_needed()

    def lenses(page) -> None:
        page.get_by_role("tab", name="Lenses").click()
        _settle(page)
        tables = page.locator('[data-testid="stTabPanel"]:visible [data-testid="stDataFrame"]')
        tables.first.scroll_into_view_if_needed()

    def hundred_k(page) -> None:
        box = page.get_by_label("Exact budget (USD)", exact=True)
        box.fill("100000")
        box.press("Enter")

    shot(1, "")
    shot(4, "?present=1")
    shot(8, "analysis", strategies)
    shot(9, "analysis", lenses)
    shot(13, "budget", hundred_k)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                               "--server.headless", "true", "--browser.gatherUsageStats", "false"],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        args.out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                        args=["--no-sandbox", "--disable-gpu"])
            for width, height in SIZES:
                _shoot(browser, url, args.out, width, height)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
