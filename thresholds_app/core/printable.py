"""Text from outside (file names, record fields) made safe to show on one line of a terminal or list.

A file name may hold a newline (which forges an extra line in a report), an escape sequence (which
recolours a terminal, or retitles its window), a right-to-left override (which shows ``gpj.exe`` as
``exe.jpg``) or bytes that are not UTF-8 (which Python carries as lone surrogates, and which cannot be
written to a UTF-8 file at all). ``printable`` shows each of these as a visible escape instead.
"""

from __future__ import annotations

import unicodedata

#: Characters that change how the text around them is displayed: bidirectional embeddings,
#: overrides and isolates.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def _escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, carried by Python's surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _unsafe(ch: str, keep: str) -> bool:
    if ch in keep:
        return False
    return unicodedata.category(ch) in ("Cc", "Cs") or ch in _BIDI_CONTROLS


def printable(text: str, keep: str = "") -> str:
    """``text`` with control characters, bidirectional controls and undecodable bytes shown as escapes
    (``\\n``, ``\\x1b``, ``\\u202e``, ``\\xff``); characters in ``keep`` (say, newline) are left as they are."""
    if text.isprintable() and not any(ch in _BIDI_CONTROLS for ch in text):
        return text
    return "".join(_escape(ch) if _unsafe(ch, keep) else ch for ch in text)
