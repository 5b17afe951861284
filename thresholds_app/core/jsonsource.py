"""Strict JSON for what the app reads back: records, drafts, training answers.

Python's ``json`` module accepts things no record should hold and that fail later, far from the
file: ``NaN`` and ``Infinity``; integers too long to convert (over 4,300 digits, a ``ValueError``
deep inside the parser); escapes for half a character (a lone surrogate such as ``\\ud800``, which
cannot be written out as UTF-8 again); and nesting deep enough to exhaust the stack. Each is refused
here, once, with the file, line and column.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .printable import printable
from .problems import InputError, Location, Problem

#: Far longer than any level, count or id number in a record.
MAX_NUMBER_DIGITS = 30

_LONE_SURROGATE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}")


class _Refused(Exception):
    def __init__(self, token: str, message: str) -> None:
        super().__init__(token)
        self.token, self.message = token, message


def _bounded_int(token: str) -> int:
    if len(token.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise _Refused(token, f"a number is {len(token.lstrip('-')):,} digits long; the limit is "
                              f"{MAX_NUMBER_DIGITS}")
    return int(token)


def _no_constant(token: str) -> Any:
    raise _Refused(token, f"'{token}' is not a number a record can hold")


def _locate(text: str, offset: int, name: str) -> Location:
    line = text.count("\n", 0, offset) + 1
    return Location(name, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def parse_json(text: str, name: str, *, what: str = "file", hint: str = "") -> Any:
    """The JSON document in ``text``, or an :class:`InputError` saying where it is wrong."""
    if "\\u" in text and (lone := _LONE_SURROGATE.search(text)):
        raise InputError([Problem(f"the escape {lone.group(0)} is half of a character (a lone surrogate), "
                                  "which no text can hold", _locate(text, lone.start(), name),
                                  hint=hint or "the file was damaged or made by another program")])
    try:
        return json.loads(text, parse_int=_bounded_int, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        start = text.lstrip()
        if not start.startswith(("{", "[")):
            article = "an" if what[:1] in "aeiou" else "a"
            message = (f"this is not {article} {what}: {article} {what} is JSON text starting with '{{', and this "
                       f"starts with {printable(start[:12])!r}")
            hint = "check this is the right file: choose one saved by thresholds-app"
        elif not text.rstrip().endswith(("}", "]")):  # it stops before its last bracket
            message = f"the {what} ends too early: the file is truncated or damaged"
        else:
            message = f"the {what} is not valid JSON: {exc.msg}"
        raise InputError([Problem(message, Location(name, exc.lineno, exc.colno),
                                  hint=hint or "check for a missing comma, quote or bracket")]) from None
    except _Refused as exc:
        raise InputError([Problem(exc.message, _locate(text, max(0, text.find(exc.token)), name),
                                  hint=hint or "the file was damaged or made by another program")]) from None
    except RecursionError:
        raise InputError([Problem(f"the {what} is nested too deeply to be a real {what}", Location(name),
                                  hint=hint or "check this is the right file")]) from None
