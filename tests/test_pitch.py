"""The Pitch page's summary: hand-worked numbers for the seed presets."""

from pathlib import Path

import pytest

from calculator import evaluate, load, load_preset
from calculator.editing import edit
from calculator.formatting import months
from calculator.pitch import case_sentence, headline_cards, pitch_summary, team_table

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
        assert sentence == ("This decision: $16.8K fully loaded ($16.8K in program fees) for 1 coached team adds "
                            "1,560 hours a year of capacity (0.75 FTE); of its $139.0K of value over 24 months, "
                            "$0 is cash and $139.0K is capacity (time, not money). On full value it pays back in "
                            "3.4 months; the cash alone does not pay back within 24 months.")

    def test_sentence_with_a_cash_share(self):
        """Cash share 0.5: half of the $139,004.25 is cash, $69.5K; cash weeks bring $684.75 a week at full ramp,
        so the cash alone pays back later than the full value, and the sentence says both."""
        scenario = edit(load(V1_MARKETING), {"cohorts[0].cash_share": 0.5})
        result = evaluate(scenario)
        assert result.cash_benefit == pytest.approx(139_004.25 / 2)
        sentence = case_sentence(result)
        assert "$69.5K is cash and $69.5K is capacity" in sentence
        assert f"the cash alone pays back in {months(result.cash_payback_months)}." in sentence
        assert result.cash_payback_months > result.payback_months


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
    assert summary.npv_pessimistic is None and summary.bracket_sentence is None


def test_bracket_is_pessimistic_to_optimistic_not_low_to_high():
    """Seed: the seed's reading pairs low prices with low benefits; the bracket takes each input's worse end, so
    the pessimistic NPV is below both the low and the high end's, the optimistic above both."""
    from calculator.model import at_end

    scenario = load_preset("seed-200-person-org")
    summary = pitch_summary(scenario)
    low, high = (evaluate(at_end(scenario, end)).npv for end in ("low", "high"))
    assert summary.npv_pessimistic < min(low, high) < max(low, high) < summary.npv_optimistic
    assert summary.npv_pessimistic == evaluate(at_end(scenario, "pessimistic")).npv


def test_npv_position_places_the_entered_npv_in_its_own_monte_carlo():
    """Marketing seed: hours 3.75 in a 1.5-4.5 range and adoption 100% at the top of 60-100%: an optimistic case,
    so its NPV sits high in its own draws. The percentile is the share of draws below it."""
    import numpy as np

    from calculator.analysis.uncertainty import simulate
    from calculator.pitch import npv_position

    scenario = load_preset("seed-marketing-team")
    position = npv_position(scenario, draws=2_000)
    npv = simulate(scenario, draws=2_000, seed=0).npv
    assert position.percentile == pytest.approx(100 * np.mean(npv < evaluate(scenario).npv))
    assert position.percentile > 60 and "optimistic reading" in position.sentence()
    assert npv_position(dataclasses_replace_ranges(scenario)) is None


def dataclasses_replace_ranges(scenario):
    import dataclasses

    return dataclasses.replace(scenario, ranges=())


def test_sentence_when_it_does_not_pay_back():
    import dataclasses

    from calculator.editing import edit

    scenario = dataclasses.replace(load_preset("seed-marketing-team"), ranges=())
    scenario = edit(scenario, {"cohorts[0].hours_saved_per_person_per_week": 0.1})
    sentence = case_sentence(evaluate(scenario))
    assert "does not pay back within 24 months" in sentence


class TestHeadlineCards:
    def test_cards_state_cost_capacity_both_paybacks_and_pv(self):
        """Marketing seed, fully loaded with 10% cost risk: fees 16,800 x 1.1 = 18,480; time 8 x 2 h x 6 weeks x
        $45.65 = 4,382.40 x 1.1 = 4,820.64; seats 8 x $30 x 12 / 52 x 104 weeks = 5,760 x 1.1 = 6,336; other 1,440
        x 1.1 = 1,584: $31,220.64, the invoice $16,800 before risk; 1,560 h of capacity; cash payback beyond the
        24-month horizon (no cash share); value payback and NPV from the model."""
        summary = pitch_summary(load_preset("seed-marketing-team"))
        r = summary.result
        cards = {c.label: c for c in headline_cards(summary)}
        assert r.total_cost == pytest.approx(31_220.64)
        assert cards["Decision cost, fully loaded"].value == "$31.2K"
        assert cards["Decision cost, fully loaded"].beneath.startswith("Program fees $16.8K")
        assert cards["Capacity added (hours a year)"].value == "1,560 h"
        assert "not savings" in cards["Capacity added (hours a year)"].help
        assert "not headcount" in cards["FTE capacity added"].help and "bank" in cards["FTE capacity added"].help
        assert cards["Cash payback"].value == "> 24 mo"
        assert cards["Value payback"].value == f"{r.payback_months:.1f} mo"
        assert cards["PV ROI over 24 months"].value == f"{r.roi_pv_pct:.0f}%"


def test_team_table_ranks_by_npv_per_dollar():
    """Starter: marketing NPV per dollar above finance's, so marketing is funded first."""
    result = evaluate(load_preset("starter-300-person-pilots"))
    per_dollar = {t.name: t.npv / t.cost for t in result.by_team}
    rows = team_table(result)
    assert [row["Team"] for row in rows] == sorted(per_dollar, key=per_dollar.get, reverse=True)
    assert rows[0]["NPV per $1"] == f"{max(per_dollar.values()):,.2f}"
