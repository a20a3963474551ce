"""The Budget planner in the exports: the frontier chart as PNG/SVG, a section of the brief and a slide of the
deck when a budget is set; nothing changes when none is."""

from __future__ import annotations

import dataclasses
import io
import zipfile

import pytest
from pptx import Presentation
from pypdf import PdfReader

from calculator import export, load_preset
from calculator.export import Export
from calculator.planner import BudgetSettings, budget_view

SEED = load_preset("seed-200-person-org")
# Above the seed's fixed cash ($29,480 of program costs; literacy time is baseline): teams to choose.
BUDGET = BudgetSettings(250_000)


def _pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_chart_files_include_the_frontier_only_when_a_budget_is_set():
    without = export.build(Export.of(SEED), ["png", "svg"])
    with_budget = export.build(Export.of(SEED), ["png", "svg"], budget=BUDGET)
    base = "seed-200-person-organization-chart-budget"
    assert f"{base}.png" not in without and f"{base}.svg" not in without
    assert with_budget[f"{base}.png"][:8] == b"\x89PNG\r\n\x1a\n"
    assert b"What each budget buys" in with_budget[f"{base}.svg"]
    assert set(with_budget) - set(without) == {f"{base}.png", f"{base}.svg"}


def test_brief_states_what_the_budget_buys():
    view = budget_view(SEED, 250_000)
    text = " ".join(_pdf_text(export.brief_pdf(Export.of(SEED), budget=BUDGET.view(SEED))).split())
    assert "What the budget buys" in text
    assert " ".join(view.marginal.split())[:60] in text
    assert "What the budget buys" not in _pdf_text(export.brief_pdf(Export.of(SEED)))


def test_deck_adds_one_frontier_slide():
    plain = Presentation(io.BytesIO(export.deck_pptx(Export.of(SEED))))
    planned = Presentation(io.BytesIO(export.deck_pptx(Export.of(SEED), budget=BUDGET.view(SEED))))
    assert len(planned.slides) == len(plain.slides) + 1
    titles = [s.shapes.title.text for s in planned.slides if s.shapes.title is not None]
    assert "What each budget buys: the efficient frontier" in titles
    slide = next(s for s in planned.slides if s.shapes.title is not None
                 and s.shapes.title.text.startswith("What each budget buys"))
    assert budget_view(SEED, 250_000).marginal in slide.notes_slide.notes_text_frame.text


def test_pack_carries_the_budget_chart():
    names = zipfile.ZipFile(io.BytesIO(export.pack_zip(Export.of(SEED), budget=BUDGET))).namelist()
    assert any(n.endswith("charts/seed-200-person-organization-chart-budget.png") for n in names)


def test_a_budget_the_scenario_can_no_longer_meet_is_left_out():
    """The budget was set before literacy became a $7,000 fixed cost (200 x $35): $5,000 no longer fits."""
    unlicensed = dataclasses.replace(SEED, literacy=dataclasses.replace(SEED.literacy, already_licensed=False))
    files = export.build(Export.of(unlicensed), ["png", "pdf"], budget=BudgetSettings(5_000))
    assert not any("chart-budget" in n for n in files)
    pdf = next(v for n, v in files.items() if n.endswith(".pdf"))
    assert "What the budget buys" not in _pdf_text(pdf)
    # The Exports page's single brief and deck take the same plan: none, so they build without the section.
    assert export.budget_plan(unlicensed, BudgetSettings(5_000)) is None
    assert export.budget_plan(unlicensed, BudgetSettings(250_000)) is not None


def test_budget_chart_file_needs_a_budget():
    assert export.chart_file(Export.of(SEED), "budget", "svg", budget=BUDGET)[:4] == b"<svg"
    with pytest.raises(ValueError, match="set a budget on the Budget planner page"):
        export.chart_file(Export.of(SEED), "budget", "svg")
