"""The calculator is a pure package: importing it must not pull in Streamlit."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_calculator_does_not_import_streamlit():
    code = "import sys, calculator, calculator.__main__; assert 'streamlit' not in sys.modules, 'streamlit imported'"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_no_streamlit_mentioned_below_calculator():
    offenders = [p.name for p in (ROOT / "calculator").rglob("*.py") if "import streamlit" in p.read_text()]
    assert offenders == []


def test_ruff_is_clean():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
