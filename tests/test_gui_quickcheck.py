"""The quick-check window, driven through its real widgets offscreen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QTextBrowser, QTreeWidget

from thresholds_app.gui import dialogs
from thresholds_app.gui.quickcheck import INDICATOR_ROLE, QuickCheckWindow


@pytest.fixture
def window(quick) -> QuickCheckWindow:
    return quick


def item_for(window: QuickCheckWindow, indicator_id: str):
    return next(i for i in window._indicator_items() if i.data(0, INDICATOR_ROLE) == indicator_id)


def choose(combo: QComboBox, option_id: str) -> None:
    combo.setCurrentIndex(combo.findData(option_id))


def test_starts_at_level_1_with_the_model_notice(window) -> None:
    assert window.recommendation is not None and window.recommendation.level.number == 1
    assert "model rule set to be adapted locally" in window.notice.text()
    assert window.windowTitle() == "Thresholds - Model levels of need (four levels) 2.1.0"
    assert "No answers yet" in window.panel.toPlainText()  # no outcome before any answer


def test_ticking_updates_the_panel_and_dont_know_is_a_gap(window, qtbot) -> None:
    choose(window.combos["immediate_danger"], "no")
    choose(window.combos["age_band"], "age_5_11")
    item_for(window, "ed_persistent_absence").setCheckState(0, Qt.CheckState.Checked)
    assert window.recommendation.level.number == 3
    assert "Level 3 of 4: Complex needs" in window.panel.toPlainText()
    item_for(window, "es_unexplained_injury").setCheckState(0, Qt.CheckState.PartiallyChecked)
    text = window.panel.toPlainText()
    assert window.recommendation.level.number == 3
    assert "Provisional" in text and "could raise the outcome" in text
    item_for(window, "es_unexplained_injury").setCheckState(0, Qt.CheckState.Checked)
    assert window.recommendation.route.id == "mash_urgent"
    assert "Urgent MASH referral (section 47)" in window.panel.toPlainText()


def test_immediate_danger_is_unmistakable(window) -> None:
    choose(window.combos["immediate_danger"], "yes")
    assert window.recommendation.emergency
    assert window.panel.toPlainText().startswith("THE CHILD IS IN IMMEDIATE DANGER: CALL 999 NOW")


def test_search_and_age_filter(window, qtbot) -> None:
    qtbot.keyClicks(window.search, "bruise")
    visible = [i.data(0, INDICATOR_ROLE) for i in window._indicator_items() if not i.isHidden()]
    assert "es_non_mobile_injury" in visible and "ed_persistent_absence" not in visible
    window.search.clear()
    choose(window.combos["age_band"], "under_1")
    assert item_for(window, "ed_persistent_absence").isHidden()
    assert not item_for(window, "es_non_mobile_injury").isHidden()


def test_user_text_in_rule_set_is_not_markup(window, tmp_path: Path, compact_text: str) -> None:
    hostile = compact_text.replace("An injury that is not explained.", "'<b>bold</b> & <img src=x>'")
    path = tmp_path / "hostile.yaml"
    path.write_text(hostile)
    assert window.open_ruleset(path)
    item_for(window, "w_injury").setCheckState(0, Qt.CheckState.Checked)
    assert "<b>bold</b> & <img src=x>" in window.panel.toPlainText()


def test_broken_ruleset_keeps_the_previous_one(window, monkeypatch, tmp_path: Path, compact_text: str) -> None:
    shown = []
    monkeypatch.setattr(dialogs, "show_problems", lambda parent, title, problems, intro="": shown.append(problems))
    bad = tmp_path / "bad.yaml"
    bad.write_text(compact_text.replace("route: cin_referral, description", "route: cin, description"))
    assert not window.open_ruleset(bad)
    assert len(shown) == 1 and "refers to route 'cin'" in str(shown[0][0])
    assert window.ruleset is not None and window.ruleset.id == "model-four-level"


def test_every_interactive_widget_has_an_accessible_name(window) -> None:
    for cls in (QComboBox, QLineEdit, QTreeWidget, QTextBrowser):
        for widget in window.findChildren(cls):
            if widget.isVisible() and widget.parent() is not None and not isinstance(widget.parent(), QComboBox):
                assert widget.accessibleName(), f"{cls.__name__} without an accessible name"


def test_clear_answers(window) -> None:
    choose(window.combos["immediate_danger"], "yes")
    item_for(window, "ed_persistent_absence").setCheckState(0, Qt.CheckState.Checked)
    window.clear_answers()
    assert window.answers().to_dict() == {}
    assert window.recommendation.level.number == 1


def test_entry_point_opens_the_window(tmp_path) -> None:
    import os
    import subprocess
    import sys

    code = (
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "def report():\n"
        "    shown = [w for w in app.topLevelWidgets() if w.isVisible() and w.windowTitle()]\n"
        "    print('WINDOW:', shown[0].windowTitle() if shown else None, flush=True)\n"
        "    app.quit()\n"
        "QTimer.singleShot(200, report)\n"
        "from thresholds_app.__main__ import main\n"
        "raise SystemExit(main([]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
                               "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")})
    assert proc.returncode == 0, proc.stderr
    assert "WINDOW: Thresholds - Model levels of need (four levels) 2.1.0" in proc.stdout
