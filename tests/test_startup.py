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
