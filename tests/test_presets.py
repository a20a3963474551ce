"""The shipped presets reproduce the source article, and every data file is canonical."""

from pathlib import Path

import pytest

from calculator import presets
from calculator.model import evaluate
from calculator.scenario import DELIVERIES, DELIVERY_DEFAULTS, PRICE_UNITS, at_range_end, dumps, load

PRESET_FILES = sorted((Path(__file__).resolve().parent.parent / "data" / "presets").glob("*.json"))
# The same presets as shipped in schema version 1 (before pilot actuals), kept to prove old files still load.
V1_FILES = Path(__file__).resolve().parent / "data" / "schema_v1"


class TestSeed200PersonOrg:
    """MODEL.md "Presets": the guide's 200-person budget, $84K-$280K."""

    @pytest.fixture(scope="class")
    @classmethod
    def seed(cls):
        return presets.load_preset("seed-200-person-org")

    def test_shape(self, seed):
        """200 people, literacy already licensed, 5 Tier 2 teams of 10 and 2 Tier 3 departments of 10, per week."""
        assert seed.organization.headcount == 200
        assert seed.literacy.already_licensed
        assert [c.tier for c in seed.cohorts] == [2] * 5 + [3] * 2
        assert {c.team_size for c in seed.cohorts} == {10}
        assert {(c.delivery, c.price_unit) for c in seed.cohorts} == {("coaching", "per_employee_per_week")}
        assert dict((p, (lo, hi)) for p, lo, hi in seed.ranges) == {
            "cohorts[*].price": (200, 500), "cohorts[*].engagement_weeks": (6, 8)}

    def test_at_low(self, seed):
        """$200 for 6 weeks: Tier 2 5 x 10 x $200 x 6 = $60,000; Tier 3 2 x 10 x $200 x 6 = $24,000; total $84,000.

        Literacy runs on a platform already licensed: $0.
        """
        r = evaluate(at_range_end(seed, "low"))
        assert r.total_cost == pytest.approx(84_000)
        assert r.cost_by_tier == {"1": 0.0, "2": pytest.approx(60_000), "3": pytest.approx(24_000)}

    def test_at_high(self, seed):
        """$500 for 8 weeks: Tier 2 5 x 10 x $500 x 8 = $200,000; Tier 3 2 x 10 x $500 x 8 = $80,000; $280,000."""
        r = evaluate(at_range_end(seed, "high"))
        assert r.total_cost == pytest.approx(280_000)
        assert r.cost_by_tier == {"1": 0.0, "2": pytest.approx(200_000), "3": pytest.approx(80_000)}

    def test_per_team(self, seed):
        """A 10-person team runs 10 x $200 x 6 = $12,000 to 10 x $500 x 8 = $40,000 (the guide's $12K-$40K)."""
        low, high = evaluate(at_range_end(seed, "low")), evaluate(at_range_end(seed, "high"))
        assert low.cost_per_employee_by_tier["2"] * 10 == pytest.approx(12_000)
        assert high.cost_per_employee_by_tier["2"] * 10 == pytest.approx(40_000)
        assert low.cost_per_employee_by_tier["1"] == 0  # 200 learners, $0 each


class TestSeedMarketingTeam:
    """MODEL.md "Presets": 8 people, 4 h cut to 15 minutes a week."""

    def test_hours_and_fte(self):
        """8 x (4 - 0.25) h = 8 x 3.75 = 30 h a week x 52 = 1,560 h a year; / 2,080 h = 0.75 FTE."""
        r = evaluate(presets.load_preset("seed-marketing-team"))
        assert r.annual_hours_saved == pytest.approx(1_560)
        assert r.fte_returned == pytest.approx(0.75)

    def test_cost(self):
        """8 x $350 x 6 weeks = $16,800 (the benchmark midpoint; the example names no price)."""
        assert evaluate(presets.load_preset("seed-marketing-team")).total_cost == pytest.approx(16_800)


class TestShippedFiles:
    def test_three_presets_default_first(self):
        names = presets.preset_names()
        assert sorted(names) == ["seed-200-person-org", "seed-marketing-team", "starter-300-person-pilots"]
        assert names[0] == presets.DEFAULT_PRESET

    @pytest.mark.parametrize("path", PRESET_FILES, ids=lambda p: p.stem)
    def test_loads_and_saves_byte_for_byte(self, path):
        """Every preset is a canonical file: save(load(f)) reproduces its text exactly."""
        assert dumps(load(path)) == path.read_text(encoding="utf-8")

    @pytest.mark.parametrize("path", PRESET_FILES, ids=lambda p: p.stem)
    def test_is_version_2_and_its_version_1_file_still_loads(self, path):
        """The shipped file is version 2; the version 1 text of the same preset loads to the same scenario."""
        assert '"schema_version": 2,' in path.read_text(encoding="utf-8")
        old = V1_FILES / path.name
        assert '"schema_version": 1,' in old.read_text(encoding="utf-8")
        assert load(old) == load(path)

    @pytest.mark.parametrize("path", PRESET_FILES, ids=lambda p: p.stem)
    def test_evaluates_at_both_ends(self, path):
        """Every preset evaluates at its base and at both range ends, with a finite cost."""
        s = load(path)
        for scenario in (s, at_range_end(s, "low"), at_range_end(s, "high")):
            assert evaluate(scenario).total_cost >= 0

    def test_unknown_preset(self):
        with pytest.raises(KeyError, match="no-such-preset"):
            presets.load_preset("no-such-preset")


class TestPriceBenchmarks:
    """data/price_benchmarks.csv: the published price range per delivery model."""

    def test_four_delivery_models(self):
        assert [b.delivery for b in presets.price_benchmarks()] == list(DELIVERIES)

    @pytest.mark.parametrize("bench", presets.price_benchmarks(), ids=lambda b: b.delivery)
    def test_low_default_high(self, bench):
        assert 0 < bench.low <= bench.default_price <= bench.high
        assert bench.unit in PRICE_UNITS
        assert bench.source and bench.note

    @pytest.mark.parametrize("bench", presets.price_benchmarks(), ids=lambda b: b.delivery)
    def test_scenario_defaults_come_from_the_table(self, bench):
        """A cohort's default price and unit for its delivery model are the table's."""
        assert DELIVERY_DEFAULTS[bench.delivery] == (bench.default_price, bench.unit)

    def test_coaching_read_per_week(self):
        """The guide prints coaching "per month" but its totals only add up per week (DOMAIN.md)."""
        coaching = next(b for b in presets.price_benchmarks() if b.delivery == "coaching")
        assert (coaching.low, coaching.high, coaching.unit) == (200, 500, "per_employee_per_week")
        assert "per week" in coaching.note
