"""Slider latency in a real browser, on the Pitch and Program builder pages (not a timed test).

Starts the app, opens each page in Debian's headless Chromium, focuses a slider and
presses an arrow key N times; each sample runs from the key press until the first
headline number has changed and the page is settled (rerun finished, no stale
element), like ../shared/tools/uiprobe/probe.py, which only drives the default page.

    python benchmarks/bench_ui.py [--presses 20]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SETTLED = """() => { const app = document.querySelector('[data-testid="stApp"]');
    return app && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-stale="true"]'); }"""


def _server(port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                             "--server.headless", "true"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
            return proc
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise RuntimeError("streamlit did not start")


def _measure(page, slider_label: str, presses: int) -> list[float]:
    slider = page.locator('[data-testid="stMain"] [data-testid="stSlider"]', has_text=slider_label)
    thumb = slider.first.get_by_role("slider").first
    samples = []
    key = "ArrowRight"
    for i in range(presses):
        thumb.focus()
        if i == presses // 2:
            key = "ArrowLeft"
        before = page.locator('[data-testid="stMetricValue"]').first.inner_text()
        start = time.perf_counter()
        page.keyboard.press(key)
        # Done when the headline number has changed and the rerun has finished and settled.
        page.wait_for_function("(before) => { const m = document.querySelector('[data-testid=\"stMetricValue\"]');"
                               " return m && m.innerText !== before; }", arg=before, timeout=10_000, polling="raf")
        page.wait_for_function(SETTLED, timeout=10_000, polling="raf")
        samples.append((time.perf_counter() - start) * 1000)
        page.wait_for_timeout(150)
    return samples


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=20)
    parser.add_argument("--port", type=int, default=8597)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    proc = _server(args.port)
    out = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic"])
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            for name, path, label in (("Pitch: team size", "", "Team size"),
                                      ("Builder: engagement length", "builder", "Engagement length")):
                page.goto(f"http://127.0.0.1:{args.port}/{path}")
                page.wait_for_selector('[data-testid="stMetric"]', timeout=30_000)
                page.wait_for_function(SETTLED, timeout=30_000)
                samples = sorted(_measure(page, label, args.presses))
                out[name] = {"n": len(samples), "p50_ms": round(statistics.median(samples), 1),
                             "p95_ms": round(samples[max(0, int(len(samples) * 0.95) - 1)], 1),
                             "max_ms": round(samples[-1], 1)}
            browser.close()
    finally:
        proc.terminate()
    for name, stats in out.items():
        print(f"{name:32s} p50 {stats['p50_ms']:7.1f} ms   p95 {stats['p95_ms']:7.1f} ms   (n={stats['n']})")
    print(json.dumps({"benchmark": "ui slider latency", "results": out}))
    return out


if __name__ == "__main__":
    main()
