"""The CFO pack, built once per scenario and settings: a second click (or a second visitor with the same
scenario) gets the same bytes at once instead of rebuilding every file and rerunning the Monte Carlo."""

from __future__ import annotations

import datetime as dt
import functools

from calculator import export


@functools.lru_cache(maxsize=4)  # a pack is a few MB; four cover a meeting's back-and-forth
def _cfo_pack(scenario, whatif, budget, as_of: dt.date) -> bytes:
    return export.pack_zip(scenario, as_of=as_of, whatif=whatif, budget=budget)


def cfo_pack(scenario, whatif, budget) -> bytes:
    """``export.pack_zip`` for today, cached by everything it reads."""
    today = dt.date.today()
    try:
        hash((scenario, whatif, budget))
    except TypeError:  # settings that cannot be hashed: build without the cache
        return export.pack_zip(scenario, as_of=today, whatif=whatif, budget=budget)
    return _cfo_pack(scenario, whatif, budget, today)
