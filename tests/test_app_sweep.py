"""The page sweep (issue 24): every numeric scenario field at its lowest and its highest valid value (and zero where
that lies inside), applied one at a time to a shipped preset, then every page and every tab drawn with AppTest:
no exception and no error box anywhere. Plus the cross-field edges: the least horizon, the shortest working year,
and the What-if tabs' own controls at their ends on a 1-month horizon.

What is sampled, and why: every page and tab of one scenario takes about 9 s of AppTest runs (18 runs) on an idle
2-core machine, and the format has about 80 field ends, so all of them on all three presets would take over half an
hour. Each field end is therefore drawn once, on one preset chosen in turn (the n-th field end on preset n mod 3,
in the declaration's order), which covers every field at both ends and every preset with about a third of them.
The README's test command draws every sixth of those (``QUICK_EVERY``), so CI stays within minutes;
``SWEEP=ends`` draws every field end once and ``SWEEP=full`` every field end on every preset. Booleans and
choices have no bounds to sweep; nullable fields are swept at their numbers (their null is each preset's own default).

The scenario for a field end is made through the file format (``from_dict``): every team (or program cost) takes
the value; a range on that input is widened to hold it, as the app does; a program cost or pilot actuals are added
first where the preset has none; and a field bounded by another takes the other's value where it must
(``literacy.learners`` at most the headcount; pilot workflows in use at most those built).
"""

from __future__ import annotations

import os

import pytest
from app_support import APP
from streamlit.testing.v1 import AppTest

from calculator import presets
from calculator.fields import Declared, number_fields
from calculator.scenario import Actuals, OtherCost, Scenario, from_dict, parse_path, split_path, to_dict

PRESETS = presets.preset_names()
BUILDER_TABS = ["Tier 2 & 3 teams", "All teams (table)", "Tier 1 literacy", "AI tools & program costs", "Organization",
                "Uncertainty ranges", "Price benchmarks"]
WHAT_IF_TABS = ["Strategies", "Lenses", "Sensitivity", "Break-even", "Uncertainty", "Evidence"]
PAGES = [("views/pitch.py", None, ()), ("views/builder.py", "builder_tab", BUILDER_TABS),
         ("views/what_if.py", "what_if_tab", WHAT_IF_TABS), ("views/budget.py", None, ()),
         ("views/roadmap.py", None, ()), ("views/exports.py", None, ()), ("views/methodology.py", None, ())]


def field_ends(spec: Declared) -> list[float]:
    """The lowest and highest valid values of a field, and zero where it lies strictly between them."""
    ends = [spec.low, spec.high]
    if spec.low < 0 < spec.high:
        ends.insert(1, 0)
    return [int(v) if spec.kind == "int" else float(v) for v in ends]


CASES = [(spec, value) for spec in number_fields() for value in field_ends(spec)]


def _set(record: dict, parts: list, value) -> None:
    for part in parts[:-1]:
        record = record[part]
    record[parts[-1]] = value


def with_field(scenario: Scenario, spec: Declared, value) -> Scenario:
    """``scenario`` with the field at ``value`` (every team's, every program cost's), made valid as the module
    docstring says, through the file format."""
    doc = to_dict(scenario)
    parts = split_path(spec.path)
    if parts[0] == "other_costs" and not doc["other_costs"]:
        doc["other_costs"] = [to_dict(Scenario(other_costs=(OtherCost(name="Evaluation", amount=5_000.0),)))
                              ["other_costs"][0]]
    if parts[0] in ("cohorts", "other_costs"):
        for record in doc[parts[0]]:
            if parts[2] == "actuals" and record["actuals"] is None:
                record["actuals"] = {name: None for name in Actuals.__dataclass_fields__}
            _set(record, parts[2:], value)
            actuals = record.get("actuals")
            if parts[-1] == "workflows_in_use_30d" and actuals:
                actuals["workflows_built"] = max(actuals["workflows_built"] or 0, value)
            if parts[-1] == "workflows_built" and parts[2] == "actuals" and actuals and actuals["workflows_in_use_30d"]:
                actuals["workflows_in_use_30d"] = min(actuals["workflows_in_use_30d"], value)
    else:
        if spec.path == "literacy.learners":
            value = min(value, doc["organization"]["headcount"])
        _set(doc, parts, value)
        if spec.path == "organization.headcount" and doc["literacy"]["learners"] is not None:
            doc["literacy"]["learners"] = min(doc["literacy"]["learners"], value)
    field = spec.path.rsplit(".", 1)[-1]
    for key, (low, high) in list(doc["ranges"].items()):
        p = parse_path(key)
        if p.field == field and p.section == parts[0] and parts[0] in ("cohorts", "organization", "finance",
                                                                       "literacy", "ai_tools"):
            doc["ranges"][key] = [min(low, value), max(high, value)]
    return from_dict(doc)


def render_everything(scenario: Scenario) -> list[str]:
    """Every page and tab drawn on ``scenario``: the exceptions and error boxes met, each named by where."""
    from ui import state

    at = AppTest.from_file(APP, default_timeout=300)
    at.session_state[state.SCENARIO] = scenario
    at.session_state[state.LATEST] = state.Latest(scenario)
    at.session_state[state.PAGE_SETTINGS] = {"mc_draws": [1_000, None]}  # the sweep is of the scenario, not draws
    at.run()
    met = []

    def check(where: str) -> None:
        met.extend(f"{where}: {e.value}"[:400] for e in [*at.exception, *at.error])

    for page, key, tabs in PAGES:
        at.switch_page(page).run()
        if not tabs:
            check(page)
        for tab in tabs:
            at.session_state[key] = tab
            at.run()
            check(f"{page} > {tab}")
    return met


def _case_id(case) -> str:
    spec, value = case
    return f"{spec.path}={value:g}"


# The default run (the README's test command, so CI) draws every QUICK_EVERY-th field end: a whole sweep of every
# end costs about 13 minutes of AppTest runs on 2 cores. ``SWEEP=ends`` draws every field end once (on one preset
# in turn); ``SWEEP=full`` every end on every preset.
QUICK_EVERY = 6


def _sampled(mode: str | None = None) -> list:
    mode = os.environ.get("SWEEP", "quick") if mode is None else mode
    if mode == "full":
        return [pytest.param(preset, spec, value, id=f"{preset}:{_case_id((spec, value))}")
                for preset in PRESETS for spec, value in CASES]
    every = [pytest.param(PRESETS[n % len(PRESETS)], spec, value,
                          id=f"{PRESETS[n % len(PRESETS)]}:{_case_id((spec, value))}")
             for n, (spec, value) in enumerate(CASES)]
    if mode == "ends":
        return every
    # One end in each block of QUICK_EVERY, shifted block by block so that every preset is drawn.
    return [case for i, case in enumerate(every) if i % QUICK_EVERY == (i // QUICK_EVERY) % len(PRESETS)]


def test_every_field_end_is_swept():
    """``SWEEP=ends`` covers every numeric field at both ends, and every preset; the quick default is its subset."""
    swept = {(p.values[1].path, p.values[2]) for p in _sampled("ends")}
    assert swept == {(spec.path, value) for spec, value in CASES}
    assert {p.values[0] for p in _sampled("ends")} == set(PRESETS)
    assert len({spec.path for spec, _ in CASES}) == len(number_fields())
    quick = _sampled("quick")
    assert len(quick) == -(-len(CASES) // QUICK_EVERY) and {p.values[0] for p in quick} == set(PRESETS)


@pytest.mark.parametrize("preset, spec, value", _sampled())
def test_a_field_at_its_end_breaks_no_page(preset, spec, value):
    scenario = with_field(presets.load_preset(preset), spec, value)
    assert render_everything(scenario) == []


CROSS = {
    # The least horizon of the shortest working year: 6 months of 1 week rounds to 1 week.
    "least horizon of a 1-week year": {"organization.working_weeks_per_year": 1, "finance.horizon_months": 6},
    "1-month horizon": {"finance.horizon_months": 1},
    "1-month horizon, 120-month access": {"finance.horizon_months": 1, "literacy.access_months": 120.0},
    "every rate at 100%": {f"finance.{f}": 1.0 for f in ("annual_discount_rate", "productivity_recapture",
                                                         "benefit_risk_adjustment", "annual_benefit_decay",
                                                         "cost_risk_adjustment")},
}


@pytest.mark.parametrize("changes", list(CROSS.values()), ids=list(CROSS))
def test_cross_field_edges_break_no_page(changes):
    scenario = presets.load_preset(presets.DEFAULT_PRESET)
    for path, value in changes.items():
        from calculator.fields import declared

        scenario = with_field(scenario, declared(path), value)
    assert render_everything(scenario) == []


# The What-if tabs' own controls (page settings, not the scenario's) at their ends, on a 1-month horizon.
TAB_CONTROLS = {
    "Lenses": [{"tei_recapture": 0, "tei_risk": 0, "tei_cost_risk": 0, "tei_rate": 0, "tei_horizon": 1,
                "ph_attribution": 0, "ph_confidence": 0, "ph_benefit_months": 1},
               {"tei_recapture": 100, "tei_risk": 90, "tei_cost_risk": 50, "tei_rate": 30, "tei_horizon": 120,
                "ph_attribution": 100, "ph_confidence": 100, "ph_benefit_months": 36}],
    "Strategies": [{f"adoption_assumption_{d}": v for d in ("platform", "workshop", "coaching", "consulting")}
                   for v in (0.0, 100.0)],
    "Uncertainty": [{"mc_draws": 1_000, "mc_seed": 0, "mc_correlation": 0},
                    {"mc_draws": 1_000, "mc_seed": 2**31 - 1, "mc_correlation": 100}],
}


@pytest.mark.parametrize("tab, settings", [(tab, s) for tab, ends in TAB_CONTROLS.items() for s in ends],
                         ids=[f"{tab}-{'low' if i == 0 else 'high'}" for tab, ends in TAB_CONTROLS.items()
                              for i in range(len(ends))])
def test_what_if_controls_at_their_ends_on_a_one_month_horizon(tab, settings):
    from calculator.fields import declared
    from ui import state

    scenario = with_field(presets.load_preset(presets.DEFAULT_PRESET), declared("finance.horizon_months"), 1)
    at = AppTest.from_file(APP, default_timeout=300)
    at.session_state[state.SCENARIO] = scenario
    at.session_state[state.LATEST] = state.Latest(scenario)
    at.session_state[state.PAGE_SETTINGS] = {key: [value, None] for key, value in settings.items()}
    at.run()
    at.switch_page("views/what_if.py").run()
    at.session_state["what_if_tab"] = tab
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    shown = {w.key: w.value for w in [*at.slider, *at.number_input, *at.select_slider] if w.key in settings}
    if tab == "Strategies":  # only the deliveries a row or the spend mix uses have a slider (walk defect D5)
        from calculator.analysis import adoption_settings_used

        used = adoption_settings_used(scenario)
        settings = {k: v for k, v in settings.items() if k.removeprefix("adoption_assumption_") in used}
        assert settings
    assert shown == settings
