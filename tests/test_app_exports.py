"""AppTest tests of the Exports page: it draws without error and offers every download, building nothing."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from calculator import export, presets
from calculator.export import Export

APP = str(Path(__file__).parent.parent / "app.py")


def _exports_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    at.switch_page("pages/exports.py")
    at.run()
    return at


def _buttons(at: AppTest) -> list:
    return at.get("download_button")


def test_page_offers_every_download():
    at = _exports_page()
    assert not at.exception
    assert [t.value for t in at.title] == ["Exports"]
    labels = [b.proto.label for b in _buttons(at)]
    for expected in ("CFO brief (PDF)", "Deck (PowerPoint)", "Workbook (Excel)", "Weekly flows (CSV)",
                     "Results and assumptions (CSV)", "Scenario (JSON)"):
        assert expected in labels
    assert any(label.startswith("CFO pack (zip)") for label in labels)
    assert labels.count("PNG") == labels.count("SVG") == len(export.CHART_LABELS)


def test_buttons_defer_their_bytes_and_ignore_the_rerun():
    page = [b.proto for b in _buttons(_exports_page()) if "save_scenario" not in b.proto.id]
    assert page and all(p.ignore_rerun and not p.url and p.icon == ":material/download:" for p in page)


def test_files_are_named_after_the_scenario_and_built_only_on_click(monkeypatch):
    """Each button gets a callable: nothing is built while the page runs; called, it gives the file."""
    calls = []
    real = st.download_button

    def recording(label, data, file_name=None, mime=None, **kwargs):
        calls.append((label, data, file_name, mime))
        return real(label, data, file_name, mime, **kwargs)

    monkeypatch.setattr(st, "download_button", recording)
    built = []
    monkeypatch.setattr(export, "build", lambda *a, **k: built.append(a) or {})
    at = _exports_page()
    assert not at.exception
    page = [c for c in calls if c[2] != "scenario.json"]  # the sidebar's own Save button
    assert page and all(callable(data) for _, data, _, _ in page)
    assert built == []  # nothing built during the run

    scenario = presets.load_preset(presets.DEFAULT_PRESET)
    expected = {n for fmt in export.FORMATS for n in export.file_names(scenario.name, fmt)}
    assert {name for _, _, name, _ in page} == expected
    by_name = {name: (data, mime) for _, data, name, mime in page}
    json_data, json_mime = by_name[export.file_names(scenario.name, "json")[0]]
    assert json_data() == export.scenario_json(Export.of(scenario)) and json_mime == "application/json"
    weekly, _ = by_name[export.file_names(scenario.name, "csv")[0]]
    assert weekly() == export.weekly_csv(Export.of(scenario))
    svg, svg_mime = by_name[export.file_names(scenario.name, "svg")[0]]
    assert svg().startswith(b"<svg") and svg_mime == "image/svg+xml"
