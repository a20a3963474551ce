"""The Excel workbook a finance analyst can audit: every number a live formula of the Inputs sheet.

Sheets, in the order a reader needs them:

- **How to audit**: what each sheet holds and which cells are inputs.
- **Summary**: one row per result key of docs/MODEL.md: column A the key, B a live
  formula, C a label, D the calculator's own figure at export (for comparison),
  E how the formula computes it.
- **Inputs**: one row per scalar scenario input: column A its parameter path exactly
  as in the scenario file, B its value (the only cells meant to be edited, shaded,
  with data validation), C what it means and its unit.
- **Derived**: the few figures every sheet shares (horizon in weeks, value and cost
  factors, the discount rate) as named cells, and checks that the sheets agree.
- **Teams**: one row per stream of value (Tier 1 literacy, then each team): its
  weekly rates from the inputs before cost risk (fee per engagement week, one-off fee,
  participants' time, AI seats), hours at full ramp over the team's counterfactual,
  value per hour, its totals over the horizon, and whether it is in the decision or
  the baseline (methodology v3).
- **Other costs**: each program cost outside a tier, spread over its weeks or a share
  of the decision's weekly fees; in the decision or the baseline.
- **Weekly**: one row per week for the longest horizon the inputs allow: the decision's
  cost lines, value, cash, hours, net, cumulative and discounted flows, its fees before
  cost risk and its cash cost, then the baseline's lines and the whole program's net.
  Weeks past the horizon contribute zero by formula, so a shorter or longer horizon
  changes the totals.
- **Team weeks**: each stream's weekly cost and hours (ramp and decay), and each
  team's cumulative net for its payback.

Nothing in the workbook is a pasted result except column D of the Summary. Text
from the scenario (names, notes) is always written as an inert string cell, never
as a formula, whatever it starts with.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.formula import ArrayFormula

from ..formatting import SYMBOLS
from ..limits import MAX_NAME_CHARS, MAX_NOTES_CHARS
from ..methodology import CONTRACT, LABEL, short_forms
from ..model import TIERS, Result
from ..presets import printed_notes
from ..scenario import Finance, Organization, Scenario
from .common import FORMULA_TRIGGERS, Export, xml_safe

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
INPUT_FONT = Font(color="1F3FBF")  # blue on yellow: the finance convention for "you may change this"
WRAP = Alignment(wrap_text=True, vertical="top")
NOT_WITHIN = "not within horizon"
NA = "n/a"
TOL = "1E-6"  # MODEL.md / the calculator: cumulative sums within a millionth of zero count as zero
HOURS = "#,##0.00"
RATIO = "0.000"
PCT_VALUE = '#,##0.00" %"'  # a result already in percent (roi_pct = 250 means 250 %)
SHARE = "0.00%"             # an input between 0 and 1
PLAIN = "General"
BOOLEAN = '"TRUE";"TRUE";"FALSE"'  # a boolean input reads TRUE/FALSE in every spreadsheet


def _max_weeks() -> int:
    """The longest horizon the inputs allow: 120 months of 53 weeks (rounded like horizon_weeks)."""
    months = next(f for f in dataclasses.fields(Finance) if f.name == "horizon_months").metadata["high"]
    weeks = next(f for f in dataclasses.fields(Organization) if f.name == "working_weeks_per_year").metadata["high"]
    return int((2 * months * weeks + 12) // 24)


WEEKS = _max_weeks()  # 530 rows on the Weekly sheet, whatever the exported horizon


_LETTERS = [""] + [get_column_letter(c) for c in range(1, 16385)]


def _cell_xml(template: str) -> str:
    """A cell's content as sheet XML: ``<f>`` for a formula template, ``<v>`` for a number; braces other than
    the {r}/{p}/{w} placeholders are escaped so the result is a format string."""
    if template.startswith("="):
        body = template[1:].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return f"<f>{body}</f></c>"
    return f"<v>{template}</v></c>"


class Formula(str):
    """A formula this module wrote. Any other ``str`` written to a cell is text and stays inert."""


def _money_format(currency: str) -> str:
    symbol = SYMBOLS.get(currency)
    if symbol:
        return f'"{symbol}"#,##0.00'
    code = re.sub(r"[^A-Za-z]", "", currency)[:3]  # a code built in code skips validation: keep the format valid
    return f'#,##0.00" {code}"' if code else "#,##0.00"


class _Sheet:
    """Rows of one write-only sheet, built in memory in any order and streamed once at the end."""

    def __init__(self, wb: Workbook, title: str):
        self.ws = wb.create_sheet(title)
        self.title = title
        self.rows: dict[int, dict[int, WriteOnlyCell]] = {}
        self.bulk: list[str] = []  # rows already as sheet XML, written after the styled rows (see _inject)
        self._styles: dict[str | None, str] = {}
        self._style_arrays: dict[tuple, StyleArray] = {}

    def put(self, row: int, col: int, value: object, fmt: str | None = None, *, font: Font | None = None,
            fill: PatternFill | None = None, wrap: bool = False) -> WriteOnlyCell:
        quoted = False
        if isinstance(value, str) and not isinstance(value, Formula):
            cell = WriteOnlyCell(self.ws, xml_safe(value))
            cell.data_type = "s"  # never a formula, even when the text starts with "="
            if value.startswith(FORMULA_TRIGGERS):
                quoted = cell.quotePrefix = True  # how Excel itself stores text typed as '=...
        elif isinstance(value, ArrayFormula):
            cell = WriteOnlyCell(self.ws, value)
        else:
            cell = WriteOnlyCell(self.ws, str(value) if isinstance(value, Formula) else value)
        key = (fmt, id(font), id(fill), wrap, quoted)
        if key == (None, id(None), id(None), False, False):
            self.rows.setdefault(row, {})[col] = cell
            return cell
        style = self._style_arrays.get(key)
        if style is None:  # setting a style is slow in openpyxl (it hashes the style objects): do it once per kind
            if fmt:
                cell.number_format = fmt
            if font:
                cell.font = font
            if fill:
                cell.fill = fill
            if wrap:
                cell.alignment = WRAP
            self._style_arrays[key] = StyleArray(cell._style)
        else:
            cell._style = StyleArray(style)
        self.rows.setdefault(row, {})[col] = cell
        return cell

    def style_input(self, cell: WriteOnlyCell) -> None:
        """Shade a cell as an input (its number format kept)."""
        key = ("input", cell.number_format)
        style = self._style_arrays.get(key)
        if style is None:
            cell.fill, cell.font = INPUT_FILL, INPUT_FONT
            self._style_arrays[key] = StyleArray(cell._style)
        else:
            cell._style = StyleArray(style)

    def array(self, row: int, col: int, formula: str, fmt: str | None = None) -> WriteOnlyCell:
        """An array formula (MATCH over a product of conditions needs array evaluation in Excel 2016)."""
        return self.put(row, col, ArrayFormula(f"{get_column_letter(col)}{row}", formula), fmt)

    def header(self, row: int, labels: Iterable[str], start_col: int = 1) -> None:
        for i, label in enumerate(labels):
            self.put(row, start_col + i, label, font=BOLD, fill=HEADER_FILL, wrap=True)

    def widths(self, widths: dict[str, float]) -> None:
        for col, width in widths.items():
            self.ws.column_dimensions[col].width = width

    def bulk_rows(self, first_row: int, weeks: int,
                  columns: Sequence[tuple[str, str | None, str | None]]) -> None:
        """Rows ``first_row ..`` for weeks 1..``weeks``, written straight as sheet XML: the weekly sheets hold tens
        of thousands of formulas, and openpyxl's per-cell objects would take most of the build time.

        ``columns`` is a list of (template, first-week template or None, number format). A template is a formula
        (or, with no "=", a number) where ``{r}`` is the row, ``{p}`` the row above, ``{w}`` the week and
        ``{t}`` the week's row on the Team weeks sheet.
        Number formats become openpyxl's own style ids, so the styles part stays consistent.
        """
        cols = []
        for col, (template, first, fmt) in enumerate(columns, start=1):
            style = self._styles.get(fmt)
            if style is None:
                probe = WriteOnlyCell(self.ws)
                if fmt:
                    probe.number_format = fmt
                style = self._styles[fmt] = f' s="{probe.style_id}"' if fmt else ""
            cols.append((f'<c r="{_LETTERS[col]}{{r}}"{style}>', _cell_xml(template), _cell_xml(first or template)))
        for w in range(1, weeks + 1):
            r = first_row + w - 1
            keys = {"r": r, "p": r - 1, "w": w, "t": w + 4}  # t: the week's row on the Team weeks sheet
            self.bulk.append(f'<row r="{r}">' + "".join(
                (head + (body_first if w == 1 else body)).format_map(keys) for head, body, body_first in cols)
                + "</row>")
        self.bulk_end = f"{_LETTERS[len(columns)]}{first_row + weeks - 1}"

    def flush(self) -> None:
        if not self.rows:
            return
        for r in range(1, max(self.rows) + 1):
            cells = self.rows.get(r)
            if not cells:
                self.ws.append([])
                continue
            line = [None] * max(cells)
            for c, cell in cells.items():
                line[c - 1] = cell
            self.ws.append(line)


# --------------------------------------------------------------------------- inputs
# What each input means, with its unit; keyed by the path with any list index removed.
MEANINGS = {
    "name": "scenario name (text)",
    "currency": "currency code (text; number formats keep the exported currency)",
    "notes": "notes (text)",
    "organization.headcount": "people in the organization (Tier 1 learners when literacy.learners is empty)",
    "organization.working_weeks_per_year": "W, weeks in the model's year (1..53)",
    "organization.hours_per_fte_year": "hours in one full-time year (FTE = annual hours / this)",
    "organization.loaded_hourly_cost": "employer cost per hour worked, currency per hour",
    "organization.regulated_health_data": "teams may handle health records (reported only)",
    "organization.regulated_financial_content": "teams may handle regulated financial content (reported only)",
    "finance.horizon_months": "horizon in months (1..120); horizon weeks = months x W / 12, halves up",
    "finance.annual_discount_rate": "annual discount rate (0..1); week w discounted by (1 + rate)^(-w / W)",
    "finance.productivity_recapture": "share of saved hours valued (0..1)",
    "finance.benefit_risk_adjustment": "haircut on value (0..1)",
    "finance.include_participant_time": "count participants' time in sessions as a cost (TRUE/FALSE)",
    "finance.annual_benefit_decay": "share of a team's gain lost per year after its engagement ends (0..1)",
    "finance.cost_risk_adjustment": "every cost line x (1 + this) (0..1)",
    "ai_tools.seat_price_per_month": "AI tool seat, currency per person per month",
    "ai_tools.already_licensed": "AI seats already paid for: TRUE means $0 incremental",
    "literacy.enabled": "Tier 1 literacy in the plan (TRUE/FALSE)",
    "literacy.learners": "Tier 1 learners, people (empty: the whole headcount)",
    "literacy.seat_price_per_month": "literacy platform seat, currency per learner per month",
    "literacy.access_months": "months of platform access; spread over ceil(months x W / 12) weeks",
    "literacy.already_licensed": "platform already paid for: TRUE means $0 incremental",
    "literacy.start_week": "first week of literacy (week 1 = program start)",
    "literacy.training_hours_per_learner": "hours of training per learner (participant time)",
    "literacy.completion_rate": "share of learners who complete (0..1)",
    "literacy.hours_saved_per_person_per_week": "hours a completer saves a week at full adoption",
    "literacy.adoption_rate": "share of completers who adopt (0..1)",
    "literacy.cash_share": "share of literacy's value that releases cash (0..1); the rest is capacity",
    "literacy.baseline": "TRUE: literacy happens regardless of this decision (baseline: shown apart, not charged "
                         "to the decision); FALSE: part of the decision",
    "cohorts.name": "team name (text)",
    "cohorts.function": "business function (reported only)",
    "cohorts.tier": "tier, 2 or 3",
    "cohorts.delivery": "delivery model (reported only: the price and its unit are explicit)",
    "cohorts.team_size": "people in the team",
    "cohorts.start_week": "first engagement week",
    "cohorts.engagement_weeks": "engagement length, weeks (value ramps up over it)",
    "cohorts.price": "price, currency, read by price_unit",
    "cohorts.price_unit": "per_employee_per_week | per_employee_per_month | per_employee (one-off) | fixed",
    "cohorts.participant_hours_per_week": "hours a week each person spends in sessions",
    "cohorts.hours_saved_per_person_per_week": "hours a person saves a week at full adoption",
    "cohorts.adoption_rate": "share of the team who adopt (0..1)",
    "cohorts.loaded_hourly_cost": "the team's cost per hour (empty: the organization's)",
    "cohorts.workflows_built": "workflows built (reported only)",
    "cohorts.cash_share": "share of the team's value that releases cash (0..1); the rest is capacity",
    "cohorts.without_training.adoption_rate": "a0: share of the team who would use AI tools anyway, untrained "
                                              "(0..1); the training is credited with the difference only",
    "cohorts.without_training.hours_saved_per_person_per_week": "h0: hours such a person would save a week "
                                                                "anyway, untrained",
    "other_costs.name": "cost name (text)",
    "other_costs.amount": "amount, currency, spread evenly over its weeks",
    "other_costs.start_week": "first week of the cost",
    "other_costs.weeks": "weeks the cost is spread over",
    "other_costs.baseline": "TRUE: incurred regardless of this decision (baseline: shown apart, not charged to it)",
    "other_costs.share_of_fees": "empty: a fixed amount; a number (0..10): each week this share of the "
                                 "decision's fees (before cost risk), and amount, start week and weeks are ignored",
}
SHARE_FIELDS = {"annual_discount_rate", "productivity_recapture", "benefit_risk_adjustment", "annual_benefit_decay",
                "cost_risk_adjustment", "completion_rate", "adoption_rate", "cash_share", "observed_adoption_rate",
                "share_of_fees"}
MONEY_FIELDS = {"loaded_hourly_cost", "seat_price_per_month", "price", "amount"}


def _generic(path: str) -> str:
    return re.sub(r"\[\d+\]", "", path)


def _input_items(scenario: Scenario) -> list[tuple[str, object, dict | None]]:
    """Every scalar input as (path, value, field metadata), in the scenario file's order."""
    items: list[tuple[str, object, dict | None]] = []
    for key in ("name", "currency", "notes"):  # with the file format's length limits
        length = {"name": (0, MAX_NAME_CHARS), "currency": (3, 3), "notes": (0, MAX_NOTES_CHARS)}[key]
        value = printed_notes(scenario) if key == "notes" else getattr(scenario, key)  # not a preset's description
        items.append((key, value, {"kind": "str", "length": length}))

    def section(prefix: str, obj: object, cls: type) -> None:
        for f in dataclasses.fields(cls):
            value = getattr(obj, f.name) if obj is not None else None
            meta = dict(f.metadata)
            if meta.get("kind") == "object":
                section(f"{prefix}.{f.name}", value, meta["cls"])
            else:
                items.append((f"{prefix}.{f.name}", value, meta))

    for f in dataclasses.fields(scenario):
        value = getattr(scenario, f.name)
        if dataclasses.is_dataclass(value):
            section(f.name, value, type(value))
        elif isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
            for i, item in enumerate(value):
                section(f"{f.name}[{i}]", item, type(item))
    for path, low, high in scenario.ranges:
        items += [(f"ranges[{path}].low", low, None), (f"ranges[{path}].high", high, None)]
    return items


def _meaning(path: str, meta: dict | None) -> str:
    if path.startswith("ranges["):
        return "uncertainty range end (used for the static low/high cost; the live formulas use the base value)"
    if ".actuals." in path:
        return f"pilot actual: {(meta or {}).get('doc') or path.rsplit('.', 1)[1]} (reported only; empty: not measured)"
    text = MEANINGS.get(_generic(path)) or (meta or {}).get("doc") or ""
    if meta and meta.get("nullable") and "empty" not in text:
        text += " (may be empty)"
    return text


def _validation(meta: dict | None) -> tuple | None:
    """A data-validation key for one input's metadata, or None when Excel cannot express it."""
    if not meta:
        return None
    kind, low, high = meta.get("kind"), meta.get("low"), meta.get("high")
    if kind == "bool":
        return ("list", '"TRUE,FALSE"', None, False)
    if kind == "enum":
        return ("list", '"' + ",".join(str(c) for c in meta["choices"]) + '"', None, bool(meta.get("nullable")))
    if kind in ("int", "float") and low is not None and high is not None:
        return ("whole" if kind == "int" else "decimal", repr(low), repr(high), bool(meta.get("nullable")))
    if kind == "str":
        low, high = meta.get("length", (0, MAX_NAME_CHARS))
        return ("textLength", str(low), str(high), low == 0)
    return None


# --------------------------------------------------------------------------- the builder
class _Builder:
    """Lays out every sheet (row numbers first, so any sheet can refer to any other), then writes them."""

    def __init__(self, ex: Export) -> None:
        self.ex = ex
        self.result, self.scenario = ex.result, ex.scenario
        self.money = _money_format(self.scenario.currency)
        self.wb = Workbook(write_only=True)
        self.names: dict[str, str] = {}
        # Sheets in tab order.
        self.audit = _Sheet(self.wb, "How to audit")
        self.summary = _Sheet(self.wb, "Summary")
        self.inputs = _Sheet(self.wb, "Inputs")
        self.derived = _Sheet(self.wb, "Derived")
        self.teams = _Sheet(self.wb, "Teams")
        self.others = _Sheet(self.wb, "Other costs")
        self.weekly = _Sheet(self.wb, "Weekly")
        self.team_weeks = _Sheet(self.wb, "Team weeks")
        self.irr = _Sheet(self.wb, "IRR")
        self.ref: dict[str, str] = {}
        self.cohorts = self.scenario.cohorts
        self.other_costs = self.scenario.other_costs

    # ---------------------------------------------------------------- helpers
    def input(self, path: str) -> str:
        """The absolute reference of an input's value cell, e.g. ``Inputs!$B$12``."""
        return self.ref[path]

    def name(self, name: str, sheet: str, ref: str) -> None:
        self.names[name] = f"'{sheet}'!{ref}"

    # ---------------------------------------------------------------- Inputs
    def write_inputs(self) -> None:
        sh = self.inputs
        sh.header(1, ["path (as in the scenario file)", "value", "what it means, unit"])
        validations: dict[tuple, list[str]] = {}
        for row, (path, value, meta) in enumerate(_input_items(self.scenario), start=2):
            self.ref[path] = f"Inputs!$B${row}"
            sh.put(row, 1, path)
            field = path.rsplit(".", 1)[-1]
            fmt = (BOOLEAN if (meta or {}).get("kind") == "bool" else SHARE if field in SHARE_FIELDS
                   else self.money if field in MONEY_FIELDS else "#,##0.######" if isinstance(value, float) else None)
            used = not (path.startswith("ranges[") or ".actuals." in path)
            if value is None:
                cell = sh.put(row, 2, None, fmt)
            else:
                cell = sh.put(row, 2, value, fmt)
            if used:
                sh.style_input(cell)
            sh.put(row, 3, _meaning(path, meta))
            key = _validation(meta)
            if key:
                validations.setdefault(key, []).append(f"B{row}")
        for (kind, first, second, blank), cells in validations.items():
            dv = DataValidation(type=kind, formula1=first, formula2=second, allow_blank=blank,
                                operator=None if kind == "list" else "between", showErrorMessage=True,
                                errorTitle="Outside the scenario format",
                                error="Enter a value the scenario file allows (see column C).")
            dv.sqref = " ".join(cells)
            sh.ws.data_validations.append(dv)
        sh.widths({"A": 46, "B": 18, "C": 90})
        sh.ws.freeze_panes = "A2"

    # ---------------------------------------------------------------- Derived
    def write_derived(self) -> None:
        sh = self.derived
        sh.header(1, ["name", "value", "how it is computed"])
        i = self.input
        rows = [
            ("weeks_per_year", f"={i('organization.working_weeks_per_year')}", "0", "W, from the Inputs"),
            ("horizon_weeks", f"=INT((2*{i('finance.horizon_months')}*weeks_per_year+12)/24)", "0",
             "horizon months x W / 12, rounded to the nearest week, halves up"),
            ("weeks_modelled", f"={WEEKS}", "0",
             "rows on the Weekly sheet: the longest horizon the inputs allow (120 months of 53 weeks)"),
            ("discount_rate", f"={i('finance.annual_discount_rate')}", SHARE, "annual discount rate"),
            ("value_factor", f"={i('finance.productivity_recapture')}*(1-{i('finance.benefit_risk_adjustment')})",
             "0.0000", "what one saved hour is worth per currency unit of cost: recapture x (1 - risk)"),
            ("cost_factor", f"=1+{i('finance.cost_risk_adjustment')}", "0.0000",
             "every cost line x (1 + cost risk adjustment)"),
            ("retention_base", f"=1-{i('finance.annual_benefit_decay')}", "0.0000",
             "after an engagement ends, week w keeps retention_base ^ ((w - last week) / W) of the gain"),
            ("org_hourly_cost", f"={i('organization.loaded_hourly_cost')}", self.money, "organization's hourly cost"),
            ("hours_per_fte_year", f"={i('organization.hours_per_fte_year')}", HOURS, "hours in one FTE year"),
            ("share_of_fees_total", f"=SUM('Other costs'!L2:L{1 + max(1, len(self.scenario.other_costs))})", SHARE,
             "the share-of-fees lines' shares added: each week they cost this x the decision's fees before cost "
             "risk, then x cost_factor (Other costs sheet)"),
        ]
        for r, (name, formula, fmt, how) in enumerate(rows, start=2):
            sh.put(r, 1, name, font=BOLD)
            sh.put(r, 2, Formula(formula), fmt)
            sh.put(r, 3, how)
            self.name(name, "Derived", f"$B${r}")
        self.derived_next = len(rows) + 3
        sh.widths({"A": 34, "B": 16, "C": 90})
        sh.ws.freeze_panes = "A2"

    def write_checks(self) -> None:
        """Cells that must read TRUE: the sheets agree with each other."""
        sh, r = self.derived, self.derived_next
        last = WEEKS + 1
        sh.header(r, ["check", "holds", "what it checks"])
        cost = f"(SUM(Weekly!I2:I{last})+SUM(Weekly!Z2:Z{last}))"  # the decision's and the baseline's
        each_stream = "+".join(
            f"(ABS(SUM('Team weeks'!{c}5:{c}{WEEKS + 4})-Teams!U{row})<={TOL}*MAX(1,ABS(Teams!U{row})))"
            for row, c in self.stream_cost_cols)
        checks = [
            ("horizon fits the Weekly sheet", "=horizon_weeks<=weeks_modelled",
             "the Weekly sheet has a row for every week of the horizon"),
            ("cost lines add up to the streams",
             f"=ABS({cost}-SUM(Teams!U2:U{self.team_last})-SUM('Other costs'!I2:I{self.other_last}))"
             f"<={TOL}*MAX(1,ABS({cost}))",
             "the Weekly cost lines, decision and baseline, equal each stream's cost in the horizon plus the "
             "other costs"),
            ("stream weekly costs match their totals", f"=({each_stream})={len(self.stream_cost_cols)}",
             "each stream's weekly cost column (Team weeks) sums to its fees + participants' time + seats"),
            ("the invoice adds up to the decision's streams",
             f"=ABS(SUM(Weekly!T2:T{last})-SUMIFS(Teams!AJ2:AJ{self.team_last},Teams!AI2:AI{self.team_last},1))"
             f"<={TOL}*MAX(1,ABS(SUM(Weekly!T2:T{last})))",
             "the weekly fees before cost risk (program_fees) equal the decision streams' fees before cost risk "
             "(fees_by_tier)"),
        ]
        self.checks = len(checks)
        for k, (label, formula, how) in enumerate(checks, start=r + 1):
            sh.put(k, 1, label, font=BOLD)
            sh.put(k, 2, Formula(formula))
            sh.put(k, 3, how)

    # ---------------------------------------------------------------- Teams
    TEAM_HEADERS = [
        "stream (path)", "name", "tier", "people", "start week", "ramp weeks (engagement / access)",
        "last engagement week", "counted (starts within horizon)", "fee per engagement week (before cost risk)",
        "one-off fee in start week (before cost risk)", "participants' time per engagement week (before cost risk)",
        "AI seats per week, start to horizon (before cost risk)",
        "hourly cost", "hours saved a week at full ramp (over what the team would save anyway)",
        "value per hour saved", "cash share",
        "cash value per hour saved", "fees in horizon (cost risk in)", "participants' time in horizon (cost risk in)",
        "AI seats in horizon (cost risk in)", "cost in horizon (cost risk in)", "hours saved in horizon",
        "benefit in horizon", "cash benefit in horizon", "net",
        "NPV", "ROI (%)", "payback (months)", "people counted", "annual hours saved (steady state)",
        "FTE returned", "annual value (steady state)", "annual cash value (steady state)",
        "cost beyond horizon (committed, cost risk in)", "in the decision (1) or baseline (0)",
        "fees in horizon before cost risk (what the vendor invoices)", "fees beyond horizon before cost risk",
        "hours a week the team would save anyway, untrained (people x a0 x h0)",
        "annual hours without training (steady state)",
    ]

    def plan_streams(self) -> None:
        """Teams rows (literacy in row 2, team i in row 3 + i) and the Team weeks columns of each stream."""
        self.team_last = 2 + len(self.cohorts)
        col = 2
        self.stream_cols = []  # (teams row, cost col, hours col, cumulative col or None)
        for k in range(len(self.cohorts) + 1):
            cost, hours = get_column_letter(col), get_column_letter(col + 1)
            cum = get_column_letter(col + 2) if k else None
            self.stream_cols.append((2 + k, cost, hours, cum))
            col += 3 if k else 2
        self.tw_last_col = get_column_letter(col - 1)
        self.stream_cost_cols = [(row, c) for row, c, _h, _cum in self.stream_cols]
        self.other_last = 1 + max(1, len(self.other_costs))

    def write_teams(self) -> None:
        sh, i = self.teams, self.input
        sh.header(1, self.TEAM_HEADERS)
        ai_licensed = i("ai_tools.already_licensed")
        ai_seat = i("ai_tools.seat_price_per_month")
        include_pt = i("finance.include_participant_time")
        first, last = 5, WEEKS + 4  # Team weeks data rows
        for k, (r, cost_col, hours_col, cum_col) in enumerate(self.stream_cols):
            if k == 0:
                path = "literacy"
                lit = lambda f: i(f"literacy.{f}")  # noqa: E731
                cells = {
                    1: path, 2: "Tier 1 literacy (not a team)", 3: 1,
                    4: Formula(f"=IF({lit('enabled')},IF(ISBLANK({lit('learners')}),"
                               f"{i('organization.headcount')},{lit('learners')}),0)"),
                    5: Formula(f"={lit('start_week')}"),
                    6: Formula(f"=ROUNDUP({lit('access_months')}*weeks_per_year/12-1E-9,0)"),
                    9: Formula(f"=IF({lit('already_licensed')},0,D{r}*{lit('seat_price_per_month')}"
                               f"*{lit('access_months')}/F{r})"),
                    10: 0,
                    11: Formula(f"=IF({include_pt},D{r}*{lit('completion_rate')}*{lit('training_hours_per_learner')}"
                                f"*M{r}/F{r},0)"),
                    12: Formula(f"=IF({ai_licensed},0,D{r}*{lit('completion_rate')}*{lit('adoption_rate')}"
                                f"*{ai_seat}*12/weeks_per_year)"),
                    13: Formula("=org_hourly_cost"),
                    14: Formula(f"=D{r}*{lit('completion_rate')}*{lit('adoption_rate')}"
                                f"*{lit('hours_saved_per_person_per_week')}"),
                    16: Formula(f"={lit('cash_share')}"),
                    35: Formula(f"=IF({lit('baseline')},0,1)"),  # baseline literacy happens regardless
                    38: 0,  # no counterfactual for literacy (MODEL.md: a team's without_training)
                }
            else:
                path = f"cohorts[{k - 1}]"
                c = lambda f, p=path: i(f"{p}.{f}")  # noqa: E731
                unit, price = c("price_unit"), c("price")
                cells = {
                    1: path, 2: Formula(f"={c('name')}"), 3: Formula(f"={c('tier')}"),
                    4: Formula(f"={c('team_size')}"), 5: Formula(f"={c('start_week')}"),
                    6: Formula(f"={c('engagement_weeks')}"),
                    9: Formula(f'=IF({unit}="per_employee_per_week",D{r}*{price},'
                               f'IF({unit}="per_employee_per_month",D{r}*{price}*12/weeks_per_year,'
                               f'IF({unit}="fixed",{price}/F{r},IF({unit}="per_employee",0,NA()))))'),
                    10: Formula(f'=IF({unit}="per_employee",D{r}*{price},0)'),
                    11: Formula(f"=IF({include_pt},D{r}*{c('participant_hours_per_week')}*M{r},0)"),
                    12: Formula(f"=IF({ai_licensed},0,D{r}*{ai_seat}*12/weeks_per_year)"),
                    13: Formula(f"=IF(ISBLANK({c('loaded_hourly_cost')}),org_hourly_cost,{c('loaded_hourly_cost')})"),
                    # The counterfactual: credited with the difference over what the team would save anyway.
                    14: Formula(f"=D{r}*({c('adoption_rate')}*{c('hours_saved_per_person_per_week')}"
                                f"-{c('without_training.adoption_rate')}"
                                f"*{c('without_training.hours_saved_per_person_per_week')})"),
                    16: Formula(f"={c('cash_share')}"),
                    35: 1,
                    38: Formula(f"=D{r}*{c('without_training.adoption_rate')}"
                                f"*{c('without_training.hours_saved_per_person_per_week')}"),
                }
            active = f"MAX(0,MIN(G{r},horizon_weeks)-E{r}+1)"
            tw = "'Team weeks'!"
            cells.update({
                7: Formula(f"=E{r}+F{r}-1"),
                8: Formula(f"=IF(E{r}<=horizon_weeks,1,0)"),
                15: Formula(f"=M{r}*value_factor"),
                17: Formula(f"=O{r}*P{r}"),
                18: Formula(f"=AJ{r}*cost_factor"),
                19: Formula(f"=K{r}*{active}*cost_factor"),
                20: Formula(f"=L{r}*MAX(0,horizon_weeks-E{r}+1)*cost_factor"),
                21: Formula(f"=R{r}+S{r}+T{r}"),
                22: Formula(f"=SUM({tw}{hours_col}{first}:{hours_col}{last})"),
                23: Formula(f"=V{r}*O{r}"),
                24: Formula(f"=V{r}*Q{r}"),
                25: Formula(f"=W{r}-U{r}"),
                26: Formula(f"=SUMPRODUCT({tw}{hours_col}{first}:{hours_col}{last}*O{r}-{tw}{cost_col}{first}:"
                            f"{cost_col}{last},Weekly!$D$2:$D${WEEKS + 1})"),
                27: Formula(f'=IF(U{r}>{TOL},Y{r}/U{r}*100,"{NA}")'),
                29: Formula(f"=H{r}*D{r}"),
                30: Formula(f"=H{r}*N{r}*weeks_per_year"),
                31: Formula(f"=AD{r}/hours_per_fte_year"),
                32: Formula(f"=AD{r}*O{r}"),
                33: Formula(f"=AF{r}*P{r}"),
                34: Formula(f"=H{r}*(I{r}+K{r})*MAX(0,G{r}-horizon_weeks)*cost_factor"),
                36: Formula(f"=I{r}*{active}+J{r}*H{r}"),
                37: Formula(f"=H{r}*I{r}*MAX(0,G{r}-horizon_weeks)"),
                39: Formula(f"=H{r}*AL{r}*weeks_per_year"),
            })
            if cum_col:
                cells[28] = "payback"
            else:
                cells[28] = NA
            fmts = {4: "#,##0", 9: self.money, 10: self.money, 11: self.money, 12: self.money, 13: self.money,
                    14: HOURS, 15: self.money, 16: SHARE, 17: self.money, 27: PCT_VALUE, 28: "0.00", 29: "#,##0",
                    30: HOURS, 31: RATIO, 22: HOURS, 35: "0", 38: HOURS, 39: HOURS}
            for col, value in cells.items():
                fmt = fmts.get(col, self.money if 18 <= col <= 37 else None)
                if col == 28 and cum_col:
                    sh.array(r, col, self.payback(f"{tw}{cum_col}", first, last), "0.00")
                else:
                    sh.put(r, col, value, fmt)
        for name, letter in (("stream_start", "E"), ("stream_last_week", "G"), ("stream_fee_per_week", "I"),
                          ("stream_fee_at_start", "J"), ("stream_participant_per_week", "K"),
                          ("stream_seats_per_week", "L"), ("stream_decision", "AI")):
            self.name(name, "Teams", f"${letter}$2:${letter}${self.team_last}")
        sh.widths({"A": 14, "B": 28, **{get_column_letter(c): 14 for c in range(3, len(self.TEAM_HEADERS) + 1)}})
        sh.ws.freeze_panes = "C2"

    @staticmethod
    def payback(column: str, first: int, last: int) -> str:
        """MODEL.md's payback on a cumulative column (week 1 in row ``first``), as an array formula.

        First week w with C[w-1] < 0 <= C[w] (|C| < 1e-6 counts as 0), interpolated, in months; 0 when C
        never goes below zero; "not within horizon" when C is below zero at the end. After the horizon
        the flows are zero, so the last row holds the horizon's cumulative net.
        """
        col = column.split("!")[-1]
        sheet = column[: -len(col)]
        prev = f"{sheet}{col}{first}:{col}{last - 1}"
        cur = f"{sheet}{col}{first + 1}:{col}{last}"
        every = f"{sheet}{col}{first}:{col}{last}"
        k = f"MATCH(1,({prev}<=-{TOL})*({cur}>-{TOL}),0)"
        at = f"INDEX({cur},{k})"
        before = f"INDEX({prev},{k})"
        return (f'=IF({sheet}{col}{last}<=-{TOL},"{NOT_WITHIN}",IF(SUMPRODUCT(--({every}<=-{TOL}))=0,0,'
                f"({k}+(-{before})/(IF(ABS({at})<{TOL},0,{at})-{before}))*12/weeks_per_year))")

    # ---------------------------------------------------------------- Other costs
    OTHER_HEADERS = ["cost (path)", "name", "amount", "start week", "weeks", "last week",
                     "per week before cost risk (a fixed amount)", "counted (starts within horizon)",
                     "in horizon (cost risk in)", "beyond horizon (committed, cost risk in)", "baseline (1/0)",
                     "share of the decision's fees", "share-of-fees line (1/0)", "in the decision (1) or baseline (0)"]

    def write_others(self) -> None:
        """Each program cost outside a tier: a fixed amount spread evenly over its weeks, or (share_of_fees set) a
        share of the decision's weekly fees before cost risk, which follows them past the horizon too."""
        sh, i = self.others, self.input
        sh.header(1, self.OTHER_HEADERS)
        if not self.other_costs:
            sh.put(2, 1, "(the scenario has no other costs)")
            for col in range(3, len(self.OTHER_HEADERS) + 1):
                sh.put(2, col, 0)
        last = WEEKS + 1
        # The decision's fees beyond the horizon before cost risk: what a share-of-fees line follows there.
        fees_after = f"SUMIF(stream_decision,1,Teams!$AK$2:$AK${self.team_last})"
        for k in range(len(self.other_costs)):
            r, p = 2 + k, f"other_costs[{k}]"
            share = i(p + ".share_of_fees")
            cells = {
                1: p, 2: Formula(f"={i(p + '.name')}"), 3: Formula(f"={i(p + '.amount')}"),
                4: Formula(f"={i(p + '.start_week')}"), 5: Formula(f"={i(p + '.weeks')}"),
                6: Formula(f"=D{r}+E{r}-1"), 7: Formula(f"=IF(M{r}=1,0,C{r}/E{r})"),
                8: Formula(f"=IF(D{r}<=horizon_weeks,1,0)"),
                9: Formula(f"=IF(M{r}=1,L{r}*SUM(Weekly!$T$2:$T${last}),"
                           f"G{r}*MAX(0,MIN(F{r},horizon_weeks)-D{r}+1))*cost_factor"),
                10: Formula(f"=IF(M{r}=1,L{r}*{fees_after},N{r}*H{r}*G{r}*MAX(0,F{r}-horizon_weeks))*cost_factor"),
                11: Formula(f"=IF({i(p + '.baseline')},1,0)"),
                12: Formula(f"=IF(ISBLANK({share}),0,{share})"),
                13: Formula(f"=IF(ISBLANK({share}),0,1)"),
                14: Formula(f"=IF(M{r}=1,1,1-K{r})"),  # a share of the decision's fees is part of the decision
            }
            for col, value in cells.items():
                fmt = self.money if col in (3, 7, 9, 10) else SHARE if col == 12 else None
                sh.put(r, col, value, fmt)
        for name, letter in (("other_start", "D"), ("other_last_week", "F"), ("other_per_week", "G"),
                             ("other_decision", "N")):
            self.name(name, "Other costs", f"${letter}$2:${letter}${self.other_last}")
        sh.widths({"A": 16, "B": 30, **{get_column_letter(c): 14 for c in range(3, len(self.OTHER_HEADERS) + 1)}})
        sh.ws.freeze_panes = "C2"

    # ---------------------------------------------------------------- Team weeks
    def write_team_weeks(self) -> None:
        sh = self.team_weeks
        sh.put(1, 1, "week", font=BOLD, fill=HEADER_FILL)
        sh.put(2, 1, "kind", font=BOLD, fill=HEADER_FILL)
        sh.put(3, 1, "value per hour", font=BOLD, fill=HEADER_FILL)
        sh.put(4, 1, "cash value per hour", font=BOLD, fill=HEADER_FILL)
        for r, cost, hours, cum in self.stream_cols:
            path = "literacy" if r == 2 else f"cohorts[{r - 3}]"
            for col, label, kind in ((cost, "cost", "cost"), (hours, "hours saved", "hours"),
                                     (cum, "cumulative net", "cumulative")):
                if col is None:
                    continue
                c = _col(col)
                sh.put(1, c, f"{path}: {label}", font=BOLD, fill=HEADER_FILL, wrap=True)
                if r == 2:  # literacy: the decision's, or the baseline's when literacy.baseline is TRUE
                    sh.put(2, c, Formula(f'=IF(Teams!$AI$2=1,"{kind}","baseline {kind}")'), font=BOLD,
                           fill=HEADER_FILL)
                else:
                    sh.put(2, c, kind, font=BOLD, fill=HEADER_FILL)
            sh.put(3, _col(hours), Formula(f"=Teams!$O${r}"), self.money)
            sh.put(4, _col(hours), Formula(f"=Teams!$Q${r}"), self.money)
        money = self.money
        a = "$A{r}"
        columns: list[tuple[str, str | None, Any]] = [("{w}", None, None)]
        for r, cost, hours, cum in self.stream_cols:
            t = lambda col, r=r: f"Teams!${col}${r}"  # noqa: E731
            columns.append((f"=IF({a}>horizon_weeks,0,(({a}>={t('E')})*({a}<={t('G')})*({t('I')}+{t('K')})"
                            f"+({a}={t('E')})*{t('J')}+({a}>={t('E')})*{t('L')})*cost_factor)", None, money))
            columns.append((f"=IF(OR({a}>horizon_weeks,{a}<{t('E')}),0,{t('N')}*MIN(1,({a}-{t('E')}+1)/{t('F')})"
                            f"*IF({a}<={t('G')},1,retention_base^(({a}-{t('G')})/weeks_per_year)))", None, HOURS))
            if cum:
                net = f"{hours}{{r}}*{t('O')}-{cost}{{r}}"
                columns.append((f"={cum}{{p}}+{net}", f"={net}", money))
        sh.bulk_rows(5, WEEKS, columns)
        sh.widths({"A": 8, **{get_column_letter(c): 13 for c in range(2, _col(self.tw_last_col) + 1)}})
        sh.ws.freeze_panes = "B5"

    # ---------------------------------------------------------------- Weekly
    WEEKLY_HEADERS = [
        "week", "month", "in horizon (1/0)", "discount factor", "cost: fees", "cost: participants' time",
        "cost: AI seats", "cost: other", "cost", "benefit (value)", "cash benefit", "capacity benefit",
        "hours saved", "net", "cumulative net", "discounted net", "cumulative discounted net",
        "cash net (cash benefit - cash cost)", "cumulative cash net",
        "fees before cost risk (the invoice)", "cash cost (fees, AI seats, other: no participants' time)",
        "baseline: fees", "baseline: participants' time", "baseline: AI seats", "baseline: other", "baseline cost",
        "baseline benefit", "whole program net (decision + baseline)", "whole program cumulative net",
    ]

    def write_weekly(self) -> None:
        """Columns E-S are the decision alone (v1 and v2 keys); T the decision's fees before cost risk, which
        the fees line and every share-of-fees line follow; U the cash cost; V-AA the baseline items, kept apart;
        AB-AC the whole program."""
        sh, money = self.weekly, self.money
        sh.header(1, self.WEEKLY_HEADERS)
        end = self.tw_last_col
        span = f"'Team weeks'!$B{{t}}:${end}{{t}}"
        kinds, per_hour, cash_per_hour = (f"'Team weeks'!$B${k}:${end}${k}" for k in (2, 3, 4))
        active = "(stream_start<=A{r})*(stream_last_week>=A{r})"
        other_active = "(other_start<=A{r})*(other_last_week>=A{r})"

        def streams(flag: str, decision: int) -> dict[str, str]:
            """The stream cost lines of the decision (``decision`` 1) or of the baseline (0), before cost risk."""
            at_start = f"SUMIFS(stream_fee_at_start,stream_start,A{{r}},stream_decision,{decision})"
            return {"fees": f"SUMPRODUCT({active}*{flag}*stream_fee_per_week)+{at_start}",
                    "time": f"SUMPRODUCT({active}*{flag}*stream_participant_per_week)",
                    "seats": f"SUMPRODUCT((stream_start<=A{{r}})*{flag}*stream_seats_per_week)"}

        decision, baseline = streams("stream_decision", 1), streams("(1-stream_decision)", 0)
        columns = [
            ("{w}", None, None),
            ("=ROUNDUP(A{r}*12/weeks_per_year,0)", None, None),
            ("=IF(A{r}<=horizon_weeks,1,0)", None, None),
            ("=(1+discount_rate)^(-A{r}/weeks_per_year)", None, "0.000000"),
            ("=T{r}*cost_factor", None, money),
            (f"=C{{r}}*{decision['time']}*cost_factor", None, money),
            (f"=C{{r}}*{decision['seats']}*cost_factor", None, money),
            (f"=C{{r}}*(SUMPRODUCT({other_active}*other_decision*other_per_week)+share_of_fees_total*T{{r}})"
             "*cost_factor", None, money),
            ("=E{r}+F{r}+G{r}+H{r}", None, money),
            (f'=SUMPRODUCT(({kinds}="hours")*{span}*{per_hour})', None, money),
            (f'=SUMPRODUCT(({kinds}="hours")*{span}*{cash_per_hour})', None, money),
            ("=J{r}-K{r}", None, money),
            (f"=SUMIF({kinds},\"hours\",{span})", None, HOURS),
            ("=J{r}-I{r}", None, money),
            ("=O{p}+N{r}", "=N{r}", money),
            ("=N{r}*D{r}", None, money),
            ("=Q{p}+P{r}", "=P{r}", money),
            ("=K{r}-U{r}", None, money),
            ("=S{p}+R{r}", "=R{r}", money),
            (f"=C{{r}}*({decision['fees']})", None, money),
            ("=E{r}+G{r}+H{r}", None, money),
            (f"=C{{r}}*({baseline['fees']})*cost_factor", None, money),
            (f"=C{{r}}*{baseline['time']}*cost_factor", None, money),
            (f"=C{{r}}*{baseline['seats']}*cost_factor", None, money),
            (f"=C{{r}}*SUMPRODUCT({other_active}*(1-other_decision)*other_per_week)*cost_factor", None, money),
            ("=V{r}+W{r}+X{r}+Y{r}", None, money),
            (f'=SUMPRODUCT(({kinds}="baseline hours")*{span}*{per_hour})', None, money),
            ("=N{r}+AA{r}-Z{r}", None, money),
            ("=AC{p}+AB{r}", "=AB{r}", money),
        ]
        sh.bulk_rows(2, WEEKS, columns)
        sh.widths({"A": 7, "B": 7, "C": 10, "D": 10,
                   **{get_column_letter(c): 15 for c in range(5, len(self.WEEKLY_HEADERS) + 1)}})
        sh.ws.freeze_panes = "B2"

    # ---------------------------------------------------------------- IRR
    # Annual rates where the NPV is tabulated: the ends of MODEL.md's search range and a grid between them.
    IRR_GRID = (-0.99, -0.95, -0.9, -0.8, -0.6, -0.4, -0.2, -0.1, -0.05, 0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5,
                0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 20.0, 50.0, 100.0, 300.0, 1000.0, 3000.0, 10000.0)

    IRR_STEPS = 60  # halvings of the bracket: a 10,000-wide bracket ends narrower than 1e-14

    def write_irr(self) -> None:
        """MODEL.md's IRR as formulas: the NPV tabulated from -99% to 1,000,000% a year, the first bracket where
        it changes sign, then bisection to the rate that zeroes it; n/a when the NPV has the same sign at both
        ends. Excel's own IRR, started from that rate, is shown beside it as a cross-check."""
        sh, last = self.irr, WEEKS + 1
        nets, weeks, within = (f"Weekly!${c}$2:${c}${last}" for c in "NAC")

        def npv(rate: str) -> str:
            # Weeks past the horizon get exponent 0 (their net is 0): no overflow at -99% with a small W.
            return f"SUMPRODUCT({nets},(1+{rate})^(-{weeks}*{within}/weeks_per_year))"

        sh.header(1, ["annual rate", "NPV at this rate", "NPV changes sign since the rate above (1/0)"])
        for k, rate in enumerate(self.IRR_GRID, start=2):
            sh.put(k, 1, rate, "0.00%")
            sh.put(k, 2, Formula(f"={npv(f'A{k}')}"), self.money)
            if k > 2:
                sh.put(k, 3, Formula(f"=IF(SIGN(B{k})<>SIGN(B{k - 1}),1,0)"))
        end = len(self.IRR_GRID) + 1
        opposite, lower, upper = end + 2, end + 3, end + 4
        bracket = f"IFERROR(MATCH(1,C3:C{end},0),1)"
        for k, label, formula, fmt in (
                (opposite, "NPV at -99% and at 1,000,000% have opposite signs", f"=B2*B{end}<0", None),
                (lower, "first bracket where the NPV changes sign: lower rate", f"=INDEX(A2:A{end - 1},{bracket})",
                 "0.00%"),
                (upper, "first bracket where the NPV changes sign: upper rate", f"=INDEX(A3:A{end},{bracket})",
                 "0.00%")):
            sh.put(k, 1, label, font=BOLD)
            sh.put(k, 2, Formula(formula), fmt)
        sh.put(opposite, 4, "otherwise no rate in the range zeroes the NPV: the IRR is n/a")
        head = upper + 2
        sh.header(head, ["bisection step", "low rate", "high rate", "NPV at low rate", "mid rate", "NPV at mid rate"])
        for step in range(1, self.IRR_STEPS + 1):
            r = head + step
            if step == 1:
                low, high, npv_low = f"=B{lower}", f"=B{upper}", f"={npv(f'B{r}')}"
            else:
                same = f"SIGN(F{r - 1})=SIGN(D{r - 1})"  # the root is above the mid rate
                low, high = f"=IF({same},E{r - 1},B{r - 1})", f"=IF({same},C{r - 1},E{r - 1})"
                npv_low = f"=IF({same},F{r - 1},D{r - 1})"
            for col, value, fmt in ((1, step, None), (2, Formula(low), "0.000000%"), (3, Formula(high), "0.000000%"),
                                    (4, Formula(npv_low), self.money), (5, Formula(f"=(B{r}+C{r})/2"), "0.000000%"),
                                    (6, Formula(f"={npv(f'E{r}')}"), self.money)):
                sh.put(r, col, value, fmt)
        final = head + self.IRR_STEPS
        result, excel = final + 2, final + 3
        sh.put(result, 1, "IRR (% a year)", font=BOLD)
        sh.put(result, 2, Formula(f'=IF(B{opposite},E{final}*100,"{NA}")'), PCT_VALUE)
        sh.put(result, 4, "the rate that zeroes the NPV, to the last bisection step")
        sh.put(excel, 1, "cross-check: Excel's IRR on Weekly!N from that rate, annualised (% a year)", font=BOLD)
        sh.put(excel, 2, Formula(f'=IF(B{opposite},IFERROR(((1+IRR(Weekly!N2:N{last},(1+E{final})^(1/weeks_per_year)'
                                 f'-1))^weeks_per_year-1)*100,"did not converge"),"{NA}")'), PCT_VALUE)
        sh.put(excel, 4, "weekly IRR, then (1 + weekly) ^ W - 1; equal to the line above where the IRR is unique")
        self.irr_rows = {"result": result}
        sh.widths({"A": 56, "B": 18, "C": 18, "D": 18, "E": 18, "F": 18})
        sh.ws.freeze_panes = "A2"

    # ---------------------------------------------------------------- Summary
    def summary_rows(self) -> list[tuple[str, str, str, str, str]]:
        """(key, formula, label, number format, how it is computed) for every live result."""
        last = WEEKS + 1

        def col(c: str) -> str:
            return f"Weekly!{c}2:{c}{last}"

        money, tl = self.money, self.team_last
        teams = lambda c: f"Teams!{c}2:{c}{tl}"  # noqa: E731
        decision = f"{teams('AI')},1"  # the streams in the decision: baseline literacy is left out

        def by_tier(c: str, t: int) -> str:
            return f"=SUMIFS({teams(c)},{teams('C')},{t},{decision})"
        rows = [
            ("horizon_weeks", "=horizon_weeks", "Horizon (weeks)", "0", "months x W / 12, nearest week, halves up"),
            ("total_cost", f"=SUM({col('I')})", "Total cost of the decision (every line)", money,
             "sum of the weekly cost"),
            ("total_benefit", f"=SUM({col('J')})", "Total benefit of the decision (value of hours saved)", money,
             "sum of the weekly value"),
            ("net_benefit", "=B{total_benefit}-B{total_cost}", "Net benefit (undiscounted)", money,
             "benefit - cost"),
            ("roi_pct", f'=IF(B{{total_cost}}>{TOL},B{{net_benefit}}/B{{total_cost}}*100,"{NA}")', "ROI (%)",
             PCT_VALUE, "net / cost x 100; n/a when nothing is spent"),
            ("bcr", f'=IF(B{{total_cost}}>{TOL},B{{total_benefit}}/B{{total_cost}},"{NA}")', "Benefit-cost ratio",
             RATIO, "benefit / cost; n/a when nothing is spent"),
            ("npv", f"=SUMPRODUCT({col('N')},{col('D')})", "Net present value of the decision", money,
             "each week's net x (1 + rate)^(-week / W)"),
            ("payback_months", self.payback("Weekly!O", 2, last), "Payback (months)", "0.00",
             "first week the cumulative net turns >= 0, interpolated, x 12 / W; 0 if never below zero; "
             "not within horizon if below zero at the end"),
        ]
        for t in TIERS:
            rows += [
                (f"cost_by_tier.{t}", by_tier("U", t), f"Cost, tier {t}", money,
                 "the tier's decision streams' cost in the horizon (Teams sheet)"),
                (f"cost_per_employee_by_tier.{t}",
                 f'=IF(B{{people_by_tier.{t}}}>0,B{{cost_by_tier.{t}}}/B{{people_by_tier.{t}}},"{NA}")',
                 f"Cost per person, tier {t}", money, "tier cost / people; n/a for an empty tier"),
                (f"benefit_by_tier.{t}", by_tier("W", t), f"Benefit, tier {t}", money,
                 "the tier's decision streams' value in the horizon"),
                (f"people_by_tier.{t}", by_tier("AC", t), f"People, tier {t}", "#,##0",
                 "people in decision streams that start within the horizon"),
            ]
        rows += [
            ("annual_hours_saved", f"=SUMIFS({teams('AD')},{decision})", "Annual hours saved (steady state)", HOURS,
             "people x (adoption x hours a week - what they would save anyway) x W, per decision stream "
             "starting within the horizon"),
        ]
        rows += [(f"annual_hours_by_tier.{t}", by_tier("AD", t),
                  f"Annual hours saved, tier {t}", HOURS, "steady state, by tier") for t in TIERS]
        rows += [
            ("fte_returned", "=B{annual_hours_saved}/hours_per_fte_year", "FTE returned", RATIO,
             "annual hours / hours per FTE year"),
            ("annual_value", f"=SUMIFS({teams('AF')},{decision})", "Annual value (steady state)", money,
             "annual hours x hourly cost x recapture x (1 - risk adjustment), per decision stream"),
            ("hours_saved_in_horizon", f"=SUM({col('M')})", "Hours saved in the horizon", HOURS,
             "sum of the weekly hours saved (ramp and decay included)"),
        ]
        rows += self.v2_rows(col, teams, by_tier)
        rows += self.v3_rows(col, teams)
        return rows

    def v2_rows(self, col: Callable[[str], str], teams: Callable[[str], str],
                by_tier: Callable[[str, int], str]) -> list[tuple[str, str, str, str, str]]:
        money, last = self.money, WEEKS + 1
        decision = f"{teams('AI')},1"
        rows = [
            ("program_fees", f"=SUM({col('T')})", "Program fees (what vendors invoice, before cost risk)", money,
             "sum of the decision's weekly fees before cost risk (Weekly T)"),
        ]
        rows += [(f"fees_by_tier.{t}", by_tier("AJ", t), f"Fees, tier {t} (before cost risk)", money,
                  "the tier's decision streams' fees in the horizon, before cost risk") for t in TIERS]
        rows += [(f"cost_by_line.{line}", f"=SUM({col(c)})", f"Cost line: {label}", money, f"sum of weekly {label}")
                 for line, c, label in (("fees", "E", "fees (cost risk in)"),
                                        ("participant_time", "F", "participants' time"),
                                        ("ai_seats", "G", "AI seats"), ("other", "H", "other costs"))]
        rows += [
            ("pv_cost", f"=SUMPRODUCT({col('I')},{col('D')})", "Present value of cost", money,
             "each week's cost x discount factor"),
            ("pv_benefit", f"=SUMPRODUCT({col('J')},{col('D')})", "Present value of benefit", money,
             "each week's value x discount factor"),
            ("roi_pv_pct", f'=IF(B{{pv_cost}}>{TOL},B{{npv}}/B{{pv_cost}}*100,"{NA}")', "Present-value ROI (%)",
             PCT_VALUE, "NPV / PV of cost x 100; n/a when nothing is spent"),
            ("irr_pct", f"=IRR!B{self.irr_rows['result']}", "IRR (% a year)", PCT_VALUE,
             "the annual rate that zeroes the weekly NPV, searched on -99% .. 1,000,000% (IRR sheet: grid, "
             "then bisection; Excel's IRR beside it); n/a when no rate there zeroes it"),
            ("discounted_payback_months", self.payback("Weekly!Q", 2, last), "Discounted payback (months)", "0.00",
             "payback rule on the cumulative discounted net"),
            ("cash_benefit", f"=SUM({col('K')})", "Cash benefit", money,
             "value x each stream's cash share (avoided hires, overtime, contractors)"),
            ("capacity_benefit", f"=SUM({col('L')})", "Capacity benefit (time, not cash)", money,
             "value - cash value"),
            ("cash_npv", f"=SUMPRODUCT({col('K')},{col('D')})-SUMPRODUCT({col('U')},{col('D')})", "Cash NPV",
             money, "PV of the cash benefit - PV of the cash cost (fees, AI seats, other: no participants' time)"),
            ("cash_payback_months", self.payback("Weekly!S", 2, last), "Cash payback (months)", "0.00",
             "payback rule on cumulative cash benefit - cash cost (no participants' time)"),
            ("annual_cash_value", f"=SUMIFS({teams('AG')},{decision})", "Annual cash value (steady state)", money,
             "annual value x cash share, per decision stream"),
            ("cost_beyond_horizon", f"=SUMIFS({teams('AH')},{decision})+SUM('Other costs'!J2:J{self.other_last})",
             "Cost committed beyond the horizon (not in totals)", money,
             "the decision's engagement and other-cost weeks after the horizon, for streams starting within it, "
             "and each share-of-fees line's share of the fees there; AI seats excluded"),
        ]
        for k in range(len(self.cohorts)):
            r, p = 3 + k, f"by_team[{k}]"
            rows += [
                (f"{p}.name", f"=Teams!B{r}", f"Team {k + 1}: name", PLAIN, "the team's name"),
                (f"{p}.tier", f"=Teams!C{r}", f"Team {k + 1}: tier", "0", "the team's tier"),
                (f"{p}.cost", f"=Teams!U{r}", f"Team {k + 1}: cost", money, "fees + participants' time + seats"),
                (f"{p}.benefit", f"=Teams!W{r}", f"Team {k + 1}: benefit", money, "value of the team's hours"),
                (f"{p}.net", f"=Teams!Y{r}", f"Team {k + 1}: net", money, "benefit - cost"),
                (f"{p}.npv", f"=Teams!Z{r}", f"Team {k + 1}: NPV", money, "discounted weekly net"),
                (f"{p}.roi_pct", f"=Teams!AA{r}", f"Team {k + 1}: ROI (%)", PCT_VALUE, "net / cost x 100"),
                (f"{p}.payback_months", f"=Teams!AB{r}", f"Team {k + 1}: payback (months)", "0.00",
                 "payback rule on the team's cumulative net"),
                (f"{p}.annual_hours_saved", f"=Teams!AD{r}", f"Team {k + 1}: annual hours saved", HOURS,
                 "steady state"),
                (f"{p}.fte_returned", f"=Teams!AE{r}", f"Team {k + 1}: FTE returned", RATIO, "annual hours / FTE"),
            ]
        return rows

    def v3_rows(self, col: Callable[[str], str], teams: Callable[[str], str]) -> list[tuple[str, str, str, str, str]]:
        """Methodology v3: the cash cost, the counterfactual's hours, the baseline apart and the whole program."""
        money, last = self.money, WEEKS + 1

        def pv(c: str) -> str:
            return f"SUMPRODUCT({col(c)},{col('D')})"

        rows = [
            ("cash_cost", "=B{cost_by_line.fees}+B{cost_by_line.ai_seats}+B{cost_by_line.other}",
             "Cash cost (no participants' time)", money, "fees + AI seats + other costs, cost risk in"),
            ("annual_hours_without_training", f"=SUM({teams('AM')})", "Annual hours the teams would save anyway",
             HOURS, "people x a0 x h0 x W, per team starting within the horizon (not credited to the training)"),
            ("baseline.total_cost", f"=SUM({col('Z')})", "Baseline: cost (committed regardless)", money,
             "sum of the weekly baseline cost: items marked baseline, cost risk in"),
        ]
        rows += [(f"baseline.cost_by_line.{line}", f"=SUM({col(c)})", f"Baseline cost line: {label}", money,
                  f"sum of weekly baseline {label}")
                 for line, c, label in (("fees", "V", "fees"), ("participant_time", "W", "participants' time"),
                                        ("ai_seats", "X", "AI seats"), ("other", "Y", "other costs"))]
        rows += [
            ("baseline.total_benefit", f"=SUM({col('AA')})", "Baseline: benefit", money,
             "value of the hours the baseline items save"),
            ("baseline.npv", f"={pv('AA')}-{pv('Z')}", "Baseline: NPV", money,
             "PV of the baseline benefit - PV of the baseline cost"),
            ("program.total_cost", "=B{total_cost}+B{baseline.total_cost}", "Whole program: cost", money,
             "decision + baseline"),
            ("program.total_benefit", "=B{total_benefit}+B{baseline.total_benefit}", "Whole program: benefit",
             money, "decision + baseline"),
            ("program.npv", "=B{npv}+B{baseline.npv}", "Whole program: NPV", money, "decision NPV + baseline NPV"),
            ("program.roi_pv_pct",
             f'=IF(B{{pv_cost}}+{pv("Z")}>{TOL},B{{program.npv}}/(B{{pv_cost}}+{pv("Z")})*100,"{NA}")',
             "Whole program: present-value ROI (%)", PCT_VALUE,
             "whole-program NPV / PV of decision and baseline cost x 100; n/a when nothing is spent"),
            ("program.payback_months", self.payback("Weekly!AC", 2, last), "Whole program: payback (months)",
             "0.00", "payback rule on the cumulative net of decision and baseline, week by week"),
        ]
        return rows

    FIRST = 9  # first result row on the Summary

    def write_summary(self) -> None:
        sh, s = self.summary, self.scenario
        sh.put(1, 1, "AI-training ROI: auditable workbook", font=TITLE)
        for r, (label, value) in enumerate((("Scenario", s.name), ("Currency", s.currency),
                                            ("Exported", self.ex.as_of.isoformat()), ("Notes", printed_notes(s))),
                                           start=2):
            sh.put(r, 1, label, font=BOLD)
            sh.put(r, 2, value)
        sh.put(6, 1, "Column B is live: formulas over the Inputs sheet (change a shaded input there and "
                     "recalculate). Column D is the calculator's figure at export, for comparison. "
                     "Methodology: docs/MODEL.md. See the 'How to audit' sheet.")
        sh.put(7, 1, "Checks (Derived sheet) all TRUE:", font=BOLD)
        sh.put(7, 2, Formula(f"=AND(Derived!B{self.derived_next + 1}:B{self.derived_next + self.checks})"))
        sh.header(self.FIRST - 1, ["key", "value (live formula)", "result", "calculator at export",
                                   "how it is computed"])
        rows = self.summary_rows()
        where = {key: self.FIRST + n for n, (key, *_rest) in enumerate(rows)}
        for n, (key, formula, label, fmt, how) in enumerate(rows):
            r = self.FIRST + n
            sh.put(r, 1, key)
            text = re.sub(r"\{([a-z_.0-9\[\]]+)\}", lambda m: str(where[m.group(1)]), formula)
            if key.endswith("payback_months") and not key.startswith("by_team"):
                sh.array(r, 2, text, fmt)
            else:
                sh.put(r, 2, Formula(text), fmt)
            sh.put(r, 3, label)
            value = calculator_value(self.result, key)
            if value is None:
                value = NOT_WITHIN if key.endswith("payback_months") else NA
            sh.put(r, 4, value, fmt)
            sh.put(r, 5, how)
        r = self.FIRST + len(rows) + 1
        sh.put(r, 1, "From the calculator at export (static, not live)", font=BOLD)
        summary = self.ex.summary
        # (key, label, value, number format): text has no format; the range ends are money.
        static: list[tuple[str, str, str | float, str | None]] = [
            ("warnings", f"Warning {k + 1}", text, None) for k, text in enumerate(self.result.warnings)]
        if summary.cost_low is not None and summary.cost_high is not None:  # both or neither
            static += [("total_cost_range_low", "Total cost, ranged inputs low", summary.cost_low, self.money),
                       ("total_cost_range_high", "Total cost, ranged inputs high", summary.cost_high, self.money)]
        if summary.fees_low is not None and summary.fees_high is not None:
            static += [("program_fees_range_low", "Program fees, ranged inputs low", summary.fees_low, self.money),
                       ("program_fees_range_high", "Program fees, ranged inputs high", summary.fees_high, self.money)]
        if not static:
            sh.put(r + 1, 3, "no warnings, no uncertainty ranges")
        for k, (key, label, figure, figure_format) in enumerate(static, start=r + 1):
            sh.put(k, 1, key)
            sh.put(k, 3, label)
            sh.put(k, 4, figure, figure_format)
        sh.widths({"A": 34, "B": 22, "C": 44, "D": 22, "E": 80})
        sh.ws.freeze_panes = f"B{self.FIRST}"

    # ---------------------------------------------------------------- How to audit
    def write_audit(self) -> None:
        sh = self.audit
        lines = [
            ("How to audit this workbook", TITLE),
            ("Every figure is a live formula of the Inputs sheet. Change a shaded (yellow) cell in column B of "
             "Inputs, recalculate (Excel does it by itself; LibreOffice: Data > Calculate > Recalculate Hard), "
             "and the Summary follows. Column D of the Summary keeps the calculator's figure at export beside it.",
             None),
            ("", None),
            ("Sheets", BOLD),
            ("Summary: one row per result key of the methodology (column A), its live formula (B), a label (C), "
             "the calculator's value at export (D) and how it is computed (E).", None),
            ("Inputs: one row per scenario input; column A is its path in the scenario file, B its value (the only "
             "cells to edit; data validation keeps them in range), C what it means and its unit. Rows marked "
             "'reported only' or ranges do not move the live figures.", None),
            ("Derived: the named figures every sheet uses (weeks_per_year, horizon_weeks, discount_rate, "
             "value_factor, cost_factor, retention_base, ...) and checks that must read TRUE.", None),
            ("Teams: one row per stream (Tier 1 literacy, then each team): weekly rates from the inputs (before cost "
             "risk) and the stream's totals over the horizon (by_team on the Summary reads from here); column AI "
             "says whether the stream is in the decision (1) or the baseline (0).", None),
            ("Other costs: program costs outside any tier, each a fixed amount spread evenly over its weeks or a "
             "share of the decision's fees; column N says whether it is in the decision (1) or the baseline (0).",
             None),
            (f"Weekly: one row per week, weeks 1 to {WEEKS} (the longest horizon the inputs allow). A week past "
             "the horizon has 'in horizon' 0 and contributes nothing, so changing the horizon changes the totals. "
             "Columns E to U are the decision, V to AA the baseline, AB and AC the whole program.",
             None),
            ("Team weeks: each stream's weekly cost and hours saved (ramp over the engagement, decay after it), "
             "and each team's cumulative net for its payback. Rows 3 and 4 hold each stream's value and cash "
             "value per hour; the Weekly sheet multiplies the hours by them.", None),
            ("IRR: the NPV at rates from -99% to 1,000,000% a year, the first bracket where it changes sign, and "
             "bisection within it to the rate that zeroes it; Excel's own IRR beside it as a cross-check.", None),
            ("", None),
            (f"Rules ({CONTRACT}, {LABEL}; in full on the app's Methodology & sources page)", BOLD),
            *((line, None) for line in short_forms()),
            ("", None),
            ("The decision case (methodology v3): where these differ from the rules above, these apply", BOLD),
            ("Decision and baseline: the figures without a prefix describe the decision alone, what this program "
             "adds over what happens anyway. Literacy or an other cost marked baseline (Inputs: literacy.baseline, "
             "other_costs[i].baseline TRUE) happens regardless: its cost and value are kept apart (Weekly columns "
             "V to AA), shown as baseline.*, and added to the decision only in program.*, week by week.", None),
            ("The counterfactual: a team is credited only with what the training adds to what it would save anyway, "
             "untrained: people x (adoption x hours - a0 x h0), with a0 and h0 from cohorts[i].without_training "
             "(Teams column N). The difference can be negative. annual_hours_without_training shows the hours the "
             "teams would save anyway (Teams column AM), credited to nobody.", None),
            ("Cash is cash: cash_cost, cash_npv and cash_payback_months count fees, AI seats and other costs, but "
             "not participants' time, which nobody pays in cash (Weekly column U).", None),
            ("The invoice is the invoice: program_fees and fees_by_tier are the fees before cost risk, what a vendor "
             "invoices (Weekly column T, Teams column AJ); cost_by_line.fees and every total include the cost risk.",
             None),
            ("A share-of-fees cost (other_costs[i].share_of_fees filled in) is, each week, that share of the "
             "decision's fees before cost risk, then x (1 + cost risk) like every line; its amount, start week and "
             "weeks are ignored. The part of the fees that falls after the horizon takes its share with it into "
             "cost_beyond_horizon (Other costs columns I and J).", None),
            ("", None),
            ("In the cells", BOLD),
            ("n/a marks a ratio with nothing spent (ROI, benefit-cost ratio) or a tier with nobody in it.", None),
            (f"{NOT_WITHIN!r} marks a payback whose cumulative net is still below zero at the horizon's end.",
             None),
            ("Text from the scenario (names, notes) is stored as plain text and never runs as a formula.", None),
        ]
        for r, (text, font) in enumerate(lines, start=1):
            sh.put(r, 1, text, font=font, wrap=font is None)
        sh.widths({"A": 120})

    # ---------------------------------------------------------------- build
    def build(self) -> bytes:
        self.write_inputs()
        self.write_derived()
        self.plan_streams()
        self.write_teams()
        self.write_others()
        self.write_team_weeks()
        self.write_weekly()
        self.write_checks()
        self.write_irr()
        self.write_summary()
        self.write_audit()
        for name, ref in self.names.items():
            self.wb.defined_names[name] = DefinedName(name, attr_text=ref)
        for sheet in (self.audit, self.summary, self.inputs, self.derived, self.teams, self.others, self.weekly,
                      self.team_weeks, self.irr):
            sheet.flush()
        self.wb.active = 1
        out = io.BytesIO()
        self.wb.save(out)
        sheets = [self.audit, self.summary, self.inputs, self.derived, self.teams, self.others, self.weekly,
                  self.team_weeks, self.irr]
        return _inject(out.getvalue(), {f"xl/worksheets/sheet{n}.xml": (sheet.bulk, sheet.bulk_end)
                                        for n, sheet in enumerate(sheets, start=1) if sheet.bulk})


def _inject(xlsx: bytes, parts: dict[str, tuple[list[str], str]]) -> bytes:
    """Append prebuilt rows to the end of each named sheet's data and widen its recorded dimension.

    ``parts`` maps a sheet's part name to (row XML strings, bottom-right cell of the sheet).
    """
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename in parts:
                rows, end = parts[info.filename]
                text = data.decode("utf-8")
                if "</sheetData>" not in text:
                    raise RuntimeError(f"{info.filename}: no sheetData to append to")
                text = text.replace("</sheetData>", "".join(rows) + "</sheetData>", 1)
                text = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:{end}"/>', text, count=1)
                data = text.encode("utf-8")
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
    return out.getvalue()


def _col(letters: str) -> int:
    from openpyxl.utils import column_index_from_string

    return column_index_from_string(letters)


def calculator_value(result: Result, key: str) -> Any:  # a number, None or text, as the Result holds it
    """The calculator's figure for a Summary key: ``npv``, ``cost_by_tier.2``, ``by_team[0].npv``.

    >>> from calculator import Cohort, Scenario, evaluate
    >>> calculator_value(evaluate(Scenario(cohorts=(Cohort(tier=3, price=200),))), "cost_by_tier.3")  # 10 x 200 x 6
    12000.0
    >>> calculator_value(evaluate(Scenario(cohorts=(Cohort(tier=3, price=200),))), "baseline.cost_by_line.fees")
    0.0
    """
    name, *parts = key.split(".")
    match = re.fullmatch(r"(\w+)\[(\d+)\]", name)
    value = getattr(result, match.group(1))[int(match.group(2))] if match else getattr(result, name)
    for part in parts:  # baseline.cost_by_line.fees: one level per dot
        value = value[part] if isinstance(value, dict) else getattr(value, part)
    return value


def workbook_bytes(ex: Export) -> bytes:
    """The auditable workbook (.xlsx): every result a live formula of the Inputs sheet.

    Parameters
    ----------
    ex : Export
        The evaluation to audit (:meth:`Export.of` evaluates a scenario); the Summary's column D holds
        its figures.

    Examples
    --------
    >>> import io, openpyxl
    >>> from calculator import Cohort, Scenario
    >>> wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes(Export.of(Scenario(cohorts=(Cohort(),))))))
    >>> wb.sheetnames[:4]
    ['How to audit', 'Summary', 'Inputs', 'Derived']
    >>> wb["Summary"]["A10"].value, wb["Summary"]["B10"].value   # the weeks past the horizon are zero by formula
    ('total_cost', '=SUM(Weekly!I2:I531)')
    """
    return _Builder(ex).build()
