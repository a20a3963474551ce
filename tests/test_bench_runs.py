"""The benchmark script still runs (with a handful of repetitions; timings are not asserted here)."""

import importlib.util
import json
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_core.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_core", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_runs(capsys):
    bench = load_bench()
    assert bench.main(["--repeats", "2", "--draws", "200", "--batch-repeats", "1"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    report = json.loads(lines[-1])
    cases = [row["case"] for row in report["results"]]
    assert len(cases) == 5  # three presets, the large scenario, the batch
    assert all(row["ms"] > 0 and row["target_ms"] > 0 for row in report["results"])
    assert "evaluate 100 cohorts x 10 years" in cases


def test_large_scenario_shape():
    """The large case is what it says: 100 teams over 120 months (520 weeks)."""
    bench = load_bench()
    s = bench.large_scenario()
    assert len(s.cohorts) == 100 and s.finance.horizon_months == 120
    assert {c.price_unit for c in s.cohorts} == {"per_employee_per_week", "per_employee_per_month",
                                                  "per_employee", "fixed"}


def test_triangular_draws_stay_in_range():
    bench = load_bench()
    from calculator.presets import load_preset

    seed = load_preset("seed-200-person-org")
    draws = bench.triangular_draws(seed, 500)
    assert set(draws) == {"cohorts[*].price", "cohorts[*].engagement_weeks", "cohorts[*].adoption_rate",
                          "cohorts[*].hours_saved_per_person_per_week", "finance.productivity_recapture"}
    assert draws["cohorts[*].price"].min() >= 200 and draws["cohorts[*].price"].max() <= 500
    assert draws["cohorts[*].engagement_weeks"].min() >= 6 and draws["cohorts[*].engagement_weeks"].max() <= 8


def test_cli_benchmark_runs(capsys):
    """benchmarks/bench_cli.py times whole processes; one run of evaluate is enough to show it works."""
    spec = importlib.util.spec_from_file_location("bench_cli", BENCH.parent / "bench_cli.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--repeats", "1", "--only", "evaluate"]) == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    [row] = report["results"]
    assert row["command"] == "evaluate" and row["runs"] == 1
    assert row["wall_s"] > 0 and row["cpu_s"] > 0 and row["peak_mb"] > 0


@pytest.mark.browser
def test_ui_benchmark_runs_beside_the_bare_app():
    """CI's smoke run of benchmarks/bench_ui.py (no threshold): both apps start, every slider is timed twice
    and compared with the bare app's in the same run, so the README's UI figures can always be reproduced."""
    from browser_support import require_browser

    require_browser()
    spec = importlib.util.spec_from_file_location("bench_ui", BENCH.parent / "bench_ui.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not module.BARE_APP.exists():
        pytest.skip(f"the bare app is not beside the repository ({module.BARE_APP})")
    out = module.main(["--presses", "2", "--rounds", "1", "--port", "8631"])
    assert set(out["sliders"]) == {name for name, *_ in module.CASES}
    assert out["sliders"]["bare app: Number of points"]["p50_ratio"] == 1.0
    assert all(s["n"] == 2 and s["p50_ms"] > 0 and s["p95_ratio"] > 0 for s in out["sliders"].values())
    assert set(out["start_to_first_number_s"]) == {"app", "bare"}
