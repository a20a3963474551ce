"""The CFO brief: a one-to-two-page PDF (fpdf2) with the headline numbers, the J-curve,
cost and value by tier, the key assumptions with their sources and the methodology's main rules
in short (their one wording is :mod:`calculator.methodology`).

Text is set in DejaVu Sans when the system has it (any script a team name may
use); otherwise in the PDF's core Helvetica, with characters it cannot show
replaced, so no name can make the export fail.
"""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from ..analysis import WhatIfSettings
from ..methodology import CONTRACT, LABEL, brief_sections
from ..presets import printed_notes
from .common import Export, headline, key_assumptions, tier_rows
from .render import chart_png
from .whatif import lens_rows, uncertainty_figure, varied_text

if TYPE_CHECKING:
    from ..analysis import UncertaintySummary
    from ..planner import BudgetView  # the planner (scipy) loads only where a budget is set

FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "/usr/share/fonts/truetype", "/Library/Fonts",
             "C:/Windows/Fonts")
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
_ASCII_FALLBACK = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"',
                                 "\u201d": '"', "\u2026": "...", "\u20ac": "EUR", "\u2212": "-"})
NOTES_LIMIT = 300  # characters of the scenario's notes the brief prints, to stay within two pages
GREY = (90, 90, 90)
BLUE = (0, 114, 178)  # Okabe-Ito blue, as on the charts
WARNING = (166, 74, 0)  # Okabe-Ito vermillion, darkened to read as body text


@cache
def unicode_fonts() -> tuple[str, str] | None:
    """Paths of DejaVu Sans regular and bold, if installed (searched once).

    >>> fonts = unicode_fonts()
    >>> fonts is None or all(p.endswith(".ttf") for p in fonts)
    True
    """
    for root in FONT_DIRS:
        base = Path(root)
        if not base.is_dir():
            continue
        regular = next(iter(sorted(base.rglob("DejaVuSans.ttf"))), None)
        if regular is not None and (regular.parent / "DejaVuSans-Bold.ttf").exists():
            return str(regular), str(regular.parent / "DejaVuSans-Bold.ttf")
    return None


class _Brief(FPDF):
    def __init__(self, ex: Export):
        super().__init__(format="A4")
        self.ex = ex
        fonts = unicode_fonts()
        if fonts:
            self.add_font("Body", "", fonts[0])
            self.add_font("Body", "B", fonts[1])
            self.family = "Body"
        else:
            self.family = "Helvetica"
        self.set_margins(15, 14, 15)
        self.set_auto_page_break(True, margin=16)
        self.style(10)  # a current font first: clean() keeps only the characters it can draw
        self.set_title(self.clean(f"CFO brief: {ex.scenario.name}"))
        self.set_creator("AI-training ROI calculator")

    def clean(self, text: str) -> str:
        """Text the current font can draw: controls become spaces, unknown characters '?'."""
        text = _CONTROL.sub(" ", text)
        if self.family == "Helvetica":
            return text.translate(_ASCII_FALLBACK).encode("latin-1", "replace").decode("latin-1")
        # Only TTF fonts are drawn here (Helvetica returned above), and TTF fonts carry a cmap.
        cmap = getattr(self.current_font, "cmap", None) or {}
        return "".join(ch if ord(ch) in cmap or ch == "\n" else "?" for ch in text)

    def style(self, size: float, bold: bool = False, colour=(0, 0, 0)) -> None:
        self.set_font(self.family, "B" if bold else "", size)
        self.set_text_color(*colour)

    def para(self, text: str, size: float = 10, bold: bool = False, colour=(0, 0, 0), gap: float = 1.5) -> None:
        self.style(size, bold, colour)
        self.multi_cell(0, size * 0.5, self.clean(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(gap)

    def run_in(self, parts: list[tuple[str, bool]], size: float) -> None:
        """One paragraph of (text, bold) runs, wrapped as one."""
        for text, bold in parts:
            self.style(size, bold)
            self.write(size * 0.5, self.clean(text))
        self.ln(size * 0.5)

    def heading(self, text: str, keep: float = 30) -> None:
        """A section heading, moved to the next page with its first ``keep`` mm of content."""
        if self.get_y() + keep > self.page_break_trigger:
            self.add_page()
        self.ln(2)
        self.para(text, 12, bold=True, colour=BLUE, gap=1)

    def grid(self, rows: list[tuple], widths: tuple, align: tuple, size: float = 9) -> None:
        self.style(size)
        heading = FontFace(emphasis="BOLD", fill_color=(221, 235, 247))
        with self.table(col_widths=widths, text_align=align, line_height=size * 0.5,
                        headings_style=heading, first_row_as_headings=True, padding=(0.7, 1)) as table:
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(self.clean(str(value)))
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        self.style(7.5, colour=GREY)
        self.cell(0, 5, self.clean(f"AI-training ROI calculator, {LABEL} · {self.ex.date_text} · "
                                   f"page {self.page_no()}"), align="R")


def brief_pdf(ex: Export, cashflow_png: bytes | None = None, budget: BudgetView | None = None,
              budget_png: bytes | None = None, uncertainty_png: bytes | None = None,
              whatif: WhatIfSettings | None = None,
              uncertainty: tuple[dict, UncertaintySummary] | None = None) -> bytes:
    """The CFO brief as PDF bytes.

    Parameters
    ----------
    ex : Export
        The evaluation to print, with its date (:meth:`Export.of` evaluates a scenario).
    cashflow_png : bytes, optional
        The J-curve already rendered (the CFO pack renders each chart once); rendered here otherwise.
    budget : BudgetView, optional
        The plan at the budget set on the Budget planner page (:func:`calculator.export.budget_plan`):
        adds what that budget buys (selection and frontier).
    budget_png : bytes, optional
        The frontier chart already rendered.
    uncertainty_png : bytes, optional
        The What-if page's Monte Carlo chart already rendered; rendered here otherwise.
    whatif : WhatIfSettings, optional
        The What-if page's draws, seed and correlation for the uncertainty section.
    uncertainty : (spec, UncertaintySummary), optional
        That Monte Carlo's chart and summary already computed (the CFO pack runs it once); run here otherwise.

    Examples
    --------
    >>> from calculator import load_preset
    >>> brief_pdf(Export.of(load_preset("seed-marketing-team")))[:5]
    b'%PDF-'
    """
    from ..charts.pitch import cashflow_chart
    from .common import ninety_days_text

    r, s = ex.result, ex.scenario
    pdf = _Brief(ex)
    pdf.add_page()
    pdf.para("CFO brief: AI-training business case", 9, colour=GREY, gap=0.5)
    pdf.para(s.name, 18 if len(s.name) <= 60 else 13, bold=True, gap=0.5)
    pdf.para(f"{s.finance.horizon_months}-month horizon · {s.currency} · prepared {ex.date_text}", 9,
             colour=GREY, gap=2)
    pdf.para(ex.summary.sentence, 9.5, gap=1.5)
    # The Pitch page's warnings, where it shows them: above the numbers they qualify.
    for warning in ex.summary.warnings:
        pdf.para(f"Warning: {warning}", 8.5, bold=True, colour=WARNING, gap=1)

    pdf.heading("Headline numbers")
    # 8 pt: methodology v2's headline has more lines (fees, cash and capacity, both paybacks) within two pages.
    pdf.grid([("Measure", "Value"), *headline(ex)], (100, 80), ("LEFT", "RIGHT"), size=8)
    # Issue 14: the conservative readings beside the headline, each saying which ROI it is.
    pdf.heading("Three readings of the same plan", keep=20)
    pdf.grid([("Lens", "NPV", "ROI", "Payback", "Which ROI", "Horizon"), *lens_rows(ex)],
             (34, 26, 16, 38, 44, 22), ("LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT", "RIGHT"), size=7.5)

    png = cashflow_png if cashflow_png is not None else chart_png(cashflow_chart(r, as_of=ex.as_of))
    width = pdf.epw
    # 0.36 of the width tall (was 0.58, then 0.4): room for the lens row, the Monte Carlo and the Pitch page's
    # warnings within two pages.
    pdf.image(io.BytesIO(png), w=width, h=width * 0.36, keep_aspect_ratio=True)
    pdf.ln(2)

    pdf.heading("Cost and value by tier, over the horizon (undiscounted)")
    rows = [("Tier", "People", "Cost", "Cost per person", "Value")]
    rows += [(t["tier"], t["people"], t["cost"], t["cost_per_person"], t["value"]) for t in tier_rows(ex)]
    pdf.grid(rows, (52, 24, 36, 34, 34), ("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"))

    spec, summary = uncertainty if uncertainty is not None else uncertainty_figure(s, whatif, ex.as_of)
    pdf.heading("How sure are we? The Monte Carlo", keep=60)
    png = uncertainty_png if uncertainty_png is not None else chart_png(spec)
    # The chart at half width with what was varied beside it, to keep the brief to two pages.
    # 0.56 of its width tall (was 0.62): the assumptions behind the fully loaded cost fit within two pages.
    top, image_w, image_h = pdf.get_y(), width * 0.5, width * 0.5 * 0.56
    pdf.image(io.BytesIO(png), x=pdf.l_margin, y=top, w=image_w, h=image_h, keep_aspect_ratio=True)
    pdf.set_xy(pdf.l_margin + image_w + 3, top)
    words = " ".join([*summary.warnings, varied_text(summary, s.currency)])
    pdf.style(7.5, bold=bool(summary.warnings), colour=GREY)
    pdf.multi_cell(width - image_w - 3, 3.6, pdf.clean(words), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(max(pdf.get_y(), top + image_h) + 2)

    if budget is not None:
        _budget_section(pdf, ex, budget, budget_png)

    pdf.heading("Key assumptions and their sources")
    # 7.5 pt and a wide source column: the rows behind the fully loaded cost (cost risk, seats, other costs,
    # cash shares) fit within two pages.
    pdf.grid([("Assumption", "Value", "Source"), *key_assumptions(ex)], (40, 58, 82), ("LEFT", "LEFT", "LEFT"),
             size=7.5)
    notes = printed_notes(s)
    if notes:
        if len(notes) > NOTES_LIMIT:
            notes = notes[:NOTES_LIMIT].rstrip() + "... (in full in the workbook)"
        pdf.para(f"Scenario notes: {notes}", 7.5, colour=GREY)

    pdf.heading("The first 90 days")
    pdf.para(ninety_days_text(s), 8.5, gap=1.5)

    pdf.heading(f"Methodology in short ({CONTRACT}, {LABEL})")
    # One run-in paragraph (titles in bold) rather than a paragraph each: it keeps the presets to two pages.
    pdf.run_in([(part, bold) for item in brief_sections()
                for part, bold in ((item.title + ": ", True), (item.short + " ", False))], 7.5)
    return bytes(pdf.output())


def _budget_section(pdf: _Brief, ex: Export, view: BudgetView, png: bytes | None) -> None:
    """What the budget set on the Budget planner page buys: the sentences, the selection and the frontier."""
    from .common import budget_heading, budget_rows
    from .render import budget_chart

    pdf.heading("What the budget buys", keep=60)
    pdf.para(budget_heading(view, ex.currency), 10, gap=1)
    pdf.para(view.marginal, 9.5, gap=1)
    pdf.para(view.placement, 9.5, gap=1.5)
    pdf.grid([("Team", "Option chosen", "Cash cost", "NPV", "Payback"), *budget_rows(view, ex.currency)],
             (48, 46, 30, 30, 26), ("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT"), size=8.5)
    png = png if png is not None else chart_png(budget_chart(ex.scenario, view, ex.as_of))
    if pdf.get_y() + pdf.epw * 0.58 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.image(io.BytesIO(png), w=pdf.epw, h=pdf.epw * 0.58, keep_aspect_ratio=True)
    pdf.ln(2)
