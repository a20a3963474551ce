"""AppTest of the Program builder's findings from the CFO-meeting walk, with the calculator as the oracle.

Delivery assumptions: a new team and a team switched to another delivery take that model's own adoption, hours
and price (data/adoption_assumptions.csv, data/delivery_hours_assumptions.csv, data/price_benchmarks.csv);
the default preset's Marketing pilot is coached at 80%, 3.75 h a week and $350 a week.
"""

from __future__ import annotations

from app_support import open_builder
from shown import shown
from streamlit.testing.v1 import AppTest

from calculator import evaluate, load_preset, presets
from calculator.editing import change_delivery
from calculator.pitch import team_table

DEFAULT = load_preset(presets.DEFAULT_PRESET)


_builder = open_builder


def _toasts(at: AppTest) -> list[str]:
    return [shown(t.value) for t in at.toast]


def test_switching_a_team_to_the_platform_takes_the_platform_assumptions():
    """Marketing pilot to Self-paced platform: 10% adoption, min(3.75, 1) = 1 h a week, $35 a month (it kept
    3.75 h and 80%, and ranked first to fund). A toast says what moved; it now ranks last by NPV per $1."""
    at = _builder()
    at.selectbox(key="at_cohorts[0].delivery").set_value("platform").run()
    assert not at.exception
    held = at.session_state["scenario"]
    assert held == change_delivery(DEFAULT, 0, "platform").scenario
    team = held.cohorts[0]
    assert (team.adoption_rate, team.hours_saved_per_person_per_week, team.price) == (0.1, 1.0, 35.0)
    assert any("Marketing pilot now takes the self-paced platform assumptions: adoption 10% (was 80%)" in t
               for t in _toasts(at)), _toasts(at)
    assert [row["Team"] for row in team_table(evaluate(held))][-1] == "Marketing pilot"


def test_the_add_a_coaching_team_button_adds_a_team_at_coachings_assumptions_after_a_platform_switch():
    """With the first Tier 2 team on the platform, "Add a Tier 2 coaching team" copied it (a platform team at
    its figures). Now the new team is coached: 80% adoption, the plan's coaching figure (the Finance pilot's
    2.5 h), $350 a week; a toast names where it starts."""
    at = _builder()
    at.selectbox(key="at_cohorts[0].delivery").set_value("platform").run()
    next(b for b in at.button if b.label == "Add a Tier 2 coaching team").click().run()
    assert not at.exception
    team = at.session_state["scenario"].cohorts[-1]
    assert (team.delivery, team.adoption_rate, team.hours_saved_per_person_per_week, team.price) == (
        "coaching", 0.8, 2.5, 350.0)
    assert any("Team 3 starts at the team-embedded coaching assumptions: adoption 80%, 2.5 h a week saved per "
               "adopter, $350 per employee per week." in t for t in _toasts(at)), _toasts(at)


def test_an_hourly_cost_of_zero_is_applied_with_a_note_and_a_blank_is_refused_by_name():
    """The contract allows a $0 loaded hourly cost (0..10,000), so typing 0 is applied, but never silently: every
    saved hour is then worth $0, and a toast says so. A blank (None) is refused under the field, naming it."""
    at = _builder("Organization")
    at.number_input(key="at_organization.loaded_hourly_cost").set_value(None).run()
    assert at.session_state["scenario"] == DEFAULT
    assert any("Loaded hourly cost ($/h): must have a value (it was empty" in shown(e.value)
               and "[organization.loaded_hourly_cost]" in shown(e.value) for e in at.error), [e.value for e in at.error]
    at.number_input(key="at_organization.loaded_hourly_cost").set_value(0.0).run()
    assert at.session_state["scenario"].organization.loaded_hourly_cost == 0.0
    assert any("Loaded hourly cost is $0/h: every hour saved is worth $0" in t for t in _toasts(at)), _toasts(at)
