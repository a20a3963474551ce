"""What a person reads in a Markdown element whose user text went through ``ui.text.plain``."""

import re


def shown(markdown: str) -> str:
    r"""Backslash escapes and the invisible word joiners taken out.

    >>> shown("Investment range **\\$21.6K – \\$54K**, cohorts\\[0\\]\\.adoption\\_rate")
    'Investment range **$21.6K – $54K**, cohorts[0].adoption_rate'
    """
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")
