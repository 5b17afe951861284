"""Driving the main window in tests: a window on temporary settings, and scripted dialog answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from thresholds_app.gui import dialogs
from thresholds_app.gui.mainwindow import MainWindow


@dataclass
class Dialogs:
    """Answers for the app's modal questions, and a log of what it showed."""

    confirm_answer: bool = True
    open_path: Path | None = None
    save_folder: Path | None = None
    shown: list[tuple[str, str]] = field(default_factory=list)
    problems: list[list[str]] = field(default_factory=list)
    saved_paths: list[Path] = field(default_factory=list)
    print_to: Path | None = None
    open_paths: list[Path] = field(default_factory=list)
    save_name: str | None = None  # what the user types in the save dialog (default: the suggested name)
    texts: list[str] = field(default_factory=list)  # what the user types when asked for a line of text
    asked: list[str] = field(default_factory=list)  # the questions asked for a line of text

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        def confirm(parent, title, text, yes, no="Cancel"):
            self.shown.append((title, text))
            return self.confirm_answer

        def save_path(parent, title, suggested, filters):
            assert self.save_folder is not None
            path = self.save_folder / (self.save_name or suggested)
            self.saved_paths.append(path)
            return path

        def ask_print(parent, printer):
            from PySide6.QtPrintSupport import QPrinter

            assert self.print_to is not None
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(self.print_to))
            return True

        monkeypatch.setattr(dialogs, "confirm", confirm)
        monkeypatch.setattr(dialogs, "inform", lambda parent, title, text: self.shown.append((title, text)))
        monkeypatch.setattr(dialogs, "show_problems", lambda parent, title, problems, intro="":
                            self.problems.append([str(p) for p in problems]))
        monkeypatch.setattr(dialogs, "ask_open_path", lambda parent, title, filters: self.open_path)
        monkeypatch.setattr(dialogs, "ask_folder", lambda parent, title: self.open_path)
        monkeypatch.setattr(dialogs, "ask_open_paths", lambda parent, title, filters: list(self.open_paths))
        monkeypatch.setattr(dialogs, "ask_save_path", save_path)
        monkeypatch.setattr(dialogs, "ask_print", ask_print)

        def ask_text(parent, title, label, suggested=""):
            self.asked.append(label)
            return self.texts.pop(0) if self.texts else None

        monkeypatch.setattr(dialogs, "ask_text", ask_text)


def make_window(qtbot, folder: Path) -> MainWindow:
    folder.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, folder / "data")
    qtbot.addWidget(window)
    window.show()
    return window


def click(qtbot, widget) -> None:
    """Click as a user would: only once the page it is on has been laid out."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication, QCheckBox, QRadioButton

    QApplication.processEvents()
    assert widget.isVisible() and widget.isEnabled(), widget
    # A full-width radio button or check box reacts only on its mark and label: click the mark.
    pos = QPoint(8, widget.height() // 2) if isinstance(widget, QRadioButton | QCheckBox) else widget.rect().center()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def choose_walk(qtbot, w: MainWindow, walk: str) -> None:
    """On the start page, choose the short interview or every area, as a referrer would."""
    if w.current != "start":
        w.go("start")
    click(qtbot, w.start_page.walk.buttons[walk])


def answer_screening(qtbot, w: MainWindow, danger: str = "no", age: str = "age_5_11", disability: str = "no",
                     open_case: str = "none", walk: str = "every_area") -> None:
    """The first questions. Most tests here walk every area (the full walk); the interview's own tests
    choose walk="interview"."""
    choose_walk(qtbot, w, walk)
    w.go("danger")
    click(qtbot, w.danger_page.choice.buttons[danger])
    if danger == "yes":
        return
    click(qtbot, w.next_button)
    assert w.current == "screening"
    for qid, value in (("age_band", age), ("disability", disability), ("open_case", open_case)):
        click(qtbot, w.screening_page.groups[qid].buttons[value])


def tick(qtbot, w: MainWindow, indicator: str, answer: str = "yes") -> None:
    domain = w.ruleset.indicators[indicator].domain
    if w.current != domain:
        w.go(domain)
    click(qtbot, w.domain_page.rows[indicator].buttons[answer])


def walk_to_outcome(qtbot, w: MainWindow) -> None:
    """Press Next through every remaining page, as a referrer would, until the outcome."""
    for _ in range(60):
        if w.current == "outcome":
            return
        click(qtbot, w.next_button)
    raise AssertionError("never reached the outcome page")


def item_option(tree, item):
    """The style option an item view draws ``item`` with: its rectangles are where a person sees it."""
    from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

    QApplication.processEvents()
    tree.scrollToItem(item)
    index = tree.indexFromItem(item, 0)
    option = QStyleOptionViewItem()
    option.rect = tree.visualRect(index)
    option.widget = tree
    tree.itemDelegateForIndex(index).initStyleOption(option, index)
    return option


def click_check_box(qtbot, tree, item) -> None:
    """Click an item view's check box at its real rectangle, as a person with a mouse does."""
    from PySide6.QtWidgets import QStyle

    option = item_option(tree, item)
    rect = tree.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, tree)
    assert rect.isValid() and tree.viewport().rect().contains(rect.center()), rect
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def make_active_window(qtbot, folder: Path) -> MainWindow:
    """A main window that has keyboard focus, so focus frames are drawn as a keyboard user sees them."""
    window = make_window(qtbot, folder)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def choose_consent(qtbot, w: MainWindow, status: str) -> None:
    """Choose the consent status with the keyboard, as a referrer would: focus the list, press Down."""
    combo = w.record_page.consent
    combo.setFocus(Qt.FocusReason.TabFocusReason)
    for _ in range(combo.count()):
        if combo.currentData() == status:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"no consent choice {status!r}")


def complete_record(qtbot, w: MainWindow, consent: str = "given") -> None:
    """What a referrer gives before saving: agree (unless a judgement is already chosen) and consent."""
    if w.outcome_page.agree.value() is None:
        page = w.current
        w.go("outcome")
        click(qtbot, w.outcome_page.agree.buttons["agree"])
        w.go(page)
    choose_consent(qtbot, w, consent)


def focused():
    """The widget with keyboard focus, once pending events (a page change, a key) are handled."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    return QApplication.focusWidget()
