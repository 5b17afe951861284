"""The desktop app's start-up: one QApplication, the main window, crash safety and drafts."""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Sequence
from pathlib import Path


def prepare_printing_in_background() -> threading.Thread:
    """Read what the first PDF needs (reportlab, the fonts, the record schema) on a worker thread, once
    the window has painted: the first "Save PDF" then takes 40 ms, not 250 ms, and start-up waits for none
    of it. The main thread keeps handling input meanwhile (python benchmarks/bench_gui.py measures the
    longest stall). A failure here is ignored: the same step fails again, located, if the person saves."""
    from ..records.pdf import prepare_printing

    def quietly() -> None:
        with contextlib.suppress(Exception):
            prepare_printing()

    worker = threading.Thread(target=quietly, name="prepare-printing", daemon=True)
    worker.start()
    return worker


def run_gui(argv: Sequence[str]) -> int:
    """The desktop app. ``--quit-when-ready`` starts it as usual and quits on the first turn of the event
    loop after the main window is shown (for start-up benchmarks: no draft is offered, nothing waits)."""
    quit_when_ready = "--quit-when-ready" in argv
    argv = [a for a in argv if a != "--quit-when-ready"]
    from ..platform_check import xcb_advice

    advice = xcb_advice()  # before Qt loads: if its X11 plugin cannot, Qt's own message alone does not help
    if advice:
        print(advice, file=sys.stderr)
    from PySide6.QtCore import QSettings, QStandardPaths, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from ..locations import data_dir
    from . import crash, dialogs
    from .mainwindow import MainWindow

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0], *argv])
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
    QTimer.singleShot(0, prepare_printing_in_background)  # after the first paint
    window.offer_draft()
    return int(app.exec())
