"""Typed numbers as text boxes read by :mod:`calculator.typed`: "100k" is 100,000, "1e9" is a billion (then
refused by the field's own bounds, by name), and text that is no number is refused by name. Streamlit's number box
read "1e9" as 1 and "100k" as 100, silently.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from calculator.editing import edit_widening, value_at
from calculator.typed import TypedNumberError, parse_typed_number, shown_number
from ui import state
from ui.text import plain

_ERRORS = "typed_number_errors"  # {widget key: message}: a typed text refused, shown under its box


def _apply(path: str, widget_key: str, whole: bool) -> None:
    try:
        value = parse_typed_number(st.session_state[widget_key], whole=whole)
    except TypedNumberError as exc:
        state.report([f"{path}: {exc}"], at=path)
        return
    state.apply(lambda s: edit_widening(s, {path: value}), at=path, redraw=False, control=path)


def scenario_number(label: str, path: str, *, whole: bool = False, **kwargs: Any) -> None:
    """A text box bound to the scenario's number at ``path``: it shows the scenario's value (thousands separated)
    and a typed number is applied as :func:`ui.state.bound` applies a control's, or refused under the box."""
    widget_key = state.bound_key(path)
    st.session_state[widget_key] = shown_number(value_at(state.scenario(), path), whole=whole)
    st.session_state.setdefault(state.FIELD_LABELS, {})[path] = label
    st.text_input(label, key=widget_key, on_change=_apply, args=(path, widget_key, whole), **kwargs)
    state.show_problems(path, below_row=True)


def _set_amount(widget_key: str, label: str, on_value: Callable[[float], None]) -> None:
    errors = st.session_state.setdefault(_ERRORS, {})
    errors.pop(widget_key, None)
    try:
        value = parse_typed_number(st.session_state[widget_key])
    except TypedNumberError as exc:
        errors[widget_key] = f"{label}: {exc}"
        return
    if value is None or value < 0:
        errors[widget_key] = f"{label}: must be an amount of 0 or more, got {st.session_state[widget_key]!r}"
        return
    on_value(float(value))


def amount(place: Any, label: str, widget_key: str, value: float, on_value: Callable[[float], None],
           **kwargs: Any) -> None:
    """A text box for an amount that is a page's setting (the planner's exact budget): it shows ``value``;
    a typed amount goes to ``on_value``, and text that is no amount of 0 or more is refused under the box."""
    message = st.session_state.get(_ERRORS, {}).get(widget_key)
    if message is None:
        st.session_state[widget_key] = shown_number(value)
    place.text_input(label, key=widget_key, on_change=_set_amount, args=(widget_key, label, on_value), **kwargs)
    if message is not None:
        place.error(f"Not applied: {plain(message)}", icon="🚫")


def forget(widget_key: str) -> None:
    """Drop a refused typed amount's message (the setting was set another way)."""
    st.session_state.get(_ERRORS, {}).pop(widget_key, None)
