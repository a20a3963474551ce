"""The command line run in-process: ``calculator.__main__.main(argv)`` with its standard streams captured.

A subprocess per call (``python -m calculator ...``) spent most of its time starting Python and importing
numpy, pandas, Altair and the renderers again: the five command-line test files took 440 s of a 610 s CI run.
:func:`run_cli` calls the same ``main`` the module entry point calls, with standard input, output and error
replaced for the call, and returns what a subprocess would have: the exit status and both streams as text.
A few tests still start ``python -m calculator`` itself (the entry point, standard input, ``/dev/zero``).
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Done:
    """What a finished command left: as ``subprocess.CompletedProcess`` names it."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args, stdin: str | None = None) -> Done:
    """``python -m calculator *args`` in this process: the exit status and what it wrote to stdout and stderr.

    ``argparse`` ends a bad command line with ``SystemExit``; its code is the status, as the process's
    would be. Any other exception propagates (a subprocess would print a traceback and exit 1): the test
    fails on it, naming where. ``stdin`` is what standard input holds (empty when None), for ``-``.
    """
    from calculator.__main__ import main

    argv = [str(a) for a in args]
    out, err = io.StringIO(), io.StringIO()
    fake_stdin = io.TextIOWrapper(io.BytesIO((stdin or "").encode()), encoding="utf-8")
    real_stdin = sys.stdin
    sys.stdin = fake_stdin
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(argv)
            except SystemExit as exc:
                status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.stdin = real_stdin
    return Done(argv, status, out.getvalue(), err.getvalue())


def run_module(*args, stdin: str | None = None, timeout: float = 600) -> Done:
    """``python -m calculator *args`` as a user starts it, from the project root: for the entry point's own tests."""
    argv = [str(a) for a in args]
    done = subprocess.run([sys.executable, "-m", "calculator", *argv], cwd=ROOT, input=stdin, capture_output=True,
                          text=True, timeout=timeout)
    return Done(argv, done.returncode, done.stdout, done.stderr)
