"""Comparing two versions of a rule set in the app, as the person maintaining it does: choose both,
compare, read what changed in words, and save the board's report."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from .gui_helpers import click, make_active_window


def test_compare_the_model_with_a_revision_and_save_the_report(qtbot, tmp_path: Path, dialogs, revised) -> None:
    w = make_active_window(qtbot, tmp_path / "profile")
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # the File menu, then "Co&mpare..."
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_M)
    qtbot.waitUntil(lambda: getattr(w, "_compare", None) is not None)
    window = w._compare
    qtbot.addWidget(window)
    click(qtbot, window.compare_button)
    assert dialogs.shown[-1][0] == "Choose both versions"
    click(qtbot, window.old.bundled)
    dialogs.open_path = revised / "ruleset.yaml"
    click(qtbot, window.new.choose)
    click(qtbot, window.compare_button)
    shown = " ".join(window.result.toPlainText().split())
    assert "What changed (6)" in shown
    assert ("statement 'es_home_hazards' (Ensuring safety: There are hazards in the home that carers have not dealt "
            "with.) changed: level 2 -> 3") in shown
    assert "changed: phone 01632 960001 -> 01632 960999" in shown
    assert "Cases whose outcome changes (1 of 121)" in shown
    assert "Complex needs in three areas lead to a MASH consultation" in shown
    click(qtbot, window.pdf_button)
    report = dialogs.saved_paths[-1]
    assert report.name == "rule-set-revision.pdf"
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(report)).pages).split())
    assert "Rule-set revision" in text and "es_home_hazards" in text
