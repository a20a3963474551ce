"""Exports: the CFO pack, the brief, the deck, the workbook, the CSVs, each chart and the scenario file.

Every button builds its file only when clicked (``data=`` is a callable), so
a rerun builds nothing. The page holds one evaluation, the Pitch page's cached
summary, and the plan at the Budget planner's budget as that page cached it; a
click builds its file from those (``export.Export.from_summary``) and evaluates
or solves nothing again. The callables hold the scenario as it was drawn (a
frozen value): they run outside the script, where session state is not
available. A file that cannot be built is named with the reason under its row
of buttons (ui/downloads.py); the scenario stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from calculator import export, limits
from calculator.analysis import WhatIfSettings
from calculator.model import horizon_weeks
from ui import budget, downloads, heavy, state
from ui.text import plain
from ui.widgets import notes_area

state.ensure_state()

ICON = ":material/download:"
# The What-if page keeps its draws, seed, correlation and adoption here, so its charts export as shown there.
whatif = st.session_state.get("whatif_settings") or WhatIfSettings()
# The Budget planner keeps the budget set there: the brief, the deck, the pack and the charts then show what it buys.
budget_plan = budget.settings()
_scenario = state.scenario()
# The one evaluation every file is built from (cached: the Pitch page's), and the plan the budget buys as the
# Budget planner page solved it (its cache): a click reuses both.
summary = state.cached_pitch(_scenario)
budget_view = export.budget_plan(_scenario, budget_plan, solve=budget.view)


failed: list[tuple[str, downloads.Failure]] = []  # this row's buttons whose last click failed


def download(label: str, fmt: str, build: Callable[[export.Export], bytes], *, index: int = 0, help: str,
             primary: bool = False, key: str | None = None) -> None:
    """A download button whose bytes are made by ``build`` of the page's evaluation when it is clicked."""
    name = export.file_names(_scenario.name, fmt, budget_plan is not None)[index]
    # The summary is of the scenario the button was drawn with (downloads.button's ``s``): one run, one scenario.
    failure = downloads.button(label, lambda s: build(export.Export.from_summary(summary)), file_name=name,
                               mime=export.MIME[fmt],
                               key=key or f"export_{fmt}_{index}", help=help, icon=ICON, primary=primary)
    if failure is not None:
        failed.append((name, failure))


def _chart_file(chart: str, fmt: str) -> Callable[[export.Export], bytes]:
    """The builder of one chart's file in one format, for :func:`download`."""
    def build(ex: export.Export) -> bytes:
        return export.chart_file(ex, chart, fmt, whatif=whatif)
    return build


def report_failures() -> None:
    """Under a row of buttons, across the page: each file of the row that could not be built, and why."""
    for name, failure in failed:
        downloads.show(name, failure)
    failed.clear()


state.show_problems()
downloads.watch_failures()
st.title("Exports")
st.text(f"Scenario: {_scenario.name}")
st.caption("Every file is built from the scenario as it stands now, with the same numbers and charts as the "
           "Pitch page. The command line makes the same files: python -m calculator export FILE --out DIR.")

# The notes are printed in the brief, the workbook and the CSV: shown (and editable) where the files are made.
notes_area(height=110)

st.subheader("CFO pack", anchor=False)
_pack_seconds = limits.pack_seconds(whatif.draws, len(_scenario.cohorts), horizon_weeks(_scenario),
                                    len(_scenario.ranges))
_PACK_READY = "cfo_pack_ready"  # the packs built on request in this session, by what they are built from


def _pack_wanted() -> bool:
    """A pack of a few seconds is built when its button is clicked; a longer one is asked for first, then built
    here with its estimate on screen, so the click that downloads it does not wait (issue 24: a 259 s pack
    gave no sign for 400 s)."""
    if _pack_seconds <= limits.CONFIRM_ABOVE_SECONDS:
        return True
    try:
        order: int | None = hash((_scenario, whatif, budget_plan))
    except TypeError:  # settings that cannot be hashed: asked for again on every visit
        order = None
    ready = st.session_state.setdefault(_PACK_READY, set())
    if order is not None and order in ready:
        return True
    st.info(f"This scenario is large: the CFO pack takes about {_pack_seconds:,.0f} s to build (its "
            f"{whatif.draws:,} Monte Carlo draws and {len(_scenario.ranges):,} uncertainty ranges; fewer draws "
            "on the What-if page make it faster). It is built when you ask.", icon=":material/hourglass_top:")
    if not st.button(f"Build the CFO pack (about {_pack_seconds:,.0f} s)", key="build_cfo_pack", type="primary"):
        return False
    with st.spinner(f"Building the CFO pack: about {_pack_seconds:,.0f} s…", show_time=True):
        try:
            heavy.cfo_pack(export.Export.from_summary(summary), whatif, budget_plan)  # cached for the download
        except Exception as exc:  # noqa: BLE001 (any failure is named on the page; the scenario is untouched)
            st.error(f"The CFO pack could not be built: {plain(str(exc))}")
            return False
    if order is not None:
        ready.add(order)
    return True


if _pack_wanted():
    download("CFO pack (zip): brief, deck, workbook, CSVs, charts and scenario", "zip",
             lambda ex: heavy.cfo_pack(ex, whatif, budget_plan), primary=True,
             help="Everything below in one archive, with a README listing what each file is for.")
    report_failures()

st.subheader("Documents", anchor=False)
left, middle, right = st.columns(3)
with left:
    download("CFO brief (PDF)", "pdf",
             lambda ex: export.brief_pdf(ex, budget=budget_view),
             help="One to two pages: headline numbers, the J-curve, cost and value by tier, key assumptions "
                  "with their sources, and the methodology's main rules in short.")
with middle:
    download("Deck (PowerPoint)", "pptx",
             lambda ex: export.deck_pptx(ex, budget=budget_view),
             help="Editable slides: title, headline numbers, one chart per slide with its takeaway, "
                  "assumptions and next steps.")
with right:
    download("Workbook (Excel)", "xlsx", export.workbook_bytes,
             help="For finance to audit: every Summary figure (each cost line, cash and capacity, NPV, IRR, the "
                  "paybacks, each team) is a live formula of the Inputs sheet: change an input, recalculate, and "
                  "it follows, beside the calculator's own figure. Weekly flows per team and a 'How to audit' sheet.")
report_failures()

st.subheader("Data", anchor=False)
left, middle, right = st.columns(3)
with left:
    download("Weekly flows (CSV)", "csv", export.weekly_csv,
             help="Week, month, cost, benefit, net, cumulative net and hours saved, week by week.")
with middle:
    download("Results and assumptions (CSV)", "csv", export.summary_csv, index=1,
             help="Every result and every input, one per row.")
with right:
    download("Scenario (JSON)", "json", export.scenario_json,
             help="The scenario file: load it in the app or run it through the command line.")
report_failures()

st.subheader("Charts", anchor=False)
st.caption("PNG at twice the screen resolution for slides; SVG for print and further editing.")
for i, (chart, label) in enumerate(export.CHART_LABELS.items()):
    name_col, png_col, svg_col = st.columns([2, 1, 1], vertical_alignment="center")
    name_col.markdown(f"**{label}**")
    with png_col:
        download("PNG", "png", _chart_file(chart, "png"), index=i, help=f"{label}, as a PNG image at 2x.")
    with svg_col:
        download("SVG", "svg", _chart_file(chart, "svg"), index=i, help=f"{label}, as a scalable SVG image.")
    report_failures()
if budget_plan is not None:
    name_col, png_col, svg_col = st.columns([2, 1, 1], vertical_alignment="center")
    name_col.markdown(f"**{export.BUDGET_LABEL}**")
    index = len(export.CHART_LABELS)
    with png_col:
        download("PNG", "png", lambda ex: export.chart_file(ex, export.BUDGET_CHART, "png", budget=budget_plan),
                 index=index, help="The Budget planner's frontier at the budget set there, as a PNG image at 2x.")
    with svg_col:
        download("SVG", "svg", lambda ex: export.chart_file(ex, export.BUDGET_CHART, "svg", budget=budget_plan),
                 index=index, help="The Budget planner's frontier at the budget set there, as a scalable SVG image.")
    report_failures()
    set_text = export.budget_text(budget_plan, _scenario.currency)
    st.caption(f"A budget of {set_text} is set on the Budget planner page: what it buys joins the brief, the deck "
               "and the CFO pack.")
