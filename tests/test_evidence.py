"""Published evidence: the schema of data/evidence.csv and where a team's figures sit against it."""

from __future__ import annotations

import csv
import dataclasses
import importlib

import pytest

from calculator.analysis import evidence, evidence_row, evidence_sentence
from calculator.analysis.evidence import (
    EVIDENCE_COLUMNS,
    HOURS_BRACKETS,
    HOURS_BRACKETS_ROW,
    adoption_sentence,
    hours_sentence,
    share_reporting_less,
)
from calculator.analysis.uncertainty import input_role
from calculator.presets import DATA_DIR, load_preset, preset_names

# The module itself: the package exports its function ``evidence`` under the same name.
evidence_module = importlib.import_module("calculator.analysis.evidence")


class TestSchema:
    def test_columns_in_order(self):
        with open(DATA_DIR / "evidence.csv", newline="", encoding="utf-8") as fh:
            assert tuple(next(csv.reader(fh))) == EVIDENCE_COLUMNS

    def test_every_row_is_complete_and_unique(self):
        rows = evidence()
        assert len({r.id for r in rows}) == len(rows) >= 8
        for r in rows:
            for name in ("id", "source", "population", "measured", "figure", "confirmed_at", "note"):
                assert getattr(r, name).strip(), f"{r.id}.{name} is empty"
            assert 2020 <= r.year <= 2030, r.id
            if r.hours_per_person_per_week is not None:
                assert 0 < r.hours_per_person_per_week <= 40, r.id
            if r.adoption_share is not None:
                assert 0 < r.adoption_share <= 1, r.id

    def test_conversions_follow_the_figures(self):
        """26 min a day x 5 days = 130 min = 2.17 h; 1.4% x 40 h = 0.56 h; 2.8% x 40 h = 1.12 h."""
        assert evidence_row("uk-gds-copilot-hours").hours_per_person_per_week == pytest.approx(26 * 5 / 60, abs=0.01)
        assert evidence_row("bick-all-workers").hours_per_person_per_week == pytest.approx(0.014 * 40)
        assert evidence_row("humlum-vestergaard-2025").hours_per_person_per_week == pytest.approx(0.028 * 40)
        assert "2.2 hours" in evidence_row("bick-users-hours").figure
        assert evidence_row("bick-adoption").adoption_share == 0.23

    def test_the_brackets_are_the_rows(self):
        """The code's brackets restate the cited row: 33% / 26% / 20% / 21%, summing to 100%."""
        figure = evidence_row(HOURS_BRACKETS_ROW).figure
        for share in ("33%", "26%", "20%", "21%"):
            assert share in figure
        assert sum(share for _, share in HOURS_BRACKETS) == pytest.approx(1.0)

    def test_unknown_row(self):
        with pytest.raises(KeyError, match="no evidence row"):
            evidence_row("nobody-2024")

    @pytest.mark.parametrize("row_id, column, sentence", [
        ("bick-users-hours", "hours_per_person_per_week", lambda: hours_sentence(2.0)),
        ("uk-gds-copilot-adoption", "adoption_share", lambda: adoption_sentence(0.8)),
        ("bick-adoption", "adoption_share", lambda: adoption_sentence(0.5)),
    ])
    def test_a_compared_figure_left_blank_names_its_row(self, monkeypatch, row_id, column, sentence):
        """Reproduction (strict Optional typing): a blank cell read as None reached the arithmetic as a TypeError.

        The sentences compare against these rows' figures; a data file that leaves one blank must say which.
        """
        rows = tuple(dataclasses.replace(r, **{column: None}) if r.id == row_id else r for r in evidence())
        monkeypatch.setattr(evidence_module, "evidence", lambda: rows)
        with pytest.raises(ValueError, match=rf"evidence row {row_id!r} has no {column}"):
            sentence()


class TestPlacement:
    def test_the_articles_marketing_example(self):
        """3.75 h a week: above the 1, 2 and 3 hour brackets, 33% + 26% + 20% = 79%, about 4 in 5."""
        assert share_reporting_less(3.75) == pytest.approx(0.79)
        assert hours_sentence(3.75).startswith("3.75 h a week per adopter is above what 4 in 5 users report")

    @pytest.mark.parametrize("hours, start", [
        (0.5, "0.5 h a week per adopter is within what a third of users report"),
        (2.0, "2 h a week per adopter is about what the average user reports"),
        (3.0, "3 h a week per adopter is above what 3 in 5 users report (59% saved 2 hours or less"),
        (5.0, "5 h a week per adopter is at the top of what users report"),
    ])
    def test_hours(self, hours, start):
        assert hours_sentence(hours).startswith(start)

    @pytest.mark.parametrize("adoption, words", [
        (0.8, "matches the UK civil-service Copilot rollout"), (1.0, "is above the UK"),
        (0.5, "between unprompted use (23% of US workers in a week)"), (0.1, "at or below unprompted use"),
    ])
    def test_adoption(self, adoption, words):
        assert words in adoption_sentence(adoption)

    def test_one_sentence(self):
        text = evidence_sentence(2.0, 0.8)
        assert text.endswith(".") and "; 80% adoption matches" in text


class TestPresetRanges:
    """Every benefit range a shipped preset carries cites rows of the evidence table."""

    @staticmethod
    def _citations() -> dict:
        with open(DATA_DIR / "preset_range_evidence.csv", newline="", encoding="utf-8") as fh:
            return {(r["preset"], r["parameter"]): r for r in csv.DictReader(fh)}

    @pytest.mark.parametrize("name", preset_names())
    def test_benefit_ranges_are_on_by_default(self, name):
        """Reproduction (issue 14): the seeds ranged only price and weeks, so the Monte Carlo varied costs only."""
        fields = {path.split(".", 1)[1] for path, _, _ in load_preset(name).ranges}
        assert {"hours_saved_per_person_per_week", "adoption_rate", "productivity_recapture"} <= fields

    @pytest.mark.parametrize("name", preset_names())
    def test_every_benefit_range_cites_existing_rows(self, name):
        citations = self._citations()
        known = {row.id for row in evidence()}
        for path, low, high in load_preset(name).ranges:
            if input_role(path) != "benefit":
                continue
            cited = citations.get((name, path))
            assert cited, f"{name}: {path} has no row in data/preset_range_evidence.csv"
            assert (float(cited["low"]), float(cited["high"])) == (low, high), f"{name}: {path} cites other ends"
            ids = cited["evidence"].split(";")
            assert ids and set(ids) <= known, f"{name}: {path} cites unknown rows {set(ids) - known}"
            assert cited["reasoning"].strip()

    def test_no_citation_for_a_range_that_is_gone(self):
        for (name, path) in self._citations():
            assert path in {p for p, _, _ in load_preset(name).ranges}, f"{name}: {path} is cited but not ranged"


def test_no_internal_row_id_reaches_the_strategy_text():
    """Second walk: the Platform only strategy read "...near evidence row humlum-vestergaard-2025...". The
    hours credited per delivery model name their source as a reader would cite it."""
    from calculator import analysis, load_preset

    ids = [row.id for row in evidence()]
    for strategy in analysis.strategies(load_preset("seed-200-person-org"), analysis.adoption_rates()):
        text = f"{strategy.description} {strategy.hours_assumption or ''} {' '.join(strategy.sources)}"
        assert not [row_id for row_id in ids if row_id in text], text


class TestPresetCounterfactuals:
    """Methodology v3: every team of a shipped preset states what it would reach anyway, citing its evidence."""

    @staticmethod
    def _citations() -> dict:
        with open(DATA_DIR / "preset_counterfactual_evidence.csv", newline="", encoding="utf-8") as fh:
            return {(r["preset"], r["team"]): r for r in csv.DictReader(fh)}

    @pytest.mark.parametrize("name", preset_names())
    def test_every_team_cites_the_rows_its_counterfactual_comes_from(self, name):
        """Cited figures are the rows' own: adoption from the row's adoption share, hours from its hours; the
        seed's marketing workflow cites the source article, which says nothing would be saved anyway."""
        citations = self._citations()
        rows = {row.id: row for row in evidence()}
        for cohort in load_preset(name).cohorts:
            cited = citations.get((name, cohort.name))
            assert cited, f"{name}: {cohort.name} has no row in data/preset_counterfactual_evidence.csv"
            anyway = cohort.without_training
            assert (float(cited["adoption_rate"]), float(cited["hours_saved_per_person_per_week"])) == (
                anyway.adoption_rate, anyway.hours_saved_per_person_per_week)
            ids = cited["evidence"].split(";")
            assert set(ids) <= set(rows) | {"seed-article"}, ids
            if ids == ["seed-article"]:
                assert anyway.hours_per_person == 0.0
                continue
            adoption = [rows[i].adoption_share for i in ids if rows[i].adoption_share is not None]
            hours = [rows[i].hours_per_person_per_week for i in ids if rows[i].hours_per_person_per_week is not None]
            assert adoption == [anyway.adoption_rate] and hours == [anyway.hours_saved_per_person_per_week]
            assert cited["reasoning"].strip()
