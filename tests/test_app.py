"""AppTest tests of the app's pages, with the calculator as the oracle.

Each test sets a widget by key, reruns, and compares what the page shows with
what ``calculator`` computes for the same edited scenario.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from app_support import open_builder
from shown import shown
from streamlit.testing.v1 import AppTest

from calculator import editing, evaluate, load_preset, presets, share
from calculator.formatting import money
from calculator.pitch import headline_cards, pitch_summary, team_table

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = re.findall(r'st\.Page\("(views/[a-z_]+\.py)"', (ROOT / "app.py").read_text())


def _app(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return at.run()


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


INVESTMENT = "Decision cost, fully loaded"


def _pitch_values(scenario) -> dict[str, str]:
    """What the Pitch cards must read for a scenario, computed by the calculator (and the investment by hand)."""
    cards = {card.label: card.value for card in headline_cards(pitch_summary(scenario))}
    assert cards[INVESTMENT] == money(evaluate(scenario).total_cost, scenario.currency)
    return cards


def test_pages_are_registered():
    assert "views/pitch.py" in PAGES and "views/builder.py" in PAGES and "views/methodology.py" in PAGES


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_exception(page):
    at = _app()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


class TestPitch:
    def test_default_scenario_headline_matches_calculator(self):
        at = _app()
        default = load_preset(presets.DEFAULT_PRESET)
        assert _metrics(at) == _pitch_values(default)
        assert shown(at.title[0].value) == default.name

    def test_team_size_slider_updates_metrics_to_calculator_values(self):
        at = _app()
        key = next(s.key for s in at.main.slider if s.key.endswith("cohorts[0].team_size"))
        at.slider(key).set_value(20).run()
        assert not at.exception
        edited = editing.edit(load_preset(presets.DEFAULT_PRESET), {"cohorts[0].team_size": 20})
        assert at.session_state["scenario"] == edited
        assert _metrics(at) == _pitch_values(edited)

    def test_engagement_slider_changes_cost(self):
        at = _app()
        key = next(s.key for s in at.main.slider if s.key.endswith("cohorts[1].engagement_weeks"))
        before = _metrics(at)[INVESTMENT]
        at.slider(key).set_value(12).run()
        edited = editing.edit(load_preset(presets.DEFAULT_PRESET), {"cohorts[1].engagement_weeks": 12})
        assert _metrics(at) == _pitch_values(edited)
        assert _metrics(at)[INVESTMENT] != before

    def test_case_sentence_is_the_calculators(self):
        from calculator.pitch import case_sentence

        at = _app()
        expected = case_sentence(evaluate(load_preset(presets.DEFAULT_PRESET)))
        assert any(expected in shown(m.value) for m in at.markdown)

    def test_range_row_is_pessimistic_to_optimistic_with_the_npv_position(self):
        """Issue 20: the range row brackets the decision NPV honestly and says where the as-entered NPV sits in
        its own Monte Carlo; the invoice's low-high reading (the seed's) stays beneath the cost card."""
        from calculator.pitch import npv_position_text, pitch_summary

        default = load_preset(presets.DEFAULT_PRESET)
        summary = pitch_summary(default)
        at = _app()
        captions = shown(" ".join(c.value for c in at.caption)).replace("**", "")
        assert summary.bracket_sentence in captions
        assert f"Decision NPV from {money(summary.npv_pessimistic)} (pessimistic)" in captions
        assert summary.npv_pessimistic < summary.result.npv < summary.npv_optimistic
        assert npv_position_text(default) in captions and "of 2,000 draws" in captions
        assert f"({money(summary.fees_low)} – {money(summary.fees_high)})" in captions

    def test_baseline_is_shown_apart_with_the_whole_program(self):
        """The default marks literacy baseline: its $76.8K of learners' time is committed regardless, shown apart,
        with the whole program's NPV one line away; the cards are the decision's."""
        default = load_preset(presets.DEFAULT_PRESET)
        result = evaluate(default)
        at = _app()
        captions = shown(" ".join(c.value for c in at.caption))
        assert f"Committed regardless, not charged to this decision: {money(result.baseline['total_cost'])}" \
            in captions
        assert f"NPV {money(result.program['npv'])}" in captions
        assert _metrics(at)[INVESTMENT] == money(result.total_cost)
        assert result.program["total_cost"] == pytest.approx(result.total_cost + result.baseline["total_cost"])

    def test_each_teams_counterfactual_is_visible(self):
        at = _app()
        table = at.dataframe[0].value
        anyway = dict(zip(table["Team"], table["Anyway (h/wk each)"]))
        assert anyway == {"Marketing pilot": "0.00", "Finance pilot": "0.51"}  # 0.23 x 2.2 = 0.506

    def test_presenter_mode_hides_editing_controls(self):
        at = _app()
        at.session_state["presenter_mode"] = True
        at.run()
        assert not at.exception
        # The live what-ifs only, inside one closed panel (one click opens it when the CFO asks).
        (panel,) = at.main.expander
        assert not panel.proto.expanded and panel.label.startswith("What if")
        assert len(at.main.slider) == len(panel.slider) > 0
        assert len(at.metric) == 7

    def test_cost_lines_cash_capacity_and_team_table_on_screen(self):
        """The stacked cost bar, the two J-curve series and the per-team table come from the calculator."""
        at = _app()
        result = evaluate(load_preset(presets.DEFAULT_PRESET))
        specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
        titles = [spec["title"]["text"] for spec in specs]
        assert "What the decision costs, fully loaded" in titles
        assert "Cumulative net value and paybacks" in titles
        table = at.dataframe[0].value
        assert list(table["Team"]) == [row["Team"] for row in team_table(result)]
        captions = shown(" ".join(c.value for c in at.caption))
        assert f"Program fees {money(result.program_fees)}" in captions

    def test_warning_is_visible_when_spend_falls_after_the_horizon(self):
        """A team starting in week 100 of a 104-week horizon is still paid for after it: a visible warning."""
        late = editing.edit(load_preset(presets.DEFAULT_PRESET), {"cohorts[0].start_week": 100})
        result = evaluate(late)
        assert result.cost_beyond_horizon > 0
        at = _app()
        at.session_state["scenario"] = late
        at.run()
        assert not at.exception
        warnings = [shown(w.value) for w in at.warning]
        assert any("falls after the 24-month horizon" in w and "Marketing pilot" in w for w in warnings), warnings
        # The page shows PitchSummary.warnings: the very list the brief and the deck print.
        assert pitch_summary(late).warnings and all(w in warnings for w in pitch_summary(late).warnings), warnings


def _teams_table_key(at: AppTest) -> str:
    """The key the teams table is drawn under (it changes only when the scenario changes elsewhere)."""
    return at.session_state["table_drawings"]["teams_table"].key


class TestBuilder:
    def _builder(self, tab: str | None = None) -> AppTest:
        return open_builder(tab)

    def test_engagement_slider_changes_headline(self):
        at = self._builder()
        key = next(s.key for s in at.main.slider if s.key.endswith("cohorts[0].engagement_weeks"))
        at.slider(key).set_value(8).run()
        edited = editing.edit(load_preset(presets.DEFAULT_PRESET), {"cohorts[0].engagement_weeks": 8})
        assert at.session_state["scenario"] == edited
        assert _metrics(at)[INVESTMENT] == money(evaluate(edited).total_cost)

    def test_data_editor_edit_via_session_state(self):
        at = self._builder("All teams (table)")
        at.session_state[_teams_table_key(at)] = {"edited_rows": {1: {"team_size": 14}}, "added_rows": [],
                                       "deleted_rows": []}
        at.run()
        assert not at.exception
        assert at.session_state["scenario"].cohorts[1].team_size == 14

    def test_data_editor_invalid_cell_is_rejected_and_scenario_kept(self):
        at = self._builder("All teams (table)")
        before = at.session_state["scenario"]
        at.session_state[_teams_table_key(at)] = {"edited_rows": {0: {"adoption_pct": 150}}, "added_rows": [],
                                              "deleted_rows": []}
        at.run()
        assert at.session_state["scenario"] == before
        assert any(("Adoption % (Marketing pilot): must be between 0% and 100%, got 150% [cohorts[0].adoption_rate]"
                   in shown(e.value)) for e in at.error)

    def test_ai_seats_and_cash_share_edits(self):
        """Seats off (already licensed) drop the seat line to $0; a team's cash share moves the cash benefit."""
        at = self._builder("AI tools & program costs")
        at.toggle(key="at_ai_tools.already_licensed").set_value(True).run()
        assert not at.exception
        assert at.session_state["scenario"].ai_tools.already_licensed
        assert evaluate(at.session_state["scenario"]).cost_by_line["ai_seats"] == 0
        at.number_input(key="at_ai_tools.seat_price_per_month").set_value(45.0).run()
        assert at.session_state["scenario"].ai_tools.seat_price_per_month == 45.0
        at.session_state["builder_tab"] = "Tier 2 & 3 teams"
        at.run()
        at.slider(key="at_cohorts[0].cash_share").set_value(50.0).run()
        assert not at.exception
        assert at.session_state["scenario"].cohorts[0].cash_share == 0.5
        assert evaluate(at.session_state["scenario"]).cash_benefit > 0

    def test_other_costs_table_add_edit_remove_error_and_undo(self):
        at = self._builder("AI tools & program costs")
        before = at.session_state["scenario"]
        at.session_state["w0_other_costs_table"] = {
            "edited_rows": {0: {"amount": 8000}}, "added_rows": [{"name": "Legal review", "amount": 4000,
                                                                 "start_week": 3, "weeks": 2}],
            "deleted_rows": [1]}
        at.run()
        assert not at.exception
        costs = at.session_state["scenario"].other_costs
        assert [(c.name, c.amount, c.start_week, c.weeks) for c in costs] == [
            (before.other_costs[0].name, 8000.0, 1, 26), ("Legal review", 4000.0, 3, 2)]
        edited = at.session_state["scenario"]
        generation = at.session_state["widget_generation"]
        at.session_state[f"w{generation}_other_costs_table"] = {"edited_rows": {1: {"weeks": 0}}, "added_rows": [],
                                                               "deleted_rows": []}
        at.run()
        assert at.session_state["scenario"] == edited  # the bad cell is refused, the last good scenario kept
        assert any("other_costs[1].weeks: must be >= 1, got 0" in shown(e.value) for e in at.error)
        assert at.session_state["scenario_history"][-1] == before  # Undo last change steps back to it

    def test_data_editor_add_and_delete_rows(self):
        at = self._builder("All teams (table)")
        at.session_state[_teams_table_key(at)] = {"edited_rows": {}, "added_rows": [{"name": "Sales", "team_size": 9}],
                                              "deleted_rows": [0]}
        at.run()
        names = [c.name for c in at.session_state["scenario"].cohorts]
        assert names == ["Finance pilot", "Sales"]
        assert at.session_state["scenario"].cohorts[1].team_size == 9

    def test_add_team_button(self):
        at = self._builder()
        n = len(at.session_state["scenario"].cohorts)
        next(b for b in at.button if b.label == "Add a Tier 3 department").click().run()
        cohorts = at.session_state["scenario"].cohorts
        assert len(cohorts) == n + 1 and cohorts[-1].tier == 3

    def test_remove_team_button(self):
        at = self._builder()
        next(b for b in at.button if b.label == "Remove team").click().run()
        assert [c.name for c in at.session_state["scenario"].cohorts] == ["Finance pilot"]

    def test_delivery_change_loads_benchmark_price(self):
        no_ranges = dataclasses.replace(load_preset(presets.DEFAULT_PRESET), ranges=())
        at = _app({"s": share.encode(no_ranges)})
        at.switch_page("views/builder.py").run()
        key = next(s.key for s in at.selectbox if s.key.endswith("cohorts[0].delivery"))
        at.selectbox(key).set_value("consulting").run()
        cohort = at.session_state["scenario"].cohorts[0]
        assert (cohort.delivery, cohort.price, cohort.price_unit) == ("consulting", 600_000.0, "fixed")

    def test_delivery_change_outside_a_price_range_gives_the_team_its_own_range(self):
        """Consulting's benchmark ($600,000 fixed) is outside the preset's shared $200-$500 price range: the
        change is kept, the team takes the published consulting range and the other team keeps $200-$500
        (issue 10 item 4: ranges never block a what-if)."""
        at = self._builder()
        key = next(s.key for s in at.selectbox if s.key.endswith("cohorts[0].delivery"))
        at.selectbox(key).set_value("consulting").run()
        held = at.session_state["scenario"]
        assert (held.cohorts[0].delivery, held.cohorts[0].price) == ("consulting", 600_000.0)
        assert ("cohorts[0].price", 200_000.0, 1_000_000.0) in held.ranges
        assert ("cohorts[1].price", 200.0, 500.0) in held.ranges
        assert not at.error
        # Worded for the presenter: the team's name and the range in money (the path stays in Widened.widened).
        name = held.cohorts[0].name
        # One message for the change (issue 22): the ranges it moved in its last sentence.
        assert any(f"Price range ({name}) $200,000–$1,000,000, the published consulting range (every team shared "
                   "$200–$500; each now has its own)" in shown(t.value) for t in at.toast), [t.value for t in at.toast]

    def test_presenter_mode_shows_the_plan_read_only(self):
        at = _app()
        at.session_state["presenter_mode"] = True
        at.switch_page("views/builder.py").run()
        assert not at.exception
        assert len(at.main.slider) == 0 and len(at.main.number_input) == 0 and len(at.main.button) == 0
        assert list(at.dataframe[0].value["name"]) == ["Marketing pilot", "Finance pilot"]

    @pytest.mark.parametrize("tab", ["Tier 2 & 3 teams", "All teams (table)", "Tier 1 literacy", "Organization",
                                     "Uncertainty ranges", "Price benchmarks"])
    def test_every_tab_draws(self, tab):
        at = self._builder(tab)
        assert not at.error

    def test_literacy_edit_through_widget(self):
        at = self._builder("Tier 1 literacy")
        key = next(t.key for t in at.toggle if t.key.endswith("literacy.already_licensed"))
        at.toggle(key).set_value(False).run()
        edited = editing.edit(load_preset(presets.DEFAULT_PRESET), {"literacy.already_licensed": False})
        assert at.session_state["scenario"] == edited
        assert _metrics(at)[INVESTMENT] == money(evaluate(edited).total_cost)

    def test_ranges_editor_edit(self):
        at = self._builder("Uncertainty ranges")
        at.session_state["w0_ranges_table"] = {"edited_rows": {0: {"high": 450}}, "added_rows": [], "deleted_rows": []}
        at.run()
        assert at.session_state["scenario"].ranges[0] == ("cohorts[*].price", 200.0, 450.0)

    def test_ranges_table_names_each_input_as_the_screen_does(self):
        """Third walk: the Uncertainty ranges tab showed only paths ("cohorts[*].hours_saved_per_person_per_week"),
        jargon for a CFO. The first column names the input ("Hours saved per person per week (every team)");
        the path stays beside it for the analyst."""
        at = self._builder("Uncertainty ranges")
        frame = next(d.value for d in at.dataframe if "path" in d.value.columns)
        scenario = load_preset(presets.DEFAULT_PRESET)
        assert list(frame.columns[:2]) == ["input", "path"]
        assert list(frame["path"]) == [p for p, _, _ in scenario.ranges]
        assert "Hours saved per person per week (every team)" in list(frame["input"])
        assert "Price (every team)" in list(frame["input"])

    def test_ranges_editor_rejects_bad_path(self):
        at = self._builder("Uncertainty ranges")
        before = at.session_state["scenario"]
        at.session_state["w0_ranges_table"] = {"edited_rows": {}, "added_rows": [{"path": "cohorts[9].price", "low": 1,
                                                                                   "high": 2}], "deleted_rows": []}
        at.run()
        assert at.session_state["scenario"] == before
        assert "there is no cohort 9" in at.error[0].value


class TestScenarioState:
    def test_undo_walks_back_through_changes(self):
        at = AppTest.from_function(_undo_script, default_timeout=30).run()
        default = at.session_state["scenario"]
        at.session_state["step"] = "team"
        at.run()
        at.session_state["step"] = "preset"
        at.run()
        assert at.session_state["scenario"] == load_preset("seed-marketing-team")
        at.session_state["step"] = "undo"
        at.run()
        assert at.session_state["scenario"] == editing.edit(default, {"cohorts[0].team_size": 20})
        at.session_state["step"] = "undo"
        at.run()
        assert at.session_state["scenario"] == default
        assert at.markdown[-1].value == "can undo: False"
        assert share.decode(at.query_params["s"]) == default


    def test_share_link_round_trip(self):
        scenario = dataclasses.replace(load_preset("seed-200-person-org"), name="From a link")
        at = _app({"s": share.encode(scenario)})
        assert not at.exception
        assert at.session_state["scenario"] == scenario
        assert _metrics(at) == _pitch_values(scenario)
        assert not at.warning

    @pytest.mark.parametrize("payload", ["garbage", "1.AAAA", "2.abc", "1." + "x" * 50])
    def test_bad_link_falls_back_with_warning(self, payload):
        at = _app({"s": payload})
        assert not at.exception
        assert at.session_state["scenario"] == load_preset(presets.DEFAULT_PRESET)
        assert any("could not be opened" in w.value for w in at.warning)

    def test_truncated_link_falls_back(self):
        good = share.encode(load_preset("seed-200-person-org"))
        at = _app({"s": good[: len(good) // 2]})
        assert at.session_state["scenario"] == load_preset(presets.DEFAULT_PRESET)
        assert at.warning

    def test_link_follows_edits(self):
        at = _app()
        key = next(s.key for s in at.main.slider if s.key.endswith("cohorts[0].team_size"))
        at.slider(key).set_value(11).run()
        assert share.decode(at.query_params["s"]) == at.session_state["scenario"]


def _undo_script():
    # The same state functions the sidebar's Undo button and the widgets call.
    import streamlit as st

    from calculator import editing, load_preset
    from ui import state

    state.ensure_state()
    step = st.session_state.pop("step", None)
    if step == "team":
        state.replace_scenario(editing.edit(state.scenario(), {"cohorts[0].team_size": 20}))
    elif step == "preset":
        state.replace_scenario(load_preset("seed-marketing-team"))
    elif step == "undo":
        state.undo()
    st.markdown(f"can undo: {state.can_undo()}")


def _upload_script():
    # AppTest runs this function's body as a script of its own, so it imports what it uses.
    import streamlit as st

    from ui import state

    state.ensure_state()
    state.apply_upload("upload.json", st.session_state.get("upload_bytes", b""))
    state.show_problems(state.SIDEBAR)  # the upload control sits in the sidebar


class TestUpload:
    def test_invalid_upload_leaves_scenario_unchanged_and_names_fields(self):
        at = AppTest.from_function(_upload_script, default_timeout=30)
        at.session_state["upload_bytes"] = b'{"cohorts": [{"team_size": 0, "adoption_rate": 2}], "bogus": 1}'
        at.run()
        assert not at.exception
        assert at.session_state["scenario"] == load_preset(presets.DEFAULT_PRESET)
        message = shown(at.error[0].value)
        for expected in ("upload.json: bogus: unknown field", "cohorts[0].team_size: must be >= 1, got 0",
                         "cohorts[0].adoption_rate: must be between 0 and 1, got 2"):
            assert expected in message

    @pytest.mark.parametrize("data", [b"", b"{not json", b"\xff\xfe\x00", b"[]"])
    def test_unreadable_upload_is_reported(self, data):
        at = AppTest.from_function(_upload_script, default_timeout=30)
        at.session_state["upload_bytes"] = data
        at.run()
        assert not at.exception
        assert at.session_state["scenario"] == load_preset(presets.DEFAULT_PRESET)
        assert at.error and at.error[0].value.count("upload.json") >= 1

    def test_valid_upload_replaces_scenario(self):
        from calculator import dumps

        at = AppTest.from_function(_upload_script, default_timeout=30)
        seed = load_preset("seed-marketing-team")
        at.session_state["upload_bytes"] = dumps(seed).encode()
        at.run()
        assert at.session_state["scenario"] == seed
        assert not at.error


def test_pitch_charts_on_screen_are_the_export_builders_specs():
    """The page draws chart_spec(name, r); it must equal PITCH_CHARTS[name](r).to_dict(), which exports render."""
    import json

    import pyarrow as pa

    from calculator.charts.pitch import PITCH_CHARTS

    at = _app()
    result = evaluate(load_preset(presets.DEFAULT_PRESET))
    charts = at.get("vega_lite_chart")
    expected = [PITCH_CHARTS[name](result).to_dict() for name in ("cashflow", "costs", "tiers", "hours")]
    assert len(charts) == len(expected)
    for chart, spec in zip(charts, expected):
        shown = json.loads(chart.proto.spec)
        datasets = spec.pop("datasets")
        shown.pop("datasets", None)  # Streamlit ships the datasets beside the spec, as Arrow
        shown.pop("autosize", None)  # and fits the chart to its column (width="stretch")
        assert shown == spec
        sent = {d.name: pa.ipc.open_stream(d.data.data).read_all().to_pylist() for d in chart.proto.datasets}
        assert sent == datasets


class TestMethodologyPage:
    """The page draws calculator/methodology.py's sections, in order, and holds no wording of its own."""

    def _page(self, scenario=None) -> AppTest:
        at = _app()
        if scenario is not None:
            at.session_state["scenario"] = scenario
        at.switch_page("views/methodology.py").run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    def test_every_section_is_shown_under_its_heading_in_order(self):
        from calculator import methodology

        at = self._page()
        shown_headings = [h.value for h in at.main if h.type in ("header", "subheader")]  # page order
        assert shown_headings == [heading for heading, _ in methodology.numbered()]
        scenario = load_preset(presets.DEFAULT_PRESET)
        markdown = [m.value for m in at.markdown]
        assert markdown == [methodology.intro_markdown(scenario),
                            *(methodology.detail_markdown(s, scenario) for s in methodology.SECTIONS)]
        assert [i.value for i in at.info] == [s.worked_check for s in methodology.SECTIONS if s.worked_check]
        assert len(at.dataframe) == len([s for s in methodology.SECTIONS if s.table]) == 3

    def test_the_page_names_both_methodologies_not_version_1(self):
        """It once said it followed 'docs/MODEL.md, version 1' while computing methodology v2."""
        at = self._page()
        intro = at.markdown[0].value
        assert "version 1)" not in intro and "methodology v1" in intro and "methodology v2" in intro

    def test_the_intro_states_the_scenarios_own_weeks_and_horizon(self):
        """W = 48 and 18 months: 18 x 48 / 12 = 72 weeks."""
        edited = editing.edit(load_preset(presets.DEFAULT_PRESET),
                              {"organization.working_weeks_per_year": 48, "finance.horizon_months": 18})
        at = self._page(edited)
        intro = " ".join(at.markdown[0].value.split())
        assert "**W = 48 working weeks a year**" in intro and "**18 months = 72 weeks**" in intro


def test_methodology_states_the_range_rule():
    """Issue 10 item 4: the rule that a what-if widens a range (never refused by it) is stated for auditors."""
    at = _app()
    at.switch_page("views/methodology.py").run()
    text = " ".join(m.value for m in at.markdown)
    assert "Ranges never block a what-if" in text and "widens the range" in text

