"""One change, one message: the notes an edit returns (:class:`calculator.editing.Widened`) as what a presenter reads.

A delivery-model change returned five notes (the assumptions that moved, the shared price range split, the team's
published price range, and two widened ranges); shown as five stacked notifications they covered the headline
cards (issue 22). :func:`one_message` says it once: the notes about the edit itself, then every uncertainty range
that moved, in one sentence read from the scenario before and after.
"""

from __future__ import annotations

import re

from .formatting import input_range
from .scenario import Scenario

# The sentences calculator.editing writes about ranges: a widened range, a team's published price range, and the
# split of the price range every team shared. Their content is said again, shorter, by ranges_moved.
_RANGE_NOTE = re.compile(r"^(The price range shared by every team|.+? range(?: \([^)]*\))? "
                         r"(?:widened from|is now the published))")


def is_range_note(note: str) -> bool:
    """Whether ``note`` is one of the editing module's sentences about an uncertainty range.

    >>> is_range_note("Adoption range (every team) widened from 50%–100% to 40%–100% to include the value you set.")
    True
    >>> is_range_note("Marketing pilot now takes the self-paced platform assumptions: adoption 10% (was 80%).")
    False
    """
    return bool(_RANGE_NOTE.match(note))


def _team_path(path: str) -> str | None:
    """``cohorts[*].price`` for ``cohorts[3].price``: the shared range a team's own range may come from."""
    shared = re.sub(r"^cohorts\[\d+\]\.", "cohorts[*].", path)
    return shared if shared != path else None


def ranges_moved(before: Scenario, after: Scenario) -> str | None:
    """The uncertainty ranges an edit moved, in one sentence; None when none moved.

    A range a team takes over from one every team shared (the price range split per team) is not a move for the
    teams whose range stayed as it was.

    >>> from calculator.scenario import Cohort
    >>> was = Scenario(cohorts=(Cohort(),), ranges=(("cohorts[*].adoption_rate", 0.5, 1.0),))
    >>> ranges_moved(was, Scenario(cohorts=(Cohort(),), ranges=(("cohorts[*].adoption_rate", 0.25, 1.0),)))
    'Adoption range (every team) 25%–100% (was 50%–100%).'
    """
    from .editing import _range_name  # the one way a range is named on screen

    old = {path: (low, high) for path, low, high in before.ranges}
    new = {path: (low, high) for path, low, high in after.ranges}
    split = [path for path in old if path not in new and any(_team_path(p) == path for p in new)]
    parts = []
    for path, (low, high) in new.items():
        shared = _team_path(path)
        prior = old.get(path, old.get(shared) if shared else None)
        if prior == (low, high):
            continue
        text = f"{_range_name(path, after)} {input_range(path, low, high, after.currency, joiner='–')}"
        was = None if prior is None else input_range(path, *prior, before.currency, joiner='–')
        if path in old or shared not in split:
            text += f" (was {was})" if was else ""
        else:  # the range every team shared was split, and this team took its delivery's published range
            index = int(path[len("cohorts["):path.index("]")])
            text += (f", the published {after.cohorts[index].delivery} range (every team shared {was}; "
                     "each now has its own)")
        parts.append(text)
    return "; ".join(parts) + "." if parts else None


def one_message(before: Scenario, after: Scenario, notes: tuple[str, ...] | list[str]) -> str | None:
    """What one edit changed, as one message: its own notes, then the ranges it moved.

    A single note is kept as it is (a slider that widened one range reads "Adoption range (every team) widened
    from 50%–100% to 40%–100% ..."); several become the edit's own sentences followed by
    "Uncertainty ranges moved with it: ...". None when the edit has nothing to say.

    >>> from calculator.scenario import Cohort
    >>> was = Scenario(cohorts=(Cohort(),), ranges=(("cohorts[*].adoption_rate", 0.5, 1.0),))
    >>> now = Scenario(cohorts=(Cohort(adoption_rate=0.1),), ranges=(("cohorts[*].adoption_rate", 0.1, 1.0),))
    >>> print(one_message(was, now, ["Team 1 now takes the platform assumptions: adoption 10% (was 80%).",
    ...                              "Adoption range (every team) widened from 50%–100% to 10%–100% to include "
    ...                              "the value you set."]))
    Team 1 now takes the platform assumptions: adoption 10% (was 80%). Uncertainty ranges moved with it: \
Adoption range (every team) 10%–100% (was 50%–100%).
    """
    notes = list(notes)
    if len(notes) <= 1:
        return notes[0] if notes else None
    own = [note for note in notes if not is_range_note(note)]
    moved = ranges_moved(before, after)
    if moved is None:
        return " ".join(notes)
    lead = "Uncertainty ranges moved with it: " if own else "Uncertainty ranges moved to hold the values you set: "
    return " ".join(own + [lead + moved])
