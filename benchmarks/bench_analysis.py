"""Timings of the what-if analyses on seed-200-person-org (run: ``python benchmarks/bench_analysis.py``).

Not a unit test: it prints wall-clock times. The target (issue 14) is 10,000
correlated Monte Carlo draws of seed-200-person-org (Gaussian copula, benefit
drivers at correlation 0.5) in under 0.3 s, which the first ("cold") line measures
in this fresh process: drawing, evaluating and summarizing, after the imports.
The seed is measured with benefit ranges added (hours saved, adoption, recapture),
so the copula has drivers to correlate.
"""

from __future__ import annotations

import dataclasses
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_SECONDS = 0.3


def _time(fn, repeat: int = 5) -> tuple[float, float]:
    """(first run, best of ``repeat``) in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times[0], min(times)


def main() -> int:
    start = time.perf_counter()
    from calculator.analysis import analyze, break_even, lenses, simulate, strategies, tornado, uncertainty
    from calculator.presets import load_preset

    seed = load_preset("seed-200-person-org")
    # The seed's price and weeks ranges, plus benefit ranges, so the copula correlates something.
    scenario = dataclasses.replace(seed, ranges=seed.ranges + (
        ("cohorts[*].hours_saved_per_person_per_week", 1.0, 3.0), ("cohorts[*].adoption_rate", 0.5, 0.9),
        ("finance.productivity_recapture", 0.5, 1.0)))
    print(f"{'import + load preset':<44} {time.perf_counter() - start:8.3f} s")

    cases = [
        ("uncertainty, 10,000 correlated draws (blocks)", lambda: uncertainty(scenario, 10_000, 0, 0.5)),
        ("  the same in one evaluate_batch call",
         lambda: simulate(scenario, 10_000, 0, block=None, correlation=0.5).summary()),
        ("tornado", lambda: tornado(scenario)),
        ("break_even (target 12 months)", lambda: break_even(scenario, 12)),
        ("strategies", lambda: strategies(scenario)),
        ("lenses", lambda: lenses(scenario)),
        ("analyze (all five, 10,000 draws)", lambda: analyze(scenario, 10_000, 0)),
    ]
    print(f"{'':<44} {'first':>8}   {'best of 5':>9}")
    first_uncertainty = None
    for name, fn in cases:
        first, best = _time(fn)
        if first_uncertainty is None:
            first_uncertainty = first
        print(f"{name:<44} {first:8.3f} s {best:9.3f} s")
    verdict = "meets" if first_uncertainty < TARGET_SECONDS else "MISSES"
    print(f"\n10,000 draws cold: {first_uncertainty:.3f} s, {verdict} the {TARGET_SECONDS} s target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
