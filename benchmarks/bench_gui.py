"""Benchmark the desktop app: cold start against a bare PySide6 window, and click-to-panel time.

    python benchmarks/bench_gui.py

Cold start is timed from launching a new Python process until it exits on the first turn of its event
loop after the window is shown (``thresholds-app --quit-when-ready``), for the app through its real
entry point and for a bare QMainWindow, alternately, in the same run. Figures to read, not pass/fail
tests: machines here are shared and noisy.

Both run with compiled bytecode, as an installed app does (pip compiles it at install; PyInstaller ships
it): if PYTHONDONTWRITEBYTECODE is set, as on some development machines, every start would otherwise
compile every module again. The bytecode goes to a temporary folder, not into the checkout.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: The app through its real entry point, as a person starts it: it quits on the first turn of the event
#: loop after its window is shown. The bare window does the same.
APP = [sys.executable, "-m", "thresholds_app", "--quit-when-ready"]
BARE = [sys.executable, "-c",
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication, QMainWindow\n"
        "app = QApplication([])\n"
        "w = QMainWindow()\nw.setWindowTitle('bare')\nw.resize(1280, 840)\nw.show()\n"
        "QTimer.singleShot(0, app.quit)\n"
        "raise SystemExit(app.exec())\n"]


def time_start(command: list[str], env: dict[str, str]) -> float:
    """From launching a new process to its exit, which comes on the first event-loop turn after showing."""
    started = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=60)
    return time.perf_counter() - started


def click_to_panel() -> tuple[float, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from thresholds_app.gui.mainwindow import MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        window = MainWindow(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat), Path(tmp))
        window.show()
        window.go("danger")
        window.danger_page.choice.buttons["no"].click()
        for ind in ("ed_occasional_absence", "fs_few_friends", "pm_mild"):
            window.assessment.set_indicator(ind, "yes")
        window.go("ensuring_safety")
        app.processEvents()
        row = window.domain_page.rows["es_unexplained_injury"]
        times = []
        for n in range(60):
            button = row.buttons["yes" if n % 2 == 0 else "no"]
            started = time.perf_counter()
            button.click()  # signal -> assessment -> engine -> live panel HTML, all before click() returns
            app.processEvents()
            times.append(time.perf_counter() - started)
            expected = "Level 4 of 4" if n % 2 == 0 else "Level 3 of 4"
            assert expected in window.live.toPlainText()
        window.saved_snapshot = window.snapshot()
        window.close()
    return statistics.median(times), max(times)


#: In a new process: the app's window is shown, then the printing layer is prepared on a worker thread as the
#: app does after its first paint. A 2 ms timer on the main thread measures the longest wait for input; then
#: the first PDF of the session is timed. Without the warm-up, the same first PDF is timed for comparison.
FIRST_PDF = """
import os, sys, tempfile, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from pathlib import Path
from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
from PySide6.QtWidgets import QApplication
from thresholds_app.gui.app import prepare_printing_in_background
from thresholds_app.gui.mainwindow import MainWindow
sys.path.insert(0, os.getcwd())
from tests.records_helpers import make_record
app = QApplication([])
tmp = tempfile.mkdtemp()
window = MainWindow(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat), Path(tmp))
window.show()
app.processEvents()
record = make_record(window.ruleset)
stall = 0.0
if sys.argv[1] == "warm":
    worker = prepare_printing_in_background()
    clock, last = QElapsedTimer(), [0]
    clock.start()
    def tick():
        global stall
        now = clock.elapsed(); stall = max(stall, now - last[0]); last[0] = now
        if not worker.is_alive():
            app.quit()
    ticker = QTimer(); ticker.timeout.connect(tick); ticker.start(2)
    app.exec()
from thresholds_app.records.pdf import render_record
started = time.perf_counter()
render_record(record)
print(time.perf_counter() - started, stall / 1000)
window.saved_snapshot = window.snapshot()
"""


def first_pdf(env: dict[str, str], mode: str) -> tuple[float, float]:
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", FIRST_PDF, mode], env=env, cwd=root, capture_output=True,
                          text=True, check=True, timeout=120)
    first, stall = done.stdout.split()
    return float(first), float(stall)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"), "HOME": tmp,
               "XDG_CONFIG_HOME": str(Path(tmp) / "config"), "XDG_DATA_HOME": str(Path(tmp) / "data"),
               "PYTHONPYCACHEPREFIX": str(Path(tmp) / "bytecode")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        time_start(BARE, env)  # warm the file cache for both, and compile their bytecode
        time_start(APP, env)
        bare, app = [], []
        for _ in range(7):
            bare.append(time_start(BARE, env))
            app.append(time_start(APP, env))
        cold = [first_pdf(env, "cold")[0] for _ in range(3)]
        warm = [first_pdf(env, "warm") for _ in range(3)]
    b, a = statistics.median(bare), statistics.median(app)
    print(f"Cold start to a usable window (median of 7, {os.environ.get('QT_QPA_PLATFORM', 'offscreen')}):")
    print(f"  bare PySide6 QMainWindow   {b * 1e3:7.0f} ms")
    print(f"  thresholds-app             {a * 1e3:7.0f} ms   {a / b:4.2f}x the bare window")
    print(f"First PDF of a session (median of 3): {statistics.median(cold) * 1e3:.0f} ms cold; "
          f"{statistics.median(w[0] for w in warm) * 1e3:.0f} ms after the app's warm-up, during which the "
          f"longest wait for input was {max(w[1] for w in warm) * 1e3:.0f} ms")
    median, worst = click_to_panel()
    print(f"Click on an answer to live panel updated: median {median * 1e3:.1f} ms, worst of 60 {worst * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
