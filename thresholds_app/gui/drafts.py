"""A draft of the assessment in progress, so a crash or power cut loses nothing.

Kept only in the user's own data folder, under an opaque name, readable by the user only, and
removed as soon as the record is saved or the assessment discarded.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from ..core.jsonsource import parse_json
from ..core.problems import InputError
from ..core.yamlsource import read_regular
from ..records.atomic import write_atomic
from ..records.draft import Draft

MAX_DRAFT_BYTES = 20_000_000  # far above any assessment's draft


class DraftStore:
    def __init__(self, folder: Path) -> None:
        self.path = folder / "draft.json"

    def save(self, draft: Draft) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, json.dumps(draft.to_dict(), ensure_ascii=False).encode("utf-8"))

    def load(self) -> Draft | None:
        """The saved draft, or None when there is none or it cannot be read (then it is removed)."""
        if not self.path.exists():
            return None
        try:  # a regular file only, and bounded: a pipe or device in its place must not hang the app
            data: Any = parse_json(read_regular(self.path, MAX_DRAFT_BYTES, "").decode("utf-8"), str(self.path))
            return Draft.from_dict(data)
        except (InputError, ValueError):
            self.clear()
            return None

    def clear(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
