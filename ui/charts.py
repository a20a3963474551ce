"""Drawing a chart spec from :mod:`calculator.charts`: the same spec the exports render, its data sent as Arrow.

A spec's named datasets are lists of rows. Streamlit turns each list into a pandas DataFrame and then into
Arrow on every run: 18 ms for the J-curve's 105 weeks, on every Pitch slider move. Handed an Arrow table,
it only serializes it (0.3 ms). The chart is unchanged: the same spec, the same rows (tests/test_app.py reads
them back from what was sent). Its spec without the data is the same from one move to the next, so the
browser updates the data of the chart in place rather than building it again.
"""

from __future__ import annotations

from typing import Any, Literal

import pyarrow as pa
import streamlit as st


def arrow_datasets(spec: dict[str, Any]) -> dict[str, Any]:
    """``spec`` with each named dataset (a list of rows) as an Arrow table; a list Arrow cannot type (a column
    mixing text and numbers) stays a list, for Streamlit's own conversion.

    >>> spec = arrow_datasets({"mark": "bar", "datasets": {"d": [{"x": 1, "y": 2.5}, {"x": 2, "y": None}]}})
    >>> spec["datasets"]["d"].to_pylist()
    [{'x': 1, 'y': 2.5}, {'x': 2, 'y': None}]
    >>> arrow_datasets({"datasets": {"d": [{"x": 1}, {"x": "one"}]}})["datasets"]["d"]
    [{'x': 1}, {'x': 'one'}]
    """
    datasets = spec.get("datasets")
    if not datasets:
        return spec
    converted: dict[str, Any] = {}
    for name, rows in datasets.items():
        try:
            converted[name] = pa.Table.from_pylist(rows) if isinstance(rows, list) and rows else rows
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            converted[name] = rows
    return {**spec, "datasets": converted}


def draw(spec: dict[str, Any], *, key: str | None = None,
         width: Literal["stretch", "content"] | int = "stretch") -> None:
    """Draw a Vega-Lite spec from :mod:`calculator.charts` as exported, with no Streamlit theme over it."""
    st.vega_lite_chart(arrow_datasets(spec), width=width, theme=None, key=key)
