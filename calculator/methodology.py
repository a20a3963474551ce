"""The methodology in words: the one text every place that explains the rules renders.

``docs/MODEL.md`` is the numeric contract; :mod:`calculator.model` computes it. This module says the
same rules in plain words, once, as an ordered tuple of :class:`Section`:

- the Methodology page draws every section's ``detail`` (Markdown) under its title;
- the PDF brief, the workbook's "How to audit" sheet and README's "How the numbers are computed"
  state the ``short`` forms (one sentence each, plain text);
- the exports' footers name :data:`LABEL`.

So a rule is reworded here or nowhere. ``python -m calculator methodology --markdown`` prints README's
block; ``python scripts/sync_readme.py`` writes it into README.md between :data:`README_MARKERS`, and
a test fails while the two differ.
"""

from __future__ import annotations

from dataclasses import dataclass

from .formatting import count
from .scenario import Organization, Scenario

LABEL = "methodology v3"
CONTRACT = "docs/MODEL.md"
README_MARKERS = ("<!-- methodology-in-short: generated from calculator/methodology.py by "
                  "`python scripts/sync_readme.py`; edit it there -->",
                  "<!-- /methodology-in-short -->")


@dataclass(frozen=True)
class Section:
    """One part of the methodology.

    Attributes
    ----------
    key : str
        A stable name (tests and the page's data tables refer to it).
    title : str
        Plain text, no number: the page numbers the top-level sections.
    detail : str
        Markdown for the Methodology page. It may name ``{weeks_per_year}``, ``{horizon_months}``,
        ``{horizon_weeks}``, ``{default_hourly_cost}`` and ``{default_fte_hours}``, filled in by
        :func:`detail_markdown`; a literal brace is written twice.
    short : str
        One sentence of plain text for the exports and README; empty for a section that is a source
        or a detail rather than a rule of the headline numbers.
    in_brief : bool
        Whether the PDF brief prints the short form (it has room for four).
    level : int
        1 for a numbered section, 2 for a part of the section before it.
    worked_check : str
        A worked example the page shows beside the detail, or empty.
    table : str
        The key of the data table the page draws after the detail (price benchmarks, adoption
        assumptions, evidence), or empty: the rows come from ``data/``, not from prose.
    """

    key: str
    title: str
    detail: str
    short: str = ""
    in_brief: bool = False
    level: int = 1
    worked_check: str = ""
    table: str = ""

    def short_line(self) -> str:
        """The short form with its title, as the exports print it.

        >>> section("results").short_line()[:20]
        'Results: ROI = net /'
        """
        return f"{self.title}: {self.short}" if self.short else ""


INTRO = """
Every number in this app, its exports and its command line comes from one function of the
`calculator` package, which follows the published methodology in `docs/MODEL.md`: methodology v1 with
its documented extensions, methodology v2, the fully loaded, cash-aware case, and methodology v3, the
decision case (scenario format version 4): what this decision adds over what happens anyway. An analyst can redo any figure by hand from the rules below. Your scenario uses
**W = {weeks_per_year} working weeks a year** and a horizon of **{horizon_months} =
{horizon_weeks}** (months x W / 12, rounded to the nearest week, halves up).
"""

SECTIONS: tuple[Section, ...] = (
    Section(
        key="grid",
        title="The weekly grid",
        short=("Time runs week by week, W working weeks a year (52 by default), a month being W / 12 weeks; "
               "the horizon is months x W / 12 weeks, rounded to the nearest week (halves up), and nothing after it "
               "counts."),
        detail="""
- Money is in the scenario's currency; time runs week by week from week 1, the program's first week.
- A month is W / 12 weeks. Week *w* belongs to month ⌈w x 12 / W⌉ when flows are shown by month.
- A cost or a benefit counts in the week it belongs to. Flows after the horizon's last week are not counted.
""",
    ),
    Section(
        key="costs",
        title="Costs",
        short=("Fees follow each team's price unit in each engagement week: size x price per employee per week, "
               "size x price x 12 / W per employee per month, price / engagement weeks when fixed, size x price "
               "in the start week when one-off; Tier 1 literacy costs learners x seat price x months, or $0 when "
               "already licensed."),
        detail="""
| price unit | cost in each week of the engagement |
|---|---|
| per employee per week | team size x price |
| per employee per month | team size x price x 12 / W (a month is W / 12 weeks) |
| per employee (one-off, e.g. a workshop) | team size x price, all in the start week |
| fixed (e.g. a consulting fee) | price / engagement weeks |

- A team's engagement runs from its start week for *engagement weeks* weeks.
- **Tier 1 literacy** costs learners x seat price per month x months of access, spread evenly over
  ⌈months x W / 12⌉ weeks from its start week, or **$0 when the platform is already licensed**
  (a sunk cost is not an incremental cost).
- **Participants' time** (only when switched on): each engagement week adds team size x session hours x
  the team's loaded hourly cost; literacy adds learners x completion x course hours x hourly cost, spread like
  its licence.
- Cost per employee of a tier = the tier's cost / the people in it.
""",
    ),
    Section(
        key="benefits",
        title="Benefits",
        short=("Hours saved = people x (adoption x hours a week, less what each would save anyway untrained), "
               "ramping up over the engagement from a first-week quick win and optionally decaying after it; "
               "value = hours x loaded hourly cost x recapture x (1 - benefit risk)."),
        in_brief=True,
        detail="""
For a team that starts in week *s* and is coached for *E* weeks (last engagement week *end = s + E - 1*):

- **Ramp**: value arrives from the first week (the quick win) and reaches full strength in the last
  engagement week: f(w) = 0 before *s*, then min(1, (w - s + 1) / E).
- **Retention**: k(w) = 1 up to *end*; after it (1 - annual decay)^((w - end) / W).
- **Hours saved** in week w = team size x (adoption x hours saved per person per week - a0 x h0) x f(w) x k(w),
  where a0 and h0 are what the team would reach anyway without the training (its *without training* adoption
  and hours; zero unless stated). The training is credited with the difference only; decay takes the team back
  toward what it would do anyway, not to zero.
- **Value** in week w = hours x loaded hourly cost x productivity recapture x (1 - benefit risk adjustment).
- Literacy earns the same way with learners x completion people, ramping over its access weeks. By default it
  earns nothing: a course on its own changes no workflow.
""",
    ),
    Section(
        key="results",
        title="Results",
        short=("ROI = net / cost; NPV discounts each week at (1 + r)^(-w / W); payback is interpolated within "
               "the first week the cumulative net turns from below zero to zero or above (none if it ends below "
               "zero); FTE = hours a year / hours per FTE year."),
        detail="""
| result | how it is computed |
|---|---|
| total cost, total value, net | sums of the weekly flows over the horizon (undiscounted) |
| ROI | net / total cost x 100 (none when nothing is spent) |
| benefit-cost ratio | total value / total cost |
| NPV | sum over weeks of (value - cost) x (1 + discount rate)^(-w / W) |
| hours returned a year | steady state, no ramp or decay: people x (adoption x hours a week - a0 x h0) x W, summed over the teams and Tier 1; what the teams would save anyway (people x a0 x h0 x W) is shown beside it, not counted |
| FTE returned | hours a year / hours per FTE year |
| payback | cumulative net C starts at 0; the first week w with C(w-1) < 0 ≤ C(w) is interpolated: t = (w - 1) + -C(w-1) / (C(w) - C(w-1)) weeks, shown as t x 12 / W months. Never below zero: 0. Below zero at the end of the horizon: it does not pay back within the horizon |

A team (or the literacy tier) that starts after the horizon adds nothing, not even to the hours a year.
""",
        worked_check=("Worked check from the source: a marketing team of 8 saves 3.75 hours each a week (4 hours "
                      "cut to 15 minutes): 8 x 3.75 x 52 = 1,560 hours a year, and 1,560 / 2,080 = 0.75 FTE."),
    ),
    Section(
        key="fully_loaded",
        title="Fully loaded cost",
        short=("Program fees, participants' time (when counted), AI tool seats (unless already licensed) and "
               "other program costs, each x (1 + cost risk), add up to the investment; spend committed after the "
               "horizon is shown apart, not in the totals."),
        in_brief=True,
        detail="""
A finance analyst judges the case the way Forrester TEI and the Phillips ROI methodology do: every cost the
program causes, costs risk-adjusted up and benefits down, and cash kept apart from capacity (methodology v2).

**The four cost lines**, each week, then every line x (1 + cost risk adjustment):

| line | rule |
|---|---|
| program fees | each team's price by its unit (above) and the Tier 1 licence: what the vendors invoice |
| participants' time | when counted: team size x session hours a week x loaded hourly cost in each engagement week; Tier 1 learners x completion x course hours x hourly cost, spread over the access weeks |
| AI tool seats | when not already licensed: team size x seat price x 12 / W every week from the team's start to the horizon's end; Tier 1 learners x completion x adoption x seat price x 12 / W from the course start |
| other program costs | each entry's amount / its weeks, in weeks start .. start + weeks - 1; they belong to no tier and no team |

Fully loaded investment = tier 1 + tier 2 + tier 3 + other costs. Program fees are shown beneath it, as the
vendor invoices them, **before** the cost risk adjustment: the fees alone are not the cost of the program.
An other cost may be a **share of the fees** (a contingency, a vendor's management fee): in each week it is that
share of the decision's fees that week, then x (1 + cost risk) like every line; past the horizon it follows the
fees into the cost beyond the horizon.

**Cost beyond the horizon**: fees, time and other costs that teams, Tier 1 and other costs starting within the
horizon still incur after its last week, cost risk included. They are not in the totals; a warning names each
one and its amount. Seats are a running cost, not a commitment, so they are not counted there.

Scenario files of format version 1 and 2 load with every new line at its neutral default and give their old
numbers.
""",
    ),
    Section(
        key="cash",
        title="Cash and capacity",
        short=("A team's cash share of its value is cash (an avoided hire, less overtime); the rest is capacity, "
               "time given back that lowers no budget line unless someone banks it: hours and FTE are capacity, "
               "never savings; cash figures set cash value against cash cost (fees, seats, other costs), never "
               "participants' time."),
        in_brief=True,
        detail="""
A team's value in week w times its *cash share* is cash: a hire or backfill not made, overtime or contractor
spend that stops. The rest is **capacity**: time given back, real but lowering no budget line unless someone
decides to bank it. Hours and FTE are capacity, never savings; FTE is not headcount. Cash value and capacity
value are undiscounted sums over the horizon and add up to the total value.

**Cash cost** is what is paid in money: fees, AI tool seats and other program costs (cost risk included).
Participants' time is a real cost of the decision but nobody pays it in cash, so the cash NPV and the cash
payback set the cash value against the cash cost only.
""",
    ),
    Section(
        key="decision",
        title="The decision case: baseline and counterfactual",
        short=("The headline is the decision: what happens regardless (mandatory literacy, an existing platform) "
               "is the baseline, shown apart beside the whole program's NPV, and each team is credited only with "
               "the hours it adds over what it would save untrained."),
        in_brief=True,
        detail="""
A CFO decides on the increment: what this decision adds over what happens anyway (methodology v3).

- **Baseline and decision.** Tier 1 literacy and any other cost can be marked *baseline*: it happens
  regardless of this decision (mandatory acceptable-use training, a platform already paid for). Baseline
  items are costed and shown apart ("committed regardless"), with the whole program's NPV (decision and
  baseline added week by week) one line away; every headline figure, chart and payback describes the
  decision alone.
- **The counterfactual.** People adopt AI tools without training: 23% of employed US respondents used
  generative AI for work in a given week in late 2024, saving about 2.2 hours each (Bick, Blandin & Deming).
  Each team states what it would reach anyway (*without training*: adoption a0 and hours h0); the program is
  credited with people x (adoption x hours - a0 x h0) only. A team whose increment is negative is named in a
  warning. The presets cite their evidence rows (`data/preset_counterfactual_evidence.csv`); replace them with
  your own pilot's measurement when you have one.
- **The asymmetry, plainly.** An hour spent in training costs 1.0 x the loaded hourly rate; an hour saved is
  worth recapture x (1 - benefit risk) of it (0.5 x 0.9 = 0.45 in the presets). A program must save more than
  twice the hours it takes to break even on time alone.
- **The honest bracket.** *Pessimistic* sets each input that has a range, one at a time from the case as
  entered, at the end that gives the lower decision NPV (costs high, benefits low), then all together;
  *optimistic* the higher. The seed's own reading (every range at its low end, then its high end) pairs low
  prices with low benefits, so neither of its ends is a pessimistic case. The Pitch also says where the NPV as
  entered sits among 2,000 Monte Carlo draws of the ranges, so an optimistic case cannot pass for a central one.
""",
    ),
    Section(
        key="present_value",
        title="Present value, IRR and each team's case",
        short=("Present-value ROI = NPV / PV of cost; IRR is the annual rate at which the NPV is zero; the "
               "discounted and cash paybacks apply the payback rule to the discounted net and to the cash value "
               "against the cash cost; each team also gets its own cost, value, NPV, ROI and payback."),
        detail="""
| result | how it is computed |
|---|---|
| PV of cost, PV of value | sum over weeks of cost (value) x (1 + r)^(-w / W); NPV = PV of value - PV of cost |
| present-value ROI | NPV / PV of cost x 100 (the TEI form) |
| IRR | the annual rate r that makes sum of net x (1 + r)^(-w / W) zero, searched from -99% to 1,000,000% (a bracketed Brent search, SciPy's algorithm); none when no rate in that range does; a warning when the weekly net changes sign more than once (the IRR may not be unique) |
| discounted payback | the payback rule above on the discounted cumulative net |
| cash NPV, cash payback | the same rules on the cash value alone against the cash cost (fees, AI seats, other costs; participants' time is not cash) |
| per team | each team's own fees, time and seats against its own value: cost, value, net, NPV, ROI, payback, hours, FTE; ranked on the Pitch by NPV per dollar |
""",
    ),
    Section(
        key="edge_rules",
        title="Edge rules an auditor will ask about",
        level=2,
        detail="""
- A cumulative net within $0.000001 of zero counts as zero when finding the payback week, so floating-point
  noise cannot move payback; a total cost that small counts as nothing spent (ROI and BCR are then empty).
- People in a tier (for cost per employee and hours a year) leave out a team, or the literacy tier, that starts
  after the horizon.
- A range on `cohorts[*].field` is one uncertain input for every team at once: one bar in the sensitivity chart,
  one shared draw in the Monte Carlo, each team keeping its own value as the most likely.
- Whole-number inputs (team size, weeks, learners) set from a range end or a draw are rounded half up.
- **Ranges never block a what-if.** Moving a value outside its uncertainty range (a slider, a field, a delivery
  model's benchmark price) keeps the move and widens the range just enough to include the new value; a message
  says which range changed. Undo restores both. A team switched to another delivery model whose price its
  range cannot hold takes that model's published price range instead; a price range shared by every team
  (`cohorts[*].price`) is first split into one range per team, since a $600,000 fixed fee and $350 a week
  cannot share one. Only an edit of the ranges table itself is checked strictly: a range typed by hand must
  contain the scenario's value.
""",
    ),
    Section(
        key="roadmap",
        title="From plan to proof: the 90-day roadmap and pilot actuals",
        detail="""
- **Days to weeks**: day *d* of the rollout falls in model week ⌈d x W / 364⌉ (⌈d / 7⌉ with 52 weeks). The
  phases are days 1-14 (assess and align), 15-45 (literacy activation and the first pilots) and 46-90 (scale and
  measure); checkpoints at days 30, 60 and 90. A team that starts after day 90 is the next wave.
- **Engagement stages**: week 1 is the audit and a first quick win; the remaining weeks split 3 : 2 between
  building together and practice with hand-over (6 weeks = 1 + 3 + 2).
- **Checkpoint targets** are the model's own numbers for each team: its hours saved up to the checkpoint week and
  its weekly hours at that week, so a target is a figure to measure against, not a wish.
- **Pilot actuals** (since scenario format version 2; version 1 files still load) record, per team, the workflows
  built, those still in use 30 days later, measured hours saved per person a week and the observed adoption.
- **Recalibration** replaces a team's assumed hours saved, adoption and workflow count with what was measured.
  Where a range covered that input, the team gets its own range of ±10% around the measured value (kept inside
  the earlier range when the measurement fell within it); a shared `cohorts[*]` range is widened only as far as
  needed to contain the new value. Recalibrating twice changes nothing.
""",
    ),
    Section(
        key="price_benchmarks",
        title="Published price benchmarks",
        table="price_benchmarks",
        detail="""
Each delivery model's published price range, the default price a new team takes (the range's midpoint) and
where it comes from (`data/price_benchmarks.csv`):
""",
    ),
    Section(
        key="coaching_unit",
        title="Why coaching is priced per week",
        level=2,
        short=("The source prints coaching at $200-$500 per employee per month, but its own totals only follow "
               "per week (10 x $200 x 6 weeks = $12,000), so the presets price coaching per week and every "
               "team's unit is explicit and editable."),
        detail="""
The source prices team-embedded coaching at "$200-$500 per employee **per month**" for a 6-8 week engagement,
yet its own totals only work **per week**:

- 10 people x $200 x 6 weeks = **$12,000** and 10 people x $500 x 8 weeks = **$40,000**: exactly the
  "$12K-$40K" it quotes for a 10-person team; 5 teams give $60K-$200K, 2 departments $24K-$80K (printed as
  "$24K0-$80K"), and the total is $84K-$280K.
- Read per month, the same team would cost 10 x $200 x 6 x 12 / 52 ≈ **$2.8K** to 10 x $500 x 8 x 12 / 52 ≈
  **$9.2K**, which matches none of the source's totals.

So the shipped presets price coaching per employee per week, which reproduces every total in the source. Every
team's price unit is explicit and editable: if your provider quotes per month, choose that unit and the model
converts it (x 12 / W per week).
""",
    ),
    Section(
        key="assumptions",
        title="Assumptions the source gives no figure for",
        table="adoption_assumptions",
        detail="""
Adoption, productivity recapture, risk adjustment and benefit decay are **your assumptions**. The source says only
that course completion often passes 80% while a minority change how they work. Business cases in the
Forrester TEI style commonly count only part of saved time as recaptured (often 50%) and haircut benefits for
risk; the What-if page shows those lenses side by side. The strategy comparison spends the plan's cash budget
each way: a strategy that costs less keeps the rest as cash, which earns exactly the discount rate (NPV $0), so
ranking by NPV compares the same money on every row ("spent + kept"). The adoption assumed per delivery model
for the strategy comparison is stored in `data/adoption_assumptions.csv`:
""",
    ),
    Section(
        key="defaults",
        title="Other defaults and their sources",
        detail="""
- **Loaded hourly cost {default_hourly_cost}**: US private-industry employer cost for employee compensation per
  hour worked, June 2025 (BLS Employer Costs for Employee Compensation, released 12 September 2025; civilian
  workers $48.05). Knowledge-worker teams usually cost more: each team can override it.
- **{default_fte_hours} hours per FTE year and 52 weeks**: the source's own arithmetic. Finance teams may prefer
  about 1,880 productive hours and 46-48 working weeks; both are inputs.
- **Figures a pitch may quote**: 74% of companies are not keeping up with demand for new skills (Josh Bersin
  Company); workers with AI skills earn up to 56% more (PwC 2025 Global AI Jobs Barometer); 80% of the
  engineering workforce needs to upskill through 2027 (Gartner).
- Source: a 2026 guide to employee AI training (Leland, April 2026), whose three-tier framework, prices and
  worked examples this calculator models. All wording here is this app's own.
""",
    ),
    Section(
        key="planner",
        title="The budget planner",
        detail="""
- **Options per team**: skip; as planned; coaching at the plan's length and at the low and high ends of the team's
  engagement range (else the guide's 6-8 weeks), each length offered only where it changes the value (a longer
  engagement costs more and reaches the same hours later, so it is offered only when it holds the hours longer
  against a decay); a workshop (not for a team already running one: that is its plan);
  platform seats; consulting for Tier 3. The team's own delivery keeps its price, adoption and hours, and at the
  plan's length is the plan itself; another delivery takes the benchmark price, the adoption assumption and the
  hours assumption of `data/` (platform seats are $0 where the platform is already licensed).
- **Cost and value of an option**: the model evaluates the team alone with the scenario's finance settings, no
  literacy, and of the other program costs only the share-of-fees lines (they follow the team's fees); its cost is
  the cash it commits within the horizon (fees, AI seats, share-of-fees lines, cost risk included), its value its
  NPV, cash NPV or hours a year (capacity, not cash). Participants' time is not paid from the budget: it stays in
  the NPV. Literacy and other program costs of the decision are fixed and their cash comes off the budget first;
  baseline items are committed regardless and neither spent from it nor in the NPV.
- **The choice**: at most one option per team, maximising the total value with fixed costs plus option costs within
  the cash budget, teams forced in or out as set. Solved exactly as a mixed-integer program (HiGHS through SciPy),
  not by a rule of thumb; on small cases the tests check it against every combination. Beside the objective, the
  page shows the selection's program NPV: the decision's NPV with that selection, fixed costs included.
- **The frontier**: the optimum at 30 budgets from the fixed costs to the cost of every team's best option, plus the
  plan's cost and the budget chosen; between two of them the line holds the lower one's optimum. The plan as entered
  is a point on or below it; the page opens at the plan's cost. The next $10K is the optimum at the budget plus $10,000 minus the optimum at
  the budget. Full rules: `docs/PLANNER.md`.
""",
    ),
    Section(
        key="evidence",
        title="Published measurements of time saved and adoption",
        table="evidence",
        detail="""
Each row is one published measurement, with what was measured, the figure as published, its conversion to hours
per person a week or to an adoption share, and where it was checked (`data/evidence.csv`). The What-if page's
Evidence tab places each team's hours saved and adoption against these rows, and each preset's benefit ranges
cite the rows they come from (`data/preset_range_evidence.csv`). The hours saved per delivery model in the
strategy comparison are in `data/delivery_hours_assumptions.csv`.

The same assumptions start every new team on the Program builder: adoption per delivery model
(`data/adoption_assumptions.csv`), hours saved (platform and workshop at most 1 hour a week and never more than
the plan's own figure; coaching and consulting the plan's own figure) and the published benchmark price. When a
team changes delivery model, each of its adoption, hours saved and price that was still at the old model's
assumption moves to the new model's (a moved price takes the new model's published price range); a figure you
set stays, and a note says so.
""",
    ),
)


def section(key: str) -> Section:
    """The section with this key.

    >>> section("cash").title
    'Cash and capacity'
    """
    for item in SECTIONS:
        if item.key == key:
            return item
    raise KeyError(f"no methodology section {key!r} (known: {', '.join(s.key for s in SECTIONS)})")


def numbered() -> list[tuple[str, Section]]:
    """Every section with the heading the page gives it: top-level sections numbered 1, 2, ...

    >>> [heading for heading, _ in numbered()][:2]
    ['1. The weekly grid', '2. Costs']
    """
    out, number = [], 0
    for item in SECTIONS:
        if item.level == 1:
            number += 1
            out.append((f"{number}. {item.title}", item))
        else:
            out.append((item.title, item))
    return out


def _values(scenario: Scenario | None) -> dict[str, str]:
    from .model import horizon_weeks

    scenario = scenario or Scenario()
    defaults = Organization()
    return {
        "weeks_per_year": f"{scenario.organization.working_weeks_per_year}",
        "horizon_months": count(scenario.finance.horizon_months, "month"),  # "1 month", not "1 months"
        "horizon_weeks": count(horizon_weeks(scenario), "week"),
        "default_hourly_cost": f"${defaults.loaded_hourly_cost:,.2f}",
        "default_fte_hours": f"{defaults.hours_per_fte_year:,.0f}",
    }


def intro_markdown(scenario: Scenario | None = None) -> str:
    """The page's opening paragraph, with the scenario's W and horizon (the default scenario's without one).

    >>> "W = 52 working weeks" in intro_markdown() and "24 months =\\n104 weeks" in intro_markdown()
    True
    """
    return INTRO.format(**_values(scenario)).strip()


def detail_markdown(item: Section, scenario: Scenario | None = None) -> str:
    """A section's Markdown for the Methodology page, its placeholders filled from the scenario.

    >>> "$45.65" in detail_markdown(section("defaults"))
    True
    """
    return item.detail.format(**_values(scenario)).strip()


def short_forms(brief_only: bool = False) -> tuple[str, ...]:
    """The rules in short, "Title: sentence", in the page's order (only the brief's four with ``brief_only``).

    >>> len(short_forms(brief_only=True))
    4
    """
    return tuple(item.short_line() for item in SECTIONS if item.short and (item.in_brief or not brief_only))


def brief_sections() -> tuple[Section, ...]:
    """The sections whose short forms the PDF brief prints.

    >>> [item.key for item in brief_sections()]
    ['benefits', 'fully_loaded', 'cash', 'decision']
    """
    return tuple(item for item in SECTIONS if item.short and item.in_brief)


def readme_markdown() -> str:
    """README's "In short" list: one bullet per rule with a short form.

    >>> readme_markdown().splitlines()[0][:30]
    '- **The weekly grid**: Time ru'
    """
    return "".join(f"- **{item.title}**: {item.short}\n" for item in SECTIONS if item.short)


def with_readme_block(readme: str) -> str:
    """README's text with the block between :data:`README_MARKERS` replaced by :func:`readme_markdown`.

    >>> start, end = README_MARKERS
    >>> text = with_readme_block(f"In short:\\n{start}\\n- an old rule\\n{end}\\nAfter.")
    >>> "an old rule" in text, "- **Costs**: Fees follow" in text, text.endswith(f"{end}\\nAfter.")
    (False, True, True)
    """
    start, end = README_MARKERS
    if readme.count(start) != 1 or readme.count(end) != 1 or readme.index(start) > readme.index(end):
        raise ValueError(f"README must hold {start!r} once, then {end!r} once")
    head, rest = readme.split(start)
    _, tail = rest.split(end)
    return f"{head}{start}\n{readme_markdown()}{end}{tail}"
