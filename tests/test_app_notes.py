"""The scenario's notes: exported (the brief's page 2, the workbook, the summary CSV) and now shown and edited.

The acceptance tester edited the Starter preset into their own plan; the CFO brief still carried the preset's
description ("A newcomer's starting point... two Tier 2 coaching pilots (marketing and finance)") because the
notes were shown and editable nowhere in the app.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from shown import shown
from streamlit.testing.v1 import AppTest

from calculator import export, load_preset, presets
from calculator.editing import edit
from calculator.limits import MAX_NOTES_CHARS
from calculator.scenario import ScenarioError

APP = str(Path(__file__).resolve().parent.parent / "app.py")
STARTER = load_preset(presets.DEFAULT_PRESET)
NOTES_KEY = "at_notes"
OUR_PLAN = "Our plan: finance and sales pilots from week 3.\nHours saved are our own time studies."


def _page(path: str, tab: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page(path).run()
    if tab:
        at.session_state["builder_tab"] = tab
        at.run()
    assert not at.exception
    return at


def _csv_notes(scenario) -> str:
    rows = list(csv.reader(io.StringIO(export.summary_csv(export.Export.of(scenario)).decode("utf-8-sig"))))
    return next(row[2] for row in rows if row[:2] == ["scenario", "notes"])


class TestBuilderNotes:
    def test_the_organization_tab_shows_the_notes_in_a_text_area(self):
        at = _page("views/builder.py", "Organization")
        area = at.text_area(key=NOTES_KEY)
        assert area.value == STARTER.notes
        assert area.label == "Scenario notes"

    def test_an_edit_becomes_the_notes_the_exports_carry(self):
        """Multiline text is allowed, as in a file; the summary CSV then carries the new notes."""
        at = _page("views/builder.py", "Organization")
        at.text_area(key=NOTES_KEY).set_value(OUR_PLAN).run()
        assert not at.exception and not at.error
        scenario = at.session_state["scenario"]
        assert scenario.notes == OUR_PLAN
        assert _csv_notes(scenario) == OUR_PLAN

    @pytest.mark.parametrize(("typed", "problem"), [
        ("Plan\x01", "notes: must not contain control characters (found U+0001)"),
        ("Plan\x7f for Q3", "notes: must not contain control characters (found U+007F)"),
    ], ids=["U+0001", "DEL"])
    def test_a_bad_text_is_refused_as_in_a_file_and_the_notes_kept(self, typed, problem):
        at = _page("views/builder.py", "Organization")
        at.text_area(key=NOTES_KEY).set_value(typed).run()
        assert at.session_state["scenario"] == STARTER
        assert any(problem in shown(e.value) for e in at.error), [e.value for e in at.error]
        assert at.text_area(key=NOTES_KEY).value == STARTER.notes

    def test_the_text_area_is_limited_to_the_files_length(self):
        """The box stops at the file format's 2,000 characters (Streamlit cuts a longer value to it), and the
        calculator, the one rule, refuses a longer text from anywhere else."""
        at = _page("views/builder.py", "Organization")
        assert at.text_area(key=NOTES_KEY).proto.max_chars == MAX_NOTES_CHARS
        with pytest.raises(ScenarioError, match=f"notes: is too long \\({MAX_NOTES_CHARS + 1} characters; "
                                                f"the limit is {MAX_NOTES_CHARS}\\)"):
            edit(STARTER, {"notes": "x" * (MAX_NOTES_CHARS + 1)})


class TestExportsShowTheNotes:
    def test_the_exports_page_shows_the_notes_and_where_they_go(self):
        at = _page("views/exports.py")
        area = at.text_area(key=NOTES_KEY)
        assert area.value == STARTER.notes
        captions = " ".join(shown(c.value) for c in at.caption)
        assert "These notes go into the brief, the workbook and the CSV" in captions

    def test_notes_edited_on_the_exports_page_are_the_scenarios(self):
        at = _page("views/exports.py")
        at.text_area(key=NOTES_KEY).set_value(OUR_PLAN).run()
        assert not at.exception
        assert at.session_state["scenario"].notes == OUR_PLAN

    def test_empty_notes_say_that_nothing_is_printed(self):
        at = _page("views/exports.py")
        at.text_area(key=NOTES_KEY).set_value("").run()
        assert at.session_state["scenario"].notes == ""
        captions = " ".join(shown(c.value) for c in at.caption)
        assert "No notes: the brief, the workbook and the CSV carry none." in captions


def test_presenter_mode_shows_the_notes_as_text_without_the_editing_box():
    """Presenting hides the editing controls (README, Presenting); the notes are still read on the Exports page."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["presenter_mode"] = True
    at.run()
    at.switch_page("views/exports.py").run()
    assert not at.exception
    assert not [a for a in at.text_area if a.key == NOTES_KEY]
    assert any(STARTER.notes[:60] in shown(c.value) for c in at.caption)
