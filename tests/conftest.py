"""Shared fixtures. GUI tests run offscreen; nothing here touches the user's own files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from thresholds_app.core.loader import load_ruleset
from thresholds_app.core.model import RuleSet
from thresholds_app.locations import data_dir

ROOT = Path(__file__).resolve().parent.parent
MODEL = data_dir("rules") / "model-four-level"
COMPACT = data_dir("rules") / "compact-five-level.yaml"


@pytest.fixture(scope="session")
def model() -> RuleSet:
    return load_ruleset(MODEL)


@pytest.fixture(scope="session")
def compact() -> RuleSet:
    return load_ruleset(COMPACT)


@pytest.fixture
def compact_text() -> str:
    """The five-level example as text, for tests that break it in one place."""
    return COMPACT.read_text(encoding="utf-8")


@pytest.fixture
def write_ruleset(tmp_path: Path):
    def write(text: str, name: str = "ruleset.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Every modal question the app asks, answered by the test (see tests/gui_helpers.py)."""
    from .gui_helpers import Dialogs

    d = Dialogs(save_folder=tmp_path / "out")
    d.save_folder.mkdir()
    d.install(monkeypatch)
    return d


@pytest.fixture
def mash(qtbot, model):
    """The MASH review window on the model rule set, shown."""
    from thresholds_app.gui.mash_window import MashWindow

    window = MashWindow(model)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def large_text(qapp):
    """The application's text at 200% for one test, then back as it was."""
    original = qapp.font()
    big = qapp.font()
    big.setPointSizeF(original.pointSizeF() * 2)
    qapp.setFont(big)
    yield
    qapp.setFont(original)


@pytest.fixture
def quick(qtbot, model):
    """The quick-check window on the model rule set, shown."""
    from thresholds_app.gui.quickcheck import QuickCheckWindow

    window = QuickCheckWindow(model)
    qtbot.addWidget(window)
    window.show()
    return window


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def revised(tmp_path: Path) -> Path:
    """The model with one change of each kind, as a partnership's revision would make them."""
    folder = tmp_path / "revised"
    shutil.copytree(MODEL, folder)
    ruleset = folder / "ruleset.yaml"
    edit(folder / "domains/09-ensuring-safety.yaml", "  - id: es_home_hazards\n    level: 2",
         "  - id: es_home_hazards\n    level: 3")                                     # a statement's level
    edit(folder / "domains/01-health.yaml", "help: Occasional missed appointments that the family can catch up on "
         "with a reminder or some help.", "help: Missed appointments the family can catch up on.")  # reworded help
    text = ruleset.read_text(encoding="utf-8")
    start = text.index("    - id: complex-needs-in-three-areas")
    ruleset.write_text(text[:start] + text[text.index("    - id:", start + 10):], encoding="utf-8")  # a rule removed
    edit(ruleset, "routes:\n  - id: universal\n", "routes:\n  - id: family_hub\n    name: Family hub drop-in\n"
         "    summary: Drop in to the family hub for advice.\n    next_steps: [Tell the family about the hub.]\n"
         "    consent: None is needed.\n    timescale: Any time.\n    contacts: [early_help_hub]\n"
         "  - id: universal\n")                                                        # a new route
    edit(ruleset, "01632 960001", "01632 960999")                                      # a contact's number
    edit(ruleset, 'version: "2.1.0"', 'version: "2.2.0"')
    return folder
