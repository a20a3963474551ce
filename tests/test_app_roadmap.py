"""AppTest tests of the Roadmap & proof page, with the calculator as the oracle."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from shown import shown
from streamlit.testing.v1 import AppTest

from calculator import load_preset, presets, share
from calculator.formatting import money
from calculator.rollout.actuals import apply_actuals_edits, recalibrate
from calculator.rollout.ninety_day import ninety_day_figures, ninety_day_report
from calculator.scenario import Actuals

APP = str(Path(__file__).parent.parent / "app.py")
PAGE = "views/roadmap.py"
TABLE = "w0_actuals_table"


def _roadmap(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _measured():
    """The default preset with the marketing pilot's measurements entered."""
    s = load_preset(presets.DEFAULT_PRESET)
    team = dataclasses.replace(s.cohorts[0], actuals=Actuals(workflows_built=4, workflows_in_use_30d=3,
                                                             measured_hours_saved_per_person_per_week=3.0,
                                                             observed_adoption_rate=0.6))
    return dataclasses.replace(s, cohorts=(team,) + s.cohorts[1:])


def _edit(at: AppTest, key: str, rows: dict) -> AppTest:
    at.session_state[key] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}
    return at.run()


def test_page_runs_and_shows_the_calculators_report():
    at = _roadmap()
    assert not at.error
    assert at.title[0].value == "Roadmap & proof"
    default = load_preset(presets.DEFAULT_PRESET)
    assert any(ninety_day_report(default) in shown(i.value) for i in at.info)
    figures = ninety_day_figures(default)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Spend to day 90"] == money(figures.cost)
    assert metrics["Workflows by day 90"] == f"{figures.workflows:,}"
    assert metrics["Hours a week saved"] == f"{figures.weekly_hours:,.0f} h"


def test_timeline_chart_is_drawn_with_the_scenario_name():
    at = _roadmap()
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert any(s.get("title", {}).get("text") == f"Roadmap and spend: {load_preset(presets.DEFAULT_PRESET).name}"
               for s in specs)


def test_actuals_edit_via_session_state_changes_the_scenario():
    at = _roadmap()
    before = at.session_state["scenario"]
    cells = {0: {"workflows_built": 4, "measured_hours_saved_per_person_per_week": 3.0, "observed_adoption_pct": 60}}
    _edit(at, TABLE, cells)
    assert not at.exception and not at.error
    assert at.session_state["scenario"] == apply_actuals_edits(before, cells)
    assert at.session_state["scenario"].cohorts[0].actuals.observed_adoption_rate == 0.6
    # The report now says which team is measured, from the calculator.
    assert any(ninety_day_report(at.session_state["scenario"]) in shown(i.value) for i in at.info)


def test_invalid_actual_is_rejected_with_its_field_path():
    at = _roadmap()
    before = at.session_state["scenario"]
    _edit(at, TABLE, {1: {"observed_adoption_pct": 150}})
    assert not at.exception
    assert at.session_state["scenario"] == before
    assert any("cohorts[1].actuals.observed_adoption_rate: must be between 0 and 1, got 1.5" in shown(e.value)
               for e in at.error)


def test_recalibrate_button():
    measured = _measured()
    at = _roadmap({"s": share.encode(measured)})
    button = next(b for b in at.button if b.label == "Recalibrate the scenario from actuals")
    assert not button.disabled
    button.click().run()
    assert not at.exception and not at.error
    assert at.session_state["scenario"] == recalibrate(measured)
    after = next(b for b in at.button if b.label == "Recalibrate the scenario from actuals")
    assert after.disabled  # nothing left to change
    assert share.decode(at.query_params["s"]) == recalibrate(measured)  # the link follows


def test_recalibrate_is_disabled_without_actuals():
    at = _roadmap()
    assert next(b for b in at.button if b.label == "Recalibrate the scenario from actuals").disabled


def test_regulated_health_toggle_flags_every_team():
    at = _roadmap()
    key = next(t.key for t in at.toggle if t.key.endswith("organization.regulated_health_data"))
    at.toggle(key).set_value(True).run()
    assert not at.exception
    assert at.session_state["scenario"].organization.regulated_health_data is True
    frames = [d.value for d in at.dataframe]
    checklist = next(f for f in frames if "Check" in f.columns)
    assert "Health data" in set(checklist["Area"])


def test_presenter_mode_hides_the_editing_controls():
    at = _roadmap()
    at.session_state["presenter_mode"] = True
    at.run()
    assert not at.exception
    assert not [b for b in at.button if b.label == "Recalibrate the scenario from actuals"]
    assert not at.toggle or all(t.key == "presenter_mode" for t in at.toggle)
