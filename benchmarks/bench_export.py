"""Benchmark of the exports (not a unit test: it reports, it does not assert).

    python benchmarks/bench_export.py [--repeats 3] [--preset seed-200-person-org]

Prints median wall-clock times on this machine, then the same figures as one
JSON line for scripts:

- importing the exporters (vl-convert, fpdf2, python-pptx, openpyxl),
- the first CFO pack in a fresh process (includes starting vl-convert's JavaScript engine),
- the whole CFO pack, warm (target < 3 s on a 2-core machine), as the Exports page's button builds it,
- the auditable workbook alone, warm (target < 300 ms), scenario evaluation included,
- each format on its own (each evaluates the scenario again, as one download button does).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # runnable as a plain script from anywhere
    sys.path.insert(0, str(ROOT))

TARGET_PACK_S = 3.0
TARGET_WORKBOOK_S = 0.3


def median_s(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--preset", default="seed-200-person-org")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    from calculator import export
    from calculator.presets import load_preset
    import_s = time.perf_counter() - start

    scenario = load_preset(args.preset)
    start = time.perf_counter()
    # Each case evaluates the scenario too (Export.of), as a click on the Exports page does.
    pack = export.pack_zip(export.Export.of(scenario))
    cold_s = time.perf_counter() - start

    rows = [{"case": "import the exporters", "s": import_s, "target_s": None},
            {"case": "CFO pack, first in the process", "s": cold_s, "target_s": None},
            {"case": "CFO pack (zip), warm",
             "s": median_s(lambda: export.pack_zip(export.Export.of(scenario)), args.repeats),
             "target_s": TARGET_PACK_S},
            {"case": "workbook (xlsx), warm",
             "s": median_s(lambda: export.workbook_bytes(export.Export.of(scenario)), args.repeats),
             "target_s": TARGET_WORKBOOK_S}]
    for fmt in export.FORMATS[:-1]:
        rows.append({"case": f"{fmt} alone",
                     "s": median_s(lambda fmt=fmt: export.build(export.Export.of(scenario), [fmt]), args.repeats),
                     "target_s": None})

    print(f"Exports of {args.preset} (pack {len(pack) / 1e6:.2f} MB), median of {args.repeats}:")
    for row in rows:
        target = f"target < {row['target_s'] * 1000:.0f} ms" if row["target_s"] else ""
        flag = "" if not row["target_s"] else ("ok" if row["s"] < row["target_s"] else "SLOW")
        print(f"  {row['case']:<34} {row['s'] * 1000:8.0f} ms  {target} {flag}")
    print(json.dumps({"preset": args.preset, "pack_bytes": len(pack), "results": rows}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
