"""The IRR's root finder (calculator.roots.brentq) and what a command imports to compute one.

scipy.optimize cost ~0.4 s of every ``python -m calculator evaluate`` (``-X importtime``), more than the
evaluation itself; the plain-Python Brent search replaces it and must give SciPy's roots.
"""

import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from calculator import evaluate, load_preset, preset_names
from calculator.model import IRR_HIGH, IRR_LOW, irr_pct
from calculator.roots import NoConvergence, brentq

ROOT = Path(__file__).resolve().parent.parent


class TestBrentq:
    def test_square_root_of_two(self):
        """x^2 - 2 on [0, 2]: the root is sqrt(2) = 1.41421356237..."""
        assert brentq(lambda x: x * x - 2.0, 0.0, 2.0, xtol=1e-14, rtol=1e-14) == pytest.approx(math.sqrt(2), abs=1e-13)

    def test_a_root_at_either_end_is_returned_as_is(self):
        assert brentq(lambda x: x - 3.0, 3.0, 5.0) == 3.0
        assert brentq(lambda x: x - 5.0, 3.0, 5.0) == 5.0

    def test_same_signs_are_refused(self):
        with pytest.raises(ValueError, match="opposite signs"):
            brentq(lambda x: x * x + 1.0, -1.0, 1.0)

    def test_too_few_steps_say_so(self):
        with pytest.raises(NoConvergence):
            brentq(lambda x: x ** 3 - 2.0, 0.0, 1e6, maxiter=3)  # ~60 steps needed

    def test_ten_percent_irr(self):
        """-100 at week 1, +121 at week 3 with W = 1: (1 + r)^2 = 1.21, r = 10%."""
        assert irr_pct(np.array([-100.0, 0.0, 121.0]), 1) == pytest.approx(10.0, abs=1e-9)


def _scipy_irr(net: np.ndarray, weeks_per_year: int) -> float | None:
    from scipy.optimize import brentq as scipy_brentq

    exponents = -np.arange(1, net.size + 1) / weeks_per_year

    def npv_at(rate: float) -> float:
        return float((net * (1.0 + rate) ** exponents).sum())

    low, high = npv_at(IRR_LOW), npv_at(IRR_HIGH)
    if not (math.isfinite(low) and math.isfinite(high)) or low * high >= 0:
        return None
    return scipy_brentq(npv_at, IRR_LOW, IRR_HIGH, xtol=1e-12, rtol=1e-12, maxiter=500) * 100.0


@pytest.mark.parametrize("name", preset_names())
def test_every_preset_irr_equals_scipys(name):
    pytest.importorskip("scipy")
    r = evaluate(load_preset(name))
    expected = _scipy_irr(r.weekly_benefit - r.weekly_cost, r.scenario.organization.working_weeks_per_year)
    assert r.irr_pct is not None and expected is not None
    assert r.irr_pct == pytest.approx(expected, rel=1e-9, abs=0)


def test_random_weekly_nets_give_scipys_irr():
    """2,000 weekly nets (costs first, then value; 1 to 600 weeks, W of 1 to 52) give SciPy's IRR to 1e-9."""
    pytest.importorskip("scipy")
    rng = np.random.default_rng(21)
    compared = 0
    with np.errstate(all="ignore"):  # some nets overflow at -99%: both searches then give None
        for _ in range(2000):
            n = int(rng.integers(1, 600))
            w = int(rng.choice([1, 12, 48, 52]))
            net = np.abs(rng.normal(size=n)) * 10 ** rng.uniform(0, 6)
            net[: int(rng.integers(1, n + 1))] *= -1.0
            expected, got = _scipy_irr(net, w), irr_pct(net, w)
            if expected is None:
                assert got is None
            else:
                compared += 1
                assert got == pytest.approx(expected, rel=1e-9, abs=1e-12)
    assert compared > 1000


def test_evaluate_imports_no_scipy():
    """The command line's evaluate runs without importing SciPy (it cost ~0.4 s of every start)."""
    code = ("import sys, runpy; sys.argv = ['calculator', 'evaluate', '--preset', 'seed-200-person-org']; "
            "import io, contextlib\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try: runpy.run_module('calculator', run_name='__main__')\n"
            "    except SystemExit as e: assert e.code in (0, None), e.code\n"
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'scipy')\n"
            "assert not loaded, loaded[:5]")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
