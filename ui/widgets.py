"""Widget groups drawn on more than one page, and the slider every scenario number is drawn with."""

from __future__ import annotations

from typing import Any

import streamlit as st

from calculator.editing import value_at
from calculator.fields import declared
from calculator.limits import MAX_NOTES_CHARS
from calculator.presets import printed_notes
from ui import state
from ui.text import plain

NOTES_GO = "These notes go into the brief, the workbook and the CSV"
NOT_PRINTED = ("These are a preset's description, and the plan is no longer that preset's, so the brief, the "
               "workbook and the CSV leave them out.")


def price_format(value: float | None) -> str:
    """A number box's printf format for a money amount: whole amounts without decimals, so a $600,000 fee
    shows "600000" in a narrow box (a number box cannot show thousands separators), others to the cent.

    >>> price_format(600_000.0), price_format(350.5), price_format(None)
    ('%.0f', '%.2f', '%.2f')
    """
    return "%.0f" if value is not None and float(value).is_integer() else "%.2f"


def regulated_data_toggles() -> None:
    """The organization's regulated-data settings, which flag teams in the governance checklist."""
    left, right = st.columns(2)
    with left:
        state.bound(st.toggle, "Teams may handle health records", "organization.regulated_health_data",
                    help="Flags every team for health-data rules (HIPAA in the US) in the governance checklist.")
    with right:
        state.bound(st.toggle, "Teams may handle regulated financial content",
                    "organization.regulated_financial_content",
                    help="Flags every team for financial-content rules (securities rules); a finance team is "
                         "always flagged.")


def notes_area(height: int = 140) -> None:
    """The scenario's notes, edited like any field (control characters and past the file's length refused).

    They are printed in the CFO brief (page 2), the workbook's Summary and Inputs sheets and the summary CSV,
    so a plan made from a preset must not carry the preset's description by mistake.
    """
    notes = state.scenario().notes
    if state.presenter_mode():  # presenting hides the editing controls; the notes are still read
        if notes.strip() and not printed_notes(state.scenario()):
            st.caption(NOT_PRINTED)
        else:
            st.caption(f"**Scenario notes** ({NOTES_GO.lower()}): {plain(notes)}" if notes.strip()
                       else "No notes: the brief, the workbook and the CSV carry none.")
        return
    state.bound(st.text_area, "Scenario notes", "notes", max_chars=MAX_NOTES_CHARS, height=height,
                placeholder="What this plan is, whose figures it uses, what it assumes.",
                help=f"{NOTES_GO} (the brief prints the start of long notes, the workbook all of them). Press "
                     "Ctrl+Enter or click away to apply.")
    if notes.strip() and not printed_notes(state.scenario()):
        st.caption(f"{NOT_PRINTED} Write your own to print them.")
    elif notes.strip():
        st.caption(f"{NOTES_GO}: read them before you export. A plan started from a preset carries the preset's "
                   "description while it is still the preset's plan.")
    else:
        st.caption("No notes: the brief, the workbook and the CSV carry none.")


def slider_range(path: str, top: float | None = None, percent: bool = False) -> tuple[Any, Any]:
    """(min, max) of a slider for the field at ``path``: its declared lowest value, and ``top`` (the slider's
    comfortable end) or its declared highest, whichever is lower; percent fields in percent.

    The declaration (:mod:`calculator.fields`) is the one source: a slider never starts above what a file may
    hold (a 1-month horizon) nor ends past it.

    >>> slider_range("finance.horizon_months"), slider_range("finance.annual_discount_rate", 30.0, percent=True)
    ((1, 120), (0.0, 30.0))
    """
    spec = declared(path)
    if spec.low is None or spec.high is None:
        raise ValueError(f"{path}: a slider needs both declared bounds, got {spec.low} to {spec.high}")
    scale = 100.0 if percent else 1
    low, high = spec.low * scale, spec.high * scale
    high = high if top is None else min(top, high)
    return (int(low), int(high)) if spec.kind == "int" and not percent else (float(low), float(high))


def ranged_slider(label: str, path: str, *, step: float, top: float | None = None, percent: bool = False,
                  format: str | None = None, help: str | None = None) -> None:
    """A slider over the field's declared range (up to ``top``, its comfortable end), bound to the scenario.

    A valid value beyond ``top`` (a 31% discount rate from a file, where the slider ends at 30%) is shown in a
    number box instead, where it can be read and typed over; at ``top`` or below the slider comes back. A
    slider handed a value past its maximum raised StreamlitValueAboveMaxError, in the sidebar of every page.
    """
    low, high = slider_range(path, top, percent)
    value = value_at(state.scenario(), path)
    shown = None if value is None else (state.percent_in(value) if percent else value)
    if high > low and (shown is None or low <= shown <= high):
        kwargs: dict[str, Any] = {"min_value": low, "max_value": high, "step": type(low)(step)}
        if format:
            kwargs["format"] = format
        state.bound(st.slider, label, path, percent=percent, help=help, **kwargs)
        return
    # Past the slider's end: a number box, whose limits are the calculator's (a value outside the declaration
    # is refused by name beside it, as every number box in the app does).
    state.bound(st.number_input, label, path, percent=percent, step=type(low)(step),
                format="%.2f" if percent or isinstance(low, float) else "%d", help=help)
    unit = "%" if percent else ""
    st.caption(f"Above the slider's range ({low:g}{unit} to {high:g}{unit}): type the value here; at "
               f"{high:g}{unit} or below the slider comes back.")
