"""Lenses without double counting (issue 20 item 6): the TEI lens's cost risk replaces the scenario's, and each
lens's assumptions say what it replaced.

The hand-worked team of test_analysis.py: 10 people, $200 a week for 6 weeks ($12,000 of fees), 3 h a week of
sessions at $50 (10 x 3 x 6 x $50 = $9,000 of time), 12-month horizon, no discounting, recapture 1.
"""

from __future__ import annotations

import pytest

from calculator.analysis import lenses
from calculator.scenario import Cohort, Finance, Literacy, Organization, Scenario


def _plan(**finance) -> Scenario:
    team = Cohort(name="Ops", tier=2, team_size=10, price=200, price_unit="per_employee_per_week", engagement_weeks=6,
                  hours_saved_per_person_per_week=4, adoption_rate=1.0, participant_hours_per_week=3)
    return Scenario(organization=Organization(headcount=50, loaded_hourly_cost=50.0),
                    finance=Finance(**{"horizon_months": 12, "annual_discount_rate": 0.0, **finance}),
                    literacy=Literacy(enabled=False), cohorts=(team,))


@pytest.mark.parametrize("own", [0.0, 0.10, 0.25])
def test_tei_cost_risk_replaces_the_scenarios(own):
    """Whatever the scenario's own cost risk, TEI reads ($12,000 + $9,000) x 1.10 = $23,100, never
    x 1.10 x (1 + own) (a scenario carrying 10% would read $25,410)."""
    tei = lenses(_plan(cost_risk_adjustment=own), tei={"annual_discount_rate": 0.0})[1]
    assert tei.total_cost == pytest.approx(23_100)
    assert tei.parameters["cost_risk_adjustment"] == 0.10


def test_tei_assumptions_say_what_each_setting_replaced():
    tei = lenses(_plan(cost_risk_adjustment=0.25))[1]
    assert tei.assumptions[:6] == (
        "36 months in place of the scenario's 12",
        "recapture 50% in place of the scenario's 100%",
        "benefit risk 10% in place of the scenario's 0%",
        "cost risk 10% in place of the scenario's 25%, not on top of it",
        "participants' time counted in place of the scenario's not counted",
        "discounted at 10% a year in place of the scenario's 0%",
    )


def test_tei_says_as_entered_where_it_changes_nothing():
    tei = lenses(_plan(horizon_months=36, productivity_recapture=0.5))[1]
    assert "36 months (as entered)" in tei.assumptions and "recapture 50% (as entered)" in tei.assumptions


def test_phillips_keeps_the_cost_risk_and_says_what_it_replaced():
    """Phillips replaces recapture and benefit risk with attribution x confidence and keeps the scenario's cost
    risk: ($12,000 + $9,000) x 1.25 = $26,250 of cost."""
    phillips = lenses(_plan(cost_risk_adjustment=0.25, productivity_recapture=0.75, benefit_risk_adjustment=0.2))[2]
    assert phillips.total_cost == pytest.approx(26_250)
    words = "; ".join(phillips.assumptions)
    assert "0.4 in place of the scenario's recapture 75% and benefit risk 20%" in words
    assert "cost risk (25%) as entered" in words
    assert "14-month horizon in place of the scenario's 12 (long enough for every team's year)" in words
    assert phillips.assumptions[-1] == "ROI undiscounted, as Phillips"
