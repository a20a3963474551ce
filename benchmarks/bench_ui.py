"""Slider latency in a real browser, as ratios to a bare Streamlit app measured in the same run (not a timed test).

Starts the app and the bare one-slider app (``../shared/tools/bare_app/app.py``, the yardstick of
``../shared/tools/uiprobe``), each from its own process, and drives them one after the other in Debian's
headless Chromium. Each sample runs from an arrow-key press on a slider until the first headline number has
changed and the page is settled (the rerun finished, no stale element). Printed for each: p50 and p95, and
their ratio to the bare app's (issue 21's targets: the Pitch and the sidebar's horizon slider <= 0.7x). Also
timed: process start to the first headline number on screen, for both apps, in a fresh browser page.

    python benchmarks/bench_ui.py [--presses 20] [--rounds 2]

Absolute times on a shared 2-core machine move from run to run; the ratios, measured back to back, hold.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE_APP = ROOT.parent / "shared" / "tools" / "bare_app" / "app.py"

SETTLED = """() => { const app = document.querySelector('[data-testid="stApp"]');
    return app && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-stale="true"]'); }"""
FIRST_NUMBER = '[data-testid="stMetricValue"]'

# (name, which app, page path, slider label, the metric whose number must change: None is the page's first):
# the bare app's slider is the yardstick for every row.
CASES = (("bare app: Number of points", "bare", "", "Number of points", None),
         ("Pitch: Team size", "app", "", "Team size", None),
         ("sidebar: Horizon", "app", "", "Horizon", None),
         ("Builder: Engagement length", "app", "builder", "Engagement length", None),
         # The planner's first card (fixed costs) does not move with the budget; what is left unspent does.
         ("Budget planner: Cash budget", "app", "budget", "Cash budget", "Left unspent"))


class Server:
    """One ``streamlit run`` process; ``started`` is when it was launched, ``healthy`` when it answered."""

    def __init__(self, app: Path, port: int) -> None:
        self.port = port
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=app.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(600):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                self.healthy = time.perf_counter()
                return
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"streamlit did not start for {app}")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def first_number(page, server: Server) -> float:
    """Seconds from the server's process start to the first headline number drawn in a fresh page."""
    page.goto(server.url)
    page.wait_for_selector(FIRST_NUMBER, timeout=180_000)
    return time.perf_counter() - server.started


def sidebar_or_main(page, label: str):
    slider = page.locator('[data-testid="stSlider"]', has_text=label)
    return slider.first.get_by_role("slider").first


NUMBER_JS = """([label, before]) => { const cards = [...document.querySelectorAll('[data-testid="stMetric"]')];
    const card = label === null ? cards[0] : cards.find((c) => c.innerText.includes(label));
    const m = card && card.querySelector('[data-testid="stMetricValue"]');
    return before === null ? (m ? m.innerText : null) : (m && m.innerText !== before); }"""


def measure(page, label: str, presses: int, number: str | None = None) -> list[float]:
    """Milliseconds from each key press on the slider to a changed, settled headline number (the metric
    labelled ``number``, or the page's first)."""
    thumb = sidebar_or_main(page, label)
    samples = []
    key = "ArrowRight"
    for i in range(presses):
        thumb.focus()
        if i == presses // 2:
            key = "ArrowLeft"
        before = page.evaluate(NUMBER_JS, [number, None])
        start = time.perf_counter()
        page.keyboard.press(key)
        page.wait_for_function(NUMBER_JS, arg=[number, before], timeout=20_000, polling="raf")
        page.wait_for_function(SETTLED, timeout=20_000, polling="raf")
        samples.append((time.perf_counter() - start) * 1000)
        page.wait_for_timeout(150)
    return samples


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=20, help="key presses per slider and round")
    parser.add_argument("--rounds", type=int, default=2, help="rounds; each drives every slider once, in turn")
    parser.add_argument("--port", type=int, default=8597, help="the app's port; the bare app takes the next one")
    parser.add_argument("--bare-app", type=Path, default=BARE_APP)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    samples: dict[str, list[float]] = {name: [] for name, *_ in CASES}
    starts: dict[str, float] = {}
    servers = {"app": Server(ROOT / "app.py", args.port)}
    try:
        servers["bare"] = Server(args.bare_app, args.port + 1)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic"])
            for which, server in servers.items():  # each server's first page: start to first headline number
                page = browser.new_page(viewport={"width": 1440, "height": 1000})
                starts[which] = first_number(page, server)
                page.close()
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            for _ in range(args.rounds):  # interleaved, so the load on the machine is shared fairly
                for name, which, path, label, number in CASES:
                    page.goto(f"{servers[which].url}/{path}")
                    page.wait_for_selector(FIRST_NUMBER, timeout=180_000)
                    page.wait_for_function(SETTLED, timeout=180_000)
                    samples[name] += measure(page, label, args.presses, number)
            browser.close()
    finally:
        for server in servers.values():
            server.stop()

    bare = samples[CASES[0][0]]
    out: dict = {"date": time.strftime("%Y-%m-%d"), "load_average": [round(x, 2) for x in os.getloadavg()],
                 "start_to_first_number_s": {k: round(v, 2) for k, v in starts.items()}, "sliders": {}}
    for name, values in samples.items():
        p50, p95 = statistics.median(values), percentile(values, 0.95)
        out["sliders"][name] = {"n": len(values), "p50_ms": round(p50, 1), "p95_ms": round(p95, 1),
                                "p50_ratio": round(p50 / statistics.median(bare), 2),
                                "p95_ratio": round(p95 / percentile(bare, 0.95), 2)}
    print(f"same run, {args.rounds} round(s) x {args.presses} presses, load average {out['load_average']}:")
    for name, s in out["sliders"].items():
        print(f"  {name:30s} p50 {s['p50_ms']:7.1f} ms ({s['p50_ratio']:.2f}x bare)  "
              f"p95 {s['p95_ms']:7.1f} ms ({s['p95_ratio']:.2f}x bare)  n={s['n']}")
    print("  process start to the first headline number: "
          + ", ".join(f"{k} {v:.2f} s" for k, v in out["start_to_first_number_s"].items()))
    print(json.dumps({"benchmark": "ui slider latency, ratios to the bare app", **out}))
    return out


if __name__ == "__main__":
    main()
