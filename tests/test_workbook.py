"""The auditable workbook, checked the way an analyst uses it: edit inputs, recalculate, compare with the calculator.

LibreOffice recalculates every workbook here (one headless run for all of them); the
calculator evaluating the same, equally edited scenario is the oracle for every Summary
row. The cases: scenarios that hit each rule (every price unit, decay, a team past the
horizon, payback that is immediate, never, or lost again), copies of a workbook with
inputs edited on its Inputs sheet (one input per copy, and many at once), and ten
generated scenarios with fixed seeds. Methodology v3's fields (a baseline toggled, a
counterfactual changed, a share-of-fees line set, changed or emptied) are edited the same
way, and two small hand-worked workbooks check its rules against the arithmetic too.
"""

from __future__ import annotations

import dataclasses
import io
import math
import os
import re
import shutil
import subprocess

import numpy as np
import openpyxl
import pytest
from export_cases import EVIL_NAMES, SEED, mixed_units, never_pays_back, spends_nothing

from calculator import Actuals, Cohort, Finance, Literacy, Organization, Scenario, evaluate, export, load_preset
from calculator.export import Export
from calculator.export.workbook import NA, NOT_WITHIN, WEEKS, calculator_value
from calculator.model import sign_changes
from calculator.scenario import PRICE_UNITS, AiTools, OtherCost, WithoutTraining, to_dict

FIRST = 9  # first result row of the Summary sheet


def _dips_again() -> Scenario:
    """Pays back early, then a large late fee pulls the cumulative net below zero at the end: null payback."""
    early = Cohort(name="Quick win", team_size=10, price=50, engagement_weeks=2, hours_saved_per_person_per_week=5)
    late = Cohort(name="Big fee", delivery="consulting", price=900_000, price_unit="fixed", start_week=90,
                  engagement_weeks=10, team_size=5)
    return Scenario(name="Dips again", literacy=Literacy(enabled=False), cohorts=(early, late))


def _evil(name: str = EVIL_NAMES[0], team: str = EVIL_NAMES[3]) -> Scenario:
    return dataclasses.replace(SEED, name=name, notes=EVIL_NAMES[2],
                               cohorts=(dataclasses.replace(SEED.cohorts[0], name=team), *SEED.cohorts[1:]))


def generated(seed: int) -> Scenario:
    """A random but valid scenario (fixed seed): any price unit, W, horizon, decay, literacy, late starts, and
    methodology v3's fields (:func:`_with_v3`)."""
    return _with_v3(_generated_v2(seed), seed)


def _with_v3(scenario: Scenario, seed: int) -> Scenario:
    """The scenario with v3's fields drawn from their own generator (the v2 draws stay as they were): literacy
    baseline or not, each team's counterfactual (sometimes above its trained level), other costs as baseline
    items or shares of the fees."""
    rng = np.random.default_rng(10_000 + seed)
    teams = tuple(dataclasses.replace(c, without_training=WithoutTraining(
        adoption_rate=round(float(rng.uniform(0, 0.6)), 3),
        hours_saved_per_person_per_week=round(float(rng.uniform(0, 3)), 2))) if rng.random() < 0.7 else c
        for c in scenario.cohorts)
    kinds = [str(rng.choice(["fixed", "baseline", "share"])) for _ in scenario.other_costs]
    others = tuple(dataclasses.replace(o, baseline=kind == "baseline",
                                       share_of_fees=round(float(rng.uniform(0, 0.5)), 3) if kind == "share" else None)
                   for o, kind in zip(scenario.other_costs, kinds))
    literacy = dataclasses.replace(scenario.literacy, baseline=bool(rng.random() < 0.5))
    return dataclasses.replace(scenario, cohorts=teams, other_costs=others, literacy=literacy)


def _generated_v2(seed: int) -> Scenario:
    rng = np.random.default_rng(seed)
    weeks_per_year = int(rng.choice([48, 50, 52, 53]))
    horizon = int(rng.integers(1, 121))
    teams = []
    for i in range(int(rng.integers(1, 7))):
        unit = str(rng.choice(PRICE_UNITS))
        price = {"per_employee_per_week": rng.uniform(50, 600), "per_employee_per_month": rng.uniform(20, 400),
                 "per_employee": rng.uniform(100, 3000), "fixed": rng.uniform(5_000, 300_000)}[unit]
        teams.append(Cohort(
            name=f"Team {i}", tier=int(rng.choice([2, 3])), team_size=int(rng.integers(1, 60)),
            start_week=int(rng.integers(1, 160)), engagement_weeks=int(rng.integers(1, 30)),
            price=round(float(price), 2), price_unit=unit,
            participant_hours_per_week=round(float(rng.uniform(0, 6)), 2),
            hours_saved_per_person_per_week=round(float(rng.uniform(0, 8)), 2),
            adoption_rate=round(float(rng.uniform(0, 1)), 3), cash_share=round(float(rng.choice([0, rng.random()])), 3),
            loaded_hourly_cost=None if rng.random() < 0.5 else round(float(rng.uniform(20, 150)), 2)))
    others = tuple(OtherCost(name=f"Cost {i}", amount=round(float(rng.uniform(0, 50_000)), 2),
                             start_week=int(rng.integers(1, 120)), weeks=int(rng.integers(1, 60)))
                   for i in range(int(rng.integers(0, 4))))
    headcount = int(rng.integers(50, 2000))
    return Scenario(
        name=f"Generated {seed}",
        organization=Organization(headcount=headcount, working_weeks_per_year=weeks_per_year,
                                  hours_per_fte_year=float(rng.choice([1800, 2080])),
                                  loaded_hourly_cost=round(float(rng.uniform(25, 120)), 2)),
        finance=Finance(horizon_months=horizon, annual_discount_rate=round(float(rng.uniform(0, 0.3)), 4),
                        productivity_recapture=round(float(rng.uniform(0.2, 1)), 3),
                        benefit_risk_adjustment=round(float(rng.uniform(0, 0.4)), 3),
                        include_participant_time=bool(rng.random() < 0.5),
                        annual_benefit_decay=0.0 if rng.random() < 0.3 else round(float(rng.uniform(0, 1)), 3),
                        cost_risk_adjustment=round(float(rng.choice([0, rng.uniform(0, 0.3)])), 3)),
        ai_tools=AiTools(seat_price_per_month=round(float(rng.uniform(10, 60)), 2),
                         already_licensed=bool(rng.random() < 0.4)),
        other_costs=others,
        literacy=Literacy(enabled=bool(rng.random() < 0.7), already_licensed=bool(rng.random() < 0.4),
                          learners=None if rng.random() < 0.5 else int(rng.integers(1, headcount + 1)),
                          access_months=round(float(rng.uniform(0.5, 6)), 2), start_week=int(rng.integers(1, 40)),
                          hours_saved_per_person_per_week=round(float(rng.uniform(0, 2)), 2),
                          adoption_rate=round(float(rng.uniform(0, 1)), 3),
                          cash_share=round(float(rng.uniform(0, 0.5)), 3)),
        cohorts=tuple(teams))


def set_input(obj, path: str, value):
    """The scenario with one input changed, by its Inputs-sheet path (``cohorts[2].price_unit``, ``finance.x``,
    ``cohorts[1].without_training.adoption_rate``)."""
    head, _, rest = path.partition(".")
    if not rest:
        return dataclasses.replace(obj, **{head: value})
    match = re.fullmatch(r"(\w+)\[(\d+)\]", head)
    if match:
        items = list(getattr(obj, match.group(1)))
        index = int(match.group(2))
        items[index] = set_input(items[index], rest, value)
        return dataclasses.replace(obj, **{match.group(1): tuple(items)})
    return dataclasses.replace(obj, **{head: set_input(getattr(obj, head), rest, value)})


# Edits an analyst makes on the Inputs sheet of the seed workbook: all at once, and the structural ones alone.
EDITS = {
    "cohorts[0].team_size": 14,
    "cohorts[1].price": 420.0,
    "cohorts[2].price_unit": "fixed",
    "cohorts[3].start_week": 9,
    "cohorts[4].engagement_weeks": 11,
    "organization.loaded_hourly_cost": 61.2,
    "finance.productivity_recapture": 0.6,
    "finance.horizon_months": 30,
    "finance.annual_discount_rate": 0.05,
    "finance.include_participant_time": not SEED.finance.include_participant_time,
    "finance.annual_benefit_decay": 0.2,
    "organization.working_weeks_per_year": 50,
    "other_costs[0].amount": 31_000.0,
    "other_costs[2].start_week": 103,  # now runs past the 24-month horizon: committed spend beyond it
    "ai_tools.already_licensed": not SEED.ai_tools.already_licensed,
    "ai_tools.seat_price_per_month": 45.0,
    "finance.cost_risk_adjustment": 0.15,
    "cohorts[5].cash_share": 0.4,
    "literacy.cash_share": 0.25,
}
# A second analyst shortens the horizon of the mixed scenario and changes units there.
MIXED_EDITS = {"finance.horizon_months": 7, "cohorts[0].price_unit": "per_employee_per_month",
               "cohorts[1].engagement_weeks": 3, "literacy.access_months": 5.5, "literacy.learners": 120,
               "cohorts[2].loaded_hourly_cost": 99.0}


# Methodology v3 on the seed (whose literacy is already a baseline item): a share-of-fees line (a vendor's management
# fee, 10% of the decision's fees) and a baseline line (platform administration, paid whatever is decided).
SEED_V3 = dataclasses.replace(SEED, other_costs=(
    *SEED.other_costs, OtherCost(name="Vendor management (10% of fees)", share_of_fees=0.1),
    OtherCost(name="Platform administration (regardless)", amount=9_000.0, start_week=1, weeks=30, baseline=True)))
SHARE_LINE, BASELINE_LINE = "other_costs[3]", "other_costs[4]"
# An analyst tries v3's fields on the Inputs sheet: each alone, then all at once (literacy with a licence, seats and
# a benefit of its own, so every baseline line moves; a team whose engagement runs past the horizon, so the share line
# follows its fees there; a counterfactual above the trained level: a negative increment).
V3_EDITS = {
    "literacy.baseline": False,
    "cohorts[1].without_training.adoption_rate": 0.9,  # 0.9 x 2.2 h = 1.98 h anyway > 0.8 x 2 h = 1.6 h trained
    "cohorts[5].without_training.hours_saved_per_person_per_week": 1.0,
    f"{SHARE_LINE}.share_of_fees": 0.25,
    "other_costs[0].share_of_fees": 0.05,  # a fixed line becomes a share of the fees: its amount no longer counts
    f"{BASELINE_LINE}.baseline": False,
    "other_costs[1].baseline": True,
}
V3_ALL = {**{k: v for k, v in V3_EDITS.items() if k != "literacy.baseline"},
          "literacy.already_licensed": False, "literacy.adoption_rate": 0.3,
          "literacy.hours_saved_per_person_per_week": 1.0, "literacy.cash_share": 0.2,
          "ai_tools.already_licensed": False, "cohorts[6].start_week": 100, "cohorts[6].cash_share": 0.5}


def hand_v3() -> Scenario:
    """One team and baseline literacy, small enough to work by hand (52-week year, 12-month horizon = 52 weeks,
    10% cost risk, no participants' time, no discounting):

    - team: 10 x $200 a week x 6 weeks = $12,000 of fees before cost risk, $13,200 with it;
    - vendor management, 10% of the fees: $1,200, x 1.1 = $1,320; cash cost 13,200 + 1,320 = $14,520;
    - hours: 10 x (0.8 x 3 h - 0.5 x 1 h) = 19 h a week, 988 h a year; 10 x 0.5 x 1 h x 52 = 260 h anyway;
    - baseline literacy: 20 learners x $30 a month x 1 month = $600, x 1.1 = $660 of baseline fees.
    """
    return Scenario(
        name="Hand-worked v3", organization=Organization(headcount=20),
        finance=Finance(horizon_months=12, annual_discount_rate=0.0, include_participant_time=False,
                        cost_risk_adjustment=0.1),
        literacy=Literacy(baseline=True, seat_price_per_month=30.0, access_months=1.0),
        cohorts=(Cohort(name="Team", team_size=10, price=200.0, engagement_weeks=6, adoption_rate=0.8,
                        hours_saved_per_person_per_week=3.0,
                        without_training=WithoutTraining(adoption_rate=0.5, hours_saved_per_person_per_week=1.0)),),
        other_costs=(OtherCost(name="Vendor management", share_of_fees=0.1),))


def _edited(base: Scenario, edits: dict) -> Scenario:
    for path, value in edits.items():
        base = set_input(base, path, value)
    return base


CASES: dict[str, tuple[Scenario, dict]] = {
    "seed": (SEED, {}), "marketing": (load_preset("seed-marketing-team"), {}),
    "starter": (load_preset("starter-300-person-pilots"), {}),
    "no_payback": (never_pays_back(), {}), "free": (spends_nothing(), {}), "mixed": (mixed_units(), {}),
    "dips_again": (_dips_again(), {}), "evil": (_evil(), {}),
    # W = 1 and one month round to a horizon of 0 weeks: payback 0, ROI n/a.
    "zero_horizon": (Scenario(name="Zero", organization=Organization(working_weeks_per_year=1),
                              finance=Finance(horizon_months=1), cohorts=(Cohort(),)), {}),
    "empty": (Scenario(name="Nothing yet", literacy=Literacy(enabled=False)), {}),
    **{f"generated_{seed}": (generated(seed), {}) for seed in range(10)},
    # The structural edits also alone (a unit, the calendar, a switch), so one cannot hide another's error.
    **{f"edit_{path}": (SEED, {path: EDITS[path]}) for path in (
        "cohorts[2].price_unit", "cohorts[3].start_week", "finance.horizon_months",
        "organization.working_weeks_per_year", "finance.include_participant_time", "ai_tools.already_licensed",
        "other_costs[2].start_week")},
    "edit_all": (SEED, EDITS),
    "edit_mixed": (mixed_units(), MIXED_EDITS),
    # Methodology v3: each new field edited alone on the Inputs sheet, then all together.
    "v3_seed": (SEED_V3, {}), "hand_v3": (hand_v3(), {}),
    # Weeks 50-55 against a 52-week horizon: half the fees, and the share line's part of them, fall after it.
    "hand_v3_late": (hand_v3(), {"cohorts[0].start_week": 50}),
    **{f"edit_{path}": (SEED_V3, {path: value}) for path, value in V3_EDITS.items()},
    f"edit_{SHARE_LINE}.share_of_fees_emptied": (SEED_V3, {f"{SHARE_LINE}.share_of_fees": None}),
    "edit_v3_all": (SEED_V3, V3_ALL),
    "edit_v3_all_decision_literacy": (SEED_V3, {**V3_ALL, "literacy.baseline": False}),
}


def test_cases_cover_the_rules():
    """The workbooks checked here really hit each payback branch, the n/a results and each price unit."""
    assert evaluate(never_pays_back()).payback_months is None
    assert evaluate(spends_nothing()).payback_months == 0 and evaluate(spends_nothing()).roi_pct is None
    assert evaluate(_dips_again()).payback_months is None
    assert evaluate(_dips_again()).cumulative_net.max() > 0  # it did cross zero before the fee
    mixed = evaluate(mixed_units())
    assert mixed.cost_per_employee_by_tier["1"] and mixed.people_by_tier["3"] == 15
    units = {c.price_unit for seed in range(10) for c in generated(seed).cohorts}
    assert units == set(PRICE_UNITS)
    paybacks = [evaluate(generated(seed)).payback_months for seed in range(10)]
    assert None in paybacks and any(p for p in paybacks)
    assert len(EDITS) >= 8
    irrs = [evaluate(generated(seed)) for seed in range(10)]
    assert any(r.irr_pct is None for r in irrs) and any(r.irr_pct is not None for r in irrs)
    assert any(r.cost_beyond_horizon > 0 for r in irrs) and any(r.cash_benefit > 0 for r in irrs)
    assert evaluate(_edited(SEED, {"other_costs[2].start_week": 103})).cost_beyond_horizon > 0


def test_v3_cases_cover_the_rules():
    """The v3 workbooks really hit each new rule: a baseline with every cost line and a benefit, baseline literacy
    and decision literacy, a share-of-fees line following fees past the horizon, a negative increment, a program
    payback apart from the decision's, and generated scenarios with each kind of item."""
    everything = evaluate(_edited(SEED_V3, V3_ALL))
    assert all(v > 0 for v in everything.baseline["cost_by_line"].values()) and everything.baseline["total_benefit"] > 0
    assert any("increment is negative" in w for w in everything.warnings)
    assert "Vendor management (10% of fees) $1," in everything.warnings[0]  # its share of the fees after the horizon
    assert evaluate(SEED_V3).people_by_tier["1"] == 0  # baseline literacy: nobody in the decision's tier 1
    assert evaluate(_edited(SEED_V3, {"literacy.baseline": False})).people_by_tier["1"] > 0
    late = evaluate(_edited(hand_v3(), {"cohorts[0].start_week": 50}))
    assert late.cost_beyond_horizon > 0 and late.cost_by_line["other"] > 0
    generated_v3 = [generated(seed) for seed in range(10)]
    assert any(s.literacy.baseline for s in generated_v3) and not all(s.literacy.baseline for s in generated_v3)
    kinds = {("share" if o.share_of_fees is not None else "baseline" if o.baseline else "fixed")
             for s in generated_v3 for o in s.other_costs}
    assert kinds == {"share", "baseline", "fixed"}
    assert any(c.without_training.hours_per_person > c.adoption_rate * c.hours_saved_per_person_per_week
               for s in generated_v3 for c in s.cohorts)  # a negative increment among them
    programs = [evaluate(s) for s in generated_v3]
    assert any(r.program["payback_months"] != r.payback_months for r in programs)


def _inputs(wb) -> dict[str, int]:
    """Inputs-sheet row of every path in column A."""
    return {row[0].value: row[0].row for row in wb["Inputs"].iter_rows(min_row=2, max_col=1) if row[0].value}


def _workbook(base: Scenario, edits: dict) -> bytes:
    """The exported workbook with ``edits`` typed into the Inputs sheet, as an analyst would."""
    data = export.workbook_bytes(Export.of(base))
    if not edits:
        return data
    wb = openpyxl.load_workbook(io.BytesIO(data))
    rows = _inputs(wb)
    for path, value in edits.items():
        wb["Inputs"][f"B{rows[path]}"] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------- recalculated by LibreOffice
def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory) -> dict[str, openpyxl.Workbook]:
    """Every case's workbook recalculated by LibreOffice, in one run."""
    soffice = _soffice()
    if soffice is None:
        if os.environ.get("REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice (soffice) is required (REQUIRE_LIBREOFFICE=1) but not installed")
        pytest.skip("LibreOffice (soffice) is not installed: cannot recalculate the workbook's formulas")
    base = tmp_path_factory.mktemp("lo")
    inputs, out = base / "in", base / "out"
    inputs.mkdir()
    for key, (scenario, edits) in CASES.items():
        (inputs / f"{key}.xlsx").write_bytes(_workbook(scenario, edits))
    command = [soffice, f"-env:UserInstallation={(base / 'profile').as_uri()}", "--headless", "--norestore",
               "--convert-to", "xlsx", "--outdir", str(out), *sorted(map(str, inputs.glob("*.xlsx")))]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return {p.stem: openpyxl.load_workbook(p, data_only=True) for p in out.glob("*.xlsx")}


def summary_cells(wb) -> dict[str, tuple]:
    """Summary rows by key: (live formula's value, calculator's value at export)."""
    out = {}
    for key, live, _label, at_export in wb["Summary"].iter_rows(min_row=FIRST, max_col=4, values_only=True):
        if not key:
            break
        out[key] = (live, at_export)
    return out


def relative_error(cell, expected) -> float:
    """0 when the cell holds the expected value (1e-6 relative, or within a millionth of zero); else > 1e-6."""
    if expected is None or isinstance(expected, str):
        return 0.0 if cell == expected else math.inf
    if isinstance(cell, bool) or not isinstance(cell, (int, float)):
        return math.inf
    if math.isclose(cell, expected, rel_tol=0, abs_tol=1e-6):
        return 0.0
    return abs(cell - expected) / max(abs(expected), 1e-300)


def expected_value(result, key: str):
    value = calculator_value(result, key)
    if value is None:
        return NOT_WITHIN if key.endswith("payback_months") else NA
    return value


def result_keys(result) -> set[str]:
    """Every scalar result MODEL.md names, flattened as the Summary writes them (``cost_by_tier.2``)."""
    keys = set()

    def add(key: str, value) -> None:
        if isinstance(value, dict):  # baseline.cost_by_line.fees: one level per dot
            for sub, item in value.items():
                add(f"{key}.{sub}", item)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                add(f"{key}[{i}]", item)
        else:
            keys.add(key)

    for key, value in result.to_dict().items():
        if key not in ("scenario", "currency", "weekly", "warnings"):
            add(key, value)
    return keys


@pytest.mark.parametrize("case", list(CASES))
def test_every_summary_value_equals_the_calculator_after_recalculation(recalculated, case):
    """Each live Summary value, recalculated by LibreOffice, equals the calculator's result for the same
    (edited) scenario to 1e-6 relative; the Summary has a row for every result key."""
    base, edits = CASES[case]
    result = evaluate(_edited(base, edits))
    cells = summary_cells(recalculated[case])
    assert result_keys(result) <= set(cells), result_keys(result) - set(cells)
    errors = {key: (live, expected_value(result, key)) for key, (live, _) in cells.items()
              if relative_error(live, expected_value(result, key)) > 1e-6}
    if "irr_pct" in errors and not _unique_irr(result):
        # The weekly nets change sign more than once (the calculator warns): each method may find a different
        # rate. The workbook's must still zero the NPV.
        assert _zeroes_npv(result, cells["irr_pct"][0]), errors.pop("irr_pct")
    assert not errors


def _unique_irr(result) -> bool:
    return sign_changes(result.weekly_benefit - result.weekly_cost) <= 1


def _zeroes_npv(result, irr_pct) -> bool:
    net = result.weekly_benefit - result.weekly_cost
    factors = (1 + irr_pct / 100) ** (-result.weeks / result.scenario.organization.working_weeks_per_year)
    return abs((net * factors).sum()) <= 1e-6 * np.abs(net * factors).sum()


@pytest.mark.parametrize("case", list(CASES))
def test_no_error_values_and_the_checks_hold(recalculated, case):
    wb = recalculated[case]
    for ws in wb:
        bad = [c.coordinate for row in ws.iter_rows() for c in row
               if isinstance(c.value, str) and re.fullmatch(r"#[A-Z/0!?]+[!?]?|#N/A|Err:\d+", c.value)]
        assert not bad, (ws.title, bad[:5])
    assert wb["Summary"]["B7"].value is True


def test_edits_move_the_numbers(recalculated):
    """The edited copies are real tests: their live figures differ from the exported ones they replace."""
    for case in ("edit_all", "edit_mixed", "edit_finance.horizon_months", "edit_cohorts[2].price_unit"):
        cells = summary_cells(recalculated[case])
        moved = [key for key in ("total_cost", "npv", "net_benefit")
                 if relative_error(cells[key][0], cells[key][1]) > 1e-6]
        assert moved, case
    shorter = summary_cells(recalculated["edit_mixed"])
    assert shorter["horizon_weeks"][0] == 28  # 7 months of 48 weeks = 28 weeks
    longer = summary_cells(recalculated["edit_finance.horizon_months"])
    assert longer["horizon_weeks"][0] == 130  # 30 months of 52 weeks
    assert longer["hours_saved_in_horizon"][0] > longer["hours_saved_in_horizon"][1]
    committed = summary_cells(recalculated["edit_other_costs[2].start_week"])["cost_beyond_horizon"]
    assert committed[1] == 0 and committed[0] > 0  # a cost moved past the horizon shows as committed spend


def test_v3_edits_move_the_numbers(recalculated):
    """Each v3 field typed into the Inputs sheet moves the figures it governs (live column B against the export's
    column D), so the recalculation above really proves its formula."""
    def moved(case: str, key: str) -> bool:
        live, exported = summary_cells(recalculated[case])[key]
        return relative_error(live, exported) > 1e-6

    assert moved("edit_literacy.baseline", "total_cost") and moved("edit_literacy.baseline", "baseline.total_cost")
    assert moved("edit_literacy.baseline", "people_by_tier.1")
    counterfactual = "edit_cohorts[1].without_training.adoption_rate"
    assert moved(counterfactual, "annual_hours_saved") and moved(counterfactual, "annual_hours_without_training")
    assert moved(counterfactual, "by_team[1].benefit")
    share = f"edit_{SHARE_LINE}.share_of_fees"
    assert moved(share, "cost_by_line.other") and not moved(share, "program_fees")
    assert moved("edit_other_costs[0].share_of_fees", "cost_by_line.other")
    assert moved(f"edit_{SHARE_LINE}.share_of_fees_emptied", "cost_by_line.other")
    assert moved(f"edit_{BASELINE_LINE}.baseline", "baseline.cost_by_line.other")
    assert moved("edit_other_costs[1].baseline", "cash_cost")
    for key in ("baseline.total_benefit", "baseline.cost_by_line.fees", "baseline.cost_by_line.ai_seats",
                "cost_beyond_horizon", "program.npv"):
        assert moved("edit_v3_all", key), key


def test_v3_rules_by_hand(recalculated):
    """The recalculated hand-worked workbooks (:func:`hand_v3`) against the arithmetic, not only the calculator.

    Weeks 1-6: program_fees = 10 x $200 x 6 = $12,000 before cost risk; the fees line 12,000 x 1.1 = $13,200;
    vendor management 10% of 12,000 = 1,200 x 1.1 = $1,320; cash cost 13,200 + 1,320 = $14,520; hours
    10 x (0.8 x 3 - 0.5 x 1) x 52 = 988 a year, 10 x 0.5 x 1 x 52 = 260 a year anyway; baseline literacy
    20 x $30 x 1 month = 600 x 1.1 = $660; whole program cost 14,520 + 660 = $15,180.
    Weeks 50-55 (hand_v3_late, horizon 52 weeks): 3 weeks in, program_fees $6,000, other 600 x 1.1 = $660;
    after the horizon 6,000 x 1.1 = $6,600 of fees and 600 x 1.1 = $660 of its share: $7,260 committed.
    """
    live = {key: value for key, (value, _) in summary_cells(recalculated["hand_v3"]).items()}
    expected = {"program_fees": 12_000, "fees_by_tier.2": 12_000, "cost_by_line.fees": 13_200,
                "cost_by_line.other": 1_320, "cash_cost": 14_520, "total_cost": 14_520,
                "annual_hours_saved": 988, "annual_hours_without_training": 260, "baseline.total_cost": 660,
                "baseline.cost_by_line.fees": 660, "program.total_cost": 15_180, "cost_beyond_horizon": 0,
                "people_by_tier.1": 0}
    assert {key: live[key] for key in expected} == pytest.approx(expected, rel=1e-9)
    late = {key: value for key, (value, _) in summary_cells(recalculated["hand_v3_late"]).items()}
    expected = {"program_fees": 6_000, "cost_by_line.fees": 6_600, "cost_by_line.other": 660,
                "cost_beyond_horizon": 7_260}
    assert {key: late[key] for key in expected} == pytest.approx(expected, rel=1e-9)


def test_user_text_survives_recalculation_as_text(recalculated):
    wb = recalculated["evil"]
    assert wb["Summary"]["B2"].value == EVIL_NAMES[0]
    rows = _inputs(wb)
    assert wb["Inputs"][f"B{rows['cohorts[0].name']}"].value == EVIL_NAMES[3]
    assert wb["Teams"]["B3"].value == EVIL_NAMES[3]  # a formula that reads the name returns it as text


# --------------------------------------------------------------------------- the file itself
@pytest.fixture(scope="module")
def seed_book() -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(export.workbook_bytes(Export.of(SEED))))


def _flatten(data, prefix=""):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _flatten(value, f"{prefix}.{key}" if prefix else key)
    elif isinstance(data, list) and data and isinstance(data[0], dict):
        for i, item in enumerate(data):
            yield from _flatten(item, f"{prefix}[{i}]")
    else:
        yield prefix, data


def test_inputs_sheet_holds_every_scenario_input_by_its_path(seed_book):
    """Column A is each input's path exactly as in the scenario file, column B its value."""
    scenario = load_preset("starter-300-person-pilots")
    wb = openpyxl.load_workbook(io.BytesIO(export.workbook_bytes(Export.of(scenario))))
    sheet = {row[0]: row[1] for row in wb["Inputs"].iter_rows(min_row=2, max_col=2, values_only=True)}
    data = to_dict(scenario)
    ranges = data.pop("ranges")
    data.pop("schema_version")
    expected = dict(_flatten(data))
    expected = {path: value for path, value in expected.items() if value != []}  # an empty list has no rows
    for path in [p for p, v in expected.items() if p.endswith(".actuals") and v is None]:
        del expected[path]  # not measured yet: one empty row per measurement
        expected.update({f"{path}.{f.name}": None for f in dataclasses.fields(Actuals)})
    for path, (low, high) in ranges.items():
        expected[f"ranges[{path}].low"], expected[f"ranges[{path}].high"] = low, high
    assert set(sheet) == set(expected)
    for path, value in expected.items():
        assert sheet[path] == ("" if value is None else value) or (value is None and sheet[path] is None), path


def test_inputs_are_shaded_validated_and_explained(seed_book):
    ws = seed_book["Inputs"]
    rows = _inputs(seed_book)
    unit = ws[f"B{rows['cohorts[0].price_unit']}"]
    assert unit.fill.fgColor.rgb.endswith("FFF2CC")
    assert "per_employee" in ws[f"C{rows['cohorts[0].price_unit']}"].value
    rules = {str(ref): dv for dv in ws.data_validations.dataValidation for ref in dv.sqref.ranges}
    assert rules[f"B{rows['cohorts[0].price_unit']}"].formula1 == '"' + ",".join(PRICE_UNITS) + '"'
    assert rules[f"B{rows['finance.include_participant_time']}"].formula1 == '"TRUE,FALSE"'
    horizon = rules[f"B{rows['finance.horizon_months']}"]
    assert (horizon.type, horizon.formula1, horizon.formula2) == ("whole", "1", "120")
    rate = rules[f"B{rows['finance.annual_discount_rate']}"]
    assert (rate.type, float(rate.formula1), float(rate.formula2)) == ("decimal", 0.0, 1.0)
    assert ws[f"B{rows['finance.annual_discount_rate']}"].number_format == "0.00%"


def test_layout_frozen_headers_and_number_formats(seed_book):
    assert seed_book.sheetnames == ["How to audit", "Summary", "Inputs", "Derived", "Teams", "Other costs",
                                    "Weekly", "Team weeks", "IRR"]
    assert seed_book.active.title == "Summary"
    assert seed_book["Summary"].freeze_panes == f"B{FIRST}"
    assert seed_book["Inputs"].freeze_panes == "A2"
    assert seed_book["Weekly"].freeze_panes == "B2"
    summary = {row[0].value: row for row in seed_book["Summary"].iter_rows(min_row=FIRST, max_col=4)}
    assert summary["total_cost"][1].number_format == '"$"#,##0.00'
    assert summary["roi_pct"][1].number_format.endswith('" %"')
    weekly = seed_book["Weekly"]
    assert weekly.max_row == WEEKS + 1 == 531  # 120 months of 53 weeks, whatever the exported horizon
    assert weekly["I2"].number_format == '"$"#,##0.00'


def test_every_week_is_a_formula_of_the_inputs(seed_book):
    """No pasted flows: every Weekly and Team weeks cell after the week number is a formula, and the
    weeks past the horizon are cut by the horizon cell, not by the sheet's length."""
    for name, first in (("Weekly", 2), ("Team weeks", 5)):
        for row in seed_book[name].iter_rows(min_row=first, min_col=2):
            assert all(isinstance(c.value, str) and c.value.startswith("=") for c in row), (name, row[0].row)
    assert "horizon_weeks" in seed_book["Weekly"]["C2"].value
    summary = {row[0]: row[1] for row in seed_book["Summary"].iter_rows(min_row=FIRST, max_col=2, values_only=True)
               if row[0]}
    for key in result_keys(evaluate(SEED)):
        assert str(getattr(summary[key], "text", summary[key])).startswith("="), key


def _formulas(wb) -> dict[tuple[str, str], str]:
    return {(ws.title, cell.coordinate): str(getattr(cell.value, "text", cell.value))
            for ws in wb for row in ws.iter_rows() for cell in row if cell.data_type == "f"}


@pytest.mark.parametrize("evil", EVIL_NAMES)
def test_user_text_never_becomes_a_formula(evil):
    """A name or note that starts like a formula is stored as a text cell, and no formula contains it."""
    scenario = _evil(evil, evil)
    wb = openpyxl.load_workbook(io.BytesIO(export.workbook_bytes(Export.of(scenario))))
    rows = _inputs(wb)
    for cell in (wb["Summary"]["B2"], wb["Inputs"][f"B{rows['name']}"], wb["Inputs"][f"B{rows['cohorts[0].name']}"]):
        assert cell.value == evil and cell.data_type == "s" and cell.quotePrefix
    plain = openpyxl.load_workbook(io.BytesIO(export.workbook_bytes(Export.of(_evil("Plain", "Plain")))))
    assert _formulas(wb) == _formulas(plain)  # the same formulas, cell for cell, whatever the names say
    assert wb["Inputs"][f"B{rows['cohorts[0].team_size']}"].data_type == "n"
