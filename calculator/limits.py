"""The bounds on what a scenario file, link or upload may ask of the app, stated once.

The loader (:mod:`calculator.scenario`) enforces them at the edge, for the command
line, the share link and the upload alike, so that no input, however hostile,
can exhaust memory, freeze a browser or crash the loader. Each message that
refuses an input names the limit it hit. The README's "Limits" section lists
them; keep the two in step.

>>> MAX_SCENARIO_BYTES, MAX_TEAMS, MAX_PROBLEMS_REPORTED
(1000000, 500, 50)
"""

from __future__ import annotations

from .formatting import count

# A scenario document: file, stdin, upload or the inflated share link. A 500-team scenario with
# a range on every team's price and hours is about 0.4 MB of canonical JSON.
MAX_SCENARIO_BYTES = 1_000_000
# Nesting of the JSON document. A valid scenario is 4 deep (cohorts[i].actuals.field); the slack
# lets a wrong-but-harmless document get field-by-field messages instead of one "too deep".
MAX_NESTING_DEPTH = 16
# Teams (cohorts) in one scenario.
MAX_TEAMS = 500
# Program costs outside any tier (other_costs: management, evaluation, contingency).
MAX_OTHER_COSTS = 100
# Uncertainty ranges: one per canonical parameter path (``cohorts[0].price``), at most this many.
MAX_RANGES = 1_000
# Problems listed for one rejected document: the first ones, then "and N more".
MAX_PROBLEMS_REPORTED = 50
# Fields a loaded file left out (each took its default), named in the load's notice: the first ones, then "and N more".
MAX_DEFAULTS_LISTED = 8
# Text fields (characters): names, the currency code's field, the free notes.
MAX_NAME_CHARS = 200
MAX_NOTES_CHARS = 2_000

# Monte Carlo: draws per run, and the memory one run may hold (see monte_carlo_bytes).
MAX_DRAWS = 1_000_000
MONTE_CARLO_MEMORY_BYTES = 256 * 2**20  # 256 MiB


def monte_carlo_bytes(draws: int, ranged_inputs: int, weeks: int, block: int = 1_000) -> int:
    """Bytes a Monte Carlo run holds at its peak, as float64 arrays.

    The drawn inputs are a ``draws x ranged_inputs`` table (a ``cohorts[*]`` range counts once per
    team); the model then works through blocks of ``block`` draws, each holding about 16 arrays of
    ``block x weeks`` (costs and benefits per tier, hours, discounting), and keeps four results per draw.

    Examples
    --------
    10,000 draws of 2,000 ranged inputs over 104 weeks: 10,000 x (2,000 + 4) x 8 bytes for the draws
    and their results, plus 16 x 1,000 x 104 x 8 bytes of working arrays = 160,320,000 + 13,312,000:

    >>> monte_carlo_bytes(10_000, 2_000, 104)
    173632000
    """
    rows = min(draws, block)
    return 8 * (draws * (ranged_inputs + 4) + 16 * rows * weeks)


def max_draws_within_budget(ranged_inputs: int, weeks: int, block: int = 1_000) -> int:
    """The most draws whose run stays within :data:`MONTE_CARLO_MEMORY_BYTES` (at most :data:`MAX_DRAWS`).

    30 ranged inputs over 104 weeks: (268,435,456 budget - 16 x 1,000 x 104 x 8 working) / (8 x 34) per draw:

    >>> max_draws_within_budget(30, 104)
    937953
    >>> max_draws_within_budget(0, 104)
    1000000
    """
    working = 8 * 16 * block * weeks
    per_draw = 8 * (ranged_inputs + 4)
    return max(0, min(MAX_DRAWS, (MONTE_CARLO_MEMORY_BYTES - working) // per_draw))


def ranged_inputs(scenario) -> int:
    """The uncertain inputs a Monte Carlo of ``scenario`` draws: a ``cohorts[*]`` range counts once per team.

    (An upper bound: a team's own range replaces its share of a ``cohorts[*]`` range.)

    >>> from calculator.scenario import Cohort, Scenario
    >>> ranges = (("cohorts[*].price", 300.0, 400.0), ("finance.productivity_recapture", 0.5, 1.0))
    >>> ranged_inputs(Scenario(cohorts=(Cohort(), Cohort()), ranges=ranges))
    3
    """
    teams = len(scenario.cohorts)
    return sum(teams if path.startswith("cohorts[*]") else 1 for path, _, _ in scenario.ranges)


def draws_problem(draws: int, scenario, weeks: int) -> str | None:
    """Why a Monte Carlo of ``draws`` draws is refused for this scenario, or None.

    >>> from calculator.scenario import Scenario
    >>> draws_problem(10_000, Scenario(), 104) is None
    True
    """
    if not 1 <= draws <= MAX_DRAWS:
        return f"draws: must be from 1 to {MAX_DRAWS:,}, got {draws:,}"
    inputs = ranged_inputs(scenario)
    if monte_carlo_bytes(draws, inputs, weeks) > MONTE_CARLO_MEMORY_BYTES:
        most = max_draws_within_budget(inputs, weeks)
        return (f"draws: {count(draws, 'draw')} of {count(inputs, 'uncertain input')} over {count(weeks, 'week')} "
                "need about "
                f"{monte_carlo_bytes(draws, inputs, weeks) / 2**20:,.0f} MiB, over the limit of "
                f"{MONTE_CARLO_MEMORY_BYTES // 2**20} MiB; it has room for at most {count(most, 'draw')}")
    return None


# --------------------------------------------------------------------------- how long heavy work takes
# Model work is about linear in rows (draws) x streams (teams, plus literacy) x weeks. Measured on the
# 2-core target: 3.2e-8 s idle (500 teams x 520 weeks x 50,000 draws in 413 s) to 8.8e-8 s when busy.
SECONDS_PER_DRAW_TEAM_WEEK = 5e-8
# The break-even's grid and bisection cost about as much as this many draws (measured: 2.7 s for
# 100 teams over 520 weeks when busy).
BREAK_EVEN_DRAWS_EQUIVALENT = 600
# Above this, the What-if page says how long a run will take and waits to be asked.
CONFIRM_ABOVE_SECONDS = 5.0


def monte_carlo_seconds(draws: int, teams: int, weeks: int) -> float:
    """About how long a Monte Carlo of ``draws`` draws takes, in seconds.

    >>> round(monte_carlo_seconds(10_000, 480, 520))  # 10,000 x 481 x 520 x 5e-8 s
    125
    """
    return draws * (teams + 1) * weeks * SECONDS_PER_DRAW_TEAM_WEEK


# The CFO pack (brief, deck, workbook, CSVs, 14 chart files, the What-if analyses with their Monte Carlo), measured
# warm on the 2-core target, 8 Dec 2026, against the seed's teams repeated: 3.1 s for 7 teams over 104 weeks,
# 4.9 s for 30 teams; 7.6 s for 60 teams over 260 weeks and 9.5 s with a price and an hours range on each;
# 9.6 s for 120 teams over 156 weeks and 13.0 s with 240 ranges. Each range costs the sensitivity two model
# runs of every team and week. The estimate below is 1.1-1.7 times those: it errs long, as the Monte Carlo's does.
PACK_FIXED_SECONDS = 3.0
PACK_SECONDS_PER_TEAM = 0.03
PACK_SECONDS_PER_RANGE_TEAM_WEEK = 9e-7


def pack_seconds(draws: int, teams: int, weeks: int, ranges: int) -> float:
    """About how long the CFO pack takes to build, in seconds: fixed work, each team's files and rows, the
    sensitivity's two runs a range, and the What-if Monte Carlo of ``draws`` draws.

    >>> round(pack_seconds(10_000, 7, 104, 0), 1)   # 3 + 7 x 0.03 + 10,000 x 8 x 104 x 5e-8
    3.6
    >>> round(pack_seconds(10_000, 500, 520, 1_000))  # the largest valid scenario (measured: 259 s): asked first
    382
    """
    return (PACK_FIXED_SECONDS + PACK_SECONDS_PER_TEAM * teams
            + PACK_SECONDS_PER_RANGE_TEAM_WEEK * ranges * teams * weeks
            + monte_carlo_seconds(draws, teams, weeks))


def break_even_seconds(teams: int, weeks: int) -> float:
    """About how long the break-even search takes, in seconds.

    >>> round(break_even_seconds(500, 520), 1)  # 600 x 501 x 520 x 5e-8 s
    7.8
    """
    return monte_carlo_seconds(BREAK_EVEN_DRAWS_EQUIVALENT, teams, weeks)
