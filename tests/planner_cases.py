"""Scenarios the planner tests share: the default preset edited to six teams, as the CFO-meeting walk built it."""

from __future__ import annotations

from calculator import DEFAULT_PRESET, Scenario, load_preset
from calculator.editing import add_team, edit_widening

# (name, tier, delivery, team size, engagement weeks) added to the default preset's two coaching pilots.
ADDED_TEAMS = (("Sales enablement", 2, "workshop", 26, 2),
               ("Operations", 3, "consulting", 40, 12),
               ("Customer success", 2, "coaching", 12, 8),
               ("Support", 2, "platform", 5, 4))


def six_teams() -> Scenario:
    """The default preset plus four teams, each added as the Program builder's "Add a team" adds one on its
    delivery model (that model's price and unit) and resized. Each states the plan of the walk's teams (the
    builder then copied the first Tier 2 team's): 3 h a week of sessions from week 3, 3.75 h saved a week per
    adopter at 80% adoption, so the figures in the tests do not move with the builder's starting assumptions."""
    scenario = load_preset(DEFAULT_PRESET)
    for name, tier, delivery, size, weeks in ADDED_TEAMS:
        scenario = add_team(scenario, tier, name, delivery).scenario
        index = len(scenario.cohorts) - 1
        scenario = edit_widening(scenario, {
            f"cohorts[{index}].team_size": size, f"cohorts[{index}].engagement_weeks": weeks,
            f"cohorts[{index}].start_week": 3, f"cohorts[{index}].participant_hours_per_week": 3.0,
            f"cohorts[{index}].hours_saved_per_person_per_week": 3.75, f"cohorts[{index}].adoption_rate": 0.8}).scenario
    return scenario
