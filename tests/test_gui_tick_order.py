"""One tick means "applies", as the headers say: clicked at the real check box, or with Space."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from thresholds_app.gui.mash_window import MashWindow
from thresholds_app.gui.quickcheck import INDICATOR_ROLE, QuickCheckWindow
from thresholds_app.records.record import save_record

from .gui_helpers import click_check_box


def _item(tree, indicator_id: str):
    stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        if item.data(0, INDICATOR_ROLE) == indicator_id:
            return item
        stack.extend(item.child(i) for i in range(item.childCount()))
    raise AssertionError(indicator_id)


def _indicator_gaps(w: QuickCheckWindow) -> list[str]:
    return [g.id for g in w.recommendation.gaps if g.kind == "indicator"]


def _answer_child(qtbot, w: QuickCheckWindow) -> None:
    for qid, option in (("immediate_danger", "no"), ("age_band", "age_5_11")):
        combo = w.combos[qid]
        combo.setFocus()
        while combo.currentData() != option:
            qtbot.keyClick(combo, Qt.Key.Key_Down)


def test_quick_check_first_click_means_applies(qtbot, quick) -> None:
    _answer_child(qtbot, quick)
    item = _item(quick.tree, "ed_persistent_absence")
    assert "tick once: applies" in quick.tick_hint.text()
    click_check_box(qtbot, quick.tree, item)
    assert item.checkState(0) == Qt.CheckState.Checked
    assert quick.recommendation.level.number == 3
    assert not _indicator_gaps(quick)
    click_check_box(qtbot, quick.tree, item)
    assert item.checkState(0) == Qt.CheckState.PartiallyChecked
    assert _indicator_gaps(quick) == ["ed_persistent_absence"]
    click_check_box(qtbot, quick.tree, item)
    assert item.checkState(0) == Qt.CheckState.Unchecked
    assert quick.recommendation.level.number == 1 and not _indicator_gaps(quick)


def test_quick_check_space_means_applies(qtbot, quick) -> None:
    _answer_child(qtbot, quick)
    item = _item(quick.tree, "ed_persistent_absence")
    quick.tree.scrollToItem(item)
    quick.tree.setCurrentItem(item)
    quick.tree.setFocus()
    qtbot.keyClick(quick.tree, Qt.Key.Key_Space)
    assert item.checkState(0) == Qt.CheckState.Checked
    assert quick.recommendation.level.number == 3
    qtbot.keyClick(quick.tree, Qt.Key.Key_Space)
    assert item.checkState(0) == Qt.CheckState.PartiallyChecked


def test_mash_checks_first_click_means_applies(qtbot, model, dialogs, tmp_path: Path) -> None:
    from .records_helpers import make_record

    w = MashWindow(model)
    qtbot.addWidget(w)
    w.show()
    path = tmp_path / "referral.json"
    save_record(make_record(model, indicators={"ed_occasional_absence": "yes"}), path)
    dialogs.open_path = path
    qtbot.mouseClick(w.open_button, Qt.MouseButton.LeftButton)
    before = w.now.level.number
    item = next(i for i in w._items() if i.data(0, Qt.ItemDataRole.UserRole + 1) == "es_unexplained_injury")
    w.checks.expandAll()
    click_check_box(qtbot, w.checks, item)
    assert item.checkState(0) == Qt.CheckState.Checked
    assert w.additional().indicators == {"es_unexplained_injury": "yes"}
    assert w.now.level.number == 4 > before
    click_check_box(qtbot, w.checks, item)
    assert w.additional().indicators == {"es_unexplained_injury": "dont_know"}
