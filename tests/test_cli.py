"""The command line: ``main(argv)`` in-process as ``python -m calculator`` calls it (tests/cli_support.py), and
two runs of the module itself as a user starts it (standard input, ``/dev/zero``)."""

import json
from pathlib import Path

import pytest
from cli_support import Done, run_module
from cli_support import run_cli as run

ROOT = Path(__file__).resolve().parent.parent
PRESETS = ROOT / "data" / "presets"


def assert_bad_input(result: Done, *expected_lines: str) -> list[str]:
    """Status 2, nothing on stdout, one line per problem on stderr, no traceback."""
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines and all(line.strip() for line in lines)
    for expected in expected_lines:
        assert any(line.startswith(expected) for line in lines), (expected, lines)
    return lines


class TestEvaluate:
    def test_seed_at_low(self):
        """The article's figure: --at low prints program_fees 84000 (5 x 10 x $200 x 6 + 2 x 10 x $200 x 6);
        the fully loaded total_cost adds participants' time, AI seats and program costs on top."""
        r = run("evaluate", "--preset", "seed-200-person-org", "--at", "low")
        assert r.returncode == 0, r.stderr
        out = json.loads(r.stdout)
        assert out["program_fees"] == 84_000
        assert out["fees_by_tier"] == {"1": 0, "2": 60_000, "3": 24_000}
        assert out["total_cost"] == pytest.approx(sum(out["cost_by_line"].values()))
        assert out["total_cost"] > out["program_fees"]
        assert "weekly" not in out

    def test_seed_at_high(self):
        """--at high: program fees 5 x 10 x $500 x 8 + 2 x 10 x $500 x 8 = $280,000."""
        out = json.loads(run("evaluate", "--preset", "seed-200-person-org", "--at", "high").stdout)
        assert out["program_fees"] == 280_000
        assert out["fees_by_tier"] == {"1": 0, "2": 200_000, "3": 80_000}

    def test_file_and_keys(self):
        """A scenario file: every MODEL.md result key; the marketing team's 1,560 h and 0.75 FTE."""
        r = run("evaluate", PRESETS / "seed-marketing-team.json")
        assert r.returncode == 0, r.stderr
        out = json.loads(r.stdout)
        for key in ("total_cost", "total_benefit", "net_benefit", "roi_pct", "bcr", "npv", "payback_months",
                    "cost_by_tier", "cost_per_employee_by_tier", "annual_hours_saved", "fte_returned",
                    "annual_value", "hours_saved_in_horizon",
                    # methodology v2
                    "program_fees", "fees_by_tier", "cost_by_line", "pv_cost", "pv_benefit", "roi_pv_pct", "irr_pct",
                    "discounted_payback_months", "cash_benefit", "capacity_benefit", "cash_npv",
                    "cash_payback_months", "annual_cash_value", "cost_beyond_horizon", "warnings", "by_team"):
            assert key in out, key
        assert set(out["cost_by_line"]) == {"fees", "participant_time", "ai_seats", "other"}
        assert [set(team) for team in out["by_team"]] == [{
            "name", "tier", "cost", "benefit", "net", "npv", "roi_pct", "payback_months", "annual_hours_saved",
            "fte_returned"}]
        assert out["annual_hours_saved"] == pytest.approx(1_560)
        assert out["fte_returned"] == pytest.approx(0.75)
        assert out["cost_per_employee_by_tier"]["3"] is None  # nobody in Tier 3: null

    def test_weekly(self):
        """--weekly adds the table: one row per week of the horizon, 24 months x 52 / 12 = 104 rows."""
        r = run("evaluate", "--preset", "seed-200-person-org", "--weekly")
        assert r.returncode == 0, r.stderr
        out = json.loads(r.stdout)
        rows = out["weekly"]
        assert len(rows) == out["horizon_weeks"] == 104
        assert [row["week"] for row in rows] == list(range(1, 105))
        assert set(rows[0]) >= {"week", "month", "cost", "benefit", "net", "cumulative_net", "hours_saved",
                                "cost_fees", "cost_participant_time", "cost_ai_seats", "cost_other",
                                "cash_benefit", "discounted_net"}
        assert rows[-1]["month"] == 24
        assert rows[-1]["cumulative_net"] == pytest.approx(out["net_benefit"])

    def test_presets(self):
        r = run("presets")
        assert r.returncode == 0, r.stderr
        names = [p["name"] for p in json.loads(r.stdout)]
        assert sorted(names) == ["seed-200-person-org", "seed-marketing-team", "starter-300-person-pilots"]
        assert names[0] == "starter-300-person-pilots"  # the default first


class TestBadInput:
    """Exit status 2, one clear line per problem on stderr naming the field, nothing on stdout, no traceback."""

    def test_bad_file(self, tmp_path):
        path = tmp_path / "bad.json"
        path.write_text(json.dumps({"bogus": 1, "cohorts": [{"adoption_rate": 1.5}, {"team_size": 0}],
                                    "finance": {"horizon_months": "24"}}))
        lines = assert_bad_input(run("evaluate", path),
                                 "bogus: unknown field",
                                 "cohorts[0].adoption_rate: must be between 0 and 1, got 1.5",
                                 "cohorts[1].team_size: must be >= 1, got 0",
                                 'finance.horizon_months: must be a whole number, got "24"')
        assert len(lines) == 4

    def test_nan(self, tmp_path):
        path = tmp_path / "nan.json"
        path.write_text('{"cohorts": [{"price": NaN}]}')
        assert_bad_input(run("evaluate", path), "cohorts[0].price: must be a finite number")

    def test_malformed_json(self, tmp_path):
        path = tmp_path / "broken.json"
        path.write_text('{"name": "x",')
        lines = assert_bad_input(run("evaluate", path), "scenario: not valid JSON (line 1, column")
        assert len(lines) == 1

    def test_missing_file(self, tmp_path):
        lines = assert_bad_input(run("evaluate", tmp_path / "nowhere.json"), "scenario: no such file")
        assert len(lines) == 1

    def test_empty_file(self, tmp_path):
        path = tmp_path / "empty.json"
        path.write_text("")
        assert assert_bad_input(run("evaluate", path)) == ["scenario: the file is empty"]

    def test_unknown_preset(self):
        lines = assert_bad_input(run("evaluate", "--preset", "no-such-preset"), "--preset: unknown preset")
        assert len(lines) == 1 and "seed-200-person-org" in lines[0]  # names the shipped ones

    def test_no_scenario(self):
        assert_bad_input(run("evaluate"), "arguments: give a scenario FILE or --preset NAME")

    def test_file_and_preset(self, tmp_path):
        assert_bad_input(run("evaluate", PRESETS / "seed-marketing-team.json", "--preset", "seed-marketing-team"),
                         "arguments: give a scenario file or --preset, not both")

    @pytest.mark.parametrize("args", [("evaluate", "--at", "middle", "--preset", "seed-200-person-org"),
                                      ("frobnicate",), ()])
    def test_bad_arguments(self, args):
        lines = assert_bad_input(run(*args))
        assert len(lines) == 1 and lines[0].startswith("error: ")


class TestHostileInput:
    """Issue 11: the command line reads at most the byte limit, caps its messages, and refuses runaway draws."""

    def test_dev_zero_is_not_read_whole(self):
        """``/dev/zero`` grew the process to 12 GB; now it reads one byte past the limit and stops."""
        result = run_module("evaluate", "/dev/zero", timeout=30)
        assert_bad_input(result, "scenario: larger than the limit of 1,000,000 bytes")

    def test_dash_reads_standard_input(self):
        """``-`` is standard input, as in other command-line tools."""
        text = (PRESETS / "seed-marketing-team.json").read_text()
        result = run_module("evaluate", "-", stdin=text, timeout=60)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["annual_hours_saved"] == pytest.approx(1_560)

    def test_a_hundred_thousand_problems_print_fifty_one_lines(self, tmp_path):
        """One file printed 1,000,001 stderr lines; now the first 50 and "and N more"."""
        path = tmp_path / "many.json"
        path.write_text(json.dumps({"cohorts": [{f"k{j}": 0 for j in range(200)} for _ in range(400)]}))
        lines = assert_bad_input(run("evaluate", path), "cohorts[0].k0: unknown field")
        assert len(lines) == 51 and lines[-1] == "and 79950 more problems (only the first 50 are listed)"

    def test_draws_over_the_memory_budget(self, tmp_path):
        """500 teams x 4 team-wide ranges at 200,000 draws hit a numpy MemoryError; now a message naming
        the 256 MiB budget and the most draws that fit."""
        teams = [{"name": f"T{i}", "hours_saved_per_person_per_week": 2} for i in range(500)]
        ranges = {"cohorts[*].price": [300, 400], "cohorts[*].team_size": [5, 20],
                  "cohorts[*].hours_saved_per_person_per_week": [1, 3], "cohorts[*].adoption_rate": [0.5, 1]}
        path = tmp_path / "big.json"
        path.write_text(json.dumps({"finance": {"horizon_months": 120}, "cohorts": teams, "ranges": ranges}))
        lines = assert_bad_input(run("analyze", path, "--draws", "200000"), "--draws: 200,000 draws of 2,000")
        assert "256 MiB" in lines[0] and "at most" in lines[0]
