"""Load through the proxy: N sessions moving a slider on the hosted set-up (not a timed test).

Starts what tests/test_hosting.py starts (the image's command line as two read-only replicas, Debian's nginx with
deploy/nginx_conf.py's configuration, all on loopback), then opens N sessions through nginx, a few seconds apart,
each on its own scenario. Each session moves the sidebar's Horizon slider to a new value, waits for the run to
finish, checks the headline cards against the calculator, pauses (think time), and again, until the time is up.
A session is what a browser tab is to the server (the sticky cookie, Streamlit's XSRF cookie, the websocket, its
protobuf messages), without drawing the page: this measures the servers, not Chromium.

Reports the latency of a move (request to finished run) p50/p95/max, of each session's first run, the errors
(a wrong number, an exception on the page, a timeout, a dropped connection), the sessions per replica, and each
replica's resident memory at the start of the load, halfway and at the end, with its peak.

    python benchmarks/bench_hosting.py [--sessions 20] [--seconds 45] [--think 1.0] [--replicas 2]

Bounded: every session stops at the deadline (a run may end up to --timeout later), then everything is stopped.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from hosting_support import BareSession, Deployment  # noqa: E402

from calculator import presets, share  # noqa: E402
from calculator.editing import edit  # noqa: E402
from calculator.pitch import headline_cards, pitch_summary  # noqa: E402

HORIZON = "Horizon (months)"
HORIZONS = list(range(12, 61, 3))  # each move goes to another of these


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class Oracle:
    """The headline cards the calculator gives each (scenario, horizon), computed once."""

    def __init__(self):
        self._cards: dict[tuple[str, int], dict[str, str]] = {}
        self._lock = threading.Lock()

    def cards(self, scenario, horizon: int) -> dict[str, str]:
        key = (scenario.name, horizon)
        with self._lock:
            if key not in self._cards:
                moved = edit(scenario, {"finance.horizon_months": horizon})
                self._cards[key] = {c.label: c.value for c in headline_cards(pitch_summary(moved))}
            return self._cards[key]


def run_load(deployment, sessions: int, seconds: float, think: float, timeout: float, ramp: float) -> dict:
    oracle = Oracle()
    preset_names = presets.preset_names()
    moves: list[float] = []
    first_runs: list[float] = []
    errors: list[str] = []
    replicas_of_sessions: list[str] = []
    lock = threading.Lock()
    start = time.perf_counter()
    deadline = start + seconds
    memory: dict[str, list[tuple[float, float]]] = {r.name: [] for r in deployment.replicas}
    stop_sampling = threading.Event()

    def sample() -> None:
        while not stop_sampling.is_set():
            for r in deployment.replicas:
                if r.alive():
                    memory[r.name].append((time.perf_counter() - start, r.memory_mb()[0]))
            stop_sampling.wait(1.0)

    def session(i: int) -> None:
        rng = random.Random(i)
        base = presets.load_preset(preset_names[i % len(preset_names)])
        scenario = edit(base, {"name": f"Load session {i}"})
        time.sleep(ramp * i / max(1, sessions))
        try:
            client = BareSession(deployment.proxy.url, "s=" + share.encode(scenario), timeout=timeout)
            first = client.run()
        except Exception as exc:  # noqa: BLE001  (counted and reported: the benchmark's result)
            with lock:
                errors.append(f"session {i} could not start: {type(exc).__name__}: {exc}")
            return
        with lock:
            first_runs.append(first)
            replicas_of_sessions.append(client.replica_port or "?")
        horizon = scenario.finance.horizon_months
        try:
            while time.perf_counter() < deadline:
                horizon = rng.choice([h for h in HORIZONS if h != horizon])
                try:
                    took = client.run({HORIZON: horizon})
                except Exception as exc:  # noqa: BLE001
                    with lock:
                        errors.append(f"session {i}: {type(exc).__name__}: {exc}")
                    return
                wrong = client.metrics != oracle.cards(scenario, horizon)
                with lock:
                    moves.append(took)
                    if client.exceptions:
                        errors.append(f"session {i}: exception on the page: {client.exceptions[0][:200]}")
                    elif wrong:
                        errors.append(f"session {i}: horizon {horizon} shows {client.metrics}")
                time.sleep(rng.uniform(0.5, 1.5) * think)
        finally:
            client.close()

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    threads = [threading.Thread(target=session, args=(i,)) for i in range(sessions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + ramp + 2 * timeout + 30)
    stop_sampling.set()
    sampler.join()
    elapsed = time.perf_counter() - start

    def at(samples: list[tuple[float, float]], when: float) -> float:
        return min(samples, key=lambda s: abs(s[0] - when))[1]

    replicas = {}
    for r in deployment.replicas:
        samples = memory[r.name]
        replicas[r.name] = {
            "port": r.port,
            "sessions": replicas_of_sessions.count(str(r.port)),
            "rss_mb_after_ramp": round(at(samples, ramp), 1),
            "rss_mb_halfway": round(at(samples, ramp + (seconds - ramp) / 2), 1),
            "rss_mb_end": round(samples[-1][1], 1),
            "peak_rss_mb": round(r.memory_mb()[1], 1),
        }
    return {
        "sessions": sessions, "seconds": seconds, "think_s": think, "elapsed_s": round(elapsed, 1),
        "moves": len(moves), "moves_per_s": round(len(moves) / elapsed, 1),
        "move_ms": {"p50": round(1000 * _percentile(moves, 0.5)), "p95": round(1000 * _percentile(moves, 0.95)),
                    "max": round(1000 * max(moves))} if moves else None,
        "first_run_ms": {"p50": round(1000 * statistics.median(first_runs)),
                         "p95": round(1000 * _percentile(first_runs, 0.95))} if first_runs else None,
        "errors": len(errors), "error_samples": errors[:5],
        "replicas": replicas,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=45, help="how long the sessions move sliders")
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between a session's moves (s)")
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=60, help="longest wait for one run (s)")
    parser.add_argument("--ramp", type=float, default=5, help="the sessions start over this many seconds")
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= 100 or not 1 <= args.seconds <= 600:
        parser.error("1-100 sessions for 1-600 seconds (this is a loopback benchmark, bounded)")
    started = time.perf_counter()
    deployment = Deployment(args.replicas)
    try:
        warm = [threading.Thread(target=lambda r=r: BareSession(r.url).run()) for r in deployment.replicas]
        for t in warm:
            t.start()
        for t in warm:
            t.join()
        idle = {r.name: round(r.memory_mb()[0], 1) for r in deployment.replicas}
        ready = time.perf_counter() - started
        report = run_load(deployment, args.sessions, args.seconds, args.think, args.timeout, args.ramp)
    finally:
        deployment.stop()
    report = {"ready_s": round(ready, 1), "idle_rss_mb": idle, **report}
    print(json.dumps(report, indent=1))
    return 0 if report["errors"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
