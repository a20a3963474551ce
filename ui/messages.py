"""How a refused change is worded on screen: the field as the screen labels it, the team by name, the path kept.

The calculator names a bad value by its field path (``cohorts[0].price: must be >= 0, got -5``), the form an
analyst reads in a file. A person at the screen reads "Price (Marketing content team)". This is the one rule
that turns the first into the second, for every control and table: the label is the control's own (or the
table's column heading), a team's field gets the team's name, and the path stays in brackets at the end for
the analyst, and a field shown as a percent is reported in percent. A problem whose field has no label on
screen (a file's field, a link's) keeps its path.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

_FIELD = re.compile(r"^(?P<path>[a-z_]+(?:\[(?:\d+|\*)\])?(?:\.[a-z_0-9]+(?:\[\d+\])?)*): (?P<why>.+)$", re.DOTALL)
_TEAM = re.compile(r"^cohorts\[(\d+)\]\.")
_NUMBER = re.compile(r"(?<![\w.\[])-?\d+(?:\.\d+)?(?![\w\]])")
_WORDS = (("must not be null", "must have a value (it was empty, or what was typed is not a number)"),
          (">=", "≥"), ("<=", "≤"))


def _label(path: str, labels: Mapping[str, str]) -> str | None:
    """``labels`` holds exact paths and ``cohorts[*].field`` for a field of every team."""
    if path in labels:
        return labels[path]
    return labels.get(_TEAM.sub("cohorts[*].", path, count=1))


def readable(problem: str, labels: Mapping[str, str], team_names: Sequence[str] = ()) -> str:
    """``problem`` as a person reads it: the field's label, its team's name, why, and the path in brackets.

    >>> readable("cohorts[1].price: must be >= 0, got -5", {"cohorts[*].price": "Price"}, ["Ops", "Marketing"])
    'Price (Marketing): must be ≥ 0, got -5 [cohorts[1].price]'
    >>> readable("organization.headcount: must be >= 1, got 0", {"organization.headcount": "Headcount"})
    'Headcount: must be ≥ 1, got 0 [organization.headcount]'
    >>> readable("cohorts[0].start_week: must not be null", {"cohorts[*].start_week": "Start wk"}, ["Ops"])
    'Start wk (Ops): must have a value (it was empty, or what was typed is not a number) [cohorts[0].start_week]'

    A field the screen shows as a percent (its label says so) is reported in percent:

    >>> readable("cohorts[0].adoption_rate: must be between 0 and 1, got 1.5", {"cohorts[*].adoption_rate":
    ...          "Adoption %"}, ["Ops"])
    'Adoption % (Ops): must be between 0% and 100%, got 150% [cohorts[0].adoption_rate]'

    A field with no label on screen keeps its path (a file's field is read by an analyst):

    >>> readable("cohorts[0].tier: must be one of 2, 3, got 4", {})
    'cohorts[0].tier: must be one of 2, 3, got 4'
    """
    match = _FIELD.match(problem)
    label = _label(match["path"], labels) if match else None
    if match is None or label is None:
        return problem
    why = match["why"]
    if label.endswith(("%", "(%)")):  # the screen shows this field as a percent: so does the message
        why = _NUMBER.sub(lambda n: f"{float(n.group(0)) * 100:g}%", why)
    for said, read in _WORDS:
        why = why.replace(said, read)
    team = _TEAM.match(match["path"])
    index = int(team.group(1)) if team else None
    name = f" ({team_names[index]})" if index is not None and index < len(team_names) else ""
    return f"{label}{name}: {why} [{match['path']}]"
