"""Starting the app through its real entry point, as a person or a benchmark does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_quit_when_ready_starts_the_app_and_quits_once_its_window_is_shown(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "PYTHONPATH": str(ROOT)}
    for argv in (["--quit-when-ready"], ["gui", "--quit-when-ready"]):
        result = subprocess.run([sys.executable, "-m", "thresholds_app", *argv], env=env, capture_output=True,
                                text=True, timeout=120)  # a hang guard, not a measure of speed
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
    # It started for real: the window's settings were written where the user's settings live.
    assert any((tmp_path / "config").rglob("*.conf")), list(tmp_path.rglob("*"))


STARTED = """
import sys
sys.argv = ["thresholds-app"]
from PySide6.QtCore import QTimer
import thresholds_app.gui.app as app_module
from thresholds_app.__main__ import main
heavy = ("jsonschema", "reportlab", "pypdf")
seen = {}
def look():
    from PySide6.QtWidgets import QApplication
    try:
        seen["at start"] = sorted(m for m in heavy if m in sys.modules)
        worker = original()
        worker.join(120)
        from thresholds_app.records import printing
        seen["prepared"] = sorted(m for m in heavy if m in sys.modules), printing._fonts_ready
    finally:  # quit whatever happened: a mistake here fails the test, never hangs it
        QApplication.instance().quit()
original = app_module.prepare_printing_in_background
app_module.prepare_printing_in_background = lambda: QTimer.singleShot(0, look)  # after the window is shown
code = main([])
print(seen["at start"], seen["prepared"], code)
"""


def test_start_up_leaves_schemas_and_printing_until_needed_then_prepares_printing_off_the_main_thread(
        tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", STARTED], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    # The window was shown without jsonschema, reportlab or pypdf; once the worker finished, the two a PDF
    # needs were loaded and the fonts read, so the first Save PDF waits for none of them (pypdf only reads).
    assert result.stdout.split("\n")[0] == "[] (['jsonschema', 'reportlab'], True) 0", result.stdout
