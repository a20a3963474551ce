"""Exports: every file a presenter, a CFO and a finance team take away, as bytes.

One entry point per file, each taking one :class:`Export`: a scenario evaluated
once (``Export.of(scenario, as_of)``, with ``pitch_summary``: the command line) or
a summary already computed (``Export.from_summary``: the Exports page, which holds
the Pitch page's), with the date the files carry:

======== ==================================================== ==========================
format   files                                                built by
======== ==================================================== ==========================
png, svg each pitch chart and each What-if chart                :mod:`export_charts`
csv      the weekly table; results and assumptions            :mod:`export_tables`
xlsx     the auditable workbook (live formulas of its inputs) :mod:`export_workbook`
pdf      the CFO brief                                        :mod:`export_brief`
pptx     the editable deck                                    :mod:`export_deck`
json     the scenario file                                    :func:`scenario_json`
zip      the CFO pack: all of the above in one archive        :func:`pack_zip`
======== ==================================================== ==========================

:func:`build` makes any set of formats from one evaluation and renders each
chart once, which is what the command line and the CFO pack use.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ..analysis import WhatIfSettings
from ..charts.pitch import PITCH_CHARTS
from ..formatting import scenario_file_name
from ..methodology import LABEL
from ..scenario import Scenario, dumps
from .common import Export, inert, slug
from .render import (
    WHATIF_CHARTS,
    Renderings,
    budget_chart,
    chart_png,
    chart_svg,
    monte_carlo,
    pitch_charts,
    whatif_chart,
)
from .tables import summary_csv, weekly_csv

if TYPE_CHECKING:
    from ..planner import BudgetSettings, BudgetView


# The PDF, the deck and the workbook each load their library (fpdf2, python-pptx, openpyxl: ~0.5 s and ~50 MB
# together) when their file is first built, not when the exports are imported.
def brief_pdf(ex: Export, **kwargs: Any) -> bytes:
    """The CFO brief as PDF bytes: :func:`calculator.export.brief.brief_pdf`, which says what ``kwargs`` are."""
    from .brief import brief_pdf as build_brief

    return build_brief(ex, **kwargs)


def deck_pptx(ex: Export, **kwargs: Any) -> bytes:
    """The pitch deck as PPTX bytes: :func:`calculator.export.deck.deck_pptx`, which says what ``kwargs`` are."""
    from .deck import deck_pptx as build_deck

    return build_deck(ex, **kwargs)


def workbook_bytes(ex: Export) -> bytes:
    """The auditable workbook as XLSX bytes: :func:`calculator.export.workbook.workbook_bytes`."""
    from .workbook import workbook_bytes as build_workbook

    return build_workbook(ex)

__all__ = [
    "CHART_LABELS", "FORMATS", "MIME", "Export", "brief_pdf", "budget_plan", "build", "chart_png", "chart_svg",
    "deck_pptx", "failure_reason", "file_names", "inert", "pack_zip", "parse_formats", "chart_file", "scenario_json",
    "summary_csv", "weekly_csv", "workbook_bytes",
]

FORMATS = ("png", "svg", "csv", "xlsx", "pdf", "pptx", "json", "zip")
MIME = {
    "png": "image/png", "svg": "image/svg+xml", "csv": "text/csv", "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation", "zip": "application/zip",
}

# Every chart file, in file order: the pitch charts (charts.PITCH_CHARTS), then the What-if page's.
_LABELS = {"cashflow": "J-curve: cumulative net value and payback", "tiers": "Investment and value by tier",
           "hours": "Hours saved per month", "strategies": "What-if: the plan's cash spent other ways",
           "spend_mix": "What-if: coaching vs platform spend",
           "tornado": "What-if: what moves the result most", "uncertainty": "What-if: Monte Carlo NPV"}
CHART_LABELS = {name: _LABELS.get(name, name.replace("_", " ").capitalize())
                for name in (*PITCH_CHARTS, *WHATIF_CHARTS)}
# The Budget planner's frontier: a file only when a budget is set (``budget=`` below), after the others.
BUDGET_CHART, BUDGET_LABEL = "budget", "Budget planner: the efficient frontier"


def parse_formats(text: str | None) -> tuple[str, ...]:
    """Formats from a comma-separated list (all of them for None); ``ValueError`` names each unknown one.

    >>> parse_formats("png, csv,png")
    ('png', 'csv')
    >>> parse_formats("png,docx")
    Traceback (most recent call last):
    ...
    ValueError: unknown format 'docx' (known: png, svg, csv, xlsx, pdf, pptx, json, zip)
    """
    if text is None:
        return FORMATS
    wanted = [part.strip().lower() for part in text.split(",") if part.strip()]
    problems = [f"unknown format {name!r} (known: {', '.join(FORMATS)})" for name in wanted if name not in FORMATS]
    if not wanted:
        problems.append(f"give at least one of {', '.join(FORMATS)}")
    if problems:
        raise ValueError("\n".join(problems))
    return tuple(dict.fromkeys(wanted))


def file_names(scenario_name: str, fmt: str, budget: bool = False) -> list[str]:
    """The files one format produces, named after the scenario (with the frontier chart when ``budget``).

    >>> file_names("Seed: 200-person organization", "csv")
    ['seed-200-person-organization-weekly.csv', 'seed-200-person-organization-summary.csv']
    >>> file_names("Q3 plan", "png")[:2]
    ['q3-plan-chart-cashflow.png', 'q3-plan-chart-costs.png']
    """
    base = slug(scenario_name)
    if fmt in ("png", "svg"):
        return [f"{base}-chart-{name}.{fmt}" for name in (*CHART_LABELS, *([BUDGET_CHART] if budget else []))]
    if fmt == "json":
        return [scenario_file_name(scenario_name)]  # the sidebar's Save scenario names it the same way
    names = {"csv": ["weekly.csv", "summary.csv"], "xlsx": ["workbook.xlsx"], "pdf": ["cfo-brief.pdf"],
             "pptx": ["deck.pptx"], "zip": ["cfo-pack.zip"]}
    if fmt not in names:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    return [f"{base}-{name}" for name in names[fmt]]


def scenario_json(ex: Export) -> bytes:
    """The scenario file (the one JSON format), as UTF-8 bytes.

    >>> from calculator import load_preset, loads
    >>> s = load_preset("seed-marketing-team")
    >>> loads(scenario_json(Export.of(s)).decode("utf-8")) == s
    True
    """
    return dumps(ex.scenario).encode("utf-8", "replace")


def chart_file(ex: Export, name: str, fmt: str = "png", whatif: WhatIfSettings | None = None,
               budget: BudgetSettings | None = None) -> bytes:
    """One chart (a key of :data:`CHART_LABELS`) as PNG (2x) or SVG; only that chart is built.

    A What-if chart uses ``whatif``, the What-if page's settings (draws, seed,
    correlation, adoption), so the file shows what the page showed; the Budget planner's
    frontier (``"budget"``) uses ``budget``, the page's :class:`~calculator.planner.BudgetSettings`.

    >>> from calculator import load_preset
    >>> chart_file(Export.of(load_preset("seed-marketing-team")), "hours", "svg")[:4]
    b'<svg'
    """
    if name in PITCH_CHARTS:
        chart = PITCH_CHARTS[name](ex.result, as_of=ex.as_of)
    elif name in WHATIF_CHARTS:
        chart = whatif_chart(ex.scenario, name, whatif, ex.as_of)
    elif name == BUDGET_CHART and budget is not None:
        chart = budget_chart(ex.scenario, budget.view(ex.scenario), ex.as_of)
    elif name == BUDGET_CHART:
        raise ValueError("chart 'budget': set a budget on the Budget planner page (or pass budget=) first")
    else:
        raise ValueError(f"unknown chart {name!r} (known: {', '.join(CHART_LABELS)})")
    return chart_png(chart) if fmt == "png" else chart_svg(chart)


_README = """CFO pack: {name}
Prepared {date} with the AI-training ROI calculator ({label}).

{sentence}

{ninety_days}

Contents
- {pdf}: the CFO brief (headline numbers, J-curve, cost and value by tier, assumptions, methodology)
- {pptx}: the editable deck (one chart per slide, with its takeaway)
- {xlsx}: the auditable workbook; every Summary figure is a live formula of its Inputs sheet
  (edit an input, recalculate, compare with the calculator's figure beside it)
- {csv}: the weekly flows, and every result and assumption
- charts/: each chart as PNG (2x) and SVG: the pitch charts, then the What-if page's
  (strategies, coaching vs platform spend, tornado, and a Monte Carlo of {draws:,} draws with seed {seed},
  benefit drivers correlated at {correlation:g})
- {json}: the scenario; load it in the app or run `python -m calculator evaluate` on it
"""


def _pack(files: dict[str, bytes], ex: Export, base: str, whatif: WhatIfSettings, failed: Sequence[str] = ()) -> bytes:
    def first(fmt: str) -> str:
        return ", ".join(file_names(ex.scenario.name, fmt))

    from .common import ninety_days_text

    readme = _README.format(name=ex.scenario.name, date=ex.date_text, label=LABEL, sentence=ex.summary.sentence,
                            ninety_days=ninety_days_text(ex.scenario),
                            pdf=first("pdf"), pptx=first("pptx"), xlsx=first("xlsx"), csv=first("csv"),
                            json=first("json"), draws=whatif.draws, seed=whatif.seed,
                            correlation=whatif.correlation)
    if failed:
        readme += "\nNot included (please report these with the scenario file):\n" + "\n".join(failed) + "\n"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{base}-cfo-pack/README.txt", readme.encode("utf-8", "replace"))
        for name, data in files.items():
            folder = "charts/" if name.endswith((".png", ".svg")) else ""
            archive.writestr(f"{base}-cfo-pack/{folder}{name}", data)
    return out.getvalue()


def failure_reason(exc: BaseException) -> str:
    """Why a file could not be built, in one line: the error's kind and the first line of its message.

    The CFO pack's README and the Exports page both say it this way.

    >>> failure_reason(RuntimeError("renderer crashed\\nat line 3"))
    'RuntimeError: renderer crashed'
    >>> failure_reason(MemoryError())
    'MemoryError: no detail'
    """
    text = str(exc)
    return f"{type(exc).__name__}: {text.splitlines()[0][:200] if text.strip() else 'no detail'}"


def build(ex: Export, formats: Iterable[str] = FORMATS, whatif: WhatIfSettings | None = None,
          budget: BudgetSettings | None = None) -> dict[str, bytes]:
    """Files for the requested formats, by file name, from one evaluation (charts rendered once).

    Parameters
    ----------
    ex : Export
        The evaluation and the date printed on charts and documents (``Export.of(scenario, as_of)``).
    formats : iterable of str
        Any of :data:`FORMATS`; ``zip`` is the CFO pack holding every other format.
    whatif : WhatIfSettings, optional
        The What-if page's settings for its charts (the page's defaults when not given).
    budget : BudgetSettings, optional
        The budget set on the Budget planner page: its frontier chart joins the charts, the brief and
        the deck (left out when the scenario can no longer meet it).

    Examples
    --------
    >>> from calculator import Cohort, Scenario
    >>> sorted(build(Export.of(Scenario(name="Q3 plan", cohorts=(Cohort(),))), ["json", "csv"]))
    ['q3-plan-scenario.json', 'q3-plan-summary.csv', 'q3-plan-weekly.csv']
    """
    formats = tuple(formats)
    for fmt in formats:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    needed = set(FORMATS) - {"zip"} if "zip" in formats else set(formats)
    name = ex.scenario.name
    in_pack = "zip" in formats
    with Renderings(png=bool(needed & {"png", "pdf", "pptx"})) as rendered:
        charts: dict[str, dict] = {}
        uncertainty = None
        view = None
        if needed & {"png", "svg", "pdf", "pptx"}:
            charts = pitch_charts(ex.result, as_of=ex.as_of)
            rendered.add_all(charts)  # laid out in the background while the What-if charts are computed
            mc = monte_carlo(ex.scenario, whatif)  # once: the chart, the brief and the deck all show this run
            charts["uncertainty"] = whatif_chart(ex.scenario, "uncertainty", whatif, ex.as_of, mc=mc)
            uncertainty = (charts["uncertainty"], mc.summary())
            if needed & {"png", "svg"}:  # the documents print only the Monte Carlo of the What-if charts
                charts |= {key: whatif_chart(ex.scenario, key, whatif, ex.as_of) for key in WHATIF_CHARTS[:-1]}
            view = budget_plan(ex.scenario, budget)
            if view is not None:
                charts[BUDGET_CHART] = budget_chart(ex.scenario, view, ex.as_of)
            rendered.add_all({key: chart for key, chart in charts.items() if key not in PITCH_CHARTS})
        chart_keys = [*CHART_LABELS, *([BUDGET_CHART] if view is not None else [])]
        chart_failures: dict[str, Exception] = {}
        pngs: dict[str, bytes] = {}

        def rendered_pngs() -> dict[str, bytes]:
            # In the pack a chart that cannot be drawn costs only the files that show it (named in the README).
            for key in charts:
                if key not in pngs and key not in chart_failures:
                    try:
                        pngs[key] = rendered.png(key)
                    except Exception as exc:  # noqa: BLE001
                        if not in_pack:
                            raise
                        chart_failures[key] = exc
            return pngs

        def png_files() -> list[bytes]:
            rendered_pngs()
            for key in chart_keys:
                if key in chart_failures:
                    raise ValueError(f"the {key} chart: {chart_failures[key]}")
            return [pngs[key] for key in chart_keys]

        def brief() -> list[bytes]:
            shown = rendered_pngs()
            return [brief_pdf(ex, cashflow_png=shown.get("cashflow"), budget=view, budget_png=shown.get(BUDGET_CHART),
                              uncertainty_png=shown.get("uncertainty"), whatif=whatif, uncertainty=uncertainty)]

        makers = {
            "png": png_files,
            "svg": lambda: [rendered.svg(key) for key in chart_keys],
            "csv": lambda: [weekly_csv(ex), summary_csv(ex)],
            "xlsx": lambda: [workbook_bytes(ex)],
            "pdf": brief,
            "pptx": lambda: [deck_pptx(ex, chart_pngs=rendered_pngs(), budget=view, whatif=whatif,
                                       uncertainty=uncertainty)],
            "json": lambda: [scenario_json(ex)],
        }
        built: dict[str, list[bytes]] = {}
        reasons: dict[str, str] = {}
        # The files without charts first, while the charts render; the files keep FORMATS' order below.
        for fmt in sorted(needed, key=("csv", "xlsx", "json", "pdf", "pptx", "png", "svg").index):
            if not in_pack:
                built[fmt] = makers[fmt]()
                continue
            # In the pack, a file that cannot be built is left out and named in the README, with why:
            # the pack still downloads with everything else.
            try:
                built[fmt] = makers[fmt]()
            except Exception as exc:  # noqa: BLE001 (any renderer failure; reported, never silent)
                reasons[fmt] = failure_reason(exc)
    files: dict[str, bytes] = {}
    failed: list[str] = []
    for fmt in FORMATS[:-1]:
        names = file_names(name, fmt, view is not None)
        if fmt in built:
            files.update(zip(names, built[fmt]))
        elif fmt in reasons:
            failed.append(f"- {', '.join(names)}: could not be built ({reasons[fmt]})")
    if in_pack:
        files[file_names(name, "zip")[0]] = _pack(files, ex, slug(name), whatif or WhatIfSettings(), failed)
    wanted = {n for fmt in formats for n in file_names(name, fmt, view is not None)}
    return {n: data for n, data in files.items() if n in wanted}


def pack_zip(ex: Export, whatif: WhatIfSettings | None = None, budget: BudgetSettings | None = None) -> bytes:
    """The CFO pack: brief, deck, workbook, CSVs, charts and scenario in one zip.

    >>> import io, zipfile
    >>> from calculator import Cohort, Scenario
    >>> pack = pack_zip(Export.of(Scenario(name="Q3 plan", cohorts=(Cohort(),))))
    >>> names = zipfile.ZipFile(io.BytesIO(pack)).namelist()
    >>> len(names), names[0]
    (23, 'q3-plan-cfo-pack/README.txt')
    """
    return next(iter(build(ex, ["zip"], whatif, budget).values()))


def budget_text(budget: BudgetSettings, currency: str = "USD") -> str:
    """The budget set on the Budget planner page, in words.

    >>> from calculator.planner import BudgetSettings
    >>> budget_text(BudgetSettings(100_000, "hours"))
    '$100,000, maximising hours a year'
    """
    from ..formatting import money
    from ..planner import OBJECTIVES

    return f"{money(budget.budget, currency, exact=True)}, maximising {OBJECTIVES[budget.objective]}"


def budget_plan(scenario: Scenario, budget: BudgetSettings | None,
                solve: Callable[[Scenario, BudgetSettings], BudgetView] | None = None) -> BudgetView | None:
    """The plan at the Budget planner's budget, or None when none is set or the scenario can no longer meet it.

    What :func:`brief_pdf` and :func:`deck_pptx` print as "what the budget buys". ``solve`` finds the plan
    (``budget.view(scenario)`` when not given); the app passes the Budget planner page's cache, so a page
    reads the plan that page drew instead of solving it again.

    >>> from calculator import load_preset
    >>> from calculator.planner import BudgetSettings
    >>> starter = load_preset("starter-300-person-pilots")   # $100K of cash funds the marketing pilot
    >>> budget_plan(starter, BudgetSettings(100_000)).plan.funded, budget_plan(starter, None)
    (1, None)
    """
    from ..planner import InfeasibleBudget

    if budget is None:
        return None
    try:
        return solve(scenario, budget) if solve is not None else budget.view(scenario)
    except (InfeasibleBudget, ValueError):  # a team forced in or out that the edited scenario no longer has
        return None
