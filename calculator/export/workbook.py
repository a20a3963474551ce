"""The Excel workbook a finance team can audit: inputs, teams, weekly flows, and a Summary of live formulas.

Sheets:

- **Summary**: every result as a formula over the other sheets (totals, ROI,
  BCR, NPV, payback by MODEL.md's rule, hours, FTE, tiers), beside the
  calculator's own figure at export so the two can be compared.
- **Assumptions**: the organization, finance and literacy inputs and any ranges.
- **Cohorts**: one row per stream of value (Tier 1 literacy, then each team),
  with its steady-state hours and value as formulas.
- **Weekly**: the calculator's weekly cost, benefit and hours (values), with
  net, cumulative net, discount factor and the payback helper columns as formulas.

Changing a weekly cost or an input such as the discount rate flows through the
formulas; the weekly flows themselves are the calculator's (re-export to change
a team's schedule).
"""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from ..model import TIERS
from .common import FORMULA_TRIGGERS, prepare, xml_safe
from .tables import assumption_items, null_note

BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
FORMULA_FILL = PatternFill("solid", fgColor="FFF2CC")
MONEY = '#,##0.00'
NOT_WITHIN = "not within horizon"
ZERO_TOLERANCE = "0.000001"  # MODEL.md: cumulative net within a millionth of zero counts as zero

# Weekly sheet columns (1-based letters), in the order the sheet shows them.
WEEKLY_HEADERS = {
    "A": "week", "B": "month", "C": "cost", "D": "benefit", "E": "net", "F": "cumulative net",
    "G": "hours saved", "H": "discount factor", "I": "discounted net",
    "J": "cumulative net (zero within 1e-6)", "K": "previous cumulative", "L": "payback crossing (1 = first)",
    "M": "payback week (interpolated)",
    "N": "cost tier 1", "O": "cost tier 2", "P": "cost tier 3",
    "Q": "benefit tier 1", "R": "benefit tier 2", "S": "benefit tier 3",
}
COHORT_HEADERS = {
    "A": "name", "B": "function", "C": "tier", "D": "delivery", "E": "people (team size / learners)",
    "F": "start week", "G": "engagement weeks", "H": "price", "I": "price unit",
    "J": "participant hours per week", "K": "hours saved per person per week",
    "L": "adoption rate (x completion for literacy)", "M": "loaded hourly cost (empty = organization's)",
    "N": "workflows built", "O": "hourly cost used", "P": "counted (starts within horizon)",
    "Q": "annual hours saved (steady state)", "R": "annual value (steady state)", "S": "people counted",
}


def _text(cell, text: str) -> None:
    """User text as an inert string cell: never a formula, whatever it starts with."""
    cell.value = xml_safe(text)
    cell.data_type = "s"
    if text.startswith(FORMULA_TRIGGERS):
        cell.quotePrefix = True  # how Excel itself stores text typed as '=...


def _put(ws, ref: str, value, fmt: str | None = None, *, formula: bool = False) -> None:
    cell = ws[ref]
    if isinstance(value, str) and not formula:
        _text(cell, value)
    else:
        cell.value = value
    if formula:
        cell.fill = FORMULA_FILL
    if fmt:
        cell.number_format = fmt


def _header(ws, headers: dict[str, str], row: int = 1) -> None:
    for col, label in headers.items():
        cell = ws[f"{col}{row}"]
        cell.value, cell.font, cell.fill = label, BOLD, HEADER_FILL


def _widths(ws, widths: dict[str, float]) -> None:
    for col, width in widths.items():
        ws.column_dimensions[col].width = width


def _assumptions(ws, scenario) -> dict[str, str]:
    """Write the inputs; return each path's absolute reference, e.g. ``Assumptions!$B$5``."""
    _header(ws, {"A": "input", "B": "value", "C": "note"})
    refs = {}
    row = 2
    for path, value in assumption_items(scenario):
        if path.startswith("cohorts["):
            continue  # teams are on the Cohorts sheet
        _put(ws, f"A{row}", path)
        _put(ws, f"B{row}", value)
        if value is None:
            _put(ws, f"C{row}", null_note(path))
        refs[path] = f"Assumptions!$B${row}"
        row += 1
    _widths(ws, {"A": 44, "B": 16, "C": 40})
    ws.freeze_panes = "A2"
    return refs


def _cohorts(ws, scenario, ref: dict[str, str], horizon: str) -> int:
    """Literacy in row 2, then one row per team; return the last row."""
    _header(ws, COHORT_HEADERS)
    weeks_per_year = ref["organization.working_weeks_per_year"]
    learners, headcount = ref["literacy.learners"], ref["organization.headcount"]
    _put(ws, "A2", "Tier 1 literacy (all learners)")
    _put(ws, "C2", 1)
    _put(ws, "D2", "platform")
    _put(ws, "E2", f"=IF(ISBLANK({learners}),{headcount},{learners})", formula=True)
    _put(ws, "F2", f"={ref['literacy.start_week']}", formula=True)
    _put(ws, "K2", f"={ref['literacy.hours_saved_per_person_per_week']}", formula=True)
    _put(ws, "L2", f"={ref['literacy.completion_rate']}*{ref['literacy.adoption_rate']}", formula=True)
    _put(ws, "O2", f"={ref['organization.loaded_hourly_cost']}", formula=True)
    _put(ws, "P2", f"=IF(AND({ref['literacy.enabled']},F2<={horizon}),1,0)", formula=True)
    row = 2
    for cohort in scenario.cohorts:
        row += 1
        for col, value in zip("ABCDEFGHIJKLMN", (
                cohort.name, cohort.function, cohort.tier, cohort.delivery, cohort.team_size, cohort.start_week,
                cohort.engagement_weeks, cohort.price, cohort.price_unit, cohort.participant_hours_per_week,
                cohort.hours_saved_per_person_per_week, cohort.adoption_rate, cohort.loaded_hourly_cost,
                cohort.workflows_built)):
            if value is not None:
                _put(ws, f"{col}{row}", value)
        _put(ws, f"O{row}", f"=IF(ISBLANK(M{row}),{ref['organization.loaded_hourly_cost']},M{row})", formula=True)
        _put(ws, f"P{row}", f"=IF(F{row}<={horizon},1,0)", formula=True)
    value_factor = f"{ref['finance.productivity_recapture']}*(1-{ref['finance.benefit_risk_adjustment']})"
    for r in range(2, row + 1):
        _put(ws, f"Q{r}", f"=P{r}*E{r}*L{r}*K{r}*{weeks_per_year}", "#,##0.00", formula=True)
        _put(ws, f"R{r}", f"=Q{r}*O{r}*{value_factor}", MONEY, formula=True)
        _put(ws, f"S{r}", f"=P{r}*E{r}", formula=True)
        ws[f"H{r}"].number_format = MONEY
    _widths(ws, {"A": 30, "B": 16, "D": 12, "I": 22, **{c: 14 for c in "CEFGHJKLMNOPQRS"}})
    ws.freeze_panes = "B2"
    return row


def _weekly(ws, result, ref: dict[str, str]) -> int:
    """The weekly flows; return the last row (at least 2, so every range is well formed)."""
    _header(ws, WEEKLY_HEADERS)
    rate, weeks_per_year = ref["finance.annual_discount_rate"], ref["organization.working_weeks_per_year"]
    for i, row in enumerate(result.weekly_rows()):
        r = i + 2
        values = {"A": row["week"], "B": row["month"], "C": row["cost"], "D": row["benefit"], "G": row["hours_saved"]}
        for t in range(3):
            values["NOP"[t]] = float(result.weekly_cost_by_tier[t][i])
            values["QRS"[t]] = float(result.weekly_benefit_by_tier[t][i])
        for col, value in values.items():
            _put(ws, f"{col}{r}", value, MONEY if col in "CDNOPQRS" else None)
        formulas = {
            "E": f"=D{r}-C{r}",
            "F": f"=E{r}" if r == 2 else f"=F{r - 1}+E{r}",
            "H": f"=(1+{rate})^(-A{r}/{weeks_per_year})",
            "I": f"=E{r}*H{r}",
            "J": f"=IF(ABS(F{r})<{ZERO_TOLERANCE},0,F{r})",
            "K": "=0" if r == 2 else f"=J{r - 1}",
            "L": f"=IF(AND(K{r}<0,J{r}>=0),1,0)",
            "M": f'=IF(L{r}=1,(A{r}-1)+(-K{r})/(J{r}-K{r}),"")',
        }
        for col, formula in formulas.items():
            _put(ws, f"{col}{r}", formula, "0.000000" if col == "H" else MONEY if col in "EFIJK" else None,
                 formula=True)
    _widths(ws, {get_column_letter(i): 15 for i in range(1, 20)})
    ws.freeze_panes = "B2"
    return max(result.horizon_weeks + 1, 2)


def _summary_rows(n: int, m: int, ref: dict[str, str]) -> list[tuple[str, str, str, str, str]]:
    """(key, label, formula, number format, how it is computed) for every live result."""
    w = ref["organization.working_weeks_per_year"]

    def col(c: str) -> str:
        return f"Weekly!{c}2:{c}{n}"

    rows = [
        ("horizon_weeks", "Horizon (weeks)", f"=INT((2*{ref['finance.horizon_months']}*{w}+12)/24)", "0",
         "months x W / 12, nearest whole week, halves up"),
        ("total_cost", "Total cost", f"=SUM({col('C')})", MONEY, "sum of weekly cost"),
        ("total_benefit", "Total benefit", f"=SUM({col('D')})", MONEY, "sum of weekly benefit"),
        ("net_benefit", "Net benefit", "=B{total_benefit}-B{total_cost}", MONEY, "benefit - cost, undiscounted"),
        ("roi_pct", "ROI (%)", '=IF(B{total_cost}>0,B{net_benefit}/B{total_cost}*100,"n/a")', "0.00",
         "net / cost x 100; n/a when nothing is spent"),
        ("bcr", "Benefit-cost ratio", '=IF(B{total_cost}>0,B{total_benefit}/B{total_cost},"n/a")', "0.000",
         "benefit / cost; n/a when nothing is spent"),
        ("npv", "Net present value", f"=SUMPRODUCT({col('E')},{col('H')})", MONEY,
         "each week's net x (1 + rate)^(-week / W)"),
        ("payback_months", "Payback (months)",
         f'=IF(Weekly!J{n}<0,"{NOT_WITHIN}",IF(COUNTIF({col("J")},"<0")=0,0,'
         f'INDEX({col("M")},MATCH(1,{col("L")},0))*12/{w}))', "0.00",
         "first week cumulative net turns >= 0, interpolated, x 12 / W; 0 if never below zero; "
         "not within horizon if below zero at the end"),
        ("hours_saved_in_horizon", "Hours saved in the horizon", f"=SUM({col('G')})", "#,##0.00",
         "sum of weekly hours saved"),
        ("annual_hours_saved", "Annual hours saved (steady state)", f"=SUM(Cohorts!Q2:Q{m})", "#,##0.00",
         "people x adoption x hours a week x W, per stream"),
        ("fte_returned", "FTE returned", f"=B{{annual_hours_saved}}/{ref['organization.hours_per_fte_year']}",
         "0.000", "annual hours / hours per FTE year"),
        ("annual_value", "Annual value (steady state)", f"=SUM(Cohorts!R2:R{m})", MONEY,
         "annual hours x hourly cost x recapture x (1 - risk adjustment)"),
    ]
    for t in TIERS:
        rows += [
            (f"cost_by_tier.{t}", f"Cost, tier {t}", f"=SUM({col('NOP'[t - 1])})", MONEY,
             "sum of the tier's weekly cost"),
            (f"benefit_by_tier.{t}", f"Benefit, tier {t}", f"=SUM({col('QRS'[t - 1])})", MONEY,
             "sum of the tier's weekly benefit"),
            (f"people_by_tier.{t}", f"People, tier {t}", f"=SUMIF(Cohorts!C2:C{m},{t},Cohorts!S2:S{m})", "#,##0",
             "people in streams that start within the horizon"),
            (f"cost_per_employee_by_tier.{t}", f"Cost per person, tier {t}",
             f'=IF(B{{people_by_tier.{t}}}>0,B{{cost_by_tier.{t}}}/B{{people_by_tier.{t}}},"n/a")', MONEY,
             "tier cost / people; n/a for an empty tier"),
            (f"annual_hours_by_tier.{t}", f"Annual hours saved, tier {t}",
             f"=SUMIF(Cohorts!C2:C{m},{t},Cohorts!Q2:Q{m})", "#,##0.00", "steady state, by tier"),
        ]
    return rows


def calculator_value(result, key: str):
    """The calculator's figure for a Summary key such as ``npv`` or ``cost_by_tier.2``.

    >>> from calculator import Cohort, Scenario, evaluate
    >>> calculator_value(evaluate(Scenario(cohorts=(Cohort(tier=3, price=200),))), "cost_by_tier.3")  # 10 x 200 x 6
    12000.0
    """
    name, _, tier = key.partition(".")
    value = getattr(result, name)
    return value[tier] if tier else value


def workbook_bytes(source) -> bytes:
    """The auditable workbook (.xlsx): Summary (live formulas), Assumptions, Cohorts, Weekly.

    Parameters
    ----------
    source : Scenario, PitchSummary or Result
        A scenario is evaluated once; the Summary's last column holds that evaluation's figures.

    Examples
    --------
    >>> import io, openpyxl
    >>> from calculator import Cohort, Scenario
    >>> wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes(Scenario(cohorts=(Cohort(),)))))
    >>> wb.sheetnames
    ['Summary', 'Assumptions', 'Cohorts', 'Weekly']
    >>> wb["Summary"]["B10"].value   # 24 months = 104 weeks, in rows 2 to 105
    '=SUM(Weekly!C2:C105)'
    """
    ex = prepare(source)
    result, scenario = ex.result, ex.scenario
    wb = Workbook()
    summary = wb.active
    summary.title = "Summary"
    ref = _assumptions(wb.create_sheet("Assumptions"), scenario)
    first = 9  # first result row on the Summary sheet
    keys = [row[0] for row in _summary_rows(2, 2, ref)]
    horizon = f"Summary!$B${first + keys.index('horizon_weeks')}"
    m = _cohorts(wb.create_sheet("Cohorts"), scenario, ref, horizon)
    n = _weekly(wb.create_sheet("Weekly"), result, ref)

    _put(summary, "A1", "AI-training ROI: auditable workbook")
    summary["A1"].font = Font(bold=True, size=14)
    for r, (label, value) in enumerate((("Scenario", scenario.name), ("Currency", scenario.currency),
                                        ("Exported", ex.as_of.isoformat()), ("Notes", scenario.notes)), start=2):
        _put(summary, f"A{r}", label)
        _put(summary, f"B{r}", value)
    _put(summary, "A6", "Column B holds live formulas over the Weekly, Cohorts and Assumptions sheets; column D "
                        "holds the calculator's figure at export, for checking. Methodology: docs/MODEL.md.")
    _header(summary, {"A": "result", "B": "value (live formula)", "C": "key", "D": "calculator at export",
                      "E": "how it is computed"}, row=first - 1)
    rows = _summary_rows(n, m, ref)
    where = {key: first + i for i, (key, *_rest) in enumerate(rows)}
    for i, (key, label, formula, fmt, how) in enumerate(rows):
        r = first + i
        _put(summary, f"A{r}", label)
        _put(summary, f"B{r}", re.sub(r"\{([^}]+)\}", lambda k: str(where[k.group(1)]), formula), fmt, formula=True)
        _put(summary, f"C{r}", key)
        calc = calculator_value(result, key)
        _put(summary, f"D{r}", NOT_WITHIN if key == "payback_months" and calc is None
             else "n/a" if calc is None else calc, fmt)
        _put(summary, f"E{r}", how)
    r = first + len(rows) + 1
    if ex.summary.cost_low is not None:
        _put(summary, f"A{r}", "From the calculator (static): total cost with every ranged input at its end")
        summary[f"A{r}"].font = BOLD
        _put(summary, f"A{r + 1}", "Total cost, ranged inputs low")
        _put(summary, f"D{r + 1}", ex.summary.cost_low, MONEY)
        _put(summary, f"A{r + 2}", "Total cost, ranged inputs high")
        _put(summary, f"D{r + 2}", ex.summary.cost_high, MONEY)
    _widths(summary, {"A": 40, "B": 22, "C": 30, "D": 22, "E": 70})
    summary.freeze_panes = f"A{first}"

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
