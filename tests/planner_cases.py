"""Scenarios the planner tests share: the default preset edited to six teams, as the CFO-meeting walk built it."""

from __future__ import annotations

from calculator import DEFAULT_PRESET, Scenario, load_preset
from calculator.editing import add_cohort, change_delivery, edit, new_team

# (name, tier, delivery, team size, engagement weeks) added to the default preset's two coaching pilots.
ADDED_TEAMS = (("Sales enablement", 2, "workshop", 26, 2),
               ("Operations", 3, "consulting", 40, 12),
               ("Customer success", 2, "coaching", 12, 8),
               ("Support", 2, "platform", 5, 4))


def six_teams() -> Scenario:
    """The default preset plus four teams, each added as the Program builder adds one (a copy of the first
    Tier 2 team: 3 h a week of sessions, 3.75 h saved at 80% adoption, from week 3), switched to its
    delivery model (that model's benchmark price and unit) and resized."""
    scenario = load_preset(DEFAULT_PRESET)
    for name, tier, delivery, size, weeks in ADDED_TEAMS:
        scenario = add_cohort(scenario, new_team(scenario, tier, name))
        index = len(scenario.cohorts) - 1
        if delivery != scenario.cohorts[index].delivery:
            scenario = change_delivery(scenario, index, delivery).scenario
        scenario = edit(scenario, {f"cohorts[{index}].team_size": size,
                                   f"cohorts[{index}].engagement_weeks": weeks})
    return scenario
