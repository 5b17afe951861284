"""Run in a child process on a configured offscreen screen: open every window, report how it fits.

Usage: python -m tests.screen_fit_probe FONT_SCALE OUT_FOLDER; prints one JSON object. The screen
comes from QT_QPA_PLATFORM=offscreen:configfile=..., set by tests/test_gui_screen_fit.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(font_scale: float, folder: Path) -> dict[str, object]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea

    from thresholds_app.core.loader import load_ruleset
    from thresholds_app.core.training import load_training_cases
    from thresholds_app.gui.audit_window import AuditWindow
    from thresholds_app.gui.compare_window import CompareWindow
    from thresholds_app.gui.mainwindow import MainWindow
    from thresholds_app.gui.mash_window import MashWindow
    from thresholds_app.gui.quickcheck import QuickCheckWindow
    from thresholds_app.gui.training_window import TrainingWindow
    from thresholds_app.locations import bundled_rulesets

    app = QApplication.instance() or QApplication([])
    font = app.font()
    font.setPointSizeF(font.pointSizeF() * font_scale)
    app.setFont(font)
    available = app.primaryScreen().availableGeometry()
    path = bundled_rulesets()["model-four-level"]
    ruleset = load_ruleset(path)
    main_window = MainWindow(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat), folder / "data")
    # Measured as it is at its fullest: with several children, the list of children and its buttons show.
    main_window.household_bar.show_children(["Eldest (9)", "Baby (5 months)"], 0)
    windows = {"main": main_window, "quick check": QuickCheckWindow(ruleset), "MASH review": MashWindow(ruleset),
               "training": TrainingWindow(main_window, ruleset, load_training_cases(path, ruleset)),
               "audit": AuditWindow(), "compare": CompareWindow()}
    report: dict[str, object] = {"screen": [available.width(), available.height()]}
    for name, window in windows.items():
        window.show()
        app.processEvents()
        frame = window.frameGeometry()
        minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
        window.resize(available.size())
        app.processEvents()
        seen = window.rect().intersected(available.translated(-window.x(), -window.y()))
        unreachable = []
        for button in window.findChildren(QAbstractButton):
            if not button.isVisibleTo(window) or button.window() is not window:
                continue
            inside_scroll = any(isinstance(p, QScrollArea) for p in _ancestors(button, window))
            top_left = button.mapTo(window, button.rect().topLeft())
            fits = seen.contains(top_left) and seen.contains(button.mapTo(window, button.rect().bottomRight()))
            if not fits and not inside_scroll:
                unreachable.append(button.accessibleName() or button.text())
        report[name] = {"frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                        "minimum": [minimum.width(), minimum.height()], "unreachable": unreachable,
                        "clipped": _clipped_pages(main_window, app) if window is main_window else []}
    return report


def _clipped_pages(window, app) -> list[str]:  # type: ignore[no-untyped-def]
    """Wizard pages whose content is wider than the room the window gives them (text cut off)."""
    window.assessment.set_screening("immediate_danger", "no")
    window.assessment.set_screening("age_band", "age_5_11")
    clipped = []
    for key in ("start", "danger", "screening", "education", "health", "review", "outcome", "record"):
        window.go(key)
        app.processEvents()
        page = window.pages.currentWidget()
        screen = app.primaryScreen().availableGeometry()
        if page.body.minimumSizeHint().width() > page.viewport().width() or window.width() > screen.width():
            clipped.append(f"{key}: needs {page.body.minimumSizeHint().width()}, has {page.viewport().width()}")
    return clipped


def _ancestors(widget, stop):  # type: ignore[no-untyped-def]
    parent = widget.parentWidget()
    while parent is not None and parent is not stop:
        yield parent
        parent = parent.parentWidget()


if __name__ == "__main__":
    print(json.dumps(main(float(sys.argv[1]), Path(sys.argv[2]))))
