"""The editable deck (python-pptx): title, headline numbers, one chart per slide with its takeaway,
the key assumptions with their sources, and next steps.

Everything stays editable in PowerPoint, Keynote or Google Slides: numbers are
text in native tables, charts are pictures of the very charts the app draws,
and each slide's speaker notes say what it shows, then where its figures come from
(:func:`sources_note`).

Every text fits its box at the slide's size: a box is as tall as its text needs at the
largest size that fits the room left (:mod:`calculator.export.textfit` measures it with the
deck font's widths), never set to grow, and the block under it starts below it; a table's
rows are as tall as their wrapped text, and a long table goes on to another slide.
``tests/test_deck_render.py`` draws each deck with LibreOffice and checks every box.
A new slide is a few lines of the same helpers: :func:`_title`, :func:`_text`,
:func:`_table` and :func:`_chart_slide`.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Emu, Inches, Pt

from ..analysis import WhatIfSettings
from ..formatting import hours, money, months
from ..methodology import LABEL
from . import textfit
from .common import NEXT_STEPS, Export, headline, key_assumptions, ninety_days_text, takeaway, xml_safe
from .render import chart_png, chart_title, pitch_charts
from .whatif import lens_note, lens_rows, uncertainty_figure, varied_text

if TYPE_CHECKING:
    from ..analysis import UncertaintySummary
    from ..planner import BudgetView  # the planner (scipy) loads only where a budget is set

_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")  # a tab or a vertical tab would change the layout
BLUE = RGBColor(0x00, 0x72, 0xB2)
GREY = RGBColor(0x5A, 0x5A, 0x5A)
WIDE_IN, TALL_IN = 13.333, 7.5
WIDE, TALL = Inches(WIDE_IN), Inches(TALL_IN)
TITLE_SLIDE, TITLE_AND_CONTENT, TITLE_ONLY = 0, 1, 5
MARGIN_IN = 0.6
CONTENT_IN = WIDE_IN - 2 * MARGIN_IN  # 12.133 in of width between the side margins
BODY_TOP_IN, BODY_BOTTOM_IN = 1.3, 7.1  # under the title, above a 0.4 in bottom margin
GAP_IN = 0.15  # between two blocks of a slide
CELL_MARGIN_X_IN, CELL_MARGIN_Y_IN = 0.1, 0.05  # PowerPoint's default table cell margins
BULLET_INDENT_IN = 0.375  # the default template's body text: a hanging bullet this wide
ASSUMPTIONS_SIZE = 11  # the assumptions tables' text; rows go on to a next slide rather than shrink
BULLET_GAP_EM = 0.2  # the default template's space before each bullet
SMALLEST = 9  # no text on a slide is set smaller; a text that would need less is cut, in full in the notes


def _clean(text: str) -> str:
    return xml_safe(_CONTROL.sub(" ", text))


def _fit(shape, left, top, width, height) -> None:
    # The default template's placeholders are laid out for 4:3; place them on the 16:9 slide.
    shape.left, shape.top, shape.width, shape.height = left, top, width, height


def _fixed(frame) -> None:
    """A text frame that wraps and never grows past its box: PowerPoint's 'shape to fit text' ran the deck's
    sentences off the slide; each box is sized from its text instead (:mod:`calculator.export.textfit`)."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE


def _style(frame, size: float, bold: bool | None = None, colour=None) -> None:
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(size)
            if bold is not None:
                run.font.bold = bold
            if colour is not None:
                run.font.color.rgb = colour


def _cut(text: str, box: textfit.Box, size: float) -> str:
    """``text`` cut at a word so that it fits ``box`` at ``size`` points, ending '... (in full in the notes)'."""
    words, tail = text.split(" "), "… (in full in the speaker notes)"
    low, high = 0, len(words)
    while low < high:  # the most words that still fit
        middle = (low + high + 1) // 2
        if textfit.height(" ".join(words[:middle]) + tail, size, box.width) <= box.height:
            low = middle
        else:
            high = middle - 1
    return " ".join(words[:low]) + tail


def _sized(texts: list[str], width_in: float, height_in: float, largest: float, smallest: float = SMALLEST,
           gap_em: float = 0.0, inset_x_in: float = 0.1) -> tuple[list[str], float, float]:
    """The paragraphs as they fit a box ``width_in`` wide and at most ``height_in`` high: the text (cut only when
    even ``smallest`` points would not hold it), the size, and the height in inches the box needs."""
    box = textfit.Box.inches(width_in, height_in, inset_x=inset_x_in)
    size = textfit.fit(texts, box, largest, smallest, gap_em)
    if size is None:
        size, texts = smallest, [_cut(" ".join(texts), box, smallest)]
    needed = textfit.paragraphs_height(texts, size, box.width, gap_em) / textfit.POINTS_PER_INCH
    return texts, size, min(height_in, needed + 2 * 0.05 + 0.04)  # insets, and a hair for rounding


def _title(slide, text: str) -> None:
    """The slide's title placeholder, 30 points or smaller to keep a long title on the title's band."""
    (text,), size, _ = _sized([_clean(text)], CONTENT_IN, BODY_TOP_IN - 0.35, 30, 16)
    _fit(slide.shapes.title, Inches(MARGIN_IN), Inches(0.3), Inches(CONTENT_IN), Inches(BODY_TOP_IN - 0.35))
    frame = slide.shapes.title.text_frame
    _fixed(frame)
    slide.shapes.title.text = text
    _style(frame, size, bold=True)


def _text(slide, texts: str | list[str], top_in: float, height_in: float, largest: float, *,
          smallest: float = SMALLEST, colour=None, bold: bool = False, left_in: float = MARGIN_IN,
          width_in: float = CONTENT_IN) -> float:
    """A text box at ``top_in`` holding ``texts`` (one paragraph each) at the largest size up to ``largest`` that
    fits ``height_in``; returns the height in inches it takes, so the next block can follow it."""
    paragraphs = [_clean(t) for t in ([texts] if isinstance(texts, str) else texts)]
    paragraphs, size, used = _sized(paragraphs, width_in, height_in, largest, smallest)
    box = slide.shapes.add_textbox(Inches(left_in), Inches(top_in), Inches(width_in), Inches(used))
    frame = box.text_frame
    _fixed(frame)
    frame.text = paragraphs[0]
    for paragraph in paragraphs[1:]:
        frame.add_paragraph().text = paragraph
    _style(frame, size, bold=bold, colour=colour)
    return used


def _row_heights(rows: list[tuple], widths: tuple[float, ...], size: float) -> list[float]:
    """Each table row's height in inches at ``size`` points: its tallest cell's wrapped lines plus the margins."""
    inner = [(w - 2 * CELL_MARGIN_X_IN) * textfit.POINTS_PER_INCH for w in widths]
    return [max(textfit.height(_clean(str(v)), size, w) for v, w in zip(values, inner)) / textfit.POINTS_PER_INCH
            + 2 * CELL_MARGIN_Y_IN + 0.03 for values in rows]


def _table_size(rows: list[tuple], widths: tuple[float, ...], height_in: float, largest: float,
                smallest: float = SMALLEST) -> float | None:
    """The largest size up to ``largest`` at which the table's rows, wrapped, fit ``height_in``; None if none."""
    size = largest
    while size >= smallest:
        if sum(_row_heights(rows, widths, size)) <= height_in:
            return size
        size -= 0.5
    return None


def _table(slide, rows: list[tuple], top_in: float, widths: tuple[float, ...], height_in: float,
           largest: float = 14) -> float:
    """A native table whose rows are as tall as their wrapped text (so nothing under it is covered), set at the
    largest size up to ``largest`` that fits ``height_in``; returns its height in inches."""
    size = _table_size(rows, widths, height_in, largest) or SMALLEST
    heights = _row_heights(rows, widths, size)
    shape = slide.shapes.add_table(len(rows), len(widths), Inches(MARGIN_IN), Inches(top_in), Inches(sum(widths)),
                                   Inches(sum(heights)))
    table = shape.table
    for j, width in enumerate(widths):
        table.columns[j].width = Inches(width)
    for i, values in enumerate(rows):
        table.rows[i].height = Inches(heights[i])
        for j, value in enumerate(values):
            cell = table.cell(i, j)
            cell.text = _clean(str(value))
            _style(cell.text_frame, size, bold=i == 0)
    return sum(heights)


def _table_pages(rows: list[tuple], widths: tuple[float, ...], height_in: float, size: float) -> list[list[tuple]]:
    """Rows split into slides' worth, each page's rows (with the heading row ``rows[0]``) fitting ``height_in``."""
    heading, body = rows[0], rows[1:]
    pages: list[list[tuple]] = []
    page: list[tuple] = []
    for row in body:
        if page and sum(_row_heights([heading, *page, row], widths, size)) > height_in:
            pages.append(page)
            page = []
        page.append(row)
    return [[heading, *p] for p in [*pages, page] if p] or [[heading]]


def _picture(slide, png: bytes, top_in: float, height_in: float) -> None:
    """A chart picture centred under the title, as large as ``height_in`` and the slide's width allow."""
    picture = slide.shapes.add_picture(io.BytesIO(png), Inches(MARGIN_IN), Inches(top_in), height=Inches(height_in))
    if picture.width > Inches(CONTENT_IN):  # a wide chart: as wide as the margins allow, its height following
        ratio = Inches(CONTENT_IN) / picture.width
        picture.width, picture.height = Inches(CONTENT_IN), int(picture.height * ratio)
    picture.left = Emu(int((WIDE - picture.width) / 2))


def _chart_slide(deck, title: str, png: bytes, words: str, notes: str, *, largest: float = 20,
                 bold: bool = True) -> None:
    """A chart with its takeaway under it: the takeaway is sized first (up to 1.6 in), the chart takes the rest."""
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    _title(slide, title)
    _, _, used = _sized([_clean(words)], CONTENT_IN, 1.6, largest)
    picture_in = min(4.6, BODY_BOTTOM_IN - BODY_TOP_IN - GAP_IN - used)
    _picture(slide, png, BODY_TOP_IN, picture_in)
    _text(slide, words, BODY_TOP_IN + picture_in + GAP_IN, used, largest, bold=bold)
    _notes(slide, notes)


def _notes(slide, *parts: str) -> None:
    """The speaker notes: what the slide says, then where its figures come from."""
    slide.notes_slide.notes_text_frame.text = _clean("\n\n".join(p for p in parts if p))


def same_money_rows(ex: Export) -> tuple[list[tuple], str, str] | None:
    """The strategies at the plan's cash budget as deck rows, the sentence under them and the notes' sources;
    None for a plan with no team (nothing to spend differently)."""
    from ..analysis.strategies import cash_spent_words, strategies

    if not ex.scenario.cohorts:
        return None
    rows = strategies(ex.scenario)
    cur = ex.currency
    table = [(f"{r.rank}. {r.name}", money(r.npv, cur), cash_spent_words(r, cur), hours(r.annual_hours_saved),
              months(r.payback_months)) for r in rows]
    budget = rows[0].budget
    why = next((r.why for r in rows if r.why), "")
    sentence = (f"Each strategy spends at most the plan's cash budget of {money(budget, cur)}; what it leaves "
                "unspent is kept as cash (NPV $0 at the discount rate), so each row is the same money. Valued "
                f"over what the teams would reach without training. {why}").strip()
    sources = "Where each strategy's adoption and hours come from: " + "; ".join(
        f"{r.name}: {', '.join(r.sources)}" for r in rows if r.sources)
    return table, sentence, sources


def sources_note(ex: Export) -> str:
    """Where the deck's figures come from, for the speaker notes: each key assumption, its value and its source,
    and the methodology the numbers follow.

    >>> from calculator import load_preset
    >>> sources_note(Export.of(load_preset("seed-marketing-team"))).splitlines()[1][:40]
    '- Loaded hourly cost ($45.65 an hour): B'
    """
    lines = [f"Sources ({LABEL}; every formula on the app's Methodology page and in docs/MODEL.md):"]
    lines += [f"- {name} ({value}): {source}" for name, value, source in key_assumptions(ex)]
    return "\n".join(lines)


def deck_pptx(ex: Export, chart_pngs: dict[str, bytes] | None = None, budget: BudgetView | None = None,
              whatif: WhatIfSettings | None = None,
              uncertainty: tuple[dict, UncertaintySummary] | None = None) -> bytes:
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
    uncertainty : (spec, UncertaintySummary), optional
        That Monte Carlo's chart and summary already computed (the CFO pack runs it once); run here otherwise.

    Examples
    --------
    >>> import io
    >>> from pptx import Presentation
    >>> from calculator import load_preset
    >>> deck = Presentation(io.BytesIO(deck_pptx(Export.of(load_preset("seed-marketing-team")))))
    >>> len(deck.slides)
    11
    """
    s = ex.scenario
    charts = pitch_charts(ex.result, as_of=ex.as_of)
    pngs = dict(chart_pngs or {})
    sources = sources_note(ex)
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDE, TALL
    layouts = deck.slide_layouts

    slide = deck.slides.add_slide(layouts[TITLE_SLIDE])
    name_lines, name_size, name_in = _sized([_clean(s.name)], WIDE_IN - 1.8, 2.6, 44, 20)
    _fit(slide.shapes.title, Inches(0.9), Inches(3.7 - name_in), Inches(WIDE_IN - 1.8), Inches(name_in))
    _fixed(slide.shapes.title.text_frame)
    slide.shapes.title.text = name_lines[0]
    _style(slide.shapes.title.text_frame, name_size)
    _fit(slide.placeholders[1], Inches(0.9), Inches(3.9), Inches(WIDE_IN - 1.8), Inches(0.7))
    _fixed(slide.placeholders[1].text_frame)
    slide.placeholders[1].text = f"The business case for AI training · {ex.date_text}"
    _style(slide.placeholders[1].text_frame, 20)
    _notes(slide, f"{s.name}: the business case for AI training, as of {ex.date_text}.", sources)

    slide = deck.slides.add_slide(layouts[TITLE_ONLY])
    _title(slide, "Headline numbers")
    rows: list[tuple] = [("Measure", "Value"), *headline(ex)]
    widths = (7.6, 4.5)
    table_in = sum(_row_heights(rows, widths, _table_size(rows, widths, 4.6, 14) or SMALLEST))
    used = _text(slide, ex.summary.sentence, BODY_TOP_IN, BODY_BOTTOM_IN - BODY_TOP_IN - GAP_IN - table_in, 18,
                 colour=BLUE)
    _table(slide, rows, BODY_TOP_IN + used + GAP_IN, widths, BODY_BOTTOM_IN - BODY_TOP_IN - used - GAP_IN)
    warnings = ex.summary.warnings
    _notes(slide, ex.summary.sentence, "\n".join(warnings), sources)
    if warnings:
        # The Pitch page shows these above its cards; here they follow the numbers on a slide of their own
        # (a long list of teams would not fit under the table) and are in the headline slide's notes too.
        slide = deck.slides.add_slide(layouts[TITLE_ONLY])
        _title(slide, "Read with the headline numbers")
        _text(slide, list(warnings), BODY_TOP_IN, BODY_BOTTOM_IN - BODY_TOP_IN, 20)
        _notes(slide, "\n".join(warnings), sources)

    # Issue 14 and 22: the conservative readings, one slide after the headline: the three lenses, then the
    # decision NPV from pessimistic to optimistic (each ranged input at its worse, then better end).
    slide = deck.slides.add_slide(layouts[TITLE_ONLY])
    _title(slide, "The conservative readings")
    used = _table(slide, [("Lens", "NPV", "ROI", "Payback", "Which ROI", "Horizon"), *lens_rows(ex)], BODY_TOP_IN,
                  (2.6, 1.6, 1.2, 1.6, 3.9, 1.2), 3.0, largest=13)
    bracket = ex.summary.bracket_sentence or "No input has an uncertainty range, so there is no bracket to show."
    texts = [bracket, lens_note(ex)]
    _text(slide, texts, BODY_TOP_IN + used + 2 * GAP_IN, BODY_BOTTOM_IN - BODY_TOP_IN - used - 2 * GAP_IN, 13,
          colour=GREY)
    _notes(slide, bracket, lens_note(ex), ex.summary.baseline_sentence or "", sources)

    # Issue 20 item 4: "why not just buy platform seats?" answered with the same money spent each way.
    same_money = same_money_rows(ex)
    if same_money:
        slide = deck.slides.add_slide(layouts[TITLE_ONLY])
        _title(slide, "Same money, spent differently")
        used = _table(slide, [("Strategy", "NPV", "Cash of the budget", "Hours a year", "Payback"), *same_money[0]],
                      BODY_TOP_IN, (4.6, 1.9, 1.9, 1.9, 1.8), 3.6, largest=13)
        _text(slide, same_money[1], BODY_TOP_IN + used + 2 * GAP_IN,
              BODY_BOTTOM_IN - BODY_TOP_IN - used - 2 * GAP_IN, 13, colour=GREY)
        _notes(slide, same_money[1], same_money[2], sources)

    for name, chart in charts.items():
        sentence = takeaway(ex, name)
        _chart_slide(deck, chart_title(chart)[0], pngs.get(name) or chart_png(chart), sentence,
                     f"{sentence}\n\n{sources}")

    spec, summary = uncertainty if uncertainty is not None else uncertainty_figure(s, whatif, ex.as_of)
    words = " ".join([*summary.warnings, varied_text(summary, s.currency)])
    _chart_slide(deck, chart_title(spec)[0], pngs.get("uncertainty") or chart_png(spec), words,
                 f"{words}\n\n{sources}", largest=12, bold=bool(summary.warnings))

    if budget is not None:
        from .common import budget_heading
        from .render import budget_chart

        chart = budget_chart(s, budget, ex.as_of)
        _chart_slide(deck, chart_title(chart)[0], pngs.get("budget") or chart_png(chart), budget.marginal,
                     f"{budget_heading(budget, s.currency)} {budget.marginal} {budget.placement}\n\n{sources}",
                     largest=16)

    assumptions: list[tuple] = [("Assumption", "Value", "Source"), *key_assumptions(ex)]
    columns = (3.0, 4.0, 5.133)
    for number, page in enumerate(_table_pages(assumptions, columns, BODY_BOTTOM_IN - BODY_TOP_IN, ASSUMPTIONS_SIZE)):
        slide = deck.slides.add_slide(layouts[TITLE_ONLY])
        _title(slide, "Key assumptions and their sources" + (" (continued)" if number else ""))
        _table(slide, page, BODY_TOP_IN, columns, BODY_BOTTOM_IN - BODY_TOP_IN, largest=ASSUMPTIONS_SIZE)
        _notes(slide, "Each assumption a CFO challenges first, with its value and where it comes from.", sources)

    slide = deck.slides.add_slide(layouts[TITLE_AND_CONTENT])
    _title(slide, "Next steps: the first 90 days")
    # What day 90 should be able to report, from the plan (or the pilots' actuals once entered).
    steps = [*NEXT_STEPS, _clean(ninety_days_text(s))]
    footer = f"Scenario: {s.name} · {LABEL} · {ex.date_text}"
    _, _, footer_in = _sized([_clean(footer)], CONTENT_IN, 0.8, 11)
    room = BODY_BOTTOM_IN + 0.3 - footer_in - GAP_IN - BODY_TOP_IN
    steps, size, used = _sized(steps, CONTENT_IN - BULLET_INDENT_IN, room, 18, gap_em=BULLET_GAP_EM)
    body = slide.placeholders[1]
    _fit(body, Inches(MARGIN_IN), Inches(BODY_TOP_IN), Inches(CONTENT_IN), Inches(used))
    frame = body.text_frame
    _fixed(frame)
    frame.text = steps[0]
    for step in steps[1:]:
        frame.add_paragraph().text = step
    _style(frame, size)
    _text(slide, footer, BODY_BOTTOM_IN + 0.3 - footer_in, footer_in, 11, colour=GREY)
    _notes(slide, "\n".join(steps), sources)

    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
