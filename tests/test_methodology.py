"""The methodology's one wording (calculator/methodology.py) and every place that states it.

The page, the PDF brief, the workbook's How to audit sheet, the command line and README's list must all
render this source: each test below would fail if one of them kept a wording of its own.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from calculator import editing, export, load_preset, methodology
from calculator.model import horizon_weeks
from calculator.scenario import Finance, Organization, Scenario

ROOT = Path(__file__).resolve().parent.parent
SEED = load_preset("seed-200-person-org")


def _words(text: str) -> str:
    """Text with every run of whitespace as one space (PDF extraction breaks lines where it wraps them)."""
    return re.sub(r"\s+", " ", text).strip()


class TestSource:
    def test_keys_are_unique_and_a_part_follows_a_numbered_section(self):
        keys = [s.key for s in methodology.SECTIONS]
        assert len(keys) == len(set(keys))
        assert methodology.SECTIONS[0].level == 1 and {s.level for s in methodology.SECTIONS} == {1, 2}

    def test_headings_number_only_top_level_sections(self):
        headings = [h for h, _ in methodology.numbered()]
        assert headings[:4] == ["1. The weekly grid", "2. Costs", "3. Benefits", "4. Results"]
        assert "Edge rules an auditor will ask about" in headings  # a part: no number of its own
        top = [h for h, s in methodology.numbered() if s.level == 1]
        assert [int(h.split(".")[0]) for h in top] == list(range(1, len(top) + 1))

    @pytest.mark.parametrize("section", methodology.SECTIONS, ids=lambda s: s.key)
    def test_every_detail_renders_with_no_placeholder_left(self, section):
        text = methodology.detail_markdown(section, SEED)
        assert text.strip() and "{" not in text and "}" not in text

    def test_short_forms_are_one_sentence_of_plain_text(self):
        shorts = [s.short for s in methodology.SECTIONS if s.short]
        assert len(shorts) >= 6
        for short in shorts:
            assert short.endswith(".") and not re.search(r"\.\s+[A-Z]", short), short
            assert "**" not in short and "`" not in short, short  # plain: the PDF and the workbook print it as is

    def test_the_brief_takes_four_rules(self):
        assert [s.key for s in methodology.brief_sections()] == ["benefits", "fully_loaded", "cash", "decision"]

    def test_capacity_is_never_called_savings(self):
        """Every 'savings' in the whole text is 'never savings': hours and FTE are capacity, not cash."""
        text = " ".join([methodology.INTRO, *(s.detail + " " + s.short + " " + s.worked_check
                                               for s in methodology.SECTIONS)])
        uses = re.findall(r"(\w+)\s+savings", text, flags=re.IGNORECASE)
        assert uses and all(word.lower() == "never" for word in uses), uses

    def test_the_contract_is_not_called_version_1(self):
        """The page once said the app follows 'docs/MODEL.md, version 1'; it follows v1 and v2."""
        intro = methodology.intro_markdown()
        assert "version 1" not in intro and "methodology v2" in intro

    def test_the_intro_states_the_scenarios_own_grid(self):
        """W = 48 and 18 months: 18 x 48 / 12 = 72 weeks."""
        scenario = editing.edit(Scenario(), {"organization.working_weeks_per_year": 48, "finance.horizon_months": 18})
        assert horizon_weeks(scenario) == 72
        intro = _words(methodology.intro_markdown(scenario))
        assert "W = 48 working weeks a year" in intro and "18 months = 72 weeks" in intro

    def test_defaults_come_from_the_scenario_defaults(self):
        """The BLS figure and the guide's FTE year, as the scenario format's defaults are (MODEL.md)."""
        text = methodology.detail_markdown(methodology.section("defaults"))
        assert "Loaded hourly cost $45.65" in text
        assert "2,080 hours per FTE year" in text
        assert (Organization().loaded_hourly_cost, Organization().hours_per_fte_year) == (45.65, 2080)

    def test_a_one_month_horizon_reads_in_the_singular(self):
        """1 month x 52 / 12 = 4.33, rounded to 4 weeks: "1 month = 4 weeks" (it read "1 months")."""
        scenario = Scenario(finance=Finance(horizon_months=1))
        assert "1 month = 4 weeks" in _words(methodology.intro_markdown(scenario))

    def test_worked_check_is_the_models_own_number(self):
        """8 x 3.75 x 52 = 1,560 hours a year, / 2,080 = 0.75 FTE: the marketing seed gives the same."""
        from calculator import evaluate

        result = evaluate(load_preset("seed-marketing-team"))
        check = methodology.section("results").worked_check
        assert f"{result.annual_hours_saved:,.0f} hours a year" in check and f"{result.fte_returned:g} FTE" in check

    def test_an_unknown_section_is_named(self):
        with pytest.raises(KeyError, match="no methodology section 'nope'"):
            methodology.section("nope")


class TestReadme:
    def test_readme_block_is_the_source(self):
        """README's "In short" list is generated: run `python scripts/sync_readme.py` after editing the source."""
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        start, end = methodology.README_MARKERS
        block = readme.split(start)[1].split(end)[0]
        assert block == "\n" + methodology.readme_markdown(), "run: python scripts/sync_readme.py"

    def test_the_block_needs_both_markers(self):
        with pytest.raises(ValueError, match="must hold"):
            methodology.with_readme_block("no markers here")

    def test_the_sync_script_reports_an_outdated_block_and_rewrites_it(self, tmp_path):
        """The script run on a copy of the repository's README with one rule reworded by hand."""
        (tmp_path / "scripts").mkdir()
        (tmp_path / "scripts" / "sync_readme.py").write_text(
            (ROOT / "scripts" / "sync_readme.py").read_text(encoding="utf-8"), encoding="utf-8")
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        stale = readme.replace(methodology.section("cash").short, "Hours saved are cash savings.")
        assert stale != readme
        (tmp_path / "README.md").write_text(stale, encoding="utf-8")
        env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}

        def run(*args: str) -> subprocess.CompletedProcess:
            return subprocess.run([sys.executable, str(tmp_path / "scripts" / "sync_readme.py"), *args],
                                  capture_output=True, text=True, timeout=60, env=env)

        assert run("--check").returncode == 1
        assert (tmp_path / "README.md").read_text(encoding="utf-8") == stale
        assert run().returncode == 0
        assert (tmp_path / "README.md").read_text(encoding="utf-8") == readme
        assert run("--check").returncode == 0

    def test_the_command_line_prints_the_same_list(self):
        from calculator.__main__ import main

        for args, expected in ((["methodology", "--markdown"], methodology.readme_markdown()),
                               (["methodology"], "".join(line + "\n" for line in methodology.short_forms()))):
            buffer = io.StringIO()
            stdout, sys.stdout = sys.stdout, buffer
            try:
                assert main(args) == 0
            finally:
                sys.stdout = stdout
            assert buffer.getvalue() == expected


class TestExports:
    def test_the_briefs_methodology_is_the_source_and_nothing_else(self):
        """Between the heading and the footer the brief prints exactly the brief's short forms."""
        pages = PdfReader(io.BytesIO(export.brief_pdf(export.Export.of(SEED)))).pages
        text = _words(" ".join(page.extract_text() for page in pages))
        heading = f"Methodology in short ({methodology.CONTRACT}, {methodology.LABEL})"
        assert heading in text
        printed = text.split(heading)[1].split("AI-training ROI calculator, ")[0]
        expected = " ".join(f"{s.title}: {s.short}" for s in methodology.brief_sections())
        assert _words(printed) == _words(expected)

    def test_the_workbooks_rules_are_the_source_and_nothing_else(self):
        book = openpyxl.load_workbook(io.BytesIO(export.workbook_bytes(export.Export.of(SEED))))
        column = [row[0] for row in book["How to audit"].iter_rows(values_only=True)]
        first = next(i for i, text in enumerate(column) if text and text.startswith("Rules ("))
        assert methodology.CONTRACT in column[first] and methodology.LABEL in column[first]
        rules = column[first + 1:next(i for i in range(first + 1, len(column)) if not column[i])]
        assert tuple(rules) == methodology.short_forms()

    def test_deck_and_pack_name_the_methodology_by_its_label(self):
        from pptx import Presentation

        from calculator.analysis import WhatIfSettings
        from calculator.export import _pack

        deck = Presentation(io.BytesIO(export.deck_pptx(export.Export.of(SEED))))
        slide_text = " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                              if shape.has_text_frame)
        assert f"· {methodology.LABEL} ·" in slide_text
        with zipfile.ZipFile(io.BytesIO(_pack({}, export.Export.of(SEED), "seed", WhatIfSettings()))) as archive:
            readme = archive.read("seed-cfo-pack/README.txt").decode()
        assert f"calculator ({methodology.LABEL})." in readme
