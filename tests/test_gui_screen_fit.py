"""Every window opens within the screen and stays usable: at 1440x900 with 2x scaling (720x450
logical) and at 200% text on a 1280x720 screen. Each runs in a child process on an offscreen screen
of that size, since a process has one screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("width", "height", "font_scale"), [(720, 450, 1.0), (1280, 720, 2.0), (640, 360, 1.0)],
                         ids=["1440x900-at-2x", "200pc-text-1280x720", "1280x720-at-2x"])
def test_every_window_fits_the_screen(tmp_path: Path, width: int, height: int, font_scale: float) -> None:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "test", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    run = subprocess.run([sys.executable, "-m", "tests.screen_fit_probe", str(font_scale), str(tmp_path)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report.pop("screen") == [width, height]
    problems = []
    for name, fit in report.items():
        x, y, w, h = fit["frame"]
        if x < 0 or y < 0 or x + w > width or y + h > height:
            problems.append(f"{name} opens at {w}x{h}+{x}+{y}, outside the {width}x{height} screen")
        if fit["minimum"][0] > width or fit["minimum"][1] > height:
            problems.append(f"{name} cannot be smaller than {fit['minimum'][0]}x{fit['minimum'][1]}")
        if fit["clipped"]:
            problems.append(f"{name}: pages cut off: {fit['clipped']}")
        if fit["unreachable"]:
            problems.append(f"{name}: buttons off the screen: {fit['unreachable']}")
    assert not problems, "\n".join(problems)


def test_a_window_saved_on_a_larger_screen_reopens_on_this_one(qtbot, tmp_path: Path, dialogs) -> None:
    from .gui_helpers import make_window

    big = make_window(qtbot, tmp_path / "profile")
    big.resize(2400, 1600)
    big.move(900, 700)
    big.close()  # saves its geometry, as quitting does
    again = make_window(qtbot, tmp_path / "profile")
    area = again.screen().availableGeometry()
    assert area.contains(again.frameGeometry()), (again.frameGeometry(), area)


def test_long_area_names_wrap_rather_than_being_cut_off(qtbot, tmp_path: Path, dialogs, large_text) -> None:
    from PySide6.QtWidgets import QApplication

    from .gui_helpers import answer_screening, make_window

    w = make_window(qtbot, tmp_path / "large")
    w.resize(780, 700)
    answer_screening(qtbot, w)
    QApplication.processEvents()
    metrics = w.nav.fontMetrics()
    long_names = [i for i in w._nav_items() if i.parent() is not None
                  and metrics.horizontalAdvance(i.text(0)) > w.nav.columnWidth(0)]
    assert long_names, "the test needs an area name wider than the list"
    for item in long_names:
        assert w.nav.visualItemRect(item).height() >= 2 * metrics.lineSpacing(), item.text(0)


def test_on_a_small_screen_the_side_panes_give_way_to_the_questions(qtbot, tmp_path: Path, dialogs) -> None:
    """At 1280x720 with 2x scaling (640x360 logical) the questions had 170 pixels, the emerging outcome
    and area list the rest: two or three words a line. The centre gets a readable width first."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from thresholds_app.gui.mainwindow import MainWindow

    from .gui_helpers import click

    folder = tmp_path / "small"
    w = MainWindow(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat), folder / "data")
    qtbot.addWidget(w)
    w.resize(640, 360)  # first shown small, as on that screen
    w.show()
    QApplication.processEvents()
    click(qtbot, w.start_page.start_button)  # the first question's page, where it was seen
    QApplication.processEvents()
    assert w.current == "danger"
    splitter = w.centralWidget()
    left, centre, live = splitter.sizes()
    readable = 50 * w.fontMetrics().averageCharWidth()
    assert centre >= min(readable, splitter.width() - sum(
        splitter.widget(i).minimumSizeHint().width() for i in (0, 2)) - 2 * splitter.handleWidth())
    assert centre > left and centre > live
    w.resize(1600, 900)  # room again: the side panes come back
    QApplication.processEvents()
    left, centre, live = splitter.sizes()
    assert left >= 200 and live >= 260
