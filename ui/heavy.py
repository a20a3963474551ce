"""The CFO pack, built once per scenario and settings: a second click (or a second visitor with the same
scenario) gets the same bytes at once instead of rebuilding every file and rerunning the Monte Carlo."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from calculator import export
from calculator.analysis import WhatIfSettings
from calculator.planner import BudgetSettings
from calculator.scenario import Scenario


@dataclass(frozen=True)
class _PackOrder:
    """What a pack is built from. Equal (so cached) by the scenario, the settings and the date; the evaluation
    rides along uncompared: it is the scenario's, and comparing its arrays would only cost time."""

    ex: export.Export = field(compare=False)
    scenario: Scenario
    whatif: WhatIfSettings
    budget: BudgetSettings | None
    as_of: dt.date


@functools.lru_cache(maxsize=4)  # a pack is a few MB; four cover a meeting's back-and-forth
def _cfo_pack(order: _PackOrder) -> bytes:
    return export.pack_zip(order.ex, whatif=order.whatif, budget=order.budget)


def cfo_pack(ex: export.Export, whatif: WhatIfSettings, budget: BudgetSettings | None) -> bytes:
    """``export.pack_zip`` of the page's evaluation, cached by everything it reads (the scenario, the What-if and
    budget settings, the date), not by the evaluation."""
    order = _PackOrder(ex, ex.scenario, whatif, budget, ex.as_of)
    try:
        hash(order)
    except TypeError:  # settings that cannot be hashed: build without the cache
        return export.pack_zip(ex, whatif=whatif, budget=budget)
    return _cfo_pack(order)
