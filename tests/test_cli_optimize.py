"""``python -m calculator optimize``: the issue's JSON keys, the scenario it prints re-evaluates to its totals,
bad input exits 2 naming the field, an infeasible budget says why (``main(argv)`` in-process: tests/cli_support.py)."""

import json
from pathlib import Path

import pytest
from cli_support import Done
from cli_support import run_cli as run

from calculator import evaluate, from_dict, load, load_preset
from calculator.planner import fixed_part

ROOT = Path(__file__).resolve().parent.parent
PRESETS = ROOT / "data" / "presets"
# The seed as shipped before methodology v2 (fees only, literacy at $0): budgets of $50K-$100K buy teams there,
# while the fully loaded preset's fixed costs alone (training time, program costs) exceed $100K.
SEED_V1 = ROOT / "tests" / "data" / "schema_v2" / "seed-200-person-org.json"


def assert_bad_input(result: Done, *expected_lines: str) -> list[str]:
    """Status 2, nothing on stdout, one line per problem on stderr, no traceback."""
    assert result.returncode == 2, result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    for expected in expected_lines:
        assert any(line.startswith(expected) for line in lines), (expected, lines)
    return lines

KEYS = ["budget", "objective", "fixed_cost", "options", "selection", "total_cost", "objective_value", "program_npv",
        "gap", "optimal", "scenario"]


def test_seed_at_100k():
    r = run("optimize", SEED_V1, "--budget", "100000")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert list(out) == KEYS
    assert out["budget"] == 100_000 and out["objective"] == "npv" and out["fixed_cost"] == 0
    seed = load(SEED_V1)
    assert [t["team"] for t in out["options"]] == [c.name for c in seed.cohorts]
    assert [s["team"] for s in out["selection"]] == [c.name for c in seed.cohorts]
    for team in out["options"]:
        assert team["options"][0] == {"option": "skip", "cost": 0, "value": 0}
        assert all(list(o) == ["option", "cost", "value"] for o in team["options"])
    assert out["total_cost"] <= 100_000
    assert out["objective_value"] == pytest.approx(sum(s["value"] for s in out["selection"]))
    # The printed scenario is a complete file: evaluating it gives the selection's totals.
    result = evaluate(from_dict(out["scenario"]))
    assert result.cash_cost == pytest.approx(out["total_cost"])
    assert result.npv == pytest.approx(out["objective_value"])  # the seed's literacy is licensed: nothing fixed


def test_scenario_output_runs_through_evaluate(tmp_path):
    r = run("optimize", SEED_V1, "--budget", "60000", "--objective", "hours")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    path = tmp_path / "chosen.json"
    path.write_text(json.dumps(out["scenario"]))
    ev = run("evaluate", path)
    assert ev.returncode == 0, ev.stderr
    assert json.loads(ev.stdout)["annual_hours_saved"] == pytest.approx(out["objective_value"])


def test_frontier():
    r = run("optimize", SEED_V1, "--budget", "50000", "--frontier")
    out = json.loads(r.stdout)
    assert list(out) == [*KEYS, "frontier"]
    values = [p["objective_value"] for p in out["frontier"]]
    assert len(values) == 30 and all(list(p) == ["budget", "objective_value"] for p in out["frontier"])
    assert values == sorted(values)


def test_bad_input_names_the_field(tmp_path):
    assert_bad_input(run("optimize", "--preset", "seed-200-person-org", "--budget", "lots"), "--budget: must be")
    assert_bad_input(run("optimize", "--preset", "seed-200-person-org", "--budget", "1e3", "--objective", "roi"),
                     "--objective: must be one of npv, cash_npv, hours")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"cohorts": [{"team_size": 0}]}))
    assert_bad_input(run("optimize", bad, "--budget", "1000"), "cohorts[0].team_size: must be >= 1, got 0")
    assert_bad_input(run("optimize", "--preset", "seed-200-person-org"), "error: the following arguments")


def test_infeasible_budget_is_a_clear_message(tmp_path):
    """Literacy not licensed: 200 learners x $35 x 1 month = $7,000 fixed; $5,000 cannot pay for it."""
    data = json.loads(SEED_V1.read_text())
    data["literacy"]["already_licensed"] = False
    path = tmp_path / "unlicensed.json"
    path.write_text(json.dumps(data))
    lines = assert_bad_input(run("optimize", path, "--budget", "5000"), "--budget: $5,000 is below the fixed costs")
    assert "$7,000" in lines[0]


def test_export_with_a_budget_adds_the_frontier(tmp_path):
    r = run("export", "--preset", "seed-200-person-org", "--out", tmp_path, "--formats", "svg", "--budget", "250000")
    assert r.returncode == 0, r.stderr
    frontier = tmp_path / "seed-200-person-organization-chart-budget.svg"
    assert frontier.exists() and b"What each budget buys" in frontier.read_bytes()
    plain = run("export", "--preset", "seed-200-person-org", "--out", tmp_path / "plain", "--formats", "svg")
    assert not (tmp_path / "plain" / frontier.name).exists(), plain.stderr


def test_export_budget_problems_name_the_option(tmp_path):
    assert_bad_input(run("export", "--preset", "seed-200-person-org", "--out", tmp_path, "--budget", "-1"),
                     "--budget: must be a number >= 0")
    data = json.loads((PRESETS / "seed-200-person-org.json").read_text())
    data["literacy"]["already_licensed"] = False
    path = tmp_path / "unlicensed.json"
    path.write_text(json.dumps(data))
    assert_bad_input(run("export", path, "--out", tmp_path / "out", "--budget", "5000"),
                     "--budget: $5,000 is below the fixed costs")


def test_cash_npv_objective_reproduces_through_evaluate():
    r = run("optimize", "--preset", "seed-200-person-org", "--budget", "300000", "--objective", "cash_npv")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    fixed = fixed_part(load_preset("seed-200-person-org"))
    result = evaluate(from_dict(out["scenario"]))
    assert result.cash_npv == pytest.approx(fixed.cash_npv + out["objective_value"])
    assert result.cash_cost == pytest.approx(out["total_cost"]) and out["total_cost"] <= 300_000


def test_default_scenario_100k_funds_the_pilot_that_pays():
    """CFO meeting step 13, "We have $100K": the default scenario's marketing pilot pays (NPV +$13,339.37 for
    $24,694.15 of cash: fees $18,480 and AI seats $6,214.15, cost risk included), the finance pilot does not
    (-$5,326.22). With the $10,824 of program costs: $35,518.15 of cash; the decision's NPV with that selection,
    fixed costs included, is $2,732.89, and evaluating the printed scenario gives both figures."""
    r = run("optimize", "--preset", "starter-300-person-pilots", "--budget", "100000")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert [s["option"] for s in out["selection"]] == ["as planned", "skip"]
    assert round(out["total_cost"], 2) == 35_518.15 and round(out["fixed_cost"], 2) == 10_824
    assert round(out["objective_value"], 2) == 13_339.37 and round(out["program_npv"], 2) == 2_732.89
    result = evaluate(from_dict(out["scenario"]))
    assert result.cash_cost == pytest.approx(out["total_cost"]) and result.npv == pytest.approx(out["program_npv"])
