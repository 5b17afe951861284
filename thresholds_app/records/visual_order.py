"""Right-to-left text (Hebrew, Arabic) in the order and letter forms a page shows it.

reportlab lays text out left to right, one character after another: it neither reorders
right-to-left runs (the Unicode bidirectional algorithm) nor joins Arabic letters into their
connected forms. Two well-kept libraries do exactly those jobs: ``arabic-reshaper`` chooses each
Arabic letter's joined form, and ``python-bidi`` (the Rust ``unicode-bidi`` crate) reorders each
line for display. Text with no right-to-left letters is returned unchanged, so nothing else pays.

What this cannot do: a right-to-left paragraph that wraps over several lines is reordered before
reportlab wraps it, so its lines may print bottom line first; ``wraps_right_to_left`` finds such
text so the PDF can say so.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

#: Longer right-to-left lines than this may wrap in a PDF column, and then print in the wrong line order.
ONE_LINE_CHARS = 60


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


def wraps_right_to_left(texts: Iterable[str]) -> bool:
    """Whether any line is mainly right to left (its first strong letter is) and long enough to wrap."""
    for text in texts:
        for line in text.split("\n"):
            if len(line) <= ONE_LINE_CHARS:
                continue
            first = next((ch for ch in line if unicodedata.bidirectional(ch) in ("L", "R", "AL")), "")
            if first and _is_rtl(first):
                return True
    return False
