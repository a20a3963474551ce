"""Scenarios that hit the export rules, shared by the export and workbook tests.

Each is built by hand so its numbers can be worked by hand: a case that never pays back, one that
spends nothing, one with every price unit and rule at once, and names a spreadsheet would run.
"""

from __future__ import annotations

from calculator import Cohort, Finance, Literacy, Organization, Scenario, load_preset

SEED = load_preset("seed-200-person-org")
EVIL_NAMES = ['=HYPERLINK("http://evil.example","click")', "+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


# --------------------------------------------------------------------------- scenarios that cover the rules
def never_pays_back() -> Scenario:
    """Coaching at $500 a week for 8 weeks and little time saved: still below zero after 12 months."""
    team = Cohort(name="Sales", team_size=10, price=500, engagement_weeks=8, hours_saved_per_person_per_week=0.5,
                  adoption_rate=0.5)
    return Scenario(name="Never pays back", literacy=Literacy(enabled=False), cohorts=(team,),
                    finance=Finance(horizon_months=12))


def spends_nothing() -> Scenario:
    """Nothing spent (licensed platform, a free team): ROI and BCR are n/a, payback immediate."""
    team = Cohort(name="Volunteers", price=0, hours_saved_per_person_per_week=1)
    return Scenario(name="Free", literacy=Literacy(already_licensed=True), cohorts=(team,))


def mixed_units() -> Scenario:
    """Every price unit, participant time, literacy licences, decay, risk, W = 48, a team past the horizon."""
    teams = (
        Cohort(name="Marketing", function="marketing", delivery="workshop", price=325, price_unit="per_employee",
               team_size=12, hours_saved_per_person_per_week=1.5, adoption_rate=0.25, participant_hours_per_week=4),
        Cohort(name="Finance", function="finance", tier=3, delivery="consulting", price=250_000, price_unit="fixed",
               engagement_weeks=10, start_week=5, team_size=15, hours_saved_per_person_per_week=4,
               loaded_hourly_cost=80.0),
        Cohort(name="Ops", function="operations", delivery="platform", price=40, price_unit="per_employee_per_month",
               engagement_weeks=9, team_size=20, hours_saved_per_person_per_week=1, adoption_rate=0.4),
        Cohort(name="Late team", start_week=500, team_size=5, price=350, hours_saved_per_person_per_week=2),
    )
    return Scenario(
        name="Mixed units", currency="EUR",
        organization=Organization(headcount=400, working_weeks_per_year=48, hours_per_fte_year=1880,
                                  loaded_hourly_cost=61.5),
        finance=Finance(horizon_months=30, annual_discount_rate=0.07, productivity_recapture=0.5,
                        benefit_risk_adjustment=0.2, include_participant_time=True, annual_benefit_decay=0.15),
        literacy=Literacy(learners=350, seat_price_per_month=30, access_months=2, hours_saved_per_person_per_week=0.5,
                          adoption_rate=0.1, start_week=2),
        cohorts=teams)
