"""Issue 22 ("The room, not the lab") in AppTest: what embarrassed the presenter in the meeting walk.

Each test reproduces one reported defect (it failed on main before its fix).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import open_builder
from shown import shown
from streamlit.testing.v1 import AppTest

from calculator import editing, load_preset, presets

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
DEFAULT = load_preset(presets.DEFAULT_PRESET)
SIZE = "at_cohorts[0].team_size"
WEEKS = "at_cohorts[0].engagement_weeks"


def _app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60).run()


@pytest.fixture()
def clock(monkeypatch):
    """The clock undo reads, moved by hand: AppTest runs are seconds apart or milliseconds apart by load."""
    from ui import state

    now = [1000.0]
    monkeypatch.setattr(state, "_now", lambda: now[0], raising=False)
    return now


# ----------------------------------------------------------------------------- item 10
class TestUndoSteps:
    def test_moves_of_one_slider_within_a_second_are_one_undo_step(self, clock):
        """Item 10: three ticks of Team size (10 -> 11 -> 12 -> 13), 0.3 s apart, then Undo: the team is back at 10.

        Undo stepped back one tick at a time (13 -> 12), so a presenter who dragged a slider had to click Undo
        once for every person added.
        """
        start = DEFAULT.cohorts[0].team_size
        at = _app()
        for tick in (1, 2, 3):
            clock[0] += 0.3
            at.slider(SIZE).set_value(start + tick).run()
        assert at.session_state["scenario"].cohorts[0].team_size == start + 3
        at.button("undo").click().run()
        assert at.session_state["scenario"] == DEFAULT
        assert at.slider(SIZE).value == start
        assert not at.exception

    def test_a_pause_or_another_control_starts_a_new_step(self, clock):
        """Size 10 -> 11 -> 12 (0.5 s apart), 2 s pause, 12 -> 13; then Weeks +1 at once.

        Undo 1 takes back Weeks only, undo 2 the move after the pause (size 12), undo 3 the first two ticks (10).
        """
        start = DEFAULT.cohorts[0].team_size
        weeks = DEFAULT.cohorts[0].engagement_weeks
        at = _app()
        for tick in (1, 2):
            clock[0] += 0.5
            at.slider(SIZE).set_value(start + tick).run()
        clock[0] += 2.0
        at.slider(SIZE).set_value(start + 3).run()
        clock[0] += 0.2
        at.slider(WEEKS).set_value(weeks + 1).run()
        expected = [editing.edit(DEFAULT, {"cohorts[0].team_size": start + 3}),
                    editing.edit(DEFAULT, {"cohorts[0].team_size": start + 2}),
                    DEFAULT]
        for want in expected:
            at.button("undo").click().run()
            assert at.session_state["scenario"] == want
        assert not at.exception

    def test_a_move_after_an_undo_is_a_step_of_its_own(self, clock):
        """Size +1, Undo, then size +1 within the second: undo brings back the default, not a scenario before it."""
        start = DEFAULT.cohorts[0].team_size
        at = _app()
        clock[0] += 0.1
        at.slider(SIZE).set_value(start + 1).run()
        at.button("undo").click().run()
        clock[0] += 0.1
        at.slider(SIZE).set_value(start + 2).run()
        at.button("undo").click().run()
        assert at.session_state["scenario"] == DEFAULT


# ----------------------------------------------------------------------------- item 5
class TestOneMessagePerChange:
    def test_a_delivery_change_is_one_message_saying_what_changed(self):
        """Item 5: Marketing pilot coaching -> workshop stacked five toasts over the NPV and payback cards (the
        assumptions, the shared price range split, the published price range, hours widened, adoption widened).

        One toast now: the assumptions moved (adoption 25%, 1 h a week, $325 once), then the ranges in one sentence:
        hours saved 1–4.5 h a week (was 1.5–4.5: the 1 h the workshop credits), adoption 25%–100% (was 50%–100%),
        the team's own price range $150–$500 (the published workshop range; every team shared $200–$500).
        """
        at = open_builder()
        at.selectbox(key="at_cohorts[0].delivery").set_value("workshop").run()
        assert not at.exception
        toasts = [shown(t.value) for t in at.toast]
        assert len(toasts) == 1, toasts
        (message,) = toasts
        assert message.startswith("Marketing pilot now takes the instructor-led workshop assumptions: adoption 25% "
                                  "(was 80%)"), message
        assert ("Uncertainty ranges moved with it: Hours saved per person per week range (every team) 1–4.5 h a "
                "week (was 1.5–4.5 h a week); Adoption range (every team) 25%–100% (was 50%–100%); Price range "
                "(Marketing pilot) $150–$500, the published workshop range (every team shared $200–$500; each now "
                "has its own).") in message, message

    def test_a_slider_that_widens_one_range_keeps_its_one_sentence(self):
        """Adoption 40% under the shared 50%–100% range: one toast, the widening sentence as it was."""
        at = AppTest.from_file(APP, default_timeout=60).run()
        at.slider("at_cohorts[0].adoption_rate").set_value(40.0).run()
        assert [shown(t.value) for t in at.toast] == [
            "Adoption range (every team) widened from 50%–100% to 40%–100% to include the value you set."]


# ----------------------------------------------------------------------------- item 1
HEADCOUNT = "at_organization.headcount"


def _organization() -> AppTest:
    return open_builder("Organization")


def _refusal(at: AppTest) -> str:
    return " ".join(shown(e.value) for e in at.error)


class TestTypedNumbers:
    def test_1e9_in_headcount_is_a_billion_and_refused_by_name(self):
        """Item 1: "1e9" typed into Headcount became 1 without a word (the NPV flipped from -$66.4K to +$9.5K).
        It is read as 1,000,000,000 and refused by the field's bound (10,000,000), naming Headcount."""
        at = _organization()
        at.text_input(key=HEADCOUNT).set_value("1e9").run()
        assert at.session_state["scenario"] == DEFAULT
        assert "Headcount: must be ≤ 10000000, got 1000000000" in _refusal(at), _refusal(at)
        assert at.text_input(key=HEADCOUNT).value == f"{DEFAULT.organization.headcount:,}"

    @pytest.mark.parametrize(("typed", "meant"), [("1.2k", 1_200), ("1,200", 1_200), ("450", 450)])
    def test_a_typed_headcount_is_read_as_meant(self, typed, meant):
        at = _organization()
        at.text_input(key=HEADCOUNT).set_value(typed).run()
        assert not at.error, _refusal(at)
        assert at.session_state["scenario"].organization.headcount == meant

    @pytest.mark.parametrize(("typed", "why"), [("12 people", "'12 people' is not a number"),
                                                 ("10.5", "must be a whole number, got 10.5")])
    def test_text_that_is_no_headcount_is_refused_by_name(self, typed, why):
        at = _organization()
        at.text_input(key=HEADCOUNT).set_value(typed).run()
        assert at.session_state["scenario"] == DEFAULT
        assert f"Headcount: {why}" in _refusal(at), _refusal(at)

    def test_a_headcount_below_the_people_in_the_plan_is_kept_with_a_warning(self):
        """Headcount 5 beside the Starter's two pilots (8 + 10 = 18 people): applied, and a warning says so."""
        at = _organization()
        at.text_input(key=HEADCOUNT).set_value("5").run()
        assert at.session_state["scenario"].organization.headcount == 5
        assert any("Headcount 5 is below the 18 people in the plan’s teams" in shown(w.value) for w in at.warning), \
            [w.value for w in at.warning]

    def test_100k_in_the_planners_exact_budget_is_100000(self):
        """Item 1: "100k" typed into the planner's exact budget became $100."""
        at = AppTest.from_file(APP, default_timeout=60).run()
        at.switch_page("views/budget.py").run()
        at.text_input(key="planner_budget_text").set_value("100k").run()
        assert not at.exception and not at.error, _refusal(at)
        assert at.session_state["planner_budget_input"] == 100_000
        assert at.text_input(key="planner_budget_text").value == "100,000"

    def test_text_that_is_no_budget_is_refused_by_name(self):
        at = AppTest.from_file(APP, default_timeout=60).run()
        at.switch_page("views/budget.py").run()
        before = at.session_state["planner_budget_input"]
        at.text_input(key="planner_budget_text").set_value("a lot").run()
        assert at.session_state["planner_budget_input"] == before
        assert "Exact budget (USD): 'a lot' is not a number" in _refusal(at), _refusal(at)
