"""The desktop app's start-up: one QApplication and the main window."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def run_gui(argv: Sequence[str]) -> int:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from ..locations import data_dir
    from .quickcheck import QuickCheckWindow

    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationName("Thresholds")
    app.setOrganizationName("thresholds-app")
    app.setWindowIcon(QIcon(str(data_dir("resources") / "icons" / "thresholds.svg")))
    window = QuickCheckWindow()
    window.show()
    return int(app.exec())
