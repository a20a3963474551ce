"""The editable deck (python-pptx): title, headline numbers, one chart per slide with its takeaway,
the key assumptions with their sources, and next steps.

Everything stays editable in PowerPoint, Keynote or Google Slides: numbers are
text in native tables, charts are pictures of the very charts the app draws,
and each chart slide carries its takeaway in the speaker notes too.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from ..analysis import WhatIfSettings
from ..methodology import LABEL
from .common import NEXT_STEPS, Export, headline, key_assumptions, ninety_days_text, takeaway, xml_safe
from .render import chart_png, chart_title, pitch_charts
from .whatif import lens_note, lens_rows, uncertainty_figure, varied_text

if TYPE_CHECKING:
    from ..planner import BudgetView  # the planner (scipy) loads only where a budget is set

_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")  # a tab or a vertical tab would change the layout
BLUE = RGBColor(0x00, 0x72, 0xB2)
GREY = RGBColor(0x5A, 0x5A, 0x5A)
WIDE, TALL = Inches(13.333), Inches(7.5)
TITLE_SLIDE, TITLE_AND_CONTENT, TITLE_ONLY = 0, 1, 5
ASSUMPTIONS_PER_SLIDE = 11  # at 10 pt, with sources wrapping to two lines, more would run off the slide


def _clean(text: str) -> str:
    return xml_safe(_CONTROL.sub(" ", text))


def _fit(shape, left, top, width, height) -> None:
    # The default template's placeholders are laid out for 4:3; place them on the 16:9 slide.
    shape.left, shape.top, shape.width, shape.height = left, top, width, height


def _title(slide, text: str) -> None:
    _fit(slide.shapes.title, Inches(0.6), Inches(0.3), WIDE - Inches(1.2), Inches(1.0))
    slide.shapes.title.text = _clean(text)
    for paragraph in slide.shapes.title.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size, run.font.bold = Pt(30), True


def _textbox(slide, text: str, top, height, size: float = 16, colour=None, bold: bool = False):
    box = slide.shapes.add_textbox(Inches(0.6), top, WIDE - Inches(1.2), height)
    frame = box.text_frame
    frame.word_wrap = True
    frame.text = _clean(text)
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size, run.font.bold = Pt(size), bold
            if colour is not None:
                run.font.color.rgb = colour
    return box


def _table(slide, rows: list[tuple], top, widths: tuple[float, ...], size: float = 14):
    height = Inches(0.4) * len(rows)
    shape = slide.shapes.add_table(len(rows), len(widths), Inches(0.6), top, Inches(sum(widths)), height)
    table = shape.table
    for j, width in enumerate(widths):
        table.columns[j].width = Inches(width)
    for i, values in enumerate(rows):
        for j, value in enumerate(values):
            cell = table.cell(i, j)
            cell.text = _clean(str(value))
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size, run.font.bold = Pt(size), i == 0
    return table


def deck_pptx(ex: Export, chart_pngs: dict[str, bytes] | None = None, budget: BudgetView | None = None,
              whatif: WhatIfSettings | None = None) -> bytes:
    """The pitch deck as PPTX bytes.

    Parameters
    ----------
    ex : Export
        The evaluation to present, with its date (:meth:`Export.of` evaluates a scenario).
    chart_pngs : dict of chart name to PNG bytes, optional
        Charts already rendered (the CFO pack renders each once); rendered here otherwise.
    budget : BudgetView, optional
        The plan at the budget set on the Budget planner page (:func:`calculator.export.budget_plan`):
        adds a slide of what it buys (``chart_pngs["budget"]``
        is its frontier chart when already rendered).
    whatif : WhatIfSettings, optional
        The What-if page's draws, seed and correlation for the uncertainty slide.

    Examples
    --------
    >>> import io
    >>> from pptx import Presentation
    >>> from calculator import load_preset
    >>> deck = Presentation(io.BytesIO(deck_pptx(Export.of(load_preset("seed-marketing-team")))))
    >>> len(deck.slides)
    10
    """
    s = ex.scenario
    charts = pitch_charts(ex.result, as_of=ex.as_of)
    pngs = dict(chart_pngs or {})
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDE, TALL
    layouts = deck.slide_layouts

    slide = deck.slides.add_slide(layouts[TITLE_SLIDE])
    _fit(slide.shapes.title, Inches(0.9), Inches(2.0), WIDE - Inches(1.8), Inches(1.8))
    _fit(slide.placeholders[1], Inches(0.9), Inches(4.1), WIDE - Inches(1.8), Inches(1.5))
    slide.shapes.title.text = _clean(s.name)
    slide.placeholders[1].text = f"The business case for AI training · {ex.date_text}"

    slide = deck.slides.add_slide(layouts[TITLE_ONLY])
    _title(slide, "Headline numbers")
    _textbox(slide, ex.summary.sentence, Inches(1.35), Inches(0.9), size=18, colour=BLUE)
    _table(slide, [("Measure", "Value"), *headline(ex)], Inches(2.35), (7.6, 4.5), size=14)
    warnings = ex.summary.warnings
    if warnings:
        # The Pitch page shows these above its cards; here they follow the numbers on a slide of their own
        # (a long list of teams would not fit under the table) and are in the headline slide's notes too.
        slide.notes_slide.notes_text_frame.text = _clean("\n".join(warnings))
        slide = deck.slides.add_slide(layouts[TITLE_ONLY])
        _title(slide, "Read with the headline numbers")
        length = sum(len(w) for w in warnings)
        size = 20 if length <= 600 else 16 if length <= 1_000 else 12
        box = _textbox(slide, warnings[0], Inches(1.4), TALL - Inches(2.0), size=size)
        for warning in warnings[1:]:
            paragraph = box.text_frame.add_paragraph()
            paragraph.text = _clean(warning)
            paragraph.runs[0].font.size = Pt(size)
        slide.notes_slide.notes_text_frame.text = _clean("\n".join(warnings))

    # Issue 14: the conservative readings, one slide after the headline.
    slide = deck.slides.add_slide(layouts[TITLE_ONLY])
    _title(slide, "Three readings of the same plan")
    _table(slide, [("Lens", "NPV", "ROI", "Payback", "Which ROI", "Horizon"), *lens_rows(ex)], Inches(1.35),
           (2.6, 1.6, 1.2, 1.6, 3.9, 1.2), size=13)
    _textbox(slide, lens_note(ex), Inches(4.4), Inches(2.4), size=11, colour=GREY)

    for name, chart in charts.items():
        png = pngs.get(name) or chart_png(chart)
        slide = deck.slides.add_slide(layouts[TITLE_ONLY])
        _title(slide, chart_title(chart)[0])
        picture = slide.shapes.add_picture(io.BytesIO(png), Inches(0.6), Inches(1.3), height=Inches(4.6))
        picture.left = Emu(int((WIDE - picture.width) / 2))
        sentence = takeaway(ex, name)
        _textbox(slide, sentence, Inches(6.05), Inches(1.0), size=20, bold=True)
        slide.notes_slide.notes_text_frame.text = _clean(sentence)

    spec, summary = uncertainty_figure(s, whatif, ex.as_of)
    png = pngs.get("uncertainty") or chart_png(spec)
    slide = deck.slides.add_slide(layouts[TITLE_ONLY])
    _title(slide, chart_title(spec)[0])
    picture = slide.shapes.add_picture(io.BytesIO(png), Inches(0.6), Inches(1.3), height=Inches(4.3))
    picture.left = Emu(int((WIDE - picture.width) / 2))
    words = " ".join([*summary.warnings, varied_text(summary, s.currency)])
    _textbox(slide, words, Inches(5.7), Inches(1.5), size=11, bold=bool(summary.warnings))
    slide.notes_slide.notes_text_frame.text = _clean(words)

    if budget is not None:
        from .common import budget_heading
        from .render import budget_chart

        chart = budget_chart(s, budget, ex.as_of)
        slide = deck.slides.add_slide(layouts[TITLE_ONLY])
        _title(slide, chart_title(chart)[0])
        picture = slide.shapes.add_picture(io.BytesIO(pngs.get("budget") or chart_png(chart)), Inches(0.6),
                                           Inches(1.3), height=Inches(4.6))
        picture.left = Emu(int((WIDE - picture.width) / 2))
        _textbox(slide, budget.marginal, Inches(6.05), Inches(1.0), size=16, bold=True)
        slide.notes_slide.notes_text_frame.text = _clean(
            f"{budget_heading(budget, s.currency)} {budget.marginal} {budget.placement}")

    assumptions = key_assumptions(ex)
    for start in range(0, len(assumptions), ASSUMPTIONS_PER_SLIDE):
        slide = deck.slides.add_slide(layouts[TITLE_ONLY])
        _title(slide, "Key assumptions and their sources" + (" (continued)" if start else ""))
        _table(slide, [("Assumption", "Value", "Source"), *assumptions[start:start + ASSUMPTIONS_PER_SLIDE]],
               Inches(1.3), (3.0, 4.0, 5.1), size=10)

    slide = deck.slides.add_slide(layouts[TITLE_AND_CONTENT])
    _title(slide, "Next steps: the first 90 days")
    body = slide.placeholders[1]
    _fit(body, Inches(0.6), Inches(1.4), WIDE - Inches(1.2), Inches(5.1))
    frame = body.text_frame
    frame.text = NEXT_STEPS[0]
    for step in NEXT_STEPS[1:]:
        frame.add_paragraph().text = step
    # What day 90 should be able to report, from the plan (or the pilots' actuals once entered).
    frame.add_paragraph().text = _clean(ninety_days_text(s))
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(18)
    _textbox(slide, f"Scenario: {s.name} · {LABEL} · {ex.date_text}", TALL - Inches(0.7), Inches(0.4),
             size=11, colour=GREY)

    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
