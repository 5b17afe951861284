"""One resolver for the bundled data folders, from a checkout or from an installed wheel.

The repository keeps ``rules/``, ``forms/`` and ``resources/`` at its top level so a partnership
can find and edit them. A wheel carries the same folders inside the package as ``_data/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .core.model import RuleSet

DataKind = Literal["rules", "forms", "resources"]

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(kind: DataKind) -> Path:
    """Return the folder holding bundled ``kind`` files (installed copy first, then checkout)."""
    installed = _PACKAGE_DIR / "_data" / kind
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent / kind
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"The bundled '{kind}' folder is missing (looked in {installed} and {checkout}). "
        "Reinstall thresholds-app."
    )


def bundled_rulesets() -> dict[str, Path]:
    """Bundled rule sets by name: a folder with ``ruleset.yaml`` or a single ``*.yaml`` file."""
    found: dict[str, Path] = {}
    for entry in sorted(data_dir("rules").iterdir()):
        if entry.is_dir() and (entry / "ruleset.yaml").is_file():
            found[entry.name] = entry
        elif entry.is_file() and entry.suffix == ".yaml" and not entry.name.endswith(".tests.yaml"):
            found[entry.stem] = entry
    return found


def bundled_match(ruleset_id: str, content_hash: str) -> tuple[str, RuleSet, bool] | None:
    """The bundled rule set a record names: (name, rule set, exact), where exact means the same content.

    The exact one is preferred; otherwise one with the same id (another version). None if neither.
    """
    from .core.loader import inspect_ruleset

    same_id = None
    for name, path in bundled_rulesets().items():
        ruleset = inspect_ruleset(path).ruleset
        if ruleset is None:
            continue
        if ruleset.content_hash == content_hash:
            return name, ruleset, True
        if ruleset.id == ruleset_id and same_id is None:
            same_id = (name, ruleset, False)
    return same_id
