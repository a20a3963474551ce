"""A bracketed root finder (Brent's method) in plain Python, for the IRR.

``scipy.optimize.brentq`` did this job, but importing ``scipy.optimize`` costs ~0.4 s of every process
start (``python -X importtime``), more than the whole evaluation; the IRR needs one scalar root of a
function that changes sign on a bracket. This is the same algorithm, step for step, as SciPy's
``brentq`` (Brent 1973, with SciPy's inverse quadratic extrapolation and its tolerance rule
``(xtol + rtol * |x|) / 2``), so it returns the same root to far better than 1e-9 relative on every preset
(``tests/test_roots.py`` compares the two where SciPy is installed).
"""

from __future__ import annotations

import math
from collections.abc import Callable


class NoConvergence(ArithmeticError):
    """The root was not bracketed tightly enough within ``maxiter`` steps."""


def brentq(f: Callable[[float], float], a: float, b: float, *, xtol: float = 2e-12, rtol: float = 8.9e-16,
           maxiter: int = 100) -> float:
    """A root of ``f`` in ``[a, b]``, where ``f(a)`` and ``f(b)`` have opposite signs.

    Each step takes the inverse-quadratic (or secant) step when it is short enough and bisects
    otherwise, so the bracket always shrinks; it stops when half the bracket is under
    ``(xtol + rtol * |x|) / 2``.

    >>> round(brentq(lambda x: x * x - 2.0, 0.0, 2.0, xtol=1e-14, rtol=1e-14), 12)
    1.414213562373
    >>> brentq(lambda x: x - 3.0, 3.0, 5.0)
    3.0
    >>> brentq(lambda x: x * x + 1.0, -1.0, 1.0)
    Traceback (most recent call last):
    ...
    ValueError: f(a) and f(b) must have opposite signs
    """
    x_pre, x_cur = float(a), float(b)
    f_pre, f_cur = float(f(x_pre)), float(f(x_cur))
    if f_pre == 0.0:
        return x_pre
    if f_cur == 0.0:
        return x_cur
    if math.copysign(1.0, f_pre) == math.copysign(1.0, f_cur):
        raise ValueError("f(a) and f(b) must have opposite signs")
    x_blk = f_blk = s_pre = s_cur = 0.0
    for _ in range(maxiter):
        if f_pre != 0.0 and f_cur != 0.0 and math.copysign(1.0, f_pre) != math.copysign(1.0, f_cur):
            x_blk, f_blk = x_pre, f_pre  # the contrapoint: the end that keeps the root bracketed
            s_pre = s_cur = x_cur - x_pre
        if abs(f_blk) < abs(f_cur):  # keep the best estimate in x_cur
            x_pre, x_cur, x_blk = x_cur, x_blk, x_cur
            f_pre, f_cur, f_blk = f_cur, f_blk, f_cur

        delta = (xtol + rtol * abs(x_cur)) / 2.0
        s_bis = (x_blk - x_cur) / 2.0
        if f_cur == 0.0 or abs(s_bis) < delta:
            return x_cur

        if abs(s_pre) > delta and abs(f_cur) < abs(f_pre):
            if x_pre == x_blk:  # secant
                s_try = -f_cur * (x_cur - x_pre) / (f_cur - f_pre)
            else:  # inverse quadratic extrapolation
                d_pre = (f_pre - f_cur) / (x_pre - x_cur)
                d_blk = (f_blk - f_cur) / (x_blk - x_cur)
                s_try = -f_cur * (f_blk * d_blk - f_pre * d_pre) / (d_blk * d_pre * (f_blk - f_pre))
            if 2.0 * abs(s_try) < min(abs(s_pre), 3.0 * abs(s_bis) - delta):
                s_pre, s_cur = s_cur, s_try  # a good short step
            else:
                s_pre = s_cur = s_bis
        else:
            s_pre = s_cur = s_bis

        x_pre, f_pre = x_cur, f_cur
        x_cur += s_cur if abs(s_cur) > delta else (delta if s_bis > 0 else -delta)
        f_cur = float(f(x_cur))
    raise NoConvergence(f"no root within {maxiter} steps (last estimate {x_cur!r})")
