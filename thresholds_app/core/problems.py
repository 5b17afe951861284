"""Located problems: what is wrong, where (file, line, column, document path) and how to fix it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from .printable import printable

Severity = Literal["error", "warning"]
PathPart = str | int
DocPath = tuple[PathPart, ...]


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a source file; line and column count from 1."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        name = printable(self.file)  # a newline or escape sequence in a file name must not forge output
        if self.line:
            return f"{name}:{self.line}:{self.column}"
        return name


def format_path(path: Sequence[PathPart]) -> str:
    """Render a document path as ``$.domains[2].indicators[0].level``."""
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, with enough context for its author to fix it."""

    message: str
    location: Location
    path: DocPath = ()
    hint: str = ""
    severity: Severity = "error"

    def __str__(self) -> str:
        text = f"{self.location}: {self.severity}: "
        if self.path:
            text += f"{format_path(self.path)}: "
        text += self.message
        if self.hint:
            text += f"\n    how to fix: {self.hint}"
        return text


    def plain(self) -> str:
        """For people filling in a form or opening a file in the app: where (a field, or a file and
        line), what is wrong and how to fix it, without the severity word or a document path when a
        line number already says where."""
        where = str(self.location)
        if self.path and not self.location.line:
            where += f" ({format_path(self.path)})"
        text = f"{where}: {self.message}" if where else self.message
        if self.severity == "warning":
            text = f"Warning: {text}"
        if self.hint:
            text += f"\nHow to fix: {self.hint}"
        return text


class InputError(Exception):
    """Raised with every problem found in an input, so its author can fix them all at once."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")
