"""calculator.editing: the reader every widget uses, edits that widen ranges, and name rules."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import load_preset, presets
from calculator.editing import (
    add_cohort,
    apply_range_edits,
    apply_table_edits,
    change_delivery,
    duplicate_cohort,
    edit,
    edit_widening,
    new_team,
    remove_cohort,
    value_at,
)
from calculator.scenario import RANGEABLE, Cohort, Scenario, ScenarioError, parameter_values

DEFAULT = load_preset(presets.DEFAULT_PRESET)  # ranges: price [200, 500], hours [1.5, 4.5], adoption [0.5, 1]


def test_value_at_reads_every_kind_of_path():
    assert value_at(DEFAULT, "cohorts[1].name") == "Finance pilot"
    assert value_at(DEFAULT, "organization.headcount") == 300
    assert value_at(DEFAULT, "literacy.learners") is None  # unset: the whole headcount
    assert value_at(DEFAULT, "name") == DEFAULT.name


@pytest.mark.parametrize("path", ["cohorts[9].team_size", "finance.nope", "cohorts[x].price"])
def test_value_at_refuses_a_path_that_is_not_a_field(path):
    with pytest.raises(ScenarioError, match="not an editable field"):
        value_at(DEFAULT, path)


def test_half_adoption_is_kept_and_its_range_widened():
    """"What if only half adopt?" and lower: 0.3 is under the preset's [0.5, 1], so the range becomes [0.3, 1]."""
    out = edit_widening(DEFAULT, {"cohorts[0].adoption_rate": 0.3})
    assert out.scenario.cohorts[0].adoption_rate == 0.3
    assert ("cohorts[*].adoption_rate", 0.3, 1.0) in out.scenario.ranges
    assert out.notes == ("Adoption range (every team) widened from 50%–100% to 30%–100% to include the value "
                         "you set.",)
    assert out.widened == ("cohorts[*].adoption_rate",)


def test_a_move_inside_its_range_changes_no_range():
    out = edit_widening(DEFAULT, {"cohorts[0].adoption_rate": 0.6})
    assert out.scenario.ranges == DEFAULT.ranges and out.notes == ()


def test_widening_still_validates_the_value():
    with pytest.raises(ScenarioError, match=r"cohorts\[0\].adoption_rate: must be between 0 and 1, got 1.5"):
        edit_widening(DEFAULT, {"cohorts[0].adoption_rate": 1.5})


def test_consulting_switch_gives_the_team_the_consulting_price_range():
    """Consulting is $600,000 fixed, outside the preset's shared $200-$500 price range. Widening the shared
    range to $600,000 would price every coached person at up to $600,000 a week (an investment range in the
    $100Ms), so the shared range is split: the other team keeps [200, 500], the switched team takes the
    published consulting range [200,000, 1,000,000]."""
    out = change_delivery(DEFAULT, 0, "consulting")
    assert out.scenario.cohorts[0].price == 600_000.0
    assert dict((p, (lo, hi)) for p, lo, hi in out.scenario.ranges if "price" in p) == {
        "cohorts[0].price": (200_000.0, 1_000_000.0), "cohorts[1].price": (200.0, 500.0)}
    assert any("one range per team" in n for n in out.notes)


def test_a_delivery_switch_takes_the_new_models_price_range_even_inside_the_old_one():
    """The CFO-meeting walk: coaching -> workshop kept the price range $200-$500 because $325 lies inside it,
    but that range is about a price per employee per week; the workshop benchmark is $150-$500 per employee.
    The team takes workshop's range; the other team keeps the coaching one."""
    out = change_delivery(DEFAULT, 1, "workshop")
    price_ranges = {p: (lo, hi) for p, lo, hi in out.scenario.ranges if p.endswith(".price")}
    assert price_ranges == {"cohorts[0].price": (200.0, 500.0), "cohorts[1].price": (150.0, 500.0)}


def test_a_switch_that_keeps_the_users_price_keeps_a_range_that_holds_it():
    """$400 per employee once (the user's unit and price) to workshop: the price stays, so does [200, 500]."""
    own = edit_widening(DEFAULT, {"cohorts[1].price_unit": "per_employee", "cohorts[1].price": 400.0}).scenario
    out = change_delivery(own, 1, "workshop").scenario
    assert [r for r in out.ranges if r[0].endswith(".price")] == [("cohorts[*].price", 200.0, 500.0)]


def test_a_hand_typed_range_is_still_strict():
    with pytest.raises(ScenarioError, match="must lie within"):
        apply_range_edits(DEFAULT, {0: {"high": 300}}, [], [])  # the teams' price is $350


@pytest.mark.parametrize("name", ["", "   ", "\t"])
def test_names_may_not_be_blank(name):
    with pytest.raises(ScenarioError, match=r"cohorts\[0\].name: must not be empty"):
        edit(DEFAULT, {"cohorts[0].name": name})
    with pytest.raises(ScenarioError, match=r"^name: must not be empty"):
        edit(DEFAULT, {"name": name})


def test_names_are_trimmed_and_control_characters_still_refused():
    assert edit(DEFAULT, {"cohorts[1].name": "  Sales  "}).cohorts[1].name == "Sales"
    with pytest.raises(ScenarioError, match="control characters"):
        edit(DEFAULT, {"name": "Acme\x07"})


COHORT_FIELDS = [f for f in RANGEABLE["cohorts"] if f != "loaded_hourly_cost"]


@settings(max_examples=60, deadline=None)
@given(field=st.sampled_from(COHORT_FIELDS), team=st.integers(0, 1), fraction=st.floats(0, 1))
def test_any_valid_move_is_kept_and_every_range_holds_its_value(field, team, fraction):
    """Whatever valid value a control sets, the edit is kept and each range contains the scenario's values."""
    limits = {"team_size": (1, 200), "start_week": (1, 100), "engagement_weeks": (1, 52), "price": (0, 1e6),
              "participant_hours_per_week": (0, 40), "hours_saved_per_person_per_week": (0, 40),
              "adoption_rate": (0, 1), "cash_share": (0, 1)}
    low, high = limits[field]
    value = low + fraction * (high - low)
    if field in ("team_size", "start_week", "engagement_weeks"):
        value = int(round(value))
    out = edit_widening(DEFAULT, {f"cohorts[{team}].{field}": value}).scenario
    assert value_at(out, f"cohorts[{team}].{field}") == value
    for path, lo, hi in out.ranges:
        assert all(lo <= v <= hi for v in parameter_values(out, path)), path


class TestTeamNamesStayDistinct:
    """A walk accepted two teams called "Finance pilot (Tier 2)": the sensitivity chart (one bar per label),
    the per-team tables and the governance list tell teams apart only by name, so an edit may not make two."""

    TEAMS = Scenario(cohorts=(Cohort(name="Marketing pilot"), Cohort(name="Finance pilot")))

    def test_renaming_a_team_to_another_teams_name_is_refused_by_its_field(self):
        with pytest.raises(ScenarioError) as refused:
            edit(self.TEAMS, {"cohorts[0].name": "  finance PILOT "})
        assert refused.value.problems == [
            "cohorts[0].name: must differ from every other team's name; team 2 is already called 'Finance pilot'"]

    def test_a_table_edit_or_an_added_row_with_a_taken_name_is_refused(self):
        with pytest.raises(ScenarioError, match=r"cohorts\[1\]\.name: must differ"):
            apply_table_edits(self.TEAMS, {1: {"name": "Marketing pilot"}}, [], [])
        with pytest.raises(ScenarioError, match=r"cohorts\[2\]\.name: must differ"):
            apply_table_edits(self.TEAMS, {}, [{"name": "Finance pilot"}], [])

    def test_two_teams_may_swap_names_in_one_table_edit(self):
        out = apply_table_edits(self.TEAMS, {0: {"name": "Finance pilot"}, 1: {"name": "Marketing pilot"}}, [],
                                [], ).scenario
        assert [c.name for c in out.cohorts] == ["Finance pilot", "Marketing pilot"]

    def test_duplicating_twice_and_adding_after_a_removal_give_new_names(self):
        """Duplicate Finance pilot twice: "Finance pilot (copy)", then "Finance pilot (copy) 2". Three teams,
        remove the first, add one: "Team 3" would be taken by the name the add counts from, so "Team 3 2"."""
        twice = duplicate_cohort(duplicate_cohort(self.TEAMS, 1), 1)
        assert [c.name for c in twice.cohorts] == [
            "Marketing pilot", "Finance pilot", "Finance pilot (copy) 2", "Finance pilot (copy)"]
        teams = Scenario(cohorts=(Cohort(name="A"), Cohort(name="B"), Cohort(name="Team 3")))
        after = add_cohort(remove_cohort(teams, 0), new_team(remove_cohort(teams, 0)))
        assert [c.name for c in after.cohorts] == ["B", "Team 3", "Team 3 2"]


def test_a_blank_nullable_field_still_means_its_default():
    """A team's hourly cost override left empty is the organization's (null), as before."""
    assert edit(DEFAULT, {"cohorts[0].loaded_hourly_cost": None}).cohorts[0].loaded_hourly_cost is None
