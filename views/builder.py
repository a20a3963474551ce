"""Program builder: the organization, Tier 1 literacy, and the Tier 2 / Tier 3 teams."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calculator.analysis.evidence import evidence_sentence
from calculator.editing import (
    OTHER_COST_COLUMNS,
    TABLE_COLUMNS,
    add_team,
    apply_other_cost_edits,
    apply_range_edits,
    apply_table_edits,
    change_delivery,
    cohort_rows,
    duplicate_cohort,
    other_cost_rows,
    range_rows,
    remove_cohort,
)
from calculator.formatting import (
    delivery_label,
    fte,
    hours,
    input_range,
    input_value,
    money,
    payback_card_value,
    price_unit_label,
)
from calculator.limits import MAX_NAME_CHARS
from calculator.presets import price_benchmark
from calculator.scenario import DELIVERY_DEFAULTS, FUNCTIONS, PRICE_UNITS, Cohort
from calculator.typed import headcount_warning
from ui import compat, presenter, state, tables, typed
from ui.text import plain
from ui.widgets import notes_area, price_format, ranged_slider, regulated_data_toggles

state.ensure_state()


CASH_HELP = ("Share of the value that releases cash: a hire or backfill the plan no longer makes, overtime or "
             "contractor spend that stops. The rest is capacity: time given back, not money.")
CASH_NOTE = ("**What counts as cash**: only a budget line that goes down, such as a planned hire not made, a "
             "backfill avoided, less overtime, a contractor stopped. Leave it at 0% unless the plan names one; "
             "everything else is capacity.")


def _pct(label: str, path: str, help: str, step: float = 5.0) -> None:
    ranged_slider(label, path, percent=True, step=step, format="%.0f%%", help=help)


def _structural(change, at: str = state.PAGE) -> None:
    """Apply a change that adds or removes teams; tables redraw from the result."""
    state.apply(change, at=at)


def _set_delivery(index: int, widget_key: str) -> None:
    path = f"cohorts[{index}].delivery"
    if not state.apply(lambda s: change_delivery(s, index, st.session_state[widget_key]), at=path):
        st.session_state[widget_key] = state.scenario().cohorts[index].delivery


def headline() -> None:
    scenario = state.scenario()
    result = state.cached_pitch(scenario).result
    cols = st.columns([3, 2, 2, 2, 2])
    cols[0].metric("Decision cost, fully loaded", money(result.total_cost, scenario.currency))
    cols[1].metric("Capacity h/yr", hours(result.annual_hours_saved))
    cols[2].metric("FTE capacity", fte(result.fte_returned))
    cols[3].metric("Value payback", payback_card_value(result.payback_months, scenario.finance.horizon_months))
    cols[4].metric("Decision NPV", money(result.npv, scenario.currency))


# Number fields carry no min / max of their own: the calculator's validation is the one rule, so an
# out-of-range entry is refused with its reason beside the field and the field shows the scenario's
# value again (a widget bound would keep the typed number on screen, looking applied).
def organization_form() -> None:
    st.caption("Who is in the program and what an hour of their time costs.")
    c1, c2, c3, c4 = st.columns(4)
    with c1:
        typed.scenario_number("Headcount", "organization.headcount", whole=True,
                              help="People in the organization (1,200 or 1.2k).")
    with c2:
        state.bound(st.number_input, "Loaded hourly cost ($/h)", "organization.loaded_hourly_cost", step=1.0,
                    format="%.2f",
                    help="Employer cost per hour worked. Default $45.65: US private industry, June 2025 "
                         "(BLS ECEC). Knowledge-worker teams usually cost more: override it per team.")
    with c3:
        state.bound(st.number_input, "Working weeks a year", "organization.working_weeks_per_year", step=1,
                    help="The model's weekly grid; the source uses 52. Finance may prefer 46-48.")
    with c4:
        state.bound(st.number_input, "Hours per FTE year", "organization.hours_per_fte_year", step=10.0,
                    help="Hours in one full-time year: 2,080 in the source; ~1,880 productive hours is common.")
    warning = headcount_warning(state.scenario())  # below the people in the plan: allowed, never silent
    if warning:
        st.warning(plain(warning), icon="⚠️")
    regulated_data_toggles()
    notes_area()


def literacy_form() -> None:
    st.caption("Tier 1: everyone learns what AI is, its limits and responsible use, on a self-paced platform.")
    c1, c2, c3 = st.columns(3)
    with c1:
        state.bound(st.toggle, "Include Tier 1 literacy", "literacy.enabled",
                    help="Off: the literacy tier adds no cost and no value.")
        state.bound(st.toggle, "Platform already licensed (sunk cost)", "literacy.already_licensed",
                    help="On: seats are already paid for, so the incremental cost is $0.")
        state.bound(st.toggle, "Baseline: happens regardless of this decision", "literacy.baseline",
                    help="On: literacy is mandatory or already under way (acceptable-use training, an existing "
                         "platform), so it is shown apart as committed regardless and not charged to the "
                         "decision. The Pitch still shows the whole program's NPV.")
        state.bound(st.number_input, "Learners", "literacy.learners", step=10, placeholder="the whole headcount",
                    help="People taking the course (at most the headcount). Empty: everyone.")
    with c2:
        state.bound(st.number_input, "Seat price ($ per month)", "literacy.seat_price_per_month", step=5.0,
                    help="Published range $20-$50 per seat per month.")
        state.bound(st.number_input, "Access (months)", "literacy.access_months", step=0.5,
                    help="Months of seats bought; the cost is spread over those weeks.")
        state.bound(st.number_input, "Start week", "literacy.start_week", step=1,
                    help="Week of the program in which courses open.")
    with c3:
        _pct("Completion (%)", "literacy.completion_rate", "Share of learners who finish; the usual target is 85% "
             "or more.")
        state.bound(st.number_input, "Course hours per learner", "literacy.training_hours_per_learner", step=1.0,
                    help="Time each learner spends; a cost only when participants' time is counted.")
        state.bound(st.number_input, "Hours saved per person a week", "literacy.hours_saved_per_person_per_week",
                    step=0.25, help="0 by default: courses alone change no workflow (the source's point).")
        _pct("Adoption (%)", "literacy.adoption_rate", "Share of completers who change how they work.")


def team_form(i: int, cohort: Cohort) -> None:
    p = f"cohorts[{i}]"
    currency = state.scenario().currency
    top = st.columns([3, 2, 1, 2])
    with top[0]:
        state.bound(st.text_input, "Team name", f"{p}.name", max_chars=MAX_NAME_CHARS,
                    help="Shown on charts and in exports. Leading and trailing spaces are dropped.")
    with top[1]:
        state.bound(st.selectbox, "Function", f"{p}.function", options=list(FUNCTIONS),
                    format_func=tables.function_label, help="The team's business function.")
    with top[2]:
        state.bound(st.selectbox, "Tier", f"{p}.tier", options=[2, 3],
                    help="2 = fluency (use AI in one's own job); 3 = integration (AI in the team's process).")
    with top[3]:
        # Not state.bound: a delivery change also loads that model's benchmark price and unit.
        delivery_key = state.bound_key(f"{p}.delivery")
        st.session_state[delivery_key] = cohort.delivery
        st.selectbox("Delivery model", list(DELIVERY_DEFAULTS), key=delivery_key,
                     format_func=delivery_label, on_change=_set_delivery, args=(i, delivery_key),
                     help="Changing it moves the team's adoption, hours saved and price to that model's "
                          "assumptions where they were still at the old model's; a figure you set stays (a note "
                          "says so).")
        state.show_problems(f"{p}.delivery")
    sliders = st.columns(4)
    with sliders[0]:
        # Each slider ends at a comfortable value, or the team's own when larger (within the declared bounds).
        ranged_slider("Team size", f"{p}.team_size", top=max(50, cohort.team_size), step=1,
                      help="People in the team.")
    with sliders[1]:
        ranged_slider("Engagement length (weeks)", f"{p}.engagement_weeks", top=max(26, cohort.engagement_weeks),
                      step=1, help="Coaching runs 6-8 weeks in the source; value ramps up over the engagement.")
    with sliders[2]:
        ranged_slider("Hours saved per person a week", f"{p}.hours_saved_per_person_per_week",
                      top=max(10.0, cohort.hours_saved_per_person_per_week), step=0.25,
                      help="At full adoption, once the workflows are built (the source's example: 3.75 h).")
    with sliders[3]:
        _pct("Adoption (%)", f"{p}.adoption_rate", "Share of the team using the workflows.")
    # Issue 14: where this team's hours saved and adoption sit against published measurements.
    st.caption(evidence_sentence(cohort.hours_saved_per_person_per_week, cohort.adoption_rate)
               + " (What-if analysis > Evidence.)")
    # Methodology v3: what the team would do anyway. The program is credited with the difference only.
    anyway = st.columns([1, 1, 2])
    with anyway[0]:
        # 1% steps: the published figure is 23%, which 5% steps would show as 25% (the walk caught it).
        _pct("Adoption without training (%)", f"{p}.without_training.adoption_rate",
             "Share of the team that would use AI tools anyway, self-taught. Published: 23% of US workers used "
             "generative AI for work in a given week in late 2024 (Bick, Blandin & Deming).", step=1.0)
    with anyway[1]:
        state.bound(st.number_input, "Hours saved a week without training", f"{p}.without_training."
                    "hours_saved_per_person_per_week", step=0.25,
                    help="Hours each such person would save anyway. Published: about 2.2 h a week for a user "
                         "(Bick, Blandin & Deming). The program is credited with the difference only.")
    with anyway[2]:
        trained = cohort.adoption_rate * cohort.hours_saved_per_person_per_week
        st.caption(plain(f"Trained: {trained:,.2f} h a week a person; anyway: "
                         f"{cohort.without_training.hours_per_person:,.2f} h; credited to the program: "
                         f"{trained - cohort.without_training.hours_per_person:,.2f} h."))
    # Price, its unit and the start on a row of their own: a consulting fee (600000) and "fixed fee for the
    # engagement" read in full at 1280 px, and the caption says the amount with thousands separators.
    bench = price_benchmark(cohort.delivery)
    price_row = st.columns([1.3, 2.2, 1])
    with price_row[0]:
        state.bound(st.number_input, "Price", f"{p}.price", step=10.0, format=price_format(cohort.price),
                    help=f"In the unit to the right. {delivery_label(cohort.delivery)} benchmark: "
                         f"{input_range(f'{p}.price', bench.low, bench.high, currency)} "
                         f"{price_unit_label(bench.unit)}.")
        st.caption(plain(f"{input_value(f'{p}.price', cohort.price, currency)} "
                         f"{price_unit_label(cohort.price_unit)}"))
    with price_row[1]:
        state.bound(st.selectbox, "Price unit", f"{p}.price_unit", options=list(PRICE_UNITS),
                    format_func=price_unit_label, help="How the price applies; see Methodology for each rule.")
    with price_row[2]:
        state.bound(st.number_input, "Start week", f"{p}.start_week", step=1,
                    help="Program week in which the engagement begins.")
    time_row = st.columns([1, 1.3, 1.3])
    with time_row[0]:
        state.bound(st.number_input, "Session hours a week", f"{p}.participant_hours_per_week", step=0.5,
                    help="Time each member spends in sessions; a cost only when participants' time is counted.")
    with time_row[1]:
        state.bound(st.number_input, "Hourly cost override ($/h)", f"{p}.loaded_hourly_cost", step=1.0,
                    placeholder="organization's", help="Empty: the organization's loaded hourly cost.")
    with time_row[2]:
        _pct("Cash share of value (%)", f"{p}.cash_share", CASH_HELP)
    st.caption(CASH_NOTE)
    b1, b2, _ = st.columns([1, 1, 2])
    b1.button("Duplicate team", key=f"duplicate_{p}", on_click=_structural,
              args=(lambda s: duplicate_cohort(s, i),), icon=":material/content_copy:")
    b2.button("Remove team", key=f"remove_{p}", on_click=_structural,
              args=(lambda s: remove_cohort(s, i),), icon=":material/delete:")


# The team being edited, kept outside the picker widget: a widget's value is forgotten while its tab
# is closed, and the form would jump back to the first team.
CHOSEN_TEAM = "builder_team"


def _pick_team(widget_key: str) -> None:
    st.session_state[CHOSEN_TEAM] = st.session_state[widget_key]


def _choose(index: int) -> None:
    st.session_state[CHOSEN_TEAM] = index


def teams_form() -> None:
    scenario = state.scenario()
    st.caption("Tier 2 fluency and Tier 3 integration: teams coached on their own work (or the alternatives).")
    add1, add2 = st.columns(2)
    count = len(scenario.cohorts)
    add1.button("Add a Tier 2 coaching team", key="add_t2", icon=":material/add:", on_click=_add_team, args=(2,))
    add2.button("Add a Tier 3 department", key="add_t3", icon=":material/add:", on_click=_add_team, args=(3,))
    state.show_problems("teams")
    if not count:
        st.info("No teams yet. Add one above: the value of the program comes from the coached teams.")
        return
    names = [f"{i + 1}. {c.name} (Tier {c.tier})" for i, c in enumerate(scenario.cohorts)]
    chosen = min(max(0, int(st.session_state.get(CHOSEN_TEAM, 0))), count - 1)
    picker_key = "team_choice"
    st.session_state[picker_key] = chosen
    # Buttons read fastest for a handful of teams; a long list needs a searchable box.
    # A radio reads its options as Markdown, a select box as plain text: a team's name is text either way.
    help_text = "Pick the team to edit; the table tab shows all of them."
    if count <= 8:
        shown = [plain(n) for n in names]
        st.radio("Team", range(count), format_func=lambda i: shown[i], key=picker_key, on_change=_pick_team,
                 args=(picker_key,), help=help_text, horizontal=True)
    else:
        st.selectbox("Team", range(count), format_func=lambda i: names[i], key=picker_key, on_change=_pick_team,
                     args=(picker_key,), help=help_text)
    with st.container(border=True):
        team_form(chosen, scenario.cohorts[chosen])


def _add_team(tier: int) -> None:
    def change(s):
        # Tier 2's button says coaching; a Tier 3 department takes the delivery of the plan's first Tier 3 team.
        if tier == 2:
            return add_team(s, 2, delivery="coaching")
        return add_team(s, 3, f"Department {len(s.cohorts) + 1}")
    if state.apply(change, at="teams"):
        _choose(len(state.scenario().cohorts) - 1)  # the new team opens in the form


def teams_table() -> None:
    st.caption("Every team in one table: edit cells, add rows at the bottom, delete rows with the row menu. "
               "Every change is checked again here; a bad cell is reported and the table returns to the "
               "last good scenario.")
    drawing = _teams_table_edits()
    state.show_problems(TEAMS_TABLE, tables.TEAM_TABLE_FIELDS)
    # Drawn from the scenario the table was first drawn with, plus what was typed since (Streamlit keeps the
    # typing as a delta on that frame): the cells show what the scenario holds.
    frame = tables.team_frame(cohort_rows(drawing.base))
    st.data_editor(frame, key=drawing.key, num_rows="dynamic", hide_index=True, width="stretch",
                   column_config=tables.team_columns())


TEAMS_TABLE = "teams_table"


def _teams_table_edits() -> state.TableDrawing:
    return state.table_drawing(TEAMS_TABLE, apply_table_edits, TEAMS_TABLE)


def ranges_table() -> None:
    st.caption("Inputs you are unsure of, with a low and a high value. The scenario's own value is the most "
               "likely one. They drive the investment range on the Pitch page, the sensitivity and the "
               "uncertainty views. `cohorts[*]` means every team at once; `cohorts[0]` the first team. "
               "Moving a value outside its range elsewhere in the app widens the range to include it.")
    state.apply_pending_edits(state.key("ranges_table"), apply_range_edits, "ranges_table")
    state.show_problems("ranges_table")
    frame = pd.DataFrame(range_rows(state.scenario()), columns=["input", "path", "low", "high"])
    st.data_editor(frame, key=state.key("ranges_table"), num_rows="dynamic", hide_index=True, width="stretch",
                   disabled=["input"],
                   column_config={"input": st.column_config.TextColumn("Input", help="The input as the app names "
                                                                       "it; set by its path"),
                                  "path": st.column_config.TextColumn("Path (in the scenario file)", required=True),
                                  "low": st.column_config.NumberColumn("Low", required=True),
                                  "high": st.column_config.NumberColumn("High", required=True)})


def costs_form() -> None:
    scenario = state.scenario()
    st.caption("What the fees leave out: the AI tools people need, the program's own costs, and a margin for "
               "cost risk. Participants' time is switched on in the sidebar.")
    c1, c2, c3 = st.columns(3)
    with c1:
        state.bound(st.toggle, "AI tool seats already licensed (sunk cost)", "ai_tools.already_licensed",
                    help="On: the organization already pays for an AI assistant, so seats cost $0 more. Off: each "
                         "coached person (and each Tier 1 adopter) gets a seat from the team's start to the "
                         "horizon's end.")
        state.bound(st.number_input, "AI seat price ($ per person a month)", "ai_tools.seat_price_per_month",
                    step=5.0, help="Microsoft 365 Copilot's list price has been $30 per user a month (annual "
                                   "commitment); enterprise chat assistants are priced similarly.")
    with c2:
        # The control itself lives in the sidebar (one widget per path); its effect is stated here.
        risk = scenario.finance.cost_risk_adjustment
        st.metric("Cost risk adjustment", f"{risk:.0%}",
                  help="Every cost line x (1 + this): the upward cost risk of a Forrester TEI case (commonly 10%). "
                       "Set it in the sidebar under Finance assumptions.")
        st.caption("Set in the sidebar, under Finance assumptions.")
    with c3:
        _pct("Tier 1 cash share (%)", "literacy.cash_share", CASH_HELP)
    st.markdown("##### Other program costs")
    st.caption("Costs outside any tier: program management, measurement and evaluation, security and legal "
               "review, content, contingency. Each amount is spread evenly over its weeks. Add rows at the bottom, "
               "delete with the row menu; a bad cell is reported and the table returns to the last good scenario.")
    state.apply_pending_edits(state.key("other_costs_table"), apply_other_cost_edits, "other_costs_table")
    state.show_problems("other_costs_table")
    cfg = st.column_config
    st.data_editor(
        pd.DataFrame(other_cost_rows(scenario), columns=list(OTHER_COST_COLUMNS)),
        key=state.key("other_costs_table"), num_rows="dynamic", hide_index=True, width="stretch",
        column_config={"name": cfg.TextColumn("Cost", max_chars=MAX_NAME_CHARS, required=True),
                       "amount": cfg.NumberColumn("Amount", min_value=0, format="dollar", required=True),
                       "start_week": cfg.NumberColumn("Start week", min_value=1, step=1, required=True),
                       "weeks": cfg.NumberColumn("Weeks", min_value=1, step=1, required=True),
                       "baseline": cfg.CheckboxColumn("Baseline", help="Incurred regardless of this decision: "
                                                      "shown apart, not charged to it"),
                       "share_of_fees": cfg.NumberColumn("Share of fees", format="%.2f",
                                                         help="Set (0.10 = 10%) for a contingency or a vendor's "
                                                              "management fee: that share of the decision's fees "
                                                              "each week; amount and weeks are then ignored")})


def benchmarks_note() -> None:
    st.dataframe(tables.price_benchmarks_frame(sources=False), hide_index=True, width="stretch")


FORMS_KEY = "builder_forms"  # st.container key: ui/compat.py styles it by its class (compat.keyed)
# Below 1,100 px (a 1024 px laptop with the sidebar open leaves the forms about 600 px) four or five controls a
# row cut their text ("Team-embe", "Remove t…", a Tier box reading nothing): each column then takes at least
# 12rem (keeping its share of the row) and the row wraps, so every label, value and button reads in full.
# Wider screens keep one row. Widget labels wrap rather than end in an ellipsis, at any width.

@st.fragment
def builder() -> None:
    # A fragment: editing a team reruns only this body, not the sidebar.
    state.page_start()
    # The teams table's edits before the headline: a cell typed in the table moves the headline in the same run.
    _teams_table_edits()
    state.show_problems()
    st.title("Program builder")
    headline()
    if state.presenter_mode():
        # Presenting: the plan read-only, no editing controls on the shared screen.
        # The sidebar is closed while presenting: say where its toggle is, and the shortcut.
        st.info(f"Presenter mode is on, so editing is hidden. To change the plan, press {presenter.SHORTCUT}, or "
                "open the sidebar (» at the top left) and switch Presenter mode off.",
                icon=":material/slideshow:")
        st.dataframe(pd.DataFrame(cohort_rows(state.scenario()), columns=list(TABLE_COLUMNS)), hide_index=True,
                     width="stretch", column_config=tables.team_columns(editable=False))
        return
    sections = {"Tier 2 & 3 teams": teams_form, "All teams (table)": teams_table, "Tier 1 literacy": literacy_form,
                "AI tools & program costs": costs_form, "Organization": organization_form,
                "Uncertainty ranges": ranges_table,
                "Price benchmarks": benchmarks_note}
    compat.style(compat.narrow_screen_css(FORMS_KEY))
    with st.container(key=FORMS_KEY):
        # Tab state on: only the open tab draws its widgets, which keeps a slider move short.
        for tab, draw in zip(st.tabs(list(sections), key="builder_tab", on_change="rerun"), sections.values()):
            if tab.open:
                with tab:
                    draw()

builder()
