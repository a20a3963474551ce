"""How much room a text takes on a slide: word wrap and height with the deck's font's own widths.

The deck's text boxes and table rows used to be given a fixed height and a font size, and a long sentence ran
past its box (behind the table under it, off the slide's bottom) in LibreOffice and PowerPoint alike (issue 22).
Each box is now sized from what its text needs: :func:`lines` wraps a text as a slide renderer does (greedy, at
spaces; a word wider than the line breaks inside), and :func:`fit` finds the largest font size, from a maximum
down to a minimum, at which the text fits a box.

Widths are Calibri's, the deck's theme font (the bold face's, which is the wider, for every weight; from the
metric-compatible Carlito, units per em 2048), so nothing here needs a font file; a character outside the table
counts as one em, wider than any in it. A line is 1.22 em high (Calibri's ascent plus descent).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

EMU_PER_INCH = 914_400
POINTS_PER_INCH = 72
LINE_EM = 1.22
SAFETY = 1.04  # every width measured 4% wider: kerning and a renderer's rounding never push a word over

# Advance widths of the printable ASCII characters (32-126) in Calibri Bold, in 1/2048 em.
_ASCII = (463, 667, 898, 1020, 1038, 1493, 1443, 478, 638, 638, 1020, 1020, 528, 627, 547, 880, 1038, 1038, 1038,
          1038, 1038, 1038, 1038, 1038, 1038, 1038, 565, 565, 1020, 1020, 1020, 949, 1840, 1241, 1148, 1084, 1291,
          999, 940, 1305, 1292, 546, 678, 1120, 866, 1790, 1349, 1385, 1090, 1405, 1153, 968, 1014, 1337, 1211, 1856,
          1128, 1064, 979, 665, 880, 665, 1020, 1020, 615, 1011, 1099, 857, 1099, 1031, 648, 971, 1099, 503, 523, 983,
          503, 1666, 1099, 1101, 1099, 1099, 728, 817, 710, 1099, 969, 1526, 941, 970, 814, 704, 973, 704, 1020)
_OTHER = {"–": 1020, "—": 1854, "·": 548, "…": 1457, "≤": 1020, "≥": 1020, "−": 1020, "’": 528, "“": 891, "”": 891,
          "×": 1020, "€": 1038, "£": 1038, "•": 1020}
_UNITS = 2048


def text_width(text: str, size: float) -> float:
    """The width of ``text`` on one line at ``size`` points, in points (with the safety margin).

    >>> round(text_width("$350", 10), 2)       # (1038 + 3 x 1038) / 2048 x 10 x 1.04
    21.08
    """
    units = sum(_ASCII[ord(c) - 32] if 32 <= ord(c) < 127 else _OTHER.get(c, _UNITS) for c in text)
    return units / _UNITS * size * SAFETY


def lines(text: str, size: float, width: float) -> int:
    """How many lines ``text`` takes at ``size`` points in a line ``width`` points wide; each ``\\n`` starts one.

    >>> lines("Hours saved per month", 20, 1000), lines("Hours saved per month", 20, 120)
    (1, 2)
    >>> lines("", 20, 100), lines("a\\nb", 20, 100)
    (1, 2)
    """
    total = 0
    for paragraph in text.split("\n"):
        count, current = 1, 0.0
        space = text_width(" ", size)
        for word in paragraph.split():
            w = text_width(word, size)
            if current and current + space + w <= width:
                current += space + w
                continue
            if current:
                count += 1
            while w > width:  # a word wider than the line breaks inside it
                count += 1
                w -= width
            current = w
        total += count
    return total


def height(text: str, size: float, width: float) -> float:
    """The height, in points, of ``text`` wrapped at ``width`` points: its lines x 1.22 em."""
    return lines(text, size, width) * size * LINE_EM


@dataclass(frozen=True)
class Box:
    """A text box's inner room in points: its width and height less the renderer's insets."""

    width: float
    height: float

    @classmethod
    def inches(cls, width: float, height: float, inset_x: float = 0.1, inset_y: float = 0.05) -> Box:
        """A box of ``width`` x ``height`` inches with PowerPoint's default insets (0.1 in each side, 0.05 in
        top and bottom).

        >>> Box.inches(2, 1)
        Box(width=129.6, height=64.8)
        """
        return cls(round((width - 2 * inset_x) * POINTS_PER_INCH, 6),
                   round((height - 2 * inset_y) * POINTS_PER_INCH, 6))


def paragraphs_height(texts: Sequence[str], size: float, width: float, gap_em: float = 0.0) -> float:
    """The height of several paragraphs at one size, ``gap_em`` x size of space before each but the first."""
    return sum(height(t, size, width) for t in texts) + gap_em * size * max(len(texts) - 1, 0)


def fit(texts: str | Sequence[str], box: Box, largest: float, smallest: float, gap_em: float = 0.0,
        step: float = 0.5) -> float | None:
    """The largest size from ``largest`` down to ``smallest`` (in ``step`` points) at which the text fits ``box``;
    None when even the smallest does not.

    >>> fit("Headline numbers", Box(400, 40), 30, 12)
    30
    >>> fit("word " * 60, Box(400, 40), 30, 12) is None
    True
    """
    paragraphs = [texts] if isinstance(texts, str) else list(texts)
    size = largest
    while size >= smallest - 1e-9:
        if paragraphs_height(paragraphs, size, box.width, gap_em) <= box.height:
            return size
        size -= step
    return None
