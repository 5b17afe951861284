"""The desktop app's start-up: one QApplication, the main window, crash safety and drafts."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path


def _import_pure_layers_first() -> None:
    """Import the engine and record layers, and build the schema validator, before PySide6.

    PySide6 replaces Python's import function with a slower one; importing these first took about
    a third off start-up here (python benchmarks/bench_gui.py).
    """
    from ..core import assessment, loader, schema  # noqa: F401
    from ..records import record  # noqa: F401

    schema.validator("ruleset")


def run_gui(argv: Sequence[str]) -> int:
    """The desktop app. ``--quit-when-ready`` starts it as usual and quits on the first turn of the event
    loop after the main window is shown (for start-up benchmarks: no draft is offered, nothing waits)."""
    quit_when_ready = "--quit-when-ready" in argv
    argv = [a for a in argv if a != "--quit-when-ready"]
    from ..platform_check import xcb_advice

    advice = xcb_advice()  # before Qt loads: if its X11 plugin cannot, Qt's own message alone does not help
    if advice:
        print(advice, file=sys.stderr)
    _import_pure_layers_first()
    from PySide6.QtCore import QSettings, QStandardPaths, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from ..locations import data_dir
    from . import crash, dialogs
    from .mainwindow import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationName("Thresholds")
    app.setOrganizationName("thresholds-app")
    app.setWindowIcon(QIcon(str(data_dir("resources") / "icons" / "thresholds.svg")))
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    window = MainWindow(QSettings(), folder)
    crash.install(window.save_draft_now, lambda text: dialogs.inform(window, "Something went wrong", text))
    window.show()
    if quit_when_ready:
        QTimer.singleShot(0, app.quit)
        return int(app.exec())
    QTimer.singleShot(0, dialogs.forget_qt_folder_history)  # what an earlier version's dialogs left
    window.offer_draft()
    return int(app.exec())
