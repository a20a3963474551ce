"""Where the shipped data lives, and one reader for its CSV files (no third-party imports).

In the repository ``data/`` sits beside the package; an installed wheel carries it as
``calculator/data`` (see ``pyproject.toml``).
"""

from __future__ import annotations

import csv
from pathlib import Path

_INSTALLED_DATA = Path(__file__).resolve().parent / "data"
DATA_DIR = _INSTALLED_DATA if _INSTALLED_DATA.is_dir() else Path(__file__).resolve().parent.parent / "data"


def read_csv(name: str) -> list[dict[str, str]]:
    """The rows of ``data/<name>`` as dictionaries keyed by its header.

    >>> read_csv("price_benchmarks.csv")[0]["delivery"]
    'platform'
    """
    with open(DATA_DIR / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))
