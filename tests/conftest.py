"""Shared fixtures. GUI tests run offscreen; nothing here touches the user's own files."""

from __future__ import annotations

import os
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
