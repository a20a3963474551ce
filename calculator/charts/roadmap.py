"""Altair builders for the roadmap: the Gantt timeline and the spend per month beneath it.

Pure functions from a scenario to a chart (no Streamlit). Both charts share one
continuous "program week" axis, where week ``w`` spans ``w - 1 .. w`` and a phase
given in days sits where its days fall, so the spend bars line up under the
engagements that cause them. Colours are Okabe-Ito and written into each scale.
"""

from __future__ import annotations

import datetime as dt
import math

import altair as alt
import pandas as pd

from ..formatting import money
from ..model import Result, evaluate, month_of_week
from ..rollout.measurement import checkpoints
from ..rollout.roadmap import STAGE_NAMES, day_position, last_roadmap_week, spend_by_month, timeline_rows
from ..scenario import Scenario
from .style import OKABE_ITO, house_style

# Narrower than the pitch charts: the team names take ~250 px to the left of the plot, and the
# stacked timeline and spend charts cannot stretch to their column the way a single chart can.
WIDTH = 540

STAGE_COLOURS = {
    STAGE_NAMES["literacy"]: OKABE_ITO["sky_blue"],
    STAGE_NAMES["audit"]: OKABE_ITO["orange"],
    STAGE_NAMES["build"]: OKABE_ITO["blue"],
    STAGE_NAMES["handover"]: OKABE_ITO["green"],
    STAGE_NAMES["workshop"]: OKABE_ITO["yellow"],
    STAGE_NAMES["course"]: OKABE_ITO["purple"],
}
PHASE_COLOUR = OKABE_ITO["black"]
TIER_SPEND = {"Tier 1 literacy": ("cost_tier_1", OKABE_ITO["sky_blue"]),
              "Tier 2 fluency": ("cost_tier_2", OKABE_ITO["vermillion"]),
              "Tier 3 integration": ("cost_tier_3", OKABE_ITO["purple"]),
              "Program costs": ("cost_other", OKABE_ITO["black"])}
ROW_HEIGHT = 24
SPEND_HEIGHT = 170


def _subtitle(scenario: Scenario, as_of: dt.date | None) -> str:
    return f"{scenario.name} · {(as_of or dt.date.today()).strftime('%d %b %Y')}"


def _extent(rows: list[dict], scenario: Scenario) -> float:
    """The last week drawn: the end of the month holding the last bar's end (or day 90, if later)."""
    last = max([r["x_end"] for r in rows] + [last_roadmap_week(scenario)])
    weeks_per_year = scenario.organization.working_weeks_per_year
    month = int(month_of_week(math.ceil(last), weeks_per_year))
    # The last week of that month: the largest w with ceil(w * 12 / W) == month.
    return float(month * weeks_per_year // 12)


def _x(extent: float, title: str | None = "Program week") -> alt.X:
    return alt.X("x_start:Q", title=title, scale=alt.Scale(domain=[0, extent], nice=False),
                 axis=alt.Axis(tickMinStep=1, format="d"))


def timeline_frame(scenario: Scenario) -> pd.DataFrame:
    """The Gantt bars (:func:`calculator.rollout.roadmap.timeline_rows`) with the labels the tooltips show."""
    frame = pd.DataFrame(timeline_rows(scenario))
    frame["weeks_label"] = [f"weeks {a}-{b}" if a != b else f"week {a}"
                            for a, b in zip(frame["start_week"], frame["end_week"])]
    frame["days_label"] = [f"days {a}-{b}" for a, b in zip(frame["first_day"], frame["last_day"])]
    return frame


def _timeline_layers(scenario: Scenario, extent: float):
    frame = timeline_frame(scenario)
    order = list(dict.fromkeys(frame["row"]))
    y = alt.Y("row:N", title=None, sort=order, axis=alt.Axis(labelLimit=260))
    tooltip = [alt.Tooltip("row:N", title="Row"), alt.Tooltip("stage:N", title="Stage"),
               alt.Tooltip("weeks_label:N", title="Weeks"), alt.Tooltip("days_label:N", title="Days"),
               alt.Tooltip("wave:N", title="Wave"), alt.Tooltip("detail:N", title="Detail")]
    phases = alt.Chart(frame[frame["stage_key"] == "phase"]).mark_bar(
        color=PHASE_COLOUR, opacity=0.3, cornerRadius=2).encode(x=_x(extent), x2="x_end:Q", y=y, tooltip=tooltip)
    stages = frame[frame["stage_key"] != "phase"]
    used = [s for s in STAGE_COLOURS if s in set(stages["stage"])]
    bars = alt.Chart(stages).mark_bar(cornerRadius=2, stroke="white", strokeWidth=0.5).encode(
        x=_x(extent), x2="x_end:Q", y=y,
        color=alt.Color("stage:N", title=None, sort=used,
                        scale=alt.Scale(domain=used, range=[STAGE_COLOURS[s] for s in used])),
        opacity=alt.Opacity("wave:N", title=None, sort=["First 90 days", "Next wave"], legend=None,
                            scale=alt.Scale(domain=["First 90 days", "Next wave"], range=[1.0, 0.45])),
        tooltip=tooltip,
    )
    weeks_per_year = scenario.organization.working_weeks_per_year
    marks = pd.DataFrame([{"x_start": day_position(c.day, weeks_per_year), "label": f"Day {c.day}",
                           "week": f"end of day {c.day}, in week {c.week}"} for c in checkpoints(scenario)])
    rules = alt.Chart(marks).mark_rule(color=PHASE_COLOUR, strokeDash=[4, 3]).encode(
        x=_x(extent), tooltip=[alt.Tooltip("label:N", title="Checkpoint"), alt.Tooltip("week:N", title="When")])
    labels = alt.Chart(marks).mark_text(align="left", dx=3, dy=-4, baseline="bottom", fontSize=11).encode(
        x=_x(extent), y=alt.value(0), text="label:N")
    height = ROW_HEIGHT * len(order)
    return alt.layer(phases, bars, rules, labels).properties(width=WIDTH, height=height)


def spend_frame(result: Result, extent: float | None = None) -> pd.DataFrame:
    """Spend per month by tier, stacked (``y0`` / ``y1``), each month spanning its weeks on the week axis.

    Months that start after ``extent`` (the timeline's last week) are left out.

    >>> from calculator import load_preset
    >>> f = spend_frame(evaluate(load_preset("starter-300-person-pilots")))
    >>> f[["month", "tier"]].head(3).to_dict("records")   # the program's other costs stack on top
    [{'month': 1, 'tier': 'Tier 2 fluency'}, {'month': 1, 'tier': 'Program costs'}, {'month': 2, 'tier': \
'Tier 2 fluency'}]
    """
    rows = []
    for m in spend_by_month(result):
        if extent is not None and m["first_week"] - 1 >= extent:
            continue
        base = 0.0
        for tier, (key, _) in TIER_SPEND.items():
            amount = m[key]
            if amount <= 0:
                continue
            rows.append({"month": m["month"], "tier": tier, "amount": amount, "y0": base, "y1": base + amount,
                         "x_start": m["first_week"] - 1.0, "x_end": float(m["last_week"]),
                         "weeks_label": f"weeks {m['first_week']}-{m['last_week']}",
                         "amount_label": money(amount, result.scenario.currency, exact=True),
                         "month_label": money(m["cost"], result.scenario.currency, exact=True)})
            base += amount
    return pd.DataFrame(rows, columns=["month", "tier", "amount", "y0", "y1", "x_start", "x_end", "weeks_label",
                                       "amount_label", "month_label"])


def _spend_layer(scenario: Scenario, extent: float, x_title: str | None = "Program week"):
    result = evaluate(scenario)
    frame = spend_frame(result, extent)
    tiers = [t for t in TIER_SPEND if t in set(frame["tier"])] or list(TIER_SPEND)
    axis = alt.Axis(format="$~s" if scenario.currency == "USD" else "~s")
    return alt.Chart(frame).mark_bar(stroke="white", strokeWidth=1).encode(
        x=_x(extent, x_title), x2="x_end:Q",
        y=alt.Y("y1:Q", title=f"Spend per month ({scenario.currency})", axis=axis), y2="y0:Q",
        color=alt.Color("tier:N", title=None, sort=tiers,
                        scale=alt.Scale(domain=tiers, range=[TIER_SPEND[t][1] for t in tiers])),
        tooltip=[alt.Tooltip("month:O", title="Month"), alt.Tooltip("weeks_label:N", title="Weeks"),
                 alt.Tooltip("tier:N", title="Tier"), alt.Tooltip("amount_label:N", title="Spend"),
                 alt.Tooltip("month_label:N", title="Month's total")],
    ).properties(width=WIDTH, height=SPEND_HEIGHT)


def _configure(chart, title: str, subtitle: str | list[str]):
    return house_style(chart.properties(title=alt.TitleParams(title, subtitle=subtitle, anchor="start",
                                                              fontSize=16)))


def timeline_chart(scenario: Scenario, as_of: dt.date | None = None):
    """The Gantt chart: the three 90-day phases, Tier 1 and each team's engagement stages.

    Teams in the next wave (starting after day 90) are drawn paler; dashed lines mark days 30, 60 and 90.

    Examples
    --------
    >>> from calculator import load_preset
    >>> spec = timeline_chart(load_preset("seed-200-person-org")).to_dict()
    >>> spec["title"]["text"]
    'Roadmap: Seed: 200-person organization'
    """
    rows = timeline_rows(scenario)
    chart = _timeline_layers(scenario, _extent(rows, scenario))
    return _configure(chart, f"Roadmap: {scenario.name}",
                      [_subtitle(scenario, as_of), "Paler bars: the next wave, after day 90"])


def spend_chart(scenario: Scenario, as_of: dt.date | None = None):
    """Spend per month by tier, on the timeline's week axis (a model month holds 4 or 5 weeks).

    Examples
    --------
    >>> from calculator import load_preset
    >>> spend_chart(load_preset("starter-300-person-pilots")).to_dict()["title"]["text"]
    'Spend per month: Starter: 300 people, two coaching pilots'
    """
    extent = _extent(timeline_rows(scenario), scenario)
    return _configure(_spend_layer(scenario, extent), f"Spend per month: {scenario.name}",
                      [_subtitle(scenario, as_of), "Each bar spans its month's weeks"])


def roadmap_chart(scenario: Scenario, as_of: dt.date | None = None):
    """The timeline with the spend per month beneath it, on one shared week axis.

    Examples
    --------
    >>> from calculator import load_preset
    >>> spec = roadmap_chart(load_preset("starter-300-person-pilots")).to_dict()
    >>> spec["title"]["text"], len(spec["vconcat"])
    ('Roadmap and spend: Starter: 300 people, two coaching pilots', 2)
    """
    extent = _extent(timeline_rows(scenario), scenario)
    top = _timeline_layers(scenario, extent)
    bottom = _spend_layer(scenario, extent)
    chart = alt.vconcat(top, bottom, spacing=12).resolve_scale(color="independent", x="shared")
    return _configure(chart, f"Roadmap and spend: {scenario.name}",
                      [_subtitle(scenario, as_of), "Paler bars: the next wave, after day 90; spend bars span "
                                                   "their month's weeks"])
