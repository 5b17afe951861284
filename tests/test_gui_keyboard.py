"""Keyboard and screen-reader use of the main window, driven with real key presses."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QTreeWidget

from .gui_helpers import answer_screening, choose_walk, click, focused, make_active_window

MARKERS = "\ufdd0\ufdd1\ufffc\u2028\u2029"


@pytest.fixture
def w(qtbot, tmp_path: Path, dialogs):
    return make_active_window(qtbot, tmp_path / "profile")


def test_each_page_change_puts_focus_on_its_first_question(qtbot, w) -> None:
    choose_walk(qtbot, w, "every_area")
    click(qtbot, w.start_page.start_button)
    assert w.current == "danger"
    assert focused() is w.danger_page.choice.buttons["yes"]
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # arrow keys choose within the group: "No"
    assert w.assessment.screening["immediate_danger"] == "no"
    qtbot.keyClick(focused(), Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # Next
    assert w.current == "screening"
    first_question = next(iter(w.screening_page.groups.values()))
    assert focused() in first_question.buttons.values()
    w.go(w.sequence()[2])
    first_row = next(iter(w.domain_page.rows.values()))
    assert focused() is first_row.buttons["yes"]
    assert QAccessible.queryAccessibleInterface(focused()).text(QAccessible.Text.Name).startswith("Applies: ")


def test_arrow_keys_select_within_an_answer_group(qtbot, w) -> None:
    answer_screening(qtbot, w)
    w.go("education")
    row = next(iter(w.domain_page.rows.values()))
    qtbot.keyClick(focused(), Qt.Key.Key_Right)
    assert focused() is row.buttons["no"] and row.buttons["no"].isChecked()
    assert w.assessment.indicators[row.indicator.id] == "no"
    qtbot.keyClick(focused(), Qt.Key.Key_Right)
    assert w.assessment.indicators[row.indicator.id] == "dont_know"
    qtbot.keyClick(focused(), Qt.Key.Key_Left)
    qtbot.keyClick(focused(), Qt.Key.Key_Left)
    assert focused() is row.buttons["yes"] and w.assessment.indicators[row.indicator.id] == "yes"


@pytest.mark.parametrize("key", ["start", "danger", "screening", "education", "review", "outcome", "record"])
def test_every_tab_stop_is_named_and_shows_focus(qtbot, w, key: str) -> None:
    answer_screening(qtbot, w)
    w.go(key)
    w.search.setFocus()
    seen, unseen, unnamed = [], [], []
    for _ in range(200):
        widget = focused()
        if widget in seen:
            break
        seen.append(widget)
        iface = QAccessible.queryAccessibleInterface(widget)
        if not iface.text(QAccessible.Text.Name).strip():
            unnamed.append(type(widget).__name__)
        with_focus = widget.grab().toImage()
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        if widget.grab().toImage() == with_focus:
            unseen.append(f"{type(widget).__name__} {iface.text(QAccessible.Text.Name)[:40]}")
    assert len(seen) > 4
    assert not unnamed, f"tab stops with no accessible name: {unnamed}"
    assert not unseen, f"tab stops that look the same with and without focus: {unseen}"


def test_area_list_is_a_tree_of_plain_names(qtbot, w) -> None:
    answer_screening(qtbot, w)
    w.go("education")
    click(qtbot, next(iter(w.domain_page.rows.values())).buttons["no"])
    assert isinstance(w.nav, QTreeWidget)
    groups = [w.nav.topLevelItem(i) for i in range(w.nav.topLevelItemCount())]
    areas = [g.child(j) for g in groups for j in range(g.childCount())]
    names = {d.name for d in w.assessment.visible_domains()}
    assert {a.text(0) for a in areas} == names
    education = next(a for a in areas if a.text(0) == "Education and learning")
    assert education.data(0, Qt.ItemDataRole.AccessibleTextRole) == "Education and learning, looked at"
    health = next(a for a in areas if a.text(0) == "Health")
    assert health.data(0, Qt.ItemDataRole.AccessibleTextRole) == "Health, not looked at yet"
    qtbot.mouseClick(w.nav.viewport(), Qt.MouseButton.LeftButton, pos=w.nav.visualItemRect(health).center())
    assert w.current == "health"


def test_outcome_changes_are_announced_once_in_plain_text(qtbot, w) -> None:
    announced: list[str] = []
    w.outcome_announced.connect(announced.append)
    answer_screening(qtbot, w)
    announced.clear()
    w.go("education")
    rows = w.domain_page.rows
    click(qtbot, rows["ed_occasional_absence"].buttons["yes"])
    assert len(announced) == 1 and "Level 2 of 4" in announced[0]
    click(qtbot, rows["ed_occasional_absence"].buttons["no"])
    click(qtbot, rows["ed_occasional_absence"].buttons["yes"])
    assert len(announced) == 3
    click(qtbot, next(r for k, r in rows.items() if k != "ed_occasional_absence").buttons["no"])
    assert len(announced) == 3  # the same outcome is not announced again
    for text in (*announced, w.live.accessibleDescription(),
                 QAccessible.queryAccessibleInterface(w.live).text(QAccessible.Text.Value)):
        assert not any(m in text for m in MARKERS), repr(text)


def test_splitter_handles_are_named(qtbot, w) -> None:
    from PySide6.QtWidgets import QSplitter

    for splitter in w.findChildren(QSplitter):
        for i in range(1, splitter.count()):
            assert splitter.handle(i).accessibleName().strip()


def test_quick_check_tab_stops_are_named_and_show_focus(qtbot, quick) -> None:
    from PySide6.QtWidgets import QSplitter

    window = quick
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.search.setFocus()
    seen, unseen = [], []
    for _ in range(50):
        widget = focused()
        if widget in seen:
            break
        seen.append(widget)
        assert QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name).strip(), widget
        with_focus = widget.grab().toImage()
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        if widget.grab().toImage() == with_focus:
            unseen.append(type(widget).__name__)
    assert window.panel in seen and window.tree in seen
    assert not unseen
    for splitter in window.findChildren(QSplitter):
        assert all(splitter.handle(i).accessibleName() for i in range(1, splitter.count()))


def test_focused_answer_is_scrolled_into_view_at_large_text(qtbot, tmp_path: Path, dialogs, large_text) -> None:
    """At 200% text on a 1280x720 window the danger question's help is taller than the page: the answer
    that has focus must still be on screen, not below the fold where the eye cannot find it."""
    w = make_active_window(qtbot, tmp_path / "big")
    w.resize(1280, 720)
    click(qtbot, w.start_page.start_button)
    qtbot.waitUntil(lambda: w.current == "danger")
    button = focused()
    assert button is w.danger_page.choice.buttons["yes"]
    page = w.danger_page
    viewport = page.viewport()
    top_left = button.mapTo(viewport, button.rect().topLeft())
    bottom = top_left.y() + button.height()
    assert page.body.height() > viewport.height()  # the help really does push the answers down
    assert top_left.y() >= 0 and bottom <= viewport.height()


def test_arrowing_to_an_answer_below_the_fold_brings_it_into_view(qtbot, tmp_path: Path, dialogs,
                                                                   large_text) -> None:
    """Moving between answers with the arrow keys scrolls the page, so the chosen answer is seen."""
    w = make_active_window(qtbot, tmp_path / "big")
    w.resize(1280, 600)
    click(qtbot, w.start_page.start_button)
    qtbot.waitUntil(lambda: w.current == "danger")
    page = w.danger_page
    for _ in range(2):
        qtbot.keyClick(focused(), Qt.Key.Key_Down)
    button = focused()
    assert button is page.choice.buttons["dont_know"] and button.isChecked()
    top = button.mapTo(page.viewport(), button.rect().topLeft()).y()
    assert page.body.height() > page.viewport().height()
    assert top >= 0 and top + button.height() <= page.viewport().height()
