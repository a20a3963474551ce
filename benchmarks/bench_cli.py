"""Whole-process timings of the command line (not a unit test: it reports, it does not assert).

    python benchmarks/bench_cli.py [--repeats 5] [--baseline PATH] [--only evaluate,analyze,export]

Each command runs as its own ``python -m calculator ...`` process, as a user types it, so the figures include
the interpreter's start and every import. For each it prints the median wall-clock time, the median CPU time
(user + system: less moved by other processes on a shared machine) and the median peak memory (max RSS).
``--baseline PATH`` runs the same commands in another checkout (e.g. a ``git worktree`` of an older commit)
interleaved with this one, run by run, so both see the same load. ``hyperfine`` gives the same wall figures
where it is installed; this script needs nothing beyond Python.

Targets (issue 21, 2-core machine): evaluate < 0.35 s, analyze 10,000 draws < 0.6 s, the CFO pack < 3 s and
< 250 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

COMMANDS = {
    "evaluate": (["evaluate", "--preset", "seed-200-person-org"], 0.35, None),
    "analyze": (["analyze", "--preset", "seed-200-person-org", "--draws", "10000", "--seed", "0"], 0.6, None),
    "export": (["export", "--preset", "seed-200-person-org", "--out", "{out}"], 3.0, 250),
}


def run_once(checkout: Path, argv: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS in MB of one ``python -m calculator`` process."""
    with tempfile.TemporaryDirectory() as out:
        args = [sys.executable, "-m", "calculator", *(a.format(out=out) for a in argv)]
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=checkout, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read().decode() if proc.stderr else ""
        if proc.stderr:
            proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed in {checkout} ({proc.returncode}): {err.strip()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="another checkout to time beside this one")
    parser.add_argument("--only", default=",".join(COMMANDS), help="comma-separated commands (default: all)")
    args = parser.parse_args(argv)

    checkouts = {"this": ROOT} | ({"baseline": args.baseline.resolve()} if args.baseline else {})
    names = [n.strip() for n in args.only.split(",") if n.strip()]
    unknown = sorted(set(names) - set(COMMANDS))
    if unknown:
        parser.error(f"--only: unknown command(s) {', '.join(unknown)}; choose from {', '.join(COMMANDS)}")
    rows = []
    for name in names:
        cmd, target_s, target_mb = COMMANDS[name]
        samples: dict[str, list[tuple[float, float, float]]] = {label: [] for label in checkouts}
        for _ in range(args.repeats):  # interleaved: this, baseline, this, baseline ...
            for label, checkout in checkouts.items():
                samples[label].append(run_once(checkout, cmd))
        for label, runs in samples.items():
            rows.append({"command": name, "checkout": label, "runs": len(runs),
                         "wall_s": statistics.median(r[0] for r in runs),
                         "wall_min_s": min(r[0] for r in runs),
                         "cpu_s": statistics.median(r[1] for r in runs),
                         "peak_mb": statistics.median(r[2] for r in runs),
                         "target_s": target_s, "target_mb": target_mb})

    try:
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        load = "unknown"
    print(f"python -m calculator, whole process, median of {args.repeats} (load average {load}):")
    for row in rows:
        target = f"target < {row['target_s']} s" + (f", < {row['target_mb']} MB" if row["target_mb"] else "")
        print(f"  {row['command']:<9} {row['checkout']:<9} wall {row['wall_s']:6.3f} s (min {row['wall_min_s']:.3f})"
              f"  cpu {row['cpu_s']:6.3f} s  peak {row['peak_mb']:6.0f} MB   {target}")
    print(json.dumps({"load_average": load, "results": rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
