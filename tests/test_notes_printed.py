"""Issue 22 item 3: a preset's description is not the user's note.

The meeting walk built a six-team plan from the Starter preset; the CFO brief, the workbook and the summary CSV still
printed the preset's description ("... two Tier 2 coaching pilots (marketing and finance) ...") as the plan's notes.
The description is printed only while the plan is still the preset's (renamed or not); the user's own notes always.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import openpyxl
import pytest
from planner_cases import six_teams
from pypdf import PdfReader

from calculator import export, load_preset, presets
from calculator.presets import printed_notes

ROOT = Path(__file__).resolve().parent.parent
STARTER = load_preset(presets.DEFAULT_PRESET)
OLD_DESCRIPTION = "two Tier 2 coaching pilots (marketing and finance)"
OURS = "Our six-team plan: hours from our own time studies."


def _csv_notes(scenario) -> str:
    rows = list(csv.reader(io.StringIO(export.summary_csv(export.Export.of(scenario)).decode("utf-8-sig"))))
    return next(row[2] for row in rows if row[:2] == ["scenario", "notes"])


def _brief_text(scenario) -> str:
    pdf = export.brief_pdf(export.Export.of(scenario))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def _workbook_notes(scenario) -> tuple[str | None, str | None]:
    """The Summary's Notes cell and the Inputs sheet's notes row."""
    book = openpyxl.load_workbook(io.BytesIO(export.workbook_bytes(export.Export.of(scenario))))
    summary = next(row[1].value for row in book["Summary"].iter_rows(max_col=2) if row[0].value == "Notes")
    inputs = next((row[1].value for row in book["Inputs"].iter_rows(max_col=2) if row[0].value == "notes"), None)
    return summary, inputs


def test_the_description_is_not_a_six_team_plans_note():
    plan = six_teams()
    assert OLD_DESCRIPTION in plan.notes  # the walk's plan still holds it, as the app's preset load left it
    assert printed_notes(plan) == ""
    assert _csv_notes(plan) == ""
    assert OLD_DESCRIPTION not in _brief_text(plan)
    assert OLD_DESCRIPTION not in " ".join(str(v) for v in _workbook_notes(plan))


@pytest.mark.parametrize("scenario", [STARTER, dataclasses.replace(STARTER, name="Acme pilots 2027")],
                         ids=["as shipped", "renamed"])
def test_the_description_is_printed_while_the_plan_is_the_presets(scenario):
    assert printed_notes(scenario) == STARTER.notes
    assert _csv_notes(scenario) == STARTER.notes
    assert "Scenario notes: A newcomer's starting point" in _brief_text(scenario)
    assert _workbook_notes(scenario)[0] == STARTER.notes


def test_the_users_own_notes_are_always_printed():
    plan = dataclasses.replace(six_teams(), notes=OURS)
    assert printed_notes(plan) == OURS
    assert _csv_notes(plan) == OURS
    assert f"Scenario notes: {OURS}" in _brief_text(plan)
    assert _workbook_notes(plan)[0] == OURS


def test_the_notes_box_says_a_description_is_left_out_once_the_plan_is_another():
    """The Organization tab's caption said the exports carry the notes; for the edited plan it says they leave them
    out (a team size moved from 10 to 11 makes the Starter plan the user's own)."""
    from shown import shown
    from streamlit.testing.v1 import AppTest

    from ui.widgets import NOT_PRINTED

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.slider("at_cohorts[0].team_size").set_value(11).run()
    at.switch_page("views/builder.py").run()
    at.session_state["builder_tab"] = "Organization"
    at.run()
    assert not at.exception
    captions = [shown(c.value) for c in at.caption]
    assert f"{NOT_PRINTED} Write your own to print them." in captions, captions
