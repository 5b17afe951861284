"""Every modal question the app asks, behind one small function each, so tests can answer them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..core.problems import Problem

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

#: The folder last opened from or saved to, this session only: a folder name can name a child, so
#: it is never written to the settings.
_last_folder: Path | None = None


def _start_folder() -> Path:
    """Where file dialogs open: the last folder used, else Documents (never the app's own folder)."""
    if _last_folder is not None and _last_folder.is_dir():
        return _last_folder
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def forget_qt_folder_history() -> None:
    """Qt's own file dialog writes the folders it visited ("history", "lastVisited") to its settings
    file (QtProject.conf on Linux) when it closes. A folder name can name a child, so they are removed
    after every dialog, and at start-up for anything an earlier version left."""
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.beginGroup("FileDialog")
    if settings.contains("history") or settings.contains("lastVisited"):
        settings.remove("history")
        settings.remove("lastVisited")
        settings.endGroup()
        settings.sync()


def _chosen(path: str) -> Path | None:
    global _last_folder
    forget_qt_folder_history()
    if not path:
        return None
    _last_folder = Path(path).parent
    return Path(path)


def problems_box(parent: QWidget | None, title: str, problems: tuple[Problem, ...] | list[Problem],
                 intro: str = "") -> QMessageBox:
    """The message listing ``problems`` in plain words (the first eight; all under Show Details)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title,
                      intro or f"There are {len(problems)} problem(s). Nothing was changed.",
                      QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText("\n\n".join(p.plain() for p in list(problems)[:8]))
    if len(problems) > 8:
        box.setDetailedText("\n\n".join(p.plain() for p in problems))
    return box


def show_problems(parent: QWidget | None, title: str, problems: tuple[Problem, ...] | list[Problem],
                  intro: str = "") -> None:
    problems_box(parent, title, problems, intro).exec()


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str, yes: str, no: str = "Cancel") -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is yes_button


def ask_open_path(parent: QWidget | None, title: str, filters: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, str(_start_folder()), filters)
    return _chosen(path)


def ask_open_paths(parent: QWidget | None, title: str, filters: str) -> list[Path]:
    paths, _ = QFileDialog.getOpenFileNames(parent, title, str(_start_folder()), filters)
    forget_qt_folder_history()
    if paths:
        _chosen(paths[0])
    return [Path(p) for p in paths]


def ask_folder(parent: QWidget | None, title: str) -> Path | None:
    path = QFileDialog.getExistingDirectory(parent, title, str(_start_folder()))
    forget_qt_folder_history()
    if not path:
        return None
    _chosen(str(Path(path) / "."))
    return Path(path)


def ask_text(parent: QWidget | None, title: str, label: str, suggested: str = "") -> str | None:
    """A short line of text (a child's label), or None if the person cancels."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, suggested)
    return text if ok else None


def ask_save_path(parent: QWidget | None, title: str, suggested: str, filters: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, str(_start_folder() / suggested), filters)
    return _chosen(path)


def ask_print(parent: QWidget | None, printer: QPrinter) -> bool:
    from PySide6.QtPrintSupport import QPrintDialog

    dialog = QPrintDialog(printer, parent)
    return bool(dialog.exec() == QPrintDialog.DialogCode.Accepted)
