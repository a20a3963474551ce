"""Command line: ``python -m calculator evaluate|presets|analyze|optimize|export|methodology``.

Bad input exits with status 2, one line per problem on stderr (naming the
field's path), and nothing on stdout. A file that left fields out loads with
their defaults and one ``note:`` line on stderr names them; stdout is unchanged.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys

from . import presets
from .formatting import count
from .model import SCENARIO_ENDS, at_end, evaluate
from .scenario import (
    Scenario,
    ScenarioError,
    load_noting_defaults,
    read_limited,
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one clear line, status 2, no usage dump on stdout
        sys.stderr.write(f"error: {message}\n")
        raise SystemExit(2)


def _scenario_from(args) -> tuple[Scenario, str | None]:
    """The scenario the arguments name, and a note naming the fields its file left out (None when none were)."""
    if args.preset and args.file:
        raise ScenarioError(["arguments: give a scenario file or --preset, not both"])
    notice = None
    if args.preset:
        try:
            scenario = presets.load_preset(args.preset)
        except KeyError as exc:
            raise ScenarioError([f"--preset: {exc.args[0]}"])
    elif args.file:
        scenario, notice = load_noting_defaults(read_limited(args.file), "scenario",
                                                "standard input" if args.file == "-" else args.file)
    else:
        raise ScenarioError(["arguments: give a scenario FILE or --preset NAME"])
    if getattr(args, "at", None):
        scenario = at_end(scenario, args.at)
    return scenario, notice


def _note(notice: str | None) -> None:
    # stdout is the JSON contract; what the file left out is said beside it, on stderr, after a run that worked
    # (a refused run's stderr stays one line per problem).
    if notice:
        sys.stderr.write(f"note: {notice}\n")


@contextlib.contextmanager
def _solver_quiet():
    """Standard output closed to the MILP solver's own prints while it runs.

    HiGHS writes a debug line ("HighsMipSolverData::transformNewIntegerFeasibleSolution ...") straight to file
    descriptor 1 when a time limit stops it, which put it before the JSON on stdout. The command line is one
    thread, so pointing descriptor 1 at the null device for the solve loses nothing of ours.
    """
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no real descriptor 1 (a captured stdout): nothing to protect
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, indent=2, allow_nan=False) + "\n")


def _add_source(p) -> None:
    p.add_argument("file", nargs="?", help="scenario JSON file (- reads standard input)")
    p.add_argument("--preset", help="use a shipped preset instead of a file")
    p.add_argument("--at", choices=SCENARIO_ENDS,
                   help="low/high: every input named in ranges at that end; pessimistic/optimistic: each at the end "
                        "that lowers/raises the decision NPV")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m calculator", description="AI-training ROI calculator")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    ev = sub.add_parser("evaluate", help="print the results of a scenario as JSON")
    _add_source(ev)
    ev.add_argument("--weekly", action="store_true", help="include the week-by-week table")
    sub.add_parser("presets", help="list the shipped presets")
    _add_analyze(sub)
    _add_optimize(sub)
    _add_export(sub)
    me = sub.add_parser("methodology", help="print the methodology's rules in short (calculator.methodology)")
    me.add_argument("--markdown", action="store_true",
                    help="as README's Markdown list (scripts/sync_readme.py writes it into README.md)")
    return parser


# --------------------------------------------------------------------------- analyze
def _add_analyze(sub) -> None:
    an = sub.add_parser("analyze", help="print strategies, the spend mix, lenses, tornado, break-even and "
                                        "uncertainty as JSON")
    _add_source(an)
    an.add_argument("--draws", type=int, default=10_000, help="Monte Carlo draws (default 10,000)")
    an.add_argument("--seed", type=int, default=0, help="Monte Carlo seed (default 0)")
    an.add_argument("--target-payback-months", type=float, default=12.0,
                    help="payback target for the break-even (default 12)")
    an.add_argument("--correlation", type=float, default=0.5,
                    help="correlation of the benefit drivers (hours saved, adoption, recapture) in the Monte Carlo, "
                         "0 (independent) to 1 (default 0.5); costs are drawn independently")


def _analyze(args, scenario: Scenario) -> int:
    from .analysis import analyze  # imported here: the other commands do not need it
    from .limits import draws_problem
    from .model import horizon_weeks

    problems = []
    too_many = draws_problem(args.draws, scenario, horizon_weeks(scenario))
    if too_many:
        problems.append(f"--{too_many}")
    if args.seed < 0:
        problems.append(f"--seed: must be >= 0, got {args.seed}")
    if not (0 < args.target_payback_months <= 1200):  # NaN fails this too
        problems.append(f"--target-payback-months: must be > 0 and <= 1200, got {args.target_payback_months}")
    if not (0 <= args.correlation <= 1):  # NaN fails this too
        problems.append(f"--correlation: must be from 0 to 1, got {args.correlation}")
    if problems:
        sys.stderr.write("".join(p + "\n" for p in problems))
        return 2
    # The typed results become JSON here, at the edge, and nowhere else.
    _print_json(analyze(scenario, draws=args.draws, seed=args.seed, target_payback_months=args.target_payback_months,
                        correlation=args.correlation).to_dict())
    return 0


# --------------------------------------------------------------------------- optimize
def _add_optimize(sub) -> None:
    op = sub.add_parser("optimize", help="print the best selection of teams' options within a budget as JSON")
    op.add_argument("file", nargs="?", help="scenario JSON file")
    op.add_argument("--preset", help="use a shipped preset instead of a file")
    op.add_argument("--budget", required=True, help="the program's whole budget, fixed costs included")
    op.add_argument("--objective", default="npv", help="npv (default), cash_npv or hours")
    op.add_argument("--frontier", action="store_true", help="add the efficient frontier (30 budgets)")
    op.add_argument("--time-limit", type=float, default=None, metavar="SECONDS",
                    help="seconds each solve may take (default 20); past it the best selection found is printed "
                         "with its proven gap and optimal: false")


def _parse_budget(args) -> tuple[float, list[str]]:
    """``--budget`` and ``--objective`` checked together: the budget, and one line per problem."""
    import math

    from .planner import OBJECTIVES

    try:
        budget = float(args.budget)
    except ValueError:
        budget = math.nan
    problems = []
    if not math.isfinite(budget) or budget < 0:
        problems.append(f"--budget: must be a number >= 0, got {args.budget!r}")
    if args.objective not in OBJECTIVES:
        problems.append(f"--objective: must be one of {', '.join(OBJECTIVES)}, got {args.objective!r}")
    return budget, problems


def _optimize(args, scenario: Scenario) -> int:
    from .planner import CLI_TIME_LIMIT, InfeasibleBudget, frontier, optimize, plan_dict

    budget, problems = _parse_budget(args)
    limit = CLI_TIME_LIMIT if args.time_limit is None else args.time_limit
    if not (limit > 0 and limit < float("inf")):
        problems.append(f"--time-limit: must be a number of seconds > 0, got {args.time_limit!r}")
    if problems:
        sys.stderr.write("".join(p + "\n" for p in problems))
        return 2
    try:
        with _solver_quiet():
            plan = optimize(scenario, budget, args.objective, time_limit=limit)
            plans = (frontier(scenario, args.objective, teams=plan.teams, fixed=plan.fixed, time_limit=limit)
                     if args.frontier else None)
    except InfeasibleBudget as exc:
        sys.stderr.write(f"--{exc}\n")  # the message starts with "budget: ..."
        return 2
    except ValueError as exc:  # an objective the model cannot compute for this scenario
        sys.stderr.write(f"--{exc}\n")
        return 2
    _print_json(plan_dict(plan, scenario, plans))
    return 0


# --------------------------------------------------------------------------- export
def _add_export(sub) -> None:
    ex = sub.add_parser("export", help="write the charts, CSVs, workbook, brief, deck, scenario and CFO pack")
    _add_source(ex)
    ex.add_argument("--out", required=True, help="directory to write into (created if missing)")
    ex.add_argument("--formats", help="comma-separated subset of png,svg,csv,xlsx,pdf,pptx,json,zip (default: all)")
    ex.add_argument("--budget", help="add what this budget buys (the Budget planner) to the charts, brief and deck")
    ex.add_argument("--objective", default="npv", help="the budget plan's objective: npv (default), cash_npv or hours")


def _budget_settings(args, scenario: Scenario):
    """``--budget`` / ``--objective`` as planner settings, or the problems with them (an infeasible budget too)."""
    from .planner import BudgetSettings, InfeasibleBudget

    budget, problems = _parse_budget(args)
    if problems:
        return None, problems
    settings = BudgetSettings(budget, args.objective)
    try:
        settings.view(scenario)
    except (InfeasibleBudget, ValueError) as exc:  # the message starts with "budget:" or "objective ..."
        return None, [f"--{exc}"]
    return settings, []


def _export(args) -> int:
    """Check the scenario, the formats and the directory together, so every problem is reported at once."""
    from pathlib import Path

    from .export import Export, build, parse_formats  # imported here: the renderers are slow to load

    problems = []
    notice = None
    try:
        scenario, notice = _scenario_from(args)
    except ScenarioError as exc:
        problems += exc.problems
    try:
        formats = parse_formats(args.formats)
    except ValueError as exc:
        problems += [f"--formats: {line}" for line in str(exc).splitlines()]
    budget = None
    if args.budget is not None and not problems:
        budget, budget_problems = _budget_settings(args, scenario)
        problems += budget_problems
    out = Path(args.out)
    if not args.out.strip():  # Path("") is the working directory: never written into by accident
        problems.append("--out: must name a directory, got an empty path")
    elif out.exists() and not out.is_dir():
        problems.append(f"--out: {out} exists and is not a directory")
    if not problems:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            problems.append(f"--out: cannot create {out}: {exc.strerror or exc}")
    if not problems:
        problems += _writable(out)  # before the build, which can take seconds
    if problems:
        sys.stderr.write("".join(p + "\n" for p in problems))
        return 2
    files = build(Export.of(scenario), formats, budget=budget)
    for done, (name, data) in enumerate(files.items()):
        try:
            _write_whole(out / name, data)
        except OSError as exc:
            before = f" ({count(done, 'file')} of {len(files)} written before it)" if done else ""
            sys.stderr.write(f"--out: cannot write {out / name}: {exc.strerror or exc}{before}\n")
            return 2
        sys.stdout.write(f"{out / name}\n")
    _note(notice)
    return 0


def _writable(out) -> list[str]:
    """Why no file can be made in the directory ``out``, or nothing (a probe file is made and removed)."""
    import tempfile

    try:
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as exc:
        return [f"--out: cannot write into {out}: {exc.strerror or exc}"]
    return []


def _write_whole(target, data: bytes) -> None:
    """Write ``data`` to ``target`` whole or not at all: into a temporary file beside it, then renamed onto it, so
    a failure (a full disk, a directory of that name) never leaves a half-written file under the name."""
    import tempfile

    fd, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        raise


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "presets":
        _print_json([{"name": n, "title": presets.load_preset(n).name} for n in presets.preset_names()])
        return 0
    if args.command == "export":
        return _export(args)
    if args.command == "methodology":
        from . import methodology

        sys.stdout.write(methodology.readme_markdown() if args.markdown
                         else "".join(line + "\n" for line in methodology.short_forms()))
        return 0
    try:
        scenario, notice = _scenario_from(args)
    except ScenarioError as exc:
        for problem in exc.problems:
            sys.stderr.write(problem + "\n")
        return 2
    status = 0
    if args.command == "analyze":
        status = _analyze(args, scenario)
    elif args.command == "optimize":
        status = _optimize(args, scenario)
    elif args.command == "evaluate":
        _print_json(evaluate(scenario).to_dict(weekly=args.weekly))
    if status == 0:
        _note(notice)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
