"""The Qt binding the app is installed with must not corrupt Python's own objects.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a method that returns
nothing (setText, setToolTip, setData...). After a few thousand calls (a profile run of the main
window aborted within 200 answers) the interpreter aborts ("deallocating None") and the referrer loses
their work. From Python 3.12 None is immortal and the counts no longer move.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem


def test_calls_into_qt_keep_python_reference_counts(qapp) -> None:
    label = QLabel()
    tree = QTreeWidget()
    item = QTreeWidgetItem(tree, ["area"])
    before = sys.getrefcount(None)
    for _ in range(300):
        label.setText("a")
        item.setToolTip(0, "a")
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, "a")
        item.data(0, Qt.ItemDataRole.UserRole)  # no data: None
    assert abs(sys.getrefcount(None) - before) < 50
