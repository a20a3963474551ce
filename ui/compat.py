"""Every reach past Streamlit's public API, in one room: DOM selectors, injected CSS and scripts, private imports.

Streamlit has no API for what these do (keep a button for the keyboard out of sight, wrap a row of columns on
a narrow screen, see a failed download, place a message under a row of columns). They work on Streamlit's
page as it is built today: its
``data-testid`` attributes, the ``st-key-<key>`` class a keyed element gets, one private module. None of that is
API, and any release may rename it without a word. So it is all here, and nowhere else in ``ui/``, ``views/`` or
``app.py`` (tests/test_compat.py holds it so; ui/presenter.py's styles and scripts are still to move: they
changed on main while this room was built), written for and checked with Streamlit :data:`WRITTEN_FOR`:
:func:`check_version` runs at the app's start and logs a warning on any other version, and the test suite fails
on it (tests/test_compat.py), so whoever upgrades Streamlit re-checks each workaround below (the browser tests
drive every one of them) and then moves :data:`WRITTEN_FOR`.

The pages choose what to style and why (their keys, their layout rules); this module only says it in
Streamlit's DOM.
"""

from __future__ import annotations

import logging
from typing import Any

import streamlit as st

WRITTEN_FOR = "1.67.0"  # the Streamlit every selector, script and private import below was written for and checked with

_log = logging.getLogger(__name__)


def version_problem(installed: str | None = None) -> str | None:
    """Why the running Streamlit is not the one these workarounds were written for, or None when it is.

    >>> version_problem("1.67.0") is None
    True
    >>> version_problem("1.68.0").split(":")[0]
    'Streamlit 1.68.0 is running; ui/compat.py was written for 1.67.0'
    """
    installed = st.__version__ if installed is None else installed
    if installed == WRITTEN_FOR:
        return None
    return (f"Streamlit {installed} is running; ui/compat.py was written for {WRITTEN_FOR}: its DOM selectors, "
            "injected scripts and private import may no longer work (re-check each, run the browser tests, then "
            "move WRITTEN_FOR)")


def check_version() -> None:
    """At the app's start: a warning in the server's log when another Streamlit runs (the page itself still
    works as well as the workarounds do; the test suite fails on it)."""
    problem = version_problem()
    if problem:
        _log.warning(problem)


def keyed(key: str) -> str:
    """The CSS selector of the element drawn with ``key=key`` (Streamlit gives it the class ``st-key-<key>``).

    >>> keyed("headline_cards")
    '.st-key-headline_cards'
    """
    return f".st-key-{key}"


def keyboard_only_css(key: str) -> str:
    """CSS that takes the element keyed ``key`` out of sight and keeps it mounted and reachable: a button
    that exists for a keyboard shortcut or for a script to click, not for the eye.

    >>> "st-key-k {" in keyboard_only_css("k")
    True
    """
    return (f"{keyed(key)} {{ position: absolute !important; width: 1px; height: 1px; overflow: hidden; "
            "clip-path: inset(50%); }")


def narrow_screen_css(key: str) -> str:
    """The Program builder's forms (the container keyed ``key``) on a narrow screen; views/builder.py says why."""
    return f"""<style>
  /* A toggle's label is cut with an ellipsis where its column is narrow: it wraps instead. */
  .st-key-{key} [data-testid="stWidgetLabel"] [data-testid="stMarkdownContainer"],
  .st-key-{key} [data-testid="stWidgetLabel"] p {{
    white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }}
  @media (max-width: 1100px) {{
    .st-key-{key} [data-testid="stHorizontalBlock"] {{ flex-wrap: wrap; row-gap: 0.5rem; }}
    .st-key-{key} [data-testid="stHorizontalBlock"] > [data-testid="stColumn"] {{ min-width: 12rem; }}
  }}
</style>"""


def download_failure_watch(rerun_key: str) -> str:
    """A script that clicks the hidden button keyed ``rerun_key`` when Streamlit reports a failed download.

    Streamlit's message under a deferred download button that failed is [data-testid="stDownloadButtonError"];
    each one seen triggers one rerun (marked, so its own redraws do not trigger more).
    """
    return f"""<script>
(() => {{
  if (window.__downloadFailureWatch) return;
  window.__downloadFailureWatch = new MutationObserver(() => {{
    const fresh = [...document.querySelectorAll('[data-testid="stDownloadButtonError"]')]
      .filter((el) => !el.dataset.reported);
    if (!fresh.length) return;
    fresh.forEach((el) => {{ el.dataset.reported = "1"; }});
    document.querySelector('{keyed(rerun_key)} button')?.click();
  }});
  window.__downloadFailureWatch.observe(document.body, {{childList: true, subtree: true}});
}})();
</script>
<style>{keyboard_only_css(rerun_key)}</style>"""


def container_below_row() -> Any:
    """Where a message drawn inside a column reads in full: the container holding the row of columns (the
    message then sits right under the row, as wide as it). Elsewhere, or where that container is the page's
    or the sidebar's own (which would draw back into the column), the current place."""
    from streamlit.delta_generator_singletons import get_last_dg_added_to_context_stack

    here = get_last_dg_added_to_context_stack()
    wide = here
    while wide is not None and getattr(wide, "_block_type", None) in ("column", "horizontal"):
        wide = getattr(wide, "_parent", None)
    if here is None or wide is None or wide is here or getattr(wide, "_parent", None) is None:
        return st
    return wide


def style(css: str) -> None:
    """Draw ``css`` (a ``<style>`` element) where the page is."""
    st.html(css)


def run_script(script: str, where: Any = None) -> None:
    """Run ``script`` (a ``<script>`` element) in the page, drawn in ``where`` (the page when None)."""
    (st if where is None else where).html(script, unsafe_allow_javascript=True)
