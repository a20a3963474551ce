"""The shipped presets reproduce the source article, and every data file is canonical."""

from pathlib import Path

import pytest

from calculator import presets
from calculator.model import evaluate
from calculator.scenario import DELIVERIES, DELIVERY_DEFAULTS, PRICE_UNITS, Cohort, at_range_end, dumps, load

PRESET_FILES = sorted((Path(__file__).resolve().parent.parent / "data" / "presets").glob("*.json"))
# The same presets as shipped in schema version 1 (before pilot actuals), kept to prove old files still load.
V1_FILES = Path(__file__).resolve().parent / "data" / "schema_v1"
# ... and as shipped in schema version 2 (before methodology v2's fully loaded presets).
V2_FILES = Path(__file__).resolve().parent / "data" / "schema_v2"


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
            "cohorts[*].price": (200, 500), "cohorts[*].engagement_weeks": (6, 8),
            # Benefit ranges (issue 14), each citing data/evidence.csv rows in data/preset_range_evidence.csv.
            "cohorts[*].hours_saved_per_person_per_week": (1, 4), "cohorts[*].adoption_rate": (0.5, 0.9),
            "finance.productivity_recapture": (0.25, 0.75)}

    def test_at_low(self, seed):
        """$200 for 6 weeks: Tier 2 5 x 10 x $200 x 6 = $60,000; Tier 3 2 x 10 x $200 x 6 = $24,000; total $84,000.

        Literacy runs on a platform already licensed: $0.
        """
        r = evaluate(at_range_end(seed, "low"))
        assert r.program_fees == pytest.approx(84_000)
        assert r.fees_by_tier == {"1": 0.0, "2": pytest.approx(60_000), "3": pytest.approx(24_000)}

    def test_at_high(self, seed):
        """$500 for 8 weeks: Tier 2 5 x 10 x $500 x 8 = $200,000; Tier 3 2 x 10 x $500 x 8 = $80,000; $280,000."""
        r = evaluate(at_range_end(seed, "high"))
        assert r.program_fees == pytest.approx(280_000)
        assert r.fees_by_tier == {"1": 0.0, "2": pytest.approx(200_000), "3": pytest.approx(80_000)}

    def test_per_team(self, seed):
        """A 10-person team's fees run 10 x $200 x 6 = $12,000 to 10 x $500 x 8 = $40,000 (the guide's $12K-$40K)."""
        low, high = evaluate(at_range_end(seed, "low")), evaluate(at_range_end(seed, "high"))
        assert low.fees_by_tier["2"] / 5 == pytest.approx(12_000)
        assert high.fees_by_tier["2"] / 5 == pytest.approx(40_000)
        assert low.fees_by_tier["1"] == 0  # 200 learners on a platform already licensed

    def test_fully_loaded_at_base(self, seed):
        """At the base ($350, 7 weeks) the invoice is 70 x $350 x 7 = $171,500, and the decision counts more,
        every line x 1.1 for cost risk (methodology v3: the contingency is the cost risk, not a line):

        fees 171,500 x 1.1 = $188,650; coaching time 70 x 3 h x 7 weeks x $45.65 = $67,105.50 x 1.1 = $73,816.05;
        AI seats at $30 a month (12 / 52 a week) for 10 people per team from its start to week 104:
        3 teams from week 3 (102 weeks) and 4 from week 14 (91 weeks): 10 x 30 x 12 / 52 x (3 x 102 + 4 x 91)
        = $46,384.62 x 1.1; other costs 15,600 + 7,200 + 4,000 = $26,800 x 1.1 = $29,480.
        Tier 1 is baseline: its 200 x 0.85 x 6 h x $45.65 = $46,563 x 1.1 = $51,219.30 of learners' time is
        committed regardless, shown apart, not in the decision.
        """
        r = evaluate(seed)
        assert r.program_fees == pytest.approx(171_500)
        assert r.cost_by_line == {
            "fees": pytest.approx(188_650), "participant_time": pytest.approx(67_105.50 * 1.1),
            "ai_seats": pytest.approx(10 * 30 * 12 / 52 * (3 * 102 + 4 * 91) * 1.1),
            "other": pytest.approx(29_480)}
        assert r.total_cost == pytest.approx(sum(r.cost_by_line.values()))
        assert r.baseline["total_cost"] == pytest.approx(46_563 * 1.1)
        assert r.baseline["cost_by_line"]["participant_time"] == pytest.approx(51_219.30)
        assert r.program["total_cost"] == pytest.approx(r.total_cost + 51_219.30)

    def test_counterfactual_at_base(self, seed):
        """Each team would save 0.23 x 2.2 = 0.506 h a week a person anyway: 70 people x 0.506 x 52 =
        1,841.84 h a year not credited; with training 50 x 0.8 x 2 + 20 x 0.8 x 3 = 128 h a week, less
        70 x 0.506 = 35.42: 92.58 h a week x 52 = 4,814.16 h a year credited."""
        r = evaluate(seed)
        assert r.annual_hours_without_training == pytest.approx(1_841.84)
        assert r.annual_hours_saved == pytest.approx(4_814.16)


class TestSeedMarketingTeam:
    """MODEL.md "Presets": 8 people, 4 h cut to 15 minutes a week."""

    def test_hours_and_fte(self):
        """8 x (4 - 0.25) h = 8 x 3.75 = 30 h a week x 52 = 1,560 h a year; / 2,080 h = 0.75 FTE."""
        r = evaluate(presets.load_preset("seed-marketing-team"))
        assert r.annual_hours_saved == pytest.approx(1_560)
        assert r.fte_returned == pytest.approx(0.75)

    def test_fees(self):
        """8 x $350 x 6 weeks = $16,800 (the benchmark midpoint; the example names no price)."""
        assert evaluate(presets.load_preset("seed-marketing-team")).program_fees == pytest.approx(16_800)

    def test_fully_loaded_cost(self):
        """Fees $16,800; sessions 8 x 2 h x 6 weeks x $45.65 = $4,382.40; seats 8 x $30 x 12 / 52 x 104 weeks
        = $5,760; other costs $1,440; every line x 1.1 for cost risk: $18,480 + $4,820.64 + $6,336 + $1,584 =
        $31,220.64. The invoice stays $16,800 (before cost risk)."""
        r = evaluate(presets.load_preset("seed-marketing-team"))
        assert r.cost_by_line == {"fees": pytest.approx(18_480), "participant_time": pytest.approx(4_820.64),
                                  "ai_seats": pytest.approx(6_336), "other": pytest.approx(1_584)}
        assert r.total_cost == pytest.approx(31_220.64)
        assert r.program_fees == pytest.approx(16_800)
        assert r.annual_hours_without_training == 0.0  # the seed: without coaching the report still takes 4 h


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
    def test_is_version_4_and_its_older_files_still_load(self, path):
        """The shipped file is version 4; the version 1 and 2 texts of the preset as it shipped before
        methodology v2 load to one and the same scenario."""
        assert '"schema_version": 4,' in path.read_text(encoding="utf-8")
        v1, v2 = V1_FILES / path.name, V2_FILES / path.name
        assert '"schema_version": 1,' in v1.read_text(encoding="utf-8")
        assert '"schema_version": 2,' in v2.read_text(encoding="utf-8")
        assert load(v1) == load(v2)

    @pytest.mark.parametrize("path", PRESET_FILES, ids=lambda p: p.stem)
    def test_cfo_grade(self, path):
        """MODEL.md v2 and v3 "Presets": participants' time counted, AI seats where not licensed, program costs as
        other costs, recapture 0.5, benefit risk 0.10, cost risk 0.10 in place of a contingency line (v3: the
        invoice stays the quote because program_fees is before cost risk), literacy on an existing platform
        marked baseline, every team's counterfactual stated, and a description that says so."""
        s = load(path)
        assert s.finance.include_participant_time
        assert (s.finance.productivity_recapture, s.finance.benefit_risk_adjustment) == (0.5, 0.1)
        assert not s.ai_tools.already_licensed and s.ai_tools.seat_price_per_month == 30
        assert s.other_costs and all(c.amount > 0 and not c.baseline for c in s.other_costs)
        assert s.finance.cost_risk_adjustment == 0.1
        assert not any(c.name.lower().startswith("contingency") for c in s.other_costs)
        if s.literacy.enabled:
            assert s.literacy.already_licensed and s.literacy.baseline
            assert "baseline" in s.notes.lower()
        for word in ("capacity", "cash share", "2.2 hours" if any(c.without_training.hours_per_person
                                                                  for c in s.cohorts) else "4 hours"):
            assert word.lower() in s.notes.lower(), word

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

    def test_scenario_defaults_are_the_published_midpoints(self):
        """Each delivery model's default price is the midpoint of its published range, in its unit:
        platform (20 + 50) / 2 = $35 a seat a month; workshop (150 + 500) / 2 = $325 a person;
        coaching (200 + 500) / 2 = $350 a person a week; consulting (200,000 + 1,000,000) / 2 = $600,000 fixed.
        A new team (``Cohort()``) is coached at that price."""
        assert DELIVERY_DEFAULTS == {"platform": (35.0, "per_employee_per_month"),
                                     "workshop": (325.0, "per_employee"),
                                     "coaching": (350.0, "per_employee_per_week"),
                                     "consulting": (600_000.0, "fixed")}
        assert (Cohort().price, Cohort().price_unit) == (350.0, "per_employee_per_week")
        for bench in presets.price_benchmarks():
            assert bench.default_price == (bench.low + bench.high) / 2

    def test_price_benchmark_for_one_delivery(self):
        """The benchmark for a delivery, read from the CSV row: consulting is published at $200,000 to $1,000,000
        per engagement (fixed), so its default is the midpoint (200,000 + 1,000,000) / 2 = $600,000; a workshop
        $150-$500 a person, midpoint (150 + 500) / 2 = $325."""
        consulting = presets.price_benchmark("consulting")
        assert (consulting.low, consulting.default_price, consulting.high, consulting.unit) == (
            200_000, 600_000, 1_000_000, "fixed")
        workshop = presets.price_benchmark("workshop")
        assert (workshop.low, workshop.default_price, workshop.high, workshop.unit) == (150, 325, 500, "per_employee")
        assert [presets.price_benchmark(d) for d in DELIVERIES] == list(presets.price_benchmarks())

    def test_price_benchmark_unknown_delivery_names_the_known_ones(self):
        with pytest.raises(KeyError, match="'mentoring'.*platform, workshop, coaching, consulting"):
            presets.price_benchmark("mentoring")

    def test_coaching_read_per_week(self):
        """The guide prints coaching "per month" but its totals only add up per week (DOMAIN.md)."""
        coaching = next(b for b in presets.price_benchmarks() if b.delivery == "coaching")
        assert (coaching.low, coaching.high, coaching.unit) == (200, 500, "per_employee_per_week")
        assert "per week" in coaching.note
