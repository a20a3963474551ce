"""Exports, opened the way their users open them, with the calculator as the oracle.

Charts are parsed as images, CSVs re-read with pandas, the workbook is checked
in tests/test_workbook.py, the brief's text extracted with pypdf, the deck read back with
python-pptx, and the command line's ``main(argv)`` run in-process (one test starts ``python -m calculator``).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from cli_support import Done, run_cli, run_module
from export_cases import EVIL_NAMES, SEED, mixed_units, never_pays_back, spends_nothing
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from calculator import Cohort, Scenario, evaluate, export, load_preset
from calculator.analysis import lenses, uncertainty
from calculator.charts.pitch import PITCH_CHARTS
from calculator.export import Export
from calculator.export.common import headline, key_assumptions, takeaway
from calculator.export.render import WHATIF_CHARTS, chart_png, chart_title
from calculator.formatting import fte, hours, money, months, percent
from calculator.pitch import pitch_summary

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 3, 2)
DAY = "02 Mar 2026"


def names(fmt: str, scenario: Scenario = SEED) -> list[str]:
    return export.file_names(scenario.name, fmt)


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    """Every format for the seed scenario, built once."""
    return export.build(Export.of(SEED, AS_OF))


def _evil(name: str = EVIL_NAMES[0], team: str = EVIL_NAMES[3]) -> Scenario:
    return dataclasses.replace(SEED, name=name, cohorts=(dataclasses.replace(SEED.cohorts[0], name=team),
                                                         *SEED.cohorts[1:]))


# --------------------------------------------------------------------------- charts
def _svg_size(svg: bytes) -> tuple[int, int]:
    root = ET.fromstring(svg)
    return int(float(root.attrib["width"])), int(float(root.attrib["height"]))


class TestCharts:
    def test_every_chart_has_a_png_and_an_svg(self, files):
        expected = {f"chart-{n}" for n in (*PITCH_CHARTS, *WHATIF_CHARTS)}
        for fmt in ("png", "svg"):
            found = {n.rsplit("-chart-", 1)[1].rsplit(".", 1)[0] for n in files if n.endswith("." + fmt)}
            assert {f"chart-{n}" for n in found} == expected

    @pytest.mark.parametrize("chart", [*PITCH_CHARTS, *WHATIF_CHARTS])
    def test_png_is_twice_the_svg_and_both_carry_the_title(self, files, chart):
        png = files[f"seed-200-person-organization-chart-{chart}.png"]
        svg = files[f"seed-200-person-organization-chart-{chart}.svg"]
        image = Image.open(io.BytesIO(png))
        image.load()
        assert image.format == "PNG"
        width, height = _svg_size(svg)
        assert image.size == (2 * width, 2 * height)  # rendered at 2x
        assert width >= 640 and height >= 200
        assert "Title" not in image.info  # no hand-written text chunks: the image is what vl-convert drew
        text = svg.decode("utf-8").replace("&apos;", "'")
        assert SEED.name in text and DAY in text

    def test_pitch_png_is_the_pages_chart(self, files):
        """The file is rendered from the same builder the Pitch page draws."""
        chart = PITCH_CHARTS["cashflow"](evaluate(SEED), as_of=AS_OF)
        assert files["seed-200-person-organization-chart-cashflow.png"] == chart_png(chart)
        assert chart_title(chart)[0] == "Cumulative net value and paybacks"

    def test_whatif_chart_uses_the_pages_settings(self):
        """Reproduction (issue 9): the export ran its own 10,000 draws with seed 0 whatever the page showed."""
        from calculator.analysis import WhatIfSettings, simulate
        from calculator.charts.analysis import uncertainty_chart

        settings = WhatIfSettings(draws=1_000, seed=7, correlation=0.2)
        svg = export.chart_file(Export.of(SEED, AS_OF), "uncertainty", "svg", whatif=settings)
        page = uncertainty_chart(simulate(SEED, draws=1_000, seed=7, correlation=0.2), SEED.currency, SEED.name,
                                 AS_OF)
        assert svg == export.chart_svg(page)
        assert b"over 1,000 draws" in svg and b"Seed 7" in svg

    def test_one_whatif_chart_builds_only_itself(self, monkeypatch):
        """Reproduction (issue 9): one tornado PNG built all three What-if charts, a Monte Carlo included."""
        import calculator.analysis as analysis

        def no_simulation(*args, **kwargs):
            raise AssertionError("the tornado file must not run the Monte Carlo")

        monkeypatch.setattr(analysis, "simulate", no_simulation)
        assert export.chart_file(Export.of(SEED, AS_OF), "tornado", "svg").startswith(b"<svg")

    def test_scale(self):
        spec = {"width": 50, "height": 30, "mark": "bar", "data": {"values": [{"x": 1}]},
                "encoding": {"y": {"field": "x", "type": "quantitative"}}}
        one, two = (Image.open(io.BytesIO(chart_png(spec, scale=s))).size for s in (1, 2))
        assert two == (2 * one[0], 2 * one[1])

    def test_svg_escapes_user_text(self):
        scenario = dataclasses.replace(load_preset("seed-marketing-team"), name='<script>alert("x")</script> & co')
        svg = export.chart_file(Export.of(scenario, AS_OF), "cashflow", "svg")
        root = ET.fromstring(svg)  # still well-formed XML
        assert not any(el.tag.endswith("script") for el in root.iter())
        assert b"&lt;script&gt;" in svg


# --------------------------------------------------------------------------- CSV
class TestCsv:
    def test_weekly_rereads_to_the_calculators_numbers(self, files):
        frame = pd.read_csv(io.BytesIO(files["seed-200-person-organization-weekly.csv"]))
        expected = evaluate(SEED).weekly_frame()
        assert list(frame.columns) == list(expected.columns)
        for column in expected.columns:
            assert np.array_equal(frame[column].to_numpy(), expected[column].to_numpy()), column  # exact: repr floats

    def test_summary_rereads_to_the_calculators_numbers(self, files):
        frame = pd.read_csv(io.BytesIO(files["seed-200-person-organization-summary.csv"]), dtype=str,
                            keep_default_na=False)
        results = {row.item: row.value for row in frame.itertuples() if row.section == "result"}
        r = evaluate(SEED)

        def flat(key, value):  # by_team[0].npv, cost_by_tier.2, baseline.cost_by_line.fees
            if isinstance(value, dict):
                return [pair for sub, v in value.items() for pair in flat(f"{key}.{sub}", v)]
            if isinstance(value, list):
                return [pair for i, v in enumerate(value) for pair in flat(f"{key}[{i}]", v)]
            return [(key, value)]

        for key, value in r.to_dict().items():
            if key in ("scenario", "currency"):
                continue
            for item, v in flat(key, value):
                text = results[item]
                if isinstance(v, str):
                    assert text == v, item
                else:
                    assert (text == "") if v is None else (float(text) == v), item
        summary = pitch_summary(SEED)
        assert float(results["total_cost_range_low"]) == summary.cost_low
        assert float(results["total_cost_range_high"]) == summary.cost_high
        assert float(results["program_fees_range_low"]) == summary.fees_low == 84_000
        assert float(results["program_fees_range_high"]) == summary.fees_high == 280_000
        inputs = {row.item: row.value for row in frame.itertuples() if row.section == "assumption"}
        assert float(inputs["organization.loaded_hourly_cost"]) == SEED.organization.loaded_hourly_cost
        assert inputs["cohorts[6].name"] == SEED.cohorts[6].name
        assert inputs["literacy.learners"] == ""  # null: the whole headcount

    def test_v3_keys_and_inputs_are_rows_by_hand(self):
        """Methodology v3 in the summary CSV, one row per key and per input (a dict written as text on main).

        One team, 10 x $200 a week x 6 weeks = $12,000 of fees (before cost risk), x 1.1 = $13,200; its vendor's
        10% = $1,200 x 1.1 = $1,320; cash cost $14,520; baseline literacy 20 x $30 x 1 month = $600 x 1.1 = $660;
        whole program cost $15,180; 10 x 0.5 x 1 h x 52 = 260 hours a year the team would save anyway.
        """
        from calculator import Finance, Literacy, Organization
        from calculator.scenario import OtherCost, WithoutTraining

        team = Cohort(name="Team", team_size=10, price=200.0, engagement_weeks=6, adoption_rate=0.8,
                      hours_saved_per_person_per_week=3.0, without_training=WithoutTraining(0.5, 1.0))
        scenario = Scenario(
            organization=Organization(headcount=20), cohorts=(team,),
            finance=Finance(horizon_months=12, include_participant_time=False, cost_risk_adjustment=0.1),
            literacy=Literacy(baseline=True, seat_price_per_month=30.0),
            other_costs=(OtherCost(name="Vendor", share_of_fees=0.1), OtherCost(name="Admin", amount=500.0)))
        frame = pd.read_csv(io.BytesIO(export.summary_csv(Export.of(scenario))), dtype=str, keep_default_na=False)
        rows = {row.item: (row.value, row.unit, row.note) for row in frame.itertuples()}
        figures = {"program_fees": 12_000, "cost_by_line.fees": 13_200, "cost_by_line.other": 1_320 + 500 * 1.1,
                   "cash_cost": 14_520 + 550, "baseline.cost_by_line.fees": 660, "baseline.total_cost": 660,
                   "program.total_cost": 15_180 + 550, "annual_hours_without_training": 260}
        assert {key: float(rows[key][0]) for key in figures} == pytest.approx(figures, rel=1e-12)
        assert rows["annual_hours_without_training"][1] == "hours a year" and rows["program.roi_pv_pct"][1] == "%"
        assert rows["program.payback_months"][1] == "months" and rows["baseline.npv"][1] == "USD"
        assert not any(value.startswith("{") for value, _, _ in rows.values())
        assert rows["literacy.baseline"][0] == "true"
        assert float(rows["cohorts[0].without_training.adoption_rate"][0]) == 0.5
        assert float(rows["cohorts[0].without_training.hours_saved_per_person_per_week"][0]) == 1.0
        assert float(rows["other_costs[0].share_of_fees"][0]) == 0.1 and rows["other_costs[0].baseline"][0] == "false"
        assert rows["other_costs[1].share_of_fees"] == ("", "", "empty: a fixed amount, not a share of the fees")
        assert float(rows["ai_tools.seat_price_per_month"][0]) == 30.0

    def test_null_results_are_empty_with_a_note(self):
        data = export.summary_csv(Export.of(never_pays_back()))
        frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
        row = frame[frame["item"] == "payback_months"].iloc[0]
        assert row["value"] == "" and "does not pay back" in row["note"]


# --------------------------------------------------------------------------- formula injection
def _csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


class TestInjection:
    @pytest.mark.parametrize("evil", EVIL_NAMES)
    def test_csv_keeps_user_text_inert_and_numbers_numeric(self, evil):
        scenario = _evil(evil, evil)
        rows = _csv_rows(export.summary_csv(Export.of(scenario)))
        texts = {row[1]: row[2] for row in rows}
        assert texts["name"] == "'" + evil
        assert texts["cohorts[0].name"] == "'" + evil
        for row in rows[1:]:  # nothing a spreadsheet would run, except plain numbers (negatives included)
            if row[2][:1] in ("=", "+", "-", "@", "\t", "\r"):
                float(row[2])
        assert float(texts["net_benefit"]) == evaluate(scenario).net_benefit
        weekly = _csv_rows(export.weekly_csv(Export.of(scenario)))
        assert all(float(v) == float(v) for row in weekly[1:] for v in row)
        assert any(row[4].startswith("-") for row in weekly[1:])  # negative nets stay numbers

    def test_odd_characters_do_not_break_any_file(self):
        """Validation refuses control characters and lone surrogates in names; a Scenario built in code
        skips validation, so every format must still build (vl-convert aborts the process on a control
        character in a title)."""
        from calculator import Scenario, ScenarioError, loads

        with pytest.raises(ScenarioError):
            loads('{"name": "Team\\u0001"}')
        scenario = Scenario(name="Team\x01\x0b Z\u00fcrich \u65e5\u672c \U0001F600 \ud800",
                            cohorts=(Cohort(name="Ops\x1f", hours_saved_per_person_per_week=2),))
        built = export.build(Export.of(scenario, AS_OF))
        assert set(built) == {n for f in export.FORMATS for n in names(f, scenario)}
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(built[names("pdf", scenario)[0]])).pages)
        assert "Zürich" in text
        wb = openpyxl.load_workbook(io.BytesIO(built[names("xlsx", scenario)[0]]))
        assert wb["Summary"]["B2"].value.startswith("Team\ufffd\ufffd Zürich 日本")


# --------------------------------------------------------------------------- PDF brief
class TestBrief:
    def test_text_holds_the_headline_numbers(self, files):
        reader = PdfReader(io.BytesIO(files["seed-200-person-organization-cfo-brief.pdf"]))
        assert 1 <= len(reader.pages) <= 2
        text = " ".join(page.extract_text() for page in reader.pages)
        r = evaluate(SEED)
        summary_v3 = pitch_summary(SEED)  # methodology v3: the bracket, cash cost, baseline and whole program
        for expected in (money(r.cash_cost, exact=True), money(r.baseline["total_cost"], exact=True),
                         money(r.program["npv"], exact=True), money(summary_v3.npv_pessimistic, exact=True),
                         money(summary_v3.npv_optimistic, exact=True)):
            assert expected in text, expected
        for expected in (SEED.name, money(r.total_cost, exact=True), money(r.total_benefit, exact=True),
                         money(r.npv, exact=True), percent(r.roi_pct),
                         months(r.payback_months), hours(r.annual_hours_saved), fte(r.fte_returned),
                         "$84,000 to $280,000", money(r.cost_by_tier["2"], exact=True),
                         money(r.program_fees, exact=True), money(r.cash_benefit, exact=True),
                         money(r.capacity_benefit, exact=True), money(r.cash_npv, exact=True), percent(r.roi_pv_pct),
                         months(r.cash_payback_months),
                         money(r.benefit_by_tier["3"], exact=True), "BLS", "Methodology", DAY):
            assert expected in text, expected
        assert sum(len(page.images) for page in reader.pages) == 2  # the J-curve and the Monte Carlo
        for lens in lenses(SEED):  # issue 14: the three lenses' figures beside the headline
            assert lens.name in text and money(lens.npv, exact=True) in text
        summary = uncertainty(SEED, 10_000, 0)
        assert "How sure are we?" in text and money(summary.npv.p10) in text
        assert reader.metadata.title == f"CFO brief: {SEED.name}"

    def test_a_large_plan_still_fits_three_pages(self):
        """Every delivery model, a 200-character name and 2,000 characters of notes: at most three pages.

        The brief holds the lens row and the Monte Carlo since issue 14; the shipped presets still fit
        two pages (test_presets_fit_two_pages), a plan with many teams' assumptions may take a third."""
        scenario = dataclasses.replace(mixed_units(), name="A very long scenario name " * 7 + "end",
                                       notes="n" * 1999 + ".")
        reader = PdfReader(io.BytesIO(export.brief_pdf(Export.of(scenario))))
        assert len(reader.pages) <= 3

    @pytest.mark.parametrize("name", ["seed-200-person-org", "seed-marketing-team", "starter-300-person-pilots"])
    def test_presets_fit_two_pages(self, name):
        assert len(PdfReader(io.BytesIO(export.brief_pdf(Export.of(load_preset(name))))).pages) <= 2

    def test_every_key_assumption_and_source_is_listed(self, files):
        text = " ".join(p.extract_text() for p in PdfReader(
            io.BytesIO(files["seed-200-person-organization-cfo-brief.pdf"])).pages).replace("\n", " ")
        for label, value, _source in key_assumptions(Export.of(SEED, AS_OF)):
            assert label.split(":")[0] in text and value.split(",")[0] in text, label

    def test_without_a_unicode_font_names_degrade_instead_of_failing(self, monkeypatch):
        from calculator.export import brief as export_brief

        monkeypatch.setattr(export_brief, "unicode_fonts", lambda: None)
        scenario = dataclasses.replace(spends_nothing(), name="Zürich — 日本語 team")
        text = PdfReader(io.BytesIO(export.brief_pdf(Export.of(scenario)))).pages[0].extract_text()
        assert "Zürich - ??? team" in text


# --------------------------------------------------------------------------- PPTX deck
class TestDeck:
    def test_slides_and_numbers(self, files):
        deck = Presentation(io.BytesIO(files["seed-200-person-organization-deck.pptx"]))
        slides = list(deck.slides)
        titles = [s.shapes.title.text for s in slides]
        assert titles[0] == SEED.name
        assert titles[1] == "Headline numbers"
        chart_titles = [chart_title(build(evaluate(SEED)))[0] for build in PITCH_CHARTS.values()]
        assert titles[2] == "The conservative readings"  # issue 14: the lens row after the headline
        assert titles[3] == "Same money, spent differently"  # issue 20: one budget spent each way
        assert titles[4:4 + len(PITCH_CHARTS)] == chart_titles
        assert titles[4 + len(PITCH_CHARTS)].startswith("How sure are we?")  # the corrected uncertainty chart
        assert titles[5 + len(PITCH_CHARTS)] == "Key assumptions and their sources"
        assert titles[-1] == "Next steps: the first 90 days"

        table = next(sh.table for sh in slides[1].shapes if sh.has_table)
        shown = {table.cell(i, 0).text: table.cell(i, 1).text for i in range(1, len(table.rows))}
        assert shown == dict(headline(Export.of(SEED, AS_OF)))
        assert shown["Decision cost, fully loaded"] == money(evaluate(SEED).total_cost, exact=True)

        ex = Export.of(SEED, AS_OF)
        lens_table = next(sh.table for sh in slides[2].shapes if sh.has_table)
        assert [lens_table.cell(i, 0).text for i in range(1, 4)] == [lens.name for lens in lenses(SEED)]
        conservative = " ".join(sh.text_frame.text for sh in slides[2].shapes if sh.has_text_frame)
        assert ex.summary.bracket_sentence in conservative  # pessimistic to optimistic
        from calculator.analysis.strategies import strategies

        money_table = next(sh.table for sh in slides[3].shapes if sh.has_table)
        rows = strategies(SEED)
        assert [money_table.cell(i + 1, 1).text for i in range(len(rows))] == [money(r.npv) for r in rows]
        assert f"cash budget of {money(rows[0].budget)}" in " ".join(
            sh.text_frame.text for sh in slides[3].shapes if sh.has_text_frame)
        assert "Where each strategy's adoption and hours come from" in slides[3].notes_slide.notes_text_frame.text
        for slide, name in zip(slides[4:], PITCH_CHARTS):
            assert sum(sh.shape_type == 13 for sh in slide.shapes) == 1  # one picture
            texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
            assert takeaway(ex, name) in texts
            assert slide.notes_slide.notes_text_frame.text.startswith(takeaway(ex, name))  # then the sources
        payback = evaluate(SEED).payback_months
        assert (months(payback) if payback else "back") in takeaway(ex, "cashflow")

    def test_shapes_stay_on_the_slide(self, files):
        deck = Presentation(io.BytesIO(files["seed-200-person-organization-deck.pptx"]))
        for slide in deck.slides:
            for shape in slide.shapes:
                assert shape.left >= 0 and shape.top >= 0
                assert shape.left + shape.width <= deck.slide_width, shape.name
                assert shape.top + shape.height <= deck.slide_height, shape.name


# --------------------------------------------------------------------------- pack, JSON, one evaluation
class TestPack:
    def test_zip_holds_every_other_file(self, files):
        archive = zipfile.ZipFile(io.BytesIO(files["seed-200-person-organization-cfo-pack.zip"]))
        inside = {Path(n).name for n in archive.namelist()}
        others = {n for n in files if not n.endswith(".zip")}
        assert inside == others | {"README.txt"}
        assert archive.read("seed-200-person-organization-cfo-pack/seed-200-person-organization-weekly.csv") == \
            files["seed-200-person-organization-weekly.csv"]
        assert pitch_summary(SEED).sentence in archive.read("seed-200-person-organization-cfo-pack/README.txt").decode()

    def test_scenario_json_loads_back(self, files):
        from calculator import loads

        assert loads(files["seed-200-person-organization-scenario.json"].decode("utf-8")) == SEED

    def test_a_summary_already_computed_gives_the_same_files(self):
        """The Pitch page's summary (Export.from_summary) and a fresh evaluation (Export.of) give one file."""
        fresh, shown = Export.of(SEED, AS_OF), Export.from_summary(pitch_summary(SEED), AS_OF)
        for build in (export.summary_csv, export.weekly_csv, export.scenario_json):
            assert build(shown) == build(fresh), build.__name__

    def test_one_evaluation_feeds_every_file(self, monkeypatch):
        from calculator.export import common as export_common

        calls = []
        real = export_common.pitch_summary
        monkeypatch.setattr(export_common, "pitch_summary", lambda s: calls.append(s) or real(s))
        ex = Export.of(load_preset("seed-marketing-team"))
        export.build(ex, [f for f in export.FORMATS if f not in ("png", "svg")])
        assert len(calls) == 1

    def test_unknown_format(self):
        with pytest.raises(ValueError, match="unknown format 'docx'"):
            export.build(Export.of(SEED), ["docx"])


# --------------------------------------------------------------------------- command line
def run(*args) -> Done:
    return run_cli("export", *args)


class TestCli:
    def test_writes_exactly_the_requested_formats(self, tmp_path):
        out = tmp_path / "new" / "dir"
        done = run("--preset", "seed-marketing-team", "--out", out, "--formats", "csv,json,pdf")
        assert done.returncode == 0, done.stderr
        scenario = load_preset("seed-marketing-team")
        expected = {*names("csv", scenario), *names("json", scenario), *names("pdf", scenario)}
        assert {p.name for p in out.iterdir()} == expected
        assert {Path(line).name for line in done.stdout.splitlines()} == expected

    def test_all_formats_by_default(self, tmp_path):
        """``python -m calculator export`` itself, as a user starts it: the renderers load in a fresh process."""
        path = ROOT / "data" / "presets" / "seed-marketing-team.json"
        done = run_module("export", path, "--out", tmp_path)
        assert done.returncode == 0, done.stderr
        scenario = load_preset("seed-marketing-team")
        assert {p.name for p in tmp_path.iterdir()} == {n for f in export.FORMATS for n in names(f, scenario)}

    def _bad(self, done: Done, *starts: str) -> None:
        assert done.returncode == 2 and done.stdout == "" and "Traceback" not in done.stderr
        lines = done.stderr.splitlines()
        for start in starts:
            assert any(line.startswith(start) for line in lines), (start, lines)

    def test_bad_scenario_and_unknown_formats_are_all_reported(self, tmp_path):
        bad = tmp_path / "bad.json"
        bad.write_text('{"cohorts": [{"team_size": 0}]}')
        out = tmp_path / "out"
        done = run(bad, "--out", out, "--formats", "png,docx,gif")
        self._bad(done, "cohorts[0].team_size: must be >= 1, got 0", "--formats: unknown format 'docx'",
                  "--formats: unknown format 'gif'")
        assert len(done.stderr.splitlines()) == 3
        assert not out.exists()

    def test_unknown_format_alone(self, tmp_path):
        self._bad(run("--preset", "seed-marketing-team", "--out", tmp_path / "o", "--formats", "docx"),
                  "--formats: unknown format 'docx' (known: png, svg, csv, xlsx, pdf, pptx, json, zip)")

    def test_unknown_preset_and_out_is_a_file(self, tmp_path):
        target = tmp_path / "file.txt"
        target.write_text("x")
        self._bad(run("--preset", "nope", "--out", target), "--preset: unknown preset 'nope'",
                  f"--out: {target} exists and is not a directory")

    def test_out_is_required(self):
        self._bad(run("--preset", "seed-marketing-team"), "error: the following arguments are required: --out")


def test_actuals_are_flattened_in_the_summary_csv():
    """Pilot actuals read one row per measured quantity, not as a Python object."""
    import dataclasses

    from calculator import Actuals, load_preset
    from calculator.export.tables import assumption_items, null_note

    s = load_preset("seed-marketing-team")
    s = dataclasses.replace(s, cohorts=(dataclasses.replace(s.cohorts[0], actuals=Actuals(workflows_built=3)),))
    items = dict(assumption_items(s))
    assert items["cohorts[0].actuals.workflows_built"] == 3
    assert items["cohorts[0].actuals.observed_adoption_rate"] is None
    assert null_note("cohorts[0].actuals.observed_adoption_rate") == "empty: not measured yet"
    assert not any("Actuals(" in str(v) for v in items.values())


def test_ninety_day_report_is_in_the_brief_and_the_pack():
    import zipfile

    from calculator import load_preset
    from calculator.rollout.ninety_day import ninety_day_report

    scenario = load_preset("seed-200-person-org")
    report = ninety_day_report(scenario)
    built = export.build(Export.of(scenario, AS_OF), ["pdf", "zip"])
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(built[names("pdf", scenario)[0]])).pages)
    assert "The first 90 days" in text
    assert "3 teams coached, 15 workflows expected (the guide's benchmark" in " ".join(text.split())
    pack = zipfile.ZipFile(io.BytesIO(built[names("zip", scenario)[0]]))
    readme = pack.read(next(n for n in pack.namelist() if n.endswith("README.txt"))).decode()
    assert report in readme


# --------------------------------------------------------------------------- the Pitch page's warnings
def _words(text: str) -> str:
    return " ".join(text.split())


def _brief_text(pdf: bytes) -> str:
    return _words(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def _deck_text(pptx: bytes) -> str:
    deck = Presentation(io.BytesIO(pptx))
    parts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return _words(" ".join(parts))


def _at_horizon(scenario: Scenario, months_: int) -> Scenario:
    return dataclasses.replace(scenario, finance=dataclasses.replace(scenario.finance, horizon_months=months_))


class TestPitchWarnings:
    """Every warning the Pitch page shows (PitchSummary.warnings) is printed in the brief and the deck."""

    def test_spend_after_a_one_month_horizon_is_in_the_brief_and_the_deck(self):
        """One coaching team of 10 at $200 a week for 8 weeks; a 1-month horizon is 52 / 12 = 4.33, so 4 weeks.
        Weeks 5-8 fall after it: 4 x 10 x $200 = $8,000 committed and left out of the totals
        (the totals hold weeks 1-4: 4 x 10 x $200 = $8,000 too)."""
        team = Cohort(name="Sales", team_size=10, price=200, engagement_weeks=8)
        scenario = Scenario(name="Short horizon", literacy=dataclasses.replace(SEED.literacy, enabled=False),
                            cohorts=(team,), finance=dataclasses.replace(Scenario().finance, horizon_months=1))
        ex = Export.of(scenario, AS_OF)
        expected = ("$8,000 of committed spend falls after the 1-month horizon and is not in the totals: "
                    "Sales $8,000.")
        assert ex.summary.warnings == (expected,)
        assert ex.result.total_cost == pytest.approx(8_000)
        assert expected in _brief_text(export.brief_pdf(ex))
        assert expected in _deck_text(export.deck_pptx(ex))

    def test_the_default_preset_at_one_month_keeps_every_warning_and_two_pages(self):
        """The analyst's case: the app's default scenario with finance.horizon_months = 1."""
        ex = Export.of(_at_horizon(load_preset("starter-300-person-pilots"), 1), AS_OF)
        assert ex.summary.warnings and "committed spend falls after the 1-month horizon" in ex.summary.warnings[0]
        pdf = export.brief_pdf(ex)
        assert len(PdfReader(io.BytesIO(pdf)).pages) <= 2
        brief, deck = _brief_text(pdf), _deck_text(export.deck_pptx(ex))
        for warning in ex.summary.warnings:
            assert _words(warning) in brief
            assert _words(warning) in deck


class TestFullyLoadedAssumptions:
    """What drives the fully loaded headline is in the brief's and the deck's assumptions table."""

    STARTER = load_preset("starter-300-person-pilots")

    def test_cost_risk_seats_other_costs_and_cash_share_are_listed(self):
        """The default preset (starter, 24 months = 104 weeks, cost risk 10%):
        - AI seats, not licensed: 18 pilot members (Tier 2) from week 3 to week 104 = 102 weeks at
          $30 x 12 / 52 a week: 18 x $6.923 x 102 = $12,710.77, x 1.1 = $13,981.85 -> $13,982
          (literacy's adoption is 0, so it needs no seats);
        - other program costs: $6,240 program management + $3,600 measurement = $9,840 before cost risk;
        - cash shares: Marketing pilot 0%, Finance pilot 30%."""
        rows = {label: (value, source) for label, value, source in key_assumptions(Export.of(self.STARTER, AS_OF))}
        assert rows["Cost risk adjustment"][0] == "10% added to every cost line"
        assert rows["AI tool seats"][0] == "$30 a seat a month, not licensed yet: $13,982 over 24 months with cost risk"
        assert "Microsoft 365 Copilot" in rows["AI tool seats"][1]
        assert rows["Other program costs"][0] == "$9,840 before cost risk (2 items)"
        assert rows["Other program costs"][1] == "Your estimates: Program management; Measurement and evaluation"
        assert rows["Cash share of value"][0] == "Marketing pilot 0%, Finance pilot 30%"

    def test_the_brief_and_the_deck_print_them_and_the_brief_keeps_two_pages(self):
        ex = Export.of(self.STARTER, AS_OF)
        pdf = export.brief_pdf(ex)
        assert len(PdfReader(io.BytesIO(pdf)).pages) <= 2
        brief, deck = _brief_text(pdf), _deck_text(export.deck_pptx(ex))
        for expected in ("Cost risk adjustment", "10% added to every cost line", "AI tool seats",
                         "$30 a seat a month, not licensed yet: $13,982 over 24 months",
                         "Other program costs", "$9,840 before cost risk (2 items)",
                         "Cash share of value", "Marketing pilot 0%, Finance pilot 30%"):
            assert expected in brief, expected
            assert expected in deck, expected

    def test_licensed_seats_and_no_other_costs_say_so(self):
        """Seats already licensed: $0 incremental; no other costs entered; every team at one cash share."""
        scenario = dataclasses.replace(self.STARTER, ai_tools=dataclasses.replace(self.STARTER.ai_tools,
                                                                                  already_licensed=True),
                                       other_costs=(), cohorts=tuple(dataclasses.replace(c, cash_share=0.25)
                                                                     for c in self.STARTER.cohorts))
        rows = {label: value for label, value, _ in key_assumptions(Export.of(scenario, AS_OF))}
        assert rows["AI tool seats"] == "already licensed: $0 incremental"
        assert rows["Other program costs"] == "none entered"
        assert rows["Cash share of value"] == "25% for every team"
