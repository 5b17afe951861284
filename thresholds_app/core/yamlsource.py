"""A strict, bounded YAML reader that remembers where every value came from.

Rule sets and answer files are data from outside. PyYAML's defaults are wrong for them: duplicate
keys silently win, aliases allow "billion laughs" bombs, YAML 1.1 turns ``no`` into ``False`` and
``012`` into 10, and deep nesting raises ``RecursionError``. This reader builds plain dicts, lists
and scalars from libyaml's event stream in one iterative pass, so it:

* rejects anchors, aliases, explicit tags and duplicate keys, with their line and column;
* resolves plain scalars with YAML 1.2 core rules (only ``true``/``false`` are booleans, dates and
  ``yes``/``no`` stay text);
* bounds file size, nesting depth, node count and string length before anything walks the data;
* records the location of every mapping key and sequence item (a :class:`SourceMap`).
"""

from __future__ import annotations

import json
import math
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .problems import DocPath, InputError, Location, Problem

# PyYAML is imported where YAML is read, not here: the app's start reads none (see checked_rulesets).

MAX_FILE_BYTES = 2_000_000
MAX_DEPTH = 40
MAX_NODES = 250_000
MAX_SCALAR_CHARS = 20_000
#: Longer integers than any level, count or limit; Python refuses to convert over 4,300 digits at all.
MAX_NUMBER_DIGITS = 30


_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")


@dataclass
class SourceMap:
    """Where each value of a loaded document came from, by document path."""

    default: Location
    places: dict[DocPath, Location] = field(default_factory=dict)

    def locate(self, path: DocPath) -> Location:
        """The recorded location of ``path`` or of its nearest recorded ancestor."""
        probe = tuple(path)
        while True:
            found = self.places.get(probe)
            if found is not None:
                return found
            if not probe:
                return self.default
            probe = probe[:-1]

    def graft(self, other: SourceMap, prefix: DocPath) -> None:
        """Take ``other``'s places, as if its document were stored at ``prefix`` in this one."""
        for path, loc in other.places.items():
            self.places[prefix + path] = loc
        self.places.setdefault(prefix, other.default)


def _resolve_plain(text: str) -> Any:
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text) and any(c.isdigit() for c in text):
        value = float(text)
        return value if math.isfinite(value) else text
    return text


def _problem(name: str, mark: Any, message: str, hint: str = "") -> Problem:
    line = mark.line + 1 if mark is not None else 0
    col = mark.column + 1 if mark is not None else 0
    return Problem(message, Location(name, line, col), hint=hint)


def read_regular(path: Path, max_bytes: int, hint: str) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``. A pipe would block for ever and a device
    such as /dev/zero never ends, so only regular files are read, and never more than the limit."""
    name = str(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError([Problem("not a regular file (a folder, pipe or device), so it is not read",
                                      Location(name), hint="give the path of the file itself")])
        if info.st_size > max_bytes:
            raise InputError([Problem(f"the file is {info.st_size:,} bytes; the limit is {max_bytes:,} bytes",
                                      Location(name), hint=hint)])
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError([Problem(f"cannot read the file: {exc.strerror or exc}", Location(name))]) from None
    if len(raw) > max_bytes:  # it grew while being read
        raise InputError([Problem(f"the file is over the limit of {max_bytes:,} bytes", Location(name), hint=hint)])
    return raw


def read_text(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file, refusing oversized, binary or undecodable input with a located error."""
    raw = read_regular(path, max_bytes, "split the rule set into a folder of smaller files, or check this is the "
                                        "right file")
    return decode_text(raw, str(path))


def decode_text(raw: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM), refusing binary data with the place of the first bad byte."""
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        line = raw.count(b"\n", 0, offset) + 1
        raise InputError([Problem(
            "the file contains binary data (a NUL byte), so it is not a YAML or JSON text file",
            Location(name, line, offset - (raw.rfind(b"\n", 0, offset) + 1) + 1),
            hint="choose the .yaml or .json file itself, saved as UTF-8 text",
        )])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError([Problem(
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8 text",
            Location(name, line, col),
            hint="save the file as UTF-8 (most editors offer this under 'Save as' or 'Encoding')",
        )]) from None
    return text


def load_yaml_text(text: str, name: str) -> tuple[Any, SourceMap]:
    """Parse one YAML document strictly; return plain data and where each part came from."""
    if len(text) > MAX_FILE_BYTES:
        raise InputError([_problem(name, None, f"the text is {len(text):,} characters; "
                                   f"the limit is {MAX_FILE_BYTES:,}")])
    if not text.strip():
        raise InputError([Problem("the file is empty", Location(name, 1, 1),
                                  hint="a rule set or answers file needs at least one mapping of keys")])
    import yaml

    smap = SourceMap(Location(name, 1, 1))
    try:
        data = _build(yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), name, smap)
    except InputError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if "nesting depth" in str(exc.problem):  # libyaml's own limit (PyYAML 6.0.4 on), met before ours
            raise InputError([_problem(name, mark, f"nesting is deeper than {MAX_DEPTH} levels",
                                       "flatten the structure; conditions rarely need more than a few levels")]
                             ) from None
        what = exc.problem or "the YAML is malformed"
        if exc.context:
            what = f"{what} ({exc.context})"
        raise InputError([_problem(name, mark, f"YAML syntax error: {what}",
                                   "check indentation, colons after keys and matching quotes or brackets")]
                         ) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(f"YAML error: {exc}", Location(name))]) from None
    return data, smap


def load_yaml_file(path: Path) -> tuple[Any, SourceMap]:
    return load_yaml_text(read_text(path), str(path))


def load_json_text(text: str, name: str) -> tuple[Any, SourceMap]:
    """JSON is YAML 1.2 flow syntax, but report JSON errors in JSON's own terms."""
    try:
        # Only the syntax is checked here (numbers are not converted); the YAML pass builds the values.
        json.loads(text, object_pairs_hook=_reject_duplicate_json_keys, parse_int=len, parse_float=len)
    except json.JSONDecodeError as exc:
        raise InputError([Problem(f"JSON syntax error: {exc.msg}", Location(name, exc.lineno, exc.colno),
                                  hint="check for a missing comma, quote or bracket")]) from None
    except _DuplicateJsonKey as exc:
        raise InputError([Problem(f"duplicate key {exc.args[0]!r}", Location(name),
                                  hint="each key may appear once in an object")]) from None
    except RecursionError:
        raise InputError([Problem(f"nesting is deeper than {MAX_DEPTH} levels", Location(name))]) from None
    return load_yaml_text(text, name)


class _DuplicateJsonKey(Exception):
    pass


def _reject_duplicate_json_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateJsonKey(key)
        out[key] = value
    return out


class _Container:
    __slots__ = ("is_map", "key_mark", "path", "pending_key", "value")

    def __init__(self, value: Any, path: DocPath, is_map: bool) -> None:
        self.value = value
        self.path = path
        self.is_map = is_map
        self.pending_key: Any = _NO_KEY
        self.key_mark: Any = None


_NO_KEY = object()


def _build(events: Iterator[Any], name: str, smap: SourceMap) -> Any:
    import yaml

    stack: list[_Container] = []
    root: Any = _NO_KEY
    documents = 0
    nodes = 0

    def attach(value: Any, mark: Any) -> DocPath | None:
        nonlocal root
        if not stack:
            root = value
            return ()
        top = stack[-1]
        if top.is_map:
            if top.pending_key is _NO_KEY:
                if not isinstance(value, str | int | float | bool) and value is not None:
                    raise InputError([_problem(name, mark, "a mapping key must be plain text",
                                               "write the key as a simple word such as 'name'")])
                key = value if isinstance(value, str) else str(value).lower() if isinstance(
                    value, bool) else str(value) if value is not None else "null"
                if key in top.value:
                    raise InputError([_problem(
                        name, mark, f"duplicate key {key!r}",
                        f"the key {key!r} already appears in this mapping; remove or rename one of them")])
                top.pending_key = key
                top.key_mark = mark
                return None
            key = top.pending_key
            top.value[key] = value
            top.pending_key = _NO_KEY
            path = (*top.path, key)
            km = top.key_mark
            smap.places[path] = Location(name, km.line + 1, km.column + 1)
            return path
        path = (*top.path, len(top.value))
        top.value.append(value)
        smap.places[path] = Location(name, mark.line + 1, mark.column + 1)
        return path

    for event in events:
        kind = type(event)
        if kind in (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent):
            continue
        if kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise InputError([_problem(name, event.start_mark, "the file holds more than one YAML document",
                                           "remove the '---' separator; one file holds one document")])
            continue
        if kind is yaml.AliasEvent or getattr(event, "anchor", None) is not None:
            raise InputError([_problem(name, event.start_mark,
                                       "anchors and aliases ('&name' / '*name') are not allowed",
                                       "write the repeated content out in full")])
        nodes += 1
        if nodes > MAX_NODES:
            raise InputError([_problem(name, event.start_mark,
                                       f"the document has more than {MAX_NODES:,} values",
                                       "rule sets are far smaller than this; check this is the right file")])
        if kind is yaml.ScalarEvent:
            tag = event.tag
            if tag not in (None, "!"):
                raise InputError([_problem(name, event.start_mark, f"explicit YAML tags such as {tag!r} are "
                                           "not allowed", "remove the tag; quote the value if it must be text")])
            if len(event.value) > MAX_SCALAR_CHARS:
                raise InputError([_problem(name, event.start_mark,
                                           f"a text value is {len(event.value):,} characters long; "
                                           f"the limit is {MAX_SCALAR_CHARS:,}",
                                           "shorten the text")])
            plain = event.implicit[0] and event.style in (None, "")
            if plain and len(event.value) > MAX_NUMBER_DIGITS and _INT.match(event.value):
                raise InputError([_problem(name, event.start_mark, f"a number is {len(event.value):,} digits "
                                           f"long; the limit is {MAX_NUMBER_DIGITS}",
                                           "numbers here are small (a level, a count); quote it if it is text")])
            value = _resolve_plain(event.value) if plain else event.value
            attach(value, event.start_mark)
            continue
        if kind in (yaml.MappingStartEvent, yaml.SequenceStartEvent):
            if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq") or (
                event.tag is not None and not event.implicit
            ):
                raise InputError([_problem(name, event.start_mark, f"explicit YAML tags such as {event.tag!r} "
                                           "are not allowed", "remove the tag")])
            if len(stack) >= MAX_DEPTH:
                raise InputError([_problem(name, event.start_mark, f"nesting is deeper than {MAX_DEPTH} levels",
                                           "flatten the structure; conditions rarely need more than a few levels")])
            is_map = kind is yaml.MappingStartEvent
            container: Any = {} if is_map else []
            if stack and stack[-1].is_map and stack[-1].pending_key is _NO_KEY:
                raise InputError([_problem(name, event.start_mark, "a mapping key must be plain text",
                                           "write the key as a simple word such as 'name'")])
            path = attach(container, event.start_mark)
            stack.append(_Container(container, path or (), is_map))
            continue
        if kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
            stack.pop()
            continue
    if root is _NO_KEY:
        raise InputError([Problem("the file holds no YAML content", Location(name, 1, 1))])
    return root


def sub_map(smap: SourceMap, prefix: DocPath) -> SourceMap:
    """The part of ``smap`` below ``prefix``, with paths relative to it."""
    n = len(prefix)
    out = SourceMap(smap.locate(prefix))
    for path, loc in smap.places.items():
        if path[:n] == prefix:
            out.places[path[n:]] = loc
    return out
