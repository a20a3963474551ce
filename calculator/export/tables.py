"""CSV exports: the weekly table, and a summary of results and assumptions.

Numbers are written at full precision (Python's shortest round-trip form), so
a CSV re-reads to exactly the numbers the calculator computed. User text that
a spreadsheet would run as a formula is made inert (:func:`export_common.inert`).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re

from ..presets import printed_notes
from ..scenario import Actuals, Scenario
from .common import Export, inert

WEEKLY_COLUMNS = ("week", "month", "cost", "benefit", "net", "cumulative_net", "hours_saved",
                  "cost_fees", "cost_participant_time", "cost_ai_seats", "cost_other", "cash_benefit",
                  "discounted_net")
SUMMARY_COLUMNS = ("section", "item", "value", "unit", "note")

_RESULT_UNITS = {
    "horizon_weeks": "weeks", "roi_pct": "%", "bcr": "ratio", "payback_months": "months",
    "annual_hours_saved": "hours a year", "annual_hours_by_tier": "hours a year", "fte_returned": "FTE",
    "hours_saved_in_horizon": "hours", "people_by_tier": "people",
    "roi_pv_pct": "%", "irr_pct": "% a year", "discounted_payback_months": "months",
    "cash_payback_months": "months", "warnings": "",
    "by_team.tier": "", "by_team.name": "", "by_team.roi_pct": "%", "by_team.payback_months": "months",
    "by_team.annual_hours_saved": "hours a year", "by_team.fte_returned": "FTE",
    "annual_hours_without_training": "hours a year",
    "program.roi_pv_pct": "%", "program.payback_months": "months",
}
_NULL_NOTES: dict[str, str] = {
    "roi_pct": "empty: nothing is spent", "bcr": "empty: nothing is spent",
    "payback_months": "empty: does not pay back within the horizon",
    "cost_per_employee_by_tier": "empty: nobody in this tier",
    "roi_pv_pct": "empty: nothing is spent",
    "irr_pct": "empty: no rate from -99% to 1,000,000% a year zeroes the NPV",
    "discounted_payback_months": "empty: does not pay back within the horizon",
    "cash_payback_months": "empty: the cash alone does not pay back within the horizon",
    "by_team.roi_pct": "empty: nothing is spent",
    "by_team.payback_months": "empty: does not pay back within the horizon",
    "program.roi_pv_pct": "empty: nothing is spent",
    "program.payback_months": "empty: the whole program does not pay back within the horizon",
}


def _csv_bytes(header, rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    # The byte-order mark makes Excel read the file as UTF-8 (team names with accents); pandas skips it.
    return ("\ufeff" + out.getvalue()).encode("utf-8", "replace")  # "replace": a lone surrogate becomes "?"


def _cell(value):
    """A CSV field: numbers as they are, booleans as true/false, None empty, text made inert."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return inert(value)
    return value


def weekly_csv(ex: Export) -> bytes:
    """The week-by-week flows (MODEL.md's ``weekly`` table) as CSV bytes.

    Parameters
    ----------
    ex : Export
        The evaluation to write (:meth:`Export.of` evaluates a scenario).

    Examples
    --------
    >>> from calculator import load_preset
    >>> weekly_csv(Export.of(load_preset("seed-marketing-team"))).decode("utf-8-sig").splitlines()[0].split(",")[:8]
    ['week', 'month', 'cost', 'benefit', 'net', 'cumulative_net', 'hours_saved', 'cost_fees']
    """
    rows = ex.result.weekly_rows()
    return _csv_bytes(WEEKLY_COLUMNS, ([row[c] for c in WEEKLY_COLUMNS] for row in rows))


_ACTUAL_FIELDS = dataclasses.fields(Actuals)


def assumption_items(scenario: Scenario) -> list[tuple[str, object]]:
    """Every input of the scenario as (path, value), in the file format's order.

    >>> from calculator import load_preset
    >>> dict(assumption_items(load_preset("seed-marketing-team")))["organization.headcount"]
    8
    """
    items: list[tuple[str, object]] = []

    def fields(prefix: str, obj) -> None:
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if f.name == "actuals":  # pilot measurements: one row per measured quantity
                measured = dataclasses.fields(value) if value is not None else _ACTUAL_FIELDS
                items.extend((f"{prefix}.actuals.{a.name}", None if value is None else getattr(value, a.name))
                             for a in measured)
            elif dataclasses.is_dataclass(value):  # cohorts[i].without_training.adoption_rate
                fields(f"{prefix}.{f.name}", value)
            else:
                items.append((f"{prefix}.{f.name}", value))

    for section in ("organization", "finance", "ai_tools", "literacy"):
        fields(section, getattr(scenario, section))
    for i, cohort in enumerate(scenario.cohorts):
        fields(f"cohorts[{i}]", cohort)
    for i, item in enumerate(scenario.other_costs):
        fields(f"other_costs[{i}]", item)
    for path, low, high in scenario.ranges:
        items += [(f"ranges[{path}].low", low), (f"ranges[{path}].high", high)]
    return items


def null_note(path: str) -> str:
    """What an empty (null) input means.

    >>> null_note("literacy.learners"), null_note("cohorts[0].actuals.workflows_built")
    ('empty: the whole headcount', 'empty: not measured yet')
    >>> null_note("other_costs[2].share_of_fees")
    'empty: a fixed amount, not a share of the fees'
    """
    if ".actuals." in path:
        return "empty: not measured yet"
    if path.endswith("share_of_fees"):
        return "empty: a fixed amount, not a share of the fees"
    return "empty: the whole headcount" if path.endswith("learners") else "empty: the organization's"


def result_items(result) -> list[tuple[str, object, str, str]]:
    """Every result as (key, value, unit, note); per-tier results as ``key.tier``, lists as ``key[i]``, each
    team's economics as ``by_team[i].field`` and the v3 blocks one level per dot (``baseline.cost_by_line.fees``,
    ``program.npv``).

    >>> from calculator import load_preset, evaluate
    >>> rows = {key: (unit, note) for key, _, unit, note in result_items(evaluate(load_preset("seed-200-person-org")))}
    >>> rows["baseline.cost_by_line.participant_time"], rows["program.payback_months"]
    (('USD', ''), ('months', 'empty: the whole program does not pay back within the horizon'))
    """
    items = []
    currency = result.scenario.currency

    def looked_up(table: dict[str, str], key: str, default: str) -> str:
        """The entry for the key without list indexes, else for its nearest parent (cost_by_tier.2: cost_by_tier)."""
        parts = re.sub(r"\[\d+\]", "", key).split(".")
        for n in range(len(parts), 0, -1):
            found = table.get(".".join(parts[:n]))
            if found is not None:
                return found
        return default

    def add(key: str, value) -> None:
        if isinstance(value, dict):
            for sub, v in value.items():
                add(f"{key}.{sub}", v)
        elif isinstance(value, list):
            for i, v in enumerate(value):
                add(f"{key}[{i}]", v)
        else:
            note = looked_up(_NULL_NOTES, key, "") if value is None else ""
            items.append((key, value, looked_up(_RESULT_UNITS, key, currency), note))

    for key, value in result.to_dict().items():
        if key not in ("scenario", "currency"):
            add(key, value)
    return items


def summary_csv(ex: Export) -> bytes:
    """Results and assumptions in one CSV: section, item, value, unit, note.

    Parameters
    ----------
    ex : Export
        The evaluation to write, with its date (the ``exported`` row).

    Examples
    --------
    >>> from calculator import Cohort, Literacy, Scenario
    >>> team = Cohort(name="=cmd", team_size=10, price=200, engagement_weeks=6)   # 10 x $200 x 6 weeks
    >>> text = summary_csv(Export.of(Scenario(cohorts=(team,), literacy=Literacy(enabled=False)))).decode("utf-8-sig")
    >>> [line for line in text.splitlines() if line.startswith(("result,total_cost,", "assumption,cohorts[0].name"))]
    ['result,total_cost,12000.0,USD,', "assumption,cohorts[0].name,'=cmd,,"]
    """
    s = ex.scenario
    rows = [("scenario", "name", _cell(s.name), "", ""),
            ("scenario", "currency", _cell(s.currency), "", ""),
            ("scenario", "exported", ex.as_of.isoformat(), "", ""),
            ("scenario", "notes", _cell(printed_notes(s)), "", "")]
    if ex.summary.cost_low is not None:
        rows += [("result", "total_cost_range_low", ex.summary.cost_low, s.currency, "ranged inputs at their low end"),
                 ("result", "total_cost_range_high", ex.summary.cost_high, s.currency,
                  "ranged inputs at their high end"),
                 ("result", "program_fees_range_low", ex.summary.fees_low, s.currency,
                  "ranged inputs at their low end"),
                 ("result", "program_fees_range_high", ex.summary.fees_high, s.currency,
                  "ranged inputs at their high end")]
    rows += [("result", key, _cell(value), unit, note) for key, value, unit, note in result_items(ex.result)]
    rows += [("assumption", path, _cell(value), "", null_note(path) if value is None else "")
             for path, value in assumption_items(s)]
    return _csv_bytes(SUMMARY_COLUMNS, rows)
