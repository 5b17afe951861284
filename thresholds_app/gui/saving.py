"""Writing a file the person chose: atomically, and when it cannot be written, saying why and keeping
everything as it was (the draft, the open record, the window) so they can choose another place."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from ..core.problems import InputError
from ..records.atomic import write_output
from . import dialogs


def save_bytes(parent: QWidget, path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path``; on failure show the located reason ("the folder does not exist",
    "no permission", "the disk is full") and return False, with nothing else changed."""
    try:
        write_output(path, data)
    except InputError as exc:
        dialogs.show_problems(parent, "Not saved", exc.problems,
                              "The file was not saved; nothing else has changed. Choose another place:")
        return False
    return True
