"""Right-to-left text (Hebrew, Arabic) in the order and letter forms a page shows it.

reportlab lays text out left to right, one character after another: it neither reorders
right-to-left runs (the Unicode bidirectional algorithm) nor joins Arabic letters into their
connected forms. Two well-kept libraries do exactly those jobs: ``arabic-reshaper`` chooses each
Arabic letter's joined form, and ``python-bidi`` (the Rust ``unicode-bidi`` crate) reorders each
line for display. Text with no right-to-left letters is returned unchanged, so nothing else pays.

Reordering works line by line, so a paragraph must be broken into lines before it is reordered:
``printing.py`` does that for every paragraph holding right-to-left text, and a passage of several
lines prints its first line first.
"""

from __future__ import annotations

import unicodedata


def _is_rtl(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


def has_right_to_left(text: str) -> bool:
    return any(_is_rtl(ch) for ch in text)


def visual(text: str) -> str:
    """``text`` as it should be drawn left to right: each line reordered, Arabic letters joined."""
    if not has_right_to_left(text):
        return text
    from arabic_reshaper import reshape
    from bidi import get_display

    return "\n".join(str(get_display(reshape(line))) if has_right_to_left(line) else line
                     for line in text.split("\n"))


def mainly_right_to_left(text: str) -> bool:
    """Whether the text's first strong letter is right to left (it is then read from the right margin)."""
    first = next((ch for ch in text if unicodedata.bidirectional(ch) in ("L", "R", "AL")), "")
    return bool(first) and _is_rtl(first)
