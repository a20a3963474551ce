"""AppTest of the Budget planner page, with the calculator's planner as the oracle."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from planner_cases import six_teams
from shown import shown
from streamlit.testing.v1 import AppTest

from calculator import Cohort, Literacy, Scenario, load, load_preset, planner, share
from calculator.formatting import money

APP = str(Path(__file__).resolve().parent.parent / "app.py")
# The seed as shipped before methodology v2 (fees only): its budgets of $2K-$172K buy teams; the fully
# loaded preset's fixed costs alone exceed $100K.
SEED = load(Path(__file__).resolve().parent / "data" / "schema_v2" / "seed-200-person-org.json")


def _budget_page(scenario: Scenario = SEED) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["s"] = share.encode(scenario)
    at.run()
    at.switch_page("views/budget.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _table(at: AppTest):
    return at.dataframe[0].value


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_opens_at_the_plans_cost_and_shows_the_optimum():
    """The seed plan costs 7 x 10 x $350 x 7 = $171,500: the page opens at that budget, the slider running to
    twice it, 2 x $171,500 = $343,000, rounded up to its $5,000 step: $345,000 (walk D4: a slider stopping at
    the plan's cost could not ask "what would $100K more buy?")."""
    at = _budget_page()
    assert at.slider(key="planner_budget").value == 171_500
    assert at.slider(key="planner_budget").max == 345_000
    assert at.session_state["planner_budget_input"] == 171_500
    plan = planner.optimize(SEED, 171_500)
    table = _table(at)
    assert list(table["Team"]) == [c.name for c in SEED.cohorts]
    assert list(table["Option chosen"]) == [o.option for o in plan.selected]
    assert list(table["Cash cost"]) == [money(o.cost, exact=True) for o in plan.selected]
    metrics = _metrics(at)
    assert metrics["Spent on teams"] == money(plan.team_cost)
    assert metrics["NPV of the teams chosen"] == money(plan.objective_value)
    assert any("sits below the frontier" in shown(m.value) for m in at.markdown)


def test_moving_the_budget_resolves():
    at = _budget_page()
    at.slider(key="planner_budget").set_value(50_000).run()
    assert not at.exception
    plan = planner.optimize(SEED, 50_000)
    assert list(_table(at)["Option chosen"]) == [o.option for o in plan.selected]
    assert at.session_state["planner_budget_input"] == 50_000
    marginal = planner.marginal_sentence(plan, SEED)
    assert any(marginal in shown(m.value) for m in at.markdown)


def test_exact_budget_input_drives_the_slider():
    at = _budget_page()
    at.text_input(key="planner_budget_text").set_value(str(33_333)).run()
    plan = planner.optimize(SEED, 33_333)
    assert list(_table(at)["Option chosen"]) == [o.option for o in plan.selected]
    assert _metrics(at)["Left unspent"] == money(plan.unspent)


def test_hours_objective():
    at = _budget_page()
    at.slider(key="planner_budget").set_value(20_000).run()
    at.button_group(key="planner_objective").set_value("hours").run()
    plan = planner.optimize(SEED, 20_000, "hours")
    table = _table(at)
    assert list(table["Option chosen"]) == [o.option for o in plan.selected]
    assert "Hours a year (capacity)" in table.columns
    assert _metrics(at)["Hours a year (capacity) of the teams chosen"] == planner.value_figure(
        plan.objective_value, "hours")


def test_force_in_and_out():
    """Without the seed's platform licence seats cost $565 a team, so $2,000 funds some teams and not others."""
    unlicensed = dataclasses.replace(SEED, literacy=dataclasses.replace(SEED.literacy, enabled=False,
                                                                        already_licensed=False))
    at = _budget_page(unlicensed)
    at.slider(key="planner_budget").set_value(2_000).run()
    free = planner.optimize(unlicensed, 2_000)
    skipped = [i for i, k in enumerate(free.choice) if not k]
    funded = [i for i, k in enumerate(free.choice) if k]
    at.multiselect(key="planner_force_in").set_value([skipped[0]]).run()
    at.multiselect(key="planner_force_out").set_value([funded[0]]).run()
    plan = planner.optimize(unlicensed, 2_000, force_in=[skipped[0]], force_out=[funded[0]])
    options = list(_table(at)["Option chosen"])
    assert options == [o.option for o in plan.selected]
    assert options[funded[0]] == "skip" and options[skipped[0]] != "skip"


def test_use_selection_replaces_the_scenario_and_undo_brings_it_back():
    at = _budget_page()
    at.slider(key="planner_budget").set_value(60_000).run()
    plan = planner.optimize(SEED, 60_000)
    at.button(key="planner_use").click().run()
    assert not at.exception
    assert at.session_state["scenario"] == planner.apply_plan(SEED, plan)
    # Undo (the sidebar button; AppTest draws only the page after switch_page) goes back to the history's last.
    assert at.session_state["scenario_history"][-1] == SEED


def test_infeasible_budget_is_explained_and_keeps_the_scenario():
    """Literacy not licensed: 200 x $35 = $7,000 fixed; a $5,000 budget cannot pay for it."""
    unlicensed = Scenario(name="Unlicensed", literacy=Literacy(enabled=True),
                          cohorts=(Cohort(name="A", hours_saved_per_person_per_week=2.0),))
    at = _budget_page(unlicensed)
    at.text_input(key="planner_budget_text").set_value(str(5_000)).run()
    assert not at.exception
    assert any("is below the fixed costs ($7,000" in shown(e.value) for e in at.error)
    assert at.session_state["scenario"] == unlicensed


def test_no_teams_says_so():
    at = _budget_page(Scenario(name="Literacy only"))
    assert any("no Tier 2 or Tier 3 teams" in i.value for i in at.info)


@pytest.mark.parametrize("preset", ["starter-300-person-pilots", "seed-marketing-team"])
def test_every_preset_draws(preset):
    at = _budget_page(load_preset(preset))
    assert not at.error and at.dataframe


def test_exports_page_offers_the_frontier_once_a_budget_is_set():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["s"] = share.encode(SEED)
    at.run()
    at.switch_page("views/exports.py").run()
    assert not any("Budget planner page" in c.value for c in at.caption)
    at.switch_page("views/budget.py").run()
    at.slider(key="planner_budget").set_value(90_000).run()
    assert at.session_state["budget_plan_settings"] == planner.BudgetSettings(90_000.0)
    at.switch_page("views/exports.py").run()
    assert not at.exception
    assert any("A budget of $90,000, maximising NPV is set" in c.value for c in at.caption)


def test_cash_npv_objective():
    """Maximising cash NPV on the fully loaded seed: the table adds each option's cash NPV and the card shows the
    planner's total."""
    seed = load_preset("seed-200-person-org")
    at = _budget_page(seed)
    at.text_input(key="planner_budget_text").set_value(str(300_000)).run()
    at.button_group(key="planner_objective").set_value("cash_npv").run()
    assert not at.exception
    plan = planner.optimize(seed, 300_000, "cash_npv")
    table = _table(at)
    assert list(table["Option chosen"]) == [o.option for o in plan.selected]
    assert list(table["Cash NPV"]) == [money(o.cash_npv, exact=True) for o in plan.selected]
    assert _metrics(at)["Cash NPV of the teams chosen"] == money(plan.objective_value, exact=True)


def test_left_unspent_card_and_plan_sentence_agree_on_opening():
    """Walk finding 2: six teams (the default preset plus four). The page opened at the plan's cost rounded to the
    slider's $5,000 step, so the card "Left unspent" and the sentence about the plan's cost ("leaves ... unspent")
    were two budgets' figures. It opens at the plan's own cash cost, $837,290.38 rounded up to the dollar: one
    budget, one number."""
    scenario = six_teams()
    at = _budget_page(scenario)
    teams, fixed = planner.team_options(scenario), planner.fixed_part(scenario)
    cost = planner.plan_budget(planner.planned(teams, fixed, "npv").total_cost)
    assert at.session_state["planner_budget_input"] == cost == 837_291
    sentence = next(shown(m.value) for m in at.markdown if "**Your plan.**" in m.value)
    unspent = re.search(r"leaves (\S+) unspent", sentence).group(1)
    assert _metrics(at)["Left unspent"] == unspent == money(planner.optimize(scenario, cost).unspent)


def test_default_scenario_at_100k_shows_both_npvs_and_what_the_budget_does_not_pay():
    """CFO meeting step 13 on the default scenario: $100K funds the marketing pilot as planned ($24,694.15 of cash,
    NPV +$13,339.37) and skips the finance pilot (NPV -$5,326.22). The cards show the planner's objective, the
    teams' NPV ($13.3K), beside the decision's NPV with that selection and its $10,824 of fixed costs ($2.7K); the
    table's cost is cash, the pilot's 8 x 3 h x 6 weeks x $45.65 x 1.1 = $7,230.96 of sessions beside it; a
    caption names what the budget does not pay: that time and the literacy tier's $76.8K of training time,
    committed regardless (baseline)."""
    scenario = load_preset("starter-300-person-pilots")
    at = _budget_page(scenario)
    at.text_input(key="planner_budget_text").set_value("100000").run()
    assert not at.exception
    plan = planner.optimize(scenario, 100_000)
    table = _table(at)
    assert list(table["Option chosen"]) == ["as planned", "skip"]
    assert list(table["Cash cost"]) == ["$24,694", "$0"]
    assert list(table["Participants' time"]) == ["$7,231", "$0"]
    metrics = _metrics(at)
    assert metrics["Spent on teams"] == "$24.7K" and metrics["Fixed costs"] == "$10.8K"
    assert metrics["NPV of the teams chosen"] == "$13.3K" == money(plan.objective_value)
    assert metrics["NPV with fixed costs"] == "$2.7K" == money(plan.program_npv)
    assert any(c.value == "Not paid from this budget: participants' time $7.2K (a cost in the NPV) and $76.8K "
                          "committed regardless (baseline)." for c in at.caption)
