"""User text shown as text: names, notes and file names never become Markdown.

Streamlit reads Markdown (images, links, ``:red[...]`` colours, ``$...$`` LaTeX) in titles, captions,
labels and messages. A scenario or team name is the user's text, and so is any sentence the
calculator builds around one: :func:`plain` escapes it, so it renders literally and never makes the
browser fetch an image or show a link nobody wrote on purpose.

Escaping is not enough for bare addresses: GitHub-flavoured Markdown turns ``www.x.com``,
``http://x.com`` and ``a@x.com`` into links after parsing, escapes or not. An invisible WORD JOINER
(U+2060) inside ``http``/``://``, ``www``/``.`` and after ``@`` keeps such text from being recognised;
it reads the same on screen.
"""

from __future__ import annotations

import re

# Every ASCII punctuation character may be backslash-escaped in CommonMark; these are the ones a
# Markdown, GFM, directive (":red[...]"), math ("$") or shortcode (":x:") construct starts or ends with.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=&^\"'@/%])")
WORD_JOINER = "\u2060"
_BARE_LINK = re.compile(r"(?i)(https?|ftp|mailto)(?=:)|\b(www)(?=\.)|(@)")


def plain(text: object) -> str:
    r"""``text`` escaped so that Streamlit's Markdown shows it character for character.

    >>> plain("![pixel](http://host/leak.png) :red[alert] $x$").replace(WORD_JOINER, "|")
    '\\!\\[pixel\\]\\(http|\\:\\/\\/host\\/leak\\.png\\) \\:red\\[alert\\] \\$x\\$'
    >>> plain("Marketing team")
    'Marketing team'
    >>> plain("www.x.com").replace(WORD_JOINER, "|")
    'www|\\.x\\.com'
    """
    unlinked = _BARE_LINK.sub(lambda m: m.group(0) + WORD_JOINER, str(text))
    return _SPECIAL.sub(r"\\\1", unlinked).replace("\n", "  \n")
