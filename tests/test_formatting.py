"""The one rounding and formatting helper: the same number reads the same everywhere.

Issue 10 item 7 (a break-even sentence said 25% where the table under it said 24%, a
metric said 100% above a chart that said 99.9%), issue 9 item 2 (round-half-up copied
in four modules) and issue 11's cosmetic "-$0", "-0%", "-0 h".
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculator import formatting as fmt

ROOT = Path(__file__).resolve().parent.parent


class TestRoundHalfUp:
    @pytest.mark.parametrize(("value", "digits", "expected"), [
        (2.5, 0, 3),        # Python's round(2.5) is 2 (halves to even); a reader expects 3
        (3.5, 0, 4),
        (2.49, 0, 2),
        (-2.5, 0, -2),      # halves go towards +inf, as floor(x + 0.5) did in the model
        (0.125, 2, 0.13),   # round(0.125, 2) is 0.12
        (2.675, 2, 2.68),   # stored as 2.67499..., rounded as written
        (12.25, 1, 12.3),
    ])
    def test_hand_worked(self, value, digits, expected):
        assert fmt.round_half_up(value, digits) == expected

    def test_whole_numbers_are_ints(self):
        assert isinstance(fmt.round_half_up(7.5), int)

    def test_arrays_round_like_scalars(self):
        values = np.array([0.5, 1.5, 2.5, 7.49, 7.5, 12.0])
        assert list(fmt.round_half_up(values)) == [fmt.round_half_up(v) for v in values] == [1, 2, 3, 7, 8, 12]

    @given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
    def test_within_half_a_unit(self, x):
        assert abs(fmt.round_half_up(x) - x) <= 0.5 + 1e-9

    def test_one_home(self):
        """No module but formatting.py rounds halves up by hand (floor(x + 0.5), a private copy)."""
        copies = []
        for path in (ROOT / "calculator").rglob("*.py"):
            if path.name == "formatting.py":
                continue
            text = path.read_text()
            if re.search(r"floor\([^\n]*\+ 0\.5\)|def _?round_half_up", text):
                copies.append(str(path.relative_to(ROOT)))
        assert copies == []


class TestNoNegativeZero:
    """A value that rounds to zero prints without a sign: "-$0" reads as a loss that is not there."""

    @pytest.mark.parametrize(("shown", "expected"), [
        (lambda: fmt.money(-0.4), "$0"),
        (lambda: fmt.money(-0.4, exact=True), "$0"),
        (lambda: fmt.money(-0.0), "$0"),
        (lambda: fmt.percent(-0.3), "0%"),
        (lambda: fmt.hours(-0.3), "0 h"),
        (lambda: fmt.fte(-0.001), "0.00 FTE"),
    ])
    def test_rounds_to_unsigned_zero(self, shown, expected):
        assert shown() == expected

    @given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
    def test_never_minus_zero(self, x):
        for text in (fmt.money(x), fmt.money(x, exact=True), fmt.percent(x), fmt.hours(x), fmt.fte(x)):
            assert not re.match(r"^-\D*0(\.0+)?\D*$", text), text


class TestHalvesUpEverywhere:
    @pytest.mark.parametrize(("shown", "expected"), [
        (lambda: fmt.percent(24.5), "25%"),            # f"{24.5:.0f}" is "24"
        (lambda: fmt.hours(2.5), "3 h"),
        (lambda: fmt.money(12_250), "$12.3K"),         # 12.25K: f"{12.25:.1f}" is "12.2"
        (lambda: fmt.money(-12_250), "-$12.3K"),       # the magnitude is rounded: signs mirror
        (lambda: fmt.money(2_500.5, exact=True), "$2,501"),
        (lambda: fmt.months(6.25), "6.3 months"),
        (lambda: fmt.fte(1.125), "1.13 FTE"),
    ])
    def test_hand_worked(self, shown, expected):
        assert shown() == expected


class TestCompactMoneyOneDecimal:
    """The one rule for compact money: from $1,000 up, one decimal with its letter, always ($14.0K, not $14K),
    so amounts side by side in a legend or a line read alike; under $1,000 whole units ($950)."""

    @pytest.mark.parametrize(("value", "expected"), [
        (14_000, "$14.0K"),        # the cost chart read "$14K" beside "$41.6K"
        (13_981.85, "$14.0K"),     # the default preset's AI seats: 13.98K -> 14.0K
        (-76_000, "-$76.0K"),      # the Monte Carlo read "P10 -$76K" beside "P50 $19.8K"
        (84_000, "$84.0K"),
        (280_000, "$280.0K"),
        (1_000_000, "$1.0M"),
        (1_234_567, "$1.2M"),
        (2_000_000_000, "$2.0B"),
        (999.6, "$1.0K"),          # rounds to 1,000 units: a unit up
        (999_960, "$1.0M"),        # 999.96K rounds to 1,000.0K: a unit up
        (999_940, "$999.9K"),
        (950, "$950"),
        (0, "$0"),
    ])
    def test_hand_worked(self, value, expected):
        assert fmt.money(value) == expected

    @given(st.floats(min_value=-1e13, max_value=1e13, allow_nan=False))
    def test_every_compact_amount_has_one_decimal_or_none_under_a_thousand(self, value):
        text = fmt.money(value)
        assert re.fullmatch(r"-?\$(\d{1,3}\.\d[KMB]|\d{1,3}|\d{1,3}(,\d{3})*\.\d[B])", text), text

    def test_the_cost_legend_reads_alike(self):
        """The default preset's cost legend: $41.6K fees with the 10% cost risk (invoice $37.8K), $19.1K
        participants' time (the pilots' sessions: literacy's is baseline, shown apart), $14.0K seats, $10.8K other."""
        from calculator import evaluate, load_preset
        from calculator.charts.pitch import cost_rows

        legend = [row["legend"] for row in cost_rows(evaluate(load_preset("starter-300-person-pilots")))]
        assert legend == ["Program fees +10% cost risk: $41.6K", "Participants' time: $19.1K",
                          "AI tool seats: $14.0K", "Other program costs: $10.8K"]


class TestShares:
    def test_fraction_as_percent(self):
        """Adoption 0.5 reads 50%, not 0.5."""
        assert fmt.share(0.5) == "50%"
        assert fmt.share(0.125, 1) == "12.5%"

    @pytest.mark.parametrize(("p", "expected"), [
        (0.9999, "99.9%"),   # 9,999 of 10,000 draws: not certain, so not "100%"
        (0.0001, "0.1%"),
        (1.0, "100%"), (0.0, "0%"), (0.873, "87.3%"),
    ])
    def test_probability(self, p, expected):
        assert fmt.probability(p) == expected

    @pytest.mark.parametrize(("m", "up", "expected"), [
        (0.24115852945852218, True, "25% of plan"),    # the seed's break-even: 24.1% rounds up to the safe side
        (4.146649932910691, False, "4.1 times plan"),  # the price may rise to at most 4.14 times
        (0.9996, True, "100.0% of plan"),
        (1.0, True, "100% of plan"),
    ])
    def test_share_of_plan(self, m, up, expected):
        assert fmt.share_of_plan(m, up) == expected

    def test_labels(self):
        assert fmt.price_unit_label("per_employee_per_week") == "per employee per week"
        assert fmt.delivery_label("coaching") == "Team-embedded coaching"


def test_fraction_fields_are_the_scenarios_zero_to_one_inputs():
    """Every input the scenario bounds to [0, 1] reads as a percentage, and only those."""
    import dataclasses

    from calculator.scenario import Actuals, Cohort, Finance, Literacy, Organization

    bounded = {f.name for cls in (Organization, Finance, Literacy, Cohort, Actuals) for f in dataclasses.fields(cls)
               if f.metadata.get("kind") == "float" and (f.metadata["low"], f.metadata["high"]) == (0, 1)}
    assert bounded == fmt.FRACTION_FIELDS


@pytest.mark.parametrize(("path", "value", "expected"), [
    ("cohorts[*].adoption_rate", 0.5, "50%"),          # the sensitivity table showed 0.5
    ("finance.productivity_recapture", 0.125, "12.5%"),
    ("cohorts[*].price", 200.0, "$200"),
    ("organization.loaded_hourly_cost", 36.52, "$36.52"),
    ("cohorts[*].hours_saved_per_person_per_week", 4.5, "4.5 h a week"),
    ("cohorts[*].engagement_weeks", 7, "7 weeks"),
    ("organization.headcount", 300, "300 people"),
    ("cohorts[*].engagement_weeks", 1, "1 week"),
    ("cohorts[0].price", 1_000_000.0, "$1,000,000"),   # the uncertainty table showed 1e+06
])
def test_input_values_read_in_their_units(path, value, expected):
    assert fmt.input_value(path, value) == expected
