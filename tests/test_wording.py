"""Numbers and words a CFO reads, found raw or in developer form by a user-acceptance walk of the meeting script.

Each test reproduces one finding on the shipped default scenario (ranges: price $200-$500, hours saved
1.5-4.5 h a week, adoption 50%-100%, recapture 25%-75%) and holds the wording the presenter should see.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
from pathlib import Path

from shown import shown
from streamlit.testing.v1 import AppTest

from calculator import analysis, evaluate, load_preset, presets, share
from calculator.analysis.break_even import _no_multiplier_reason
from calculator.analysis.uncertainty import varied_inputs
from calculator.editing import change_delivery, edit_widening
from calculator.export import build, chart_file
from calculator.export.common import Export, key_assumptions
from calculator.export.whatif import varied_text
from calculator.formatting import money
from calculator.planner import _alternatives
from calculator.scenario import Cohort

APP = str(Path(__file__).resolve().parent.parent / "app.py")
DEFAULT = load_preset(presets.DEFAULT_PRESET)
# The walk's consulting team: the Customer success pilot switched to consulting takes the published
# consulting price range, $200,000 to $1,000,000 (printed "200000 to 1e+06" before).
CONSULTING = change_delivery(DEFAULT, 0, "consulting").scenario
# A range's ends as bare numbers: "0.5 to 1", "0.25 to 0.75", "200 to 500", "200000 to 1e+06" (not "$200 to
# $500", "50% to 100%" or "1.5 to 4.5 h a week").
RAW_NUMBER = re.compile(r"(?<![$\d.,])\d+(?:\.\d+)?(?:e\+\d+)? to \d+(?:\.\d+)?(?:e\+\d+)?(?![\d%]|[.,]\d| h)")


def _app(scenario=DEFAULT, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["s"] = share.encode(scenario)
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# --------------------------------------------------------------------------- 1. ranges read in their units
class TestVariedInputs:
    def test_how_each_input_is_drawn_names_its_range_in_its_unit(self):
        """Price $200,000 to $1,000,000 (money, exact), adoption 50% to 100%, recapture 25% to 75%, hours
        1.5 to 4.5 h a week: as the sensitivity table already reads them."""
        how = {v.parameter: v.how for v in varied_inputs(CONSULTING)}
        assert how["cohorts[0].price"].startswith("triangular from $200,000 to $1,000,000, most likely at plan")
        assert how["cohorts[1].price"].startswith("triangular from $200 to $500,")
        assert how["cohorts[*].adoption_rate"].startswith("triangular from 50% to 100%,")
        assert how["finance.productivity_recapture"].startswith("triangular from 25% to 75%,")
        assert how["cohorts[*].hours_saved_per_person_per_week"].startswith("triangular from 1.5 to 4.5 h a week,")

    def test_the_brief_and_deck_paragraph_reads_ranges_in_their_units(self):
        text = varied_text(analysis.uncertainty(CONSULTING, 200))
        assert "Adoption (every team) 50% to 100%" in text
        assert "Productivity recapture 25% to 75%" in text
        assert "$200,000 to $1,000,000" in text and "1e+06" not in text
        assert not RAW_NUMBER.search(text), text

    def test_pdf_page_two_and_deck_slide_eight_read_ranges_in_their_units(self):
        import pptx
        import pypdf

        files = build(Export.of(DEFAULT), ["pdf", "pptx"])
        pdf = next(data for name, data in files.items() if name.endswith(".pdf"))
        deck = next(data for name, data in files.items() if name.endswith(".pptx"))
        page_two = " ".join(pypdf.PdfReader(io.BytesIO(pdf)).pages[1].extract_text().split())
        # The Monte Carlo slide, by its title (the conservative readings and same-money slides came before it).
        slide = next(s for s in pptx.Presentation(io.BytesIO(deck)).slides
                     if s.shapes.title is not None and s.shapes.title.text.startswith("How sure are we?"))
        words = " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        for text in (page_two, words):
            assert "Adoption (every team) 50% to 100%" in text
            assert "Productivity recapture 25% to 75%" in text
            assert not RAW_NUMBER.search(text)

    def test_uncertainty_tab_table_reads_ranges_in_their_units(self):
        at = _app(CONSULTING, "views/what_if.py")
        at.session_state["what_if_tab"] = "Uncertainty"
        at.run()
        table = next(d.value for d in at.dataframe if "How it is drawn" in d.value.columns)
        rows = {label: row for label, row in zip(table["Input"], table.to_dict("records"))}
        consulting = rows[f"Price ({CONSULTING.cohorts[0].name})"]
        assert (consulting["Low"], consulting["High"]) == ("$200,000", "$1,000,000")
        assert (rows["Adoption (every team)"]["Low"], rows["Adoption (every team)"]["High"]) == ("50%", "100%")
        assert all(not RAW_NUMBER.search(how) for how in table["How it is drawn"])


# --------------------------------------------------------------------------- 2. the widening toast
class TestWidenedNotes:
    def test_a_widened_range_is_worded_for_a_presenter(self):
        """Adoption 30% is under the range 50%-100%: the range becomes 30%-100%, said with the input's label."""
        out = edit_widening(DEFAULT, {"cohorts[0].adoption_rate": 0.3})
        assert out.notes == ("Adoption range (every team) widened from 50%–100% to 30%–100% to include the value "
                             "you set.",)
        assert out.widened == ("cohorts[*].adoption_rate",)

    def test_a_money_range_is_worded_in_money(self):
        out = edit_widening(DEFAULT, {"cohorts[1].price": 650.0})
        assert out.notes == ("Price range (every team) widened from $200–$500 to $200–$650 to include the value "
                             "you set.",)

    def test_a_delivery_switch_names_the_team_and_the_published_range(self):
        notes = change_delivery(DEFAULT, 0, "consulting").notes
        assert not any("cohorts[" in note or "e+06" in note for note in notes), notes
        assert (f"Price range ({DEFAULT.cohorts[0].name}) is now the published consulting price range, "
                "$200,000–$1,000,000.") in notes


# --------------------------------------------------------------------------- 3. acronyms in the lens tooltips
def test_lens_row_tooltips_keep_acronyms_and_names():
    at = _app()
    helps = " ".join(c.proto.help for c in at.caption if c.proto.help)
    for kept in ("AI seats", "NPV at 10% a year", "ROI undiscounted, as Phillips", "Present-value ROI",
                 "Undiscounted ROI (the Pitch's card is the present-value ROI)"):
        assert kept in helps, kept
    for lowered in ("ai seats", "npv at", "roi undiscounted", "phillips\"", "present-value roi"):
        assert lowered not in helps, lowered


# --------------------------------------------------------------------------- 4. 1 week, 2 weeks
class TestPlurals:
    ONE_WEEK = dataclasses.replace(DEFAULT, cohorts=(dataclasses.replace(DEFAULT.cohorts[0], engagement_weeks=1),))

    def test_key_assumptions_say_one_week(self):
        rows = {label: value for label, value, _ in key_assumptions(Export.of(self.ONE_WEEK))}
        assert rows["Price: coaching"].endswith(", 1 week")

    def test_pdf_and_deck_never_say_one_weeks(self):
        import pptx
        import pypdf

        files = build(Export.of(self.ONE_WEEK), ["pdf", "pptx"])
        pdf = next(data for name, data in files.items() if name.endswith(".pdf"))
        deck = next(data for name, data in files.items() if name.endswith(".pptx"))
        pdf_text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
        deck_text = " ".join(shape.text_frame.text for slide in pptx.Presentation(io.BytesIO(deck)).slides
                             for shape in slide.shapes if shape.has_text_frame)
        deck_text += " ".join(cell.text for slide in pptx.Presentation(io.BytesIO(deck)).slides
                              for shape in slide.shapes if shape.has_table
                              for row in shape.table.rows for cell in row.cells)
        for text in (pdf_text, deck_text):
            assert "1 week" in text
            assert not re.search(r"\b1 weeks\b", text)

    def test_planner_options_say_one_week(self):
        team = Cohort(name="Sales", engagement_weeks=1)
        scenario = dataclasses.replace(DEFAULT, cohorts=(team,), ranges=())
        words = " ".join(f"{key} {detail}" for key, detail, _ in _alternatives(scenario, 0))
        assert "platform 1 week" in words and not re.search(r"\b1 weeks\b", words)


class TestPluralsAtOne:
    """Plurals written by hand beside ``formatting.count`` read "1 months", "1 people", "1 learners" and
    "0 of 1 teams" where a number can be 1: a one-month horizon, a payback target of one month, a team of
    one person, one learner, a budget over one team. Each now goes through ``count``."""

    TEAM = dataclasses.replace(DEFAULT.cohorts[0], team_size=1, engagement_weeks=1, start_week=1)
    ONE = dataclasses.replace(DEFAULT, cohorts=(TEAM,), literacy=dataclasses.replace(DEFAULT.literacy, learners=1),
                              finance=dataclasses.replace(DEFAULT.finance, horizon_months=1), ranges=())
    WRONG = re.compile(r"\b1 (?:weeks|months|teams|people|learners|draws|budgets|workflows)\b")

    def test_a_one_month_horizon_and_target_read_one_month(self):
        from calculator.analysis.break_even import break_even, break_even_sentences
        from calculator.charts.pitch import _texts
        from calculator.pitch import headline_cards, pitch_summary

        summary = pitch_summary(self.ONE)
        assert "PV ROI over 1 month" in [card.label for card in headline_cards(summary)]
        assert _texts("tiers", summary.result, None)["x_title"] == "Over 1 month (USD)"
        tei = analysis.lenses(self.ONE, tei={"horizon_months": 1})[1]
        assert tei.assumptions[0] == "1 month (as entered)"  # each lens assumption says what it replaced
        sentences = break_even_sentences(break_even(self.ONE, 1))
        assert any("within 1 month" in line for line in sentences)
        assert not [t for t in [*sentences, *tei.assumptions] if self.WRONG.search(t)]

    def test_one_person_and_one_learner_read_in_the_singular(self):
        from calculator.rollout.measurement import measurement_plan
        from calculator.rollout.ninety_day import ninety_day_report
        from calculator.rollout.roadmap import timeline_rows

        report = ninety_day_report(self.ONE)
        assert "1 person through the AI fundamentals course" in report
        targets = [m.target for m in measurement_plan(self.ONE) if m.tier == 1]
        assert targets[:2] == ["85%+ of 1 learner: at least 1 person", "100%: all 1 learner"]
        details = {row["detail"] for row in timeline_rows(self.ONE) if row["group"] != "Rollout phase"}
        assert details == {"1 person, platform", "1 person, coaching"}
        rows = {label: value for label, value, _ in key_assumptions(Export.of(self.ONE))}
        assert rows["Tier 1 literacy"].startswith("1 learner, ")
        assert rows["Price: coaching"].startswith("1 team, ")
        assert not [t for t in [report, *targets, *details, *rows.values()] if self.WRONG.search(t)]

    def test_a_budget_over_one_team_reads_one_team(self):
        from calculator.charts.planner import frontier_chart
        from calculator.export.common import budget_heading
        from calculator.planner import budget_view

        view = budget_view(self.ONE, 1_000_000)
        assert f"funds {view.plan.funded} of 1 team for" in budget_heading(view)
        chart = json.dumps(frontier_chart(view, "USD").to_dict())
        assert f"{view.plan.funded} of 1 team funded" in chart and not self.WRONG.search(chart)


# --------------------------------------------------------------------------- 5. do nothing pays back nothing
def test_do_nothing_payback_says_nothing_is_spent():
    """Doing nothing spends $0: there is nothing to pay back, worded as the ROI of nothing spent is."""
    at = _app(page="views/what_if.py")
    table = at.dataframe[0].value
    table["Strategy"] = table["Strategy"].str.split(". ", n=1, regex=False).str[1]   # "1. Do nothing"
    row = table[table["Strategy"] == "Do nothing"].iloc[0]
    assert row["Payback"] == "n/a (nothing spent)"
    assert row["ROI"] == "n/a (nothing spent)"
    rows = analysis.strategies(DEFAULT, analysis.adoption_rates())
    spent = [r for r in rows if r.total_cost > 0]
    assert all(table[table["Strategy"] == r.name].iloc[0]["Payback"] != "n/a (nothing spent)" for r in spent)


def test_do_nothing_payback_in_the_strategies_chart():
    from calculator.charts.analysis import strategies_chart

    rows = analysis.strategies(DEFAULT, analysis.adoption_rates())
    data = strategies_chart(rows).to_dict()["datasets"]
    nothing = [row for rows_ in data.values() for row in rows_ if row.get("strategy") == "Do nothing"
               or row.get("name") == "Do nothing"]
    assert nothing and all(row["payback"] == "n/a (nothing spent)" for row in nothing)


def test_strategies_chart_subtitle_is_whole_and_says_what_is_kept():
    """Walk defect D10: the strategies chart's subtitle ended "adoption and hours per delivery from data/", a
    path cut off mid-word. It now ends on a whole sentence and says what a cheaper strategy does with the rest
    of the budget (kept as cash, NPV $0): the same money on every row."""
    from calculator.charts.analysis import strategies_chart

    subtitle = " ".join(strategies_chart(analysis.strategies(DEFAULT, analysis.adoption_rates())).to_dict()
                        ["title"]["subtitle"][:-1])   # the last line is the scenario's name and date
    assert not subtitle.rstrip().endswith("/") and subtitle.rstrip().endswith(".")
    assert "unspent is kept as cash (NPV $0)" in subtitle


# --------------------------------------------------------------------------- 6. adoption inputs read as percent
def test_strategy_adoption_inputs_read_as_percentages():
    at = _app(page="views/what_if.py")
    formats = {n.key: n.proto.format for n in [*at.number_input, *at.slider]
               if n.key.startswith("adoption_assumption_")}
    assert formats and set(formats.values()) == {"%.0f%%"}, formats


# --------------------------------------------------------------------------- 7. one "of plan" form
def test_a_multiple_of_plan_in_a_reason_reads_by_the_one_rule():
    """Full adoption from a plan at 80% is 1 / 0.8 = 1.25 times plan: under 2x it reads 125% of plan."""
    reason = _no_multiplier_reason("adoption", "npv", False, 1.25, 0.0, 24)
    assert "(125% of plan)" in reason
    assert "100 times plan" in _no_multiplier_reason("hours_saved", "npv", False, 100.0, 0.0, 24)
    assert "100 times plan" in _no_multiplier_reason("price", "npv", True, 100.0, 0.0, 24)


# --------------------------------------------------------------------------- 9. every cost line's amount shown
def test_every_cost_line_amount_is_on_the_cost_chart():
    """The default's other program costs ($10.8K, 6.7% of the whole) had no label: every amount is drawn."""
    result = evaluate(DEFAULT)
    svg = chart_file(Export.of(DEFAULT), "costs", "svg").decode("utf-8")
    texts = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg)).replace("&#x27;", "'").replace("&apos;", "'")
    for key, amount in result.cost_by_line.items():
        assert money(amount, DEFAULT.currency) in texts, key
    assert "$10.8K" in texts


# --------------------------------------------------------------------------- 10. headline money on the planner
def test_budget_planner_headline_money_reads_as_on_the_pitch():
    """Headline cards read $87.7K as the Pitch does; the exact figure is in the card's help and the table."""
    from calculator import planner

    at = _app(page="views/budget.py")
    metrics = {m.label: m for m in at.metric}
    budget = float(at.session_state["planner_budget_input"])
    plan = planner.budget_view(DEFAULT, budget).plan
    fixed = metrics["Fixed costs"]
    assert fixed.value == money(plan.fixed.cost)
    assert money(plan.fixed.cost, exact=True) in shown(fixed.proto.help)
    assert metrics["Spent on teams"].value == money(plan.team_cost)
    assert metrics["Left unspent"].value == money(plan.unspent)


def test_break_even_tab_states_the_of_plan_rule():
    """The tab shows 196% of plan beside 3.7 times plan: the one rule that words both is on screen."""
    from calculator.formatting import SHARE_OF_PLAN_RULE

    at = _app(page="views/what_if.py")
    at.session_state["what_if_tab"] = "Break-even"
    at.run()
    assert any(SHARE_OF_PLAN_RULE in shown(c.value) for c in at.caption)


class TestNothingSpentOnThePitch:
    """With nothing spent (no teams, no literacy) the Pitch said payback "immediate" and "ahead from the
    first week": there is nothing to pay back, said as the strategies table and the ROI say it."""

    NOTHING = dataclasses.replace(DEFAULT, cohorts=(), other_costs=(), ranges=(),
                                  literacy=dataclasses.replace(DEFAULT.literacy, enabled=False),
                                  ai_tools=dataclasses.replace(DEFAULT.ai_tools, already_licensed=True))

    def test_cards_sentence_and_lenses_say_nothing_is_spent(self):
        from calculator.analysis.lenses import lens_summary
        from calculator.pitch import headline_cards, pitch_summary

        summary = pitch_summary(self.NOTHING)
        assert summary.result.total_cost == 0
        cards = {card.label: card for card in headline_cards(summary)}
        for label in ("Cash payback", "Value payback"):
            assert cards[label].value == "n/a"
            assert cards[label].beneath == "n/a (nothing spent)"
        assert "nothing to pay back" in summary.sentence and "first week" not in summary.sentence
        for lens in analysis.lenses(self.NOTHING):
            assert lens_summary(lens).endswith("payback n/a (nothing spent)")


def test_tornado_horizon_bar_says_one_month():
    """A 13-month horizon's short end is 13 - 12 = 1 month, not "1 months"."""
    short = dataclasses.replace(DEFAULT, finance=dataclasses.replace(DEFAULT.finance, horizon_months=13))
    bar = next(b for b in analysis.tornado(short) if b.parameter == "finance.horizon_months")
    assert (bar.low_text, bar.high_text) == ("1 month", "25 months")


def test_brief_and_deck_say_nothing_is_spent():
    """The brief's and deck's payback row and lens table read n/a (nothing spent), not "immediately"."""
    from calculator.export.common import headline
    from calculator.export.whatif import lens_rows

    ex = Export.of(TestNothingSpentOnThePitch.NOTHING)
    rows = dict(headline(ex))
    assert rows["Payback: value / cash"] == "n/a (nothing spent) / n/a (nothing spent)"
    assert all(row[3] == "n/a (nothing spent)" for row in lens_rows(ex))


def test_lenses_tab_says_nothing_is_spent():
    at = _app(TestNothingSpentOnThePitch.NOTHING, "views/what_if.py")
    at.session_state["what_if_tab"] = "Lenses"
    at.run()
    table = next(d.value for d in at.dataframe if "Which ROI" in d.value.columns)
    assert set(table["Payback"]) == {"n/a (nothing spent)"}
