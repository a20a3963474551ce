"""Command line: ``python -m calculator evaluate|presets|analyze|export|bench``.

Bad input exits with status 2, one line per problem on stderr (naming the
field's path), and nothing on stdout.
"""

from __future__ import annotations

import argparse
import json
import sys

from . import presets
from .model import evaluate
from .scenario import Scenario, ScenarioError, at_range_end, load


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one clear line, status 2, no usage dump on stdout
        sys.stderr.write(f"error: {message}\n")
        raise SystemExit(2)


def _scenario_from(args) -> Scenario:
    if args.preset and args.file:
        raise ScenarioError(["arguments: give a scenario file or --preset, not both"])
    if args.preset:
        try:
            scenario = presets.load_preset(args.preset)
        except KeyError as exc:
            raise ScenarioError([f"--preset: {exc.args[0]}"])
    elif args.file:
        scenario = load(args.file)
    else:
        raise ScenarioError(["arguments: give a scenario FILE or --preset NAME"])
    if getattr(args, "at", None):
        scenario = at_range_end(scenario, args.at)
    return scenario


def _print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, indent=2, allow_nan=False) + "\n")


def _add_source(p) -> None:
    p.add_argument("file", nargs="?", help="scenario JSON file")
    p.add_argument("--preset", help="use a shipped preset instead of a file")
    p.add_argument("--at", choices=("low", "high"), help="set every input named in ranges to its low or high end")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m calculator", description="AI-training ROI calculator")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    ev = sub.add_parser("evaluate", help="print the results of a scenario as JSON")
    _add_source(ev)
    ev.add_argument("--weekly", action="store_true", help="include the week-by-week table")
    sub.add_parser("presets", help="list the shipped presets")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "presets":
        _print_json([{"name": n, "title": presets.load_preset(n).name} for n in presets.preset_names()])
        return 0
    try:
        scenario = _scenario_from(args)
    except ScenarioError as exc:
        for problem in exc.problems:
            sys.stderr.write(problem + "\n")
        return 2
    if args.command == "evaluate":
        _print_json(evaluate(scenario).to_dict(weekly=args.weekly))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
