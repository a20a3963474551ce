"""Presenter mode: the Pitch made for a projector, and the headline cards' layout in any mode.

Turned on by the sidebar toggle, by the keyboard shortcut (:data:`SHORTCUT`) or by ``?present=1``
in the address bar, so a meeting link opens straight into it. When on: the sidebar collapses,
the top padding and Streamlit's header go, the headline numbers grow as far as their card
allows (never cut: the size follows the card's width), and chart text is scaled up.

The cards sit in one wrapping row whatever their number (seven today): three or four a row on
a wide screen, three below 1,100 px, two below 700 px; presenting on a short screen (a projector),
all in one row from 1,100 px and four a row below it. Their numbers share one size, set by the
longest, so no card's number outshouts the others.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import streamlit as st

from ui import state
from ui.compat import keyboard_only_css

PARAM = "present"                 # ?present=1 opens the app in presenter mode
SHORTCUT = "Alt+Shift+P"          # P for present; Alt+Shift keeps it clear of typing and browser keys
CHART_FONT_SCALE = 1.3            # chart text on a projector, relative to the screen's
CHART_HEIGHT = 230                # the J-curve in presenter mode, title to axis: it fits 1280 x 720 under the cards
_LINK_READ = "presenter_link_read"
CARDS_KEY = "headline_cards"      # st.container key: its CSS class is st-key-headline_cards
LOWER_CHARTS_KEY = "pitch_lower_charts"
LENS_ROW_KEY = "lens_row"


@dataclass(frozen=True)
class Card:
    """One headline number: a label, the formatted value and what it counts."""

    label: str
    value: str
    help: str = ""


def active() -> bool:
    return state.presenter_mode()


def read_link() -> None:
    """Once a session, before the page config: ``?present=1`` turns presenter mode on."""
    ss = st.session_state
    if ss.get(_LINK_READ):
        return
    ss[_LINK_READ] = True
    if str(st.query_params.get(PARAM, "")).lower() in ("1", "true", "yes", "on"):
        ss[state.PRESENTER] = True


def sidebar_state() -> Literal["collapsed", "expanded"]:
    """The sidebar collapses for presenting (the projector needs its 300 px) and opens to edit."""
    return "collapsed" if active() else "expanded"


def toggle() -> None:
    """The keyboard shortcut's callback: presenter mode on or off."""
    st.session_state[state.PRESENTER] = not active()


def keep_flag() -> None:
    """``present=1`` in the address bar while presenting, so a reload or a copied link stays in it."""
    if active():
        if st.query_params.get(PARAM) != "1":
            st.query_params[PARAM] = "1"
    elif PARAM in st.query_params:
        del st.query_params[PARAM]


def controls() -> None:
    """The toggle and its keyboard shortcut, for the top of the sidebar."""
    st.toggle("Presenter mode", key=state.PRESENTER,
              help="For a projector: hides the sidebar and the editing controls, enlarges the headline "
                   f"numbers and chart text. Shortcut {SHORTCUT}; a link with ?present=1 opens in it.")
    # The shortcut lives on a button (Streamlit binds keys to buttons only); the sidebar stays
    # mounted when collapsed, so the key works while presenting. Visually hidden: the toggle is the control.
    st.button("Toggle presenter mode", key="presenter_shortcut", on_click=toggle, shortcut=SHORTCUT,
              type="tertiary")


def cards_per_row(count: int) -> int:
    """Cards a row on a wide screen: all of up to three, three for four to six, then two rows.

    >>> [cards_per_row(n) for n in (1, 3, 5, 6, 7, 8)]
    [1, 3, 3, 3, 4, 4]
    """
    if count <= 3:
        return max(count, 1)
    if count <= 6:
        return 3
    return math.ceil(count / 2)


def _card_rule(per_row: int) -> str:
    # No growing: a short last row keeps the others' card width (a lone card spanning the row
    # would draw its number at twice the size of the rest).
    return (f"flex: 0 1 calc((100% - {per_row - 1} * 1rem) / {per_row}) !important; "
            "min-width: 0 !important;")


def value_font_cqi(value: str) -> float:
    """The largest value font, in % of its card's width, that keeps ``value`` on one line.

    A character of the app's font is at most about 0.6 em wide (measured: "$162.3K" is 4 em)
    and the value has about 88% of the card's width (the rest is padding):
    chars x 0.6 x size <= 0.88 x width, so size <= 145 / chars % of the width (rounded down).
    Short values are capped by the mode's largest size.

    >>> value_font_cqi("$117.8K"), value_font_cqi("not within the horizon")
    (20.7, 6.5)
    """
    return math.floor(1450 / max(len(value), 1)) / 10  # down: never a hair wider than the card


SHARED_SIZE_CHARS = 10  # values up to this long share the row's size; a longer one (a sentence) gets its own


def value_sizes_cqi(values: Sequence[str]) -> list[float]:
    """Each card value's font size, in % of its card's width: one size for every short value.

    Sized one by one (:func:`value_font_cqi`), "-43%" came out twice the size of "-$274.3K" beside
    it, and the negative ROI dominated the row. Every value of up to :data:`SHARED_SIZE_CHARS`
    characters takes the size of the longest of them; a longer one keeps its own, smaller size,
    so one "n/a (nothing spent)" does not shrink every number.

    >>> value_sizes_cqi(["$645.8K", "4.71 FTE", "-43%", "n/a (nothing spent)"])
    [18.1, 18.1, 18.1, 7.6]
    """
    shared = min((value_font_cqi(v) for v in values if len(v) <= SHARED_SIZE_CHARS), default=math.inf)
    return [min(shared, value_font_cqi(v)) for v in values]


_CARDS_CSS_SHOWN = "headline_cards_css_shown"  # the cards' CSS the last full run drew, outside the page fragment


def cards_css(values: Sequence[str]) -> str:
    """The headline cards' CSS for these values: row layout for their number, each value's font size."""
    wide = cards_per_row(len(values))
    sizes = "\n".join(
        f".st-key-{CARDS_KEY}_{i} [data-testid=\"stMetricValue\"] "
        f"{{ font-size: min(var(--card-value-max), {size}cqi); }}"
        for i, size in enumerate(value_sizes_cqi(values)))
    return f"""<style>
      .st-key-{CARDS_KEY} {{ gap: 1rem; --card-value-max: 2.25rem; }}
      .st-key-{CARDS_KEY} > div {{ {_card_rule(wide)} }}
      @media (max-width: 1100px) {{ .st-key-{CARDS_KEY} > div {{ {_card_rule(min(wide, 3))} }} }}
      @media (max-width: 700px) {{ .st-key-{CARDS_KEY} > div {{ {_card_rule(min(wide, 2))} }} }}
      .st-key-{CARDS_KEY} [data-testid="stMetric"] {{ container-type: inline-size; }}
      /* Cards of a row share its height, whatever their value's size. */
      .st-key-{CARDS_KEY} {{ align-items: stretch !important; }}
      .st-key-{CARDS_KEY} [data-testid="stElementContainer"],
      .st-key-{CARDS_KEY} [data-testid="stMetric"] {{ flex: 1 1 auto; height: 100%; }}
      /* A label on two lines does not lift its number off the row's line: numbers sit at the bottom. */
      .st-key-{CARDS_KEY} [data-testid="stMetric"] > div {{ display: flex; flex-direction: column;
                                                           justify-content: space-between; height: 100%; }}
      .st-key-{CARDS_KEY} [data-testid="stMetric"] > div > * {{ min-width: 0; max-width: 100%; }}
      {sizes}
      /* Never an ellipsis: a label wraps, and a value is sized to fit (wrapping only as a last resort). */
      .st-key-{CARDS_KEY} [data-testid="stMetricValue"] *,
      .st-key-{CARDS_KEY} [data-testid="stMetricLabel"] * {{
        white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }}
    </style>"""


def headline_cards_style(values: Sequence[str]) -> None:
    """Draw the cards' CSS for ``values``: called by the page outside its fragment, on a full run only.

    Inside the fragment, the <style> element was sent again on every slider move, and the browser restyled the
    whole page for it: 55-70 ms of main-thread time a move (Chrome profile, 16 presses, with and without it).
    Out here it is drawn once; :func:`headline_cards` asks for a full run when a move changes it.
    """
    css = cards_css(values)
    st.session_state[_CARDS_CSS_SHOWN] = css
    st.html(css)


def headline_cards(cards: Sequence[Card]) -> None:
    """The headline numbers as bordered cards in one wrapping row (see the module's note).

    Values are sized from their length and their card's width (container query units), so
    "not within the horizon" fits as well as "$117.8K" on any screen; every card of a row has
    the same width (a short last row does not stretch), so equal sizes look equal. Their CSS is drawn
    outside the page fragment (:func:`headline_cards_style`); a move that changes it (a value a character
    longer than every other, a card more) runs the whole app once, which draws it anew.
    """
    if st.session_state.get(_CARDS_CSS_SHOWN) != cards_css([card.value for card in cards]):
        st.rerun(scope="app")
    with st.container(key=CARDS_KEY, horizontal=True, gap="small"):
        for i, card in enumerate(cards):
            with st.container(key=f"{CARDS_KEY}_{i}"):
                st.metric(card.label, card.value, border=True, help=card.help or None, width="stretch")


# Presenter mode's page style: no header or top padding, bigger type that still fits its box.
_PRESENTER_CSS = f"""<style>
  [data-testid="stHeader"] {{ background: transparent; height: 0; }}
  /* The toolbar goes, all but the sidebar's expand button: one click from any page back to the others. */
  [data-testid="stToolbar"] > div > div > div > :not([data-testid="stExpandSidebarButton"]) {{ display: none; }}
  [data-testid="stExpandSidebarButton"] {{ position: fixed; top: 0.4rem; left: 0.4rem; z-index: 999990;
                                          opacity: 0.55; }}
  [data-testid="stExpandSidebarButton"]:hover, [data-testid="stExpandSidebarButton"]:focus {{ opacity: 1; }}
  [data-testid="stMainBlockContainer"] {{ padding-top: 1rem !important; padding-bottom: 1rem !important; }}
  [data-testid="stMain"] [data-testid="stVerticalBlock"] {{ gap: 0.6rem; }}
  [data-testid="stMain"] h1 {{ font-size: 2.3rem; padding: 0 0 0.25rem 0; }}
  [data-testid="stMain"] h4 {{ font-size: 1.15rem; line-height: 1.3; padding: 0 0 0.25rem 0; }}
  /* Scoped under stMain to outrank the cards' own rule, which the page draws after this one; before the
     screen-size rules below, so a 1024 x 768 projector's smaller largest size wins there. */
  [data-testid="stMain"] .st-key-{CARDS_KEY} {{ --card-value-max: 3.2rem; }}
  /* On a wide but short screen (a 1280x720 projector) every headline card shares one row, so the J-curve
     stays on screen under the sentence, the cards and the lens row (seven cards in two rows pushed it off);
     a taller screen keeps two rows of larger numbers. */
  @media (min-width: 1100px) and (max-height: 800px) {{
    /* Only while the sidebar is closed: opened to change page, it leaves the cards 300 px less, and seven
       in one row squeezed their labels to 8 px and split "-42%" over two lines. */
    [data-testid="stApp"]:not(:has([data-testid="stSidebar"][data-collapsed="false"]))
      [data-testid="stMain"] .st-key-{CARDS_KEY} > div {{ flex: 1 1 0 !important; min-width: 0 !important; }}
    /* Seven cards in a row leave each about 145 px: narrower margins, gaps and card padding give the numbers
       the room (they were drawn at 26 px here against 35 px in normal mode). */
    [data-testid="stMainBlockContainer"] {{ padding-left: 2.5rem !important; padding-right: 2.5rem !important; }}
    [data-testid="stApp"]:not(:has([data-testid="stSidebar"][data-collapsed="false"]))
      [data-testid="stMain"] .st-key-{CARDS_KEY} {{ gap: 0.5rem !important; }}
    [data-testid="stApp"]:not(:has([data-testid="stSidebar"][data-collapsed="false"]))
      [data-testid="stMain"] .st-key-{CARDS_KEY} [data-testid="stMetric"] {{
        padding-left: 0.4rem !important; padding-right: 0.4rem !important; }}
    [data-testid="stApp"]:not(:has([data-testid="stSidebar"][data-collapsed="false"]))
      [data-testid="stMain"] .st-key-{CARDS_KEY} [data-testid="stMetric"] > div {{
        padding-left: 0.35rem !important; padding-right: 0.35rem !important; }}
  }}
  /* An older 1024 x 768 projector: narrower margins and four cards a row (two rows, not three), so the
     J-curve still ends on screen. */
  @media (min-width: 900px) and (max-width: 1099.98px) and (max-height: 800px) {{
    /* Left: clear of the sidebar's expand button. */
    [data-testid="stMainBlockContainer"] {{ padding-left: 2.75rem !important; padding-right: 1.5rem !important; }}
    [data-testid="stMain"] .st-key-{CARDS_KEY} [data-testid="stMetric"] {{ padding: 0.3rem 0.6rem !important; }}
    [data-testid="stMain"] .st-key-{CARDS_KEY} {{ --card-value-max: 2.35rem; row-gap: 0.5rem; }}
    [data-testid="stMain"] h1 {{ font-size: 2rem; }}
    /* Three lenses, each naming its horizon and rate, in two lines each, not three. */
    .st-key-{LENS_ROW_KEY} [data-testid="stCaptionContainer"] {{ font-size: 0.8rem; }}
    [data-testid="stApp"]:not(:has([data-testid="stSidebar"][data-collapsed="false"]))
      [data-testid="stMain"] .st-key-{CARDS_KEY} > div {{ {_card_rule(4)} }}
  }}
  [data-testid="stMain"] .st-key-{CARDS_KEY} [data-testid="stMetricLabel"] p {{
    font-size: min(1.2rem, 9cqi); line-height: 1.2; }}
</style>"""


_SHOWN_MODE = "presenter_mode_shown"  # the mode the last run drew: a change is a turn on or off
_SHOWN_PAGE = "presenter_page_shown"  # the page the last run drew: while presenting, a change closes the sidebar
_RUNS = "presenter_style_runs"  # a new number each run, so the browser runs the scripts below again


def _sidebar_follows(collapsed: bool) -> str:
    """A script that closes (or opens) the sidebar unless it already is, once Streamlit has had its go.

    The page config's ``initial_sidebar_state`` moves the sidebar only until the presenter has
    toggled it by hand; after that, turning presenter mode on left it open over the cards.
    The script clicks the sidebar's own button, so Streamlit's state and the page agree.
    """
    want, button = ("true", "stSidebarCollapseButton") if collapsed else ("false", "stExpandSidebarButton")
    return f"""<script>
      setTimeout(() => {{
        const doc = window.parent.document === undefined ? document : window.parent.document;
        const bar = doc.querySelector('[data-testid="stSidebar"]');
        if (!bar || bar.getAttribute('data-collapsed') === '{want}') return;
        const holder = doc.querySelector('[data-testid="{button}"]');
        const control = holder && (holder.tagName === 'BUTTON' ? holder : holder.querySelector('button'));
        if (control) control.click();
      }}, 400);
    </script>"""


# Each card's number at the largest size its card holds on one line, measured in the browser with the font it is
# drawn in (the server's estimate, value_font_cqi, assumes 0.6 em a character where the digits take about 0.45,
# which drew presenter mode's numbers smaller than normal mode's). Values up to SHARED_SIZE_CHARS characters share
# the smallest of their sizes; a longer one (a sentence) gets its own, down to half of theirs, then wraps. Never
# above the mode's --card-value-max. Only while presenting; without script the CSS sizes stand.
_FIT_CARDS = """<script>
(() => {
  const doc = window.parent.document === undefined ? document : window.parent.document;
  const win = doc.defaultView;
  const on = __ON__;  // run __RUN__
  if (!win.__cardFit) {
    const canvas = doc.createElement('canvas').getContext('2d');
    const fit = () => {
      const rem = parseFloat(win.getComputedStyle(doc.documentElement).fontSize) || 16;
      for (const row of doc.querySelectorAll('.st-key-__KEY__')) {
        const values = [...row.querySelectorAll('[data-testid="stMetricValue"]')];
        if (!win.__cardFit.on) { values.forEach(v => v.style.removeProperty('font-size')); continue; }
        const cap = (parseFloat(win.getComputedStyle(row).getPropertyValue('--card-value-max')) || 2.25) * rem;
        const texts = values.map(v => v.innerText.trim());
        const own = values.map((v, i) => {
          const box = win.getComputedStyle(v);  // the value's own width: the card less both paddings
          const room = v.clientWidth - parseFloat(box.paddingLeft) - parseFloat(box.paddingRight);
          const font = win.getComputedStyle(v);
          canvas.font = `${font.fontStyle} ${font.fontWeight} 100px ${font.fontFamily}`;
          const em = canvas.measureText(texts[i]).width / 100;
          return em > 0 && room > 0 ? 0.95 * room / em : cap;
        });
        const shared = Math.min(cap, ...own.filter((_, i) => texts[i].length <= __SHARED__));
        values.forEach((v, i) => {
          const size = Math.floor(10 * Math.min(shared, Math.max(own[i], shared / 2))) / 10;
          if (v.style.getPropertyValue('font-size') !== `${size}px`) {
            v.style.setProperty('font-size', `${size}px`, 'important');
          }
        });
      }
    };
    let queued = false;
    const later = () => {
      if (queued) return;
      queued = true;
      win.requestAnimationFrame(() => { queued = false; fit(); });
    };
    win.__cardFit = {on, fit: later};
    new win.MutationObserver(later).observe(doc.body, {childList: true, subtree: true, characterData: true});
    new win.ResizeObserver(later).observe(doc.body);
    if (doc.fonts) doc.fonts.ready.then(later);
  }
  win.__cardFit.on = on;
  win.__cardFit.fit();
})();
</script>"""


def _fit_cards(on: bool, run: int) -> str:
    return (_FIT_CARDS.replace("__ON__", "true" if on else "false").replace("__RUN__", str(run))
            .replace("__KEY__", CARDS_KEY).replace("__SHARED__", str(SHARED_SIZE_CHARS)))


def page_style(page: str | None = None) -> None:
    """Presenter mode's CSS and scripts, drawn once per run by the entry file; ``page`` is the page drawn."""
    ss = st.session_state
    run = ss[_RUNS] = ss.get(_RUNS, 0) + 1
    turned = ss.get(_SHOWN_MODE, active()) != active()
    # While presenting, a page opened from the » list closes the sidebar again: it stayed open over the
    # Pitch's cards (two rows, the J-curve off screen) after a visit to another page.
    moved = active() and page is not None and ss.get(_SHOWN_PAGE, page) != page
    if turned or moved:
        # In the sidebar: an element in the page would push the cards and the J-curve down by its gap. The run
        # number makes each script new, so the browser runs it even when the last one read the same.
        st.sidebar.html(_sidebar_follows(collapsed=active()).replace("<script>", f"<script>/* {run} */"),
                        unsafe_allow_javascript=True)
    ss[_SHOWN_MODE] = active()
    ss[_SHOWN_PAGE] = page
    st.sidebar.html(_fit_cards(active(), run), unsafe_allow_javascript=True)
    if active():
        st.html(_PRESENTER_CSS)
    # The shortcut's button is for the keyboard only: out of sight, still mounted and reachable.
    # Two charts side by side under 1,100 px would each be too narrow to read: they stack.
    st.html(f"""<style>
      {keyboard_only_css("presenter_shortcut")}
      /* Normal mode: the title starts under a slim band, not Streamlit's 6rem (96 px) of top padding; the
         header above it is see-through, so it hides nothing of the title (its buttons stay clickable). */
      [data-testid="stHeader"] {{ background: transparent; pointer-events: none; }}
      [data-testid="stHeader"] * {{ pointer-events: auto; }}
      [data-testid="stMainBlockContainer"] {{ padding-top: 2rem; }}
      /* Every other metric in the app (builder, roadmap, what-if): never an ellipsis either. The
         value shrinks with its box (14% of its width holds about eleven characters) and may wrap. */
      [data-testid="stMetric"] {{ container-type: inline-size; }}
      [data-testid="stMetricValue"] {{ font-size: min(2.25rem, 14cqi); }}
      [data-testid="stMetricValue"] *, [data-testid="stMetricLabel"] * {{
        white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }}
      @media (max-width: 1100px) {{
        .st-key-{LOWER_CHARTS_KEY} [data-testid="stHorizontalBlock"] {{ flex-wrap: wrap; }}
        .st-key-{LOWER_CHARTS_KEY} [data-testid="stColumn"] {{ min-width: 100% !important; flex: 1 1 100% !important; }}
      }}
    </style>""")


def chart(spec: dict, under_the_cards: bool = False) -> dict:
    """A chart spec as the current mode shows it: larger text, and for the chart ``under_the_cards``
    (the J-curve) a height that fits a projector's first screen.

    The other charts keep their height: squeezed to the J-curve's 230 px with text 1.3 times larger,
    the tier chart's bar labels ran into each other ("$0" under "$76.8K").
    """
    if not active():
        return spec
    return scaled(spec, CHART_FONT_SCALE, CHART_HEIGHT if under_the_cards else None)


_FONT_KEYS = ("fontSize", "labelFontSize", "titleFontSize", "subtitleFontSize")
_VEGA_DEFAULTS = {"labelFontSize": 10, "titleFontSize": 11, "subtitleFontSize": 10}


def scaled(spec: dict, factor: float, height: int | None = None) -> dict:
    """A copy of a Vega-Lite spec with every text size times ``factor`` (and a new height).

    Sizes the spec leaves to Vega's defaults (the subtitle's 10 px) are written in first, so
    all of the chart's text grows together.

    >>> s = scaled({"title": {"text": "T", "fontSize": 16}, "config": {"axis": {"labelFontSize": 12}}}, 1.5)
    >>> s["title"]["fontSize"], s["title"]["subtitleFontSize"], s["config"]["axis"]["labelFontSize"]
    (24, 15, 18)
    """
    def walk(node, parent_key=""):
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key in _FONT_KEYS and isinstance(value, int | float):
                    out[key] = round(value * factor)
                elif key == "datasets":
                    out[key] = value  # data, not style: left as it is (and not copied)
                else:
                    out[key] = walk(value, key)
            if parent_key == "title" and "text" in out:
                out.setdefault("subtitleFontSize", round(_VEGA_DEFAULTS["subtitleFontSize"] * factor))
            return out
        if isinstance(node, list):
            return [walk(item, parent_key) for item in node]
        return node

    result = walk(spec)
    config = result.setdefault("config", {})
    for section, keys in (("axis", ("labelFontSize", "titleFontSize")), ("legend", ("labelFontSize", "titleFontSize"))):
        part = config.setdefault(section, {})
        for key in keys:
            part.setdefault(key, round(_VEGA_DEFAULTS[key] * factor))
    if height is not None and "height" in result:
        result["height"] = height
    return result
