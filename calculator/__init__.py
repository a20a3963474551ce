"""The AI-training ROI calculator: a pure model of a three-tier training program.

No Streamlit here: the app in ``app.py`` and ``views/`` only draws what this
package computes. The methodology is ``docs/MODEL.md``.
"""

from .model import BatchResult, Result, evaluate, evaluate_batch, horizon_weeks
from .presets import DEFAULT_PRESET, load_preset, preset_names, price_benchmark, price_benchmarks
from .scenario import (
                       Actuals,
                       Cohort,
                       Finance,
                       Literacy,
                       Organization,
                       Scenario,
                       ScenarioError,
                       at_range_end,
                       dumps,
                       from_dict,
                       load,
                       loads,
                       to_dict,
                       with_parameter,
)

__all__ = [
    "Actuals", "BatchResult", "Cohort", "DEFAULT_PRESET", "Finance", "Literacy", "Organization", "Result",
    "Scenario", "ScenarioError", "at_range_end", "dumps", "evaluate", "evaluate_batch", "from_dict",
    "horizon_weeks", "load", "load_preset", "loads", "preset_names", "price_benchmark", "price_benchmarks", "to_dict",
    "with_parameter",
]
