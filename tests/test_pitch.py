"""The Pitch page's summary: hand-worked numbers for the seed presets."""

from pathlib import Path

import pytest

from calculator import evaluate, load, load_preset
from calculator.pitch import case_sentence, pitch_summary

# The marketing seed as shipped before methodology v2 (fees only, every hour valued in full): the
# hand-worked payback below is that arithmetic; the fully loaded preset is tested in test_presets.py.
V1_MARKETING = Path(__file__).resolve().parent / "data" / "schema_v2" / "seed-marketing-team.json"


class TestMarketingTeamPayback:
    def test_payback_months(self):
        """8 people x $350 x 6 weeks = $16,800, paid $2,800 a week in weeks 1-6.

        Full value a week: 8 x 3.75 h x $45.65 = $1,369.50; the ramp gives k/6 of it in week k, so
        weeks 1-6 earn $1,369.50 x (1+2+3+4+5+6)/6 = $4,793.25 and C6 = 4,793.25 - 16,800 = -12,006.75.
        From week 7 C grows $1,369.50 a week: 12,006.75 / 1,369.50 = 8.767 weeks more, so
        t = 6 + 8.767 = 14.767 weeks = 14.767 x 12 / 52 = 3.408 months.
        """
        result = evaluate(load(V1_MARKETING))
        assert result.payback_months == pytest.approx((6 + 12_006.75 / 1_369.5) * 12 / 52, rel=1e-12)

    def test_net_over_24_months(self):
        """104 weeks: benefit 4,793.25 + 98 x 1,369.50 = $139,004.25; net 139,004.25 - 16,800 = $122,204.25."""
        result = evaluate(load(V1_MARKETING))
        assert result.net_benefit == pytest.approx(122_204.25, abs=1e-6)
        assert result.roi_pct == pytest.approx(122_204.25 / 16_800 * 100, rel=1e-12)

    def test_sentence_states_those_numbers(self):
        sentence = case_sentence(evaluate(load(V1_MARKETING)))
        assert sentence == ("$16.8K for 1 coached team returns 1,560 hours a year (0.75 FTE) and pays back in "
                            "3.4 months; over 24 months it nets $122.2K (ROI 727%).")


def test_seed_fees_range_is_the_articles():
    """Ranges price [200, 500] and weeks [6, 8] on 7 teams of 10: fees 7 x 10 x 200 x 6 = $84,000 and
    7 x 10 x 500 x 8 = $280,000; the fully loaded cost range sits above them."""
    summary = pitch_summary(load_preset("seed-200-person-org"))
    assert (summary.fees_low, summary.fees_high) == (84_000.0, 280_000.0)
    assert summary.cost_low > summary.fees_low and summary.cost_high > summary.fees_high


def test_no_ranges_no_range():
    import dataclasses

    summary = pitch_summary(dataclasses.replace(load_preset("seed-200-person-org"), ranges=()))
    assert summary.cost_low is None and summary.cost_high is None


def test_sentence_when_it_does_not_pay_back():
    import dataclasses

    from calculator.editing import edit

    scenario = dataclasses.replace(load_preset("seed-marketing-team"), ranges=())
    scenario = edit(scenario, {"cohorts[0].hours_saved_per_person_per_week": 0.1})
    sentence = case_sentence(evaluate(scenario))
    assert "does not pay back within 24 months" in sentence
