"""The desktop app's start-up: one QApplication, the main window, crash safety and drafts."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path


def run_gui(argv: Sequence[str]) -> int:
    from PySide6.QtCore import QSettings, QStandardPaths
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
    window.offer_draft()
    return int(app.exec())
