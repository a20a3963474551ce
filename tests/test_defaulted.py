"""A scenario file that leaves fields out: it loads (every field has a default), and the presenter is told.

The acceptance tester deleted ``cohorts[4].team_size`` from a saved file and uploaded it: the team silently
became 10 people (it was 30) and the headline moved. Deleting the whole ``finance`` object was refused with a
message about a range that never said ``finance`` was missing.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from cli_support import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import evaluate, load_preset, to_dict
from calculator.editing import edit
from calculator.limits import MAX_DEFAULTS_LISTED
from calculator.scenario import (
    Defaulted,
    Finance,
    ScenarioError,
    defaulted_fields,
    defaults_notice,
    from_dict,
)


def seed_with_a_team_of_30() -> dict:
    """The seed preset with its fifth team (Finance) at 30 people, saved as a file dict."""
    return to_dict(edit(load_preset("seed-200-person-org"), {"cohorts[4].team_size": 30}))


class TestDefaultedFields:
    def test_a_complete_file_left_nothing_out(self):
        """A saved file writes every field: nothing took a default."""
        assert defaulted_fields(seed_with_a_team_of_30()) == ()

    def test_a_deleted_team_size_is_named_with_its_default(self):
        """The tester's file: cohorts[4].team_size deleted; the team takes the default 10, not its 30."""
        data = seed_with_a_team_of_30()
        del data["cohorts"][4]["team_size"]
        assert defaulted_fields(data) == (Defaulted("cohorts[4].team_size", 10),)
        assert from_dict(data).cohorts[4].team_size == 10

    def test_a_whole_missing_section_is_named_once(self):
        data = seed_with_a_team_of_30()
        del data["finance"]
        assert defaulted_fields(data) == (Defaulted("finance", Finance()),)

    def test_a_team_price_defaults_to_its_delivery_models_price(self):
        """A consulting team without a price is priced at consulting's published default, $600,000 fixed."""
        data = {"cohorts": [{"delivery": "consulting"}]}
        found = dict((d.path, d.default) for d in defaulted_fields(data))
        assert found["cohorts[0].price"] == 600_000 and found["cohorts[0].price_unit"] == "fixed"
        assert from_dict(data).cohorts[0].price == 600_000

    def test_fields_whose_default_is_not_set_are_not_listed(self):
        """learners (null = the headcount), a team's hourly cost (null = the organization's), actuals (null =
        not measured), the notes and the empty lists are 'not set' by nature, not invented values."""
        data = seed_with_a_team_of_30()
        del data["literacy"]["learners"], data["notes"], data["ranges"], data["other_costs"]
        for cohort in data["cohorts"]:
            del cohort["loaded_hourly_cost"], cohort["actuals"]
        assert defaulted_fields(data) == ()

    def test_fields_newer_than_the_files_version_are_not_listed(self):
        """A version 1 file never had cash_share, cost risk, AI tools or the regulated-data settings."""
        v1 = {"schema_version": 1, "name": "Old", "currency": "USD",
              "organization": {k: v for k, v in to_dict(load_preset("seed-200-person-org"))["organization"].items()
                               if not k.startswith("regulated")},
              "finance": {"horizon_months": 24, "annual_discount_rate": 0.1, "productivity_recapture": 1,
                          "benefit_risk_adjustment": 0, "include_participant_time": False,
                          "annual_benefit_decay": 0},
              "literacy": {k: v for k, v in dataclasses.asdict(from_dict({}).literacy).items()
                           if k not in ("cash_share", "baseline")},
              "cohorts": [{k: v for k, v in to_dict(load_preset("seed-200-person-org"))["cohorts"][0].items()
                           if k not in ("cash_share", "actuals", "without_training")}]}
        from_dict(v1)  # a valid version 1 file
        assert defaulted_fields(v1) == ()
        v3 = {**v1, "schema_version": 3}
        assert {d.path for d in defaulted_fields(v3)} == {
            "organization.regulated_health_data", "organization.regulated_financial_content",
            "finance.cost_risk_adjustment", "literacy.cash_share", "cohorts[0].cash_share", "ai_tools"}

    def test_a_missing_schema_version_and_name_are_named(self):
        """With no schema_version a file is read as the current version 4: worth saying."""
        paths = [d.path for d in defaulted_fields({})]
        assert paths[:3] == ["schema_version", "name", "currency"]
        assert {"organization", "finance", "literacy", "ai_tools"} <= set(paths)

    @pytest.mark.parametrize("data", [None, [], "text", {"finance": 3, "cohorts": "x"}, {"cohorts": [1, None]}])
    def test_a_document_of_the_wrong_shape_gives_no_list_and_no_crash(self, data):
        """The loader reports wrong shapes; this function only lists what a well-shaped file left out."""
        assert all(isinstance(d, Defaulted) for d in defaulted_fields(data))

    @settings(max_examples=40, deadline=None)
    @given(st.data())
    def test_every_listed_default_is_the_value_the_loaded_scenario_holds(self, data):
        """Property: delete any subset of a team's fields; each one listed holds exactly its default once loaded."""
        from calculator.editing import value_at

        doc = seed_with_a_team_of_30()
        team = data.draw(st.integers(0, len(doc["cohorts"]) - 1))
        names = [k for k in doc["cohorts"][team] if k not in ("actuals", "loaded_hourly_cost", "delivery")]
        dropped = data.draw(st.lists(st.sampled_from(names), unique=True))
        for name in dropped:
            del doc["cohorts"][team][name]
        doc["ranges"] = {}  # a default may lie outside the file's ranges: that refusal is tested below
        loaded = from_dict(doc)
        listed = defaulted_fields(doc)
        assert sorted(d.path for d in listed) == sorted(f"cohorts[{team}].{n}" for n in dropped)
        for d in listed:
            assert value_at(loaded, d.path) == d.default


class TestNotice:
    def test_names_each_field_with_its_default(self):
        notice = defaults_notice((Defaulted("cohorts[4].team_size", 10),), "plan.json")
        assert notice == ("plan.json left out 1 field, so it took its default: cohorts[4].team_size = 10. "
                          "Check it before presenting (saving the scenario writes every field).")

    def test_a_whole_section_lists_the_defaults_it_took(self):
        notice = defaults_notice((Defaulted("finance", Finance()),), "plan.json")
        assert "finance (the whole section, at its defaults: horizon_months = 24, annual_discount_rate = 0.1, " \
               "productivity_recapture = 1," in notice

    def test_lists_the_first_ones_then_how_many_more(self):
        items = tuple(Defaulted(f"cohorts[{i}].team_size", 10) for i in range(MAX_DEFAULTS_LISTED + 3))
        notice = defaults_notice(items, "plan.json")
        assert notice.startswith(f"plan.json left out {MAX_DEFAULTS_LISTED + 3} fields, so they took their defaults")
        assert f"cohorts[{MAX_DEFAULTS_LISTED - 1}].team_size = 10, and 3 more." in notice
        assert f"cohorts[{MAX_DEFAULTS_LISTED}].team_size" not in notice

    def test_nothing_left_out_is_no_notice(self):
        assert defaults_notice((), "plan.json") is None


class TestRangeRefusalSaysTheFieldWasMissing:
    def test_a_missing_finance_section_is_named_in_the_range_message(self):
        """The tester's second file: no finance object. Its default recapture 1 lies outside the file's
        range [0.25, 0.75], so the file is refused, and the message now says why the value is 1."""
        data = seed_with_a_team_of_30()
        del data["finance"]
        with pytest.raises(ScenarioError) as caught:
            from_dict(data)
        assert caught.value.problems == [
            'ranges["finance.productivity_recapture"]: the scenario\'s value 1 must lie within [0.25, 0.75] '
            "(finance is missing from the file, so finance.productivity_recapture took its default 1)"]

    def test_a_missing_team_field_is_named_in_a_every_team_range_message(self):
        """cohorts[4].engagement_weeks deleted: the default 6 weeks fits [6, 8]; the default price is the
        coaching default $350, inside [200, 500]; a deleted adoption_rate defaults to 1, outside [0.5, 0.9]."""
        data = seed_with_a_team_of_30()
        del data["cohorts"][4]["adoption_rate"]
        with pytest.raises(ScenarioError) as caught:
            from_dict(data)
        assert caught.value.problems == [
            'ranges["cohorts[*].adoption_rate"]: the scenario\'s value 1 must lie within [0.5, 0.9] '
            "(cohorts[4].adoption_rate is missing from the file and took its default 1)"]

    def test_a_value_written_in_the_file_keeps_the_plain_message(self):
        data = seed_with_a_team_of_30()
        data["finance"]["productivity_recapture"] = 1
        with pytest.raises(ScenarioError) as caught:
            from_dict(data)
        assert caught.value.problems == [
            'ranges["finance.productivity_recapture"]: the scenario\'s value 1 must lie within [0.25, 0.75]']


class TestCommandLine:
    def test_evaluate_notes_the_defaulted_fields_on_stderr_and_keeps_stdout_the_json(self, tmp_path):
        data = seed_with_a_team_of_30()
        del data["cohorts"][4]["team_size"]
        path = tmp_path / "plan.json"
        path.write_text(json.dumps(data))
        r = run_cli("evaluate", str(path))
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout) == json.loads(json.dumps(evaluate(from_dict(data)).to_dict()))
        assert r.stderr == (f"note: {path} left out 1 field, so it took its default: cohorts[4].team_size = 10. "
                            "Check it before presenting (saving the scenario writes every field).\n")

    def test_a_complete_file_prints_no_note(self, tmp_path):
        path = tmp_path / "plan.json"
        path.write_text(json.dumps(seed_with_a_team_of_30()))
        r = run_cli("evaluate", str(path))
        assert r.returncode == 0 and r.stderr == ""


def _sidebar_upload_script():
    # AppTest runs this body as a script of its own (so it imports what it uses). It stands for the sidebar:
    # AppTest redraws app.py's sidebar only on a first run; the browser test drives the real one.
    import streamlit as st

    from ui import state

    state.ensure_state()
    upload = st.session_state.pop("upload", None)
    if upload:
        state.apply_upload(*upload)
    if st.session_state.pop("undo", False):
        state.undo()
    state.show_load_notice()
    state.show_problems(state.SIDEBAR)


class TestUploadInTheApp:
    """AppTest: ui.state's upload, as the sidebar's 'Load a scenario (JSON)' calls it, with a file that left
    fields out."""

    def _upload(self, at, data: dict, name: str = "plan.json"):
        at.session_state["upload"] = (name, json.dumps(data).encode())
        at.run()
        assert not at.exception
        return at

    def _app(self):
        from streamlit.testing.v1 import AppTest

        return AppTest.from_function(_sidebar_upload_script, default_timeout=30)

    def test_the_load_succeeds_and_the_sidebar_names_each_defaulted_field(self):
        from shown import shown

        data = seed_with_a_team_of_30()
        del data["cohorts"][4]["team_size"]
        at = self._upload(self._app(), data)
        assert at.session_state["scenario"] == from_dict(data)
        notices = [shown(w.value) for w in at.warning]
        assert notices == [defaults_notice(defaulted_fields(data), "plan.json")]
        assert "cohorts[4].team_size = 10" in notices[0]
        assert not at.error

    def test_the_notice_stays_through_reruns_and_goes_with_the_next_load(self):
        data = seed_with_a_team_of_30()
        del data["cohorts"][4]["team_size"]
        at = self._upload(self._app(), data)
        at.run()
        assert len(at.warning) == 1
        self._upload(at, seed_with_a_team_of_30(), "full.json")
        assert at.session_state["scenario"] == from_dict(seed_with_a_team_of_30())
        assert not at.warning

    def test_an_undo_drops_the_notice(self):
        from ui import state

        data = seed_with_a_team_of_30()
        del data["cohorts"][4]["team_size"]
        at = self._upload(self._app(), data)
        at.session_state["undo"] = True
        at.run()
        assert at.session_state[state.SCENARIO] == load_preset("starter-300-person-pilots")
        assert not at.warning

    def test_a_refused_file_names_the_missing_section(self):
        from shown import shown

        data = seed_with_a_team_of_30()
        del data["finance"]
        at = self._upload(self._app(), data)
        assert at.session_state["scenario"] == load_preset("starter-300-person-pilots")
        message = shown(at.error[0].value)
        assert "plan.json: ranges[\"finance.productivity_recapture\"]" in message
        assert "finance is missing from the file, so finance.productivity_recapture took its default 1" in message
