"""The children of an assessment, above the list of steps: which child is shown, add one, remove one.

Only renders and forwards: the session (core/household_session.py) keeps the children, and the main
window moves between them.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QVBoxLayout, QWidget

from .widgets import FOCUS_STYLE, WheelSafeComboBox


class HouseholdBar(QWidget):
    """"Add a child" (a brother or sister) for one child; a choice of child and "Remove child" for several."""

    add_child = Signal()
    remove_child = Signal()
    show_child = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        self.heading = QLabel("Child sho&wn:")
        self.child_choice = WheelSafeComboBox()
        self.child_choice.setAccessibleName("Child shown")
        self.child_choice.setAccessibleDescription("Each child of the household has an outcome of their own; "
                                               "answers about the family are shared")
        self.child_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.heading.setBuddy(self.child_choice)
        self.add_button = QPushButton("Add a chil&d...")
        self.add_button.setAccessibleName("Add a brother or sister to this assessment")
        # Short words: the list of areas beside them is narrow on a small screen at large text.
        self.remove_button = QPushButton("Remove child")
        self.remove_button.setAccessibleName("Remove the child shown from this assessment")
        # One above the other: the list of areas beside them is narrow at large text sizes.
        layout.addWidget(self.heading)
        layout.addWidget(self.child_choice)
        layout.addWidget(self.add_button)
        layout.addWidget(self.remove_button)
        for widget in (self.child_choice, self.add_button, self.remove_button):
            widget.setStyleSheet(FOCUS_STYLE)
        self.add_button.clicked.connect(self.add_child)
        self.remove_button.clicked.connect(self.remove_child)
        self.child_choice.activated.connect(self.show_child)
        self.show_children([], 0)

    def show_children(self, labels: list[str], current: int) -> None:
        """List the children (hidden while there is only one) and mark the one shown."""
        several = len(labels) > 1
        self.child_choice.blockSignals(True)
        self.child_choice.clear()
        self.child_choice.addItems(labels)
        self.child_choice.setCurrentIndex(current)
        self.child_choice.blockSignals(False)
        for widget in (self.heading, self.child_choice, self.remove_button):
            widget.setVisible(several)
