"""The CFO pack, built once per scenario and settings: a second click (or a second visitor with the same
scenario) gets the same bytes at once instead of rebuilding every file and rerunning the Monte Carlo."""

from __future__ import annotations

import datetime as dt
import functools

from calculator import export
from calculator.analysis import WhatIfSettings
from calculator.planner import BudgetSettings
from calculator.scenario import Scenario


@functools.lru_cache(maxsize=4)  # a pack is a few MB; four cover a meeting's back-and-forth
def _cfo_pack(scenario: Scenario, whatif: WhatIfSettings, budget: BudgetSettings | None, as_of: dt.date) -> bytes:
    return export.pack_zip(export.Export.of(scenario, as_of), whatif=whatif, budget=budget)


def cfo_pack(scenario: Scenario, whatif: WhatIfSettings, budget: BudgetSettings | None) -> bytes:
    """``export.pack_zip`` for today, cached by everything it reads (the scenario, not its evaluation)."""
    today = dt.date.today()
    try:
        hash((scenario, whatif, budget))
    except TypeError:  # settings that cannot be hashed: build without the cache
        return export.pack_zip(export.Export.of(scenario, today), whatif=whatif, budget=budget)
    return _cfo_pack(scenario, whatif, budget, today)
