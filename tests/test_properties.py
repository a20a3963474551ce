"""Invariants of the model over generated valid scenarios (hypothesis).

Sizes are kept small (up to four teams, horizons up to three years) so the
whole file runs in a few seconds; the rules do not depend on size.
"""

import dataclasses
import json
import math
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculator.model import evaluate, evaluate_batch
from calculator.scenario import (
    FUNCTIONS,
    PRICE_UNITS,
    AiTools,
    Cohort,
    Finance,
    Literacy,
    Organization,
    OtherCost,
    Scenario,
    dumps,
    loads,
    with_parameter,
)

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def amounts(low, high):
    """Real-world amounts, to 4 decimals: a $1e-311 price would overflow ROI, which no user can mean."""
    return st.floats(low, high, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 4))


def money(high):
    return amounts(0, high)


fractions = amounts(0, 1)
hours = amounts(0, 20)

organizations = st.builds(
    Organization,
    headcount=st.integers(1, 500),
    working_weeks_per_year=st.integers(1, 53),
    hours_per_fte_year=amounts(1, 3000),
    loaded_hourly_cost=money(200),
)
finances = st.builds(
    Finance,
    horizon_months=st.integers(1, 36),
    annual_discount_rate=fractions,
    productivity_recapture=fractions,
    benefit_risk_adjustment=fractions,
    include_participant_time=st.booleans(),
    annual_benefit_decay=fractions,
    cost_risk_adjustment=fractions,
)
ai_tools = st.builds(AiTools, seat_price_per_month=money(100), already_licensed=st.booleans())
other_costs = st.builds(OtherCost, name=st.sampled_from(("Program management", "Evaluation", "Legal review")),
                        amount=money(100_000), start_week=st.integers(1, 120), weeks=st.integers(1, 60))
cohorts = st.builds(
    Cohort,
    function=st.sampled_from(FUNCTIONS),
    tier=st.sampled_from((2, 3)),
    team_size=st.integers(1, 50),
    start_week=st.integers(1, 120),
    engagement_weeks=st.integers(1, 30),
    price=money(50_000),
    price_unit=st.sampled_from(PRICE_UNITS),
    participant_hours_per_week=hours,
    hours_saved_per_person_per_week=hours,
    adoption_rate=fractions,
    loaded_hourly_cost=st.none() | money(200),
    workflows_built=st.integers(0, 20),
    cash_share=fractions,
)


@st.composite
def scenarios(draw):
    org = draw(organizations)
    literacy = draw(st.builds(
        Literacy,
        enabled=st.booleans(),
        learners=st.none() | st.integers(1, org.headcount),
        seat_price_per_month=money(100),
        access_months=amounts(0.01, 12),
        already_licensed=st.booleans(),
        start_week=st.integers(1, 120),
        training_hours_per_learner=hours,
        completion_rate=fractions,
        hours_saved_per_person_per_week=hours,
        adoption_rate=fractions,
        cash_share=fractions,
    ))
    teams = draw(st.lists(cohorts, max_size=4))
    finance = draw(finances)
    # A horizon that rounds to no week (1 month of a 1-week year) is refused at load by name (issue 24): draw
    # only horizons that hold at least one week, ceil(6 / W) months or more.
    least = -(-6 // org.working_weeks_per_year)
    if finance.horizon_months < least:
        finance = dataclasses.replace(finance, horizon_months=least)
    return Scenario(organization=org, finance=finance, literacy=literacy, cohorts=tuple(teams),
                    ai_tools=draw(ai_tools), other_costs=tuple(draw(st.lists(other_costs, max_size=3))))


def numbers(obj):
    """Every number in a nested result dict (None, text and booleans skipped)."""
    if isinstance(obj, dict):
        for v in obj.values():
            yield from numbers(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from numbers(v)
    elif isinstance(obj, (int, float)) and not isinstance(obj, bool):
        yield obj


def replace_cohort(s: Scenario, i: int, **changes) -> Scenario:
    teams = list(s.cohorts)
    teams[i] = dataclasses.replace(teams[i], **changes)
    return dataclasses.replace(s, cohorts=tuple(teams))


def close_or_above(after, before):
    """after >= before, allowing float rounding of sums of many weekly flows."""
    return after >= before - 1e-9 * max(1.0, abs(before))


@SETTINGS
@given(scenarios())
def test_valid_scenarios_round_trip(s):
    """Every generated scenario is valid: it saves and loads back to itself."""
    assert loads(dumps(s)) == s


@SETTINGS
@given(scenarios())
def test_no_nan_or_infinity(s):
    """No NaN or infinity in any result, no floating-point warning; nulls only where MODEL.md allows them."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = evaluate(s)
        out = r.to_dict(weekly=True)
    assert all(math.isfinite(x) for x in numbers(out))
    json.dumps(out, allow_nan=False)
    assert len(out["weekly"]) == r.horizon_weeks
    nullable = {"roi_pct", "bcr", "payback_months", "roi_pv_pct", "irr_pct", "discounted_payback_months",
                "cash_payback_months"}
    assert [k for k, v in out.items() if v is None and k not in nullable] == []
    assert (out["roi_pct"] is None) == (out["bcr"] is None) == (out["total_cost"] == 0)
    assert (out["roi_pv_pct"] is None) == (out["pv_cost"] == 0)
    for tier, value in out["cost_per_employee_by_tier"].items():
        assert (value is None) == (out["people_by_tier"][tier] == 0)
    assert all(v is not None for v in out["cost_by_tier"].values())


@SETTINGS
@given(scenarios(), st.data())
def test_cost_never_falls_when_a_price_rises(s, data):
    r0 = evaluate(s)
    if s.cohorts:
        i = data.draw(st.integers(0, len(s.cohorts) - 1), label="cohort")
        rise = data.draw(money(10_000), label="rise")
        r1 = evaluate(replace_cohort(s, i, price=s.cohorts[i].price + rise))
        assert close_or_above(r1.total_cost, r0.total_cost)
    seat_rise = data.draw(money(50), label="seat rise")
    lit = dataclasses.replace(s.literacy, seat_price_per_month=s.literacy.seat_price_per_month + seat_rise)
    r2 = evaluate(dataclasses.replace(s, literacy=lit))
    assert close_or_above(r2.total_cost, r0.total_cost)


@SETTINGS
@given(scenarios(), st.data())
def test_benefit_never_falls_when_adoption_or_hours_rise(s, data):
    r0 = evaluate(s)
    if s.cohorts:
        i = data.draw(st.integers(0, len(s.cohorts) - 1), label="cohort")
        c = s.cohorts[i]
        adoption = data.draw(amounts(c.adoption_rate, 1), label="adoption")
        more_hours = c.hours_saved_per_person_per_week + data.draw(hours, label="extra hours")
        for changes in ({"adoption_rate": adoption}, {"hours_saved_per_person_per_week": more_hours}):
            r1 = evaluate(replace_cohort(s, i, **changes))
            assert close_or_above(r1.total_benefit, r0.total_benefit)
            assert close_or_above(r1.annual_hours_saved, r0.annual_hours_saved)
    lit = s.literacy
    for changes in ({"adoption_rate": data.draw(amounts(lit.adoption_rate, 1), label="literacy adoption")},
                    {"hours_saved_per_person_per_week": lit.hours_saved_per_person_per_week + 1}):
        r2 = evaluate(dataclasses.replace(s, literacy=dataclasses.replace(lit, **changes)))
        assert close_or_above(r2.total_benefit, r0.total_benefit)


def reference_payback_weeks(weekly_net):
    """MODEL.md's payback, one week at a time: None, 0, or t in weeks."""
    c_prev, cumulative, found, ever_below = 0.0, [], None, False
    for net in weekly_net:
        c = c_prev + net
        c = 0.0 if abs(c) < 1e-6 else c  # the documented float-noise tolerance
        cumulative.append(c)
        ever_below |= c < 0
        if found is None and c_prev < 0 <= c:
            found = (len(cumulative) - 1) + (-c_prev) / (c - c_prev)
        c_prev = c
    if cumulative and cumulative[-1] < 0:
        return None
    if not ever_below:
        return 0.0
    return found


@SETTINGS
@given(scenarios())
def test_payback_agrees_with_the_cumulative_flow(s):
    r = evaluate(s)
    weeks_per_year = s.organization.working_weeks_per_year
    cumulative = np.where(np.abs(r.cumulative_net) < 1e-6, 0.0, r.cumulative_net)
    expected = reference_payback_weeks((r.weekly_benefit - r.weekly_cost).tolist())
    if expected is None:
        assert r.payback_months is None
        assert cumulative[-1] < 0
        return
    assert r.payback_months == pytest.approx(expected * 12 / weeks_per_year, rel=1e-9, abs=1e-12)
    assert len(cumulative) == 0 or cumulative[-1] >= 0
    if expected == 0:
        assert (cumulative >= 0).all()
    else:
        w = math.ceil(expected - 1e-12)  # the crossing week: t lies in (w - 1, w]
        assert cumulative[w - 1] >= 0
        assert (cumulative[w - 2] if w >= 2 else 0.0) < 0


# Paths a batch can override, with the values a draw may take there.
BATCH_PATHS = {
    "organization.loaded_hourly_cost": money(200),
    "organization.hours_per_fte_year": amounts(1, 3000),
    "finance.annual_discount_rate": fractions,
    "finance.productivity_recapture": fractions,
    "finance.benefit_risk_adjustment": fractions,
    "finance.annual_benefit_decay": fractions,
    "literacy.seat_price_per_month": money(100),
    "literacy.access_months": amounts(0.01, 12),
    "literacy.start_week": amounts(1, 120),
    "literacy.completion_rate": fractions,
    "literacy.training_hours_per_learner": hours,
    "literacy.hours_saved_per_person_per_week": hours,
    "literacy.adoption_rate": fractions,
    "cohorts[*].price": money(50_000),
    "cohorts[*].team_size": amounts(1, 50),
    "cohorts[*].start_week": amounts(1, 120),
    "cohorts[*].engagement_weeks": amounts(1, 30),
    "cohorts[*].participant_hours_per_week": hours,
    "cohorts[*].hours_saved_per_person_per_week": hours,
    "cohorts[*].adoption_rate": fractions,
    "cohorts[*].loaded_hourly_cost": money(200),
    "cohorts[0].price": money(50_000),
    "cohorts[0].engagement_weeks": amounts(1, 30),
    "cohorts[0].adoption_rate": fractions,
    "cohorts[0].loaded_hourly_cost": money(200),
}


@SETTINGS
@given(scenarios(), st.data())
def test_batch_equals_single_evaluations(s, data):
    """evaluate_batch over N draws equals N evaluate() calls on with_parameter-modified scenarios."""
    paths = [p for p in BATCH_PATHS if s.cohorts or not p.startswith("cohorts")]
    chosen = data.draw(st.lists(st.sampled_from(paths), min_size=1, max_size=4, unique=True), label="paths")
    n = data.draw(st.integers(1, 4), label="draws")
    overrides = {p: np.array(data.draw(st.lists(BATCH_PATHS[p], min_size=n, max_size=n), label=p))
                 for p in chosen}
    batch = evaluate_batch(s, overrides)
    assert batch.draws == n
    per_employee = batch.cost_per_employee_by_tier()
    # A cohorts[0] path beats cohorts[*] in a batch: apply the [*] paths first.
    order = sorted(chosen, key=lambda p: not p.startswith("cohorts[*]"))
    for j in range(n):
        single_scenario = s
        for p in order:
            single_scenario = with_parameter(single_scenario, p, overrides[p][j])
        one = evaluate(single_scenario)
        approx = dict(rel=1e-9, abs=1e-6)
        for key in ("total_cost", "total_benefit", "net_benefit", "npv", "annual_hours_saved", "fte_returned",
                    "annual_value", "hours_saved_in_horizon"):
            assert getattr(batch, key)[j] == pytest.approx(getattr(one, key), **approx), key
        for key in ("roi_pct", "bcr", "payback_months"):
            got, want = batch.__dict__[key][j], getattr(one, key)
            assert (math.isnan(got) and want is None) or got == pytest.approx(want, **approx), key
        for t in range(3):
            assert batch.cost_by_tier[j, t] == pytest.approx(one.cost_by_tier[str(t + 1)], **approx)
            assert batch.people_by_tier[j, t] == one.people_by_tier[str(t + 1)]
            want = one.cost_per_employee_by_tier[str(t + 1)]
            assert (want is None and math.isnan(per_employee[j, t])) or per_employee[j, t] == pytest.approx(want)


@SETTINGS
@given(scenarios())
def test_share_link_round_trips(s):
    """Any valid scenario survives the address bar: decode(encode(s)) == s, and the link is URL-safe."""
    from calculator import share

    payload = share.encode(s)
    assert share.decode(payload) == s
    assert all(ch.isalnum() or ch in "-_." for ch in payload)


@SETTINGS
@given(scenarios(), st.integers(min_value=1, max_value=200))
def test_a_cut_share_link_is_refused_never_crashes(s, cut):
    """A truncated link is a ScenarioError (the app warns and falls back), never another exception."""
    from calculator import ScenarioError, share

    payload = share.encode(s)
    truncated = payload[: max(2, len(payload) - cut)]
    try:
        assert share.decode(truncated) is not None
    except ScenarioError:
        pass
