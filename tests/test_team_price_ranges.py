"""Once price ranges are per team, every new team (and a team switched to another delivery) gets one.

The acceptance tester, from the default scenario on the Program builder: "Add a Tier 3 department", set it to
Consulting-led (the shared price range split into cohorts[0..1].price [200, 500] and cohorts[2].price
[200,000, 1,000,000]); then another Tier 3 department, set to Team-embedded coaching: it had no
cohorts[3].price range, so its price dropped out of the investment range, the tornado and the Monte Carlo.

Published ranges (data/price_benchmarks.csv): coaching [200, 500] per employee a week, workshop [150, 500]
per employee, consulting [200,000, 1,000,000] fixed.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import load_preset
from calculator.editing import (
    add_cohort,
    add_team,
    apply_table_edits,
    change_delivery,
    duplicate_cohort,
    edit_widening,
    new_team,
    remove_cohort,
)
from calculator.scenario import DELIVERIES, Scenario, parse_path

DEFAULT = load_preset("starter-300-person-pilots")


def price_ranges(scenario: Scenario) -> dict[str, tuple[float, float]]:
    return {p: (lo, hi) for p, lo, hi in scenario.ranges if p.endswith(".price")}


def add_department(scenario: Scenario) -> Scenario:
    """What the Program builder's "Add a Tier 3 department" button does."""
    return add_cohort(scenario, new_team(scenario, 3, f"Department {len(scenario.cohorts) + 1}"))


@pytest.fixture()
def per_team() -> Scenario:
    """The tester's first steps: a Tier 3 department (a copy of the first team, coaching at $350) switched to
    consulting ($600,000 fixed): the shared [200, 500] splits into one range per team."""
    out = change_delivery(add_department(DEFAULT), 2, "consulting").scenario
    assert price_ranges(out) == {"cohorts[0].price": (200, 500), "cohorts[1].price": (200, 500),
                                 "cohorts[2].price": (200_000, 1_000_000)}
    return out


class TestNewTeamsGetAPriceRange:
    def test_the_testers_second_department_gets_consultings_range_then_coachings(self, per_team):
        """The second department copies the first Tier 3 team: consulting at $600,000, inside consulting's
        [200,000, 1,000,000]. Switched to coaching ($350) it takes coaching's [200, 500]."""
        added = add_department(per_team)
        assert added.cohorts[3].delivery == "consulting" and added.cohorts[3].price == 600_000
        assert price_ranges(added)["cohorts[3].price"] == (200_000, 1_000_000)
        switched = change_delivery(added, 3, "coaching")
        assert "Price range (Department 4) is now the published coaching price range, $200–$500." in switched.notes
        coached = switched.scenario
        assert coached.cohorts[3].price == 350
        assert price_ranges(coached)["cohorts[3].price"] == (200, 500)
        assert price_ranges(coached)["cohorts[2].price"] == (200_000, 1_000_000)  # the others keep theirs

    def test_a_team_without_a_range_switched_to_another_delivery_gets_one(self, per_team):
        """A team left without a price range by an older version (cohorts[3] with none) gets one on a switch:
        workshop at $325 per employee, inside workshop's [150, 500]."""
        bare = add_department(per_team)
        bare = Scenario(**{**bare.__dict__, "ranges": tuple(r for r in bare.ranges if r[0] != "cohorts[3].price")})
        out = change_delivery(bare, 3, "workshop")
        assert price_ranges(out.scenario)["cohorts[3].price"] == (150, 500)
        assert (f"Price range ({bare.cohorts[3].name}) is now the published workshop price range, $150–$500."
                in out.notes)
        assert "cohorts[3].price" in out.widened

    def test_the_published_range_is_widened_to_hold_the_teams_price(self, per_team):
        """A consulting team priced at $1,500,000 (its range widened to [200,000, 1,500,000] by the edit):
        the department added after it copies that price, and consulting's [200,000, 1,000,000] is widened
        to [200,000, 1,500,000] to hold it."""
        dear = edit_widening(per_team, {"cohorts[2].price": 1_500_000}).scenario
        added = add_department(dear)
        assert added.cohorts[3].price == 1_500_000
        assert price_ranges(added)["cohorts[3].price"] == (200_000, 1_500_000)

    def test_the_note_reads_a_million_as_a_person_would(self):
        """The toast read 'consulting price range [200000, 1e+06]'."""
        out = change_delivery(DEFAULT, 0, "consulting")
        assert "Price range (Marketing pilot) is now the published consulting price range, $200,000–$1,000,000." \
            in out.notes

    def test_a_switch_in_per_team_mode_takes_the_new_deliverys_range(self, per_team):
        """Coaching [200, 500] per week to workshop: $325 per employee, one-off. The team takes workshop's
        [150, 500]; its old range was about another price."""
        out = change_delivery(per_team, 0, "workshop").scenario
        assert price_ranges(out)["cohorts[0].price"] == (150, 500)
        assert price_ranges(out)["cohorts[1].price"] == (200, 500)

    def test_a_duplicate_gets_its_deliverys_range(self, per_team):
        """Duplicating the consulting department: the copy (cohorts[3]) gets consulting's range."""
        out = duplicate_cohort(per_team, 2)
        assert price_ranges(out) == {"cohorts[0].price": (200, 500), "cohorts[1].price": (200, 500),
                                     "cohorts[2].price": (200_000, 1_000_000),
                                     "cohorts[3].price": (200_000, 1_000_000)}

    def test_a_row_added_in_the_table_gets_the_range_of_the_delivery_typed_in(self, per_team):
        """A row typed as a workshop at $400: workshop's [150, 500] holds it."""
        out = apply_table_edits(per_team, {}, [{"name": "Sales", "tier": 2, "delivery": "workshop",
                                                "price_unit": "per_employee", "price": 400}], []).scenario
        assert out.cohorts[3].price == 400
        assert price_ranges(out)["cohorts[3].price"] == (150, 500)

    def test_a_team_added_at_another_price_splits_the_shared_range_never_widens_it(self):
        """Found by the planner helper: adding a consulting team ($600,000 fixed) by the builder's add or a table
        row widened the shared cohorts[*].price range from $200-$500 to $200-$600,000, so the Monte Carlo drew
        each coached person's weekly price up to $600,000. A price the shared range cannot hold splits it per
        team: the coached teams keep [200, 500], the consulting team gets consulting's [200,000, 1,000,000];
        a platform team ($35 a month) gets the platform's published [20, 50]."""
        for out in (add_team(DEFAULT, 3, "Ops", delivery="consulting").scenario,
                    apply_table_edits(DEFAULT, {}, [{"name": "Ops", "tier": 3, "delivery": "consulting"}],
                                      []).scenario):
            assert price_ranges(out) == {"cohorts[0].price": (200, 500), "cohorts[1].price": (200, 500),
                                         "cohorts[2].price": (200_000, 1_000_000)}
        platform = add_team(DEFAULT, 2, "Finance analysts", delivery="platform").scenario
        assert price_ranges(platform)["cohorts[2].price"] == (20, 50)
        assert price_ranges(platform)["cohorts[0].price"] == (200, 500)

    def test_a_shared_range_stays_shared(self):
        """With cohorts[*].price, a new coaching team at $350 is inside [200, 500]: no per-team range appears."""
        out = add_department(DEFAULT)
        assert price_ranges(out) == {"cohorts[*].price": (200, 500)}

    def test_no_price_ranges_stay_none(self):
        bare = Scenario(cohorts=DEFAULT.cohorts)
        assert price_ranges(change_delivery(add_department(bare), 2, "consulting").scenario) == {}


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["add2", "add3", "switch", "duplicate", "remove"]),
                          st.integers(0, 10), st.sampled_from(DELIVERIES)), max_size=8))
def test_once_per_team_every_teams_price_has_a_range(steps):
    """Property: after the split, any sequence of adds, switches, duplicates and removals leaves every team's
    price inside a range of its own, so no team drops out of the investment range."""
    s = change_delivery(add_department(DEFAULT), 2, "consulting").scenario
    for step, index, delivery in steps:
        i = index % len(s.cohorts) if s.cohorts else 0
        if step == "add2":
            s = add_cohort(s, new_team(s, 2))
        elif step == "add3":
            s = add_department(s)
        elif step == "switch" and s.cohorts:
            s = change_delivery(s, i, delivery).scenario
        elif step == "duplicate" and s.cohorts:
            s = duplicate_cohort(s, i)
        elif step == "remove" and len(s.cohorts) > 1:
            s = remove_cohort(s, i)
    ranges = price_ranges(s)
    assert "cohorts[*].price" not in ranges
    for i, cohort in enumerate(s.cohorts):
        low, high = ranges[f"cohorts[{i}].price"]
        assert low <= cohort.price <= high
    assert all(parse_path(p).index < len(s.cohorts) for p in ranges)
