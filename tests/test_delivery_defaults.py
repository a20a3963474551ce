"""A team's adoption, hours saved and price follow its delivery model's own assumptions.

The CFO-meeting walk: a newly added team of any delivery model started at 3.75 h a week and 80% adoption (a
copy of the first team, the top of the evidence), and a team switched to "Self-paced platform" kept 3.75 h,
so a platform team ranked first in "Which team to fund first" (ROI 338%). A team switched coaching ->
workshop kept its price range $200-$500 although the workshop benchmark is $150-$500.

The shipped assumptions (data/adoption_assumptions.csv, data/delivery_hours_assumptions.csv,
data/price_benchmarks.csv):

=========== ======== ============================ ====================================
delivery    adoption hours saved a week           price (published range)
=========== ======== ============================ ====================================
platform    10%      1 h at most (never > plan)   $35 per employee per month ($20-$50)
workshop    25%      1 h at most (never > plan)   $325 per employee ($150-$500)
coaching    80%      the team's own planned figure $350 per employee per week ($200-$500)
consulting  50%      the team's own planned figure $600,000 fixed ($200,000-$1,000,000)
=========== ======== ============================ ====================================

The default preset: Marketing pilot and Finance pilot, both Tier 2 coaching, 8 and 10 people, $350 per
employee per week, 3.75 h and 2.5 h a week, 80% adoption; shared ranges price [200, 500], hours [1.5, 4.5],
adoption [0.5, 1.0].
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import evaluate, load_preset, presets
from calculator.editing import add_team, change_delivery, edit_widening, new_team
from calculator.pitch import team_table
from calculator.scenario import DELIVERIES

DEFAULT = load_preset(presets.DEFAULT_PRESET)


def ranges(scenario) -> dict[str, tuple[float, float]]:
    return {p: (lo, hi) for p, lo, hi in scenario.ranges}


class TestNewTeam:
    def test_a_new_platform_team_takes_the_platform_assumptions(self):
        """Platform: 10% adoption, 1 h a week (the plan's first team saves 3.75 h, so min(3.75, 1) = 1),
        $35 per employee per month. It was 80% and 3.75 h, a copy of the Marketing pilot."""
        team = new_team(DEFAULT, 2, delivery="platform")
        assert (team.delivery, team.adoption_rate, team.hours_saved_per_person_per_week) == ("platform", 0.10, 1.0)
        assert (team.price, team.price_unit) == (35.0, "per_employee_per_month")

    def test_a_new_workshop_team_takes_the_workshop_assumptions(self):
        """Workshop: 25% adoption, 1 h a week, $325 per employee once."""
        team = new_team(DEFAULT, 2, delivery="workshop")
        assert (team.adoption_rate, team.hours_saved_per_person_per_week) == (0.25, 1.0)
        assert (team.price, team.price_unit) == (325.0, "per_employee")

    def test_a_new_coaching_team_takes_coachings_adoption_and_the_plans_hours(self):
        """Coaching: 80% adoption (the coaching assumption, not the copied team's own 60%); hours are 'the team's
        own planned figure': the plan's first coaching team of the tier, 3.75 h; its negotiated $350 a week."""
        own = edit_widening(DEFAULT, {"cohorts[0].adoption_rate": 0.6}).scenario
        team = new_team(own, 2)
        assert (team.delivery, team.adoption_rate, team.hours_saved_per_person_per_week) == ("coaching", 0.8, 3.75)
        assert (team.price, team.price_unit) == (350.0, "per_employee_per_week")

    def test_the_coaching_button_adds_coaching_even_after_a_platform_team(self):
        """'Add a Tier 2 coaching team' with the first Tier 2 team on the platform: the new team is coached
        (80%, the plan's coaching figure 2.5 h of the Finance pilot, $350 a week), not a platform copy."""
        first_on_platform = change_delivery(DEFAULT, 0, "platform").scenario
        team = new_team(first_on_platform, 2, delivery="coaching")
        assert (team.delivery, team.adoption_rate, team.hours_saved_per_person_per_week) == ("coaching", 0.8, 2.5)
        assert (team.price, team.price_unit) == (350.0, "per_employee_per_week")

    def test_adding_a_team_outside_a_range_widens_it_and_says_so(self):
        """A platform team's 10% adoption is under the shared [0.5, 1.0]: the range widens to [0.1, 1.0] (and the
        hours range [1.5, 4.5] to [1.0, 4.5]); the notes say so and name the new team's assumptions."""
        out = add_team(DEFAULT, 2, delivery="platform")
        assert out.scenario.cohorts[2].delivery == "platform"
        assert ranges(out.scenario)["cohorts[*].adoption_rate"] == (0.1, 1.0)
        assert ranges(out.scenario)["cohorts[*].hours_saved_per_person_per_week"] == (1.0, 4.5)
        assert out.notes[0] == ("Team 3 starts at the self-paced platform assumptions: adoption 10%, "
                                "1 h a week saved per adopter, $35 per employee per month.")
        assert any("Adoption range (every team) widened" in n for n in out.notes)


class TestSwitchingDelivery:
    def test_coaching_to_platform_moves_adoption_hours_and_price(self):
        """Marketing pilot at coaching's defaults (80%, its own 3.75 h, $350 a week) to platform: 10%,
        min(3.75, 1) = 1 h, $35 a month, and its price range the platform's published [20, 50] (the shared
        coaching range stays with the Finance pilot)."""
        out = change_delivery(DEFAULT, 0, "platform")
        team = out.scenario.cohorts[0]
        assert (team.adoption_rate, team.hours_saved_per_person_per_week) == (0.10, 1.0)
        assert (team.price, team.price_unit) == (35.0, "per_employee_per_month")
        assert ranges(out.scenario)["cohorts[0].price"] == (20.0, 50.0)
        assert ranges(out.scenario)["cohorts[1].price"] == (200.0, 500.0)
        assert ("Marketing pilot now takes the self-paced platform assumptions: adoption 10% (was 80%), "
                "1 h a week saved per adopter (was 3.75 h a week), $35 per employee per month.") in out.notes

    def test_a_platform_team_no_longer_ranks_first(self):
        """The walk's finding: a team added then switched to the platform ranked first by NPV per $1. At 10%
        adoption and 1 h a week, 8 people save 8 x 0.1 x 1 = 0.8 h a week: it ranks last."""
        added = add_team(DEFAULT, 2).scenario
        switched = change_delivery(added, 2, "platform").scenario
        assert switched.cohorts[2].hours_saved_per_person_per_week == 1.0
        assert [row["Team"] for row in team_table(evaluate(switched))][-1] == "Team 3"

    def test_coaching_to_workshop_takes_the_workshop_price_range(self):
        """Finance pilot to workshop: $325 per employee; its range was the shared coaching [200, 500], now the
        published workshop [150, 500] (the Marketing pilot keeps [200, 500])."""
        out = change_delivery(DEFAULT, 1, "workshop")
        assert ranges(out.scenario)["cohorts[1].price"] == (150.0, 500.0)
        assert ranges(out.scenario)["cohorts[0].price"] == (200.0, 500.0)
        assert "Price range (Finance pilot) is now the published workshop price range, $150–$500." in out.notes

    def test_the_users_own_adoption_is_kept_and_the_note_says_so(self):
        """Adoption set to 60% (not coaching's 80%) stays 60% on the platform; hours still move (3.75 -> 1)."""
        own = edit_widening(DEFAULT, {"cohorts[0].adoption_rate": 0.6}).scenario
        out = change_delivery(own, 0, "platform")
        assert out.scenario.cohorts[0].adoption_rate == 0.6
        assert out.scenario.cohorts[0].hours_saved_per_person_per_week == 1.0
        assert ("Adoption (Marketing pilot) kept at 60%: your own figure, not the team-embedded coaching "
                "assumption (80%). The self-paced platform assumption is 10%.") in out.notes

    def test_the_users_own_hours_are_kept_and_the_note_says_so(self):
        """A platform team set to 2 h a week (not the platform's 1 h) keeps 2 h as a workshop."""
        platform = change_delivery(DEFAULT, 0, "platform").scenario
        own = edit_widening(platform, {"cohorts[0].hours_saved_per_person_per_week": 2.0}).scenario
        out = change_delivery(own, 0, "workshop")
        assert out.scenario.cohorts[0].hours_saved_per_person_per_week == 2.0
        assert out.scenario.cohorts[0].adoption_rate == 0.25  # still at the platform's 10%: moves
        assert ("Hours saved (Marketing pilot) kept at 2 h a week: your own figure, not the self-paced platform "
                "assumption (1 h a week). The instructor-led workshop assumption is 1 h a week.") in out.notes

    def test_back_to_coaching_the_hours_stay_and_the_note_asks_for_the_teams_figure(self):
        """Platform (1 h) back to coaching: coaching credits the team's own figure, which the switch cannot know:
        1 h stays (conservative) and the note asks for the coached team's figure; adoption 10% -> 80%."""
        platform = change_delivery(DEFAULT, 0, "platform").scenario
        out = change_delivery(platform, 0, "coaching")
        assert out.scenario.cohorts[0].hours_saved_per_person_per_week == 1.0
        assert out.scenario.cohorts[0].adoption_rate == 0.8
        assert ("Hours saved (Marketing pilot) stay at 1 h a week: team-embedded coaching credits the team's own "
                "planned figure; set what this team expects.") in out.notes

    def test_a_price_already_in_the_new_models_unit_is_kept(self):
        """A coaching team priced $400 per employee once (the user's unit) switched to workshop (per employee):
        $400 stays, inside workshop's [150, 500]."""
        own = edit_widening(DEFAULT, {"cohorts[0].price_unit": "per_employee", "cohorts[0].price": 400.0}).scenario
        out = change_delivery(own, 0, "workshop")
        assert (out.scenario.cohorts[0].price, out.scenario.cohorts[0].price_unit) == (400.0, "per_employee")
        assert ("Price (Marketing pilot) kept at $400 per employee, once: your own price, already in the "
                "instructor-led workshop unit.") in out.notes

    def test_a_users_price_in_the_old_unit_is_replaced_and_the_note_says_so(self):
        """$300 per employee per week (the user's, in coaching's unit) means nothing for a $ fixed engagement:
        consulting's $600,000 fixed replaces it, and the note says what was replaced."""
        own = edit_widening(DEFAULT, {"cohorts[0].price": 300.0}).scenario
        out = change_delivery(own, 0, "consulting")
        assert out.scenario.cohorts[0].price == 600_000.0
        assert ("Price (Marketing pilot) is now the consulting-led benchmark, $600,000 fixed fee for the "
                "engagement: your $300 per employee per week was in another unit.") in out.notes


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(DELIVERIES), min_size=1, max_size=6))
def test_a_team_at_its_models_adoption_follows_every_switch(path):
    """Property: a team never edited by hand is, after any sequence of switches, at the last model's adoption
    assumption and never credited more hours than the plan's 3.75 (a switch never raises hours)."""
    s = DEFAULT
    for delivery in path:
        before = s.cohorts[0].hours_saved_per_person_per_week
        s = change_delivery(s, 0, delivery).scenario
        assert s.cohorts[0].hours_saved_per_person_per_week <= before
    assert s.cohorts[0].adoption_rate == presets.adoption_assumptions()[path[-1]].adoption_rate
    assert s.cohorts[0].price_unit == presets.price_benchmark(path[-1]).unit
    assert all(lo <= v <= hi for p, lo, hi in s.ranges if p == "cohorts[0].price" for v in [s.cohorts[0].price])


def test_a_delivery_typed_into_the_table_switches_the_team_as_the_form_does():
    """A delivery typed into the All teams table kept the team's $350 a week: a consulting team priced per
    person-week, outside consulting's published range. The table's switch is the form's switch
    (change_delivery): price $600,000 fixed, the price range split per team, the same notes; a price typed in
    the same edit still wins."""
    from calculator.editing import apply_table_edits

    by_table = apply_table_edits(DEFAULT, {0: {"delivery": "consulting"}}, [], [])
    by_form = change_delivery(DEFAULT, 0, "consulting")
    assert by_table.scenario == by_form.scenario
    assert by_table.scenario.cohorts[0].price == 600_000 and by_table.scenario.cohorts[0].price_unit == "fixed"
    assert set(by_form.notes) <= set(by_table.notes)
    typed = apply_table_edits(DEFAULT, {0: {"delivery": "consulting", "price": 250_000}}, [], []).scenario
    assert typed.cohorts[0].price == 250_000

