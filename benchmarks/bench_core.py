"""Benchmark of the calculation core (not a unit test: it reports, it does not assert).

    python benchmarks/bench_core.py [--repeats 200] [--draws 10000]

Prints a table of median wall-clock times against the issue's targets on a
2-core machine, then the same figures as one JSON line for scripts:

- one ``evaluate`` of each shipped preset (target < 2 ms),
- one ``evaluate`` of a 100-team, 10-year scenario (target < 20 ms),
- ``evaluate_batch`` over 10,000 triangular draws of ``seed-200-person-org``'s
  ranges (target < 300 ms; drawing the numbers is not timed).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # runnable as a plain script from anywhere
    sys.path.insert(0, str(ROOT))

from calculator.model import evaluate, evaluate_batch  # noqa: E402
from calculator.presets import load_preset, preset_names  # noqa: E402
from calculator.scenario import (  # noqa: E402
    PRICE_UNITS,
    Cohort,
    Finance,
    Literacy,
    Organization,
    Scenario,
    parameter_values,
)

TARGETS_MS = {"preset": 2.0, "100 cohorts x 10 years": 20.0, "batch": 300.0}


def median_ms(fn, repeats: int) -> float:
    """Median wall-clock time of ``fn()`` in milliseconds, after one warm-up call."""
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000.0


def large_scenario(teams: int = 100, horizon_months: int = 120) -> Scenario:
    """A big program: ``teams`` cohorts over ten years, every price unit, participant time and decay on."""
    cohorts = tuple(
        Cohort(name=f"Team {i + 1}", tier=2 + i % 2, team_size=8 + i % 5, start_week=1 + (i * 5) % 480,
               engagement_weeks=6 + i % 7, price=350.0 if i % 4 != 3 else 200_000.0,
               price_unit=PRICE_UNITS[i % 4], participant_hours_per_week=3.0,
               hours_saved_per_person_per_week=1.0 + i % 4, adoption_rate=0.5 + (i % 5) / 10,
               loaded_hourly_cost=None if i % 3 else 60.0)
        for i in range(teams)
    )
    return Scenario(
        name=f"{teams} teams, {horizon_months} months",
        organization=Organization(headcount=5_000),
        finance=Finance(horizon_months=horizon_months, include_participant_time=True, annual_benefit_decay=0.1),
        literacy=Literacy(access_months=3, hours_saved_per_person_per_week=0.5, adoption_rate=0.2),
        cohorts=cohorts,
    )


def triangular_draws(scenario: Scenario, n: int, seed: int = 2026) -> dict[str, np.ndarray]:
    """``n`` draws per range path, triangular(low, base, high); a ``cohorts[*]`` path's base is its first team's."""
    rng = np.random.default_rng(seed)
    draws = {}
    for path, low, high in scenario.ranges:
        base = min(max(parameter_values(scenario, path)[0], low), high)
        draws[path] = rng.triangular(low, base, high, n) if high > low else np.full(n, low)
    return draws


def run(repeats: int = 200, draws: int = 10_000, batch_repeats: int = 7) -> list[dict]:
    """Time every case; one row per case with its median in ms, its target and whether it is met."""
    rows = []
    for name in preset_names():
        scenario = load_preset(name)
        rows.append({"case": f"evaluate {name}", "ms": median_ms(lambda s=scenario: evaluate(s), repeats),
                     "target_ms": TARGETS_MS["preset"]})
    big = large_scenario()
    rows.append({"case": "evaluate 100 cohorts x 10 years",
                 "ms": median_ms(lambda: evaluate(big), max(3, repeats // 10)),
                 "target_ms": TARGETS_MS["100 cohorts x 10 years"]})
    seed = load_preset("seed-200-person-org")
    overrides = triangular_draws(seed, draws)
    rows.append({"case": f"evaluate_batch {draws:,} draws of seed-200-person-org",
                 "ms": median_ms(lambda: evaluate_batch(seed, overrides), batch_repeats),
                 "target_ms": TARGETS_MS["batch"]})
    for row in rows:
        row["ms"] = round(row["ms"], 3)
        row["ok"] = row["ms"] < row["target_ms"]
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=200, help="timed runs per single evaluation (median)")
    parser.add_argument("--draws", type=int, default=10_000, help="draws in the batch case")
    parser.add_argument("--batch-repeats", type=int, default=7, help="timed runs of the batch (median)")
    args = parser.parse_args(argv)
    rows = run(args.repeats, args.draws, args.batch_repeats)
    width = max(len(r["case"]) for r in rows)
    print(f"{'case':<{width}}  {'median ms':>10}  {'target ms':>9}  ok")
    for r in rows:
        print(f"{r['case']:<{width}}  {r['ms']:>10.3f}  {r['target_ms']:>9.0f}  {'yes' if r['ok'] else 'NO'}")
    print(json.dumps({"benchmark": "calculator core", "python": sys.version.split()[0],
                      "numpy": np.__version__, "results": rows}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
