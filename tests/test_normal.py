"""The Monte Carlo's normal distribution function (calculator.analysis.normal) and what analyze imports.

scipy.special.ndtr cost ~0.3 s of every ``python -m calculator analyze`` (importing scipy.special);
standard_normal_cdf replaces it and must give its values.
"""

import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from calculator.analysis.normal import standard_normal_cdf

ROOT = Path(__file__).resolve().parent.parent


class TestStandardNormalCdf:
    def test_hand_worked_values(self):
        """Phi(0) = 1/2; Phi(1) = (1 + erf(1/sqrt 2)) / 2 = 0.8413447460685429; Phi(-z) = 1 - Phi(z)."""
        got = standard_normal_cdf(np.array([0.0, 1.0, -1.0, 1.96]))
        assert got[0] == 0.5
        assert got[1] == pytest.approx(0.5 * (1 + math.erf(1 / math.sqrt(2))), rel=1e-15)
        assert got[2] == pytest.approx(0.5 * math.erfc(1 / math.sqrt(2)), rel=1e-15)
        assert got[3] == pytest.approx(0.9750021048517795, rel=1e-15)

    def test_a_far_tail_keeps_its_relative_precision(self):
        """Phi(-8) = erfc(8 / sqrt 2) / 2 = 6.22e-16: 1 - Phi(8) would round to 0 or 1.1e-16."""
        assert standard_normal_cdf(np.array([-8.0]))[0] == pytest.approx(0.5 * math.erfc(8 / math.sqrt(2)), rel=1e-14)

    def test_beyond_the_floats_it_is_0_or_1(self):
        assert standard_normal_cdf(np.array([-40.0, 40.0])).tolist() == [0.0, 1.0]

    def test_shape_is_kept(self):
        assert standard_normal_cdf(np.zeros((3, 4))).shape == (3, 4)

    def test_equals_scipys_ndtr(self):
        """200,001 points on [-10, 10] and 100,000 normal draws: within 1e-14 relative of scipy.special.ndtr."""
        special = pytest.importorskip("scipy.special")
        z = np.concatenate([np.linspace(-10, 10, 200_001), np.random.default_rng(22).normal(size=100_000) * 3])
        expected = special.ndtr(z)
        assert np.all(np.abs(standard_normal_cdf(z) - expected) <= 1e-14 * expected)


def test_analyze_imports_no_scipy():
    """The Monte Carlo runs its draws without importing SciPy (~0.3 s of every start). (analyze's spend-mix view
    finds its best mix with the planner's MILP, which does need scipy.optimize.milp.)"""
    code = ("import sys\n"
            "from calculator.presets import load_preset\n"
            "from calculator.analysis.uncertainty import uncertainty\n"
            "uncertainty(load_preset('seed-200-person-org'), draws=500, seed=0)\n"
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'scipy')\n"
            "assert not loaded, loaded[:5]")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
