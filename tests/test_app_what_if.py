"""AppTest of the What-if page: each tab draws, and shows the calculator's own numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from shown import shown
from streamlit.testing.v1 import AppTest

from calculator import analysis, load_preset, presets
from calculator.formatting import money, months, probability
from ui.text import plain

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TABS = ["Strategies", "Lenses", "Sensitivity", "Break-even", "Uncertainty", "Evidence"]


def _what_if(tab: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("views/what_if.py").run()
    if tab:
        at.session_state["what_if_tab"] = tab
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("tab", TABS)
def test_each_tab_draws_without_exception(tab):
    at = _what_if(tab)
    assert not at.error


def test_strategies_table_is_the_calculators():
    at = _what_if()
    rows = analysis.strategies(load_preset(presets.DEFAULT_PRESET), analysis.adoption_rates())
    table = at.dataframe[0].value
    assert list(table["Strategy"]) == [f"{r.rank}. {r.name}" for r in rows]
    assert list(table["NPV"]) == [money(r.npv) for r in rows]
    assert list(table["vs platform"]) == [money(r.over_platform.npv) for r in rows]


def test_every_row_is_the_same_money():
    """Walk defect D2: "Platform seats and courses" spent $24.8K of the default plan's $66.4K cash budget and was
    ranked against the plan with the other $41.6K unaccounted for. Each row now shows what it spends and the
    rest kept as cash: spent + kept = the budget on every row within it (cash kept earns the discount rate, NPV
    $0), and the platform row of the default plan keeps $66.4K - $24.8K = $41.6K."""
    at = _what_if()
    rows = analysis.strategies(load_preset(presets.DEFAULT_PRESET), analysis.adoption_rates())
    table = at.dataframe[0].value
    assert list(table["Cash of the budget"]) == [analysis.cash_spent_words(r) for r in rows]
    platform = next(r for r in rows if r.key == "platform_only")
    assert platform.unspent == pytest.approx(platform.budget - platform.cash_cost) and platform.unspent > 40_000
    assert f"+ {money(platform.unspent)} kept" in analysis.cash_spent_words(platform)
    for r in rows:
        if r.within_budget:
            assert r.cash_cost + r.unspent == pytest.approx(r.budget, abs=0.01)


def test_only_adoption_settings_that_move_a_row_are_shown():
    """Walk defect D5: the default plan (two coached Tier 2 teams) showed Workshop and Consulting adoption
    sliders that changed no row: no strategy delivers workshops and no Tier 3 team can go to consultants. Only
    the platform (the platform row) remains; coaching is its teams' own delivery."""
    at = _what_if()
    assert [s.label for s in at.slider if s.label.endswith("adoption (%)")] == ["Self-paced platform adoption (%)"]


def test_payback_and_roi_follow_the_npv():
    """Issue 22 item 6: at 1280 px the payback and ROI columns were the 9th and 10th of ten, off screen. They now
    follow NPV, before the cash cost and the hours; the strategy names stay pinned. The cash cost column says
    when a strategy is over the plan's budget. (tests/test_browser_whatif.py measures them on screen.)"""
    at = _what_if()
    table = at.dataframe[0]
    assert list(table.value.columns) == ["Strategy", "NPV", "vs platform", "Cash of the budget", "Hours a year",
                                         "Payback", "ROI"]
    assert json.loads(table.proto.columns)["Strategy"]["pinned"] is True


def test_do_nothing_first_says_why():
    """The default scenario: the pilots' NPV is -$2.6K, so doing nothing ranks first, and the page says why."""
    at = _what_if()
    rows = analysis.strategies(load_preset(presets.DEFAULT_PRESET), analysis.adoption_rates())
    assert rows[0].key == "do_nothing" and rows[0].why
    assert plain(rows[0].why) in [i.value for i in at.info]   # as shown: Markdown escaped


def test_platform_adoption_assumption_is_editable():
    at = _what_if()
    def platform_npv(table):
        return table["NPV"][[name.split(". ", 1)[1] for name in table["Strategy"]].index("Platform seats and courses")]

    before = platform_npv(at.dataframe[0].value)
    at.slider("adoption_assumption_platform").set_value(40.0).run()
    rows = analysis.strategies(load_preset(presets.DEFAULT_PRESET), {**analysis.adoption_rates(), "platform": 0.4})
    platform = next(r for r in rows if r.key == "platform_only")
    assert platform_npv(at.dataframe[0].value) == money(platform.npv) != before


def test_uncertainty_metrics_are_the_simulations():
    at = _what_if("Uncertainty")
    summary = analysis.simulate(load_preset(presets.DEFAULT_PRESET), draws=10_000, seed=0).summary()
    shown = {m.label: m.value for m in at.metric}
    assert shown["NPV, P50"] == money(summary.npv.p50)
    assert shown["Chance NPV > 0"] == probability(summary.prob_npv_positive)
    assert shown["Payback, P50"] == months(summary.payback_months.p50)


def test_uncertainty_correlation_is_editable_and_kept_for_the_export():
    at = _what_if("Uncertainty")
    at.slider("mc_correlation").set_value(0).run()
    summary = analysis.simulate(load_preset(presets.DEFAULT_PRESET), draws=10_000, seed=0, correlation=0.0).summary()
    assert {m.label: m.value for m in at.metric}["NPV, P50"] == money(summary.npv.p50)
    kept = at.session_state["whatif_settings"]
    assert (kept.draws, kept.seed, kept.correlation) == (10_000, 0, 0.0)
    varied = at.dataframe[0].value
    assert list(varied["Input"]) == [v.label for v in summary.varied]


def test_break_even_sentences_are_the_calculators():
    at = _what_if("Break-even")
    result = analysis.break_even(load_preset(presets.DEFAULT_PRESET), 12.0)
    shown_text = shown(" ".join(m.value for m in at.markdown))
    for sentence in analysis.break_even_sentences(result):
        assert sentence in shown_text


def test_break_even_table_reads_as_the_sentences():
    """Issue 10 item 7: the bullets said "25% / 47% / 4.1 times" while the table under them said
    "24% / 46% / 415%". Both now round to the same safe side with the same helper."""
    at = _what_if("Break-even")
    sentences = shown(" ".join(m.value for m in at.markdown))
    table = at.dataframe[0].value
    cells = [c for column in ("NPV = 0 at", "Payback = 12 months at") for c in table[column] if c != "—"]
    assert cells, "the seed has break-even points"
    for cell in cells:
        assert cell in sentences, f"table says {cell!r}, the sentences do not"


def test_chance_npv_positive_reads_as_the_chart_says():
    """Issue 10 item 7: "Chance NPV > 0: 100%" above a chart subtitled "above zero in 99.9% of draws"
    (9,999 of the seed's 10,000 draws are above zero)."""
    at = _what_if("Uncertainty")
    shown = {m.label: m.value for m in at.metric}["Chance NPV > 0"]
    subtitle = " ".join(at.get("vega_lite_chart")[0].proto.spec.split('"subtitle"')[1:2])
    assert f"in {shown} of draws" in subtitle


def test_evidence_tab_places_each_team():
    at = _what_if("Evidence")
    scenario = load_preset(presets.DEFAULT_PRESET)
    table = at.dataframe[0].value
    assert list(table["Against the evidence"]) == [
        analysis.evidence_sentence(c.hours_saved_per_person_per_week, c.adoption_rate) for c in scenario.cohorts]
    assert len(at.dataframe[1].value) == len(analysis.evidence())


def test_pitch_shows_the_three_lenses_under_the_headline():
    """Issue 14: the conservative figures on the Pitch itself, not two clicks away."""
    from calculator.analysis.lenses import lens_summary

    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = " ".join(c.value for c in at.caption)
    scenario = load_preset(presets.DEFAULT_PRESET)
    for lens in analysis.lenses(scenario):
        assert lens_summary(lens, scenario.currency) in shown


def test_methodology_lists_the_evidence():
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("views/methodology.py").run()
    assert not at.exception, [e.value for e in at.exception]
    tables = [t.value for t in at.dataframe if "Checked at" in t.value.columns]
    assert len(tables) == 1 and list(tables[0]["Source"]) == [row.source for row in analysis.evidence()]


def test_builder_places_each_team_against_the_evidence():
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("views/builder.py").run()
    assert not at.exception, [e.value for e in at.exception]
    shown = " ".join(c.value for c in at.caption)
    team = load_preset(presets.DEFAULT_PRESET).cohorts[0]
    assert analysis.evidence_sentence(team.hours_saved_per_person_per_week, team.adoption_rate) in shown


def test_sensitivity_table_reads_inputs_in_their_units():
    """Issue 10 item 9: the table under the tornado showed adoption's range as 0.5 and 1, and
    the hourly cost as 36.52; they read 50% and 100%, $36.52, 1.5 h a week."""
    at = _what_if("Sensitivity")
    table = at.dataframe[0].value.set_index("Input")
    row = table.loc["Adoption (every team)"]
    assert (row["Low end"], row["High end"]) == ("50%", "100%")
    assert table.loc["Loaded hourly cost", "Low end"] == "$36.52"
    assert table.loc["Hours saved per person per week (every team)", "Low end"] == "1.5 h a week"


def _tab(at: AppTest, name: str) -> AppTest:
    at.session_state["what_if_tab"] = name
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _there_and_back(at: AppTest, tab: str) -> None:
    """The two ways the page's settings were lost: another tab and back, another page and back."""
    _tab(at, "Evidence")
    _tab(at, tab)
    at.switch_page("views/pitch.py").run()
    at.switch_page("views/what_if.py").run()
    _tab(at, tab)


def test_lens_parameters_survive_tab_and_page_switches():
    """CFO meeting walk: Attribution 50 -> 40, Recapture 50 -> 40 and Months of benefit 12 -> 10 moved the
    Lenses table, and Break-even and back put them (and the table) back at the defaults. The Phillips
    row at attribution x confidence = 0.4 x 0.8 = 0.32 over 10 months is calculator.lenses' own."""
    at = _what_if("Lenses")
    at.slider("tei_recapture").set_value(40).run()
    at.slider("ph_attribution").set_value(40).run()
    at.slider("ph_benefit_months").set_value(10).run()
    tei = {**analysis.TEI_DEFAULTS, "productivity_recapture": 0.4}
    phillips = {**analysis.PHILLIPS_DEFAULTS, "attribution": 0.4, "benefit_months": 10}
    expected = [money(lens.npv) for lens in analysis.lenses(load_preset(presets.DEFAULT_PRESET), tei, phillips)]
    assert list(at.dataframe[0].value["NPV"]) == expected
    for step in range(2):  # the first trip puts them back at the defaults on the code before the fix
        _there_and_back(at, "Lenses")
        assert (at.slider("tei_recapture").value, at.slider("ph_attribution").value,
                at.slider("ph_benefit_months").value) == (40, 40, 10), step
        assert list(at.dataframe[0].value["NPV"]) == expected, step


def test_break_even_target_survives_tab_and_page_switches():
    """Target payback 12 -> 10: the table's column is "Payback = 10 months at" after Evidence and back and
    after Pitch and back (it was 12 again)."""
    at = _what_if("Break-even")
    at.slider("break_even_target").set_value(10).run()
    _there_and_back(at, "Break-even")
    assert at.slider("break_even_target").value == 10
    assert "Payback = 10 months at" in at.dataframe[0].value.columns


def test_break_even_target_fits_a_shorter_horizon_and_comes_back():
    """A kept target of 20 months with the horizon cut to 12 shows 12 (the slider's top) without an error,
    and 20 again when the horizon is back at 24: the setting is the user's, the horizon only bounds it."""
    at = _what_if("Break-even")
    at.slider("break_even_target").set_value(20).run()
    at.sidebar.slider("at_finance.horizon_months").set_value(12).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.slider("break_even_target").value == 12
    at.sidebar.slider("at_finance.horizon_months").set_value(24).run()
    assert at.slider("break_even_target").value == 20


def test_strategies_and_uncertainty_settings_survive_tab_and_page_switches():
    """Platform adoption 10% -> 40%, and 5,000 draws, seed 7, correlation 40% for the Monte Carlo: each shown
    again, and used, after another tab and after another page."""
    at = _what_if()
    at.slider("adoption_assumption_platform").set_value(40.0).run()
    _there_and_back(at, "Strategies")
    assert at.slider("adoption_assumption_platform").value == 40.0
    rows = analysis.strategies(load_preset(presets.DEFAULT_PRESET), {**analysis.adoption_rates(), "platform": 0.4})
    table = at.dataframe[0].value
    assert list(table["NPV"]) == [money(r.npv) for r in rows]

    _tab(at, "Uncertainty")
    at.select_slider("mc_draws").set_value(5_000).run()
    at.number_input("mc_seed").set_value(7).run()
    at.slider("mc_correlation").set_value(40).run()
    _there_and_back(at, "Uncertainty")
    assert (at.select_slider("mc_draws").value, at.number_input("mc_seed").value,
            at.slider("mc_correlation").value) == (5_000, 7, 40)
    summary = analysis.uncertainty(load_preset(presets.DEFAULT_PRESET), 5_000, 7, correlation=0.4)
    assert {m.label: m.value for m in at.metric}["NPV, P50"] == money(summary.npv.p50)


def test_the_open_tab_survives_a_page_switch():
    """What-if on Lenses -> Pitch -> What-if opens on Lenses again (it opened on Strategies), with its sliders."""
    at = _what_if("Lenses")
    at.switch_page("views/pitch.py").run()
    at.switch_page("views/what_if.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["what_if_tab"] == "Lenses"
    assert at.slider("ph_attribution").value == 50


def test_spend_mix_is_drawn_under_the_strategies():
    """The coaching vs platform chart is the calculator's spend_mix at the plan's budget; a budget typed in the
    box moves it, and a negative one is refused naming the box."""
    at = _what_if()
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    titles = [s["title"]["text"] for s in specs]
    assert "Coaching or platform? The same cash budget split between them" in titles
    mix = analysis.spend_mix(load_preset(presets.DEFAULT_PRESET))
    spec = specs[titles.index("Coaching or platform? The same cash budget split between them")]
    assert any(money(mix.budget) in line for line in spec["title"]["subtitle"])
    at.number_input("spend_mix_budget").set_value(40_000.0).run()
    spec = next(json.loads(c.proto.spec) for c in at.get("vega_lite_chart")
                if json.loads(c.proto.spec)["title"]["text"].startswith("Coaching or platform"))
    assert any("Cash budget $40.0K" in line for line in spec["title"]["subtitle"])
    at.number_input("spend_mix_budget").set_value(-5.0).run()
    assert not at.exception
    assert any(e.value.startswith("Cash budget for the mix: must be") for e in at.error)
