"""User text shown as text: names, notes, file names and messages never become Markdown.

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

WORD_JOINER = "\u2060"
_BARE_LINK = re.compile(r"(?i)(https?|ftp|mailto)(?=:)|\b(www)(?=\.)|(@)")
# Characters that open or close a Markdown construct anywhere in a line: emphasis, code, links and
# images, HTML and entities, tables, strikethrough, LaTeX; ":" only before a letter (":red[", ":smile:").
_ANYWHERE = re.compile(r"([\\`*_{}\[\]()<>!|~$&])|(:)(?=[A-Za-z])")
# ... and those that only matter at the start of a line: headings, lists, quotes.
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+(?=[.)]))", re.MULTILINE)


def plain(text: object) -> str:
    r"""``text`` escaped so that Streamlit's Markdown shows it character for character.

    >>> plain("![pixel](http://host/leak.png) :red[alert] $x$").replace(WORD_JOINER, "|")
    '\\!\\[pixel\\]\\(http|://host/leak.png\\) \\:red\\[alert\\] \\$x\\$'
    >>> plain("Marketing team: 12.5 h, re-login")
    'Marketing team: 12.5 h, re-login'
    >>> plain("1. Plan"), plain("# Big")
    ('1\\. Plan', '\\# Big')
    """
    text = _BARE_LINK.sub(lambda m: m.group(0) + WORD_JOINER, str(text))
    text = _ANYWHERE.sub(lambda m: "\\" + m.group(0), text)
    text = _LINE_START.sub(lambda m: m.group(1) + ("\\" + m.group(2) if not m.group(2).isdigit()
                                                   else m.group(2) + "\\"), text)
    return text.replace("\n", "  \n")

